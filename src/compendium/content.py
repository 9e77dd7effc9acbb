"""Read a content folder into a checked Compendium.

Layout: `cases/<collection>/<slug>.md`, `notices/<slug>.md`, vocabularies in
`_data/`.  Every file is checked and every problem collected before anything
fails, so an editor sees the whole list at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ContentError, Problem
from .frontmatter import Document, parse_document
from .links import body_links, link_problem
from .model import Case, Compendium, Notice
from .taxonomy import load_taxonomy
from .validation import validate_case, validate_notice

__all__ = ["load_compendium", "LoadResult", "CASES_DIR", "NOTICES_DIR", "SLUG"]

CASES_DIR = "cases"
NOTICES_DIR = "notices"
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass
class LoadResult:
    compendium: Compendium
    warnings: list[Problem] = field(default_factory=list)


def _markdown_files(root: Path) -> list[Path]:
    """Every Markdown file of the content folder, but in hidden and _data/_sources folders."""
    return sorted(p for p in root.rglob("*.md") if not any(part.startswith((".", "_")) for part in p.relative_to(root).parts))


def _check_slug(rel: str, stem: str, errors: list[Problem]) -> bool:
    if SLUG.match(stem):
        return True
    errors.append(Problem(rel, f"file name '{stem}.md' is not an ASCII slug",
                          hint="rename it with lowercase pinyin words joined by '-' (scripts/new_case.py makes one)"))
    return False


def _check_links(doc: Document, pages: set[str]) -> list[Problem]:
    problems = []
    for link in body_links(doc.body, doc.body_line):
        if found := link_problem(link, doc.path, pages):
            problems.append(Problem(doc.path, found[0], line=link.line, hint=found[1]))
    return problems


def load_compendium(content_dir: str | Path) -> LoadResult:
    """Load and check everything; raise ContentError with all problems if anything is wrong."""
    root = Path(content_dir)
    taxonomy = load_taxonomy(root)
    errors: list[Problem] = []
    warnings: list[Problem] = []
    cases: list[Case] = []
    notices: list[Notice] = []
    files: dict[str, set[str]] = {CASES_DIR: set(), NOTICES_DIR: set()}
    # Every page of the content folder, listed once: the files to check, and the targets links may have.
    pages = [p.relative_to(root).as_posix() for p in _markdown_files(root)]
    known = set(pages)

    for kind, folder, validate, sink in (("case", CASES_DIR, validate_case, cases),
                                         ("notice", NOTICES_DIR, validate_notice, notices)):
        for rel in (page for page in pages if page.startswith(folder + "/")):
            path = root / rel
            files[folder].add(path.stem)
            slug_ok = _check_slug(rel, path.stem, errors)
            doc, problems = parse_document(rel, path.read_bytes())
            errors.extend(problems)
            if doc is None:
                continue
            errors.extend(_check_links(doc, known))
            item, errs, warns = validate(doc, taxonomy, path.stem)
            errors.extend(errs)
            warnings.extend(warns)
            if item is not None and slug_ok:
                sink.append(item)

    _cross_check(cases, notices, files[NOTICES_DIR], taxonomy, errors, warnings)
    if errors:
        raise ContentError(errors)
    return LoadResult(Compendium(taxonomy=taxonomy, cases=cases, notices=notices), warnings)


def _cross_check(cases, notices, notice_files: set[str], taxonomy, errors: list[Problem], warnings: list[Problem]) -> None:
    """Checks that need more than one file: duplicates and links between files."""
    seen_slugs: dict[str, str] = {}
    seen_numbers: dict[tuple[str, int], str] = {}
    seen_cases: dict[tuple[str, str], str] = {}
    for case in cases:
        folder = Path(case.path).parent.name
        if folder != case.collection.id:
            warnings.append(Problem(case.path, f"is in folder '{folder}' but belongs to collection '{case.collection.id}'",
                                    field="collection", hint=f"move it to cases/{case.collection.id}/"))
        if case.slug in seen_slugs:
            errors.append(Problem(case.path, f"slug '{case.slug}' is also used by {seen_slugs[case.slug]}",
                                  hint="rename one of the files"))
        seen_slugs.setdefault(case.slug, case.path)
        key = (case.collection.id, case.number)
        if key in seen_numbers:
            errors.append(Problem(case.path, f"number {case.number} is also used by {seen_numbers[key]} "
                                  f"in collection '{case.collection.id}'", field="number",
                                  line=case.field_lines.get("number"),
                                  hint="give each case of a collection its own number"))
        seen_numbers.setdefault(key, case.path)
        same = (case.unit, case.title)
        if same in seen_cases:
            errors.append(Problem(case.path, f"the same case (unit and title) is already in {seen_cases[same]}",
                                  hint="remove the copy"))
        seen_cases.setdefault(same, case.path)

    for collection in taxonomy.collections.values():
        # A notice file with errors of its own is reported once, above, not again as missing.
        if collection.notice and collection.notice not in notice_files:
            errors.append(Problem("_data/collections.yml", f"collection '{collection.id}' names notice "
                                  f"'{collection.notice}', but there is no notices/{collection.notice}.md",
                                  field="notice", hint="add the notice or correct its name"))
    for notice in notices:
        if notice.collection:
            announced = taxonomy.collections[notice.collection].notice
            if announced != notice.slug:
                warnings.append(Problem(notice.path, f"announces collection '{notice.collection}', whose 'notice' "
                                        f"in _data/collections.yml is '{announced}'", field="collection"))
