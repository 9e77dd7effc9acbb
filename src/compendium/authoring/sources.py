"""A notice's text from the files editors receive: plain text, a PDF, a Word file, a page saved from a website.

Each becomes the same plain text that `parse_notice` reads (one paragraph or line of the original per line),
with what is not the notice taken out and listed, never silently: a PDF's page numbers (— 3 —, 第3页) and the
running heads or feet repeated on its pages, a web page's navigation, header and footer.

- PDF: poppler's `pdftotext` (Debian `poppler-utils`), in reading order: the text layer as the PDF holds it,
  maintained with poppler itself, and fast; a PDF with no text layer (a scan) is named, as needing OCR.
- Word (.docx): python-docx, paragraphs and tables in document order; a table of the cases (序号|单位|案例名称)
  becomes the `单位：《标题》` lines of a list.
- Web page (.html): the standard library's HTML parser; the notice is the block with the most text once
  navigation, headers, footers, scripts and forms are left out (how government sites lay out an article).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from compendium.errors import NoticeImportError
from compendium.messages import Text, t

__all__ = ["SourceText", "read_source", "SOURCE_KINDS", "remove_page_furniture"]

SOURCE_KINDS = (".txt", ".pdf", ".docx", ".html", ".htm")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Control characters a text should not hold (tab, newlines and the form feed of a page break are fine)."""
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[—－–\-]\s*\d{1,4}\s*[—－–\-]|第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4})\s*$"
)
"""A line that is a page number: — 3 —, - 3 -, 第3页, 第3页 共12页, 3."""
TEXT_PER_PAGE = 20
"""Fewer characters than this per page on average: the PDF is a scan (images of pages, no text layer)."""


@dataclass
class SourceText:
    text: str
    kind: str
    """txt, pdf, docx or html."""
    removed: list[str] = field(default_factory=list)
    """What was taken out as not the notice (page numbers, running heads, a site's navigation), as listed to the
    editor by --dry-run."""


class SourceLimits:
    """Bounds on an original, checked before it is parsed: a notice is a few pages, and a file far beyond these
    (a zip bomb dressed as .docx, a page of 20,000 nested elements) would take minutes and gigabytes to read."""

    FILE_BYTES = 50_000_000
    """The file as given (a PDF with pictures of a few dozen pages stays far below)."""
    UNPACKED_BYTES = 50_000_000
    """A Word file's parts, unpacked, together."""
    RATIO = 100
    """How much a Word file's part may grow when unpacked (text compresses 5–10 times)."""
    PARTS = 2_000
    """Parts in a Word file."""
    TEXT_CHARACTERS = 2_000_000
    """Characters of text read from any original."""
    HTML_DEPTH = 256
    """Elements open inside one another in a web page."""


def _too_large(path: Path, what: Text) -> NoticeImportError:
    return NoticeImportError(
        t(
            "{path}: {what}, more than a notice holds; check that it is the right file; nothing was written",
            path=path,
            what=what,
        )
    )


def read_source(path: Path) -> SourceText:
    """The notice's text from `path`, by its kind (its file name's ending)."""
    suffix = path.suffix.lower()
    if suffix not in SOURCE_KINDS:
        raise NoticeImportError(
            t("{path}: cannot read a {suffix} file; give a .txt, .pdf, .docx or .html file", path=path, suffix=suffix)
        )
    try:
        size = path.stat().st_size
        if size > SourceLimits.FILE_BYTES:
            raise _too_large(path, t("the file has {size:,} bytes", size=size))
        data = path.read_bytes()
    except OSError as error:
        raise NoticeImportError(t("{path}: cannot be read ({reason})", path=path, reason=error.strerror))
    if suffix == ".pdf":
        source = _pdf(path)
    elif suffix == ".docx":
        source = _docx(path)
    elif suffix in (".html", ".htm"):
        source = _html(path, _decode(path, data, html=True))
    else:
        source = SourceText(_decode(path, data), "txt")
    if len(source.text) > SourceLimits.TEXT_CHARACTERS:
        raise _too_large(path, t("its text has {count:,} characters", count=len(source.text)))
    if match := _CONTROL.search(source.text):
        line = source.text.count("\n", 0, match.start()) + 1
        raise NoticeImportError(
            t(
                "{path}:{line}: holds the control character U+{code}; extract the text again, or remove the "
                "character; nothing was written",
                path=path,
                line=line,
                code=f"{ord(match.group()):04X}",
            )
        )
    return source


