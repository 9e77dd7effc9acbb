"""Regions that learn (issue 17): content/_data/units.yml, filled from the shipped cases, gives every hospital of
the 2024 list its region on a fresh import; a unit given its region once is known to new_case.py; a bad entry is
named with its line."""

from __future__ import annotations

import shutil

import pytest

from compendium.authoring.new_case import plan_new_case
from compendium.authoring.notice_import import parse_notice, plan_import
from compendium.cli import update_units
from compendium.content.vocabularies import load_taxonomy
from compendium.errors import TaxonomyError
from conftest import CONTENT, SOURCES

LISTED = "gwbxch-2024-471"


def fresh_content(tmp_path):
    """A content folder with the shipped vocabularies (units.yml too) and no cases."""
    out = tmp_path / "content"
    shutil.copytree(CONTENT / "_data", out / "_data")
    (out / "_data" / "collections.yml").write_text("[]\n", "utf-8")
    return out


def test_every_listed_hospital_gets_the_region_its_case_has(tmp_path, compendium):
    content = fresh_content(tmp_path)
    notice = parse_notice((SOURCES / f"{LISTED}.txt").read_text("utf-8"))
    files, _, warnings = plan_import(notice, load_taxonomy(content), content)
    planned = {}
    for file in files:
        if file.path.parent.name == LISTED:
            fields = dict(line.split(": ", 1) for line in file.text.split("---")[1].strip().splitlines())
            planned[fields["unit"]] = fields["region"]
    shipped = {case.unit: f"[{', '.join(r.name for r in case.regions)}]" for case in compendium.cases_in(LISTED)}
    # every hospital of the list (a case an editor adds to the collection later is not in the notice)
    assert len(planned) == len(notice.cases) and {unit: shipped[unit] for unit in planned} == planned
    assert not [w for w in warnings if w.field == "region"]


def test_units_yml_is_what_the_cases_give(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    units = content / "_data" / "units.yml"
    shipped = [line for line in units.read_text("utf-8").splitlines() if not line.startswith("#")]
    # the cases give back every unit of the shipped file, as it stands (more, when editors add such cases)
    units.unlink()
    assert update_units.main(["--content", str(content)]) == 0
    made = units.read_text("utf-8")
    assert shipped and all(line in made.splitlines() for line in shipped)
    # an editor's entry stays as it is, and a second run changes nothing
    units.write_text(made + "某某大学附属医院: [江苏省, 南京市]\n", "utf-8")
    assert update_units.main(["--content", str(content)]) == 0
    assert "某某大学附属医院: [江苏省, 南京市]" in units.read_text("utf-8")
    capsys.readouterr()
    assert update_units.main(["--content", str(content)]) == 0
    assert "up to date" in capsys.readouterr().out


def test_new_case_knows_a_unit_given_its_region_before(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    taxonomy = load_taxonomy(content)
    made, problems = plan_new_case(
        content, taxonomy, collection=LISTED, unit="北京大学第三医院", title="新的案例", themes=["强化健康教育"]
    )
    assert problems == [] and made.fields["region"] == ["北京市", "海淀区"]


@pytest.mark.parametrize(
    "entry, message",
    [
        ("北京大学第三医院: [北京市, 海淀县]\n", "“海淀县”不是北京市下的行政区划；是否应为“海淀区”？"),
        ("北京大学第三医院: 北京市海淀区\n", "单位的地区应是名称列表"),
    ],
)
def test_a_bad_entry_is_named_with_its_line(tmp_path, entry, message):
    content = fresh_content(tmp_path)
    (content / "_data" / "units.yml").write_text("# 单位与地区\n" + entry, "utf-8")
    with pytest.raises(TaxonomyError) as error:
        load_taxonomy(content)
    [problem] = error.value.problems
    assert problem.path.endswith("units.yml") and problem.line == 2 and message in problem.format()
