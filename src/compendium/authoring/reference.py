"""Clean up a Markdown file of several documents with inconsistent headings.

Work plans collected from the web arrive as one file: document titles at any
level (# … 篇三, ### **… 篇六**), section headings at levels that do not match
their numbering (## (二) under ### (一)), bold wrapped around headings.  This
splits the file into one document per `篇`, makes each document's title its
level-1 heading, and gives section headings levels by their numbering
(一、 above （一） above 1、 above (1)), keeping every character of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from compendium.text.reflow import NUM_CN

__all__ = ["ReferenceDocument", "split_reference", "heading_rank"]

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
_PART = re.compile(rf"篇[{NUM_CN}]+$")
_RANKS = [
    re.compile(rf"^[{NUM_CN}]+、"),  # 一、
    re.compile(rf"^[（(]\s*[{NUM_CN}]+\s*[）)]"),  # （一） (一)
    re.compile(r"^\d+\s*[、.．]"),  # 1、 1.
    re.compile(r"^[（(]\s*\d+\s*[）)]"),  # (1)
]


@dataclass
class ReferenceDocument:
    title: str
    markdown: str
    """Body without the title line; headings start at level 2."""


def _unbold(text: str) -> str:
    text = text.strip()
    while text.startswith("**") and text.endswith("**") and len(text) > 4:
        text = text[2:-2].strip()
    return text


def heading_rank(text: str) -> int | None:
    """0 for 一、, 1 for （一）, 2 for 1、, 3 for (1); None for a heading without a number."""
    for rank, pattern in enumerate(_RANKS):
        if pattern.match(text):
            return rank
    return None


def split_reference(text: str) -> tuple[str, str, list[ReferenceDocument]]:
    """(collection title, introduction, documents) of a multi-document Markdown file."""
    lines = text.replace("\r\n", "\n").split("\n")
    title, intro_lines = "", []
    docs: list[tuple[str, list[str]]] = []
    for line in lines:
        match = _HEADING.match(line)
        heading = _unbold(match.group(2)) if match else None
        if heading and _PART.search(heading):
            docs.append((heading, []))
        elif heading and not title and not docs:
            title = heading
        elif docs:
            docs[-1][1].append(line)
        else:
            intro_lines.append(line)
    return title, "\n".join(intro_lines).strip() + "\n", [_relevel(t, body) for t, body in docs]


def _relevel(title: str, lines: list[str]) -> ReferenceDocument:
    ranks = sorted(
        {r for line in lines if (m := _HEADING.match(line)) and (r := heading_rank(_unbold(m.group(2)))) is not None}
    )
    level_of = {rank: i + 2 for i, rank in enumerate(ranks)}
    out = []
    for line in lines:
        match = _HEADING.match(line)
        if match:
            text = _unbold(match.group(2))
            rank = heading_rank(text)
            level = level_of.get(rank, 2) if rank is not None else 2
            line = "#" * min(level, 6) + " " + text
        out.append(line)
    return ReferenceDocument(title=title, markdown="\n".join(out).strip() + "\n")
