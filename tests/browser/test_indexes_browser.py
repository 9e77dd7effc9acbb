"""A reader finds cases through the map and the indexes, in a real browser."""

import pytest

from conftest import ARTIFACTS

pytestmark = pytest.mark.browser


def test_map_tile_to_province_to_case(page, site_url):
    page.goto(site_url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
    tile = page.locator('a.cc-tile[data-code="220000"]')
    assert tile.get_attribute("aria-label") == "吉林省：2 个案例"
    tile.click()
    page.wait_for_url("**/regions/jilin/")
    assert page.locator("article h1").inner_text() == "吉林省"
    page.screenshot(path=str(ARTIFACTS / "province-jilin.png"), full_page=True)
    page.get_by_role("link", name="社区营养厨房赋能合理膳食行动").click()
    page.wait_for_url("**/cases/gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao/")
    assert page.locator(".cc-case__number").inner_text() == "案例五"
    assert page.locator(".cc-meta__unit").inner_text() == "吉林省长春市朝阳区桂林街道"
    assert page.console_errors == []


def test_empty_provinces_are_labelled_but_not_links(page, site_url):
    page.goto(site_url + "regions/")
    empty = page.locator('.cc-tile--empty[aria-label^="台湾省"]')
    assert empty.get_attribute("aria-label") == "台湾省：0 个案例"
    assert page.locator('a.cc-tile[aria-label^="台湾省"]').count() == 0


def test_theme_tag_leads_to_theme_page_listing_the_case(page, site_url):
    page.goto(site_url + "cases/gjtwbh-2021-3/gansu-lanzhou/")
    page.locator(".cc-meta__themes a", has_text="控烟行动").click()
    page.wait_for_url("**/themes/hc-tobacco/")
    assert page.locator(".cc-total").inner_text() == "1"
    assert page.get_by_role("link", name="立法先行共建共享无烟健康新生活").count() == 1
