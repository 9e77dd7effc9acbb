"""Content from a hostile pull request is shown as text and never runs, on any page.

A site is built from the fixture compendium plus a collection, its notice and
cases whose every free-text field and body carry HTML and script.  Every
generated page is then opened in Chromium: no dialog opens, no element has
an event handler or a javascript: link, and the payload is visible as text.
(Script links written as Markdown are refused by the content check, so they
are tested there and in test_safe_markdown.py.)
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
import yaml

from conftest import ARTIFACTS, build_command, build_site, copy_project

pytestmark = pytest.mark.browser

# Each piece tries a different way out: a tag, an attribute, a script block, a data block.
PAYLOAD = (
    '<img src=x onerror=alert(1)>"><svg onload=alert(2)>'
    "</script><script>alert(3)</script>'-alert(4)-'&lt;b&gt;\\');alert(5);//"
)
BODY = f"""
<script>alert(5)</script>

<div onclick="alert(6)">块</div> <b onmouseover=alert(7)>粗</b>

[好链接](https://www.nhc.gov.cn/) <a href="javascript:alert(8)">链接</a>

<iframe src="javascript:alert(12)"></iframe>

{PAYLOAD} 营养健康正文
"""


def _hostile_project(root: Path) -> Path:
    project = copy_project(root)
    data = project / "content" / "_data" / "collections.yml"
    collections = yaml.safe_load(data.read_text("utf-8"))
    collections.append(
        {
            "id": "hostile-2024",
            "title": "恶意批次" + PAYLOAD,
            "year": 2024,
            "notice": "hostile-2024",
            "full_text": True,
            "issuers": ["某委" + PAYLOAD],  # the notice's, as the check requires
        }
    )
    data.write_text(yaml.safe_dump(collections, allow_unicode=True), "utf-8")
    notice = {
        "title": "恶意通知" + PAYLOAD,
        "doc_number": "恶〔2024〕1号" + PAYLOAD[:60],
        "issuers": ["某委" + PAYLOAD],
        "date": "2024-05-01",
        "kind": "通知",
        "recipients": PAYLOAD,
        "collection": "hostile-2024",
        "description": PAYLOAD,
    }
    (project / "content" / "notices" / "hostile-2024.md").write_text(
        "---\n" + yaml.safe_dump(notice, allow_unicode=True) + "---\n" + BODY, "utf-8"
    )
    folder = project / "content" / "cases" / "hostile-2024"
    folder.mkdir()
    for number, (region, theme) in enumerate(
        [(["北京市", "海淀区"], "健康知识普及行动"), (["吉林省", "长春市"], "合理膳食行动")], start=1
    ):
        case = {
            "title": f"恶意标题{number}" + PAYLOAD,
            "unit": f"恶意单位{number}" + PAYLOAD,
            "region": region,
            "year": 2024,
            "themes": [theme],
            "collection": "hostile-2024",
            "number": number,
            "summary": "摘要" + PAYLOAD,
            "keywords": ["关键词" + PAYLOAD],
            "source": "来源" + PAYLOAD,
            "authors": ["作者" + PAYLOAD],
            "description": PAYLOAD,
        }
        (folder / f"case-{number}.md").write_text(
            "---\n" + yaml.safe_dump(case, allow_unicode=True) + "---\n" + BODY, "utf-8"
        )
    return project


def _served(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = _hostile_project(tmp_path_factory.mktemp("hostile-project"))
    site = tmp_path_factory.mktemp("hostile-site")
    result = build_site(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = _served(site)
    yield site, url
    server.shutdown()


@pytest.fixture(scope="module")
def hostile_zensical_site(tmp_path_factory):
    """The same content built by Zensical (make build ENGINE=zensical): its own base template prints what it is
    given, so it is checked as MkDocs' site is."""
    project = _hostile_project(tmp_path_factory.mktemp("hostile-project-zensical"))
    site = project / "site"  # Zensical builds only within its project
    result = build_command(project, site, engine="zensical")
    assert result.returncode == 0, result.stdout + result.stderr
    server, url = _served(site)
    yield site, url
    server.shutdown()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


# Every element with an on… attribute, a javascript: URL, or a tag the payload tries to add.
_FIND_ACTIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      const value = attr.value.replace(/[\\s\\x00-\\x1f]/g, '').toLowerCase();
      if (attr.name.startsWith('on') || value.startsWith('javascript:')) found.push(el.tagName + ' ' + attr.name);
    }
  }
  for (const el of document.querySelectorAll('iframe, img[src="x"], svg[onload]')) found.push(el.outerHTML.slice(0, 80));
  return found;
}"""


def test_no_content_script_runs_on_any_page(hostile_site, browser):
    _no_script_runs(*hostile_site, browser)


def test_no_content_script_runs_on_any_page_of_the_zensical_build(hostile_zensical_site, browser):
    _no_script_runs(*hostile_zensical_site, browser)


def _no_script_runs(site: Path, url: str, browser) -> None:
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 80
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    active: dict[str, list[str]] = {}
    for path in pages:
        page.goto(url + path)
        if found := page.evaluate(_FIND_ACTIVE):
            active[path] = found
    # The finder runs the payload through its own rendering: results, snippets, facets.
    page.goto(url + "finder/?q=alert")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    page.wait_for_selector(".cc-finder__hit")
    finder_text = page.inner_text(".cc-finder__results")
    if found := page.evaluate(_FIND_ACTIVE):
        active["finder/?q=alert"] = found
    context.close()
    assert dialogs == []
    assert errors == []
    assert active == {}
    assert "<img src=x onerror=alert(1)>" in finder_text


def test_payload_is_shown_as_text(hostile_site, page):
    site, url = hostile_site
    page.goto(url + "cases/hostile-2024/case-1/")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "hostile-case.png"))
    article = page.inner_text("article")
    title = page.title()
    # Front matter fields and body text appear literally, as the editor typed them.
    assert "恶意标题1" + PAYLOAD.replace("&lt;b&gt;", "&lt;b&gt;") in article
    assert "<script>alert(5)</script>" in article
    assert '<div onclick="alert(6)">块</div>' in article
    assert title.startswith("恶意标题1<img src=x onerror=alert(1)>")
    links = page.eval_on_selector_all(
        ".cc-case__body a", "els => els.map(e => [e.textContent, e.getAttribute('href')])"
    )
    assert links == [["好链接", "https://www.nhc.gov.cn/"]]
    description = page.get_attribute("meta[name=description]", "content")
    assert description == PAYLOAD
    # The data export carries the text unchanged.
    records = json.loads((site / "cases.json").read_text("utf-8"))
    hostile = [r for r in records if r["collection"] == "hostile-2024"]
    assert [r["title"] for r in hostile] == ["恶意标题1" + PAYLOAD, "恶意标题2" + PAYLOAD]
