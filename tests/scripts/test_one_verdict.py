"""One verdict (issue 14): every broken file of tests/broken gets the same verdict and the same message, with
file and line, in Chinese, from the content check (`make check`), the pre-commit hook as editors install it,
the strict build (`make build`) and `mkdocs serve` (the problems page in the browser).

Each tool runs on a copy of the project with the fixture compendium plus one broken file.  The check, the hook
and the build must fail; serve must list the problems instead of the site.  The four lists of problems,
each written `content/<file>:<line>: <what is wrong>；<how to fix it>`, must be equal, and contain the
message tests/broken/expected.yml gives.
"""

from __future__ import annotations

import contextlib
import html
import io
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from test_broken_cases import EXPECTED, place

from compendium.cli import check
from compendium.text.hanzi import HAN
from conftest import ROOT, build_site, copy_project, tool_env

NAMES = list(EXPECTED)
_WHERE = re.compile(r"content/\S+?:\d+: .*")


def _problems(output: str) -> list[str]:
    """Problem lines from any tool's output, from the content folder's name on (levels and log prefixes cut)."""
    return sorted(m.group(0).strip() for m in _WHERE.finditer(output))


def _relpath(target: Path, content: Path) -> str:
    return "content/" + target.relative_to(content).as_posix()


@pytest.fixture(scope="module", autouse=True)
def default_language():
    """The default language: whatever the machine's environment says, the tools are run without a choice."""
    saved = os.environ.pop("COMPENDIUM_LANG", None)
    yield
    if saved is not None:
        os.environ["COMPENDIUM_LANG"] = saved


@pytest.fixture(scope="module")
def by_check(tmp_path_factory) -> dict[str, tuple[int, list[str], str]]:
    """`make check`'s command, in this process: name → (exit code, problems, the file's path)."""
    project = copy_project(tmp_path_factory.mktemp("check") / "project")
    content = project / "content"
    results = {}
    cwd = os.getcwd()
    os.chdir(project)  # the check names files as the editor typed the folder: content/…
    try:
        for name in NAMES:
            target = place(content, name)
            err = io.StringIO()
            try:
                with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                    code = check.main(["content"])
            finally:
                target.unlink()
            assert "Traceback" not in err.getvalue()
            results[name] = (code, _problems(err.getvalue()), _relpath(target, content))
    finally:
        os.chdir(cwd)
    return results


@pytest.fixture(scope="module")
def by_pre_commit(tmp_path_factory) -> dict[str, tuple[int, list[str]]]:
    """`pre-commit run` of the project's own .pre-commit-config.yaml, in a git checkout of the project."""
    project = copy_project(tmp_path_factory.mktemp("pre-commit") / "project")
    for name in ("Makefile", "pyproject.toml", ".pre-commit-config.yaml"):
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "scripts", project / "scripts")
    (project / ".venv").symlink_to(ROOT / ".venv")  # the environment `make` made; its stamp is newer
    env = {**os.environ, "PRE_COMMIT_HOME": str(project.parent / "cache"), "GIT_CONFIG_GLOBAL": "/dev/null"}
    env.pop("COMPENDIUM_LANG", None)
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    results = {}
    for name in NAMES:
        target = place(project / "content", name)
        try:
            run = subprocess.run(
                [
                    str(ROOT / ".venv" / "bin" / "pre-commit"),
                    "run",
                    "check-content",
                    "--files",
                    str(target.relative_to(project)),
                ],
                cwd=project,
                env=env,
                capture_output=True,
                text=True,
            )
        finally:
            target.unlink()
        assert "Traceback" not in run.stdout + run.stderr
        results[name] = (run.returncode, _problems(run.stdout + run.stderr))
    return results


@pytest.fixture(scope="module")
def by_build(tmp_path_factory) -> dict[str, tuple[int, list[str]]]:
    """`mkdocs build --strict`, as `make build` runs it."""
    project = copy_project(tmp_path_factory.mktemp("build") / "project")
    results = {}
    for name in NAMES:
        target = place(project / "content", name)
        try:
            run = build_site(project, project.parent / "site")
        finally:
            target.unlink()
        output = run.stdout + run.stderr
        assert "Traceback" not in output
        results[name] = (run.returncode, _problems(output))
    return results


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.read().decode("utf-8")


_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def _text(fragment: str, css_class: str) -> str:
    found = re.search(rf'class="{css_class}">(.*?)</(?:code|span|p)>', fragment, re.S)
    return html.unescape(found.group(1)).strip() if found else ""


def _served_problems(page: str) -> list[str]:
    """The problems as the browser shows them, put together as the check writes them."""
    lines = []
    for item in _ITEM.findall(page.split('class="cc-problems__list"', 1)[-1]):
        field, how = _text(item, "cc-problems__field"), _text(item, "cc-problems__how").removeprefix("改法：")
        what = (f"{field}: " if field else "") + _text(item, "cc-problems__what") + (f"；{how}" if how else "")
        lines.append(f"{_text(item, 'cc-problems__where')}: {what}")
    return sorted(lines)


@pytest.fixture(scope="module")
def by_serve(tmp_path_factory) -> dict[str, list[str]]:
    """`mkdocs serve`, as `make serve` runs it: one server; each broken file replaces the one before, and
    the page that every address answers with lists the problems."""
    project = copy_project(tmp_path_factory.mktemp("serve") / "project")
    content = project / "content"
    port = _free_port()
    log = (project.parent / "serve.log").open("w")
    env = tool_env()
    first = place(content, NAMES[0])
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(project / "mkdocs.yml"), "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    url = f"http://127.0.0.1:{port}/"
    results = {}
    try:
        previous = first
        for name in NAMES:
            target = previous if name == NAMES[0] else place(content, name)
            if previous != target:
                previous.unlink()  # never a good state in between: no full build of the site while waiting
            where = _relpath(target, content) + ":"
            deadline = time.monotonic() + 60
            while True:
                assert server.poll() is None, (project.parent / "serve.log").read_text("utf-8")
                try:
                    served = _served_problems(_get(url))
                except OSError:
                    served = []
                if served and all(line.startswith(where) for line in served):
                    break
                assert time.monotonic() < deadline, f"{name}: the browser never showed its problems: {served}"
                time.sleep(0.2)
            results[name] = served
            previous = target
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    return results


@pytest.mark.parametrize("name", NAMES)
def test_every_tool_gives_the_same_verdict_and_message(name, by_check, by_pre_commit, by_build, by_serve):
    expected = EXPECTED[name]
    code, problems, path = by_check[name]
    assert code == 1, problems
    assert problems and all(line.startswith(f"{path}:") for line in problems), problems
    # The message expected.yml gives, at its line, in Chinese, with how to fix it after the '；'.
    wanted = f"{path}:{expected['line']}: "
    matching = [line for line in problems if line.startswith(wanted) and expected["expect"] in line]
    assert matching, f"expected {wanted}…{expected['expect']} in {problems}"
    for line in problems:
        what = line.split(": ", 1)[1]
        assert re.search(f"[{HAN}]", what.replace(path, "")) and "；" in what, line
    # The same from the commit hook, the strict build and the server.
    assert by_pre_commit[name] == (1, problems)
    assert by_build[name] == (1, problems)
    assert by_serve[name] == problems
