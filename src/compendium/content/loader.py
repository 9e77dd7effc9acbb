"""Read a content folder into a checked Compendium.

Layout: `cases/<collection>/<slug>.md`, `notices/<slug>.md`, reference pages in
`reference/`, vocabularies in `_data/` (see inventory.py for what else may be
there).  Every file is checked and every problem collected before anything
fails, so an editor sees the whole list at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from compendium.content.frontmatter import Document, parse_document
from compendium.content.inventory import SLUG, take_inventory
from compendium.content.links import body_links, link_problem
from compendium.content.safe_markdown import markup_problems
from compendium.content.validation import validate_case, validate_notice, validate_page
from compendium.content.vocabularies import load_taxonomy
from compendium.errors import ContentError, Problem, TaxonomyError
from compendium.messages import t
from compendium.model.compendium import Case, Compendium, Notice, Reference

__all__ = ["load_compendium", "LoadResult", "CASES_DIR", "NOTICES_DIR", "SLUG"]

CASES_DIR = "cases"
NOTICES_DIR = "notices"


@dataclass
class LoadResult:
    compendium: Compendium
    warnings: list[Problem] = field(default_factory=list)
    documents: dict[str, Document] = field(default_factory=dict)
    """Every page of the content folder, parsed: the build renders these, not its own reading of the files."""
    published: frozenset[str] = frozenset()
    """Every file of the content folder that the site may publish (pages and images)."""


def _body_problems(doc: Document, published: frozenset[str]) -> list[Problem]:
    problems = []
    for link in body_links(doc.body, doc.body_line):
        if found := link_problem(link, doc.path, published):
            problems.append(Problem(doc.path, found[0], line=link.line, hint=found[1]))
    for offset, what, how in markup_problems(doc.body):
        problems.append(Problem(doc.path, what, line=doc.body_line + offset, hint=how))
    return problems


def load_compendium(content_dir: str | Path) -> LoadResult:
    """Load and check everything; raise ContentError with all problems if anything is wrong."""
    root = Path(content_dir)
    inventory = take_inventory(root)
    errors: list[Problem] = list(inventory.problems)
    try:
        taxonomy = load_taxonomy(root)
    except TaxonomyError as error:
        raise ContentError(errors + error.problems) from None
    warnings: list[Problem] = []
    cases: list[Case] = []
    notices: list[Notice] = []
    references: list[Reference] = []
    documents: dict[str, Document] = {}
    published = inventory.published
    notice_files = {Path(f.path).stem for f in inventory.of_kind("notice")}

    # Every page the site renders is read here, once, and checked by the rules of its kind.
    for page in inventory.of_kind("case", "notice", "reference", "page"):
        path = root / page.path
        doc, problems = parse_document(page.path, path.read_bytes())
        errors.extend(problems)
        if doc is None:
            continue
        documents[page.path] = doc
        errors.extend(_body_problems(doc, published))
        if page.kind == "case":
            case, errs, warns = validate_case(doc, taxonomy, path.stem)
            cases += [case] if case else []
        elif page.kind == "notice":
            notice, errs, warns = validate_notice(doc, taxonomy, path.stem)
            notices += [notice] if notice else []
        else:
            errs, warns = validate_page(doc, reference=page.kind == "reference")
            if page.kind == "reference" and not errs:
                references.append(
                    Reference(page.path, str(doc.meta.get("title") or ""), str(doc.meta.get("source") or ""))
                )
        errors.extend(errs)
        warnings.extend(warns)

    _cross_check(cases, notices, notice_files, taxonomy, errors, warnings)
    if errors:
        raise ContentError(errors)
    compendium = Compendium(taxonomy=taxonomy, cases=cases, notices=notices, references=references)
    return LoadResult(compendium, warnings, documents, published)


def _cross_check(
    cases, notices, notice_files: set[str], taxonomy, errors: list[Problem], warnings: list[Problem]
) -> None:
    """Checks that need more than one file: duplicates and links between files."""
    seen_numbers: dict[tuple[str, int], str] = {}
    seen_cases: dict[tuple[str, str], str] = {}
    for case in cases:
        folder = Path(case.path).parent.name
        if folder != case.collection.id:
            warnings.append(
                Problem(
                    case.path,
                    t("is in folder '{folder}' but belongs to collection '{id}'", folder=folder, id=case.collection.id),
                    field="collection",
                    line=case.field_lines.get("collection"),
                    hint=t("move it to {folder}", folder=f"cases/{case.collection.id}/"),
                )
            )
        # File names need to be unique only within a collection's folder: case URLs hold the collection,
        # and the same city or hospital recurs from one collection to the next.
        key = (case.collection.id, case.number)
        if key in seen_numbers:
            errors.append(
                Problem(
                    case.path,
                    t(
                        "number {number} is also used by {other} in collection '{id}'",
                        number=str(case.number),
                        other=seen_numbers[key],
                        id=case.collection.id,
                    ),
                    field="number",
                    line=case.field_lines.get("number"),
                    hint=t("give each case of a collection its own number"),
                )
            )
        seen_numbers.setdefault(key, case.path)
        same = (case.unit, case.title)
        if same in seen_cases:
            errors.append(
                Problem(
                    case.path,
                    t("the same case (unit and title) is already in {other}", other=seen_cases[same]),
                    line=case.field_lines.get("title"),
                    hint=t("remove the copy"),
                )
            )
        seen_cases.setdefault(same, case.path)

    for collection in taxonomy.collections.values():
        # A notice file with errors of its own is reported once, above, not again as missing.
        if collection.notice and collection.notice not in notice_files:
            errors.append(
                Problem(
                    "_data/collections.yml",
                    t(
                        "collection '{id}' names notice '{notice}', but there is no {file}",
                        id=collection.id,
                        notice=collection.notice,
                        file=f"{NOTICES_DIR}/{collection.notice}.md",
                    ),
                    field="notice",
                    hint=t("add the notice or correct its name"),
                )
            )
    for notice in notices:
        if notice.collection:
            announced = taxonomy.collections[notice.collection].notice
            if announced != notice.slug:
                warnings.append(
                    Problem(
                        notice.path,
                        t(
                            "announces collection '{id}', whose 'notice' in _data/collections.yml is '{announced}'",
                            id=notice.collection,
                            announced=announced or "",
                        ),
                        field="collection",
                        line=notice.field_lines.get("collection"),
                        hint=t("make the two agree"),
                    )
                )
    # A collection's issuers are its notice's where it has one (Compendium.issuers_of): issuers written in
    # _data/collections.yml as well must be the same, or the collection page and the issuer index disagree.
    by_slug = {notice.slug: notice for notice in notices}
    for collection in taxonomy.collections.values():
        notice = by_slug.get(collection.notice or "")
        if notice and collection.issuers and tuple(collection.issuers) != tuple(notice.issuers):
            errors.append(
                Problem(
                    "_data/collections.yml",
                    t(
                        "collection '{id}' names issuers {listed}, its notice {file} {given}",
                        id=collection.id,
                        listed=list(collection.issuers),
                        file=notice.path,
                        given=list(notice.issuers),
                    ),
                    field="issuers",
                    hint=t(
                        "the notice's issuers are used: delete the issuers of this collection, or make them the same"
                    ),
                )
            )
