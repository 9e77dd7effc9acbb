"""A Markdown extension that keeps untrusted case and notice bodies inert.

Bodies arrive by pull request.  Python-Markdown passes raw HTML through and
keeps any link target, so a body could carry `<script>`, `onerror=` or a
`javascript:` link into every reader's browser.  This extension:

- turns raw HTML (blocks and inline tags) into visible text instead of markup;
- drops link and image targets whose scheme is not on an allow-list (after
  undoing the entity and whitespace tricks browsers would undo);
- removes any `on…` event attribute and `style` that another extension
  (attr_list, say) might have set;
- strips the placeholder characters Python-Markdown uses internally, so text
  cannot forge a reference to stashed HTML.

Registered in mkdocs.yml as `compendium.content.safe_markdown`; it is plain
Python-Markdown, so any engine built on it can use it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from compendium.messages import Text, t

__all__ = ["SafeMarkdownExtension", "makeExtension", "safe_url", "markup_problems", "MarkupLimits"]

SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
"""Schemes a link may use; a target with no scheme (a relative link, an anchor) is always fine."""
SAFE_IMAGE_SCHEMES = {"http", "https"}
_URL_ATTRIBUTES = {
    "href": SAFE_SCHEMES,
    "src": SAFE_IMAGE_SCHEMES,
    "action": set(),
    "formaction": set(),
    "xlink:href": SAFE_SCHEMES,
    "srcset": set(),
    "data": set(),
    "poster": SAFE_IMAGE_SCHEMES,
}
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
# Browsers ignore ASCII whitespace and control characters anywhere in a URL's scheme.
_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f]+")


def safe_url(url: str, schemes: set[str] = SAFE_SCHEMES) -> bool:
    """Whether a link target is relative or uses one of `schemes`, as a browser would read it."""
    decoded = _IGNORED_IN_URL.sub("", html.unescape(html.unescape(url)))
    match = _SCHEME.match(decoded)
    if not match:
        # No scheme before the first '/', '?' or '#': a relative URL.
        return True
    return match.group(1).lower() in schemes


class MarkupLimits:
    """Bounds that keep Python-Markdown's work on one body small and its recursion shallow.

    Python-Markdown looks for the end of every '[' up to the end of its paragraph (60 KB of '['
    take minutes), nests lists, quotes and emphasis by recursion (a few thousand levels exhaust
    Python's stack), and looks for the end of every code fence up to the end of the file.  Real
    case texts stay far below each bound; a body above one is refused with its line.
    """

    BRACKET_WORK = 4_000_000
    """'[' in a paragraph × the paragraph's length (about a second of Python-Markdown's time)."""
    EMPHASIS_MARKS = 600
    """'*' and '_' in one paragraph."""
    NESTING = 24
    """List and quote markers at the start of a line, plus its indentation in steps of two spaces."""
    FENCES = 100
    """Lines that open or close a code fence (``` or ~~~)."""


_LEADING_MARKERS = re.compile(r"(?:>|[*+-](?=\s)|\d{1,9}[.)](?=\s))[ \t]*")


def _nesting(line: str) -> int:
    stripped = line.lstrip(" \t")
    indent = len(line[: len(line) - len(stripped)].expandtabs(4))
    markers, position = 0, 0
    while match := _LEADING_MARKERS.match(stripped, position):
        if match.end() == position:
            break
        markers += 1
        position = match.end()
    return indent // 2 + markers


def markup_problems(body: str) -> list[tuple[int, Text, Text]]:
    """(line offset in the body, what is wrong, how to fix it) for every bound of MarkupLimits a body passes.

    Linear in the body's length.
    """
    problems = []
    lines = body.split("\n")
    fences = 0
    paragraph_start, brackets, emphasis, length = 0, 0, 0, 0

    def close_paragraph(end: int) -> None:
        if brackets * length > MarkupLimits.BRACKET_WORK:
            problems.append(
                (
                    paragraph_start,
                    t(
                        "the paragraph has {brackets:,} '[' in {length:,} characters, too "
                        "many for the site to lay out in reasonable time",
                        brackets=brackets,
                        length=length,
                    ),
                    t("split the paragraph, or write fewer square brackets (use 【】 in Chinese text)"),
                )
            )
        if emphasis > MarkupLimits.EMPHASIS_MARKS:
            problems.append(
                (
                    paragraph_start,
                    t(
                        "the paragraph has {marks:,} '*' and '_', more than the {limit} the site can lay out",
                        marks=emphasis,
                        limit=str(MarkupLimits.EMPHASIS_MARKS),
                    ),
                    t("split the paragraph, or write fewer '*' and '_' (a blank to fill in: use （　　）)"),
                )
            )

    for offset, line in enumerate(lines):
        if not line.strip():
            close_paragraph(offset)
            paragraph_start, brackets, emphasis, length = offset + 1, 0, 0, 0
            continue
        brackets += line.count("[")
        emphasis += line.count("*") + line.count("_")
        length += len(line) + 1
        if line.startswith(("```", "~~~")):
            fences += 1
            if fences == MarkupLimits.FENCES + 1:
                problems.append(
                    (
                        offset,
                        t("the text has more than {limit} code fences (``` or ~~~)", limit=str(MarkupLimits.FENCES)),
                        t("remove the fences: a case text needs none"),
                    )
                )
        if (depth := _nesting(line)) > MarkupLimits.NESTING:
            problems.append(
                (
                    offset,
                    t(
                        "the line is nested {depth} levels deep (lists, quotes, indentation), more "
                        "than the {limit} the site can lay out",
                        depth=str(depth),
                        limit=str(MarkupLimits.NESTING),
                    ),
                    t("remove the extra '>', '-', '*', numbers or spaces at the start of the line"),
                )
            )
    close_paragraph(len(lines))
    return problems


class _StripPlaceholders(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        return [line.replace(STX, "").replace(ETX, "") for line in lines]


class _NeutralizeAttributes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered == "style":
                    del element.attrib[name]
                elif lowered in _URL_ATTRIBUTES and not safe_url(element.attrib[name], _URL_ATTRIBUTES[lowered]):
                    del element.attrib[name]


class SafeMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StripPlaceholders(md), "compendium_strip_placeholders", 100)
        # Without these two, raw HTML is not recognised and comes out escaped, as text.
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        # Lowest priority: runs after every other tree processor has set its attributes.
        md.treeprocessors.register(_NeutralizeAttributes(md), "compendium_neutralize", -100)


def makeExtension(**kwargs) -> SafeMarkdownExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return SafeMarkdownExtension(**kwargs)
