"""Half-width punctuation in Chinese text set full-width (GB/T 15834) in a case's or a notice's file, in place.

`make fix-punctuation` runs it over the content folder: the check warns of such marks (规划,建立; (一)) and
names this command.  Only the marks text.punctuation finds change: in the text, outside code, and in the front
matter's text fields (title, unit, summary …), never YAML's own commas and colons (region: [湖北省, 武汉市]),
links or anything else.  A file is rewritten only if something changed, and through a temporary file.
"""

from __future__ import annotations

import re

from compendium.content.frontmatter import parse_document
from compendium.model.fields import CASE_FIELDS, NOTICE_FIELDS, PARAGRAPH, TEXT
from compendium.text.punctuation import code_lines, half_width_marks, to_full_width

__all__ = ["fixed_text", "TEXT_FIELDS"]

TEXT_FIELDS = frozenset(f.name for f in (*CASE_FIELDS, *NOTICE_FIELDS) if f.kind in (TEXT, PARAGRAPH))
_FIELD_LINE = re.compile(r"^(\s*[A-Za-z_]+\s*:\s*)(.*)$")


def fixed_text(path: str, raw: bytes) -> tuple[str, int] | None:
    """The file's text with its marks set full-width and how many changed; None when it does not parse (the
    check says why) or holds none."""
    doc, problems = parse_document(path, raw)
    if doc is None or problems:
        return None
    lines = raw.decode("utf-8").split("\n")
    changed = 0
    for name, number in doc.field_lines.items():
        if name not in TEXT_FIELDS or not isinstance(doc.meta.get(name), str):
            continue
        match = _FIELD_LINE.match(lines[number - 1])
        if match and (count := len(half_width_marks(match.group(2)))):
            lines[number - 1] = match.group(1) + to_full_width(match.group(2))
            changed += count
    start = doc.body_line - 1
    code = code_lines("\n".join(lines[start:]))
    for index in range(start, len(lines)):
        if index - start not in code and (count := len(half_width_marks(lines[index]))):
            lines[index] = to_full_width(lines[index])
            changed += count
    return ("\n".join(lines), changed) if changed else None
