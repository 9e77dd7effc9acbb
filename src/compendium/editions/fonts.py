"""The print edition's faces and what they cover.

GB/T 9704 sets a body in 仿宋 and headings in 楷体; the free faces that have them (FandolFang, FandolKai, from
Debian's texlive-lang-chinese) hold the GB 2312 characters and some more, not every character a case may use.
A character a face lacks would print in the next face of print.css (Noto Serif CJK SC, which has them all):
legible, but in another style, so it is named before printing, with the file and line it comes from.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = ["PRINT_FACES", "FALLBACK_FACE", "font_file", "font_characters", "Uncovered", "uncovered_characters"]

PRINT_FACES = {"FandolFang": "仿宋", "FandolKai": "楷体"}
"""The faces print.css sets text in that may lack characters, with what they are called in Chinese."""
FALLBACK_FACE = "Noto Serif CJK SC"


def font_file(family: str) -> Path | None:
    """The file fontconfig gives for `family`, or None when it has no face of that name."""
    try:
        result = subprocess.run(["fc-match", "-f", "%{family}\n%{file}", family], capture_output=True, text=True)
    except OSError:
        return None
    names, _, path = result.stdout.partition("\n")
    return Path(path) if family in names.split(",") and path else None


@lru_cache(maxsize=None)
def font_characters(path: Path) -> frozenset[str]:
    """Every character the font has a glyph for (its Unicode cmap)."""
    from fontTools.ttLib import TTFont  # WeasyPrint's own dependency

    font = TTFont(str(path), fontNumber=0, lazy=True)
    return frozenset(chr(code) for code in font.getBestCmap())


@dataclass(frozen=True)
class Uncovered:
    char: str
    face: str
    """The face's family name (FandolFang)."""
    line: int
    """The first line of the text that holds the character."""


def uncovered_characters(text: str, faces: dict[str, frozenset[str]]) -> list[Uncovered]:
    """Characters of `text` that a face lacks (whitespace and controls aside), each once per face, where first seen.

    >>> uncovered_characters("第一行\\n𠮷字", {"FandolFang": frozenset("第一行字")})
    [Uncovered(char='𠮷', face='FandolFang', line=2)]
    """
    out: list[Uncovered] = []
    seen: set[tuple[str, str]] = set()
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if char.isspace() or not char.isprintable():
                continue
            for face, chars in faces.items():
                if char not in chars and (char, face) not in seen:
                    seen.add((char, face))
                    out.append(Uncovered(char, face, number))
    return out
