"""The print edition set as a Chinese official publication is set (GB/T 9704), measured on the printed pages:
where poppler finds each line and glyph, and how much ink a run of text leaves, not what the stylesheet asks.

The page's text block is 156 mm wide from 28 mm on the binding side (left on odd pages, right on even ones):
22 lines of 28 characters, every line of a paragraph but its last ending on the right edge; notice titles in
the 小标宋-style face, centred, in balanced lines that keep terms whole; the 落款 on the page of the text's last
lines, the 附注 after the date; bold run-in heads (一是…) printed in a face that really is bold.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from compendium.content.loader import load_compendium
from compendium.editions.book import vocabulary
from compendium.editions.pdf import HANGING, NO_LINE_END, NO_LINE_START
from conftest import CONTENT, squeeze

COMPENDIUM = load_compendium(CONTENT).compendium
MM = 72 / 25.4
BLOCK = 156 * MM
BINDING = 28 * MM
OUTER = 26 * MM
PAGE_WIDTH = 210 * MM
FULL_TEXT = next(c for c in COMPENDIUM.taxonomy.collections.values() if c.full_text and COMPENDIUM.cases_in(c.id))


@dataclass
class Line:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str

    @property
    def height(self) -> float:
        return self.y1 - self.y0


def printed_lines(pdf: Path) -> list[Line]:
    """Every line of text poppler finds, with its box in points, page by page from the top."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True, check=True)
    found = []
    for number, page in enumerate(re.findall(r"<page .*?</page>", xml.stdout, re.S), start=1):
        for attributes, body in re.findall(r"<line (.*?)>(.*?)</line>", page, re.S):
            box = [float(v) for v in re.findall(r'"([\d.]+)"', attributes)]
            words = re.findall(r"<word [^>]*>([^<]*)</word>", body)
            found.append(Line(number, *box, " ".join(words)))
    return found


def left_edge(page: int) -> float:
    return BINDING if page % 2 else OUTER


BODY = 16.0  # 3号 (16 pt): a line of 仿宋 has a glyph box 16 pt high, one with a Noto face in it 23 pt
NOTO_BOX = 1.437  # a Noto CJK face's glyph box, in em


def contents_page(lines: list[Line]) -> int:
    """The last page of the contents (目录 and the pages of entries with leaders after it)."""
    pages: dict[int, str] = {}
    words: dict[int, set[str]] = {}
    for line in lines:
        pages[line.page] = pages.get(line.page, "") + squeeze(line.text)
        words.setdefault(line.page, set()).update(line.text.split())
    # the heading 目　录: one word, or two that poppler may put apart
    page = next(page for page, text in pages.items() if "目录" in text or {"目", "录"} <= words[page])
    while "···" in pages.get(page + 1, ""):
        page += 1
    return page


def body_lines(lines: list[Line]) -> list[Line]:
    """Lines of body text (3号, starting at the text block's edge or two characters in) between the contents and
    the indexes."""
    contents = contents_page(lines)
    indexes = next((line.page for line in lines if squeeze(line.text) == "地区索引" and line.page > contents), 10**6)
    return [
        line
        for line in lines
        if BODY - 0.5 < line.height < 23.5
        and -0.5 < line.x0 - left_edge(line.page) < 2.2 * BODY
        and contents < line.page < indexes
    ]


@pytest.fixture(scope="module")
def collection_lines(pdf_editions) -> list[Line]:
    return printed_lines(pdf_editions / f"{FULL_TEXT.id}.pdf")


def test_text_starts_on_the_binding_margin_and_fills_the_156_mm_block(collection_lines):
    """Every body line starts 28 mm from the binding edge (26 mm on the outer side: the block is 156 mm), and a
    line that its paragraph continues after (the next line starts at the edge, not indented) ends on the right
    edge: justified, never ragged (before: 219 of 865 such lines stopped up to 3 characters short)."""
    lines = body_lines(collection_lines)
    assert len(lines) > 300
    for line in lines:
        assert line.x0 > left_edge(line.page) - 0.5, line
    continued = [
        line
        for line, following in zip(lines, lines[1:])
        if following.page == line.page and abs(following.x0 - left_edge(following.page)) < 0.5
    ]
    assert len(continued) > 200
    # a stop or comma hanging past the edge (pdf.HANGING) takes its width off: the character before it ends there
    short = [line for line in continued if abs(line.x1 - hang(line) - (left_edge(line.page) + BLOCK)) > 1.5]
    assert short == [], f"{len(short)} of {len(continued)} lines stop short of the right edge: {short[:3]}"
    pages = {line.page for line in lines}  # odd pages bind on the left, even ones on the right
    at_edge = {line.page for line in lines if abs(line.x0 - left_edge(line.page)) < 0.5}
    assert len(at_edge) > 0.9 * len(pages), sorted(pages - at_edge)


def hang(line: Line) -> float:
    """How far a line's last character stands past the right edge: a stop or comma hangs there by its width."""
    beyond = line.x1 - (left_edge(line.page) + BLOCK)
    return BODY if line.text[-1:] in HANGING and BODY - 1.5 < beyond < BODY + 1.5 else 0


