"""Builds that end badly leave the previous site byte-identical and no process behind (issue 12, item 5).

A build of changed content (`make build`: the build command, which runs the
engine and writes the finder's shards beside it) is stopped by Ctrl-C (SIGINT
to its process group, as a terminal sends it), SIGTERM or SIGKILL at several
moments: while loading, while the finder's shards are written, while pages are
being written.  Two builds into one folder: the second is refused with a
message while the first finishes.  Every time, the site folder holds the old
site or the new one, whole.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from attacks import digest, good_site  # noqa: F401 (fixture)

from conftest import ROOT, copy_project, tool_env

ENV = tool_env()


def _start(project: Path, site: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(ROOT / "scripts" / "build_site.py"), "-f", str(project / "mkdocs.yml"), "-d", str(site)],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def _processes_of(site: Path) -> list[int]:
    """Processes still running a build of `site` (the build command and its engine name it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if str(site).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def _wait_until(condition, timeout: float = 30) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.01)
    return False


@pytest.fixture
def changed(tmp_path, good_site):
    """A project whose content differs from the good site's, and a copy of the good site to build over."""
    project = copy_project(tmp_path / "project")
    case = sorted((project / "content" / "cases" / "gjtwbh-2021-3").glob("*.md"))[0]
    case.write_text(case.read_text("utf-8").replace("title: ", "title: 改过的", 1), "utf-8")
    site = tmp_path / "site"
    shutil.copytree(good_site, site)
    return project, site, digest(site)


def _staged_pages(site: Path) -> int:
    staging = site.with_name(site.name + ".partial")
    return sum(1 for _ in staging.rglob("index.html")) if staging.exists() else 0


MOMENTS = {
    "while loading": lambda site: True,
    "while the finder's shards are written": lambda site: site.with_name(site.name + ".partial.finder").exists(),
    "while writing pages": lambda site: _staged_pages(site) >= 30,
}


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL], ids=["ctrl-c", "sigterm", "sigkill"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_an_interrupted_build_leaves_the_old_site_and_no_process(changed, sig, moment):
    project, site, before = changed
    build = _start(project, site)
    assert _wait_until(lambda: MOMENTS[moment](site), timeout=60), f"the build never reached '{moment}'"
    if sig == signal.SIGINT:
        os.killpg(build.pid, sig)  # a terminal's Ctrl-C goes to the foreground process group
    else:
        os.kill(build.pid, sig)
    output, _ = build.communicate(timeout=60)
    assert build.returncode != 0, f"the build ended normally before it was stopped:\n{output[-2000:]}"
    assert "Traceback" not in output or sig == signal.SIGKILL
    assert digest(site) == before, "the previous site was changed"
    assert _wait_until(lambda: not _processes_of(site), timeout=10), f"left running: {_processes_of(site)}"
    if sig != signal.SIGKILL:
        leftovers = sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name + "."))
        assert leftovers == [], leftovers
    # The next build clears whatever a killed build left and publishes the new content.
    again = _start(project, site)
    output, _ = again.communicate(timeout=120)
    assert again.returncode == 0, output[-3000:]
    assert any("改过的" in p.read_text("utf-8") for p in (site / "cases" / "gjtwbh-2021-3").rglob("index.html"))
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name + ".")) == []


def test_a_second_build_into_the_same_folder_is_refused_while_the_first_finishes(changed):
    project, site, before = changed
    first = _start(project, site)
    assert _wait_until(lambda: site.with_name(site.name + ".partial").exists(), timeout=60)
    # Freeze the first build while it holds the lock, so that it cannot finish before the second
    # one starts (on a fast machine it did, and the second build then rightly went ahead).
    os.killpg(first.pid, signal.SIGSTOP)
    try:
        second = _start(project, site)
        output_second, _ = second.communicate(timeout=120)
    finally:
        os.killpg(first.pid, signal.SIGCONT)
    output_first, _ = first.communicate(timeout=120)
    assert second.returncode == 1
    assert "another build" in output_second and "Traceback" not in output_second
    assert first.returncode == 0, output_first[-3000:]
    assert any("改过的" in p.read_text("utf-8") for p in (site / "cases" / "gjtwbh-2021-3").rglob("index.html"))
    assert (site / "index.html").exists() and (site / "finder" / "data" / "meta.js").exists()
    assert sorted(p.name for p in site.parent.iterdir() if p.name.startswith(site.name + ".")) == []
