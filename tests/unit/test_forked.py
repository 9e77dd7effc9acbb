"""compendium.forked: a failed build stops the finder's process and the helper it forked."""

import os
import time
from pathlib import Path

import pytest

from compendium.forked import Forked

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")


def _alive(pid: int) -> bool:
    """Running (a zombie, ended but not yet reaped by whoever adopted it, counts as ended)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    if not Path("/proc").is_dir():  # macOS: no process states to read
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:  # it has just gone
        return False


def _wait_for(path: Path) -> int:
    deadline = time.monotonic() + 10
    while not (path.exists() and path.read_text()):
        assert time.monotonic() < deadline, f"{path} was never written"
        time.sleep(0.02)
    return int(path.read_text())


def test_stop_ends_the_child_and_its_helpers(tmp_path):
    helper_pid = tmp_path / "helper.pid"

    def work():
        Forked(lambda: (helper_pid.write_text(str(os.getpid())), time.sleep(60)), "helper")
        time.sleep(60)

    job = Forked(work, "outer")
    helper = _wait_for(helper_pid)
    assert _alive(helper)
    job.stop()
    deadline = time.monotonic() + 10
    while _alive(helper):
        assert time.monotonic() < deadline, "the helper outlived stop()"
        time.sleep(0.02)


def test_wait_names_the_work_that_failed():
    job = Forked(lambda: 1 / 0, "dividing")
    with pytest.raises(RuntimeError, match="dividing failed"):
        job.wait()
