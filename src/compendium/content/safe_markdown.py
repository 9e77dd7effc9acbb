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
  cannot forge a reference to stashed HTML;
- namespaces every id a body gives an element (a heading's, through `heading_slug`, or a code fence's
  `{#id}`) with `h-`, and keeps no class but a fence's `language-…`: a body cannot take the id of the theme's
  configuration (`__config`, which Material reads with querySelector before its own) or of the page's own
  parts (`cc-cite-text`), nor hide itself or restyle the page with the theme's classes.

Registered in mkdocs.yml as `compendium.content.safe_markdown`; it is plain
Python-Markdown, so any engine built on it can use it.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree

from markdown import Extension, Markdown
from markdown.extensions.fenced_code import FencedBlockPreprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import ETX, STX

from compendium.messages import Text, t
from compendium.text.lines import forbidden_character, is_blank, markdown_lines

__all__ = [
    "SafeMarkdownExtension",
    "makeExtension",
    "safe_url",
    "markup_problems",
    "MarkupLimits",
    "heading_slug",
    "CONTENT_ID_PREFIX",
]

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
    TABLE_CELLS = 20_000
    """Cells of one table: its columns (the header's) × its rows.  Python-Markdown gives every row the header's
    cells, so a wide header over many short lines would make a page thousands of times the size of the text."""
    TABLE_COLUMNS = 64
    """Columns of one table."""
    ROW_WORK = 1_000_000
    """'`' in one table row × the row's length: the table extension splits a row around code spans in time that
    grows with their product."""


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


_TABLE_DELIMITER = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-*:?[ \t]*)*\|?[ \t]*$")
"""The second line of a table (| --- | :-: |): the table extension lays out the paragraph as a table."""


def _table_columns(line: str) -> int:
    return line.strip(" \t").strip("|").count("|") + 1


def markup_problems(body: str) -> list[tuple[int, Text, Text]]:
    """(line offset in the body, what is wrong, how to fix it) for every bound of MarkupLimits a body passes, and
    for a character no page may hold.

    It reads lines and paragraphs as Python-Markdown does (compendium.text.lines); linear in the body's length.
    """
    problems = []
    lines = markdown_lines(body)
    fences = 0
    paragraph_start, brackets, emphasis, length = 0, 0, 0, 0
    table_columns, table_rows = 0, 0

    def close_table() -> None:
        if table_columns > MarkupLimits.TABLE_COLUMNS or table_columns * table_rows > MarkupLimits.TABLE_CELLS:
            problems.append(
                (
                    paragraph_start,
                    t(
                        "the table has {columns:,} columns and {rows:,} rows, more than the site can lay out "
                        "(at most {max_columns} columns and {max_cells:,} cells)",
                        columns=table_columns,
                        rows=table_rows,
                        max_columns=str(MarkupLimits.TABLE_COLUMNS),
                        max_cells=MarkupLimits.TABLE_CELLS,
                    ),
                    t("split the table, or check that each row has as many '|' as the header"),
                )
            )

    def close_paragraph(end: int) -> None:
        if table_columns:
            close_table()
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
        if is_blank(line):
            close_paragraph(offset)
            paragraph_start, brackets, emphasis, length = offset + 1, 0, 0, 0
            table_columns, table_rows = 0, 0
            continue
        if found := forbidden_character(line):
            problems.append(
                (
                    offset,
                    t("the text contains the control character {code}", code=found[1]),
                    t("retype the text; it may have been pasted from a PDF"),
                )
            )
        if offset == paragraph_start + 1 and _TABLE_DELIMITER.match(line) and "-" in line:
            table_columns = max(_table_columns(lines[paragraph_start]), _table_columns(line))
        elif table_columns:
            table_rows += 1
        if (table_columns or offset == paragraph_start) and line.count("`") * len(line) > MarkupLimits.ROW_WORK:
            problems.append(
                (
                    offset,
                    t(
                        "the line has {count:,} '`' in {length:,} characters, too many to lay out",
                        count=line.count("`"),
                        length=len(line),
                    ),
                    t("write fewer '`' (they mark code, which a case text does not need)"),
                )
            )
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


CONTENT_ID_PREFIX = "h-"
"""Every id a body's Markdown gives starts with this (or is toc's `_1`, `_2` … for a heading it cannot spell in
ASCII); the theme's ids start with `__` and `md-`, the compendium's with `cc-`."""
_KEPT_ID = re.compile(rf"^(?:{re.escape(CONTENT_ID_PREFIX)}|_\d+$)")
_KEPT_CLASS = re.compile(r"^language-[A-Za-z0-9_+#.-]{1,40}$")
"""The class fenced_code gives a fence's language; any other class from a body is dropped."""


def heading_slug(value: str, separator: str) -> str:
    """The toc extension's slug of a heading, namespaced (mkdocs.yml: toc: slugify): `## __config` → h-__config.

    >>> heading_slug("__config", "-"), heading_slug("Cite text", "-"), heading_slug("一、主要做法", "-")
    ('h-__config', 'h-cite-text', '')
    """
    from markdown.extensions.toc import slugify

    slug = slugify(value, separator)
    return f"{CONTENT_ID_PREFIX}{slug}" if slug else ""  # empty: toc makes it _1, _2 …


class _NeutralizeAttributes(Treeprocessor):
    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                value = element.attrib[name]
                if lowered.startswith("on") or lowered == "style":
                    del element.attrib[name]
                elif lowered in _URL_ATTRIBUTES and not safe_url(value, _URL_ATTRIBUTES[lowered]):
                    del element.attrib[name]
                elif lowered == "id" and not _KEPT_ID.match(value):
                    element.attrib[name] = CONTENT_ID_PREFIX + value
                elif lowered == "class":
                    kept = [c for c in value.split() if _KEPT_CLASS.match(c)]
                    if kept:
                        element.attrib[name] = " ".join(kept)
                    else:
                        del element.attrib[name]


class _PlainFences(FencedBlockPreprocessor):
    """fenced_code's code blocks without the attributes a body gives them (```{#__config .cc-visually-hidden}):
    a fence keeps its language, nothing else.  fenced_code writes its blocks as raw HTML, out of the reach of
    the tree processor that namespaces the other ids."""

    def handle_attrs(self, attrs):
        _, classes, _ = super().handle_attrs(attrs)
        language = next((c for c in classes if _LANGUAGE.fullmatch(c)), None)
        return "", [language] if language else [], {}


_LANGUAGE = re.compile(r"[A-Za-z0-9_+#.-]{1,40}")


class SafeMarkdownExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_StripPlaceholders(md), "compendium_strip_placeholders", 100)
        if "fenced_code_block" in md.preprocessors:  # the engine's fenced_code, loaded before this extension
            fences = md.preprocessors["fenced_code_block"]
            md.preprocessors.register(_PlainFences(md, fences.config), "fenced_code_block", 25)
        # Without these two, raw HTML is not recognised and comes out escaped, as text.
        for registry, name in ((md.preprocessors, "html_block"), (md.inlinePatterns, "html")):
            if name in registry:
                registry.deregister(name)
        # Lowest priority: runs after every other tree processor has set its attributes.
        md.treeprocessors.register(_NeutralizeAttributes(md), "compendium_neutralize", -100)


def makeExtension(**kwargs) -> SafeMarkdownExtension:  # noqa: N802 (Python-Markdown's entry point name)
    return SafeMarkdownExtension(**kwargs)
