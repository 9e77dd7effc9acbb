"""Rebuild paragraphs and structure from text extracted from a PDF.

PDF text arrives with lines broken mid-sentence, blank lines and stray spaces
scattered through it and page breaks inside paragraphs.  `reflow` rebuilds
the paragraphs; `to_markdown` turns the section markers of Chinese official
writing (一、 （一） 1. 一是) into headings, bold run-in heads and lists, the
way a careful editor would, without dropping or changing any character.
"""

from __future__ import annotations

import re

from compendium.text.hanzi import HAN

__all__ = ["reflow", "normalize_spaces", "to_markdown", "strip_markdown", "plain_text", "one_line"]

# Han characters and the punctuation set between them, for a regex character class.
_CJK = HAN + r"\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019\u00b7"
NUM_CN = "一二三四五六七八九十"

# Markers of structure, from the outside in.
H_SECTION = re.compile(rf"^[{NUM_CN}]+、")  # 一、
H_SUBSECTION = re.compile(rf"^[（(]\s*[{NUM_CN}]+\s*[）)]")  # （一） (一)
ITEM_DOT = re.compile(r"^(\d{1,2})\.(?!\d)")  # 1.
ITEM_OTHER = re.compile(r"^(\d{1,2})[、．]")  # 1、 1．
RUN_IN = re.compile(rf"^[{NUM_CN}]+是")  # 一是
STANDALONE = re.compile(r"^(附件|附\s*件)([:：\d《\s]|$)")
_YEAR = r"(?:\d{4}|[〇○Ｏ零一二三四五六七八九]{4})"
_DAY = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
DATE = rf"{_YEAR}\s*年\s*{_DAY}\s*月\s*{_DAY}\s*日"
"""A 成文日期 in Arabic digits (2024年10月11日) or Chinese numerals (二〇二四年十月十一日, with ○ typed for 〇)."""
DATE_LINE = re.compile(rf"^{DATE}$")
DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]+\s*[〔［\[(（]\s*\d{4}\s*[〕］\])）]\s*\d+\s*号")
TERMINAL = tuple("。！？；：”》」』")


def normalize_spaces(text: str, keep_between_cjk: bool = False) -> str:
    """Remove the stray spaces PDF extraction leaves around Chinese text.

    Spaces next to a Chinese character or punctuation go (2020 年 → 2020年);
    spaces between Latin words stay.  With keep_between_cjk, a single space
    between two Chinese phrases stays (titles use it as a separator).
    """
    text = re.sub(r"[ \t\u3000\u00a0]+", " ", text.strip())
    if keep_between_cjk:
        text = re.sub(rf"(?<=[{_CJK}]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[{_CJK}])", "", text)
        # next to a comma or full stop, or inside quotes and brackets, a space is never a separator
        text = re.sub(r" ?([、，。：；！？]) ?", r"\1", text)
        text = re.sub(r"([“《〈（「]) ", r"\1", text)
        return re.sub(r" ([”》〉）」])", r"\1", text)
    return re.sub(rf"(?<=[{_CJK}]) | (?=[{_CJK}])", "", text)


