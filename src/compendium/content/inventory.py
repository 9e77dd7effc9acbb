"""What a content folder holds, and what of it the site may publish.

The content folder is the site engine's docs folder: whatever lies in it is
published, and a file there wins over the theme's file of the same name.  It
comes from pull requests, so it is read as untrusted: every file is put in
one of a few kinds, and anything else is refused before the build reads it.

- pages: `.md` files, checked by the rules of their kind (`cases/` → case,
  `notices/` → notice, `reference/` → reference, elsewhere → page);
- images (PNG, JPEG, GIF, WebP, checked by their first bytes) beside pages in
  `cases/`, `notices/` or `reference/`;
- the editors' data in `_data/` and the original texts in `_sources/`, which
  are never published;
- hidden files and folders (`.name`), which the engine leaves out.

Refused: symbolic links (they could publish files from outside the
repository), other Markdown extensions, scripts, styles, HTML, SVG and every
other kind of file, names that are not ASCII slugs, and anything that is not
a regular file.  The hook checks that the engine publishes nothing else.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

from compendium.errors import Problem
from compendium.messages import Text, t

__all__ = [
    "ContentFile",
    "Inventory",
    "take_inventory",
    "MARKDOWN_SUFFIXES",
    "IMAGE_SIGNATURES",
    "EDITOR_FOLDERS",
    "SLUG",
    "MAX_IMAGE_BYTES",
]

SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""File and folder names of published files: lowercase ASCII words joined by '-' (matched whole)."""
_IMAGE_NAME = re.compile(r"[a-z0-9]+(?:[-_.][a-z0-9]+)*")
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""Every suffix MkDocs renders as a page."""
IMAGE_SIGNATURES = {
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".gif": (b"GIF87a", b"GIF89a"),
    ".webp": (b"RIFF",),
}
"""Raster images a page may show, with the bytes their files start with."""
MAX_IMAGE_BYTES = 10_000_000
EDITOR_FOLDERS = ("_data", "_sources")
"""Top-level folders of the editors' data and original texts: read by the tools, never published."""
PAGE_KINDS = {"cases": "case", "notices": "notice", "reference": "reference"}
"""Top-level folder → kind of the pages in it; pages anywhere else are of kind 'page'."""

_REFUSED_HINTS = {
    ".html": t("HTML files could run scripts in readers' browsers; write the page as Markdown (.md)"),
    ".htm": t("HTML files could run scripts in readers' browsers; write the page as Markdown (.md)"),
    ".svg": t("SVG files can carry scripts; convert the picture to PNG"),
    ".js": t("scripts are not accepted from content; the site's scripts live in overrides/"),
    ".css": t("styles are not accepted from content; the site's styles live in overrides/"),
}


@dataclass(frozen=True)
class ContentFile:
    path: str
    """Relative to the content folder, with '/' separators."""
    kind: str
    """case, notice, reference, page, image, data or source."""

    @property
    def published(self) -> bool:
        return self.kind not in ("data", "source")

    @property
    def is_page(self) -> bool:
        return self.kind in ("case", "notice", "reference", "page")


