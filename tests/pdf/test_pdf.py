"""The print edition: `scripts/make_pdf.py` on the shipped content, read back with poppler and pypdf.

Checks what a reader of the printed compendium relies on: the PDF opens and
embeds its fonts, every case is in it in order, each starts on the page the
contents and the indexes give, and each has a bookmark to that page.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pypdf
import pytest

from compendium.content.loader import load_compendium
from conftest import ARTIFACTS, CONTENT, ROOT, copy_project, png

COMPENDIUM = load_compendium(CONTENT).compendium
COLLECTIONS = [c for c in COMPENDIUM.taxonomy.collections.values() if COMPENDIUM.cases_in(c.id)]


def squeeze(text: str) -> str:
    """Text without any whitespace: lines wrap differently in a PDF than in the source."""
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pdf")
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_pdf.py"), "--dist", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return out


def whole_pdf(dist: Path) -> Path:
    [path] = [p for p in dist.glob("*.pdf") if p.stem not in {c.id for c in COLLECTIONS}]
    return path


def pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


def case_start_pages(pages: list[str], cases) -> dict[str, int]:
    """1-based page where each case's heading (案例N, title, then its card's 单位) stands."""
    contents = next(i for i, page in enumerate(pages) if "目录" in squeeze(page))
    found, at = {}, contents + 1
    for case in cases:
        heading = squeeze(case.number_label + case.title + "单位" + case.unit)
        while heading not in squeeze(pages[at]):
            at += 1
            assert at < len(pages), f"{case.number_label} {case.title} is not in the PDF after page {found}"
        found[case.path] = at + 1
    return found


def listed_pages(text: str, cases) -> dict[str, int]:
    """Page number printed after each case's entry (label, title or unit, leader dots, number)."""
    flat = squeeze(text)
    pages = {}
    for case in cases:
        # A leader can shrink to a single dot when the entry fills the line.
        match = re.search(re.escape(squeeze(case.number_label + case.title)) + r"[^.]*?\.+(\d+)", flat)
        assert match, f"{case.number_label} is not in the list"
        pages[case.path] = int(match.group(1))
    return pages


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.id)
def test_collection_pdf_opens_embeds_fonts_and_holds_every_case_in_order(dist, collection):
    pdf = dist / f"{collection.id}.pdf"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Title:\s+" + re.escape(collection.title), info, re.M)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\byes\s+yes\s+yes\b", row) for row in rows), fonts
    assert any("Noto-Serif-CJK-SC" in row for row in rows) and any("Noto-Sans-CJK-SC" in row for row in rows)
    pages = pages_text(pdf)
    cases = COMPENDIUM.cases_in(collection.id)
    text = squeeze("".join(pages))
    for case in cases:
        assert squeeze(case.title) in text, case.title
    starts = case_start_pages(pages, cases)
    assert list(starts.values()) == sorted(starts.values())
    # Each case starts on a new page: no two share one.
    assert len(set(starts.values())) == len(cases)


