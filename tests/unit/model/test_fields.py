"""The field declarations (model/fields.py) and what reads them: each output lists exactly the declared fields."""

from compendium.content.schema import case_schema
from compendium.editions.book import BookCase
from compendium.editions.records import EXPORT_FIELDS, datapackage
from compendium.model.fields import CASE_FIELDS, NOTICE_FIELDS, PLAIN_KINDS


def test_names_are_unique_and_facets_too():
    for fields in (CASE_FIELDS, NOTICE_FIELDS):
        assert len({f.name for f in fields}) == len(fields)
    facets = [facet.name for f in CASE_FIELDS for facet in f.facets]
    assert len(set(facets)) == len(facets)


def test_the_exports_and_the_schema_follow_the_declarations(compendium):
    assert EXPORT_FIELDS == [f.name for f in CASE_FIELDS if f.export] + ["url"]
    import json

    described = [f["name"] for f in json.loads(datapackage("x", "x", ""))["resources"][0]["schema"]["fields"]]
    assert described == EXPORT_FIELDS
    schema = case_schema(compendium.taxonomy)
    assert set(schema["properties"]) - {"hide", "description"} == {f.name for f in CASE_FIELDS}
    assert schema["required"] == [f.name for f in CASE_FIELDS if f.required]


def test_plain_fields_are_in_a_case_s_values_and_its_record(compendium):
    case = next(c for c in compendium.cases if c.summary)
    plain = {f.name for f in CASE_FIELDS if f.kind in PLAIN_KINDS} - {"title", "unit", "year", "number"}
    assert set(case.values) == plain
    assert case.record.front_matter()["summary"] == case.summary
    assert case.record.value("region") == [r.name for r in case.regions]


def test_the_editions_print_the_fields_declared_for_print(compendium):
    case = next(c for c in compendium.cases if c.summary)
    printed = BookCase("a", case.record, "").printed
    assert printed == [case.summary]  # the summary, a paragraph, without its label
    bare = next(c for c in compendium.cases if not c.summary)
    assert BookCase("b", bare.record, "").printed == []


def test_the_readme_tables_list_exactly_the_declared_fields():
    """The editors read the fields in README's tables: a field declared is documented there, with whether it is
    required (the tables are the one copy written by hand; this keeps them true)."""
    import re

    from conftest import ROOT

    readme = (ROOT / "README.md").read_text("utf-8")
    for heading, fields in (("## Case files", CASE_FIELDS), ("## Notice files", NOTICE_FIELDS)):
        section = readme[readme.index(heading) :]
        section = section[: section.index("\n## ", 1)]
        rows = dict(re.findall(r"^\| `(\w+)` \| (yes|no) \|", section, re.M))
        assert rows == {f.name: "yes" if f.required else "no" for f in fields}, heading
