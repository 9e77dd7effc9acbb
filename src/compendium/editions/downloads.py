"""The print and Word editions as downloads of the site: which files `make pdf` and `make docx` made, and where
the site offers them.

The editions are made apart from the site (a PDF of a thousand cases takes minutes, a site build seconds): the
site takes from the editions' folder (`dist/`, or the folder COMPENDIUM_EDITIONS names) what `make pdf` and
`make docx` made there, as their record says (`editions.json`: each file's SHA-256 and the day it was made), and
says when each was made, so that a reader sees a file older than the site for what it is.  A file that is merely
in the folder (one committed by a pull request, say, dated 2099) is not offered: only what the tools made and
recorded, unchanged since.  The conference bundle makes its PDFs afresh and builds with them (cli/bundle.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
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
    "record_made",
    "MANIFEST",
]

EDITIONS_ENV = "COMPENDIUM_EDITIONS"
"""The environment variable naming the editions' folder (default: dist/ beside the site's config)."""
DOWNLOADS_DIR = "downloads"
"""Where the site puts them: downloads/<collection>.pdf, downloads/cases/<collection>/<slug>.pdf …"""
KINDS = {".pdf": "PDF", ".docx": "Word"}
MANIFEST = "editions.json"
"""The editions' record in their folder: {path: {"sha256": …, "made": "2026-12-02"}} for each file the tools made."""
_WHOLE = re.compile(r"-\d{4}-\d{2}-\d{2}$")
"""A whole compendium's edition is named by its title and the day: jiankangzhongguoanlihuibian-2026-12-02.pdf."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _read_manifest(folder: Path) -> dict[str, dict]:
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in data.items() if isinstance(v, dict)} if isinstance(data, dict) else {}


def record_made(folder: Path, path: Path, day: dt.date | None = None) -> None:
    """Note in the folder's record that the tools made `path` now; a whole compendium's edition replaces the
    record of every earlier one of its kind (only the newest is offered, and it is the one just made)."""
    name = path.relative_to(folder).as_posix()
    record = _read_manifest(folder)
    if _WHOLE.search(path.stem):
        record = {k: v for k, v in record.items() if not (k.endswith(path.suffix) and _WHOLE.search(Path(k).stem))}
    record[name] = {"sha256": _sha256(path), "made": (day or dt.date.today()).isoformat()}
    partial = folder / f".{MANIFEST}.part"
    partial.write_text(json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True), "utf-8")
    os.replace(partial, folder / MANIFEST)


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


def _download(folder: Path, path: Path, made: dt.date) -> Download:
    size = path.stat().st_size
    size_label = f"{size / 1e6:.1f} MB" if size >= 1e5 else f"{max(1, round(size / 1e3))} KB"
    src = f"{DOWNLOADS_DIR}/{path.relative_to(folder).as_posix()}"
    return Download(src, path, KINDS[path.suffix], size_label, chinese_date(made))


def _made_here(folder: Path) -> dict[str, dt.date]:
    """The files of `folder` that the tools made and recorded, unchanged since: path → the day they were made."""
    made = {}
    for name, entry in _read_manifest(folder).items():
        path = folder / name
        try:
            day = dt.date.fromisoformat(str(entry.get("made")))
            if (
                not path.is_symlink()
                and path.is_file()
                and path.resolve().is_relative_to(folder.resolve())
                and entry.get("sha256") == _sha256(path)
            ):
                made[name] = day
        except (OSError, ValueError):
            continue
    return made


def find_downloads(folder: Path | None, compendium: Compendium, whole_name: str) -> Downloads:
    """The editions in `folder` that the tools made for this compendium: each collection's (<id>.pdf, <id>.docx),
    the whole compendium's (<whole_name>-<date>.pdf, .docx), each full-text case's PDF
    (cases/<collection>/<slug>.pdf).  A file not in the folder's record, or changed since, is not offered."""
    found = Downloads()
    if folder is None or not folder.is_dir():
        return found
    made = _made_here(folder)
    for suffix in KINDS:
        dated = sorted(
            (day, name)
            for name, day in made.items()
            if name.endswith(suffix)
            and name.startswith(f"{whole_name}-")
            and _WHOLE.fullmatch(Path(name).stem[len(whole_name) :])
        )
        if dated:
            day, name = dated[-1]
            found.whole.append(_download(folder, folder / name, day))
    for collection in compendium.taxonomy.collections.values():
        names = [f"{collection.id}{suffix}" for suffix in KINDS]
        found.collections[collection.id] = [_download(folder, folder / n, made[n]) for n in names if n in made]
    for case in compendium.cases:
        name = case_pdf_name(case.path)
        if case.collection.full_text and name in made:
            found.cases[case.path] = _download(folder, folder / name, made[name])
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
