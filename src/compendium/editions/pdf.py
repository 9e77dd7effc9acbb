"""The PDF laid out by WeasyPrint: loading it, the files it may read, and a second layout for spilled cases.

The print book is data (book.py) and HTML (templates/print/); this module is
what knows WeasyPrint: it loads it with a message naming what to install, lets
it fetch only the files the book may print (the content folder's pictures, the
package's stylesheet), and lays the book out again with the cases set tighter
whose last page would hold only a few spilled lines.  WeasyPrint is pinned in
pyproject.toml: `spilled_cases` reads its laid-out pages (Page._page_box).
"""

from __future__ import annotations

from pathlib import Path

from compendium.editions.book import PrintDocument, printable_file
from compendium.errors import CompendiumError

__all__ = ["load_weasyprint", "lay_out", "spilled_cases", "SPILL_LINES"]


def load_weasyprint():
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


SECTIONS = ("case-", "collection-", "notice-", "roster-", "index-")
"""Anchors that start a section on a new page (book.py's ids)."""
SPILL_LINES = 5
"""A case's last page with fewer lines than this is a spill (when the case has other pages)."""


def spilled_cases(rendered) -> set[str]:
    """Anchors of the cases whose last page holds only a few lines spilled from the page before."""
    from weasyprint.formatting_structure import boxes

    def lines(box) -> int:
        if isinstance(box, boxes.MarginBox):  # running head, page number
            return 0
        if isinstance(box, boxes.LineBox):
            return 1
        return sum(lines(child) for child in getattr(box, "children", ()))

    first_pages: dict[str, int] = {}  # an element split over pages has its anchor on each
    for number, page in enumerate(rendered.pages):
        for anchor in page.anchors:
            if anchor.startswith(SECTIONS):
                first_pages.setdefault(anchor, number)
    starts = sorted((number, anchor) for anchor, number in first_pages.items())
    out = set()
    for (first, anchor), (following, _) in zip(starts, starts[1:] + [(len(rendered.pages), "")]):
        last = following - 1
        # Page._page_box: WeasyPrint's laid-out page (pinned in pyproject.toml)
        if anchor.startswith("case-") and last > first and lines(rendered.pages[last]._page_box) < SPILL_LINES:
            out.add(anchor)
    return out


def lay_out(weasyprint, document: PrintDocument, base: Path, roots: list[Path], refused: list[str]):
    """The document laid out (WeasyPrint's rendered document), reading only files under `roots` (the others are
    added to `refused`); laid out again with spilled cases set tighter."""
    fetcher = _content_only_fetcher(weasyprint, roots, refused)

    def render(html_text: str):
        return weasyprint.HTML(string=html_text, base_url=str(base) + "/", url_fetcher=fetcher).render()

    rendered = render(document.html)
    spilled = spilled_cases(rendered)
    if spilled:  # set those cases a little tighter and lay the book out again
        rendered = render(document.tightened(spilled))
    return rendered
