"""Everything the theme prints from front matter is escaped, whatever its type (issue 12, item 1).

The content check refuses the fields Material prints raw (subtitle, status,
author …) and lists or mappings where text belongs; this test takes away that
first line of defence.  A tiny hook, run after ours, puts HTML into every meta
key Material reads, as text, list, mapping and nested list, on every page;
each page is then opened in Chromium: no dialog, no element the payload tries
to add, and the payload visible as text where Material shows it.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest

from conftest import ARTIFACTS, add_hook, build_site, copy_project

pytestmark = pytest.mark.browser

PAYLOAD = "<img src=x onerror=alert(1)><svg onload=alert(2)></svg><script>alert(3)</script>"
KEYS = (
    "title",
    "description",
    "subtitle",
    "status",
    "author",
    "tags",
    "revision_date",
    "git_revision_date_localized",
    "git_creation_date_localized",
    "comments",
    "search",
)
INJECT_HOOK = f"""
from mkdocs.plugins import event_priority

PAYLOAD = {PAYLOAD!r}
SHAPES = [PAYLOAD, [PAYLOAD, PAYLOAD], {{"text": PAYLOAD, PAYLOAD: [PAYLOAD]}}, [[PAYLOAD]]]
seen = []


@event_priority(-100)  # after the compendium's hook has set the page's meta
def on_page_markdown(markdown, page, config, files):
    shape = SHAPES[len(seen) % len(SHAPES)]
    seen.append(page)
    for key in {KEYS!r}:
        page.meta[key] = shape
    return markdown
"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def injected_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("meta") / "project")
    add_hook(project, "inject_meta.py", INJECT_HOOK)
    site = project.parent / "site"
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


_ADDED = """() => [...document.querySelectorAll('img[src="x"], svg[onload], [onerror], [onload]')]
    .map(e => e.outerHTML.slice(0, 80)).concat([...document.scripts].filter(s => s.textContent.includes('alert(3)'))
    .map(s => 'script: ' + s.textContent.slice(0, 60)))"""


def test_hostile_meta_of_every_type_is_printed_as_text(injected_site, browser):
    site, url = injected_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 80
    raw = [p for p in pages if "<img src=x onerror" in (site / p).read_text("utf-8")]
    assert raw == [], f"payload unescaped in {raw[:5]}"
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    added: dict[str, list[str]] = {}
    for path in pages:
        page.goto(url + path)
        if found := page.evaluate(_ADDED):
            added[path] = found
    page.goto(url)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-meta-home.png"))
    shown = page.inner_text("body")
    context.close()
    assert dialogs == []
    assert added == {}
    # Material shows the title and the nav's subtitles: the payload is there, as text.
    assert "<img src=x onerror=alert(1)>" in shown
