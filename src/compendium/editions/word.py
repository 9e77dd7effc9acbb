"""The Word edition: the print book (editions/book.py) as a .docx that an editor can open in Word or WPS.

The same Book as the PDF is laid out by templates/word/book.html as plain HTML (headings, paragraphs, the 名单
as a table), which pandoc (pypandoc-binary) turns into DOCX with a reference document made here with
python-docx: its styles follow the print edition (GB/T 9704: A4, 37/28 mm margins, 仿宋 3号 body on 22 lines,
小标宋 titles, 黑体/楷体 heading levels, "— N —" page numbers on the outer side), with the East Asian font slot
set, so that Chinese text is set in the Chinese face.  Word does not embed fonts: the names are those of the
faces on an office's computers (仿宋, 黑体, 楷体, 方正小标宋简体).

Pandoc runs with --sandbox: it reads nothing but its input; pictures reach it as data: URLs, and only files
inside the content folder do (printable_file), as in the PDF.
"""

from __future__ import annotations

import base64
import html
import mimetypes
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from compendium.editions.book import Book, printable_file
from compendium.editions.templates import render_template

__all__ = ["WORD_FACES", "word_html", "make_reference_docx", "write_docx", "WordResult"]

WORD_FACES = {"body": "仿宋", "title": "方正小标宋简体", "hei": "黑体", "kai": "楷体", "latin": "Times New Roman"}
"""The faces the Word edition names (Word substitutes its own where one is not installed)."""
LINE = 28.95
"""Points between lines: 225 mm / 22 lines, as in print.css."""

_HEADING = re.compile(r"<(/?)h([1-5])\b")
_IMAGE = re.compile(r'<img\b([^>]*?)\bsrc="([^"]*)"([^>]*)>')


@dataclass
class WordResult:
    path: Path
    refused: list[str]
    """Pictures that were not put in (outside the content folder, or not a file): named to the editor."""


def _shifted(body_html: str) -> str:
    """A body's headings one level down: its ## (一、) under the case's own heading (Heading 2)."""
    return _HEADING.sub(lambda m: f"<{m.group(1)}h{min(int(m.group(2)) + 1, 6)}", body_html)


def _embedded_images(text: str, roots: list[Path], base: Path, refused: list[str]) -> str:
    """Pictures the content folder holds as data: URLs (pandoc reads nothing else); any other as its text."""

    def replace(match: re.Match) -> str:
        src = html.unescape(match.group(2))
        path = printable_file((base / src).resolve().as_uri(), roots) if "://" not in src else None
        if path is None:
            refused.append(src)
            alt = re.search(r'\balt="([^"]*)"', match.group(0))
            return f"[图片未收入：{alt.group(1) if alt else html.escape(src)}]"
        kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        return f'<img{match.group(1)}src="data:{kind};base64,{data}"{match.group(3)}>'

    return _IMAGE.sub(replace, text)


def word_html(book: Book, content: Path, refused: list[str] | None = None) -> str:
    """The book as the HTML pandoc reads: bodies' headings shifted below the cases', pictures embedded."""
    text = render_template("word/book.html", book=book, shifted=_shifted)
    roots = [content.resolve()]
    return _embedded_images(text, roots, content.resolve(), refused if refused is not None else [])


def _set_fonts(style, east_asian: str, size: float | None = None, bold: bool | None = None) -> None:
    """The style's faces: Latin and East Asian slots (python-docx's font.name sets only the Latin ones), no theme
    fonts (they would win over the names), black."""
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    style.font.name = WORD_FACES["latin"]
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    style.font.color.rgb = RGBColor(0, 0, 0)
    if size:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    style.font.italic = False


