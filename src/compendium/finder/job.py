"""The finder's data written in the background while the site engine lays out pages.

Most of the finder's cost (shards, heads, texts), and it needs nothing from
the pages: a forked process writes it as soon as the content is loaded, as
MkDocs' own search plugin writes its index itself.  It writes into a folder
of its own beside the site folder (the engine has yet to clean the site
folder when the job starts); `collect` moves the files into place.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from compendium.errors import CompendiumError
from compendium.finder.data import FinderIndex, write_data
from compendium.finder.forked import Forked
from compendium.site.paths import FINDER_DATA

__all__ = ["FinderJob"]


class FinderJob:
    """One build's finder data: started at once, collected into the site, or stopped when the build fails."""

    def __init__(self, index: FinderIndex, site_dir: str | os.PathLike):
        self.index = index
        self.folder = Path(str(site_dir).rstrip(os.sep) + ".finder")
        shutil.rmtree(self.folder, ignore_errors=True)
        folder = self.folder
        self._process: Forked | None = Forked(
            lambda: write_data(index, folder, helpers=True), f"writing the finder's data into {folder}"
        )

    @property
    def shards(self) -> dict:
        """What every page's search box needs to know of the shards (the header template reads it)."""
        return {"text_shards": self.index.text_shards, "pinyin_letters": " ".join(self.index.pinyin_letters)}

    def collect(self, site_dir: str | os.PathLike) -> None:
        """Wait for the data and move it into `site_dir`/finder/data; CompendiumError if the job failed."""
        if self._process is None:
            return
        process, self._process = self._process, None
        try:
            process.wait()
        except RuntimeError as error:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise CompendiumError(str(error)) from None
        target = Path(site_dir, FINDER_DATA)
        target.mkdir(parents=True, exist_ok=True)
        written = {entry.name for entry in os.scandir(self.folder)}
        for name in written:
            os.replace(self.folder / name, target / name)
        self.folder.rmdir()
        # A dirty build keeps the site folder: drop the shards of an earlier build that this one no longer has.
        for entry in os.scandir(target):
            if entry.name not in written and entry.name != "meta.js":
                os.unlink(entry.path)

    def stop(self) -> None:
        """End the job early (the build has failed) and remove what it wrote."""
        if self._process is not None:
            self._process.stop()
            self._process = None
        shutil.rmtree(self.folder, ignore_errors=True)
