"""Write the Word edition: a .docx per collection and one for the whole compendium, in dist/.

    python scripts/make_docx.py [--content content] [--config mkdocs.yml] [--dist dist] [--only ID]

The same books as the PDF (cover, 目录, each collection's notice, its cases or its 名单), through pandoc, with the
print edition's styles in Word's terms: A4 and the GB/T 9704 margins, 仿宋 3号 body, 小标宋 titles, 黑体 and 楷体
heading levels, "— N —" page numbers on the outer side, a 目录 field that Word fills when the file is opened
(or on 更新域).  Each file is written under a temporary name and renamed when complete.
"""

from __future__ import annotations

import sys
import time

from compendium.cli import reported_errors
from compendium.cli._editions import books, edition_parser, report_made
from compendium.errors import CompendiumError
from compendium.messages import t


def build_parser():
    return edition_parser("make_docx.py", __doc__.splitlines()[0], "Word file")


def _word():
    try:
        import docx  # noqa: F401  (python-docx, for the reference document)
        import pypandoc  # noqa: F401

        from compendium.editions import word
    except ImportError:
        raise CompendiumError(
            t("pandoc or python-docx is not installed: run `make docx` (it installs them into .venv)")
        )
    return word


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes, f"{args.content.as_posix().rstrip('/')}/"):
        word = _word()
        for book in books(args).books:
            start = time.monotonic()
            result = word.write_docx(book, args.content, args.dist / f"{book.name}.docx")
            report_made(
                args.content,
                result.path,
                book.cases,
                result.refused,
                start,
                lambda where, url: t(
                    "{file}: picture not put in: {url} (only files inside the content folder are)", file=where, url=url
                ),
                dist=args.dist,
            )
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
