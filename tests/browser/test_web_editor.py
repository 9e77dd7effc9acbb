"""The web editor (Decap CMS at /admin/) driven in Chromium through `make edit`, as an editor with no account would.

`scripts/edit.py` (make edit) starts decap-server on a copy of the project and `mkdocs serve` beside it; the
editor opens a collection, writes a case in the form (title, unit, region, themes, number, text with a picture)
and publishes it: the file appears under content/cases/<collection>/ with the picture beside it, the content
check passes on it, and the served site shows it.  Then the title is corrected and the site follows; then a case
without its unit is refused, the field named, and nothing is written.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from compendium.cli import check
from compendium.content.frontmatter import parse_document
from conftest import ARTIFACTS, ROOT, copy_project, free_port, png, tool_env

COLLECTION = "gjtwbh-2021-3"


def _wait_for(url: str, timeout: float = 90) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer within {timeout:.0f} s")


@pytest.fixture(scope="module")
def editor(tmp_path_factory):
    """`make edit` on a copy of the project: (project, site address)."""
    project = copy_project(tmp_path_factory.mktemp("edit") / "project")
    port, cms_port = free_port(), free_port()
    log = (project.parent / "edit.log").open("w")
    env = tool_env(COMPENDIUM_NODE=str(ROOT / ".cache" / "node"))
    command = [sys.executable, str(ROOT / "scripts" / "edit.py"), "--port", str(port), "--cms-port", str(cms_port)]
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url + "admin/config.yml")
        yield project, url, cms_port
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)
        log.close()
    printed = (project.parent / "edit.log").read_text("utf-8")
    assert f"编辑器：http://127.0.0.1:{port}/admin/" in printed and "Traceback" not in printed


def _open(page, url: str, route: str, shot: str = "") -> None:
    # After a save the editor may already stand at the entry's address: going to the same address is no
    # navigation at all (Playwright would wait for one until its timeout), so the page is loaded again instead.
    target = url + "admin/#" + route
    if page.url == target:
        page.reload(wait_until="domcontentloaded")
    else:
        page.goto(target, wait_until="domcontentloaded")
    # decap-server: no account, no token; the first visit asks to log in (the CMS remembers it afterwards)
    login = page.get_by_role("button", name="登录")
    page.locator("button:has-text('登录'), [data-slate-editor=true], a:has-text('＋ 案例')").first.wait_for()
    if login.count():
        if shot:
            page.screenshot(path=str(ARTIFACTS / shot))
        login.click()


def _choose(page, field: str, *names: str) -> None:
    for name in names:
        page.locator(f"[id^={field}-field]").fill(name)
        page.get_by_role("option", name=name, exact=True).first.click()


def _publish(page) -> None:
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()


def _served(url: str, text: str, timeout: float = 60) -> bool:
    """The served page shows `text` once mkdocs serve has rebuilt."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if text in response.read().decode("utf-8"):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


