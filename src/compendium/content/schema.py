"""JSON Schemas of case and notice front matter, for editors' tools (VS Code, linters).

Generated from the same field table (model.CASE_FIELDS) and vocabularies
(themes, collections, regions) that the validation uses, so the two cannot
drift apart; `scripts/make_schema.py` writes them to content/_data/schema/,
and a test checks that the committed files are up to date.  The schema is a
convenience that catches the common slips as an editor types; the content
check stays the authority (it also knows lines, duplicates and links).
"""

from __future__ import annotations

import json
from pathlib import Path

from compendium.content.validation import ENGINE_FIELDS, YEAR_MIN
from compendium.content.vocabularies import load_taxonomy
from compendium.model.compendium import CASE_FIELDS, NOTICE_FIELDS, NOTICE_KINDS
from compendium.model.taxonomy import Taxonomy

__all__ = ["case_schema", "notice_schema", "SCHEMA_FILES", "schema_texts", "write_schemas"]

SCHEMA_DIR = "_data/schema"
SCHEMA_FILES = {"case": f"{SCHEMA_DIR}/case.schema.json", "notice": f"{SCHEMA_DIR}/notice.schema.json"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD"}
_TEXT_LIST = {"type": "array", "items": {"type": "string", "minLength": 1}}


def _front_matter_schema(kind: str, label: str, fields: dict, properties: dict) -> dict:
    """The schema of one kind of file: its fields (described from the field table), the engine's, nothing else."""
    for name, (_, description) in fields.items():
        properties[name] = {"description": description, **properties.get(name, {})}
    engine = {
        "hide": {"type": "array", "items": {"enum": list(ENGINE_FIELDS["hide"])}},
        "description": {"type": "string", "maxLength": 300},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{label} {kind} front matter",
        "description": f"Front matter of a {kind} file under content/{kind}s/. See README.md, 'Content model'.",
        "type": "object",
        "required": [name for name, (required, _) in fields.items() if required],
        "properties": {**properties, **engine},
        "additionalProperties": False,
    }


def case_schema(taxonomy: Taxonomy) -> dict:
    # Names, aliases and the 父/子 paths that tell apart themes of the same name.
    theme_names = sorted(
        {n for t in taxonomy.themes.values() for n in (t.name, *t.aliases)}
        | {"/".join(x.name for x in taxonomy.theme_path(t)) for t in taxonomy.themes.values() if t.parent}
    )
    top_level = [r.name for r in taxonomy.regions.top_level()]
    return _front_matter_schema(
        "case",
        "案例",
        CASE_FIELDS,
        {
            "title": {"type": "string", "minLength": 1, "maxLength": 200},
            "unit": {"type": "string", "minLength": 1, "maxLength": 200},
            "region": {
                "type": "array",
                "minItems": 1,
                "maxItems": 4,
                "prefixItems": [{"enum": top_level}],
                "items": {"type": "string"},
            },
            # The check's upper bound is next year; a schema that changed every January would churn.
            "year": {"type": "integer", "minimum": YEAR_MIN, "maximum": 2100},
            "themes": {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": theme_names}},
            "collection": {"enum": list(taxonomy.collections)},
            "number": {"type": "integer", "minimum": 1, "maximum": 9999},
            "summary": {"type": "string", "maxLength": 2000},
            "keywords": _TEXT_LIST,
            "source": {"type": "string", "maxLength": 500},
            "date": _DATE,
            "authors": {"oneOf": [{"type": "string"}, _TEXT_LIST]},
        },
    )


def notice_schema(taxonomy: Taxonomy) -> dict:
    return _front_matter_schema(
        "notice",
        "通知",
        NOTICE_FIELDS,
        {
            "title": {"type": "string", "minLength": 1, "maxLength": 300},
            "doc_number": {"type": "string", "maxLength": 100},
            "issuers": {"oneOf": [{"type": "string"}, _TEXT_LIST]},
            "date": _DATE,
            "kind": {"type": "string", "examples": list(NOTICE_KINDS)},
            "collection": {"enum": list(taxonomy.collections)},
            "recipients": {"type": "string", "maxLength": 1000},
            "source": {"type": "string", "maxLength": 500},
            "official": {"type": "boolean", "default": True},
        },
    )


def schema_texts(taxonomy: Taxonomy) -> dict[str, str]:
    """Content-relative path → JSON text of each schema file."""
    schemas = {"case": case_schema(taxonomy), "notice": notice_schema(taxonomy)}
    return {
        SCHEMA_FILES[kind]: json.dumps(schema, ensure_ascii=False, indent=2) + "\n" for kind, schema in schemas.items()
    }


def write_schemas(content: Path, check: bool = False, taxonomy: Taxonomy | None = None) -> list[tuple[Path, str]]:
    """(file, 'up to date' | 'wrote' | 'out of date') for each schema of a content folder."""
    results = []
    for relative, text in schema_texts(taxonomy or load_taxonomy(content)).items():
        path = content / relative
        if path.exists() and path.read_text("utf-8") == text:
            results.append((path, "up to date"))
        elif check:
            results.append((path, "out of date"))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            results.append((path, "wrote"))
    return results