def test_a_line_of_chinese_holds_28_characters(collection_lines):
    """GB/T 9704 5.2.2: 28 characters a line.  A full line of Chinese characters and full-width marks holds 28
    (26 after a paragraph's two-character indent), and a stop or comma after them hangs past the edge rather
    than take the 28th character with it to the next line (CSS's hanging-punctuation: allow-end, Word's
    允许标点溢出边界).  One less only where the 28th character went down with another mark that may not start a
    line (；”…, or two marks), or the 28th was an opening mark, which may not end one: the line is then spaced
    out to the edge."""
    lines = body_lines(collection_lines)
    counted = hanging = 0
    for line, following in zip(lines, lines[1:]):
        text = line.text.replace(" ", "")
        if following.page != line.page or abs(following.x0 - left_edge(following.page)) > 0.5:
            continue  # a paragraph's last line
        if not all(ord(char) > 0x2E80 for char in text):
            continue  # digits and Latin letters are narrower
        full = 26 if line.x0 - left_edge(line.page) > BODY else 28
        next_text = squeeze(following.text)
        if hang(line):
            assert len(text) == full + 1, line
            hanging += 1
            continue
        could_hang = next_text[1:2] in HANGING and next_text[2:3] not in NO_LINE_START
        pushed = (next_text[1:2] in NO_LINE_START and not could_hang) or next_text[:1] in NO_LINE_END
        assert len(text) == full or (pushed and len(text) == full - 1), (line, following)
        counted += 1
    assert counted > 100
    assert hanging > 10  # the fixture's 2021 cases: 37 lines whose 。，、 hangs


def test_notice_titles_are_centred_22_pt_in_balanced_lines_that_keep_terms_whole(pdf_editions):
    """A notice's title (GB/T 9704 7.3.3): 2号 (22 pt) in the 小标宋-style face, each line centred on the block,
    lines of even length, no line breaking one of the compendium's terms (健康促进 / 医院)."""
    terms = vocabulary(COMPENDIUM.taxonomy)
    checked = 0
    for collection in COMPENDIUM.taxonomy.collections.values():
        notice = COMPENDIUM.notice_for(collection)
        if not notice or not COMPENDIUM.cases_in(collection.id):
            continue
        lines = printed_lines(pdf_editions / f"{collection.id}.pdf")
        after = contents_page(lines)
        number = next(line for line in lines if squeeze(line.text) == squeeze(notice.doc_number) and line.page > after)
        title = [line for line in lines if line.page == number.page and line.y0 < number.y0 and line.height > 20]
        assert "".join(squeeze(line.text) for line in title) == squeeze(notice.title), title
        for line in title:
            middle = left_edge(line.page) + BLOCK / 2
            assert abs((line.x0 + line.x1) / 2 - middle) < 2, (line, middle)
            assert abs(line.height / NOTO_BOX - 22) < 0.5, line  # 2号
        widths = [len(squeeze(line.text)) for line in title]
        assert max(widths) - min(widths) <= 8, widths
        for before, after in zip(title, title[1:]):
            joined = squeeze(before.text) + "|" + squeeze(after.text)
            for term in terms:
                for cut in range(1, len(term)):
                    assert term[:cut] + "|" + term[cut:] not in joined, (term, joined)
        checked += 1
    assert checked >= 2


