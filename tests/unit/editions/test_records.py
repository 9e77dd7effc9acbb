"""cases.json, cases.csv and datapackage.json on the fixture compendium (editions/records.py)."""

import csv
import io
import json

from compendium.editions.records import EXPORT_FIELDS, datapackage, export_records, records_csv, records_json


def test_records_in_published_order_with_their_urls(compendium):
    records = export_records(compendium, lambda src: "u/" + src)
    assert len(records) == len(compendium.cases)
    assert [r["collection"] for r in records] == sorted(
        (r["collection"] for r in records), key=[r["collection"] for r in records].index
    )  # grouped by collection
    first = records[0]
    assert list(first) == EXPORT_FIELDS and first["url"].startswith("u/cases/")
    case = compendium.case_by_path(first["url"].removeprefix("u/"))
    assert first["region"] == [r.name for r in case.regions] and first["themes"] == [t.name for t in case.themes]
    assert json.loads(records_json(records)) == records


def test_the_csv_opens_in_a_spreadsheet_and_runs_no_formula(compendium):
    records = export_records(compendium, lambda src: src)
    records[0] = records[0] | {"title": '=HYPERLINK("http://x")', "keywords": ["甲", "乙"]}
    text = records_csv(records)
    assert text.startswith("\ufeff") and "\r\n" in text
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[0]["title"] == '\'=HYPERLINK("http://x")' and rows[0]["keywords"] == "甲; 乙"
    assert len(rows) == len(records)


def test_the_datapackage_describes_each_column(compendium):
    package = json.loads(datapackage("jiankang", "健康", "说明"))
    fields = package["resources"][0]["schema"]["fields"]
    assert [f["name"] for f in fields] == EXPORT_FIELDS
    types = {f["name"]: f["type"] for f in fields}
    assert types["year"] == types["number"] == "integer" and types["date"] == "date" and types["title"] == "string"
    assert package["resources"][0]["encoding"] == "utf-8-sig"
