"""compendium.publish: a site folder replaced whole or not at all, one build at a time."""

import os
import subprocess
import sys
import time

import pytest

from compendium.publish import BuildLocked, SitePublisher


def _site(folder, text):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "index.html").write_text(text, "utf-8")


def test_a_successful_build_replaces_the_site_whole(tmp_path):
    final = tmp_path / "site"
    _site(final, "old")
    publisher = SitePublisher(final)
    staging = publisher.begin()
    assert staging == tmp_path / "site.partial" and not staging.exists()
    _site(staging, "new")
    publisher.finish(succeeded=True)
    assert (final / "index.html").read_text("utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_failed_build_leaves_the_old_site_and_no_staging(tmp_path):
    final = tmp_path / "site"
    _site(final, "old")
    publisher = SitePublisher(final)
    _site(publisher.begin(), "half")
    (tmp_path / "site.partial.finder").mkdir()
    publisher.finish(succeeded=False)
    assert (final / "index.html").read_text("utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_the_first_build_creates_the_site(tmp_path):
    publisher = SitePublisher(tmp_path / "out" / "site")
    _site(publisher.begin(), "first")
    publisher.finish(succeeded=True)
    assert (tmp_path / "out" / "site" / "index.html").read_text("utf-8") == "first"


def test_what_a_killed_build_left_is_cleared_by_the_next(tmp_path):
    final = tmp_path / "site"
    _site(tmp_path / "site.partial", "left by a killed build")
    (tmp_path / "site.partial.finder").mkdir()
    publisher = SitePublisher(final)
    staging = publisher.begin()
    assert not staging.exists() and not (tmp_path / "site.partial.finder").exists()
    publisher.finish(succeeded=False)


def test_a_second_build_is_refused_while_the_first_holds_the_lock(tmp_path):
    final = tmp_path / "site"
    first = SitePublisher(final)
    first.begin()
    # The lock is a POSIX record lock: another process sees it (the same process would not).
    code = f"""
import sys
from compendium.publish import BuildLocked, SitePublisher
try:
    SitePublisher({str(final)!r}).begin()
except BuildLocked as error:
    print(error)
    sys.exit(3)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 3, result.stdout + result.stderr
    assert f"another build (process {os.getpid()})" in result.stdout
    first.finish(succeeded=False)
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).returncode == 0


def test_the_lock_dies_with_its_process(tmp_path):
    final = tmp_path / "site"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import time
from compendium.publish import SitePublisher
SitePublisher({str(final)!r}).begin()
print("locked", flush=True)
time.sleep(60)
""",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(BuildLocked):
        _begin_elsewhere(final)
    holder.kill()
    holder.wait()
    deadline = time.monotonic() + 5
    while True:
        try:
            _begin_elsewhere(final)
            break
        except BuildLocked:
            assert time.monotonic() < deadline
            time.sleep(0.05)


def _begin_elsewhere(final):
    """begin() from another process (the lock is per process)."""
    code = f"from compendium.publish import SitePublisher; SitePublisher({str(final)!r}).begin()"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if "BuildLocked" in result.stderr:
        raise BuildLocked(result.stderr)
    assert result.returncode == 0, result.stderr
