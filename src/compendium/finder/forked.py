"""Run a function in a forked child process, so that it uses the second core.

Used where a build has independent work: the finder's data while the engine
renders pages, and a helper that takes batches of the finder's text shards
beside it.  The child inherits everything (nothing is pickled) and never
returns into its parent's code.  Where there is no fork (Windows), the
function simply runs at once, in-process.
"""

from __future__ import annotations

import ctypes
import os
import signal
import traceback
from typing import Callable

__all__ = ["Forked"]

_in_child = False
"""True in a process forked by Forked."""


def _die_with(parent: int) -> None:
    """Have the kernel kill this child when its parent dies, even by SIGKILL (Linux's PR_SET_PDEATHSIG):
    no work goes on for a build that is gone."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the child ends with its work
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


_PR_SET_PDEATHSIG = 1

_STOPS = (
    {getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)}
    if hasattr(signal, "pthread_sigmask")
    else set()
)
"""The signals that stop a build, held off while a child is forked (none where signals cannot be blocked)."""


def _unblock(held) -> None:
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


class Forked:
    def __init__(self, work: Callable[[], object], what: str, nice: int = 0):
        self.what = what
        self.pid: int | None = None
        if not hasattr(os, "fork"):
            work()
            return
        global _in_child
        # A child has a process group of its own, which the helpers it forks share: stop() ends them all.
        self.group = not _in_child
        parent = os.getpid()
        # The parent may have turned SIGTERM into an exception for its own clean-up.  A stop signal that came
        # between the fork and the child's reset of its handlers would raise that exception in the child, which
        # would then run on in its parent's code: the signals wait (blocked) until each side is ready for them.
        held = signal.pthread_sigmask(signal.SIG_BLOCK, _STOPS) if _STOPS else None
        try:
            self.pid = os.fork()
        except BaseException:
            _unblock(held)
            raise
        if self.pid == 0:  # the child: do the work, report a failure on stderr, leave without returning
            if self.group:
                os.setpgid(0, 0)
            _in_child = True
            for stop in _STOPS:  # stop() ends the child by SIGTERM: the default, which ends it where it is
                signal.signal(stop, signal.SIG_DFL)
            _unblock(held)
            _die_with(parent)
            if nice:
                os.nice(nice)  # lower priority: it takes the CPU that others leave
            code = 0
            try:
                work()
            except BaseException:
                traceback.print_exc()
                code = 1
            finally:
                os._exit(code)
        if self.group:
            try:
                os.setpgid(self.pid, self.pid)  # also here, so that stop() works even before the child ran
            except OSError:  # the child has set it already, or has exited
                pass
        try:
            _unblock(held)  # a stop signal that came meanwhile is handled here, in the parent
        except BaseException:
            self.stop()
            raise

    def wait(self) -> None:
        """Wait for the child; RuntimeError naming the work if it failed."""
        if self.pid is None:
            return
        _, status = os.waitpid(self.pid, 0)
        self.pid = None
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{self.what} failed (see the error above)")

    def stop(self) -> None:
        """End the child early (the build it serves has failed)."""
        if self.pid is not None:
            try:
                (os.killpg if self.group else os.kill)(self.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            os.waitpid(self.pid, 0)
            self.pid = None