@dataclass
class Inventory:
    files: list[ContentFile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def of_kind(self, *kinds: str) -> list[ContentFile]:
        return [f for f in self.files if f.kind in kinds]

    @property
    def published(self) -> frozenset[str]:
        """Paths of every file the site may publish."""
        return frozenset(f.path for f in self.files if f.published)

    @property
    def pages(self) -> frozenset[str]:
        return frozenset(f.path for f in self.files if f.is_page)


def take_inventory(content_dir: str | Path) -> Inventory:
    """Every file below `content_dir`, classified, with a problem for each one the site must not publish."""
    root = Path(content_dir)
    inventory = Inventory()
    _walk(root, "", inventory)
    inventory.files.sort(key=lambda f: f.path)
    return inventory


def _walk(root: Path, rel_dir: str, inventory: Inventory) -> None:
    try:
        entries = sorted(os.scandir(root / rel_dir), key=lambda e: e.name)
    except OSError as error:
        inventory.problems.append(
            Problem(rel_dir or ".", t("folder cannot be read ({reason})", reason=error.strerror or str(error)))
        )
        return
    for entry in entries:
        rel = f"{rel_dir}/{entry.name}" if rel_dir else entry.name
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISLNK(mode):
            # Refused before anything follows it: a link may point at /etc, at the build's environment,
            # at a folder outside the repository, at nothing, or at itself.
            inventory.problems.append(
                Problem(
                    rel,
                    t("is a symbolic link, which content may not contain"),
                    hint=t("put the file itself here (links could publish files from outside the repository)"),
                )
            )
        elif stat.S_ISDIR(mode):
            _walk(root, rel, inventory)
        elif not stat.S_ISREG(mode):
            inventory.problems.append(Problem(rel, t("is not a regular file"), hint=t("remove it")))
        else:
            _classify(root, rel, entry, inventory)


def _classify(root: Path, rel: str, entry: os.DirEntry, inventory: Inventory) -> None:
    parts = rel.split("/")
    if any(part.startswith(".") for part in parts):
        return  # hidden: the engine leaves it out, and nothing reads it
    top = parts[0] if len(parts) > 1 else ""
    if top in EDITOR_FOLDERS:
        inventory.files.append(ContentFile(rel, "data" if top == "_data" else "source"))
        return

    def refuse(message: Text, hint: Text) -> None:
        inventory.problems.append(Problem(rel, message, line=1, hint=hint))

    name = parts[-1]
    stem, dot, suffix = name.rpartition(".")
    suffix = (dot + suffix).lower() if dot else ""
    stem = stem if dot else name
    if suffix in MARKDOWN_SUFFIXES and suffix != ".md":
        return refuse(
            t("is a Markdown file ending in '{suffix}'", suffix=suffix), t("rename it to {name}", name=f"{stem}.md")
        )
    if suffix == ".md":
        kind = PAGE_KINDS.get(top, "page")
        if _names_ok(parts[:-1], stem, SLUG, rel, inventory):
            inventory.files.append(ContentFile(rel, kind))
        return
    if suffix in IMAGE_SIGNATURES:
        if top not in PAGE_KINDS:
            return refuse(
                t("is an image outside cases/, notices/ and reference/"),
                t("put it beside the page that shows it, e.g. cases/<collection>/"),
            )
        if not _names_ok(parts[:-1], stem, _IMAGE_NAME, rel, inventory):
            return
        size = entry.stat(follow_symlinks=False).st_size
        if size > MAX_IMAGE_BYTES:
            return refuse(
                t("image is {size:,} bytes, more than the {limit:,} allowed", size=size, limit=MAX_IMAGE_BYTES),
                t("make it smaller (a picture for the web rarely needs more than 1 MB)"),
            )
        with open(root / rel, "rb") as file:
            head = file.read(16)
        if not head.startswith(IMAGE_SIGNATURES[suffix]) or (suffix == ".webp" and head[8:12] != b"WEBP"):
            return refuse(
                t(
                    "is not a {format} image, although its name ends in '{suffix}'",
                    format=suffix[1:].upper(),
                    suffix=suffix,
                ),
                t("save the picture again as PNG or JPEG"),
            )
        inventory.files.append(ContentFile(rel, "image"))
        return
    hint = _REFUSED_HINTS.get(
        suffix,
        t(
            "only Markdown pages (.md) and images (.png, .jpg, .gif, .webp) beside "
            "them belong in content/; move it out, or link to it where it is published"
        ),
    )
    refuse(t("is a kind of file the site does not publish"), hint)


def _names_ok(folders: list[str], stem: str, pattern: re.Pattern, rel: str, inventory: Inventory) -> bool:
    for position, name in enumerate((*folders, stem)):
        if not pattern.fullmatch(name):
            what = t("folder") if position < len(folders) else t("file")
            inventory.problems.append(
                Problem(
                    rel,
                    t("{what} name '{name}' is not an ASCII slug", what=what, name=name),
                    line=1,
                    hint=t(
                        "rename it with lowercase pinyin words joined by '-' (make new-case makes one); "
                        "web addresses and zipped bundles need ASCII names"
                    ),
                )
            )
            return False
    return True
