"""The print and Word editions as downloads of the site: which files `make pdf` and `make docx` made, and where
the site offers them.

The editions are made apart from the site (a PDF of a thousand cases takes minutes, a site build seconds): the
site takes what is in the editions' folder (`dist/`, or the folder COMPENDIUM_EDITIONS names) and says when each
file was made, so that a reader sees a file older than the site for what it is.  The conference bundle makes its
PDFs afresh and builds with them (cli/bundle.py).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from compendium.model.compendium import Compendium
from compendium.text.numerals import chinese_date

__all__ = [
    "EDITIONS_ENV",
    "DOWNLOADS_DIR",
    "Download",
    "Downloads",
    "find_downloads",
    "case_pdf_name",
    "offered",
]

EDITIONS_ENV = "COMPENDIUM_EDITIONS"
"""The environment variable naming the editions' folder (default: dist/ beside the site's config)."""
DOWNLOADS_DIR = "downloads"
"""Where the site puts them: downloads/<collection>.pdf, downloads/cases/<collection>/<slug>.pdf …"""
KINDS = {".pdf": "PDF", ".docx": "Word"}


@dataclass(frozen=True)
class Download:
    src: str
    """Its path in the site (downloads/gjtwbh-2021-3.pdf)."""
    source: Path
    """The file make pdf or make docx wrote."""
    kind: str
    """PDF or Word."""
    size: str
    """1.4 MB, 86 KB."""
    made: str
    """The day the file was made: 2026年11月29日."""


@dataclass
class Downloads:
    whole: list[Download] = field(default_factory=list)
    """The whole compendium: the newest PDF and Word file."""
    collections: dict[str, list[Download]] = field(default_factory=dict)
    cases: dict[str, Download] = field(default_factory=dict)
    """A full-text case's own PDF, by the case's path."""

    @property
    def files(self) -> list[Download]:
        return [*self.whole, *(d for ds in self.collections.values() for d in ds), *self.cases.values()]


def case_pdf_name(case_path: str) -> str:
    """Where make_pdf writes a case's own PDF, under the editions' folder: cases/<collection>/<slug>.pdf."""
    return case_path.removesuffix(".md") + ".pdf"


def _download(folder: Path, path: Path) -> Download:
    stat = path.stat()
    size = f"{stat.st_size / 1e6:.1f} MB" if stat.st_size >= 1e5 else f"{max(1, round(stat.st_size / 1e3))} KB"
    made = chinese_date(dt.date.fromtimestamp(stat.st_mtime))
    return Download(f"{DOWNLOADS_DIR}/{path.relative_to(folder).as_posix()}", path, KINDS[path.suffix], size, made)


def find_downloads(folder: Path | None, compendium: Compendium, whole_name: str) -> Downloads:
    """The editions in `folder` that belong to this compendium: each collection's (<id>.pdf, <id>.docx), the whole
    compendium's newest (<whole_name>-<date>.pdf, .docx), each full-text case's PDF (cases/<collection>/<slug>.pdf).
    A missing folder or file is simply not offered."""
    found = Downloads()
    if folder is None or not folder.is_dir():
        return found
    for suffix in KINDS:
        dated = sorted(
            path
            for path in folder.glob(f"{whole_name}-*{suffix}")
            if re.fullmatch(r"\d{4}-\d{2}-\d{2}", path.stem[len(whole_name) + 1 :])
        )
        if dated:
            found.whole.append(_download(folder, dated[-1]))
    for collection in compendium.taxonomy.collections.values():
        files = [folder / f"{collection.id}{suffix}" for suffix in KINDS]
        found.collections[collection.id] = [_download(folder, path) for path in files if path.is_file()]
    for case in compendium.cases:
        path = folder / case_pdf_name(case.path)
        if case.collection.full_text and path.is_file():
            found.cases[case.path] = _download(folder, path)
    return found


def _links(downloads: list[Download], label: str) -> list[dict]:
    return [{"label": label, "kind": d.kind, "size": d.size, "made": d.made, "src": d.src} for d in downloads]


def offered(
    downloads: Downloads, compendium: Compendium, *, home: bool = False, collection: str | None = None, case: str = ""
) -> dict:
    """The editions a page offers, as view data (links as source paths under `src`): the home page every one, a
    collection's page its own (`collection`: its id), a full-text case's page its PDF (`case`: its path)."""
    if home:
        links = _links(downloads.whole, "全书")
        for collection_id, files in downloads.collections.items():
            links += _links(files, compendium.taxonomy.collections[collection_id].title)
        return {"heading": "下载汇编", "links": links}
    if collection is not None:
        return {"heading": "下载本批次", "links": _links(downloads.collections.get(collection, []), "本批次")}
    if case in downloads.cases:
        return {"heading": "下载本案例", "links": _links([downloads.cases[case]], "本案例")}
    return {"heading": "", "links": []}
