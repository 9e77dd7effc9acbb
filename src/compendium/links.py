"""Links written in case and notice bodies: found, and checked before any build.

Two things can be wrong with a link an editor writes: it may run a script
(`javascript:` …), which the site would drop, or it may point to a file of
the compendium that does not exist, which the strict build would refuse.
Both are reported with the body's line, in the content check.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .safe_markdown import SAFE_IMAGE_SCHEMES, SAFE_SCHEMES, safe_url

__all__ = ["BodyLink", "body_links", "link_problem"]

# [text](target "title"), ![alt](target), <https://…> is always safe, [id]: target definitions.
# A target may hold balanced parentheses, as Markdown allows: javascript:alert(1).
_INLINE = re.compile(r"(!?)\[(?:[^\]\\]|\\.)*\]\(\s*<?((?:[^()\s<>]|\([^()\s]*\))*)")
_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")


@dataclass(frozen=True)
class BodyLink:
    line: int
    """Line within the whole file (front matter included), 1-based."""
    target: str
    image: bool


def body_links(body: str, first_line: int = 1) -> list[BodyLink]:
    if "](" not in body and "]:" not in body:  # no inline link and no definition: most case bodies
        return []
    links = []
    in_code = False
    for offset, text in enumerate(body.split("\n")):
        if text.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code:
            continue
        line = first_line + offset
        links += [BodyLink(line, m.group(2), m.group(1) == "!") for m in _INLINE.finditer(text)]
        if m := _DEFINITION.match(text):
            links.append(BodyLink(line, m.group(1), False))
    return links


def link_problem(link: BodyLink, source: str, existing: set[str]) -> tuple[str, str] | None:
    """(what is wrong, how to fix it) for a link in file `source` (content-relative), or None if it is fine.

    `existing` holds the content-relative paths of every Markdown file of the compendium.
    """
    schemes = SAFE_IMAGE_SCHEMES if link.image else SAFE_SCHEMES
    if not safe_url(link.target, schemes):
        return (f"link target '{link.target[:80]}' is not allowed: it could run a script in readers' browsers",
                "link to a web page (https://…) or to another case's .md file")
    parts = urlsplit(link.target)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if not path.endswith(".md"):
        return None
    base = posixpath.dirname(source)
    resolved = posixpath.normpath(posixpath.join(base, path)) if not path.startswith("/") else path.lstrip("/")
    if resolved not in existing:
        return (f"links to '{link.target}', which is not a file of the compendium",
                "write the path of the other case's file relative to this one, e.g. ../gjtwbh-2021-3/xxx.md")
    return None
