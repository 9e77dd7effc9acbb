"""Adding a field to cases is one declaration (README, "Adding a field").

In a copy of the project, one `Field` is added to CASE_FIELDS in compendium/model/fields.py, and nothing else of
the code: three cases of the fixture compendium get the field in their front matter, the copy is built with its
own package (PYTHONPATH), and the field is on the case page's card, in cases.json, cases.csv and
datapackage.json, in the editors' JSON Schema, and offered as a facet of the finder in the browser.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from conftest import ROOT, build_site, copy_project, open_finder, result_cases, served

DECLARATION = (
    '    Field("funding", "资助", "the programme that funded the work", TEXT, card=True, '
    'facets=(Facet("funding", "资助", in_result=True),)),\n'
)
FUNDED = {
    "gjtwbh-2021-3/chongqing": "省级专项",
    "gjtwbh-2021-3/hubei-wuhan": "省级专项",
    "gjtwbh-2021-3/gansu-lanzhou": "国家重点研发计划",
}


def _declare(package: Path) -> None:
    """Add the field's declaration after the `date` field of CASE_FIELDS: the only edit to the code."""
    fields = package / "model" / "fields.py"
    text = fields.read_text("utf-8")
    anchor = '    Field("date", "日期",'
    assert text.count(anchor) == 1
    fields.write_text(text.replace(anchor, DECLARATION + anchor), "utf-8")


def _give(content: Path, case: str, value: str) -> None:
    path = content / "cases" / f"{case}.md"
    text = path.read_text("utf-8")
    path.write_text(text.replace("\n---\n", f"\nfunding: {value}\n---\n", 1), "utf-8")


@pytest.fixture(scope="module")
def funded_site(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("field")
    project = copy_project(work / "project")
    shutil.copytree(ROOT / "src" / "compendium", project / "src" / "compendium")
    _declare(project / "src" / "compendium")
    for case, value in FUNDED.items():
        _give(project / "content", case, value)
    site = work / "site"
    result = build_site(project, site, env={"PYTHONPATH": str(project / "src")})
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def test_the_field_is_on_the_case_card(funded_site):
    html = (funded_site / "cases" / "gjtwbh-2021-3" / "chongqing" / "index.html").read_text("utf-8")
    assert '<dt>资助</dt><dd class="cc-meta__funding">省级专项</dd>' in html
    other = (funded_site / "cases" / "gjtwbh-2021-3" / "hebei-baoding" / "index.html").read_text("utf-8")
    assert "<dt>资助</dt>" not in other  # a case without it has no empty row


def test_the_field_is_in_the_three_exports(funded_site):
    records = json.loads((funded_site / "cases.json").read_text("utf-8"))
    by_case = {r["url"].strip("/").removeprefix("cases/"): r.get("funding") for r in records}
    assert {case: by_case[case] for case in FUNDED} == FUNDED
    assert by_case["gjtwbh-2021-3/hebei-baoding"] == ""
    rows = list(csv.DictReader(io.StringIO((funded_site / "cases.csv").read_text("utf-8-sig"))))
    assert sorted(r["funding"] for r in rows if r["funding"]) == sorted(FUNDED.values())
    package = json.loads((funded_site / "datapackage.json").read_text("utf-8"))
    fields = package["resources"][0]["schema"]["fields"]
    assert {"name": "funding", "title": "资助", "type": "string"} in fields


def test_the_field_is_in_the_editors_schema(funded_site):
    schema = json.loads(
        (funded_site.parent / "project" / "content" / "_data" / "schema" / "case.schema.json").read_text()
    )
    assert schema["properties"]["funding"] == {
        "description": "资助 the programme that funded the work",
        "type": "string",
        "maxLength": 300,
    }
    assert "funding" not in schema["required"]


def test_the_field_is_a_facet_of_the_finder(funded_site, page):
    with served(funded_site) as url:
        open_finder(page, url + "finder/", funding="省级专项")
        assert page.locator(".cc-finder__facets label", has_text="资助").count() == 1
        assert sorted(result_cases(page)) == sorted(c for c, v in FUNDED.items() if v == "省级专项")
        options = page.locator("select[name=funding] option").all_inner_texts()
        assert options == ["全部资助", "国家重点研发计划（1）", "省级专项（2）"]
        # its value shows on each result's line, and choosing another value finds its case
        assert "省级专项" in page.locator(".cc-finder__meta").first.inner_text()
        page.select_option("select[name=funding]", "国家重点研发计划")
        page.wait_for_function("location.search.includes('funding=')")
        page.wait_for_selector(".cc-finder__status:has-text('找到 1 个案例')")
        assert result_cases(page) == ["gjtwbh-2021-3/gansu-lanzhou"]
        assert page.console_errors == []
