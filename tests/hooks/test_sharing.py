"""Share and cite (issue 15): descriptions, Open Graph, JSON-LD, GB/T 7714 citations, QR codes, the sitemap,
the Atom feed and datapackage.json, on the fixture compendium built as a published site (with an address)
and as the bundle builds it (without one)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path

import pytest
import segno

from compendium.site.sharing import qr_svg, script_json
from conftest import FIXTURE, build_site

SITE_URL = "https://example.org/huibian/"
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("published")
    result = build_site(FIXTURE, site, site_url=SITE_URL)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def _case_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "cases").rglob("index.html") if p.parent.parent.parent.name == "cases")


def _meta(html: str, attribute: str, name: str) -> str | None:
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return unescape(found.group(1)) if found else None


def test_every_case_page_can_be_shared_and_cited(published, compendium):
    pages = _case_pages(published)
    assert len(pages) == len(compendium.cases)
    descriptions = set()
    for page in pages:
        html = page.read_text("utf-8")
        url = SITE_URL + page.parent.relative_to(published).as_posix() + "/"
        description = _meta(html, "name", "description")
        assert description and _meta(html, "property", "og:description") == description
        descriptions.add(description)
        assert _meta(html, "property", "og:url") == url and _meta(html, "property", "og:type") == "article"
        assert f'<link rel="canonical" href="{url}">' in html
        [ld] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        data = json.loads(ld)
        assert data["@type"] == "Article" and data["url"] == url and data["isPartOf"]["url"].startswith(SITE_URL)
        citation = unescape(re.sub(r"<[^>]+>", "", re.search(r'id="cc-cite-text">(.*?)</p>', html, re.S).group(1)))
        assert re.fullmatch(
            rf".+\. .+\[EB/OL\]//.+\. .+\. \([\d-]+\)\[\d{{4}}-\d{{2}}-\d{{2}}\]\. {re.escape(url)}\.", citation
        )
        assert data["headline"] in citation and data["author"]["name"] in citation
        # The QR code holds the page's address: segno draws the same modules for it.
        svg = re.search(r'<svg role="img".*?</svg>', html, re.S).group(0)
        path = re.search(r'class="qrline" stroke="#000" d="([^"]+)"', svg).group(1)
        assert path in segno.make(url, error="m", micro=False).svg_inline(scale=3, border=2)
    assert len(descriptions) == len(pages), "each case has its own description"


def test_the_sitemap_lists_every_page(published):
    urls = set(re.findall(r"<loc>([^<]+)</loc>", (published / "sitemap.xml").read_text("utf-8")))
    pages = {SITE_URL + p.parent.relative_to(published).as_posix() + "/" for p in published.rglob("index.html")}
    pages = {u.replace(SITE_URL + "./", SITE_URL) for u in pages}
    assert urls == pages


def test_the_feed_lists_the_newest_collection_first(published, compendium):
    feed = ET.fromstring((published / "feed.xml").read_bytes())
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == min(len(compendium.cases), 200)
    ids = [e.find(f"{ATOM}id").text for e in entries]
    assert len(set(ids)) == len(ids) and all(i.startswith("urn:uuid:") for i in ids)
    years = []
    for entry in entries:
        href = entry.find(f"{ATOM}link").get("href")
        assert href.startswith(SITE_URL) and (published / href.removeprefix(SITE_URL) / "index.html").exists()
        years.append(int(entry.find(f"{ATOM}updated").text[:4]))
    assert years == sorted(years, reverse=True)
    home = (published / "index.html").read_text("utf-8")
    assert 'rel="alternate feed" type="application/atom+xml"' in home and 'href="feed.xml"' in home


def test_datapackage_describes_the_csv_field_by_field(published):
    package = json.loads((published / "datapackage.json").read_text("utf-8"))
    [table] = [r for r in package["resources"] if r["path"] == "cases.csv"]
    header = next(csv.reader(io.StringIO((published / "cases.csv").read_text("utf-8-sig"))))
    assert [f["name"] for f in table["schema"]["fields"]] == header
    assert all((published / r["path"]).exists() for r in package["resources"])
    home = (published / "index.html").read_text("utf-8")
    dataset = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', home, re.S).group(1))
    assert dataset["@type"] == "Dataset" and {d["contentUrl"] for d in dataset["distribution"]} >= {
        SITE_URL + "cases.csv",
        SITE_URL + "cases.json",
    }


def test_without_an_address_nothing_is_broken(built_site):
    html = (built_site / "cases" / "gjtwbh-2021-3" / "shanghai" / "index.html").read_text("utf-8")
    assert "og:url" not in html and "cc-qr" not in html and 'rel="canonical"' not in html
    citation = unescape(re.sub(r"<[^>]+>", "", re.search(r'id="cc-cite-text">(.*?)</p>', html, re.S).group(1)))
    assert citation.endswith("].") and "http" not in citation
    json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_json_ld_cannot_end_its_script():
    text = script_json({"headline": "</script><script>alert(1)</script>", "x": "a\u2028b & <!--"})
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text)["headline"] == "</script><script>alert(1)</script>"
    assert "<title>a&lt;b&amp;</title>" in qr_svg("https://example.org/", "a<b&")
