"""`make serve` on broken content: the problems in the browser, the site back once they are fixed.

MkDocs' server waits for a good build after a failed one, so the open page
stayed blank and new requests hung.  The hook builds a page listing the
problems instead (every address shows it), and the browser reloads itself
into it, and out of it once the files are fixed.
"""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from conftest import ARTIFACTS, copy_project, free_port, http_get, tool_env

pytestmark = pytest.mark.browser


@pytest.fixture(params=[["--dirty"], []], ids=["make-serve", "mkdocs-serve"])
def served(tmp_path, request):
    """`mkdocs serve` as `make serve` runs it (--dirty: a save renders only the pages it changes), and by itself
    (every page on every save)."""
    project = copy_project(tmp_path / "project")
    port = free_port()
    log = (tmp_path / "serve.log").open("w")
    flags = request.param
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            *flags,
            "-f",
            str(project / "mkdocs.yml"),
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=tool_env(),
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while True:
        try:
            if http_get(url)[0] == 200:
                break
        except OSError:
            pass
        assert server.poll() is None and time.monotonic() < deadline, (tmp_path / "serve.log").read_text("utf-8")
        time.sleep(0.3)
    yield project, url
    server.terminate()
    server.wait(timeout=30)
    log.close()


def test_problems_show_in_the_browser_and_the_site_comes_back(served, page):
    project, url = served
    page.goto(url)
    assert "案例" in page.inner_text("h1")
    case = project / "content" / "cases" / "gjtwbh-2021-3" / "shanghai.md"
    original = case.read_text("utf-8")
    case.write_text(original.replace("title: ", "title: [未闭合 ", 1), "utf-8")
    # The open page reloads itself into the list of problems.
    page.wait_for_function("document.body && document.body.innerText.includes('内容有 1 个问题')", timeout=90_000)
    text = page.inner_text("article")
    assert "content/cases/gjtwbh-2021-3/shanghai.md:2" in text and "文件头格式错误" in text and "改法" in text
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "serve-problems.png"))
    # Any other address answers at once, with the problems too.
    status, html = http_get(url + "cases/gjtwbh-2021-3/shanghai/")
    assert status == 404 and "内容有 1 个问题" in html
    case.write_text(original, "utf-8")
    page.wait_for_function("document.body && !document.body.innerText.includes('个问题')", timeout=90_000)
    page.wait_for_selector(".cc-home, article")
    assert http_get(url + "cases/gjtwbh-2021-3/shanghai/")[0] == 200
    page.screenshot(path=str(ARTIFACTS / "serve-recovered.png"))
