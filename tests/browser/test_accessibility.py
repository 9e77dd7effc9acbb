"""WCAG 2.1 AA on every kind of page, checked by axe-core (not a checker of ours) in Chromium.

axe-core comes from the npm registry (scripts/node_deps.sh, run by `make test`).
The pages are those of the fixture compendium's site, one of each template, and the finder
with results on screen, served over http and opened from file:// as the bundle is.
"""

from __future__ import annotations

import pytest

from conftest import ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    "",
    "collections/",
    "collections/gjtwbh-2021-3/",
    "themes/",
    "themes/hc-diet/",
    "regions/",
    "regions/jilin/",
    "years/",
    "years/2021/",
    "units/",
    "issuers/",
    "issuers/guojiaweishengjiankangweibangongting/",
    "finder/?q=营养",
    "cases/gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao/",
    "cases/gwbxch-2024-471/beijingdaxuedisanyiyuan/",
    "notices/gwbxch-2024-471/",
    "reference/work-plans/",
    "reference/work-plans/pian-03/",
    "notices/jkzgcjdh-2024-zhengji/",
    "404.html",
]
RUN = """async () => (await axe.run(document, {runOnly: {type: 'tag',
    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})).violations
    .map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"""


@pytest.fixture(scope="module")
def axe_script() -> str:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make test` (it installs axe-core) or `sh scripts/node_deps.sh`")
    return AXE.read_text("utf-8")


def _file_address(site, path: str) -> str:
    """The page `path` of the bundle's build (plain file URLs: folder/index.html), opened from file://."""
    name, _, query = path.partition("?")
    if name.endswith(".html"):
        target = site / name
    elif (site / name / "index.html").exists():  # a folder's own page (regions/ → regions/index.html)
        target = site / name / "index.html"
    else:  # regions/jilin/ → regions/jilin.html
        target = site / (name.rstrip("/") + ".html")
    return target.as_uri() + (f"?{query}" if query else "")


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("where", ["http", "file"])
def test_page_has_no_wcag_violation(page, site_url, file_site, axe_script, path, where):
    if where == "file" and path == "404.html":
        pytest.skip("no server, no 404: from file:// a missing page is the browser's own error page")
    page.goto(site_url + path if where == "http" else _file_address(file_site, path))
    if path == "404.html":  # the page a server sends for a missing address
        assert "页面不存在" in page.inner_text("article")
    if path.startswith("finder/"):
        page.wait_for_selector("#cc-finder[data-ready=true]")
    page.add_script_tag(content=axe_script)
    assert page.evaluate(RUN) == []
