"""The Word edition: `scripts/make_docx.py` on the fixture compendium, read back with python-docx and converted to PDF
by LibreOffice (headless), as an office would open it."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from compendium.content.loader import load_compendium
from conftest import CONTENT, copy_project, fixture_edition, make_edition, png, squeeze, whole_book

COMPENDIUM = load_compendium(CONTENT).compendium
COLLECTIONS = [c for c in COMPENDIUM.taxonomy.collections.values() if COMPENDIUM.cases_in(c.id)]


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    return fixture_edition("docx", tmp_path_factory.mktemp("docx"))


def to_pdf(source: Path, tmp_path: Path) -> str:
    """LibreOffice's PDF of a Word file, as text."""
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    pdf = tmp_path / (source.stem + ".pdf")
    # -raw: in the order written, a table cell's lines together
    return subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.id)
def test_one_heading_per_case_and_a_contents_field(dist, collection):
    document = docx.Document(str(dist / f"{collection.id}.docx"))
    # each heading in the lines the PDF sets it in (案例X on a line of its own, the title in balanced lines)
    lines = [p.text.split("\n") for p in document.paragraphs if p.style.name == "Heading 2"]
    headings = [squeeze("".join(heading)) for heading in lines]
    cases = COMPENDIUM.cases_in(collection.id)
    if collection.full_text:
        assert [h for h in headings if h.startswith("案例")] == [squeeze(c.number_label + c.title) for c in cases]
        assert [h[0] for h in lines if h[0].startswith("案例")] == [c.number_label for c in cases]
        assert all(len(line) > 2 for heading in lines for line in heading[1:]), lines  # no short last line
    else:  # the 名单: one table, a row per case (序号, 单位, 案例名称) under its group's row
        assert f"{collection.title}名单" in headings
        [table] = document.tables
        rows = [[cell.text for cell in row.cells] for row in table.rows]
        assert rows[0] == ["序号", "单位", "案例名称"]
        assert [r for r in rows if r[0].isdigit()] == [[str(c.number), c.unit, c.title] for c in cases]
        # under the notice's own group headings, numbered as it numbers them (一、强化健康教育主题)
        groups = [heading for heading, _ in COMPENDIUM.listed_groups(collection)]
        assert [r[0] for r in rows[1:] if not r[0].isdigit()] == groups and groups[0].startswith("一、")
    notice = COMPENDIUM.notice_for(collection)
    if notice:
        assert squeeze(notice.title) in headings
    xml = document.element.xml
    assert re.search(r"<w:instrText[^>]*>\s*TOC \\o", xml), "no 目录 field"


def test_styles_page_and_page_numbers_follow_the_print_edition(dist):
    document = docx.Document(str(whole_book(dist, ".docx")))
    normal = document.styles["Normal"]
    fonts = normal.element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋" and normal.font.size == Pt(16)
    assert document.styles["Heading 2"].element.rPr.rFonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    assert document.styles["Heading 3"].element.rPr.rFonts.get(qn("w:eastAsia")) == "黑体"
    assert document.styles["Heading 4"].element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    section = document.sections[-1]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert abs(section.top_margin - Mm(37)) < Mm(0.5) and abs(section.left_margin - Mm(28)) < Mm(0.5)
    for footer in (section.footer, section.even_page_footer):
        assert "PAGE" in footer._element.xml and "— " in footer._element.xml


