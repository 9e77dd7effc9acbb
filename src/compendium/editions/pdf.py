"""The PDF laid out by WeasyPrint: loading it, the files it may read, and a second layout for spilled cases.

The print book is data (book.py) and HTML (templates/print/); this module is
what knows WeasyPrint: it loads it with a message naming what to install, lets
it fetch only the files the book may print (the content folder's pictures, the
package's stylesheet), and lays the book out again with the cases set tighter
whose last page would hold only a few spilled lines.  It also sets Chinese the
way a printed 公文 is set, which WeasyPrint does not by itself: lines justified
character by character (`justify_line`, replacing WeasyPrint's, which only
stretches spaces), and a line allowed to break beside a quotation mark between
Chinese characters (`quote_breaks`: Pango follows Unicode's older rule that
never breaks beside “ ”, and pushes 4 or 5 characters to the next line), and
a stop or comma that would start a line hung past the line's end instead
(`hanging_split`: CSS's `hanging-punctuation: allow-end`, what Word's
允许标点溢出边界 does by default, which WeasyPrint does not support).
WeasyPrint is pinned in pyproject.toml: `spilled_cases` reads its laid-out
pages (Page._page_box), `justify_line` its line boxes and `hanging_split`
wraps its line breaking (text.line_break.split_first_line).
"""

from __future__ import annotations

import re
from pathlib import Path

from compendium.editions.book import PrintDocument, printable_file
from compendium.errors import CompendiumError

__all__ = ["load_weasyprint", "lay_out", "spilled_cases", "quote_breaks", "SPILL_LINES"]


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
    _justify_chinese()
    _hang_stops_and_commas()
    return weasyprint


HAN = "\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60"
"""Chinese characters and full-width punctuation: a line holding any is justified between characters."""
_HAN = re.compile(f"[{HAN}]")


def _justify_chinese() -> None:
    """WeasyPrint's justification, extended: a line with Chinese in it is justified by spacing every character
    evenly (letter-spacing of its text boxes, as the CSS Text module's inter-character justification does), so
    that its last character ends on the right edge; other lines keep WeasyPrint's spacing of words."""
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text.line_break import create_layout

    if getattr(inline.justify_line, "compendium", False):
        return
    words_only = inline.justify_line

    def texts(box):
        if isinstance(box, boxes.TextBox):
            yield box
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            for child in box.children:
                if child.is_in_normal_flow():
                    yield from texts(child)

    def spread(context, box, spacing: float, x_advance: float) -> float:
        if isinstance(box, boxes.TextBox):
            box.position_x += x_advance
            style = box.style.copy()
            base = style["letter_spacing"]
            style["letter_spacing"] = (0 if base == "normal" else base) + spacing
            box.style = style
            box.pango_layout = create_layout(box.text, style, context, max_width=None, justification_spacing=0)
            box.pango_layout.deactivate()
            extra = spacing * len(box.text)
            box.width += extra
            return x_advance + extra
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            for child in box.children:
                if child.is_in_normal_flow():
                    x_advance = spread(context, child, spacing, x_advance)
            box.width += x_advance - before
            return x_advance
        box.translate(x_advance, 0)  # a picture or another atomic box in the line
        return x_advance

    def justify_line(context, line, extra_width):
        boxes_ = list(texts(line))
        if not any(_HAN.search(box.text) for box in boxes_):
            return words_only(context, line, extra_width)
        gaps = sum(len(box.text) for box in boxes_) - 1
        if gaps > 0 and extra_width > 0:
            spread(context, line, extra_width / gaps, 0)

    justify_line.compendium = True
    inline.justify_line = justify_line


HANGING = "，、。．"
"""Stops and commas (CSS Text 3's list for `hanging-punctuation`, the full-width ones): at the end of a line they
may hang past the right edge rather than start the next line."""
NO_LINE_START = set("，、；：。．！？）》」』”’")
NO_LINE_END = set("（《「『“‘")


def _hang_stops_and_commas() -> None:
    """WeasyPrint's line breaking, extended: where the line broke before a character only because the stop or comma
    after it may not start a line (Pango then takes both to the next line, and the line is spaced out one character
    short), the character stays and the mark hangs past the edge: 28 characters and a hanging 。 rather than 27
    spaced out.  The line's width is given without the mark, so it is justified to end on the edge with the last
    character before it.  Only one mark hangs (。” takes its character to the next line as before)."""
    from weasyprint.layout import inline
    from weasyprint.text.line_break import create_layout, line_size

    if getattr(inline.split_first_line, "compendium", False):
        return
    breaking = inline.split_first_line

    def hanging_split(text, style, context, max_width, justification_spacing, is_line_start=True, minimum=False):
        found = breaking(text, style, context, max_width, justification_spacing, is_line_start, minimum)
        layout, length, resume, width, height, baseline = found
        if resume is None or resume != length or max_width is None or minimum or not style["font_size"]:
            return found
        rest = text.encode()[resume:].decode()
        if len(rest) < 2 or rest[1] not in HANGING or not _HAN.match(rest[0]) or rest[2:3] in NO_LINE_START:
            return found
        if rest[0] in NO_LINE_START or rest[0] in NO_LINE_END:
            return found
        wider = breaking(text, style, context, max_width + style["font_size"], justification_spacing, is_line_start)
        if wider[1] != length + len(rest[:2].encode()):
            return found  # more than the character and its mark would come up: not a hanging mark's line
        mark = create_layout(rest[1], style, context, None, justification_spacing)
        mark_width, _ = line_size(mark.get_first_line()[0], style)
        mark.deactivate()
        if wider[3] - mark_width > max_width:
            return found
        return (*wider[:3], wider[3] - mark_width, *wider[4:])

    hanging_split.compendium = True
    inline.split_first_line = hanging_split


_QUOTE_BREAK = re.compile(f"(?<=[{HAN}])(?=[“‘])|(?<=[”’])(?=[{HAN}])")


def quote_breaks(html_text: str) -> str:
    """The book's HTML with a zero-width space where a line may break beside a quotation mark between Chinese
    characters (CSS Text 4 allows it; Pango's older rule does not).  Only in text, never in tags; the space
    prints nothing and is not part of the PDF's text."""
    return re.sub(r">[^<]+<", lambda m: _QUOTE_BREAK.sub("\u200b", m.group(0)), html_text)


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

    rendered = render(quote_breaks(document.html))
    spilled = spilled_cases(rendered)
    if spilled:  # set those cases a little tighter and lay the book out again
        rendered = render(quote_breaks(document.tightened(spilled)))
    return rendered
