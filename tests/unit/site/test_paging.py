"""Long listings in pages (site.pages.PAGE_CASES): a theme's, a year's, a province's cases, on the fixture compendium
with pages of a few cases."""

import pytest

from compendium.build.generate import Page, SiteSettings, generate
from compendium.content.loader import load_compendium
from compendium.site import pages
from compendium.site.paths import page_url
from conftest import CONTENT

LIMIT = 4


def _rows(view: dict, groups: str) -> list[str]:
    return [row["url"] for group in view[groups] for row in group["cases"]]


def _made(site):
    """The site with every page's data made now (a page's data is made when it is read, with the page length then)."""
    site.pages = {src: Page(page.meta, page.body, page.generated, page.kind) for src, page in site.pages.items()}
    return site


@pytest.fixture(scope="module")
def sites():
    loaded = load_compendium(CONTENT)
    whole = _made(generate(loaded, SiteSettings("汇编")))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pages, "PAGE_CASES", LIMIT)
        paged = _made(generate(loaded, SiteSettings("汇编")))
    return whole, paged


@pytest.mark.parametrize(
    "kind, groups", [("theme", "groups"), ("year", "groups"), ("region", "cities"), ("issuer", "groups")]
)
def test_a_long_listing_is_in_pages_that_list_every_case_once_in_order(sites, kind, groups):
    whole, paged = sites
    long = [
        src
        for src, page in whole.pages.items()
        if page.kind == kind and len(_rows(page.meta["compendium"], groups)) > LIMIT
    ]
    assert long, f"the fixture has a {kind} of more than {LIMIT} cases"
    for src in long:
        first = paged.pages[src].meta["compendium"]
        links = [p["url"] for p in first["pager"]["pages"]]
        assert len(links) >= 2 and first["pager"]["current"] == 1
        parts = [paged.pages[src]] + [
            paged.pages[src.removesuffix(".md") + f"/{n}.md"] for n in range(2, len(links) + 1)
        ]
        listed = []
        for number, part in enumerate(parts, 1):
            view = part.meta["compendium"]
            assert view["pager"]["current"] == number and [p["url"] for p in view["pager"]["pages"]] == links
            rows = _rows(view, groups)
            assert 0 < len(rows) <= LIMIT
            listed += rows
            # a group cut by the page's start says so, and every heading counts its whole group
            for group in view[groups]:
                assert group["count"] >= len(group["cases"])
            assert part.meta["title"].endswith(f"（第{number}页）") == (number > 1)
        assert listed == _rows(whole.pages[src].meta["compendium"], groups)


def test_a_city_is_linked_on_the_page_of_the_listing_that_has_it(sites):
    _, paged = sites
    by_url = {page_url(src): page for src, page in paged.pages.items()}

    def starts_on(url: str, anchor: str) -> bool:
        cities = by_url[url].meta["compendium"]["cities"]
        return any(c["anchor"] == anchor and not c.get("continued") for c in cities)

    cities = [
        city for page in paged.pages.values() if page.kind == "region" for city in page.meta["compendium"]["index"]
    ]
    assert any(city["url"].endswith("/2/") for city in cities)  # some city is on a later page
    assert all(starts_on(city["url"], city["anchor"]) for city in cities)
    # the case card's city link goes there too
    cards = [
        item
        for page in paged.pages.values()
        if page.kind == "case"
        for row in page.meta["compendium"]["card"]
        for item in row["items"]
        if item["anchor"].startswith("city-")
    ]
    assert any(item["url"].endswith("/2/") for item in cards)
    assert all(starts_on(item["url"], item["anchor"]) for item in cards)


def test_the_units_index_is_in_pages_with_every_letter_linked_where_it_starts(sites):
    whole, paged = sites
    by_url = {page_url(src): page for src, page in paged.pages.items()}
    first = paged.pages["units/index.md"].meta["compendium"]
    assert len(first["pager"]["pages"]) >= 2
    listed = []
    for link in first["pager"]["pages"]:
        view = by_url[link["url"]].meta["compendium"]
        rows = [(row["unit"], row["url"]) for letter in view["letters"] for row in letter["cases"]]
        assert 0 < len(rows) <= LIMIT and view["index"] == first["index"]
        listed += rows
    letters = whole.pages["units/index.md"].meta["compendium"]["letters"]
    assert listed == [(row["unit"], row["url"]) for letter in letters for row in letter["cases"]]
    for letter in first["index"]:
        starts = by_url[letter["url"]].meta["compendium"]["letters"]
        assert any(x["letter"] == letter["letter"] and not x.get("continued") for x in starts), letter
