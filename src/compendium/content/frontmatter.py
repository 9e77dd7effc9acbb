"""Split a Markdown file into YAML front matter and body, safely.

Front matter comes from pull requests, so it is untrusted: only plain YAML
(safe_load: no Python objects), no BOM, UTF-8 only, bounded size and depth.
Every failure is a `Problem` that names the file and, where known, the line.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from compendium.errors import ContentError, Problem
from compendium.messages import Text, t
from compendium.model.compendium import StoredText, size_of, text_of
from compendium.text.lines import markdown_text

__all__ = [
    "Document",
    "StoredBody",
    "DataFile",
    "parse_document",
    "parse_data_file",
    "render_front_matter",
    "kind_of",
    "MAX_FILE_BYTES",
]

MAX_FILE_BYTES = 2_000_000
"""Larger files are rejected: a case is a few thousand characters."""
_MAX_DEPTH = 8
# MkDocs' delimiters (mkdocs.utils.meta.YAML_RE): '---' to open, '---' or '...' to close, then only spaces or tabs.
_OPENS = re.compile(r"---[ \t]*")
_CLOSES = re.compile(r"(?:---|\.\.\.)[ \t]*")


@dataclass
class Document:
    """A parsed file: its metadata, its body and where each field stands."""

    path: str
    meta: dict[str, Any]
    text: str | StoredText
    """The body as read, or, once checked, where to read it again (`stored`)."""
    field_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    """Line number of the body's first line in the file."""
    body_offset: int = 0
    """Characters of the file's text before the body."""

    @property
    def body(self) -> str:
        return text_of(self.text)

    def stored(self, file: Path, digest: bytes) -> Document:
        """The document with its body left in `file`, whose bytes (as checked) have the SHA-1 `digest`."""
        return replace(self, text=StoredBody(self.path, str(file), digest, self.body_offset, size_of(self.text)))


@dataclass(frozen=True)
class StoredBody:
    """A checked file's body, read again from the file when asked (model.compendium.StoredText); a file changed
    since it was checked is refused, never published unchecked."""

    path: str
    """The file as messages name it (content-relative)."""
    file: str
    digest: bytes
    offset: int
    size: int

    def read(self) -> str:
        try:
            data = Path(self.file).read_bytes()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise ContentError(
                [Problem(self.path, t("cannot be read ({reason})", reason=reason), hint=_CHECK_AGAIN)]
            ) from None
        if hashlib.sha1(data).digest() != self.digest:
            raise ContentError([Problem(self.path, t("the file changed after it was checked"), hint=_CHECK_AGAIN)])
        text, _ = _decode(data)  # the same bytes decoded as when checked
        return text[self.offset :]


_CHECK_AGAIN = t("build again: the new text is checked before it is published")


# libyaml's loader when PyYAML has it (its wheels do): about ten times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _nesting_problem(yaml_text: str, what: Text) -> tuple[Text, Text, int] | None:
    """Depth checked on the event stream, stopping early: libyaml's composer recurses in C, and a
    hostile file nested a hundred thousand levels deep would crash the process instead of failing."""
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > _MAX_DEPTH + 1:  # the top-level mapping is depth 1
                return (
                    t("{what} is nested more than {depth} levels deep", what=what, depth=str(_MAX_DEPTH)),
                    t("use flat fields and simple lists"),
                    event.start_mark.line + 2,
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _alias_problem(root: yaml.Node, what: Text) -> tuple[Text, Text, int] | None:
    """(what, how to fix, line) if the node tree uses an alias, else None.

    An alias makes two places share one node; nested aliases expand exponentially
    ("billion laughs"), so any shared node is refused before anything is built.
    (Depth was checked on the event stream already.)
    """
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return (
                t("{what} uses a YAML anchor or alias (&name or *name)", what=what),
                t("write each value out in full"),
                node.start_mark.line + 2,
            )
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            stack += [n for pair in node.value for n in pair]
        elif isinstance(node, yaml.SequenceNode):
            stack += node.value
    return None


_DATE = re.compile(r"(?<![\d-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\d-])")


def _impossible_date(text: str) -> bool:
    for match in _DATE.finditer(text):
        try:
            dt.date(*map(int, match.groups()))
        except ValueError:
            return True
    return False


_FULL_WIDTH_COLON = re.compile(r"\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*：")
_NO_SPACE_AFTER_COLON = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*):(?=[^\s/])")


