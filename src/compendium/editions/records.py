"""`cases.json` and `cases.csv`: every case's metadata, for researchers and for checks.

Keys are the front matter field names, plus `url` (relative to the site
root).  Lists are JSON arrays in the JSON file and joined with '; ' in the
CSV.  The CSV starts with a byte-order mark so that spreadsheet programs read
it as UTF-8, and a cell that a spreadsheet would run as a formula (= + - @ at
its start) is prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Callable

from compendium.model.compendium import Case, Compendium
from compendium.model.fields import BOOLEAN, CASE_FIELDS, DATE, INTEGER
from compendium.model.ordering import as_published
from compendium.site.paths import CASES_CSV, CASES_JSON

__all__ = ["EXPORT_FIELDS", "export_records", "records_json", "records_csv", "datapackage"]

EXPORT_FIELDS = [f.name for f in CASE_FIELDS if f.export] + ["url"]
"""The columns of cases.csv and the keys of cases.json: the fields declared for export (model.fields), then url."""
URL_TITLE = "案例页地址（相对于网站根目录）"


def _record(case: Case, url: str) -> dict:
    return case.record.front_matter() | {"url": url}


def export_records(compendium: Compendium, url_of: Callable[[str], str]) -> list[dict]:
    """One record per case, in collection order; `url_of` maps a case's source path to its URL."""
    cases = sorted(compendium.cases, key=as_published)
    return [_record(case, url_of(case.path)) for case in cases]


def records_json(records: list[dict]) -> str:
    return json.dumps(records, ensure_ascii=False, indent=1) + "\n"


def _cell(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def records_csv(records: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(EXPORT_FIELDS)
    for record in records:
        writer.writerow([_cell(record[field]) for field in EXPORT_FIELDS])
    return "\ufeff" + out.getvalue()


def datapackage(name: str, title: str, description: str) -> str:
    """`datapackage.json` (Frictionless Data Package) describing cases.csv and cases.json, field by field."""
    types = {INTEGER: {"type": "integer"}, BOOLEAN: {"type": "boolean"}, DATE: {"type": "date", "format": "%Y-%m-%d"}}
    fields = [
        {"name": f.name, "title": f.column_title} | types.get(f.kind, {"type": "string"})
        for f in CASE_FIELDS
        if f.export
    ]
    fields.append({"name": "url", "title": URL_TITLE, "type": "string"})
    package = {
        "name": name,
        "title": title,
        "description": description,
        "resources": [
            {
                "name": "cases",
                "path": CASES_CSV,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {"fields": fields, "missingValues": [""]},
            },
            {"name": "cases-json", "path": CASES_JSON, "format": "json", "mediatype": "application/json"},
        ],
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"
