"""Write the print edition: a PDF per collection and one for the whole compendium, in dist/.

    python scripts/make_pdf.py [--content content] [--config mkdocs.yml] [--dist dist] [--only ID]

Each PDF has a cover, the notice as preface, numbered contents with page
numbers, every case on a new page, running heads, page numbers, bookmarks and
indexes by region and theme.  WeasyPrint lays it out with Debian's Noto CJK
fonts, embedded.  A PDF is written under a temporary name and renamed when
complete, so a failure never leaves half a file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import time
from importlib import resources
from pathlib import Path

from compendium.cli import edition_name, reported_errors, site_name
from compendium.content.loader import load_compendium
from compendium.editions.book import collection_document, compendium_document, printable_file
from compendium.errors import CompendiumError

FONT = "Noto Serif CJK SC"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_pdf.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="where the compendium's title is")
    parser.add_argument("--dist", type=Path, default=Path("dist"), help="output folder (default: dist)")
    parser.add_argument("--only", metavar="ID", help="only this collection's PDF (no whole-compendium PDF)")
    parser.add_argument("--html", action="store_true", help="also write the HTML each PDF is made from")
    return parser


def _weasyprint():
    try:
        import weasyprint
    except ImportError:
        raise CompendiumError("WeasyPrint is not installed: run `make pdf` (it installs it into .venv)")
    except OSError as error:  # Pango missing: WeasyPrint loads it when imported
        raise CompendiumError(
            f"WeasyPrint cannot load Pango ({error}); install it: apt-get install -y "
            "libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk"
        )
    return weasyprint


def _content_only_fetcher(weasyprint, roots: list[Path], refused: list[str]):
    """WeasyPrint's fetcher, limited to the files printable_file allows (and data: URLs)."""
    from weasyprint.urls import URLFetcher

    class ContentOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = printable_file(url, roots)
            if path is None:
                refused.append(url)
                raise ValueError(f"{url}: the print edition loads only files inside the content folder")
            return super().fetch(path.as_uri(), headers)

    return ContentOnlyFetcher()


def _check_font() -> None:
    found = subprocess.run(["fc-list", f":family={FONT}"], capture_output=True, text=True).stdout
    if not found.strip():
        raise CompendiumError(
            f"the font {FONT} is missing, so Chinese would print as boxes; "
            "install it: apt-get install -y fonts-noto-cjk"
        )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes, f"{args.content.as_posix().rstrip('/')}/"):
        weasyprint = _weasyprint()
        _check_font()
        compendium = load_compendium(args.content).compendium
        collections = compendium.taxonomy.collections
        if args.only and args.only not in collections:
            raise CompendiumError(f"--only {args.only}: no such collection; known: {', '.join(collections)}")
        title = site_name(args.config)
        documents = [
            collection_document(compendium, c)
            for c in collections.values()
            if compendium.cases_in(c.id) and (not args.only or c.id == args.only)
        ]
        if not args.only:
            documents.append(compendium_document(compendium, title, edition_name(title, dt.date.today())))
        args.dist.mkdir(parents=True, exist_ok=True)
        roots = [args.content.resolve(), Path(str(resources.files("compendium").joinpath("data")))]
        for document in documents:
            start = time.monotonic()
            target = args.dist / f"{document.name}.pdf"
            partial = target.with_suffix(".pdf.part")
            if args.html:
                (args.dist / f"{document.name}.html").write_text(document.html, "utf-8")
            refused: list[str] = []
            fetcher = _content_only_fetcher(weasyprint, roots, refused)
            weasyprint.HTML(
                string=document.html, base_url=str(args.content.resolve()) + "/", url_fetcher=fetcher
            ).write_pdf(partial)
            partial.replace(target)
            for url in dict.fromkeys(refused):
                print(
                    f"WARNING {target.name}: not printed: {url[:200]} (only files inside the content folder are)",
                    file=sys.stderr,
                )
            print(
                f"wrote {target} ({len(document.cases)} cases, {target.stat().st_size / 1e6:.1f} MB, "
                f"{time.monotonic() - start:.1f} s)"
            )
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
