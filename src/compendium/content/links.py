"""Links written in page bodies: found, and checked before any build.

Three things can be wrong with a link an editor writes: it may run a script
(`javascript:` …), which the site would drop; it may point to a file of the
compendium that does not exist, which the strict build would refuse; or it
may point outside the content folder, which no edition may publish.  Each is
reported with the body's line, in the content check.

The scan is linear in the length of the body (bodies come from pull
requests: a quadratic scan of 60 KB of '[' would run for minutes), and it
reads code blocks too: a case text has no code, and a scan that skipped
fences could be fooled by a fence that Markdown does not close.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from compendium.content.safe_markdown import SAFE_IMAGE_SCHEMES, SAFE_SCHEMES, safe_url
from compendium.messages import Text, t

__all__ = ["BodyLink", "body_links", "link_problem"]

# The target after '](': up to a space or a parenthesis, with balanced parentheses one level deep
# (javascript:alert(1)), as Markdown reads it.  Anchored where it starts, so each match is as long as its target.
_TARGET = re.compile(r"\s*<?((?:[^()\s<>]|\([^()\s]*\))*)")
_SCRIPT_SCHEMES = {"javascript", "vbscript", "data"}
_DEFINITION = re.compile(r" {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")


@dataclass(frozen=True)
class BodyLink:
    line: int
    """Line within the whole file (front matter included), 1-based."""
    target: str
    image: bool


def _inline_links(text: str) -> list[tuple[str, bool]]:
    """(target, is image) of every `[text](target)` and `![alt](target)` on one line, in one pass."""
    found = []
    opened: list[int] = []  # positions of '[' not yet closed
    i, n = 0, len(text)
    while i < n:
        char = text[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            opened.append(i)
        elif char == "]" and opened:
            start = opened.pop()
            if i + 1 < n and text[i + 1] == "(":
                match = _TARGET.match(text, i + 2)
                found.append((match.group(1), start > 0 and text[start - 1] == "!"))
        i += 1
    return found


def body_links(body: str, first_line: int = 1) -> list[BodyLink]:
    if "](" not in body and "]:" not in body:  # no inline link and no definition: most case bodies
        return []
    links = []
    for offset, text in enumerate(body.split("\n")):
        line = first_line + offset
        if "](" in text:
            links += [BodyLink(line, target, image) for target, image in _inline_links(text)]
        if "]:" in text and (m := _DEFINITION.match(text)):
            links.append(BodyLink(line, m.group(1), False))
    return links


def link_problem(link: BodyLink, source: str, existing: set[str] | frozenset[str]) -> tuple[Text, Text] | None:
    """(what is wrong, how to fix it) for a link in file `source` (content-relative), or None if it is fine.

    `existing` holds the content-relative paths of every file the site publishes (pages and images).
    """
    schemes = SAFE_IMAGE_SCHEMES if link.image else SAFE_SCHEMES
    what = t("image") if link.image else t("link target")
    target = link.target[:80]
    if not safe_url(link.target, schemes):
        scheme = link.target.split(":", 1)[0].strip().lower()
        why = (
            t("it could run a script in readers' browsers")
            if scheme in _SCRIPT_SCHEMES or not scheme.isalpha()
            else t("'{scheme}:' addresses do not work for readers", scheme=scheme)
        )
        return (
            t("{what} '{target}' is not allowed: {why}", what=what, target=target, why=why),
            t("link to a web page (https://…) or to another case's .md file"),
        )
    parts = urlsplit(link.target.replace("\\", "/"))
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    if path.startswith("/"):
        return (
            t("{what} '{target}' starts with '/', which does not work in the offline bundle", what=what, target=target),
            t("write the path relative to this file, e.g. ../gjtwbh-2021-3/xxx.md or picture.png"),
        )
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source), path))
    if resolved == ".." or resolved.startswith("../"):
        return (
            t("{what} '{target}' points outside the content folder", what=what, target=target),
            t("link only to files of the compendium, or to a web page (https://…)"),
        )
    if resolved not in existing:
        if link.image:
            return (
                t("image '{target}' is not a file of the compendium", target=target),
                t("put the picture (PNG or JPEG) beside this file and write its name, e.g. ![说明](picture.png)"),
            )
        return (
            t("links to '{target}', which is not a file of the compendium", target=target),
            t("write the path of the other case's file relative to this one, e.g. ../gjtwbh-2021-3/xxx.md"),
        )
    return None
