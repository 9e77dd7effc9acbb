"""compendium.forked: a failed build stops the finder's process and the helper it forked."""

import os
import time
from pathlib import Path

import pytest

from compendium.finder.forked import Forked

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


def test_children_die_with_a_killed_parent(tmp_path):
    # A build killed with SIGKILL runs no clean-up: the kernel must end the finder's process and its helper.
    import signal
    import subprocess
    import sys

    pids = tmp_path / "pids"
    script = f"""
import os, time
from pathlib import Path
from compendium.finder.forked import Forked

def child():
    Forked(lambda: time.sleep(60), "helper", nice=10)
    Path({str(pids)!r}).write_text(f"{{os.getpid()}}")
    time.sleep(60)

Forked(child, "finder")
time.sleep(60)
"""
    parent = subprocess.Popen([sys.executable, "-c", script])
    child = _wait_for(pids)
    helpers = [int(p) for p in (Path(f"/proc/{child}/task/{child}/children").read_text().split())]
    assert helpers, "the child forked no helper"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in (child, *helpers)):
        time.sleep(0.05)
    assert not any(_alive(p) for p in (child, *helpers))


class _Stopped(Exception):
    """What the build's SIGTERM handler raises for its clean-up (publish.interrupts_as_exit)."""


def test_a_stop_signal_at_the_fork_never_runs_the_parents_code_in_the_child(tmp_path, monkeypatch):
    # The signal arrives in the child at the worst moment: right after the fork, before the child has set its own
    # handlers. With the parent's handler in force then, the child raised the parent's exception and ran on in the
    # parent's code (a traceback from a forked child in an interrupted build). It must wait until the child is
    # ready, and then end it as a stop() would.
    import signal

    escaped = tmp_path / "escaped"
    real_fork = os.fork

    def fork_then_signal():
        pid = real_fork()
        if pid == 0:
            os.kill(os.getpid(), signal.SIGTERM)
        return pid

    def raise_stopped(signum, frame):
        raise _Stopped()

    previous = signal.signal(signal.SIGTERM, raise_stopped)
    monkeypatch.setattr(os, "fork", fork_then_signal)
    try:
        try:
            child = Forked(lambda: time.sleep(30), "work")
        except _Stopped:  # only the child can get here: the signal was sent to it alone
            escaped.write_text("the child ran on in its parent's code")
            os._exit(0)
        with pytest.raises(RuntimeError, match="work failed"):
            child.wait()  # ended by SIGTERM, before its work
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert not escaped.exists()
