"""Errors of the compendium core.

Every problem an editor can cause is a `Problem` (file, line, field, message,
hint), its texts in the editor's language (`compendium.messages`).  Code collects all of them before failing, then raises one
`ContentError` that carries the whole list, so one run reports everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from compendium.messages import Text, language, printable, render, t

LEVELS = {"error": t("ERROR"), "warning": t("WARNING")}
"""The word in front of a problem's line, by level."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or doubtful, for warnings) in one file.  `message` and `hint` are `Text`s (or
    plain strings for text that needs no translation), rendered in the reader's language when shown."""

    path: str
    message: Text | str
    field: str | None = None
    line: int | None = None
    hint: Text | str | None = None

    def what(self, lang: str | None = None) -> str:
        """What is wrong and how to fix it, without the place: `field: what is wrong; how to fix it`."""
        lang = lang or language()
        text = f"{self.field}: " if self.field else ""
        text += render(self.message, lang)
        if self.hint:
            text += ("；" if lang == "zh" else "; ") + render(self.hint, lang)
        return printable(text)

    def format(self, lang: str | None = None) -> str:
        """`file:line: field: what is wrong; how to fix it`, on one line however the file or its text is named:
        a newline, ESC or a direction control in an editor's value is shown as an escape (\\n), never sent raw
        to a terminal or a CI log, where a line `::error …` would be a command to the runner."""
        where = self.path + (f":{self.line}" if self.line else "")
        return f"{printable(where)}: {self.what(lang)}"  # what() is printable already

    def __str__(self) -> str:
        return self.format()


class CompendiumError(Exception):
    """Base class of every error the core raises on purpose."""


class ContentError(CompendiumError):
    """One or more problems in the content (cases, notices, data files)."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__(self.problems)

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class TaxonomyError(ContentError):
    """A vocabulary data file (themes, collections, regions) is wrong."""


class NoticeImportError(CompendiumError):
    """A notice's source text cannot be imported.  `excerpt`: the text where reading stopped, by which the line
    of the source is found (`line`), so that the editor is told where to look."""

    def __init__(self, message, excerpt: str = "", line: int | None = None):
        super().__init__(message)
        self.excerpt = excerpt
        self.line = line
