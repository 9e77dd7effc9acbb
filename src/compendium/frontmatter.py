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

from .errors import Problem

__all__ = ["Document", "parse_document", "render_front_matter", "MAX_FILE_BYTES"]

MAX_FILE_BYTES = 2_000_000
"""Larger files are rejected: a case is a few thousand characters."""
_MAX_DEPTH = 8


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
                return (f"front matter is nested more than {_MAX_DEPTH} levels deep",
                        "use flat fields and simple lists", event.start_mark.line + 2)
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
            return ("front matter uses a YAML anchor or alias (&name or *name)", "write each value out in full",
                    node.start_mark.line + 2)
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


def parse_document(path: str, data: bytes) -> tuple[Document | None, list[Problem]]:
    """Parse `data` (the file's bytes); on failure return None and the problems."""
    def fail(message: str, hint: str | None = None, line: int | None = None):
        return None, [Problem(path, message, line=line, hint=hint)]

    if len(data) > MAX_FILE_BYTES:
        return fail(f"file is {len(data):,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
                    "split it or move attachments out of the text")
    if data.startswith(b"\xef\xbb\xbf"):
        return fail("file starts with a byte-order mark (BOM)", "save it as UTF-8 without BOM", line=1)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        return fail(f"file is not valid UTF-8 (byte {error.start})",
                    "save it as UTF-8 (GBK/GB18030 files must be converted)", line=line)
    if "\x00" in text:
        return fail("file contains NUL characters", "save it as a UTF-8 text file")
    text = text.replace("\r\n", "\n")

    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return fail("no front matter: the file must start with a line '---'",
                    "add the fields between two lines of '---' at the top", line=1)
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return fail("front matter is never closed", "add a line '---' after the last field", line=1)
    yaml_text = "\n".join(lines[1:end])

    loader = _Loader(yaml_text)
    try:
        if nesting := _nesting_problem(yaml_text):
            return fail(nesting[0], nesting[1], line=nesting[2])
        node = loader.get_single_node()
        if node is not None and (alias := _alias_problem(node)):
            return fail(alias[0], alias[1], line=alias[2])
        meta = loader.construct_document(node) if node is not None else None
    except yaml.constructor.ConstructorError as error:
        # safe_load refuses tags that would build Python objects (!!python/…) or that it does not know.
        mark = error.problem_mark
        tag = error.problem.split("'")[1] if error.problem and "'" in error.problem else "?"
        tag = tag.replace("tag:yaml.org,2002:", "!!")
        return fail(f"front matter uses the YAML tag '{tag}', which is not allowed",
                    "remove the tag: values are plain text, numbers, dates and lists",
                    line=mark.line + 2 if mark else None)
    except yaml.MarkedYAMLError as error:
        # Where to look: for an unclosed '[', '{' or quote, the line it opens on (the context mark);
        # otherwise the line where the parser stumbled (the problem mark).
        opened = error.context and ("flow" in error.context or "quoted" in error.context)
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        line = mark.line + 2 if mark else None
        reason = " ".join(x for x in (error.context, error.problem) if x)
        if opened and error.problem_mark and error.context_mark and error.problem_mark.line != error.context_mark.line:
            reason += f" (noticed at line {error.problem_mark.line + 2})"
        return fail(f"YAML syntax error: {reason}",
                    "check quotes, colons and indentation (values with ':' or '#' need quotes)", line=line)
    except ValueError as error:
        # A date-shaped value that is no date (2024-13-45): YAML's date constructor raises ValueError.
        line = next((i + 2 for i, text in enumerate(lines[1:end]) if _impossible_date(text)), None)
        return fail(f"front matter has an impossible date ({error})", "write a real date as YYYY-MM-DD", line=line)
    except yaml.YAMLError as error:
        return fail(f"YAML error: {error}", "check the front matter's syntax", line=2)
    except RecursionError:
        return fail("front matter is nested too deeply", "use flat fields and simple lists", line=2)
    finally:
        loader.dispose()

    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return fail(f"front matter must be a set of 'field: value' lines, not a {type(meta).__name__}",
                    "write one 'field: value' per line", line=2)
    field_lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            key, line = str(key_node.value), key_node.start_mark.line + 2
            if key in field_lines:
                # safe_load keeps the last value silently; an editor would lose the first.
                return fail(f"field '{key}' is given twice (lines {field_lines[key]} and {line})",
                            "keep one of them", line=line)
            field_lines[key] = line
    body = "\n".join(lines[end + 1:])
    return Document(path, meta, body, field_lines, body_line=end + 2), []


def render_front_matter(fields: dict) -> str:
    """One `field: value` line per field; lists inline ([a, b]) as editors write them."""
    lines = [yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1000,
                            default_flow_style=None if isinstance(value, list) else False).rstrip("\n")
             for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n"