def test_the_signature_stays_with_the_text_and_the_annotation_follows_the_date(pdf_editions):
    """GB/T 9704 7.3.5: the 落款 and 成文日期 never stand alone on a page: at least two lines of the text share
    their page.  The 附注 (（信息公开形式：主动公开）) comes after the date, as the 公文 order has it, wherever the
    source put it."""
    checked = 0
    for collection in COMPENDIUM.taxonomy.collections.values():
        notice = COMPENDIUM.notice_for(collection)
        if not notice or not notice.annotation or not COMPENDIUM.cases_in(collection.id):
            continue
        lines = printed_lines(pdf_editions / f"{collection.id}.pdf")
        texts = [squeeze(line.text) for line in lines]
        after = contents_page(lines)
        number = next(i for i, line in enumerate(lines) if line.page > after and texts[i] == squeeze(notice.doc_number))
        date = next(i for i in range(number, len(texts)) if re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", texts[i]))
        signature = max(i for i in range(number, date) if texts[i] == squeeze(notice.issuers[-1]))
        annotation = texts.index(squeeze(notice.annotation))
        assert signature < date < annotation
        page = lines[signature].page
        above = [line for line in body_lines(lines) if line.page == page and line.y0 < lines[signature].y0]
        assert len(above) >= 2, f"{collection.id}: the signature stands with {len(above)} lines of text"
        checked += 1
    assert checked >= 1


def ink(image: Image.Image, box: tuple[float, float, float, float], scale: float) -> float:
    """Share of dark pixels in a box given in points."""
    x0, y0, x1, y1 = (round(v * scale) for v in box)
    region = image.crop((x0, y0, x1, y1))
    pixels = list(region.getdata())
    return sum(1 for value in pixels if value < 128) / len(pixels)


def test_bold_run_in_heads_print_darker_than_the_text_after_them(pdf_editions, tmp_path):
    """一是…, 二是…: the bold run-in heads of the cases print in a face that is bold (FandolFang has none; a
    synthesised or missing bold leaves the same ink as the text).  Measured as ink per character cell on the
    rendered page: the head's, against the same line's text after it."""
    pdf = pdf_editions / f"{FULL_TEXT.id}.pdf"
    lines = body_lines(printed_lines(pdf))
    heads = {
        squeeze(match)
        for case in COMPENDIUM.cases_in(FULL_TEXT.id)
        for match in re.findall(r"^\*\*([一二三四五六七八九十]是[^*\n]{3,16})\*\*", case.body, re.M)
    }
    assert len(heads) >= 5
    scale = 150 / 72
    ratios = []
    rendered: dict[int, Image.Image] = {}
    for line in lines:
        text = squeeze(line.text)
        head = next((h for h in heads if text.startswith(h) and len(text) - len(h) >= 6), None)
        if head is None or line.x0 - left_edge(line.page) < BODY:
            continue
        if line.page not in rendered:
            target = tmp_path / f"page-{line.page}"
            subprocess.run(
                ["pdftoppm", "-r", "150", "-gray", "-png", "-singlefile", "-f", str(line.page), "-l", str(line.page)]
                + [str(pdf), str(target)],
                check=True,
            )
            rendered[line.page] = Image.open(target.with_suffix(".png")).convert("L")
        pitch = (line.x1 - line.x0) / len(text)
        split = line.x0 + pitch * len(head)
        bold = ink(rendered[line.page], (line.x0, line.y0, split, line.y1), scale)
        regular = ink(rendered[line.page], (split, line.y0, line.x1, line.y1), scale)
        ratios.append(bold / regular)
    assert len(ratios) >= 5
    assert min(ratios) > 1.4, sorted(ratios)[:5]


GRID = 225 * MM / 22  # 28.95 pt: 22 lines in the 225 mm block
TIGHT = 26.5  # a case set 24 lines a page so that its last lines do not stand alone (pdf.py)


def test_lines_keep_the_grid_whatever_face_is_in_them(collection_lines):
    """22 lines a page, 28.95 pt apart, also where a line holds a bold head in another face (whose taller glyphs
    must not push the line down: the drift would add up down the page and over the 22 lines).  Measured between
    lines of 仿宋 only, over the lines between them of a run of body lines."""
    runs: list[list[Line]] = []
    body = {id(line) for line in body_lines(collection_lines)}
    for line in collection_lines:
        if id(line) in body and runs and runs[-1][-1].page == line.page and id(runs[-1][-1]) in body:
            runs[-1].append(line)
        else:
            runs.append([line])
    pitches = []
    for run in runs:
        plain = [(i, line) for i, line in enumerate(run) if abs(line.height - BODY) < 0.5]
        for (i, first), (j, second) in zip(plain, plain[1:]):
            pitches.append(((second.y0 - first.y0) / (j - i), first))
    assert len(pitches) > 300
    off = [(round(pitch, 2), line) for pitch, line in pitches if min(abs(pitch - GRID), abs(pitch - TIGHT)) > 0.05]
    assert off == [], off[:3]


def test_numbered_items_print_as_paragraphs_numbered_in_their_text(collection_lines):
    """1. 2. … (a Markdown list) print as a 公文 sets them: each a paragraph indented two characters, its number
    the start of its text, its next lines back at the edge (before: a list hanging from its numbers)."""
    items = [
        (i, line)
        for i, line in enumerate(collection_lines)
        if re.match(r"\d\.\S", squeeze(line.text)) and line.page > contents_page(collection_lines)
    ]
    assert len(items) >= 3
    for i, line in items:
        assert abs(line.x0 - left_edge(line.page) - 31.56) < 1, line
        following = collection_lines[i + 1]
        if following.page == line.page and not re.match(r"\d\.", squeeze(following.text)):
            assert abs(following.x0 - left_edge(following.page)) < 0.5, following


def test_a_list_continued_on_a_page_stands_clear_of_the_running_heads_rule(pdf_editions):
    """A 名单 running over pages repeats its head row at the top of each: it stands clear of the running head's
    rule (ruled 3 mm under the running head's text, then 4 mm to the text block).  Measured from the running
    head's text to the repeated 序号: 33 pt (before: 22 pt, the rule touching the table's top border)."""
    collection = next(c for c in COMPENDIUM.taxonomy.collections.values() if not c.full_text)
    lines = printed_lines(pdf_editions / f"{collection.id}.pdf")
    gaps = []
    for line in lines:
        if squeeze(line.text).startswith("序号"):
            head = [h for h in lines if h.page == line.page and h.y1 < line.y0 and squeeze(h.text) == collection.title]
            if head:
                gaps.append(line.y0 - head[-1].y1)
    assert len(gaps) >= 2 and min(gaps) > 30, gaps
