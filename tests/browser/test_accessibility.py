"""WCAG 2.1 AA on every kind of page, checked by axe-core (not a checker of ours) in Chromium.

axe-core comes from the npm registry (scripts/node_deps.sh, run by `make test`).
The pages are those of the shipped site, one of each template, and the finder
with results on screen.
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
    "issuers/xinhuawang/",
    "finder/?q=营养",
    "cases/gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao/",
    "cases/gwbxch-2024-471/beijingdaxuedisanyiyuan/",
    "notices/gwbxch-2024-471/",
    "reference/work-plans/",
    "reference/work-plans/pian-01/",
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


@pytest.mark.parametrize("path", PAGES)
def test_page_has_no_wcag_violation(page, site_url, axe_script, path):
    page.goto(site_url + path)
    if path == "404.html":  # the page a server sends for a missing address
        assert "页面不存在" in page.inner_text("article")
    if path.startswith("finder/"):
        page.wait_for_selector("#cc-finder[data-ready=true]")
    page.add_script_tag(content=axe_script)
    assert page.evaluate(RUN) == []