_AFTER_OVERFLOW_PUNCT = (
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
"""What may follow w:overflowPunct in a paragraph's properties (ECMA-376's order, which Word holds to)."""


def _paragraph(
    style, align=None, indent_chars: int = 0, before: float = 0, after: float = 0, page_break=False, size: float = 16
):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    format = style.paragraph_format
    format.alignment = align
    format.space_before, format.space_after = Pt(before), Pt(after)
    format.line_spacing = Pt(LINE)
    format.page_break_before = page_break
    # headings stay with what follows, a notice's last paragraph with its signature (GB/T 9704 7.3.5: never a
    # signature alone on a page), the signature lines with one another
    format.keep_with_next = style.name.startswith("Heading") or style.name in ("Signature", "Closing")
    properties = style.element.get_or_add_pPr()
    indent = properties.get_or_add_ind()  # in its place among the properties: Word holds to it
    # first line indented by two characters, as Chinese paragraphs are: in characters (Word, WPS) and in twips
    # for the applications that read only those (LibreOffice showed no indent at all with firstLine="0")
    indent.set(qn("w:firstLineChars"), str(indent_chars * 100))
    indent.set(qn("w:firstLine"), str(round(indent_chars * size * 20)))
    # a stop or comma that would start a line hangs past the end of the one before, as in the PDF (pdf.HANGING):
    # Word's 允许标点溢出边界, said, not left to the application's default
    if properties.find(qn("w:overflowPunct")) is None:
        overflow = OxmlElement("w:overflowPunct")
        overflow.set(qn("w:val"), "1")
        properties.insert_element_before(overflow, *_AFTER_OVERFLOW_PUNCT)


def _field(paragraph, instruction: str) -> None:
    """A field (PAGE) in a paragraph: Word and LibreOffice compute it."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_number(footer, align) -> None:
    """— N — in 4号 (14 pt), on the outer side, one character in."""
    from docx.shared import Pt

    paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(14)
    for text in ("— ", None, " —"):
        if text is None:
            _field(paragraph, "PAGE")
        else:
            run = paragraph.add_run(text)
            run.font.size = Pt(14)


def make_reference_docx(target: Path) -> Path:
    """pandoc's reference document with the print edition's styles, page and page numbers."""
    import docx
    import pypandoc
    from docx.enum.style import WD_STYLE_TYPE
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm

    pandoc = pypandoc.get_pandoc_path()
    data = subprocess.run([pandoc, "--print-default-data-file", "reference.docx"], capture_output=True, check=True)
    target.write_bytes(data.stdout)
    document = docx.Document(str(target))
    styles = document.styles

    def style(name: str, kind=WD_STYLE_TYPE.PARAGRAPH):
        try:
            return styles[name]
        except KeyError:
            made = styles.add_style(name, kind)
            made.base_style = styles["Normal"]
            return made

    center, right, justify = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY
    body = WORD_FACES["body"]
    for name in ("Normal", "Body Text", "First Paragraph", "Closing"):
        _set_fonts(style(name), body, 16)
        _paragraph(style(name), justify, indent_chars=2)
    # pandoc's style for table cells and tight list items: no first-line indent (a 名单 cell indented by two
    # characters split the 序号 "10" over two lines)
    _set_fonts(style("Compact"), body, 16)
    _paragraph(style("Compact"), None)
    for name, face, size, align, break_before in (
        ("Title", WORD_FACES["title"], 26, center, False),
        ("Subtitle", WORD_FACES["kai"], 16, center, False),
        ("Author", body, 16, center, False),
        ("Date", body, 16, center, False),
        ("TOC Heading", WORD_FACES["title"], 22, center, True),
        ("Heading 1", WORD_FACES["title"], 22, center, True),
        ("Heading 2", WORD_FACES["title"], 22, center, True),
        ("Case Unit", WORD_FACES["kai"], 16, center, False),
        ("Document Number", body, 16, center, False),
        ("Recipients", body, 16, None, False),
        ("Signature", body, 16, right, False),
        ("Summary", WORD_FACES["kai"], 14, justify, False),
        ("Annotation", body, 16, None, False),
        ("toc 1", body, 14, None, False),
        ("toc 2", body, 14, None, False),
        ("Note", WORD_FACES["kai"], 12, None, False),
    ):
        _set_fonts(style(name), face, size, bold=False)
        # the cover's title a third of the way down the page, as on the printed cover
        before = 160 if name == "Title" else 0
        _paragraph(
            style(name),
            align,
            indent_chars=2 if name == "Annotation" else 0,
            before=before,
            after=14 if name in ("Case Unit", "Title") else 0,
            page_break=break_before,
            size=size,
        )
    # Headings inside texts: 一、 黑体, （一） 楷体, 1. bold 仿宋, each indented as a paragraph.
    for name, face, bold in (("Heading 3", WORD_FACES["hei"], False), ("Heading 4", WORD_FACES["kai"], False)):
        _set_fonts(style(name), face, 16, bold=bold)
        _paragraph(style(name), None, indent_chars=2)
    for name in ("Heading 5", "Heading 6"):
        _set_fonts(style(name), body, 16, bold=True)
        _paragraph(style(name), None, indent_chars=2)
    # Tables (the 名单, tables in texts): 12 pt, ruled, no first-line indent.
    table = styles["Table"]
    _set_fonts(table, body, 12)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), "4")
        line.set(qn("w:color"), "000000")
        borders.append(line)
    properties = table.element.find(qn("w:tblPr"))
    if properties is None:
        properties = OxmlElement("w:tblPr")
        table.element.append(properties)
    properties.append(borders)
    # The page: A4, the binding margin on the inside, page numbers on the outer side.
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    mirrored = OxmlElement("w:mirrorMargins")
    document.settings.element.append(mirrored)
    document.settings.odd_and_even_pages_header_footer = True
    section.different_first_page_header_footer = True  # the cover carries no page number
    _page_number(section.footer, right)
    _page_number(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    document.save(str(target))
    return target


def _contents(book: Book) -> list[tuple[int, str]]:
    """The 目录's entries, (level, text), as word/book.html writes the headings: a collection (Heading 1), then its
    notice, its 名单 and its cases, each case as its label and title (Heading 2)."""
    entries: list[tuple[int, str]] = []
    for part in book.parts:
        if part.heading:
            entries.append((1, part.collection.title))
        if part.preface:
            entries.append((2, part.preface.title))
        if part.groups:
            entries.append((2, part.roster_title))
        entries += [(2, f"{case.record.number_label}　{case.record.title}") for case in part.texts]
    return entries


def _filled_contents(document, entries: list[tuple[int, str]]) -> None:
    """The 目录 field with its entries already in it: pandoc leaves the field's result empty for Word to fill when
    it updates fields, and WPS, LibreOffice, phones and web viewers showed an empty page.  Each heading of level 1
    and 2 is an entry (toc 1, toc 2), without page numbers, which only the application that lays the pages out
    knows; the field stays marked for updating, so Word replaces them with its own, numbered."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    body = document.element.body
    instruction = next((el for el in body.iter(qn("w:instrText")) if (el.text or "").strip().startswith("TOC")), None)
    if instruction is None:
        return
    run = instruction.getparent()
    paragraph = run.getparent()
    ends = [el for el in run.iter(qn("w:fldChar")) if el.get(qn("w:fldCharType")) == "end"]
    if not ends or not entries:
        return
    run.remove(ends[0])
    after = paragraph
    for number, (level, text) in enumerate(entries):
        entry = OxmlElement("w:p")
        properties = OxmlElement("w:pPr")
        style = OxmlElement("w:pStyle")
        style.set(qn("w:val"), document.styles[f"toc {level}"].style_id)
        properties.append(style)
        entry.append(properties)
        words = OxmlElement("w:r")
        written = OxmlElement("w:t")
        written.text = text
        words.append(written)
        entry.append(words)
        if number == len(entries) - 1:  # the field ends with its last entry
            closing = OxmlElement("w:r")
            closing.append(ends[0])
            entry.append(closing)
        after.addnext(entry)
        after = entry


def _keep_rows_whole(path: Path, book: Book) -> None:
    """No table row split over two pages, and each table's head repeated on every page (the 名单 runs for pages);
    the 目录 filled in (_filled_contents)."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document(str(path))
    _filled_contents(document, _contents(book))
    for table in document.tables:
        for number, row in enumerate(table.rows):
            properties = row._tr.get_or_add_trPr()
            for name in ("w:cantSplit", "w:tblHeader") if number == 0 else ("w:cantSplit",):
                if properties.find(qn(name)) is None:
                    properties.append(OxmlElement(name))
    document.save(str(path))


def write_docx(book: Book, content: Path, target: Path) -> WordResult:
    """Write the book as `target` (.docx), through a temporary file renamed when complete."""
    import pypandoc

    refused: list[str] = []
    text = word_html(book, content, refused)
    metadata = [f"title={book.title}", f"date={book.date_label}", "toc-title=目　录", "lang=zh-Hans"]
    if book.subtitle:
        metadata.append(f"subtitle={book.subtitle}")
    if book.publisher:
        metadata.append(f"author={book.publisher}　编印")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory() as tmp:
        reference = make_reference_docx(Path(tmp) / "reference.docx")
        arguments = ["--sandbox", f"--reference-doc={reference}", "--toc", "--toc-depth=2"]
        arguments += [f"--metadata={item}" for item in metadata]
        try:
            pypandoc.convert_text(text, "docx", format="html", outputfile=str(partial), extra_args=arguments)
            _keep_rows_whole(partial, book)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(target)
    return WordResult(target, refused)