# ECMA-376 17.3.1.26: the order of a paragraph's properties, which Word holds to (python-docx's CT_PPr)
PARAGRAPH_PROPERTIES = (
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers pBdr shd tabs "
    "suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
    "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()


def test_stops_and_commas_may_hang_as_in_the_pdf_and_properties_stand_in_the_schemas_order(dist):
    """Word's 允许标点溢出边界 said in the styles (the PDF hangs a stop or comma past the line's end), and every
    style's paragraph properties in the order the schema gives (before: w:ind written after w:jc)."""
    document = docx.Document(str(whole_book(dist, ".docx")))
    overflow = document.styles["Normal"].element.pPr.find(qn("w:overflowPunct"))
    assert overflow is not None and overflow.get(qn("w:val")) == "1"
    for style in document.styles:
        properties = style.element.pPr
        if properties is None:
            continue
        names = [child.tag.split("}")[1] for child in properties]
        positions = [PARAGRAPH_PROPERTIES.index(name) for name in names]
        assert positions == sorted(positions), (style.name, names)


def test_libreoffice_opens_it_and_every_title_is_there_in_order(dist, tmp_path):
    # the Chinese characters: LibreOffice sets quotation marks, digits and + in a Latin face, and pdftotext puts
    # those out of their place
    def plain(text: str) -> str:
        return "".join(re.findall(r"[\u4e00-\u9fff]", text))

    text = plain(to_pdf(whole_book(dist, ".docx"), tmp_path))
    at = 0
    for collection in sorted(COLLECTIONS, key=lambda c: (-c.year, c.id)):
        for case in COMPENDIUM.cases_in(collection.id):
            found = text.find(plain(case.title), at)
            assert found >= 0, f"{case.title} is not after position {at}"
            at = found


def test_tables_and_pictures_go_into_the_word_file_and_others_are_named(tmp_path):
    project = copy_project(tmp_path / "project")
    case = sorted((project / "content/cases/gjtwbh-2021-3").glob("*.md"))[0]
    (case.parent / "xianchang.png").write_bytes(png(120, 60, (159, 29, 32)))
    case.write_text(
        case.read_text("utf-8")
        + "\n\n| 指标 | 2020年 | 2021年 |\n| --- | --- | --- |\n| 参与人数 | 1200 | 3400 |\n\n"
        + "![现场照片](xianchang.png)\n\n![外链](http://127.0.0.1:9/x.png)\n",
        "utf-8",
    )
    dist = tmp_path / "dist"
    result = make_edition("docx", project, dist, "--only", "gjtwbh-2021-3")
    assert result.returncode == 0, result.stderr
    # a picture from another host is not fetched (the content check already refuses paths out of the folder)
    assert "图片未收入 http://127.0.0.1:9/x.png" in result.stderr
    document = docx.Document(str(dist / "gjtwbh-2021-3.docx"))
    assert len(document.inline_shapes) == 1
    rows = [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    assert ["参与人数", "1200", "3400"] in rows
    text = "\n".join(p.text for p in document.paragraphs)
    assert "[图片未收入：外链]" in text


def test_hostile_fields_come_out_as_the_characters_typed(tmp_path):
    import dataclasses

    from compendium.editions.book import collection_book
    from compendium.editions.word import write_docx
    from compendium.model.compendium import Compendium

    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    first = COMPENDIUM.cases_in("gjtwbh-2021-3")[0]
    hostile = dataclasses.replace(first, title="恶意" + payload, unit="单位" + payload, text=payload + "\n")
    compendium = Compendium(COMPENDIUM.taxonomy, [hostile], COMPENDIUM.notices)
    result = write_docx(collection_book(compendium, first.collection), CONTENT, tmp_path / "hostile.docx")
    document = docx.Document(str(result.path))
    texts = [p.text for p in document.paragraphs]
    assert squeeze(f"{first.number_label}恶意{payload}") in map(squeeze, texts) and f"单位{payload}" in texts
    assert len(document.inline_shapes) == 0


def test_as_libreoffice_prints_it_cover_unnumbered_paragraphs_indented_list_numbers_whole(dist, tmp_path):
    """What an office sees opening the 名单 collection's Word file (LibreOffice's PDF, read back with poppler):
    no page number on the cover; a paragraph's first line two characters in (before, LibreOffice read only
    firstLineChars and showed none); the 名单's cells not indented, each 序号 on one line (before: "1 / 0"); the
    附注 after the date."""
    collection = next(c for c in COLLECTIONS if not c.full_text)
    notice = COMPENDIUM.notice_for(collection)
    to_pdf(dist / f"{collection.id}.docx", tmp_path)
    pdf = tmp_path / f"{collection.id}.pdf"
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    assert "—" not in pages[0] and collection.title in re.sub(r"\s", "", pages[0])
    boxes = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    lines = []
    for attributes, body in re.findall(r"<line (.*?)>(.*?)</line>", boxes, re.S):
        x0 = float(re.search(r'xMin="([\d.]+)"', attributes).group(1))
        lines.append((x0, "".join(re.findall(r"<word [^>]*>([^<]*)</word>", body))))
    first = next(p for p in notice.text.split("\n\n") if len(p) > 60 and not p.startswith("#"))
    [(x0, _)] = [(x0, text) for x0, text in lines if first[:8] in text][:1]
    left = min(x for x, text in lines if len(text) > 20)  # the text block's edge
    # two characters: 32 pt in Word; LibreOffice reads firstLineChars with its own character width (37.7 pt)
    assert 24 < x0 - left < 40, (x0, left)
    numbers = [text for _, text in lines if text.isdigit()]
    assert {str(c.number) for c in COMPENDIUM.cases_in(collection.id)} <= set(numbers), numbers
    text = re.sub(r"\s", "", "".join(pages))
    date = re.search(r"\d{4}年\d{1,2}月\d{1,2}日" + re.escape(re.sub(r"\s", "", notice.annotation)), text)
    assert date, "the 附注 does not follow the date"


def test_the_contents_are_filled_in_before_any_application_updates_them(dist, tmp_path):
    """The 目录 field holds its entries when the file is written (before, its result was empty: WPS, LibreOffice
    and viewers showed an empty page until fields were updated), and stays marked for Word to number them."""
    collection = next(c for c in COLLECTIONS if c.full_text)
    path = dist / f"{collection.id}.docx"
    document = docx.Document(str(path))
    ids = {document.styles[f"toc {level}"].style_id for level in (1, 2)}
    entries = [  # inside the field's content control, where python-docx's paragraphs do not look
        "".join(t.text for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
        if any(style.get(qn("w:val")) in ids for style in p.iter(qn("w:pStyle")))
    ]
    headings = [p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")]
    assert list(map(squeeze, entries)) == list(map(squeeze, headings))
    assert len(entries) == len(COMPENDIUM.cases_in(collection.id)) + 1 and all("\n" not in e for e in entries)
    assert 'w:dirty="true"' in document.element.xml
    text = to_pdf(path, tmp_path)
    contents = next(page for page in text.split("\f") if "目" in page and "录" in page)
    han = "".join(re.findall(r"[\u4e00-\u9fff]", contents))  # LibreOffice sets quotation marks apart
    for case in COMPENDIUM.cases_in(collection.id)[:5]:
        assert "".join(re.findall(r"[\u4e00-\u9fff]", case.title)) in han
