"""Regions from a unit's name (issue 17): a city's short name at the start, an autonomous county's short form,
while a university's name stays no place."""

import pytest


@pytest.mark.parametrize(
    "unit, expected",
    [
        ("武汉儿童医院", ["湖北省", "武汉市"]),
        ("贵州省紫云自治县人民医院", ["贵州省", "安顺市", "紫云苗族布依族自治县"]),
        ("重庆市公共卫生医疗救治中心", ["重庆市"]),
        ("厦门市思明区人民医院", ["福建省", "厦门市", "思明区"]),
        ("中山大学附属第一医院", []),
        ("苏州大学附属儿童医院", []),
        ("南昌大学第一附属医院", []),
        ("长春中医药大学附属医院", []),
        ("吉林大学第一医院", []),  # 吉林 is a province too: no city by that short name alone
        ("北京大学人民医院", []),
    ],
)
def test_a_unit_names_its_region_when_its_name_says_it(compendium, unit, expected):
    path, _ = compendium.taxonomy.regions.infer(unit)
    assert [region.name for region in path] == expected