def _decode(path: Path, data: bytes, html: bool = False) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    if html and (declared := re.search(rb"charset=[\"']?([\w-]+)", data[:2048])):
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    raise NoticeImportError(t("{path}: is not UTF-8 text; convert it first (iconv -f GB18030 -t UTF-8)", path=path))


def _as_paragraphs(paragraphs: list[str]) -> str:
    """Paragraphs as the text parse_notice reads: each starts indented, which is how reflow tells a paragraph's
    start from a line it wraps (the lines inside a paragraph it joins)."""
    return "".join(f"\u3000\u3000{paragraph.strip()}\n" for paragraph in paragraphs if paragraph.strip())


# PDF -------------------------------------------------------------------------------------------------------------


@dataclass
class _Line:
    """A line of a PDF page, where it stands (points from the top left) and its text."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    def __str__(self) -> str:
        return self.text


def remove_page_furniture(pages: list[list]) -> tuple[list[list], list[str]]:
    """The pages without their page numbers and the heads and feet repeated on them; and what was removed.  A head
    or foot is a line that stands first or last on at least half the pages (and on three).  Lines are compared by
    their text (str()).

    >>> pages = [["通知", "正文一", "— 1 —"], ["通知", "正文二", "— 2 —"], ["通知", "正文三", "第3页"]]
    >>> remove_page_furniture(pages)
    ([['正文一'], ['正文二'], ['正文三']], ['— 1 —', '— 2 —', '第3页', '通知（页眉或页脚，3 页）'])
    """
    pages = [[line for line in page if str(line).strip()] for page in pages]
    removed: list[str] = []
    kept_pages = []
    for page in pages:
        lines = list(page)
        # page numbers at the top or the bottom of a page
        for end in (-1, 0):
            if lines and _PAGE_NUMBER.match(str(lines[end])):
                removed.append(str(lines.pop(end)).strip())
        kept_pages.append(lines)
    repeated = Counter(str(line).strip() for page in kept_pages for line in {str(page[0]), str(page[-1])} if page)
    enough = max(3, (len(kept_pages) + 1) // 2)
    furniture = {line for line, count in repeated.items() if count >= enough}
    out: list[list] = []
    for page in kept_pages:
        if page and str(page[0]).strip() in furniture:
            page = page[1:]
        if page and str(page[-1]).strip() in furniture:
            page = page[:-1]
        out.append(page)
    removed += [f"{line}（页眉或页脚，{repeated[line]} 页）" for line in sorted(furniture)]
    return out, removed


def pdf_paragraphs(pages: list[list[_Line]]) -> list[str]:
    """The paragraphs of a PDF's pages, from where its lines stand: a line starts a paragraph when it is indented
    (a first line, a centred heading), when the line before it stops short of the right margin, or after a wider
    gap; a paragraph cut by a page break goes on (the next page's first line is not indented, and the last line
    before the break reached the margin).  The lines of a paragraph are kept as lines (reflow joins them)."""
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    heights = sorted(line.y1 - line.y0 for line in lines)
    size = heights[len(heights) // 2]
    left = Counter(round(line.x0) for line in lines).most_common(1)[0][0]
    right = max(line.x1 for line in lines)
    paragraphs: list[list[str]] = []
    previous: _Line | None = None
    for page in pages:
        for number, line in enumerate(page):
            indented = line.x0 > left + 0.8 * size
            # (a line that ends on a colon, a comma or an opening mark goes on, however short: a title in 《》
            # that did not fit on its line)
            short_before = (
                previous is not None and previous.x1 < right - 1.5 * size and not previous.text.endswith(_GOES_ON)
            )
            gap = previous is not None and number > 0 and line.y0 - previous.y1 > 1.2 * size
            if previous is None or indented or short_before or gap:
                paragraphs.append([line.text])
            else:
                paragraphs[-1].append(line.text)
            previous = line
    return ["\n".join(paragraph) for paragraph in paragraphs]


_GOES_ON = tuple(":：，,、；《“‘（(—")
"""Marks a paragraph does not end on."""
_LINE = re.compile(r'<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>', re.S)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')


def _pdf_pages(xhtml: str) -> list[list[_Line]]:
    """Each page's lines, from `pdftotext -bbox-layout`, where they stand; a line's words joined as the PDF
    spaces them."""
    pages = []
    for page in re.findall(r"<page\b.*?</page>", xhtml, re.S):
        lines = []
        for x0, y0, x1, y1, words in _LINE.findall(page):
            text, right = "", None
            for wx0, wy0, wx1, wy1, word in _WORD.findall(words):
                word = html.unescape(word)
                # a space where the PDF leaves one: between Latin words, or a gap of a sixth of a character
                # or more (守护少年 健康 in a title)
                gap = right is not None and float(wx0) - right > (float(wy1) - float(wy0)) / 6
                latin = text and text[-1].isascii() and text[-1].isalnum() and word[:1].isascii()
                text += (" " if text and (gap or latin) else "") + word
                right = float(wx1)
            lines.append(_Line(float(x0), float(y0), float(x1), float(y1), text))
        pages.append(lines)
    return pages


def _pdf(path: Path) -> SourceText:
    if shutil.which("pdftotext") is None:
        raise NoticeImportError(t("reading a PDF needs poppler's pdftotext: apt-get install -y poppler-utils"))
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-bbox-layout", str(path), "-"], capture_output=True)
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip()[:200]
        raise NoticeImportError(t("{path}: is not a PDF that can be read ({reason})", path=path, reason=reason))
    pages = _pdf_pages(result.stdout.decode("utf-8", "replace"))
    characters = sum(len(re.sub(r"\s", "", line.text)) for page in pages for line in page)
    if characters < TEXT_PER_PAGE * max(1, len(pages)):
        raise NoticeImportError(
            t(
                "{path}: the PDF has no text layer ({characters} characters on {pages} pages): it is a scan, and "
                "needs OCR first (for example ocrmypdf -l chi_sim {name} text.pdf), then import the result",
                path=path,
                characters=characters,
                pages=len(pages),
                name=path.name,
            )
        )
    kept, removed = remove_page_furniture(pages)
    return SourceText(_as_paragraphs(pdf_paragraphs(kept)), "pdf", removed)


# Word ------------------------------------------------------------------------------------------------------------

_UNIT_HEADS = (r"(申报|报送|参评)?单位(名称)?|医院(名称)?|机构(名称)?", r".*单位.*", r".*推荐.*")
"""Header words of the unit's column, best first: 单位, 申报单位 …; a 推荐单位 (the body that put the case forward) only
where no other column names a unit."""
_TITLE_HEAD = r"(案例)?(名称|题目|标题)|案例|.*案例(名称|题目|标题)"
"""Header words of the case's title column: 案例名称, 案例题目, 标题, 案例."""


