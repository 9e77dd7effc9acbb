"""The print edition: `scripts/make_pdf.py` on the fixture compendium, read back with poppler and pypdf.

Checks what a reader of the printed compendium relies on: the PDF opens and
embeds its fonts, every case is in it in order, each starts on the page the
contents and the indexes give, and each has a bookmark to that page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pypdf
import pytest

from compendium.content.loader import load_compendium
from conftest import ARTIFACTS, CONTENT, copy_project, make_edition, png, squeeze, whole_book

COMPENDIUM = load_compendium(CONTENT).compendium
COLLECTIONS = [c for c in COMPENDIUM.taxonomy.collections.values() if COMPENDIUM.cases_in(c.id)]


@pytest.fixture
def dist(pdf_editions) -> Path:
    return pdf_editions


def pages_text(pdf: Path, raw: bool = False) -> list[str]:
    """Each page's text: laid out as printed (columns side by side), or `raw`, in the order it was written
    (a table cell's lines together, where the layout interleaves them with the cells beside)."""
    mode = "-raw" if raw else "-layout"
    text = subprocess.run(["pdftotext", mode, str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def contents_page(pages: list[str]) -> int:
    return next(i for i, page in enumerate(pages) if "目录" in squeeze(page))


def case_start_pages(pages: list[str], cases) -> dict[str, int]:
    """1-based page where each case stands: a full-text case's heading (案例N, title, unit), a listed case's row
    of the 名单 (number, unit, title)."""
    found, at = {}, contents_page(pages) + 1
    for case in cases:
        if case.collection.full_text:
            heading = squeeze(case.number_label + case.title + case.unit)
        else:
            heading = squeeze(f"{case.number}{case.unit}{case.title}")
        while heading not in squeeze(pages[at]):
            at += 1
            assert at < len(pages), f"{case.number_label} {case.title} is not in the PDF after page {found}"
        found[case.path] = at + 1
    return found


def entry_page(text: str, start: str) -> int | None:
    """The page number at the end of the entry (contents or index) that begins with `start`: its text may wrap
    onto a next line, then a leader (which shrinks to nothing when the entry fills the line), then the number."""
    lines = "\n".join(squeeze(line) for line in text.splitlines())
    match = re.search("\n?".join(map(re.escape, squeeze(start))) + r"(?:[^·\n]*\n)??[^·\n]*?·*(\d+)$", lines, re.M)
    return int(match.group(1)) if match else None


def listed_pages(text: str, cases) -> dict[str, int]:
    """Page number printed after each case's entry (label, title, leader dots, number)."""
    return {case.path: entry_page(text, case.number_label + case.title) for case in cases}


def bookmarks(pdf: Path) -> dict[str, int]:
    """Each bookmark's title (without whitespace) and the 1-based page it opens."""
    reader = pypdf.PdfReader(str(pdf))
    marks = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks[squeeze(item.title)] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    return marks


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.id)
def test_collection_pdf_opens_embeds_its_faces_and_holds_every_case_in_order(dist, collection):
    pdf = dist / f"{collection.id}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+" + re.escape(collection.title), info, re.M)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+yes\b", row) for row in rows), fonts  # embedded, subset
    # 仿宋 body, 小标宋-style (bold 宋) titles, 黑体 and 楷体 headings
    for face in ("FandolFang", "Noto-Serif-CJK-SC-Bold", "Noto-Sans-CJK-SC", "FandolKai"):
        assert any(face in row for row in rows), (face, fonts)
    pages = pages_text(pdf, raw=True)
    cases = COMPENDIUM.cases_in(collection.id)
    text = squeeze("".join(pages))
    for case in cases:
        assert squeeze(case.title) in text, case.title
    starts = case_start_pages(pages, cases)
    assert list(starts.values()) == sorted(starts.values())
    if collection.full_text:  # each case starts on a new page: no two share one
        assert len(set(starts.values())) == len(cases)


@pytest.mark.parametrize("which", [c.id for c in COLLECTIONS] + ["whole"])
def test_contents_indexes_and_bookmarks_give_the_pages_where_cases_start(dist, which):
    pdf = whole_book(dist, ".pdf") if which == "whole" else dist / f"{which}.pdf"
    collections = COLLECTIONS if which == "whole" else [COMPENDIUM.taxonomy.collections[which]]
    groups = [COMPENDIUM.cases_in(c.id) for c in collections]
    cases = [case for group in groups for case in group]
    pages = pages_text(pdf)
    starts = {}
    for group in groups:  # in the whole compendium, each collection numbers from 案例一 again
        starts.update(case_start_pages(pages_text(pdf, raw=True), group))
    # The page number printed in each page's footer is the page's place in the PDF.
    for page_number in set(starts.values()):
        assert f"—{page_number}—" in squeeze(pages[page_number - 1])
    contents = contents_page(pages)
    marks = bookmarks(pdf)
    first_part = min(page for title, page in marks.items() if title != "目录" and page > contents + 1)
    contents_text = "".join(pages[contents : first_part - 1])
    for collection, group in zip(collections, groups):
        section = contents_text
        if which == "whole":  # the part of the contents under this collection's heading
            section = re.split(r"^\s*" + re.escape(collection.title) + r"\s*$", contents_text, flags=re.M)[1]
        notice = COMPENDIUM.notice_for(collection)
        if notice:  # the notice is in the contents, with the page its bookmark opens
            assert entry_page(section, notice.title) == marks[squeeze(notice.title)]
        if collection.full_text:
            assert listed_pages(section, group) == {c.path: starts[c.path] for c in group}
        else:  # one entry for the 名单, at the page of its first row
            assert entry_page(section, collection.title + "名单") == starts[group[0].path]
    if which != "whole" and not collections[0].full_text:
        assert not any("地区索引" in squeeze(page) for page in pages)  # a 名单 has no index
    else:
        index_start = next(
            i for i, page in enumerate(pages) if i >= max(starts.values()) and "地区索引" in squeeze(page)
        )
        region_index = "".join(pages[index_start:])
        region_index = region_index[: region_index.find("主题索引")]
        for case in cases[:10] + cases[-10:]:
            assert entry_page(region_index, case.number_label + case.title) == starts[case.path], case.title
    for case in cases:
        if case.collection.full_text:
            assert marks.get(squeeze(case.number_label + case.title)) == starts[case.path], case.title


def test_a_listed_collection_prints_as_a_short_name_list(dist):
    """A collection published as a list is one 名单 table (序号, 单位, 案例名称, grouped as its notice groups it)
    after its notice: at most 6 pages for the 51 cases of 2024, not a page per case."""
    for collection in COLLECTIONS:
        if collection.full_text:
            continue
        pdf = dist / f"{collection.id}.pdf"
        pages = pages_text(pdf, raw=True)
        marks = bookmarks(pdf)
        roster = marks[squeeze(collection.title + "名单")]
        after = len(pages) + 1  # nothing follows the list: no index repeats it
        cases = COMPENDIUM.cases_in(collection.id)
        assert after - roster <= max(6, len(cases) // 8), (roster, after)
        text = squeeze("".join(pages[roster - 1 : after - 1]))
        assert "序号单位案例名称" in text
        for case in cases:
            assert squeeze(f"{case.number}{case.unit}{case.title}") in text, case.title
            assert squeeze(case.themes[0].name) in text  # its group's heading
        assert "本批次只公布了案例名单" not in text
        for heading, _ in COMPENDIUM.listed_groups(collection):  # the notice's own headings: 一、强化健康教育主题
            assert squeeze(heading) in text


def test_no_page_holds_a_few_lines_unless_it_ends_a_section(dist):
    """Every page but a section's last (a section: the contents, a notice, a case, a 名单, an index, each
    starting on the page its bookmark opens) holds at least 5 lines besides its running head and page number."""
    for pdf in dist.glob("*.pdf"):
        pages = pages_text(pdf)
        starts = set(bookmarks(pdf).values()) | {len(pages) + 1}
        for number, page in enumerate(pages[1:], start=2):
            lines = [
                line for line in page.splitlines() if line.strip() and not re.fullmatch(r"\s*—\s*\d+\s*—\s*", line)
            ]
            body = lines[1:] if number > contents_page(pages) + 1 else lines  # the running head
            assert len(body) >= 5 or number + 1 in starts, f"{pdf.name} page {number}: {body}"


def test_no_case_spills_a_few_lines_onto_a_page_of_their_own(dist):
    """A case whose last lines would stand alone on a page is set a little tighter, so that they come back."""
    for pdf in dist.glob("*.pdf"):
        pages = pages_text(pdf)
        marks = bookmarks(pdf)
        starts = sorted(set(marks.values()) | {len(pages) + 1})
        for case in COMPENDIUM.cases:
            first = marks.get(squeeze(case.number_label + case.title)) if case.collection.full_text else None
            if first is None:
                continue
            last = starts[starts.index(first) + 1] - 1
            lines = [line for line in pages[last - 1].splitlines() if line.strip()][1:-1]  # head, page number
            assert last == first or len(lines) >= 5, f"{pdf.name}: {case.title} ends with {len(lines)} lines"


def test_pages_render_as_chinese_text(dist):
    """The cover, the contents, a preface, a 名单 page and a case page as PNGs to look at (tests/artifacts/pdf-*.png),
    and the fonts hold every glyph used."""
    pdf = whole_book(dist, ".pdf")
    marks = bookmarks(pdf)
    ARTIFACTS.mkdir(exist_ok=True)
    for stale in ARTIFACTS.glob("pdf-*.png"):
        stale.unlink()
    first_case = next(c for col in COLLECTIONS if col.full_text for c in COMPENDIUM.cases_in(col.id))
    shown = {"cover": 1, "contents": marks["目录"], "case": marks[squeeze(first_case.number_label + first_case.title)]}
    notice = COMPENDIUM.notice_for(COLLECTIONS[0])
    if notice:
        shown["preface"] = marks[squeeze(notice.title)]
    listed = [c for c in COLLECTIONS if not c.full_text]
    if listed:
        shown["roster"] = marks[squeeze(listed[0].title + "名单")]
    for name, page in shown.items():
        target = ARTIFACTS / f"pdf-{name}"
        subprocess.run(
            ["pdftoppm", "-r", "60", "-png", "-singlefile", "-f", str(page), "-l", str(page), str(pdf), str(target)],
            check=True,
        )
        assert target.with_suffix(".png").stat().st_size > 5000
    # pdftotext maps every glyph back to its character: a missing glyph would come out as U+FFFD or nothing.
    text = "".join(pages_text(pdf))
    assert "\ufffd" not in text
    body = COMPENDIUM.cases_in("gjtwbh-2021-3")[0].body
    first_paragraph = next(p for p in body.split("\n\n") if len(p) > 80)
    assert squeeze(first_paragraph)[:60] in squeeze(text)


def test_hostile_fields_print_as_text(tmp_path):
    """Front matter and bodies are untrusted in the PDF too: markup comes out as the characters typed."""
    import dataclasses

    from weasyprint import HTML

    from compendium.editions.book import collection_document
    from compendium.model.compendium import Compendium

    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    first = COMPENDIUM.cases_in("gjtwbh-2021-3")[0]
    hostile = dataclasses.replace(
        first,
        title="恶意" + payload,
        unit="单位" + payload,
        values=first.values | {"summary": payload},
        text=f'{payload}\n\n[链接](javascript:alert(3)) <a href="javascript:alert(4)">a</a>\n',
    )
    compendium = Compendium(COMPENDIUM.taxonomy, [hostile], COMPENDIUM.notices)
    document = collection_document(compendium, first.collection)
    assert "<script>" not in document.html and "<img src=x" not in document.html
    assert not re.search(r"<a[^>]*href=\"\s*javascript", document.html, re.I)  # as text only
    pdf = tmp_path / "hostile.pdf"
    HTML(string=document.html).write_pdf(pdf)
    text = squeeze("".join(pages_text(pdf)))
    assert squeeze("恶意" + payload) in text


def test_the_back_matter_lists_each_case_once_an_index_with_its_title_and_says_its_order(dist):
    """The indexes help where the contents do not: by region and by theme, each case once in each, its entry
    giving label, title and unit, each index saying how it is ordered; no 发文机关索引 where every body issued one
    collection (it would repeat the contents; before, the 2024 book listed its 51 cases there twice, once per
    co-issuer), and a 名单's own book has no index at all."""
    pages = pages_text(whole_book(dist, ".pdf"))
    marks = bookmarks(whole_book(dist, ".pdf"))
    assert "发文机关索引" not in marks
    region, theme = marks["地区索引"], marks["主题索引"]
    for start, end, once in ((region, theme, True), (theme, len(pages) + 1, False)):
        text = squeeze("".join(pages[start - 1 : end - 1]))
        assert "排列" in text[:80]  # the order, under the title
        for case in COMPENDIUM.cases:
            if case.collection.id in {c.id for c in COLLECTIONS}:
                label = squeeze(case.number_label + case.title)
                count = text.count(label)  # under each of its themes in the theme index
                assert count == 1 if once else count >= 1, (label, count)
    for collection in COLLECTIONS:
        if not collection.full_text:
            listed = pages_text(dist / f"{collection.id}.pdf")
            assert not any(title in squeeze("".join(listed)) for title in ("地区索引", "主题索引", "发文机关索引"))


def test_tables_and_pictures_in_a_case_print_as_tables_and_pictures(tmp_path):

    project = copy_project(tmp_path / "project")
    case = sorted((project / "content/cases/gjtwbh-2021-3").glob("*.md"))[0]
    (case.parent / "xianchang.png").write_bytes(png(120, 60, (159, 29, 32)))
    case.write_text(
        case.read_text("utf-8")
        + "\n\n| 指标 | 2020年 | 2021年 |\n| --- | --- | --- |\n| 参与人数 | 1200 | 3400 |\n\n"
        + "> 引用的一段话。\n\n![现场照片](xianchang.png)\n",
        "utf-8",
    )
    dist = tmp_path / "dist"
    result = make_edition("pdf", project, dist, "--only", "gjtwbh-2021-3")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "未印出" not in result.stderr
    pdf = dist / "gjtwbh-2021-3.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "| ---" not in text and "参与人数" in text and re.search(r"参与人数\s+1200\s+3400", text)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert any(line.split()[3:5] == ["120", "60"] for line in images), images


def test_page_numbers_stand_on_the_outer_side(dist):
    """— N — on the right of odd pages and the left of even ones (a book printed on both sides)."""
    pdf = dist / "gjtwbh-2021-3.pdf"
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    checked = 0
    for number, page in enumerate(re.findall(r"<page (.*?)</page>", boxes, re.S)[1:], start=2):
        width = float(re.search(r'width="([\d.]+)"', page).group(1))
        words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', page)
        # the page number: the digits of N between dashes, lowest on the page
        digits = [(float(x0), float(y0), float(x1)) for x0, y0, x1, word in words if word == str(number)]
        x0, _, x1 = max(digits, key=lambda d: d[1])
        middle = (x0 + x1) / 2
        assert middle > width * 0.6 if number % 2 else middle < width * 0.4, (number, middle, width)
        checked += 1
    assert checked > 10


def test_a_case_carries_a_qr_code_of_its_page_when_the_site_has_an_address():
    """With the site's address, each full-text case carries the QR code of its hosted page (segno's code for that
    address, as the site's own pages draw it); without one, none."""
    from compendium.editions.book import case_url, collection_document
    from compendium.editions.edition import Edition
    from compendium.site.sharing import qr_svg

    collection = next(c for c in COLLECTIONS if c.full_text)
    case = COMPENDIUM.cases_in(collection.id)[0]
    address = "https://example.gov.cn/anli/"
    with_address = collection_document(COMPENDIUM, collection, Edition(site_url=address)).html
    url = case_url(case, address)
    assert url == f"https://example.gov.cn/anli/{case.path.removesuffix('.md')}/"
    assert qr_svg(url, f"{case.title}（网络版）") in with_address
    assert with_address.count('class="case__qr"') == len(COMPENDIUM.cases_in(collection.id))
    assert 'class="case__qr"' not in collection_document(COMPENDIUM, collection).html


def test_an_extension_added_to_the_sites_markdown_reaches_the_print_edition(tmp_path):
    # One list of Markdown extensions, the site's config: the print edition renders bodies with it too.
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  - compendium.content.safe_markdown\n", "  - def_list\n  - compendium.content.safe_markdown\n"
        ),
        "utf-8",
    )
    case = project / "content" / "cases" / "gjtwbh-2021-3" / "shanghai.md"
    case.write_text(case.read_text("utf-8") + "\n\n健康促进医院\n:   以健康为中心的医院。\n", "utf-8")
    dist = tmp_path / "dist"
    result = make_edition("pdf", project, dist, "--only", "gjtwbh-2021-3", "--no-cases", "--html")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (dist / "gjtwbh-2021-3.html").read_text("utf-8")
    assert "<dt>健康促进医院</dt>" in html and "<dd>以健康为中心的医院。</dd>" in html


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.id)
def test_a_collections_own_book_has_its_parts_at_the_top_of_its_bookmarks(dist, collection):
    """A book of one collection has no collection heading, so its notice, its 名单 and its cases are bookmarks
    beside 目录 (before, every one was nested under 目录); a 名单's groups are under the 名单."""
    reader = pypdf.PdfReader(str(dist / f"{collection.id}.pdf"))
    top = [squeeze(item.title) for item in reader.outline if not isinstance(item, list)]
    assert top[0] == "目录"
    notice = COMPENDIUM.notice_for(collection)
    if notice:
        assert squeeze(notice.title) in top
    cases = COMPENDIUM.cases_in(collection.id)
    if collection.full_text:
        assert [t for t in top if t.startswith("案例")] == [squeeze(c.number_label + c.title) for c in cases]
    else:
        roster = top.index(squeeze(collection.title + "名单"))
        groups = reader.outline[roster + 1]
        assert isinstance(groups, list)
        assert [squeeze(g.title) for g in groups] == [squeeze(h) for h, _ in COMPENDIUM.listed_groups(collection)]


