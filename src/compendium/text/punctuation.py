"""Half-width punctuation between Chinese characters, as text copied from a PDF or typed on a phone has it
(规划,建立; (一)): found and, on request, set in the full-width marks of GB/T 15834-2011.

Nothing is changed silently: the importer lists every mark it finds, with its line, and changes them only when
asked (--fix-punctuation), listing each change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compendium.text.hanzi import HAN

__all__ = ["FULL_WIDTH", "MixedMark", "half_width_marks", "prose_marks", "code_lines", "to_full_width"]

FULL_WIDTH = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
"""Each half-width mark and the full-width one GB/T 15834 sets in Chinese text."""
_H = f"[{HAN}]"
_MARK = re.compile(rf"(?<={_H})[,:;?!]|[,:;?!](?={_H})")
"""A comma, colon, semicolon, question or exclamation mark next to a Chinese character."""
_BRACKETS = re.compile(rf"\(([^()\n]*{_H}[^()\n]*)\)")
"""Half-width brackets around Chinese text: (一), (含部分案例)."""


@dataclass(frozen=True)
class MixedMark:
    line: int
    column: int
    mark: str
    context: str
    """The text around it, with the mark, as found (规划,建立)."""

    @property
    def replacement(self) -> str:
        return FULL_WIDTH[self.mark]


def half_width_marks(text: str) -> list[MixedMark]:
    """Every half-width mark that stands in Chinese text, where it stands.

    >>> [(m.line, m.mark, m.context) for m in half_width_marks("纳入医院发展规划,建立健全\\n(一)完善机制\\n10:30 开始")]
    [(1, ',', '发展规划,建立健全'), (2, '(', '(一)完善'), (2, ')', '(一)完善机制')]
    """
    out = []
    for number, line in enumerate(text.split("\n"), start=1):
        found = [(m.start(), m.group()) for m in _MARK.finditer(line)]
        for match in _BRACKETS.finditer(line):
            found += [(match.start(), "("), (match.end() - 1, ")")]
        for at, mark in sorted(found):
            out.append(MixedMark(number, at + 1, mark, line[max(0, at - 4) : at + 5]))
    return out


def to_full_width(text: str) -> str:
    """The text with those marks in their full-width form (and nothing else changed).

    >>> to_full_width("规划,建立(一)完善;URL http://a.b:8080/x, 10:30 (2021)")
    '规划，建立（一）完善；URL http://a.b:8080/x, 10:30 (2021)'
    """
    text = _BRACKETS.sub(lambda match: f"（{match.group(1)}）", text)
    return _MARK.sub(lambda match: FULL_WIDTH[match.group()], text)


def code_lines(text: str) -> set[int]:
    """Indexes (from 0) of the lines of `text` that are fenced code (``` or ~~~, the fences included): a
    program's punctuation, not a writer's."""
    out: set[int] = set()
    fence = None
    for index, line in enumerate(text.split("\n")):
        if marker := re.match(r"\s*(```|~~~)", line):
            out.add(index)
            fence = None if fence == marker.group(1) else fence or marker.group(1)
        elif fence is not None:
            out.add(index)
    return out


def prose_marks(text: str) -> list[MixedMark]:
    """half_width_marks outside fenced code: what the check names and `make fix-punctuation` changes."""
    code = code_lines(text)
    return [mark for mark in half_width_marks(text) if mark.line - 1 not in code]
