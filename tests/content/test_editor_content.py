"""The editors' content: what every batch an editor adds must satisfy, and nothing else.

Each test here is a rule of `make check` (one rule, one place: the check is where it is enforced; these tests
make sure the shipped content and a new batch both keep it). They run twice, through `editor_content`: on a
copy of content/ as it is, and with the canary batch of tests/canary/ added by the editors' own tools. A test
that pins today's content (a count, a first result, a unit) fails on the canary here, in the project's own CI,
before an editor meets it. Behaviour (finder, indexes, editions) is tested on the fixture compendium instead.
"""

from __future__ import annotations

import datetime as dt
import json

import jsonschema
import pytest

from compendium.cli import check
from compendium.content.frontmatter import parse_document
from compendium.content.loader import load_compendium
from compendium.content.schema import SCHEMA_FILES

pytestmark = pytest.mark.content


def test_make_check_passes_with_no_warning(editor_content, capsys):
    # `make check` is `check_content.py content`; warnings fail it as they fail the strict build.
    assert check.main([str(editor_content)]) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    cases = len(list((editor_content / "cases").rglob("*.md")))
    notices = len(list((editor_content / "notices").glob("*.md")))
    assert f"{cases} 个案例，{notices} 份通知，" in out, out


def test_the_check_reads_every_case_and_notice_file(editor_content):
    # A file the loader skipped would be a file the check never looked at.
    compendium = load_compendium(editor_content).compendium
    assert {c.path for c in compendium.cases} == {
        p.relative_to(editor_content).as_posix() for p in (editor_content / "cases").rglob("*.md")
    }
    assert {n.slug for n in compendium.notices} == {p.stem for p in (editor_content / "notices").glob("*.md")}


def _as_json(meta: dict) -> dict:
    # An editor's YAML tools see a date as the string it is written as.
    return json.loads(json.dumps(meta, default=lambda v: v.isoformat() if isinstance(v, dt.date) else str(v)))


@pytest.mark.parametrize("kind, folder", [("case", "cases"), ("notice", "notices")])
def test_the_editors_schema_accepts_what_the_check_accepts(editor_content, kind, folder):
    # `make check` writes content/_data/schema/ from the vocabularies: the schema an editor's VS Code uses must
    # take every file the check passes (a new collection id, a new theme).
    check.main([str(editor_content)])
    schema = json.loads((editor_content / SCHEMA_FILES[kind]).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((editor_content / folder).rglob("*.md")):
        doc, problems = parse_document(path.name, path.read_bytes())
        assert problems == [], path
        assert [e.message for e in validator.iter_errors(_as_json(doc.meta))] == [], path
