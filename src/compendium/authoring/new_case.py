"""A new case file, ready for an editor to fill in: the core of scripts/new_case.py.

From a collection, a unit, a title and themes it works out what an editor
would otherwise look up: the region (read from the unit's name), the next
free number in the collection, the year, and an ASCII pinyin file name.  The
result is checked with the same validation as the build before anything is
written, and an existing file is never replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compendium.authoring.existing import ExistingCase, existing_cases
from compendium.authoring.notice_import import case_slug
from compendium.authoring.units import known_units
from compendium.content.frontmatter import parse_document, render_front_matter
from compendium.content.loader import CASES_DIR, SLUG
from compendium.content.validation import PLACEHOLDER_BODY, validate_case
from compendium.errors import Problem
from compendium.messages import t
from compendium.model.taxonomy import Taxonomy

__all__ = ["NewCase", "plan_new_case"]


@dataclass
class NewCase:
    path: Path
    text: str
    fields: dict
    notes: list[str] = field(default_factory=list)
    """What was worked out for the editor (region, number, slug), to print."""


def _existing(cases: list[ExistingCase], collection_id: str) -> tuple[set[str], set[int]]:
    """Slugs of every case file, and the numbers already taken in one collection (read leniently)."""
    numbers = {
        case.meta["number"]
        for case in cases
        if case.collection == collection_id and isinstance(case.meta.get("number"), int)
    }
    return {case.path.stem for case in cases}, numbers


def plan_new_case(
    content_dir: Path,
    taxonomy: Taxonomy,
    *,
    collection: str,
    unit: str,
    title: str,
    themes: list[str],
    region: list[str] | None = None,
    year: int | None = None,
    number: int | None = None,
    slug: str | None = None,
    summary: str = "",
    keywords: list[str] | None = None,
) -> tuple[NewCase | None, list[Problem]]:
    """The file to write, or the problems that prevent it (each with how to fix it)."""
    notes: list[str] = []
    problems: list[Problem] = []
    known = taxonomy.collections.get(collection)
    cases_there = existing_cases(content_dir)
    slugs, numbers = _existing(cases_there, collection)

    if region is None and (given := known_units(cases_there, taxonomy).get(unit)):
        region = [r.name for r in given]
        notes.append(t("region {names} as given before for this unit", names="/".join(region)))
    if region is None:
        path, _ = taxonomy.regions.infer(unit)
        region = [r.name for r in path]
        notes.append(
            t("region {names} read from the unit's name", names="/".join(region))
            if region
            else t("no region found in the unit's name: give --region")
        )
    if year is None and known is not None:
        year = known.year
    if number is None:
        number = max(numbers, default=0) + 1
        notes.append(t("number {number}: the next free number in {id}", number=str(number), id=collection))
    if slug is None:
        slug = case_slug(unit, taxonomy)
        base, n = slug, 2
        while slug in slugs:
            slug, n = f"{base}-{n}", n + 1
        notes.append(t("file name {name} from the unit's pinyin", name=f"{slug}.md"))

    fields = {
        "title": title,
        "unit": unit,
        "region": region,
        "year": year,
        "themes": themes,
        "collection": collection,
        "number": number,
    }
    if summary:
        fields["summary"] = summary
    if keywords:
        fields["keywords"] = keywords
    fields = {k: v for k, v in fields.items() if v not in (None, [], "")}
    full_text = known.full_text if known is not None else False
    text = render_front_matter(fields) + ("\n" + PLACEHOLDER_BODY + "\n" if full_text else "")
    relative = f"{CASES_DIR}/{collection}/{slug}.md"

    if not SLUG.fullmatch(slug):
        problems.append(
            Problem(
                relative,
                t("{what} name '{name}' is not an ASCII slug", what=t("file"), name=slug),
                line=1,
                hint=t("use lowercase pinyin words joined by '-', e.g. jilin-changchun-renminyiyuan"),
            )
        )
    elif slug in slugs:
        problems.append(
            Problem(
                relative,
                t("a case file named {name} already exists", name=f"{slug}.md"),
                line=1,
                hint=t("choose another --slug; an existing case is never replaced"),
            )
        )
    if number in numbers:
        problems.append(
            Problem(
                relative,
                t("number {number} is already used in collection {id}", number=str(number), id=collection),
                field="number",
                line=1,
                hint=t("leave --number out to take the next free one"),
            )
        )
    # The text is the editor's to write: check the front matter as if it were there already.
    as_written = render_front_matter(fields) + ("\n正文。\n" if full_text else "")
    doc, parse_problems = parse_document(relative, as_written.encode("utf-8"))
    problems += parse_problems
    if doc is not None:
        _, errors, _ = validate_case(doc, taxonomy, slug)
        problems += errors
    if problems:
        return None, problems
    return NewCase(content_dir / relative, text, fields, notes), []
