"""Lines as Python-Markdown reads them: the one notion of "line" and "blank" that the check and the build share.

Python-Markdown ends a line at LF, CRLF and a lone CR (its NormalizeWhitespace preprocessor), and takes a line
for blank when, tabs expanded, it holds only spaces: a line of U+3000 (which `str.strip` calls blank) is text
to it, and so is a line of U+000B or U+000C.  The content check counts lines and finds paragraphs with these
functions, so that what it bounds is exactly what the engine will lay out.
"""

from __future__ import annotations

import re

__all__ = [
    "markdown_text",
    "markdown_lines",
    "is_blank",
    "FORBIDDEN_CHARACTERS",
    "forbidden_character",
]


def markdown_text(text: str) -> str:
    """`text` with every line ending as LF, as Python-Markdown and YAML read it.

    >>> markdown_text("a\\r\\nb\\rc\\n")
    'a\\nb\\nc\\n'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def markdown_lines(text: str) -> list[str]:
    """The lines of `text` as Python-Markdown counts them."""
    return markdown_text(text).split("\n")


def is_blank(line: str) -> bool:
    """Whether Python-Markdown takes the line for blank (a paragraph ends there): spaces and tabs only.

    >>> is_blank(" \\t "), is_blank("\\u3000\\u3000"), is_blank("\\x0b")
    (True, False, False)
    """
    return not line.strip(" \t")


FORBIDDEN_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
"""Characters that XML 1.0 forbids (a feed or sitemap holding one is rejected by every reader) or that drive a
terminal (ESC): control characters other than tab and line ends, U+FFFE, U+FFFF and lone surrogates."""


def forbidden_character(text: str) -> tuple[int, str] | None:
    """(line, code point as U+XXXX) of the first forbidden character in `text`, or None.

    >>> forbidden_character("正文\\n第二行\\x0b"), forbidden_character("正文")
    ((2, 'U+000B'), None)
    """
    match = FORBIDDEN_CHARACTERS.search(text)
    if not match:
        return None
    return text.count("\n", 0, match.start()) + 1, f"U+{ord(match.group()):04X}"
