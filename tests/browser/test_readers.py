"""Readers (issue 15): sources told apart, no empty rows, a first-class phone layout.  Properties of the
fixture compendium, whatever its size."""

from __future__ import annotations

import re

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}


def _phone(browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    return context.new_page()


def test_no_list_chart_or_facet_shows_a_row_of_zero(page, site_url):
    for url in ("themes/", "regions/", ""):
        page.goto(site_url + url)
        counts = page.locator("article .cc-count, article .cc-bars__value").all_inner_texts()
        assert counts and all(int(re.match(r"\d+", c).group()) > 0 for c in counts), (url, counts)
    page.goto(site_url + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    for facet in ("theme", "region", "year", "collection", "issuer"):
        options = page.locator(f"select[name={facet}] option").all_inner_texts()[1:]
        assert options, facet
        assert not [o for o in options if o.endswith("（0）")], (facet, options)
        names = [re.sub(r"（\d+）$", "", o).strip() for o in options]
        assert len(names) == len(set(names)), (facet, names)


def test_reference_material_and_other_organisers_are_told_apart(page, site_url, compendium):
    page.goto(site_url)
    for src in ("", "themes/", "cases/gjtwbh-2021-3/shanghai/"):
        page.goto(site_url + src)
        nav = page.locator("nav.md-nav--primary").inner_html()
        assert "reference/" not in nav and "参考资料" not in nav, src
    page.goto(site_url)
    sections = compendium.reference_sections
    if sections:
        home = page.locator(".cc-home").inner_text()
        assert "参考资料（非官方）" in home and "不是官方文件" in home
        page.get_by_role("link", name=sections[0].title).click()
        note = page.locator(".cc-provenance").inner_text()
        assert "不是官方文件" in note and (sections[0].source in note)
    for notice in compendium.notices:
        page.goto(site_url + notice.path.removesuffix(".md") + "/")
        kicker = page.locator(".cc-notice .cc-kicker").inner_text()
        if notice.official:
            assert kicker.startswith("机关公文") and page.locator(".cc-provenance").count() == 0
        else:
            assert kicker.startswith("其他单位文件（非机关公文）")
            assert "不是政府或党的机关发布的公文" in page.locator(".cc-provenance").inner_text()
        assert all(issuer in kicker for issuer in notice.issuers)


def test_on_a_phone_the_finder_shows_a_result_in_the_first_screen(browser, site_url):
    page = _phone(browser)
    page.goto(site_url + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    assert page.locator("input[type=search]:visible").count() == 1, "one search box on the finder's page"
    assert page.locator(".cc-finder__filters").get_attribute("open") is None
    first = page.locator(".cc-finder__results li").first.bounding_box()
    assert first["y"] + 40 < PHONE["height"], first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "finder-phone.png"))
    # The filters open on demand, and the summary says how many are chosen.
    page.locator(".cc-finder__filters summary").click()
    year = page.locator("select[name=year] option").nth(1).get_attribute("value")
    page.locator("select[name=year]").select_option(year)
    page.wait_for_function("document.querySelector('.cc-finder__chosen').textContent.includes('已选 1 项')")
    page.context.close()


def test_on_a_phone_map_and_chart_text_is_at_least_12_pixels(browser, site_url):
    page = _phone(browser)
    page.goto(site_url)
    sizes = page.evaluate(
        """() => {
          const out = [];
          for (const e of document.querySelectorAll('.cc-tile__label, .cc-tile__count')) {
            const svg = e.ownerSVGElement;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            out.push(parseFloat(getComputedStyle(e).fontSize) * scale);
          }
          for (const e of document.querySelectorAll('.cc-bars__label, .cc-bars__value')) {
            out.push(parseFloat(getComputedStyle(e).fontSize));
          }
          return out;
        }"""
    )
    assert sizes and min(sizes) >= 12, min(sizes)
    # Nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.locator(".cc-charts").screenshot(path=str(ARTIFACTS / "charts-phone.png"))
    page.locator("figure.cc-map").screenshot(path=str(ARTIFACTS / "map-phone.png"))
    page.context.close()


def test_the_citation_carries_today_and_copies(page, site_url):
    page.goto(site_url + "cases/gjtwbh-2021-3/shanghai/")
    today = page.evaluate(
        "(d => d.getFullYear() + '-' + String(d.getMonth() + 1).padStart(2, '0') + '-' +"
        " String(d.getDate()).padStart(2, '0'))(new Date())"
    )
    citation = page.locator("#cc-cite-text").inner_text()
    assert f"[{today}]" in citation and "[EB/OL]//" in citation
    page.get_by_role("button", name="复制引文").click()
    page.wait_for_function("document.querySelector('.cc-cite__copied').textContent !== ''")
    assert page.locator(".cc-cite__copied").inner_text() in ("已复制", "请选中后按 Ctrl+C 复制")
    assert page.console_errors == []


def test_keyboard_focus_is_visible_on_the_search_boxes(page, site_url):
    def outline(selector: str) -> str:
        return page.evaluate(
            f"""() => {{ const s = getComputedStyle(document.querySelector({selector!r}));
                       return s.outlineStyle + ' ' + s.outlineWidth; }}"""
        )

    page.goto(site_url)
    for _ in range(40):  # Tab to the header's search box
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "q":
            break
    assert outline(".cc-header-search input").startswith("solid 3px")
    page.goto(site_url + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    page.locator("#cc-finder-q").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Shift+Tab")
    assert outline("#cc-finder-q").startswith("solid 3px")
