"""The editor's loop, measured as an editor meets it: `make serve` on a fresh clone until the first page answers,
and, with `mkdocs serve` running and the case open in Chromium, a saved edit until the browser shows it."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from compendium_bench.project import REPO, free_port, write_config

POLL = 0.05
"""Seconds between two looks at the server or the page."""
SERVE_FLAGS = ("--dirty",)
"""As `make serve` runs `mkdocs serve` (Makefile): a save renders only the pages it changes."""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@contextmanager
def _running(command: list[str], cwd: Path, env: dict[str, str], log: Path):
    """A server started in a session of its own, its output in `log`; stopped, with what it started, at the end."""
    with log.open("w") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            yield process
        finally:
            _stop(process)


def _until_served(process: subprocess.Popen, url: str, log: Path, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if _answers(url):
            return time.perf_counter() - start
        if process.poll() is not None:
            raise RuntimeError(f"the server stopped (exit {process.returncode}):\n{log.read_text('utf-8')[-3000:]}")
        time.sleep(POLL)
    raise RuntimeError(f"no page from {url} within {timeout:.0f} s:\n{log.read_text('utf-8')[-3000:]}")


def first_page_seconds(workdir: Path, timeout: float = 1200) -> float:
    """`make serve` in a fresh clone of this repository's HEAD (no .venv: it installs what serving needs; pip's own
    cache is the machine's, as for an editor who installed something before): seconds until `/` answers."""
    clone = workdir / "clone"
    if clone.exists():
        shutil.rmtree(clone)
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MAKELEVEL")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if ".venv" not in p)
    port = free_port()
    log = workdir / "make-serve.log"
    with _running(["make", "serve", f"ADDR=127.0.0.1:{port}"], clone, env, log) as process:
        return _until_served(process, f"http://127.0.0.1:{port}/", log, timeout)


def shipped_project(workdir: Path) -> Path:
    """A project holding a copy of the shipped content, configured as the benchmark's synthetic ones."""
    project = workdir / "shipped"
    if project.exists():
        shutil.rmtree(project)
    shutil.copytree(REPO / "content", project / "content")
    write_config(project)
    return project


def reload_seconds(browser, project: Path, saves: int = 3, timeout: float = 1800) -> tuple[float, list[float]]:
    """`mkdocs serve --dirty` on a project (as `make serve` runs it), a case page open in Chromium; each save appends a
    sentence with a new mark to the case: seconds from the save until the page in the browser shows the mark
    (live reload).  Returns the first build's seconds and each save's."""
    case = sorted((project / "content" / "cases").rglob("*.md"))[0]
    path = case.relative_to(project / "content").with_suffix("").as_posix() + "/"
    port = free_port()
    log = project.parent / f"serve-{project.name}.log"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "serve", *SERVE_FLAGS, "--dev-addr", f"127.0.0.1:{port}"]
    with _running(command, project, env, log) as process:
        first = _until_served(process, f"http://127.0.0.1:{port}/", log, timeout)
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/{path}", wait_until="load")
        time.sleep(2)  # the watcher settles after the first build
        times = []
        original = case.read_text("utf-8")
        for n in range(saves):
            mark = f"基准测试第{n + 1}次保存"
            start = time.perf_counter()
            case.write_text(original.rstrip("\n") + f"\n\n{mark}。\n", "utf-8")
            times.append(_until_shown(page, mark, start, timeout, process, log))
            time.sleep(1)
        page.close()
        case.write_text(original, "utf-8")
        return first, times


def _until_shown(page, mark: str, start: float, timeout: float, process, log: Path) -> float:
    while time.perf_counter() - start < timeout:
        try:
            if page.evaluate("(mark) => document.body !== null && document.body.innerText.includes(mark)", mark):
                return time.perf_counter() - start
        except Exception:  # the page is reloading: its document is being replaced
            pass
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped:\n{log.read_text('utf-8')[-3000:]}")
        time.sleep(POLL)
    raise RuntimeError(f"the page did not show the edit within {timeout:.0f} s")