def test_collection_title_pages_stand_on_a_right_hand_page_without_a_running_head(dist):
    """In the whole book each collection opens on an odd (right-hand) page holding only its title and page
    number; a page left blank before one carries nothing at all (no running head, no number)."""
    pdf = whole_book(dist, ".pdf")
    pages = pages_text(pdf)
    marks = bookmarks(pdf)
    for collection in COLLECTIONS:
        page = marks[squeeze(collection.title)]
        assert page % 2 == 1, (collection.title, page)
        assert re.fullmatch(re.escape(squeeze(collection.title)) + rf"—{page}—", squeeze(pages[page - 1]))
    blank = [n for n, text in enumerate(pages, start=1) if not squeeze(text)]
    assert all(n + 1 in marks.values() for n in blank), blank


def test_list_cells_have_no_line_of_one_character(dist):
    """The 名单's 单位 and 案例名称 cells wrap in balanced lines: none ends with a line of one character
    (before: 上海中医药大学附属曙光医 / 院)."""
    for collection in COLLECTIONS:
        if collection.full_text:
            continue
        text = "".join(pages_text(dist / f"{collection.id}.pdf", raw=True))
        for case in COMPENDIUM.cases_in(collection.id):
            for value in (case.unit, case.title):
                lines = [  # a 序号 is a line of its own, of digits
                    line
                    for line in text.splitlines()
                    if line.strip() and not line.strip().isdigit() and squeeze(line) in squeeze(value)
                ]
                assert all(len(squeeze(line)) > 1 for line in lines), (value, lines)
