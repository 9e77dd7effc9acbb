"""Read a content folder into a checked Compendium.

Layout: `cases/<collection>/<slug>.md`, `notices/<slug>.md`, reference pages in
`reference/`, vocabularies in `_data/` (see inventory.py for what else may be
there).  Every file is checked and every problem collected before anything
fails, so an editor sees the whole list at once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path

from compendium.content.frontmatter import Document, parse_document
from compendium.content.inventory import SLUG, take_inventory
from compendium.content.links import body_links, link_problem
from compendium.content.safe_markdown import markup_problems
from compendium.content.validation import validate_case, validate_notice, validate_page
from compendium.content.vocabularies import DATA_DIR, load_taxonomy
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


@dataclass
class _Read:
    """One page as the last load read it: a digest of its bytes, and what reading and checking them gave."""

    digest: bytes
    kind: str
    doc: Document | None
    problems: list[Problem]
    made: Case | Notice | Reference | None
    warnings: list[Problem]


@dataclass
class _Memo:
    """What the last load of a content folder read, for the next load of the same folder (`make serve` loads it
    again after every save): the vocabularies while `_data/` is unchanged, and each page while its bytes, the
    vocabularies and the list of publishable files are (a link's target). Nothing else is kept."""

    root: Path | None = None
    data: tuple = ()
    taxonomy: object = None
    published: frozenset[str] = frozenset()
    pages: dict[str, _Read] = field(default_factory=dict)


_MEMO = _Memo()


def _data_key(root: Path) -> tuple:
    folder = root / DATA_DIR
    try:
        return tuple((p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file())
    except OSError:
        return ()


def load_compendium(content_dir: str | Path, remember: bool = True) -> LoadResult:
    """Load and check everything; raise ContentError with all problems if anything is wrong.  `remember`: keep what
    was read for the next load of the folder (`make serve`); a build that loads once lets it go with the result."""
    root = Path(content_dir)
    inventory = take_inventory(root)
    errors: list[Problem] = list(inventory.problems)
    memo = _MEMO
    data = _data_key(root)
    if memo.root != root.resolve() or memo.data != data or memo.taxonomy is None:
        memo.root, memo.data, memo.taxonomy, memo.pages = root.resolve(), (), None, {}
        try:
            memo.taxonomy = load_taxonomy(root)
        except TaxonomyError as error:
            raise ContentError(errors + error.problems) from None
        memo.data = data
    taxonomy = memo.taxonomy
    warnings: list[Problem] = []
    cases: list[Case] = []
    notices: list[Notice] = []
    references: list[Reference] = []
    documents: dict[str, Document] = {}
    published = inventory.published
    notice_files = {Path(f.path).stem for f in inventory.of_kind("notice")}

    if memo.published != published:
        memo.pages, memo.published = {}, published
    pages: dict[str, _Read] = {}
    # Every page the site renders is read here, once, and checked by the rules of its kind.
    for page in inventory.of_kind("case", "notice", "reference", "page"):
        raw = (root / page.path).read_bytes()
        digest = hashlib.sha1(raw).digest()
        read = memo.pages.get(page.path)
        if read is None or read.digest != digest or read.kind != page.kind:
            read = _read(page.path, root / page.path, page.kind, raw, digest, taxonomy, published)
        pages[page.path] = read
        errors.extend(read.problems)
        warnings.extend(read.warnings)
        if read.doc is not None:
            documents[page.path] = read.doc
        if isinstance(read.made, Case):
            cases.append(read.made)
        elif isinstance(read.made, Notice):
            notices.append(read.made)
        elif isinstance(read.made, Reference):
            references.append(read.made)
    memo.pages = pages if remember else {}

    _cross_check(cases, notices, notice_files, taxonomy, errors, warnings)
    if errors:
        raise ContentError(errors)
    compendium = Compendium(taxonomy=taxonomy, cases=cases, notices=notices, references=references)
    return LoadResult(compendium, warnings, documents, published)


def _read(path: str, file: Path, kind: str, raw: bytes, digest: bytes, taxonomy, published: frozenset[str]) -> _Read:
    """Parse one page and check it by the rules of its kind; its body, once checked, is left in the file."""
    doc, problems = parse_document(path, raw)
    if doc is None:
        return _Read(digest, kind, None, problems, None, [])
    problems = problems + _body_problems(doc, published)
    made = None
    stem = Path(path).stem
    if kind == "case":
        made, errs, warns = validate_case(doc, taxonomy, stem)
    elif kind == "notice":
        made, errs, warns = validate_notice(doc, taxonomy, stem)
    else:
        errs, warns = validate_page(doc, reference=kind == "reference")
        if kind == "reference" and not errs:
            made = Reference(path, str(doc.meta.get("title") or ""), str(doc.meta.get("source") or ""))
    doc = doc.stored(file.resolve(), digest)
    if isinstance(made, Case):
        made = replace(made, text=doc.text)
    return _Read(digest, kind, doc, problems + errs, made, warns)


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