def test_an_editor_adds_a_case_then_corrects_its_title(editor, page, tmp_path):
    project, url, _ = editor
    folder = project / "content" / "cases" / COLLECTION
    before = {p.name for p in folder.iterdir()}
    # mkdocs serve's live reload would reload the editor after each save's rebuild, throwing away what is typed:
    # the editor's page never sends its poll
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # The steps CONTRIBUTING.md shows (its pictures are these screenshots): log in, pick the collection, fill, publish
    _open(page, url, f"/collections/cases-{COLLECTION}", shot="editor-1-login.png")
    page.get_by_text("＋ 案例").wait_for()
    page.screenshot(path=str(ARTIFACTS / "editor-2-collection.png"))
    page.get_by_text("＋ 案例").click()
    page.wait_for_selector("text=正在集合")
    page.get_by_label("标题", exact=True).fill("社区心理服务进万家")
    page.get_by_label("单位", exact=True).fill("武汉市江岸区心理服务中心")
    _choose(page, "region", "湖北省", "武汉市", "江岸区")
    _choose(page, "themes", "心理健康促进行动")
    page.get_by_label("序号", exact=True).fill("19")
    page.locator("[data-slate-editor=true]").first.click()
    page.keyboard.type("江岸区在每个社区设立心理服务站，居民可以预约咨询。")
    picture = tmp_path / "jiangan-1.png"
    picture.write_bytes(png(40, 30, (0, 120, 200)))
    page.get_by_role("button", name="添加组件").click()
    page.get_by_role("menuitem", name="Image").click()
    page.get_by_role("button", name="选择图片").click()
    page.locator("input[type=file]").set_input_files(str(picture))
    page.get_by_role("button", name="选用已选中项目").click()
    page.screenshot(path=str(ARTIFACTS / "editor-3-form.png"))
    _publish(page)
    deadline = time.monotonic() + 30
    while not ({p.name for p in folder.iterdir()} - before) >= {"jiangan-1.png"} and time.monotonic() < deadline:
        time.sleep(0.3)
    added = sorted({p.name for p in folder.iterdir()} - before)
    markdown = [name for name in added if name.endswith(".md")]
    assert "jiangan-1.png" in added and len(markdown) == 1, added
    case = folder / markdown[0]
    document, problems = parse_document(case.name, case.read_bytes())
    assert problems == []
    assert document.meta == {
        "title": "社区心理服务进万家",
        "unit": "武汉市江岸区心理服务中心",
        "region": ["湖北省", "武汉市", "江岸区"],
        "year": 2021,
        "themes": ["心理健康促进行动"],
        "collection": COLLECTION,
        "number": 19,
    }
    assert "居民可以预约咨询" in document.body and "jiangan-1.png" in document.body
    assert (folder / "jiangan-1.png").read_bytes() == picture.read_bytes()
    assert check.main([str(project / "content")]) == 0
    page_url = f"{url}cases/{COLLECTION}/{case.stem}/"
    assert _served(page_url, "社区心理服务进万家") and _served(page_url, "jiangan-1.png")

    # The unit asks for a correction of the title.
    _open(page, url, f"/collections/cases-{COLLECTION}/entries/{case.stem}")
    page.wait_for_selector("[data-slate-editor=true]")
    title = page.get_by_label("标题", exact=True)
    title.fill("社区心理服务站进万家")
    _publish(page)
    deadline = time.monotonic() + 30
    while "社区心理服务站进万家" not in case.read_text("utf-8") and time.monotonic() < deadline:
        time.sleep(0.3)
    assert parse_document(case.name, case.read_bytes())[0].meta["title"] == "社区心理服务站进万家"
    assert _served(page_url, "社区心理服务站进万家")
    assert page.console_errors == [] or all("404" in e for e in page.console_errors)
    assert any("/admin/" in r for r in requests) and not [r for r in requests if "/livereload/" in r]


def test_a_case_without_a_required_field_is_not_saved(editor, page):
    project, url, _ = editor
    folder = project / "content" / "cases" / COLLECTION
    before = sorted(p.name for p in folder.iterdir())
    _open(page, url, f"/collections/cases-{COLLECTION}/new")
    page.wait_for_selector("[data-slate-editor=true]")
    page.get_by_label("标题", exact=True).fill("没有单位的案例")
    _publish(page)
    # The editor is stopped, and told which fields are missing, each by its name (Decap's Chinese messages)
    page.wait_for_selector("text=你漏掉了一个必填项")
    for label in ("单位", "地区", "主题", "序号", "正文"):
        assert page.get_by_text(f"“{label}”是必填项").count() == 1, label
    assert page.get_by_text("“标题”是必填项").count() == 0
    page.screenshot(path=str(ARTIFACTS / "editor-4-required.png"))
    time.sleep(1)
    assert sorted(p.name for p in folder.iterdir()) == before


def test_the_editor_page_we_draw_passes_axe(editor, page):
    """axe-core on /admin/, for what our template draws (language, title, viewport); the form is Decap's own."""
    _, url, _ = editor
    page.goto(url + "admin/")
    page.get_by_role("button", name="登录").or_(page.locator("[data-slate-editor=true]")).first.wait_for()
    page.add_script_tag(content=(ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js").read_text())
    rules = ["document-title", "html-has-lang", "html-lang-valid", "meta-viewport", "meta-refresh"]
    script = "async rules => (await axe.run(document, {runOnly: {type: 'rule', values: rules}}))"
    result = page.evaluate(script + ".violations.map(v => v.id)", rules)
    assert result == []
    assert page.evaluate(script + ".passes.map(v => v.id)", rules) != []  # the rules did run
    assert page.title().startswith("案例编辑器") and page.get_attribute("html", "lang") == "zh-Hans"


def test_the_local_backend_listens_on_this_machine_only(editor):
    """decap-server writes any file of the repository it is asked to: `make edit` binds it to 127.0.0.1, so that
    another address of this machine (as the office's network reaches it) is refused."""
    _, _, cms_port = editor
    with socket.create_connection(("127.0.0.1", cms_port), timeout=5):
        pass
    others = {a[4][0] for a in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)} - {"127.0.0.1"}
    others.add("127.0.0.2")  # another loopback address: reached only where the server listens on more than one
    for address in others:
        with pytest.raises(OSError):
            socket.create_connection((address, cms_port), timeout=5).close()
