"""The offline bundle, unzipped and opened from file:// with every other request blocked."""

import html.parser
import re
import urllib.parse
import zipfile
from pathlib import Path

import pytest

from compendium.cli import bundle
from conftest import ARTIFACTS, FIXTURE, ROOT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    # As the publish workflow runs: the repository named, so that the site would have its web editor
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COMPENDIUM_CMS_REPO", "octocat/compendium")
        patch.setenv("COMPENDIUM_NODE", str(ROOT / ".cache" / "node"))
        assert bundle.main(["--config", str(FIXTURE / "mkdocs-offline.yml"), "--dist", str(dist)]) == 0
    archives = list(dist.glob("*.zip"))
    assert len(archives) == 1 and not list(dist.glob("*.part"))
    target = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(archives[0]) as archive:
        names = archive.namelist()
        assert all(name.isascii() for name in names)
        tops = {name.split("/")[0] for name in names}
        assert not [name for name in names if "/site/admin/" in name]  # the web editor edits a repository: not offline
        assert tops == {archives[0].stem} and re.fullmatch(r"[a-z]+-\d{4}-\d{2}-\d{2}", archives[0].stem)
        # Every file readable by everyone once unpacked (a file written without a mode unpacks as 0600).
        modes = {info.filename: (info.external_attr >> 16) & 0o777 for info in archive.infolist()}
        assert all(mode & 0o444 == 0o444 for mode in modes.values()), [
            n for n, m in modes.items() if m & 0o444 != 0o444
        ]
        archive.extractall(target)
    return target / archives[0].stem


class _Links(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append((tag, value))


def test_every_link_resolves_to_a_file_in_the_bundle(unzipped):
    pages = sorted(unzipped.rglob("*.html"))
    assert len(pages) > 100
    checked = 0
    for page in pages:
        parser = _Links()
        parser.feed(page.read_text("utf-8"))
        for tag, link in parser.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme in ("http", "https", "mailto", "javascript", "data") or link.startswith("#"):
                # only links a reader may follow leave the bundle; nothing is loaded from outside
                assert tag == "a" or parts.scheme == "data", f"{page.relative_to(unzipped)}: <{tag}> {link}"
                continue
            target = (page.parent / urllib.parse.unquote(parts.path)).resolve()
            if link.endswith("/"):
                target = target / "index.html"
            assert target.is_file(), f"{page.relative_to(unzipped)}: {link}"
            assert unzipped in target.parents, f"{page.relative_to(unzipped)}: {link} leaves the bundle"
            checked += 1
    assert checked > 3000  # the parser did find the site's links


@pytest.fixture
def offline_page(browser):
    context = browser.new_context()
    blocked: list[str] = []
    context.route(re.compile(r"^(https?|wss?)://"), lambda route: (blocked.append(route.request.url), route.abort()))
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    page.on("request", lambda r: blocked.append(r.url) if not r.url.startswith(("file:", "data:", "blob:")) else None)
    yield page, blocked, errors
    context.close()


def test_every_page_opens_offline_without_outside_requests_or_errors(offline_page, unzipped):
    page, blocked, errors = offline_page
    page.goto((unzipped / "index.html").as_uri())
    page.get_by_role("link", name="打开《健康中国案例汇编》").click()
    page.wait_for_url("**/site/index.html")
    assert page.locator(".cc-cover__title").inner_text() == "健康中国案例汇编"
    for html_file in sorted((unzipped / "site").rglob("*.html")):
        page.goto(html_file.as_uri())
    assert blocked == [] and errors == []


def test_map_indexes_and_finder_work_offline(offline_page, unzipped):
    page, blocked, errors = offline_page
    page.goto((unzipped / "site" / "index.html").as_uri())
    page.locator('a.cc-tile[data-code="620000"]').click()
    page.wait_for_url("**/regions/gansu.html")
    page.get_by_role("link", name="立法先行共建共享无烟健康新生活").click()
    assert page.locator(".cc-case__number").inner_text() == "案例十七"
    page.fill(".cc-header-search input", "控烟")
    page.press(".cc-header-search input", "Enter")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    titles = page.locator(".cc-finder__title").all_inner_texts()
    assert titles[0] == "立法先行共建共享无烟健康新生活"
    # a year with no 控烟 case cannot be chosen; with 健康 it can, and narrows the results
    assert page.locator("select[name=year] option[value='2024']").is_disabled()
    page.fill("#cc-finder-q", "健康")
    page.wait_for_function("document.querySelector('.cc-finder__status').textContent.startsWith('“健康”')")
    before = page.locator(".cc-finder__status").inner_text()
    page.select_option("select[name=year]", "2024")
    page.wait_for_function("b => document.querySelector('.cc-finder__status').textContent !== b", arg=before)
    assert all("2024" in m for m in page.locator(".cc-finder__meta").all_inner_texts())
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "bundle-finder.png"))
    assert blocked == [] and errors == []


def test_the_landing_page_and_the_footer_speak_chinese(unzipped):
    landing = (unzipped / "index.html").read_text("utf-8")
    assert '<html lang="zh-Hans">' in landing and "打开《" in landing and "无需联网" in landing
    assert "Open the compendium" not in landing
    home = (unzipped / "site" / "index.html").read_text("utf-8")
    assert "本网站由案例汇编生成器制作" in home and "Made with" not in home


def test_the_print_edition_is_in_the_bundle_and_linked(unzipped):
    """The landing page and the home page link the whole compendium's and each collection's PDF, a full-text
    case page its own; every one is a PDF inside the bundle (the link check above resolves them)."""
    landing = (unzipped / "index.html").read_text("utf-8")
    linked = re.findall(r'href="(site/downloads/[^"]+\.pdf)"', landing)
    assert len(linked) >= 2 and any(re.search(r"-\d{4}-\d{2}-\d{2}\.pdf$", link) for link in linked)
    home = (unzipped / "site" / "index.html").read_text("utf-8")
    assert set(re.findall(r'href="(downloads/[^"]+\.pdf)"', home)) == {link.removeprefix("site/") for link in linked}
    case = (unzipped / "site" / "cases" / "gjtwbh-2021-3" / "gansu-lanzhou.html").read_text("utf-8")
    [own] = re.findall(r'href="([^"]+\.pdf)"', case)
    for pdf in [unzipped / link for link in linked] + [
        (case_dir := unzipped / "site" / "cases" / "gjtwbh-2021-3") / own
    ]:
        assert pdf.resolve().read_bytes()[:5] == b"%PDF-", pdf
    assert (case_dir / own).resolve() == unzipped / "site/downloads/cases/gjtwbh-2021-3/gansu-lanzhou.pdf"
    # the Word edition beside each PDF (before, the entry page offered only the PDFs)
    words = re.findall(r'href="(site/downloads/[^"]+\.docx)"', landing)
    assert [w.removesuffix(".docx") for w in words] == [link.removesuffix(".pdf") for link in linked]
    for word in words:
        assert (unzipped / word).read_bytes()[:2] == b"PK", word  # a Word file is a zip
