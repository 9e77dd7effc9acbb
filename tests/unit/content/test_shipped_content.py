"""The compendium ships with real content, finished as an editor would."""

import pytest

from conftest import CONTENT


def test_every_case_file_and_notice_is_loaded(compendium):
    # Counted from the files, so that a new case or collection is welcome: no count is pinned here.
    folders = sorted(p for p in (CONTENT / "cases").iterdir() if p.is_dir())
    for folder in folders:
        assert {c.path for c in compendium.cases if c.path.startswith(f"cases/{folder.name}/")} == {
            f"cases/{folder.name}/{p.name}" for p in folder.glob("*.md")
        }
    assert {n.slug for n in compendium.notices} == {p.stem for p in (CONTENT / "notices").glob("*.md")}
    # The shipped originals are all there: the 2021 notice's 18 full cases and the 2024 list of 51.
    assert len(compendium.cases_in("gjtwbh-2021-3")) >= 18
    assert len(compendium.cases_in("gwbxch-2024-471")) >= 51


@pytest.mark.parametrize(
    "unit, region",
    [
        ("苏州大学附属儿童医院", "江苏省苏州市"),
        ("海军军医大学第二附属医院", "上海市杨浦区"),
        ("中山大学附属第一医院", "广东省广州市"),
        ("武汉儿童医院", "湖北省武汉市"),
        ("江西省瑞金市人民医院", "江西省赣州市瑞金市"),
        ("贵州省紫云自治县人民医院", "贵州省安顺市紫云苗族布依族自治县"),
        ("吉林省长春市朝阳区桂林街道", "吉林省长春市朝阳区"),
    ],
)
def test_regions_are_right(compendium, unit, region):
    case = next(c for c in compendium.cases if c.unit == unit)
    assert case.region_label == region


def test_every_case_has_a_province_city_and_theme(compendium):
    municipalities = {"北京市", "天津市", "上海市", "重庆市"}
    for case in compendium.cases:
        assert case.themes, case.path
        # Without a city: a whole province (the 2021 provincial cases), or a unit in a municipality, which
        # may name no district; a property, not a list of today's units.
        assert case.city is not None or case.unit == case.province.name or case.province.name in municipalities, (
            case.path
        )