def _roster_columns(row: list[str]) -> tuple[int, int] | None:
    """The unit's and the title's columns, when `row` is the head of a list of cases."""
    cells = [re.sub(r"\s", "", cell) for cell in row]
    unit = next((i for pattern in _UNIT_HEADS for i, cell in enumerate(cells) if re.fullmatch(pattern, cell)), None)
    title = next((i for i, cell in enumerate(cells) if i != unit and re.fullmatch(_TITLE_HEAD, cell)), None)
    return (unit, title) if unit is not None and title is not None else None


def _unreadable_word(path: Path, error: Exception) -> NoticeImportError:
    return NoticeImportError(
        t("{path}: is not a Word (.docx) file that can be read ({reason})", path=path, reason=str(error)[:200])
    )


def _docx(path: Path) -> SourceText:
    try:
        import docx
    except ImportError:
        raise NoticeImportError(t("reading a Word file needs python-docx: run `make docx` once (it installs it)"))
    _check_word_package(path)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx and lxml raise many kinds on a damaged file: each is the same message
        raise _unreadable_word(path, error)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        if not isinstance(block.tag, str):  # a comment or processing instruction
            continue
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":  # its text runs; a line break inside it (Shift+Enter) stays one
            parts = []
            for node in block.iter():
                if not isinstance(node.tag, str):
                    continue
                name = node.tag.rsplit("}", 1)[-1]
                parts.append(
                    node.text or "" if name == "t" else "\n" if name in ("br", "cr") else " " if name == "tab" else ""
                )
            lines.append("".join(parts))
        elif tag == "tbl":
            lines += _table_lines(docx.table.Table(block, document))
    return SourceText(_as_paragraphs(lines), "docx")


