"""Errors of the compendium core.

Every problem an editor can cause is a `Problem` (file, line, field, message,
hint).  Code collects all of them before failing, then raises one
`ContentError` that carries the whole list, so one run reports everything.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful, for warnings) in one file."""

    path: str
    message: str
    field: str | None = None
    line: int | None = None
    hint: str | None = None

    def format(self) -> str:
        """`file:line: field: what is wrong; how to fix it`."""
        where = self.path + (f":{self.line}" if self.line else "")
        text = f"{where}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.hint:
            text += f"; {self.hint}"
        return text

    def __str__(self) -> str:
        return self.format()


class CompendiumError(Exception):
    """Base class of every error the core raises on purpose."""


class ContentError(CompendiumError):
    """One or more problems in the content (cases, notices, data files)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(p.format() for p in self.problems))


class TaxonomyError(ContentError):
    """A vocabulary data file (themes, collections, regions) is wrong."""


class NoticeImportError(CompendiumError):
    """A notice's source text cannot be imported."""
