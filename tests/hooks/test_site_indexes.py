"""Consistency of the generated indexes, checked against the case files and cases.json."""

import csv
import io
import json
import posixpath
import re
from pathlib import Path

import pytest
import yaml

from conftest import CONTENT


@pytest.fixture(scope="module")
def records(built_site):
    return json.loads((built_site / "cases.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def themes_by_name():
    """name → list of ancestor names (itself included), read straight from themes.yml."""
    out = {}

    def walk(items, ancestors):
        for item in items:
            chain = ancestors + [item["name"]]
            out.setdefault(item["name"], []).append((item["id"], chain))
            walk(item.get("children", []), chain)

    walk(yaml.safe_load((CONTENT / "_data/themes.yml").read_text("utf-8")), [])
    return out


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text("utf-8")


def case_links(site: Path, url: str) -> list[str]:
    """Site-root URLs of the cases a generated page lists in its article (nav excluded)."""
    html = page_html(site, url)
    article = html[html.index("<article") : html.index("</article>")]
    hrefs = re.findall(r'href="([^"#]+)"', article)
    urls = [posixpath.normpath(posixpath.join(url, h)) + "/" for h in hrefs]
    return [u for u in urls if u.startswith("cases/")]


def test_export_has_every_case_with_front_matter_keys(built_site, records):
    case_files = list((CONTENT / "cases").rglob("*.md"))
    assert len(records) == len(case_files) > 0
    assert set(records[0]) == {
        "title",
        "unit",
        "region",
        "year",
        "themes",
        "collection",
        "number",
        "summary",
        "keywords",
        "source",
        "date",
        "authors",
        "url",
    }
    for record in records:
        assert (built_site / record["url"] / "index.html").exists(), record["url"]
    text = (built_site / "cases.csv").read_text("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    assert len(rows) == len(records) and rows[0]["region"] == "; ".join(records[0]["region"])


def test_collection_pages_list_exactly_their_cases_in_order(built_site, records):
    for collection in {r["collection"] for r in records}:
        expected = [r["url"] for r in sorted(records, key=lambda r: r["number"]) if r["collection"] == collection]
        assert case_links(built_site, f"collections/{collection}/") == expected


def test_theme_pages_list_exactly_their_cases(built_site, records, themes_by_name):
    members: dict[str, set] = {}
    for record in records:
        for name in record["themes"]:
            ((tid, chain),) = [
                x for x in themes_by_name[name] if len(themes_by_name[name]) == 1 or "健康促进医院" in x[1]
            ]
            # a case belongs to its theme and to every theme above it
            for ancestor_chain in (chain[:i] for i in range(1, len(chain) + 1)):
                ancestor_id = next(i for i, c in themes_by_name[ancestor_chain[-1]] if c == ancestor_chain)
                members.setdefault(ancestor_id, set()).add(record["url"])
    generated = {p.parent.name for p in (built_site / "themes").glob("*/index.html")}
    assert generated == set(members)
    for tid, urls in members.items():
        listed = case_links(built_site, f"themes/{tid}/")
        assert sorted(listed) == sorted(urls), tid
        total = re.search(r'class="cc-total">(\d+)<', page_html(built_site, f"themes/{tid}/")).group(1)
        assert int(total) == len(urls)


def test_region_pages_list_exactly_their_cases(built_site, records):
    by_province: dict[str, set] = {}
    for record in records:
        by_province.setdefault(record["region"][0], set()).add(record["url"])
    index = page_html(built_site, "regions/")
    items = re.findall(
        r'<li class="cc-regions__item" data-code="(\d+)">\s*(?:<a href="([^"]+)">|<span[^>]*>)'
        r'([^<]+)<.*?class="cc-count">(\d+)<',
        index,
        re.S,
    )
    codes = [code for code, *_ in items]
    assert codes == sorted(codes)  # GB/T 2260 order
    # Exactly the provinces that have cases, each with its count and page: no row of 0.
    assert {name for *_, name, _ in items} == set(by_province)
    for code, href, name, count in items:
        assert int(count) == len(by_province[name]) > 0
        url = posixpath.normpath(posixpath.join("regions/", href)) + "/"
        assert sorted(case_links(built_site, url)) == sorted(by_province[name]), name


def test_year_pages_list_exactly_their_cases(built_site, records):
    for year in {r["year"] for r in records}:
        expected = {r["url"] for r in records if r["year"] == year}
        assert sorted(case_links(built_site, f"years/{year}/")) == sorted(expected)


def test_unit_index_files_units_under_their_pinyin_letter(built_site, records):
    html = page_html(built_site, "units/")
    sections = dict(re.findall(r'id="letter-([A-Z#])">(.*?)</section>', html, re.S))
    filed = {
        unit: letter
        for letter, body in sections.items()
        for unit in re.findall(r'<dt class="cc-unit">([^<]+)</dt>', body)
    }
    assert filed["重庆市妇幼保健院"] == "C"
    assert filed["吉林省长春市中医院"] == "J" and filed["安徽省蚌埠市第二人民医院"] == "A"
    assert set(filed) == {r["unit"] for r in records}
    units_b = re.findall(r'<dt class="cc-unit">([^<]+)</dt>', sections["B"])
    assert units_b == [
        "北京大学第三医院",
        "北京大学人民医院",
        "北京老年医院",
        "北京市海淀区蓟门里社区卫生服务中心",
        "北京市西城区新街口街道",
    ]


def test_case_pages_link_to_their_indexes_and_related_cases(built_site, records):
    record = next(r for r in records if r["unit"] == "吉林省长春市中医院")
    html = page_html(built_site, record["url"])
    assert 'href="../../../years/2024/"' in html
    assert 'href="../../../themes/hph-environment-culture-incentive/"' in html
    related = re.search(r'<section class="cc-related".*?</section>', html, re.S).group(0)
    assert 1 <= related.count('class="cc-cases__item"') <= 5
    assert record["url"] not in related


def test_issuer_pages_list_the_cases_of_the_notices_they_issued(built_site, records):
    # The oracle: each notice file's issuers, and the collection that collections.yml says it announced.
    collections = yaml.safe_load((CONTENT / "_data/collections.yml").read_text("utf-8"))
    # Authorities only: a notice marked official: false (a media outlet's call for cases) files nobody.
    notices, others = {}, {}
    for path in (CONTENT / "notices").glob("*.md"):
        meta = yaml.safe_load(path.read_text("utf-8").split("---")[1])
        (notices if meta.get("official", True) else others)[path.stem] = meta["issuers"]
    expected: dict[str, set[str]] = {name: set() for names in notices.values() for name in names}
    for collection in collections:
        for name in notices.get(collection.get("notice"), collection.get("issuers", [])):
            expected.setdefault(name, set()).update(r["url"] for r in records if r["collection"] == collection["id"])
    listing = page_html(built_site, "issuers/")
    pages = re.findall(r'<a class="cc-card__title" href="([^"]+)/">([^<]+)</a>', listing)
    assert sorted(name for _, name in pages) == sorted(expected)
    for href, name in pages:
        url = posixpath.normpath(posixpath.join("issuers/", href)) + "/"
        assert re.fullmatch(r"issuers/[a-z0-9-]+/", url), url
        assert set(case_links(built_site, url)) == expected[name], name
    # Each notice page links its issuers to their pages; the nav offers the index.
    for slug, names in notices.items():
        html = page_html(built_site, f"notices/{slug}/")
        signature = html[html.index("cc-notice__signature") :]
        for name in names:
            assert re.search(r'<a href="../../issuers/[a-z0-9-]+/">' + re.escape(name) + "</a>", signature), name
    for slug, names in others.items():
        signature = page_html(built_site, f"notices/{slug}/").split("cc-notice__signature", 1)[1]
        assert all(f"<p>{name}</p>" in signature for name in names)
    assert "按发文机关" in page_html(built_site, "")
