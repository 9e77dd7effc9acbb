"""The canary batch goes where an editor's batch goes: the strict build, the finder, the PDF and the Word edition.

content/ with the canary batch of tests/canary/ added by the editors' own tools (the Word notice imported, the
regions given by hand, a full-text case added with new_case): every new case must come out whole at each step,
whatever content/ holds that month. Nothing here names a case of content/ itself.
"""

from __future__ import annotations

import functools
import html
import http.server
import re
import subprocess
import threading

import pytest

from canary import canary_cases, canary_collection
from compendium.text.pinyin import text_syllables
from conftest import build_site, copy_project, make_edition, open_finder, result_cases, squeeze

pytestmark = pytest.mark.content
CASES = canary_cases()
FULL_TEXT = next(c for c in CASES if c.full_text)


@pytest.fixture(scope="module")
def project(canary_content, tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("canary-project") / "project", content=canary_content)


@pytest.fixture(scope="module")
def collection(canary_content) -> str:
    return canary_collection(canary_content)


@pytest.fixture(scope="module")
def site(project, tmp_path_factory):
    site = tmp_path_factory.mktemp("canary-site")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def _case_pages(site, collection) -> dict[str, str]:
    """unit → the text of its case page (the case whose title the page's heading shows)."""
    pages = {}
    for path in (site / "cases" / collection).glob("*/index.html"):
        text = path.read_text("utf-8")
        heading = re.search(r'class="cc-case__title"[^>]*>(.*?)</', text, re.S)
        case = next((c for c in CASES if heading and html.unescape(heading.group(1)).strip() == c.title), None)
        if case:
            pages[case.unit] = text
    return pages


def test_the_strict_build_makes_a_page_for_every_new_case(site, collection):
    pages = _case_pages(site, collection)
    assert sorted(pages) == sorted(c.unit for c in CASES)
    for case in CASES:
        assert case.title in pages[case.unit]
    full = pages[FULL_TEXT.unit]
    assert "<table>" in full and "联动门诊就诊人次" in full and re.search(r'<img [^>]*src="\.\./lianmen\.png"', full)
    listing = (site / "collections" / collection / "index.html").read_text("utf-8")
    assert all(case.title in listing for case in CASES)


@pytest.fixture(scope="module")
def canary_url(site):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def _query_pairs():
    for case in CASES:
        yield case, case.title
        yield case, case.unit
        yield case, "".join(text_syllables(case.unit))  # the unit in pinyin, as a reader types it


@pytest.mark.browser
@pytest.mark.parametrize("case, query", list(_query_pairs()), ids=lambda v: v if isinstance(v, str) else "")
def test_the_finder_finds_every_new_case_by_title_and_unit(page, canary_url, collection, case, query):
    open_finder(page, canary_url + "finder/", q=query)
    found = [r for r in result_cases(page) if r.startswith(f"{collection}/")]
    titles = page.eval_on_selector_all(".cc-finder__title", "els => els.map(e => e.textContent)")
    assert any(case.title in title for title in titles), (query, titles[:10])
    assert found, query
    assert page.console_errors == []


def _pdftotext(path, mode: str = "-layout") -> str:
    """The PDF's text laid out as printed, or (`-raw`) in the order written: a table cell's lines together."""
    return subprocess.run(["pdftotext", mode, str(path), "-"], capture_output=True, text=True).stdout


def test_the_print_edition_lists_every_case_and_prints_the_full_text(project, collection, tmp_path):
    result = make_edition("pdf", project, tmp_path, "--only", collection, "--no-cases")
    assert result.returncode == 0, result.stdout + result.stderr
    text = _pdftotext(tmp_path / f"{collection}.pdf")
    flat = squeeze(_pdftotext(tmp_path / f"{collection}.pdf", "-raw"))
    for case in CASES:
        assert squeeze(case.unit) in flat and squeeze(case.title) in flat, case
    # the case an editor wrote out in full prints with its text, its table and its picture, not only its row
    assert re.search(r"联动门诊就诊人次\s+860\s+2140", text)
    assert "一年来，联动门诊服务患者" in flat
    images = subprocess.run(["pdfimages", "-list", str(tmp_path / f"{collection}.pdf")], capture_output=True, text=True)
    assert any(line.split()[3:5] == ["120", "60"] for line in images.stdout.splitlines()[2:])
    # the 名单 in number order, the added case in its place
    numbers = [int(n) for n in re.findall(r"^\s*(\d{1,2})\s+\S", text.split("名单", 2)[-1], re.M)]
    listed = [n for n in numbers if 1 <= n <= len(CASES)]
    assert listed[: len(CASES)] == sorted(listed[: len(CASES)]), listed


def test_the_word_edition_lists_every_case_and_carries_the_full_text(project, collection, tmp_path):
    import docx

    result = make_edition("docx", project, tmp_path, "--only", collection)
    assert result.returncode == 0, result.stdout + result.stderr
    document = docx.Document(str(tmp_path / f"{collection}.docx"))
    [roster, *tables] = document.tables
    rows = [[cell.text for cell in row.cells] for row in roster.rows]
    numbers = [int(row[0]) for row in rows if row[0].isdigit()]
    assert numbers == sorted(numbers) and len(numbers) == len(CASES)
    assert {row[1] for row in rows if row[0].isdigit()} == {c.unit for c in CASES}
    paragraphs = squeeze("".join(p.text for p in document.paragraphs))
    assert squeeze(FULL_TEXT.title) in paragraphs and "一年来，联动门诊服务患者" in paragraphs
    assert any("联动门诊就诊人次" in cell.text for table in tables for row in table.rows for cell in row.cells)
    assert document.inline_shapes, "the picture of the full-text case"
