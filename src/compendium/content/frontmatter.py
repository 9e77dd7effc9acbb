"""Split a Markdown file into YAML front matter and body, safely.

Front matter comes from pull requests, so it is untrusted: only plain YAML
(safe_load: no Python objects), no BOM, UTF-8 only, bounded size and depth.
Every failure is a `Problem` that names the file and, where known, the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from compendium.errors import Problem

__all__ = ["Document", "DataFile", "parse_document", "parse_data_file", "render_front_matter", "MAX_FILE_BYTES"]

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
    body: str
    field_lines: dict[str, int] = field(default_factory=dict)
    body_line: int = 1
    """Line number of the body's first line in the file."""


# libyaml's loader when PyYAML has it (its wheels do): about ten times faster than the pure-Python one.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _nesting_problem(yaml_text: str) -> tuple[str, str, int] | None:
    """Depth checked on the event stream, stopping early: libyaml's composer recurses in C, and a
    hostile file nested a hundred thousand levels deep would crash the process instead of failing."""
    depth = 0
    for event in yaml.parse(yaml_text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > _MAX_DEPTH + 1:  # the top-level mapping is depth 1
                return (
                    f"front matter is nested more than {_MAX_DEPTH} levels deep",
                    "use flat fields and simple lists",
                    event.start_mark.line + 2,
                )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1
    return None


def _alias_problem(root: yaml.Node) -> tuple[str, str, int] | None:
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
                "front matter uses a YAML anchor or alias (&name or *name)",
                "write each value out in full",
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


def _typing_problem(lines: list[str]) -> tuple[str, str, int] | None:
    """Slips of typing that YAML reports in its own words, at another line: named as what they are."""
    for number, line in enumerate(lines, start=2):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            return (
                "the line starts with a tab character, which YAML does not accept",
                "indent with spaces instead of the tab",
                number,
            )
        if (match := _FULL_WIDTH_COLON.match(line)) and ":" not in line[: match.end()]:
            key = match.group(1)
            return (
                f"'{key}：' is written with a full-width colon (：)",
                f"write '{key}: ' with an ASCII colon and a space, as in {key}: …",
                number,
            )
        if match := _NO_SPACE_AFTER_COLON.match(line):
            key = match.group(1)
            return (f"'{key}:' has no space after the colon", f"write '{key}: ' with a space after the colon", number)
    return None


def _decode(data: bytes, what: str) -> tuple[str | None, tuple[str, str, int | None] | None]:
    """The text of a file's bytes, or (what is wrong, how to fix it, line)."""
    if len(data) > MAX_FILE_BYTES:
        return None, (
            f"file is {len(data):,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
            f"split it or move attachments out of the {what}",
            None,
        )
    if data.startswith(b"\xef\xbb\xbf"):
        return None, ("file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM", 1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return None, (
            f"file is not valid UTF-8 (byte {error.start})",
            "save it as UTF-8 (GBK/GB18030 files must be converted)",
            line,
        )
    if "\x00" in text:
        return None, (
            "file contains NUL characters",
            "save it as a UTF-8 text file",
            text[: text.index("\x00")].count("\n") + 1,
        )
    return text.replace("\r\n", "\n"), None


def _safe_yaml(
    yaml_text: str, first_line: int, what: str
) -> tuple[Any, yaml.Node | None, tuple[str, str, int | None] | None]:
    """Plain YAML only: (value, node tree, None), or (None, None, (what is wrong, how to fix it, line)).

    No tags that build objects, no anchors or aliases, nesting bounded: the same rules for
    front matter and for the editors' data files.  `first_line` is the file line of the text's first line.
    """
    loader = _Loader(yaml_text)
    try:
        if nesting := _nesting_problem(yaml_text):
            return None, None, (nesting[0].replace("front matter", what), nesting[1], nesting[2] + first_line - 2)
        node = loader.get_single_node()
        if node is not None and (alias := _alias_problem(node)):
            return None, None, (alias[0].replace("front matter", what), alias[1], alias[2] + first_line - 2)
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
                f"{what} uses the YAML tag '{tag}', which is not allowed",
                "remove the tag: values are plain text, numbers, dates and lists",
                mark.line + first_line if mark else None,
            ),
        )
    except yaml.MarkedYAMLError as error:
        # Where to look: for an unclosed '[', '{' or quote, the line it opens on (the context mark);
        # otherwise the line where the parser stumbled (the problem mark).
        opened = error.context and ("flow" in error.context or "quoted" in error.context)
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        line = mark.line + first_line if mark else None
        reason = " ".join(x for x in (error.context, error.problem) if x)
        if opened and error.problem_mark and error.context_mark and error.problem_mark.line != error.context_mark.line:
            reason += f" (noticed at line {error.problem_mark.line + first_line})"
        return (
            None,
            None,
            (
                f"YAML syntax error: {reason}",
                "check quotes, colons and indentation (values with ':' or '#' need quotes)",
                line,
            ),
        )
    except ValueError as error:
        # A date-shaped value that is no date (2024-13-45): YAML's date constructor raises ValueError.
        line = next((i + first_line for i, text in enumerate(yaml_text.split("\n")) if _impossible_date(text)), None)
        return None, None, (f"{what} has an impossible date ({error})", "write a real date as YYYY-MM-DD", line)
    except yaml.YAMLError as error:
        return None, None, (f"YAML error: {error}", "check the syntax", first_line)
    except RecursionError:
        return None, None, (f"{what} is nested too deeply", "use flat fields and simple lists", first_line)
    finally:
        loader.dispose()
    return value, node, None


def parse_document(path: str, data: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse `data` (the file's bytes); on failure return None and the problems."""

    def fail(message: str, hint: str | None = None, line: int | None = None):
        return None, [Problem(path, message, line=line, hint=hint)]

    text, problem = _decode(data, "text")
    if problem:
        return fail(*problem)
    lines = text.split("\n")
    if not lines or not _OPENS.fullmatch(lines[0]):
        return fail(
            "no front matter: the file must start with a line '---'",
            "add the fields between two lines of '---' at the top",
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
                f"line '{lines[i]}' looks like the end of the front matter but does not start in the first column",
                "write '---' with nothing before it, or remove the line",
                line=i + 1,
            )
    if end is None:
        return fail("front matter is never closed", "add a line '---' after the last field", line=1)

    if typed := _typing_problem(lines[1:end]):
        return fail(*typed)
    meta, node, problem = _safe_yaml("\n".join(lines[1:end]), 2, "front matter")
    if problem:
        return fail(*problem)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return fail(
            f"front matter must be a set of 'field: value' lines, not a {type(meta).__name__}",
            "write one 'field: value' per line",
            line=2,
        )
    field_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 2
            if key in field_lines:
                # safe_load keeps the last value silently; an editor would lose the first.
                return fail(
                    f"field '{key}' is given twice (lines {field_lines[key]} and {line})", "keep one of them", line=line
                )
            field_lines[key] = line
    body = "\n".join(lines[end + 1 :])
    return Document(path, meta, body, field_lines, body_line=end + 2), []


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
    text, problem = _decode(data, "data")
    if problem is None:
        value, node, problem = _safe_yaml(text, 1, "the file")
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