def _check_word_package(path: Path) -> None:
    """A Word file is a zip of XML parts: refused before it is parsed if its parts unpack to more than a notice
    could need, grow more than text does, or declare a DOCTYPE (entities, which Word never writes)."""
    try:
        with zipfile.ZipFile(path) as package:
            parts = package.infolist()
            if len(parts) > SourceLimits.PARTS:
                raise _too_large(path, t("it has {count:,} parts", count=len(parts)))
            unpacked = sum(part.file_size for part in parts)
            if unpacked > SourceLimits.UNPACKED_BYTES:
                raise _too_large(path, t("it unpacks to {size:,} bytes", size=unpacked))
            for part in parts:
                if part.file_size > 1_000_000 and part.file_size > SourceLimits.RATIO * max(part.compress_size, 1):
                    raise _too_large(
                        path,
                        t(
                            "its part {name} grows {ratio:,} times when unpacked",
                            name=part.filename[:80],
                            ratio=part.file_size // max(part.compress_size, 1),
                        ),
                    )
            for part in parts:
                if not part.filename.endswith((".xml", ".rels")):
                    continue
                with package.open(part) as stream:
                    head = stream.read(4096)
                if b"<!DOCTYPE" in head.upper():
                    raise NoticeImportError(
                        t(
                            "{path}: its part {name} declares a DOCTYPE, which Word files never do; save it again "
                            "from Word or WPS; nothing was written",
                            path=path,
                            name=part.filename[:80],
                        )
                    )
    except (zipfile.BadZipFile, OSError) as error:
        raise _unreadable_word(path, error)


def _table_lines(table) -> list[str]:
    """A table of cases as `单位：《标题》` lines, whatever its columns' order and header words (序号/编号,
    单位/申报单位, 案例名称/案例题目/标题, a 地区 or 推荐单位 column beside): a row that spans the table (merged
    cells) is a group's heading, also above the head (a table per group, its heading in its first row); any other
    table row by row, its cells apart.  The colon is full-width, as GB/T 15834 writes it: the punctuation report
    names what the source holds, never a mark the reader put in."""
    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    at = next((i for i, row in enumerate(rows[:4]) if _roster_columns(row)), None)
    if at is None:
        return ["　".join(dict.fromkeys(cell for cell in row if cell)) for row in rows]
    unit, title = _roster_columns(rows[at])
    out = [cells[0] for row in rows[:at] if len(cells := list(dict.fromkeys(c for c in row if c))) == 1]
    for row in rows[at + 1 :]:
        cells = list(dict.fromkeys(cell for cell in row if cell))
        if len(cells) == 1:  # a merged row: the heading of the group below
            out.append(cells[0])
        elif _roster_columns(row):  # the head again (a table that repeats it)
            continue
        elif row[unit] and row[title]:
            out.append(f"{row[unit]}：《{row[title].strip('《》')}》")
    return out