_FIELD_WITH_VALUE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*:\s+\S")
_INDENTED_FIELD = re.compile(r" +[A-Za-z_][A-Za-z0-9_]*:(\s|$)")


def _typing_problem(lines: list[str]) -> tuple[Text, Text, int] | None:
    """Slips of typing that YAML reports in its own words, at another line: named as what they are."""
    previous = ""
    for number, line in enumerate(lines, start=2):
        if _INDENTED_FIELD.match(line) and _FIELD_WITH_VALUE.match(previous):
            # 'title: x' then '  unit: y': YAML reads the second line as part of the title and stumbles.
            return (
                t("the line starts with spaces, so it reads as part of the field above"),
                t("start each field at the beginning of its line, without spaces before it"),
                number,
            )
        previous = line if line.strip() else previous
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return (
                t("the line starts with a tab character, which YAML does not accept"),
                t("indent with spaces instead of the tab"),
                number,
            )
        if (match := _FULL_WIDTH_COLON.match(line)) and ":" not in line[: match.end()]:
            key = match.group(1)
            return (
                t("'{key}：' is written with a full-width colon (：)", key=key),
                t("write '{key}: ' with an ASCII colon and a space, as in {key}: …", key=key),
                number,
            )
        if match := _NO_SPACE_AFTER_COLON.match(line):
            key = match.group(1)
            return (
                t("'{key}:' has no space after the colon", key=key),
                t("write '{key}: ' with a space after the colon", key=key),
                number,
            )
    return None


