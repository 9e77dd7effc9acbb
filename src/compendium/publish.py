"""Publish a built site atomically: readers and tools see the old site or the new one, never a mix.

A build writes into a staging folder beside the site folder; only once the
whole build has succeeded does the staging folder take the site folder's
place: two renames (the old site aside, the new one in), with Ctrl-C and
SIGTERM held off between them.  A lock beside the site folder keeps a
second build out while one runs, with a message that says so.  A build that
fails, is interrupted (Ctrl-C, SIGTERM) or is killed leaves the old site as it
was: the staging folder of a killed build is removed by the next build.

This is the engine's "build into site/" made safe, by the build command around
the engine (compendium.cli.build): `begin` when the build starts, `finish`
when it ends, whichever way it ended.
"""

from __future__ import annotations

import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from compendium.errors import CompendiumError

__all__ = ["SitePublisher", "BuildLocked", "interrupts_as_exit"]


class BuildLocked(CompendiumError):
    """Another build is writing the same site folder."""


@contextmanager
def _signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (the swap must not stop half-way)."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


class _TerminatedError(SystemExit):
    """Raised in the main thread when the build receives SIGTERM or SIGHUP."""


@contextmanager
def interrupts_as_exit() -> Iterator[None]:
    """SIGTERM and SIGHUP end the build like Ctrl-C does (an exception, so that clean-up runs)
    instead of killing the process where it stands."""

    def stop(signum, frame):
        raise _TerminatedError(128 + signum)

    names = [name for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {name: signal.signal(getattr(signal, name), stop) for name in names}
    try:
        yield
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


class SitePublisher:
    """One build's way into `site_dir`: begin() → build into .staging → finish(succeeded)."""

    def __init__(self, site_dir: str | os.PathLike):
        self.final = Path(os.path.abspath(site_dir))
        self.staging = self.final.with_name(self.final.name + ".partial")
        self.lock_path = self.final.with_name(f".{self.final.name}.lock")
        self._lock_fd: int | None = None

    @property
    def side_folders(self) -> list[Path]:
        """Folders a build makes beside the site (the hook's finder folder too), removed by the next build."""
        return [self.staging, self.staging.with_name(self.staging.name + ".finder")]

    @property
    def lock_fd(self) -> int | None:
        """The lock's file descriptor while the build holds it, for the processes the build starts to inherit."""
        return self._lock_fd

    def begin(self) -> Path:
        """Take the lock, clear what a killed build left, and return the staging folder to build into."""
        self.final.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            # An flock lock: the kernel drops it when the last process holding the file open dies, however it
            # dies.  The build hands it to the engine it starts (lock_fd), so that an engine left running by a
            # killed build keeps the next build out until it has stopped writing.
            import fcntl

            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except ImportError:  # no fcntl (Windows): one build at a time is then the user's to ensure
            pass
        except OSError:
            holder = os.read(fd, 32).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise BuildLocked(
                f"{self.final}: another build (process {holder}) is writing this site folder; "
                "wait until it has finished, then build again"
            )
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd
        for folder in self.side_folders:
            shutil.rmtree(folder, ignore_errors=True)
        return self.staging

    def finish(self, succeeded: bool) -> None:
        """Put the staging folder in place of the site (if the build succeeded) or drop it; release the lock."""
        try:
            if succeeded:
                with _signals_held():
                    self._swap()
            else:
                for folder in self.side_folders:
                    shutil.rmtree(folder, ignore_errors=True)
        finally:
            if self._lock_fd is not None:
                os.close(self._lock_fd)
                self._lock_fd = None

    def _swap(self) -> None:
        """Two renames, with Ctrl-C and SIGTERM held off between them: the old site aside, the new one in place."""
        previous = self.final.with_name(self.final.name + ".previous")
        shutil.rmtree(previous, ignore_errors=True)
        if self.final.exists():
            os.rename(self.final, previous)
        os.rename(self.staging, self.final)
        shutil.rmtree(previous, ignore_errors=True)
