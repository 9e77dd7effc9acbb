"""A reader opens the compendium in a real browser (Debian's chromium via Playwright)."""

import re
import subprocess

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_case_page_shows_title_and_metadata(page, site_url):
    page.goto(site_url + "cases/gjtwbh-2021-3/zhejiang-ningbo/")
    assert page.locator("h1.cc-case__title").inner_text() == "实施健康知识普及行动，打造权威健康科普平台"
    assert page.locator(".cc-case__number").inner_text() == "案例八"
    meta = page.locator("dl.cc-meta")
    # The unit is a place: said once, its names linking to the region's pages (no 地区 row repeating it).
    assert meta.locator(".cc-meta__unit").inner_text() == "浙江省宁波市"
    assert meta.locator(".cc-meta__unit a").all_inner_texts() == ["浙江省", "宁波市"]
    assert meta.locator(".cc-meta__region").count() == 0
    assert meta.locator(".cc-meta__year").inner_text() == "2021"
    assert meta.locator(".cc-tag").all_inner_texts() == ["健康知识普及行动", "智慧健康"]
    assert page.locator(".cc-case__body h2").first.inner_text() == "一、主要做法"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "case-page.png"), full_page=False)
    assert page.console_errors == []


def test_reader_walks_from_home_to_a_case_and_on(page, site_url):
    page.goto(site_url)
    page.get_by_role("link", name="2024年健康促进医院优秀案例").first.click()
    page.locator("article").get_by_role("link", name="倡导健康文化 构建大健康知识普及体系").click()
    assert page.locator(".cc-meta__unit").inner_text() == "中山大学附属第一医院"
    assert page.locator(".cc-meta__region").inner_text() == "广东省 · 广州市"
    page.locator("a[rel=next]").click()
    assert page.locator(".cc-case__number").inner_text() == "名单第37项"  # a listed case: its place in the 名单


def test_case_page_reads_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + "cases/gwbxch-2024-471/jilin-changchun-zhongyiyuan/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the page scrolls sideways on a phone"
    assert page.locator("dl.cc-meta").is_visible()
    page.screenshot(path=str(ARTIFACTS / "case-page-phone.png"))
    context.close()


def test_printed_case_keeps_the_card_and_drops_the_chrome(page, site_url, tmp_path):
    page.goto(site_url + "cases/gjtwbh-2021-3/chongqing/")
    page.emulate_media(media="print")
    assert page.locator("dl.cc-meta").is_visible()
    for chrome in (".md-sidebar--primary", ".md-header", ".cc-pager", ".cc-related", ".md-footer"):
        assert not page.locator(chrome).is_visible(), chrome
    # What Ctrl+P would print: the title first, then the card and the text, numbered pages.
    pdf = tmp_path / "case.pdf"
    page.pdf(path=str(pdf), format="A4", display_header_footer=False)
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")[:-1]
    first = re.sub(r"\s+", "", pages[0])
    title = page.locator("h1.cc-case__title").inner_text()
    assert first.startswith(re.sub(r"\s+", "", "健康中国行动推进典型经验案例·案例"))
    assert re.sub(r"\s+", "", title) in first[:80]
    assert "单位" in first and "重庆市" in first
    assert "搜索" not in first and "相关案例" not in "".join(pages)
    assert re.sub(r"\s+", "", pages[-1]).endswith(f"{len(pages)}/{len(pages)}")
    subprocess.run(
        ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(pdf), str(ARTIFACTS / "case-print")], check=True
    )


def test_chinese_quotation_marks_and_dashes_are_drawn_by_a_cjk_font(page, site_url):
    # The Latin fonts first in Material's font stack draw “” —— …… narrow; the stylesheet sends them to a CJK font.
    page.goto(site_url + "cases/gjtwbh-2021-3/hebei-baoding/")
    page.evaluate("""() => { const s = document.createElement('span'); s.id = 'quotes'; s.textContent = '“”‘’——……';
                             document.querySelector('article p').appendChild(s); }""")
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#quotes"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    assert [f["familyName"] for f in fonts] == ["Noto Sans CJK SC"], fonts


LINES = """(el, part) => {
  // how many lines `part` of the element's text (or all of it) is laid out on
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let text = "", nodes = [];
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const start = part ? text.indexOf(part) : 0, end = part ? start + part.length : text.length;
  if (start < 0) return -1;
  const at = (offset) => { for (const [node, base] of nodes) if (offset <= base + node.data.length) return [node, offset - base]; };
  range.setStart(...at(start)); range.setEnd(...at(end));
  return new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top))).size;
}"""


@pytest.mark.parametrize("width", [1280, 390])
def test_labels_and_the_citations_date_are_never_broken(browser, site_url, width):
    """返回目录 and each card label on one line (before: 返回目 / 录 at 1280 px, 单位（地区） on three lines), and
    the citation's dates never split (before: break-all cut them on a phone)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(site_url + "cases/gjtwbh-2021-3/zhejiang-ningbo/")
    assert page.eval_on_selector(".cc-pager__contents", LINES, None) == 1
    labels = page.locator("dl.cc-meta dt")
    assert labels.count() >= 4
    for k in range(labels.count()):
        assert labels.nth(k).evaluate(LINES, None) == 1, labels.nth(k).inner_text()
    citation = page.locator(".cc-cite__text")
    for date in re.findall(r"\d{4}-\d{2}-\d{2}", citation.inner_text()):
        assert citation.evaluate(LINES, date) == 1, date
    context.close()
