"""JSON Schemas of case and notice front matter, for editors' tools (VS Code, linters).

Generated from the same field declarations (model.fields) and vocabularies
(themes, collections, regions) that the validation uses, so the two cannot
drift apart; `scripts/make_schema.py` writes them to content/_data/schema/,
and a test checks that the committed files are up to date.  The schema is a
convenience that catches the common slips as an editor types; the content
check stays the authority (it also knows lines, duplicates and links).
"""

from __future__ import annotations

import json
from pathlib import Path

from compendium.content.validation import ENGINE_FIELDS
from compendium.content.vocabularies import load_taxonomy
from compendium.model.compendium import NOTICE_KINDS
from compendium.model.fields import (
    BOOLEAN,
    CASE_FIELDS,
    COLLECTION,
    DATE,
    INTEGER,
    NOTICE_FIELDS,
    PARAGRAPH,
    REGION,
    TEXT,
    TEXTS,
    THEMES,
    Field,
)
from compendium.model.taxonomy import Taxonomy

__all__ = ["case_schema", "notice_schema", "SCHEMA_FILES", "schema_texts", "write_schemas"]

SCHEMA_DIR = "_data/schema"
SCHEMA_FILES = {"case": f"{SCHEMA_DIR}/case.schema.json", "notice": f"{SCHEMA_DIR}/notice.schema.json"}
SCHEMA_YEAR_MAX = 2100
"""The check's upper bound for a year is next year; a schema that changed every January would churn."""


def _property(f: Field, taxonomy: Taxonomy) -> dict:
    """The schema of one field, from its declaration (model.fields) and the vocabularies."""
    if f.kind in (TEXT, PARAGRAPH):
        out = {"type": "string", "maxLength": f.max_len}
        return {**out, "minLength": 1} if f.required else out
    if f.kind == TEXTS:
        items = {"type": "array", "items": {"type": "string", "minLength": 1, "maxLength": f.max_len}}
        return {"oneOf": [{"type": "string"}, items]} if f.one_allowed else items
    if f.kind == INTEGER:
        return {"type": "integer", "minimum": f.low, "maximum": f.high if f.high is not None else SCHEMA_YEAR_MAX}
    if f.kind == DATE:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}
    if f.kind == BOOLEAN:
        return {"type": "boolean", "default": f.default}
    if f.kind == COLLECTION:
        return {"enum": list(taxonomy.collections)}
    if f.kind == REGION:
        top_level = [r.name for r in taxonomy.regions.top_level()]
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": 4,
            "prefixItems": [{"enum": top_level}],
            "items": {"type": "string"},
        }
    if f.kind == THEMES:
        # Names, aliases and the 父/子 paths that tell apart themes of the same name.
        names = sorted(
            {n for t in taxonomy.themes.values() for n in (t.name, *t.aliases)}
            | {"/".join(x.name for x in taxonomy.theme_path(t)) for t in taxonomy.themes.values() if t.parent}
        )
        return {"type": "array", "minItems": 1, "uniqueItems": True, "items": {"enum": names}}
    raise ValueError(f"{f.name}: unknown kind {f.kind}")


def _front_matter_schema(kind: str, label: str, fields: tuple[Field, ...], taxonomy: Taxonomy, extra=None) -> dict:
    """The schema of one kind of file: its fields as declared, the engine's, nothing else."""
    properties = {
        f.name: {"description": f.description, **_property(f, taxonomy), **(extra or {}).get(f.name, {})}
        for f in fields
    }
    engine = {
        "hide": {"type": "array", "items": {"enum": list(ENGINE_FIELDS["hide"])}},
        "description": {"type": "string", "maxLength": 300},
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": f"{label} {kind} front matter",
        "description": f"Front matter of a {kind} file under content/{kind}s/. See README.md, 'Content model'.",
        "type": "object",
        "required": [f.name for f in fields if f.required],
        "properties": {**properties, **engine},
        "additionalProperties": False,
    }


def case_schema(taxonomy: Taxonomy) -> dict:
    return _front_matter_schema("case", "案例", CASE_FIELDS, taxonomy)


def notice_schema(taxonomy: Taxonomy) -> dict:
    return _front_matter_schema("notice", "通知", NOTICE_FIELDS, taxonomy, {"kind": {"examples": list(NOTICE_KINDS)}})


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
