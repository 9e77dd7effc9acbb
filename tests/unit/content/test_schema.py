"""The editors' JSON Schemas agree with the content check and are up to date."""

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from compendium.cli import make_schema
from compendium.content.schema import SCHEMA_FILES
from conftest import CONTENT, ROOT

BROKEN = ROOT / "tests" / "broken"
# Broken files whose fault is in the front matter's shape, which a schema can see.
SCHEMA_VISIBLE = [
    "missing-title",
    "missing-unit",
    "missing-themes",
    "missing-collection",
    "title-is-a-list",
    "title-is-a-mapping",
    "year-in-chinese-numerals",
    "year-out-of-range",
    "number-zero",
    "number-is-text",
    "unknown-theme",
    "themes-not-a-list",
    "traditional-theme",
    "region-wrong-type",
    "unknown-collection",
    "unknown-field",
    "engine-template-field",
]


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((CONTENT / SCHEMA_FILES[kind]).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _as_json(meta: dict) -> dict:
    # An editor's YAML tools see a date as the string it is written as.
    return json.loads(json.dumps(meta, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


def test_committed_schemas_are_up_to_date(capsys):
    assert make_schema.main([str(CONTENT), "--check"]) == 0, capsys.readouterr().err


@pytest.mark.parametrize("name", SCHEMA_VISIBLE)
def test_schema_rejects_what_the_check_rejects(name):
    meta = yaml.safe_load((BROKEN / f"{name}.md").read_text("utf-8").split("---")[1])
    assert list(_validator("case").iter_errors(_as_json(meta))), name


def test_vscode_is_wired_to_the_schemas():
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text("utf-8"))
    wired = {Path(schema).as_posix().lstrip("./") for schema in settings["yaml.schemas"]}
    assert wired == {f"content/{p}" for p in SCHEMA_FILES.values()}
