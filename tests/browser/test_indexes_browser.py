"""A reader finds cases through the map and the indexes, in a real browser."""

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_map_tile_to_province_to_case(page, site_url, compendium):
    page.goto(site_url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    tile = page.locator('a.cc-tile[data-code="220000"]')
    # The accessible name starts with what the tile shows (WCAG 2.5.3), then says it in full.
    n = sum(1 for c in compendium.cases if c.province.name == "吉林省")
    assert tile.get_attribute("aria-label") == f"吉林 {n}（吉林省：{n} 个案例）"
    tile.click()
    page.wait_for_url("**/regions/jilin/")
    assert page.locator("article h1").inner_text() == "吉林省"
    page.screenshot(path=str(ARTIFACTS / "province-jilin.png"), full_page=True)
    page.get_by_role("link", name="社区营养厨房赋能合理膳食行动").click()
    page.wait_for_url("**/cases/gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao/")
    assert page.locator(".cc-case__number").inner_text() == "案例五"
    assert page.locator(".cc-meta__unit").inner_text() == "吉林省长春市朝阳区桂林街道"
    assert page.console_errors == []


def test_empty_provinces_are_labelled_but_not_links(page, site_url, compendium):
    page.goto(site_url + "regions/")
    with_cases = {c.province.code for c in compendium.cases}
    empty = [r for r in compendium.taxonomy.regions.top_level() if r.code not in with_cases and r.level == 1]
    if not empty:
        pytest.skip("every province has a case: no empty tile to check")
    for region in empty:
        tile = page.locator(f'.cc-tile--empty[aria-label*="（{region.name}："]')
        assert tile.count() == 1, region.name
        assert tile.get_attribute("aria-label").endswith(f"（{region.name}：0 个案例）")
        assert page.locator(f'a.cc-tile[aria-label*="（{region.name}："]').count() == 0


def test_theme_tag_leads_to_theme_page_listing_the_case(page, site_url):
    page.goto(site_url + "cases/gjtwbh-2021-3/gansu-lanzhou/")
    page.locator(".cc-meta__themes a", has_text="控烟行动").click()
    page.wait_for_url("**/themes/hc-tobacco/")
    assert page.locator(".cc-total").inner_text() == "1"
    assert page.get_by_role("link", name="立法先行共建共享无烟健康新生活").count() == 1
