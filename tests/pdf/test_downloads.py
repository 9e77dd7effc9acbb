"""The hosted site offers the print and Word editions where readers look: the home page every book, a collection
page its own, a full-text case page its own PDF; each link opens the file, in a real browser over http."""

from __future__ import annotations

import functools
import http.server
import re
import threading

import pytest

from compendium.content.loader import load_compendium
from conftest import CONTENT, FIXTURE, ROOT, build_site, fixture_edition

pytestmark = pytest.mark.browser
COMPENDIUM = load_compendium(CONTENT).compendium
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    editions = fixture_edition("pdf", tmp_path_factory.mktemp("editions"))
    fixture_edition("docx", editions)
    site = tmp_path_factory.mktemp("site")
    result = build_site(FIXTURE, site, editions=editions)
    assert result.returncode == 0, result.stdout + result.stderr
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", editions
    server.shutdown()


def download_links(page) -> list[tuple[str, str]]:
    return page.eval_on_selector_all(".cc-downloads a", "links => links.map(a => [a.textContent.trim(), a.href])")


def fetched(page, url: str) -> bytes:
    response = page.request.get(url)
    assert response.ok, url
    return response.body()


def test_each_page_offers_its_editions_and_each_link_opens_the_file(page, hosted):
    url, editions = hosted
    full_text = next(c for c in COMPENDIUM.taxonomy.collections.values() if c.full_text and COMPENDIUM.cases_in(c.id))
    case = COMPENDIUM.cases_in(full_text.id)[0]
    expected = {
        "": {"全书（PDF）", "全书（Word）"}
        | {
            f"{c.title}（{kind}）"
            for c in COMPENDIUM.taxonomy.collections.values()
            if COMPENDIUM.cases_in(c.id)
            for kind in ("PDF", "Word")
        },
        f"collections/{full_text.id}/": {"本批次（PDF）", "本批次（Word）"},
        case.path.removesuffix(".md") + "/": {"本案例（PDF）"},
    }
    for path, labels in expected.items():
        page.goto(url + path)
        links = download_links(page)
        assert {label for label, _ in links} == labels, path
        for label, href in links:
            body = fetched(page, href)
            assert body[:5] == b"%PDF-" if "PDF" in label else body[:2] == b"PK", (path, label)
        # its size and the day it was made, beside each link
        assert all(
            re.search(r"\d+(\.\d)? [KM]B，\d{4}年\d{1,2}月\d{1,2}日生成", t)
            for t in page.locator(".cc-downloads li").all_inner_texts()
        )
        page.add_script_tag(content=AXE.read_text("utf-8"))
        violations = page.evaluate(
            "async () => (await axe.run(document.querySelector('.cc-downloads'), {runOnly: {type: 'tag', "
            "values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations.map(v => v.id)"
        )
        assert violations == [], (path, violations)
    # the case's PDF is that case's
    page.goto(url + case.path.removesuffix(".md") + "/")
    [(_, href)] = download_links(page)
    assert href.endswith(f"downloads/{case.path.removesuffix('.md')}.pdf")
    assert (editions / f"{case.path.removesuffix('.md')}.pdf").read_bytes() == fetched(page, href)


def test_a_listed_case_and_a_site_without_editions_offer_none(page, hosted, site_url):
    url, _ = hosted
    listed = next((c for c in COMPENDIUM.cases if not c.collection.full_text), None)
    if listed:
        page.goto(url + listed.path.removesuffix(".md") + "/")
        assert page.locator(".cc-downloads").count() == 0
    page.goto(site_url)  # the test suite's own build: no editions made
    if not (ROOT / "dist").exists():
        assert page.locator(".cc-downloads").count() == 0
