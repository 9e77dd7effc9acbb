"""The case files already in a content folder, read leniently: what the authoring tools must not write twice (a
case's number, its file name) and what editors have given before (a unit's region).  A file the content check
would refuse still counts, with what of its front matter could be read."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compendium.content.frontmatter import parse_document
from compendium.content.loader import CASES_DIR

__all__ = ["ExistingCase", "existing_cases"]


@dataclass(frozen=True)
class ExistingCase:
    path: Path
    meta: dict
    """Its front matter, or {} where it cannot be read."""

    @property
    def collection(self) -> str:
        """The folder it is in: its collection's id."""
        return self.path.parent.name


def existing_cases(content_dir: Path) -> list[ExistingCase]:
    """Every case file under content/cases/ (regular files only: something else in the way is named by the write)."""
    folder = content_dir / CASES_DIR
    out = []
    for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
        if path.is_file():
            doc, _ = parse_document(path.name, path.read_bytes())
            out.append(ExistingCase(path, dict(doc.meta) if doc else {}))
    return out