def _decode(data: bytes) -> tuple[str | None, tuple[Text, Text, int | None] | None]:
    """The text of a file's bytes, or (what is wrong, how to fix it, line)."""
    if len(data) > MAX_FILE_BYTES:
        return None, (
            t("file is {size:,} bytes, more than the {limit:,} allowed", size=len(data), limit=MAX_FILE_BYTES),
            t("split it, or keep attachments as files of their own"),
            1,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return None, (t("file starts with a byte-order mark (BOM)"), t("save it as UTF-8 without BOM"), 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, (
            t("file is not valid UTF-8 (byte {offset})", offset=str(error.start)),
            t("save it as UTF-8 (GBK/GB18030 files must be converted)"),
            line,
        )
    if "\x00" in text:
        return None, (
            t("file contains NUL characters"),
            t("save it as a UTF-8 text file"),
            text[: text.index("\x00")].count("\n") + 1,
        )
    # A lone CR ends a line for Python-Markdown as for YAML: the check reads the lines the engine will read.
    return markdown_text(text), None


# PyYAML's words for the mistakes editors make, each a message of the catalogue; others are shown as PyYAML says them.
_YAML_REASONS = {
    "mapping values are not allowed": t("a ':' where no field can start (a value with ': ' in it needs quotes)"),
    "found character that cannot start any token": t("a character that cannot start a value (quote the value)"),
    "expected ',' or ']'": t("a list opened with '[' is not closed with ']'"),
    "expected ',' or '}'": t("a '{{' is not closed with '}}'"),
    "found unexpected end of stream": t("a quote is opened but never closed"),
    "could not find expected ':'": t("a line has no ':' between field and value"),
    "did not find expected key": t("a line is indented differently from the fields around it"),
    "did not find expected '-' indicator": t("a list item is indented differently from the others"),
    "found undefined alias": t("a '*' starts a value (quote the value)"),
    "found unknown escape character": t("a backslash in double quotes (use single quotes)"),
}


def _yaml_reason(context: str | None, problem: str | None) -> Text | str:
    for words, reason in _YAML_REASONS.items():
        if problem and words in problem:  # libyaml's and PyYAML's own words differ a little
            return reason
    return " ".join(x for x in (context, problem) if x)


def _date_reason(reason: str) -> Text | str:
    """Python's words for an impossible date (month must be in 1..12), as a message."""
    if reason.startswith("month must be"):
        return t("month must be in 1..12")
    if reason.startswith("day is out of range"):
        return t("day is out of range for month")
    return reason


_KINDS = {
    str: t("text"),
    int: t("a number"),
    float: t("a number"),
    bool: t("yes/no"),
    list: t("a list"),
    dict: t("a set of fields"),
    type(None): t("nothing"),
    dt.date: t("a date"),
}


def kind_of(value: Any) -> Text | str:
    """How a value's type reads in a message: text, a number, a list."""
    return _KINDS.get(type(value), type(value).__name__)


def _safe_yaml(
    yaml_text: str, first_line: int, what: Text
) -> tuple[Any, yaml.Node | None, tuple[Text, Text, int | None] | None]:
    """Plain YAML only: (value, node tree, None), or (None, None, (what is wrong, how to fix it, line)).

    No tags that build objects, no anchors or aliases, nesting bounded: the same rules for
    front matter and for the editors' data files.  `first_line` is the file line of the text's first line.
    """
    loader = _Loader(yaml_text)
    try:
        if nesting := _nesting_problem(yaml_text, what):
            return None, None, (nesting[0], nesting[1], nesting[2] + first_line - 2)
        node = loader.get_single_node()
        if node is not None and (alias := _alias_problem(node, what)):
            return None, None, (alias[0], alias[1], alias[2] + first_line - 2)
        value = loader.construct_document(node) if node is not None else None
    except yaml.constructor.ConstructorError as error:
        # safe_load refuses tags that would build Python objects (!!python/…) or that it does not know.
        mark = error.problem_mark
        tag = error.problem.split("'")[1] if error.problem and "'" in error.problem else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return (
            None,
            None,
            (
                t("{what} uses the YAML tag '{tag}', which is not allowed", what=what, tag=tag),
                t("remove the tag: values are plain text, numbers, dates and lists"),
                mark.line + first_line if mark else None,
            ),
        )
    except yaml.MarkedYAMLError as error:
        # Where to look: for an unclosed '[', '{' or quote, the line it opens on (the context mark);
        # otherwise the line where the parser stumbled (the problem mark).
        opened = error.context and ("flow" in error.context or "quoted" in error.context)
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else None
        reason = _yaml_reason(error.context, error.problem)
        if opened and error.problem_mark and error.context_mark and error.problem_mark.line != error.context_mark.line:
            reason = t(
                "{reason} (noticed at line {line})", reason=reason, line=str(error.problem_mark.line + first_line)
            )
        return (
            None,
            None,
            (
                t("YAML syntax error: {reason}", reason=reason),
                t("check quotes, colons and indentation (values with ':' or '#' need quotes)"),
                line,
            ),
        )
    except ValueError as error:
        # A date-shaped value that is no date (2024-13-45): YAML's date constructor raises ValueError.
        line = next((i + first_line for i, text in enumerate(yaml_text.split("\n")) if _impossible_date(text)), None)
        return (
            None,
            None,
            (
                t("{what} has an impossible date ({reason})", what=what, reason=_date_reason(str(error))),
                t("write a real date as YYYY-MM-DD"),
                line,
            ),
        )
    except yaml.YAMLError as error:
        return None, None, (t("YAML error: {reason}", reason=str(error)), t("check the syntax"), first_line)
    except RecursionError:
        return (
            None,
            None,
            (t("{what} is nested too deeply", what=what), t("use flat fields and simple lists"), first_line),
        )
    finally:
        loader.dispose()
    return value, node, None


def parse_document(path: str, data: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse `data` (the file's bytes); on failure return None and the problems."""

    def fail(message: Text, hint: Text | None = None, line: int | None = None):
        return None, [Problem(path, message, line=line, hint=hint)]

    text, problem = _decode(data)
    if problem:
        return fail(*problem)
    lines = text.split("\n")
    if not lines or not _OPENS.fullmatch(lines[0]):
        return fail(
            t("no front matter: the file must start with a line '---'"),
            t("add the fields between two lines of '---' at the top"),
            line=1,
        )
    # The front matter ends where MkDocs ends it: at the first line that is '---' or '...' from its first
    # column.  A line that only looks like one (' ---') is refused, so that no reader of the file, the
    # engine or an editor, can take a second block for part of the first.
    end = None
    for i in range(1, len(lines)):
        if _CLOSES.fullmatch(lines[i]):
            end = i
            break
        if lines[i].strip() in ("---", "..."):
            return fail(
                t(
                    "line '{text}' looks like the end of the front matter but does not start in the first column",
                    text=lines[i],
                ),
                t("write '---' with nothing before it, or remove the line"),
                line=i + 1,
            )
    if end is None:
        return fail(t("front matter is never closed"), t("add a line '---' after the last field"), line=1)

    if typed := _typing_problem(lines[1:end]):
        return fail(*typed)
    meta, node, problem = _safe_yaml("\n".join(lines[1:end]), 2, t("front matter"))
    if problem:
        return fail(*problem)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return fail(
            t("front matter must be a set of 'field: value' lines, not {kind}", kind=kind_of(meta)),
            t("write one 'field: value' per line"),
            line=2,
        )
    field_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 2
            if key in field_lines:
                # safe_load keeps the last value silently; an editor would lose the first.
                return fail(
                    t(
                        "field '{key}' is given twice (lines {first} and {second})",
                        key=key,
                        first=str(field_lines[key]),
                        second=str(line),
                    ),
                    t("keep one of them"),
                    line=line,
                )
            field_lines[key] = line
    offset = sum(len(line) + 1 for line in lines[: end + 1])
    return Document(path, meta, text[offset:], field_lines, body_line=end + 2, body_offset=offset), []


@dataclass
class DataFile:
    """A parsed data file (themes.yml …): its value and the line of each item and field."""

    path: str
    value: Any
    lines: dict[tuple, int] = field(default_factory=dict)
    """(key or index, …) → line of that item or field, 1-based; () is the whole file."""

    def line(self, *where) -> int | None:
        """The line of the item or field at `where`, or of the nearest enclosing one."""
        for end in range(len(where), -1, -1):
            if (found := self.lines.get(tuple(where[:end]))) is not None:
                return found
        return None


def _node_lines(node: yaml.Node) -> dict[tuple, int]:
    lines: dict[tuple, int] = {}
    stack: list[tuple[tuple, yaml.Node]] = [((), node)]
    while stack:
        where, current = stack.pop()
        lines[where] = current.start_mark.line + 1
        if isinstance(current, yaml.MappingNode):
            for key, value in current.value:
                if isinstance(key, yaml.ScalarNode):
                    lines[(*where, key.value)] = key.start_mark.line + 1
                    if not isinstance(value, yaml.ScalarNode):
                        stack.append(((*where, key.value), value))
        elif isinstance(current, yaml.SequenceNode):
            stack += [((*where, i), item) for i, item in enumerate(current.value)]
    return lines


def parse_data_file(path: str, data: bytes) -> tuple[DataFile | None, list[Problem]]:
    """Parse an editors' data file with the same rules as front matter (plain YAML, no aliases, bounded)."""
    text, problem = _decode(data)
    if problem is None:
        value, node, problem = _safe_yaml(text, 1, t("the file"))
    if problem:
        return None, [Problem(path, problem[0], line=problem[2], hint=problem[1])]
    return DataFile(path, value, _node_lines(node) if node is not None else {}), []


def render_front_matter(fields: dict) -> str:
    """One `field: value` line per field; lists inline ([a, b]) as editors write them."""
    lines = [
        yaml.safe_dump(
            {key: value},
            allow_unicode=True,
            sort_keys=False,
            width=1000,
            default_flow_style=None if isinstance(value, list) else False,
        ).rstrip("\n")
        for key, value in fields.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n"