# Web page --------------------------------------------------------------------------------------------------------

_SKIPPED = {"script", "style", "nav", "header", "footer", "form", "noscript", "template", "aside", "select", "button"}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "br",
    "table",
    "ul",
    "ol",
    "blockquote",
    "center",
    "td",
    "th",
    "dd",
    "dt",
}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "embed", "source", "track", "wbr"}


class _Blocks(HTMLParser):
    """The text of every element, in lines (one per block), with the element that holds each line."""

    def __init__(self, path: Path):
        super().__init__(convert_charrefs=True)
        self.path = path
        self.stack: list[tuple[str, int]] = []  # (tag, id of the element)
        self.skipping = 0
        self.lines: list[tuple[list[int], str]] = []  # (ids of the elements around it, text)
        self.current: list[str] = []
        self.counter = 0
        self.skipped: list[str] = []
        self.skipped_text: list[str] = []

    def _flush(self):
        text = re.sub(r"[ \t\r\n\u00a0]+", " ", "".join(self.current)).strip()
        if text:
            self.lines.append(([element for _, element in self.stack], text))
        self.current = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS:
            self._flush()
        if tag in _VOID:
            return
        classes = " ".join(value or "" for name, value in attrs if name in ("class", "id", "role")).lower()
        skip = tag in _SKIPPED or any(word in classes for word in ("nav", "menu", "breadcrumb", "footer", "header"))
        if self.skipping or skip:
            self.skipping += 1
            if self.skipping == 1:
                self._flush()
                self.skipped_text = []
        self.counter += 1
        self.stack.append((tag, self.counter))
        if len(self.stack) > SourceLimits.HTML_DEPTH:
            raise NoticeImportError(
                t(
                    "{path}: the page nests elements more than {limit} deep, more than a notice's page does; save "
                    "the notice's page again from the issuing body's website; nothing was written",
                    path=self.path,
                    limit=str(SourceLimits.HTML_DEPTH),
                )
            )

    def handle_endtag(self, tag):
        if tag in _VOID:
            return
        if tag in _BLOCKS:
            self._flush()
        while self.stack:
            name, _ = self.stack.pop()
            if self.skipping:
                self.skipping -= 1
                if self.skipping == 0:
                    text = re.sub(r"\s+", " ", "".join(self.skipped_text)).strip()
                    if text:
                        self.skipped.append(text[:60] + ("…" if len(text) > 60 else ""))
            if name == tag:
                break

    def handle_data(self, data):
        if self.skipping:
            self.skipped_text.append(data)
        else:
            self.current.append(data)


def _html(path: Path, text: str) -> SourceText:
    parser = _Blocks(path)
    parser.feed(text)
    parser.close()
    parser._flush()
    if not parser.lines:
        raise NoticeImportError(t("{path}: the page holds no text", path=path))
    # The notice: the element whose lines hold the most text, among those holding at least half of it all.
    total = Counter()
    for elements, line in parser.lines:
        for element in elements:
            total[element] += len(line)
    everything = sum(len(line) for _, line in parser.lines)
    candidates = [element for element, size in total.items() if size >= everything / 2]
    # the innermost of them: the last opened (largest id) that still holds at least half the text
    body = max(candidates) if candidates else None
    lines = [line for elements, line in parser.lines if body is None or body in elements]
    outside = [line for elements, line in parser.lines if body is not None and body not in elements]
    removed = [f"{line[:60]}{'…' if len(line) > 60 else ''}（网页其他部分）" for line in outside]
    removed += [f"{text}（网页导航）" for text in parser.skipped]
    return SourceText(_as_paragraphs(lines), "html", removed)
