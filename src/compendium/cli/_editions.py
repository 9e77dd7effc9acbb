"""What the print (PDF) and Word editions' commands share: their options, and the books they make."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from compendium.cli import edition_name, edition_settings, site_name
from compendium.content.loader import load_compendium
from compendium.editions.book import Book, BookCase, case_book, collection_book, compendium_book
from compendium.editions.downloads import record_made
from compendium.errors import LEVELS, CompendiumError
from compendium.messages import t
from compendium.model.compendium import Compendium
from compendium.model.taxonomy import Collection

__all__ = ["edition_parser", "Books", "books", "warn", "report_made"]


def edition_parser(prog: str, description: str, kind: str) -> argparse.ArgumentParser:
    """The options of make_pdf.py and make_docx.py (`kind`: PDF, Word file)."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="where the compendium's title is")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="output folder (default: dist)")
    parser.add_argument("--only", metavar="ID", help=f"only this collection's {kind} (no whole-compendium {kind})")
    return parser


def selected_collections(compendium: Compendium, args: argparse.Namespace) -> list[Collection]:
    """The collections with cases, or the one --only names."""
    collections = compendium.taxonomy.collections
    if args.only and args.only not in collections:
        raise CompendiumError(
            t("--only {id}: no such collection; known: {known}", id=args.only, known=", ".join(collections))
        )
    return [c for c in collections.values() if compendium.cases_in(c.id) and (not args.only or c.id == args.only)]


def warn(message) -> None:
    print(f"{LEVELS['warning']} {message}", file=sys.stderr)


def _source_of(content: Path, cases: list[BookCase], url: str) -> str | None:
    """The content file and line a refused address comes from (content/cases/…md:12), to name it to the editor."""
    wanted = {url, unquote(url), Path(unquote(urlsplit(url).path)).name}
    for case in cases:
        path = content / case.record.path
        for number, line in enumerate(path.read_text("utf-8").split("\n"), start=1):
            if any(text and text in line for text in wanted):
                return f"{content.as_posix().rstrip('/')}/{case.record.path}:{number}"
    return None


def report_made(
    content: Path,
    target: Path,
    cases: list[BookCase],
    refused: list[str],
    started: float,
    refusal: Callable,
    dist: Path | None = None,
) -> None:
    """What was left out of an edition (`refusal(where, address)` words it), each named with the content file and
    line it comes from; then the file written, recorded in `dist`'s record of what the tools made (the site
    offers nothing else)."""
    if dist is not None:
        record_made(dist, target)
    for url in dict.fromkeys(refused):
        warn(refusal(_source_of(content, cases, url) or target.name, url[:200]))
    print(
        f"wrote {target} ({len(cases)} cases, {target.stat().st_size / 1e6:.1f} MB, {time.monotonic() - started:.1f} s)"
    )


@dataclass
class Books:
    compendium: Compendium
    books: list[Book]
    """One per collection with cases (or the one asked for), then the whole compendium's."""


def books(args: argparse.Namespace) -> Books:
    """The books to make: each collection's, then the whole compendium's (named by its title and today's date)."""
    compendium = load_compendium(args.content).compendium
    selected = selected_collections(compendium, args)
    title = site_name(args.config)
    edition = edition_settings(args.config)
    if not edition.publisher:
        warn(
            t(
                "{config}: no publisher (编印单位) under extra:, so the cover names no one; "
                "add `extra: {{publisher: 某某卫生健康委员会宣传司}}`",
                config=args.config,
            )
        )
    made = [collection_book(compendium, c, edition) for c in selected]
    if not args.only:
        made.append(compendium_book(compendium, title, edition_name(title, dt.date.today()), edition))
    if getattr(args, "cases", False):  # each full-text case on its own (the PDF its page offers)
        made += [
            case_book(compendium, case, edition) for c in selected if c.full_text for case in compendium.cases_in(c.id)
        ]
    return Books(compendium, made)
