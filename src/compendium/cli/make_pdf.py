"""Write the print edition: a PDF per collection and one for the whole compendium, in dist/.

    python scripts/make_pdf.py [--content content] [--config mkdocs.yml] [--dist dist] [--only ID]

Each PDF is laid out as Chinese official publications are (GB/T 9704-2012 as the model: A4, 仿宋 body at
16 pt, 小标宋-style titles, "— N —" page numbers on the outer side): a cover with the compendium's title, its
编印单位 and date (`extra.publisher`, `extra.edition_date` in mkdocs.yml), numbered contents with page numbers,
each collection's notice as preface, full-text cases each from a new page, a collection published as a list as
one 名单 table, running heads, bookmarks and indexes by region, theme and issuing body.  WeasyPrint lays it out
with free faces from Debian, embedded (FandolFang 仿宋, FandolKai 楷体, Noto CJK); a character a face lacks is
named with its file and line.  A PDF is written under a temporary name and renamed when complete, so a failure
never leaves half a file.
"""

from __future__ import annotations

import argparse
import sys
import time
from importlib import resources
from pathlib import Path

from compendium.cli import reported_errors
from compendium.cli._editions import books, edition_parser, report_made, warn
from compendium.editions.book import print_document
from compendium.editions.fonts import FALLBACK_FACE, PRINT_FACES, font_characters, font_file, uncovered_characters
from compendium.editions.pdf import lay_out, load_weasyprint
from compendium.errors import CompendiumError
from compendium.messages import t


def build_parser() -> argparse.ArgumentParser:
    parser = edition_parser("make_pdf.py", __doc__.splitlines()[0], "PDF")
    parser.add_argument("--html", action="store_true", help="also write the HTML each PDF is made from")
    parser.add_argument(
        "--no-cases", dest="cases", action="store_false", help="no PDF of each full-text case on its own"
    )
    return parser


def _print_faces() -> dict[str, frozenset[str]]:
    """The characters of each face print.css sets text in; a missing face stops with how to install it."""
    faces = {}
    for family in (*PRINT_FACES, FALLBACK_FACE):
        path = font_file(family)
        if path is None:
            raise CompendiumError(
                t(
                    "the font {family} is missing, so the print edition cannot be set as it should; "
                    "run `sudo sh scripts/system_deps.sh print` (it installs fonts-noto-cjk and the Fandol fonts)",
                    family=family,
                )
            )
        faces[family] = font_characters(path)
    return {family: chars for family, chars in faces.items() if family in PRINT_FACES}


def _warn_uncovered(content: Path, paths: list[str], faces: dict[str, frozenset[str]]) -> None:
    """Name each character of the printed files that a 仿宋 or 楷体 face lacks (it prints in the fallback face)."""
    for path in paths:
        text = (content / path).read_text("utf-8")
        for miss in uncovered_characters(text, faces):
            message = t(
                "{path}:{line}: the character {char} (U+{code}) is not in the {face} face ({style}), so it prints "
                "in {fallback}; check that it is the character meant",
                path=f"{content.as_posix().rstrip('/')}/{path}",
                line=miss.line,
                char=miss.char,
                code=f"{ord(miss.char):04X}",
                face=miss.face,
                style=PRINT_FACES[miss.face],
                fallback=FALLBACK_FACE,
            )
            warn(message)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes, f"{args.content.as_posix().rstrip('/')}/"):
        weasyprint = load_weasyprint()
        faces = _print_faces()
        made = books(args)
        compendium = made.compendium
        documents = [print_document(book) for book in made.books]
        printed = [case.record.path for document in documents for case in document.cases]
        printed += [n.path for n in compendium.notices if n.collection in {c.collection.id for c in compendium.cases}]
        _warn_uncovered(args.content, list(dict.fromkeys(printed)), faces)
        args.dist.mkdir(parents=True, exist_ok=True)
        roots = [args.content.resolve(), Path(str(resources.files("compendium").joinpath("data")))]
        for document in documents:
            start = time.monotonic()
            target = args.dist / f"{document.name}.pdf"
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".pdf.part")
            if args.html:
                (args.dist / f"{document.name}.html").write_text(document.html, "utf-8")
            refused: list[str] = []
            lay_out(weasyprint, document, args.content.resolve(), roots, refused).write_pdf(partial)
            partial.replace(target)
            report_made(
                args.content,
                target,
                document.cases,
                refused,
                start,
                lambda where, url: t(
                    "{file}: not printed: {url} (only files inside the content folder are)", file=where, url=url
                ),
                dist=args.dist,
            )
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