def _join(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and right[0].isascii() and left[-1].isalnum() and right[0].isalnum():
        return left + " " + right
    return left + right


def _is_heading_like(paragraph: str) -> bool:
    """A short marker line such as 一、基本情况 that stands as a paragraph of its own."""
    return (
        bool(H_SECTION.match(paragraph) or H_SUBSECTION.match(paragraph))
        and len(paragraph) <= 30
        and "。" not in paragraph[:-1]
    )


def reflow(text: str) -> list[str]:
    """Paragraphs of `text`, joined back together across line and page breaks.

    Documents whose paragraphs start with an indent are split at indents only
    (lines may end anywhere).  Others are split at a line that starts with a
    section marker, after sentence-ending punctuation, and after two or more
    blank lines; lines broken mid-sentence are joined.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    lines: list[tuple[str, bool, int]] = []  # (text, indented, blank lines before)
    blanks = 0
    for line in raw:
        if not line.strip():
            blanks += 1
            continue
        indented = bool(re.match(r"^[ \t\u3000]{2,}", line))
        lines.append((line.strip(), indented, blanks))
        blanks = 0
    if not lines:
        return []
    indented_mode = sum(1 for _, ind, _ in lines if ind) >= max(3, len(lines) // 8)

    paragraphs: list[str] = []
    for line, indented, blanks_before in lines:
        special = bool(
            STANDALONE.match(line)
            or DATE_LINE.match(normalize_spaces(line))
            or DOC_NUMBER.fullmatch(line.replace(" ", ""))
        )
        if not paragraphs:
            new = True
        elif indented_mode:
            new = indented or special or _ends_standalone(paragraphs[-1])
        else:
            prev = paragraphs[-1]
            new = (
                blanks_before >= 2
                or prev.endswith(TERMINAL)
                or special
                or _ends_standalone(prev)
                or _is_heading_like(prev)
                or bool(
                    H_SECTION.match(line) or H_SUBSECTION.match(line) or ITEM_DOT.match(line) or ITEM_OTHER.match(line)
                )
            )
        if new:
            paragraphs.append(line)
        else:
            paragraphs[-1] = _join(paragraphs[-1], line)
    return paragraphs


def _ends_standalone(paragraph: str) -> bool:
    flat = paragraph.replace(" ", "")
    return bool(STANDALONE.match(paragraph) or DATE_LINE.match(flat) or DOC_NUMBER.fullmatch(flat))


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>])")


def escape_markdown(text: str) -> str:
    """Escape what Markdown would read as markup; a paragraph's start too."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"^([#+\-=]|\d+[.)]\s)", r"\\\1", text)


def _lead(paragraph: str, marker_len: int, limit: int = 60) -> tuple[str, str] | None:
    """Split a run-in head (一是……。) from the rest, when the head is short enough."""
    match = re.search(r"[。；：]", paragraph[marker_len:])
    if not match:
        return None
    end = marker_len + match.end()
    if end > limit or end >= len(paragraph):
        return None
    return paragraph[:end], paragraph[end:]


def _bold_lead(paragraph: str, marker_len: int) -> str:
    parts = _lead(paragraph, marker_len)
    if parts is None:
        return escape_markdown(paragraph)
    head, rest = parts
    return f"**{escape_markdown(head)}**{escape_markdown(rest)}"


def to_markdown(paragraphs: list[str], top_level: int = 2) -> str:
    """Markdown for the body paragraphs of a case or notice.

    一、主要做法 (short) → heading; （一）… short → sub-heading, long → bold
    run-in head; 一是……。 → bold run-in head; 1.… → ordered list item.
    """
    blocks: list[str] = []
    in_list = False
    for paragraph in paragraphs:
        h = "#" * top_level
        if ITEM_DOT.match(paragraph):
            number, rest = paragraph.split(".", 1)
            parts = _lead(rest, 0)
            item = f"**{escape_markdown(parts[0])}**{escape_markdown(parts[1])}" if parts else escape_markdown(rest)
            line = f"{number}. {item}"
            if in_list:
                blocks[-1] += "\n" + line
            else:
                blocks.append(line)
            in_list = True
            continue
        in_list = False
        if H_SECTION.match(paragraph) and _is_heading_like(paragraph):
            blocks.append(f"{h} {escape_markdown(paragraph)}")
        elif H_SUBSECTION.match(paragraph) and _is_heading_like(paragraph):
            blocks.append(f"{h}# {escape_markdown(paragraph)}")
        elif m := (
            H_SUBSECTION.match(paragraph)
            or H_SECTION.match(paragraph)
            or RUN_IN.match(paragraph)
            or ITEM_OTHER.match(paragraph)
        ):
            blocks.append(_bold_lead(paragraph, m.end()))
        else:
            blocks.append(escape_markdown(paragraph))
    return "\n\n".join(blocks) + "\n"


def strip_markdown(markdown: str) -> str:
    """The text of Markdown written by `to_markdown`, for checking nothing was lost."""
    text = re.sub(r"^#{1,6} ", "", markdown, flags=re.M)
    text = text.replace("**", "")
    text = re.sub(r"\\(.)", r"\1", text)
    return text


def plain_text(markdown: str) -> str:
    """What a reader reads of a case body: links as their text, no list or quote markers at line starts."""
    # Each pattern stops where the next attempt would start ('[' at the next '[', '(' at the next '(') and at a
    # line's end, so that no attempt runs across the text: linear in the body, however many brackets stay open.
    text = re.sub(r"\[([^\[\]\n]*)\]\([^()\n]*\)", r"\1", strip_markdown(markdown))
    return re.sub(r"^[ \t]*(?:[-*+>]|\d{1,9}[.)])[ \t]+", "", text, flags=re.M)


def one_line(text: str, limit: int) -> str:
    """`text` on one line, cut to `limit` characters with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip("，、；：,;: ") + "…"