@pytest.mark.parametrize("which", [c.id for c in COLLECTIONS] + ["whole"])
def test_contents_indexes_and_bookmarks_give_the_pages_where_cases_start(dist, which):
    pdf = whole_pdf(dist) if which == "whole" else dist / f"{which}.pdf"
    cases = (
        [c for col in COLLECTIONS for c in COMPENDIUM.cases_in(col.id)]
        if which == "whole"
        else COMPENDIUM.cases_in(which)
    )
    groups = [COMPENDIUM.cases_in(c.id) for c in COLLECTIONS] if which == "whole" else [cases]
    pages = pages_text(pdf)
    starts = {}
    for group in groups:  # in the whole compendium, each collection numbers from 案例一 again
        starts.update(case_start_pages(pages, group))
    # The page number printed in each page's footer is the page's place in the PDF.
    for page_number in set(starts.values()):
        assert f"—{page_number}—" in squeeze(pages[page_number - 1])
    contents = next(i for i, page in enumerate(pages) if "目录" in squeeze(page))
    first_case = min(starts.values()) - 1
    contents_text = "".join(pages[contents:first_case])
    for group in groups:
        section = contents_text
        if which == "whole":  # the part of the contents under this collection's heading
            title = squeeze(group[0].collection.title)
            section = squeeze(contents_text).split(title, 1)[1]
        assert listed_pages(section, group) == {c.path: starts[c.path] for c in group}
    index_start = next(i for i, page in enumerate(pages) if i > first_case and "地区索引" in squeeze(page))
    region_index = "".join(pages[index_start:])
    region_index = region_index[: region_index.find("主题索引")] if which != "whole" else region_index
    for case in cases[:10]:
        entry = re.search(re.escape(squeeze(case.number_label + case.unit)) + r"[^.]*?\.+(\d+)", squeeze(region_index))
        assert entry and int(entry.group(1)) == starts[case.path], case.unit
    reader = pypdf.PdfReader(str(pdf))
    marks = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                marks[squeeze(item.title)] = reader.get_destination_page_number(item) + 1

    walk(reader.outline)
    for case in cases:
        assert marks.get(squeeze(case.number_label + case.title)) == starts[case.path], case.title


def test_pages_render_as_chinese_text(dist):
    """Rendered to PNG for a look (tests/artifacts/pdf-*.png), and the fonts hold every glyph used."""
    pdf = dist / "gjtwbh-2021-3.pdf"
    ARTIFACTS.mkdir(exist_ok=True)
    for stale in ARTIFACTS.glob("pdf-*.png"):
        stale.unlink()
    subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "5", str(pdf), str(ARTIFACTS / "pdf")], check=True)
    assert len(list(ARTIFACTS.glob("pdf-*.png"))) == 5
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
        summary=payload,
        body=f'{payload}\n\n[链接](javascript:alert(3)) <a href="javascript:alert(4)">a</a>\n',
    )
    compendium = Compendium(COMPENDIUM.taxonomy, [hostile], COMPENDIUM.notices)
    document = collection_document(compendium, first.collection)
    assert "<script>" not in document.html and "<img src=x" not in document.html
    assert not re.search(r"<a[^>]*href=\"\s*javascript", document.html, re.I)  # as text only
    pdf = tmp_path / "hostile.pdf"
    HTML(string=document.html).write_pdf(pdf)
    text = squeeze("".join(pages_text(pdf)))
    assert squeeze("恶意" + payload) in text


def test_the_issuer_index_gives_each_issuers_cases_with_their_pages(dist):
    # 发文机关索引: under each body that issued a notice, the cases of its collections, each with the page
    # where it starts (the issuers are read from the notices themselves, not from the index's code).
    pages = pages_text(whole_pdf(dist))
    starts = {}
    for collection in COLLECTIONS:
        starts.update(case_start_pages(pages, COMPENDIUM.cases_in(collection.id)))
    last_case = max(starts.values())
    index_start = next(i for i, page in enumerate(pages) if i >= last_case and "发文机关索引" in squeeze(page))
    index = squeeze("".join(pages[index_start:]))
    for collection in COLLECTIONS:
        notice = COMPENDIUM.notice_for(collection)
        for issuer in notice.issuers if notice else collection.issuers:
            assert squeeze(issuer) in index, issuer
        for case in COMPENDIUM.cases_in(collection.id)[:5]:
            entry = re.search(re.escape(squeeze(case.number_label + case.unit)) + r"[^.]*?\.+(\d+)", index)
            assert entry and int(entry.group(1)) == starts[case.path], case.unit


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
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts/make_pdf.py"),
            "--content",
            str(project / "content"),
            "--config",
            str(project / "mkdocs.yml"),
            "--dist",
            str(dist),
            "--only",
            "gjtwbh-2021-3",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "not printed" not in result.stderr
    pdf = dist / "gjtwbh-2021-3.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "| ---" not in text and "参与人数" in text and re.search(r"参与人数\s+1200\s+3400", text)
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert any(line.split()[3:5] == ["120", "60"] for line in images), images
