"""Read an official notice's raw text: its header, text, signature and date, and its cases.

Two styles of notice are understood:

* full cases: a heading per case (健康中国行动推进典型经验案例三), a line
  `标题——单位`, then the case's text;
* listed cases: an annex of `单位:《标题》` lines grouped under theme headings
  (一、强化健康教育主题); where the notice's own text speaks of a unit, that
  passage becomes the case's summary.

`parse_notice` reads the text into an `ImportedNotice`; `fidelity` says how
much of the source it kept; notice_import.py plans and writes the files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from compendium.errors import NoticeImportError
from compendium.messages import t
from compendium.model.compendium import NOTICE_KINDS
from compendium.text.numerals import chinese_date, chinese_number, parse_chinese_number
from compendium.text.punctuation import to_full_width
from compendium.text.reflow import (
    DATE,
    DATE_LINE,
    DOC_NUMBER,
    H_SECTION,
    NUM_CN,
    STANDALONE,
    escape_markdown,
    normalize_spaces,
    reflow,
    to_markdown,
)

__all__ = [
    "ImportedCase",
    "ImportedNotice",
    "parse_notice",
    "line_of",
    "fidelity",
    "Fidelity",
    "with_full_width_punctuation",
    "annex_markdown",
]

CASE_HEADING = re.compile(
    rf"^(?P<prefix>[^\s:：，。]{{0,30}}?)案例\s*(?P<number>[{NUM_CN}百零〇]+|\d{{1,3}})(?:\s*[:：.．、]\s*(?P<rest>.*))?$"
)
"""案例一, 案例1, 案例1：, 典型案例1, 健康中国行动推进典型经验案例一; with the title on the same line after a colon."""
UNIT_END = re.compile(
    r"(省|市|区|县|旗|州|盟|街道|镇|乡|村|社区|医院|中心|委员会|委|局|院|所|站|厅|办公室|办|大学|学院|学校|集团|公司|协会|学会)$"
)
"""How a unit's name ends: what tells 标题：单位 and a unit on a line of its own from a title."""
TITLE_COLON = re.compile(r"^(?P<title>.+?)\s*[：:]\s*(?P<unit>[^：:]{2,40})$")
TITLE_UNIT = re.compile(r"^(?P<title>.+)(?<![—－-])\s*(?:——|—|－－|--)\s*(?P<unit>[^—－]+)$")
"""标题——单位, or with one dash (—), full-width hyphens (－－) or two hyphens, as other offices write it: the last
dash of the line separates (a title may hold a dash itself)."""
LIST_ENTRY = re.compile(r"^(?P<unit>[^:：《》]{2,80}?)\s*[:：]?\s*《(?P<title>.+)》$", re.S)
"""单位:《标题》, 单位：《标题》 or 单位《标题》."""
LIST_ENTRY_TITLE_FIRST = re.compile(r"^《(?P<title>.+)》\s*[（(](?P<unit>[^（）()《》]{2,80})[）)]$", re.S)
"""《标题》（单位）."""


@dataclass
class ImportedCase:
    number: int
    title: str
    unit: str
    body: str = ""
    """Markdown."""
    source_text: str = ""
    """The case's raw text as it stands in the source, for checking that nothing was lost."""
    theme_names: list[str] = field(default_factory=list)
    summary: str = ""
    group: str = ""
    """The heading the list gives its group, as the notice wrote it (一、强化健康教育主题): the annex keeps it."""


@dataclass
class ImportedNotice:
    title: str
    kind: str
    doc_number: str = ""
    issuers: list[str] = field(default_factory=list)
    date: dt.date | None = None
    recipients: str = ""
    body: str = ""
    """Markdown of the notice's own text (without the signature and the annex list)."""
    collection_title: str = ""
    cases: list[ImportedCase] = field(default_factory=list)
    style: str = "none"
    """'full', 'listed' or 'none' (a notice without cases, such as a call for cases)."""

    @property
    def year(self) -> int | None:
        if self.date:
            return self.date.year
        match = re.search(r"[〔\[(（](\d{4})", self.doc_number)
        return int(match.group(1)) if match else None


# Reading ----------------------------------------------------------------------


def _parse_date(text: str) -> dt.date | None:
    """2024年10月11日, 二〇二四年十月十一日 (○ typed for 〇) → the date; None for anything else.

    >>> _parse_date("二〇二四年十月十一日"), _parse_date("二○二一年二月二十三日"), _parse_date("2024年12月10日")
    (datetime.date(2024, 10, 11), datetime.date(2021, 2, 23), datetime.date(2024, 12, 10))
    """
    flat = re.sub(r"\s", "", text).translate(str.maketrans("○Ｏ零", "〇〇〇"))
    match = re.fullmatch(r"(\S{4})年(\S{1,3})月(\S{1,3})日", flat)
    if not match:
        return None
    parts = [int(part) if part.isdigit() else parse_chinese_number(part) for part in match.groups()]
    try:
        return dt.date(*parts) if None not in parts else None
    except ValueError:
        return None


def _kind_of(title: str) -> str:
    for kind in sorted(NOTICE_KINDS, key=len, reverse=True):
        if title.endswith(kind):
            return kind
    return ""


def _split_header(text: str) -> tuple[dict, str]:
    """Issuers line, title, 文号 and recipients at the top; returns them and the remaining text.

    Read from raw lines: the title may be broken anywhere (…的通 / 知) and runs
    until it ends with the document's kind; the recipients end with a colon.
    """
    header: dict = {"issuers": [], "title": "", "doc_number": "", "recipients": ""}
    lines = text.replace("\r\n", "\n").split("\n")
    title_open = False
    recipients: list[str] = []
    for i, line in enumerate(lines):
        flat = line.replace(" ", "").replace("\u3000", "").strip()
        if not flat:
            continue
        if DOC_NUMBER.fullmatch(flat) and not header["doc_number"]:
            header["doc_number"] = flat
            continue
        # an indented line after the title starts the text (a notice without 主送), unless it is the 主送 itself,
        # which ends with a colon (in a PDF, Word file or web page every paragraph starts indented)
        indented = re.match(r"^[ \t\u3000]{2,}", line) and not flat.endswith(("：", ":"))
        if i > 60 or (header["title"] and not title_open and not recipients and indented):
            break
        if title_open or (not header["title"] and ("关于" in flat or _kind_of(flat))):
            header["title"] += line.strip()
            title_open = not _kind_of(header["title"].replace(" ", ""))
        elif not header["title"] and not header["doc_number"] and len(flat) <= 60:
            header["issuers"] = [normalize_spaces(x) for x in line.split() if x.strip()]
        elif header["title"]:
            recipients.append(line.strip())
            if flat.endswith(("：", ":")):
                header["recipients"] = normalize_spaces("".join(recipients))
                return _finish_header(header), "\n".join(lines[i + 1 :])
            if len(recipients) > 4:
                break
        else:
            break
    if not header["title"]:
        raise NoticeImportError(
            t(
                "no title found at the top of the notice (expected a line starting with 关于 or ending with 通知/通报/函/启事)"
            )
        )
    # No recipients line: the text starts right after the title and 文号.
    consumed = text.find(header["title"]) + len(header["title"])
    if header["doc_number"]:
        number_at = max(text.find(header["doc_number"][:4]), 0)
        consumed = max(consumed, text.find("\n", number_at))
    return _finish_header(header), text[consumed:]


def _finish_header(header: dict) -> dict:
    header["title"] = normalize_spaces(header["title"])
    return header


_SIGNED_DATE = re.compile(rf"^(?P<signer>[^。，；！？]{{2,40}}?)\s*(?P<date>{DATE})$")
"""A signing body and the date in one paragraph (a Word file's line break inside a paragraph)."""


def _split_signature(paragraphs: list[str]) -> tuple[list[str], list[str], dt.date | None, list[str]]:
    """Body, signing bodies, date, and what follows the date (the annex)."""
    for i, p in enumerate(paragraphs):
        if (signed := _SIGNED_DATE.match(p)) and not DATE_LINE.match(p.replace(" ", "")):
            paragraphs = paragraphs[:i] + [signed.group("signer"), signed.group("date")] + paragraphs[i + 1 :]
            break
    for i, p in enumerate(paragraphs):
        if DATE_LINE.match(p.replace(" ", "")):
            j = i
            issuers: list[str] = []
            while (
                j > 0
                and len(paragraphs[j - 1]) <= 30
                and not re.search(r"[。，：；！？]", paragraphs[j - 1])
                and not STANDALONE.match(paragraphs[j - 1])
            ):
                j -= 1
                issuers.insert(0, normalize_spaces(paragraphs[j]))
            return paragraphs[:j], issuers, _parse_date(p), paragraphs[i + 1 :]
    return paragraphs, [], None, []


def _case_heading(paragraph: str) -> re.Match | None:
    """A case's heading (案例一, 案例1：, 典型案例1 …); one with text after a colon only when that text is the
    title and unit (案例1：标题——单位), so that a sentence about a case is not taken for one."""
    match = CASE_HEADING.match(paragraph.replace(" ", ""))
    rest = match.group("rest") if match else None
    if rest and not (TITLE_UNIT.match(rest) or _colon_title_unit(rest)):
        return None
    return match


def _title_on_heading_line(line: str) -> list[str]:
    """What follows a heading's colon on its line (案例1：标题——单位), with its spaces, as a paragraph of its own."""
    match = CASE_HEADING.match(line.strip())
    return [match.group("rest")] if match and match.group("rest") else []


def _case_number(text: str) -> int:
    return int(text) if text.isdigit() else parse_chinese_number(text)


def _colon_title_unit(text: str) -> re.Match | None:
    """标题：单位, where what follows the colon ends as a unit's name does."""
    match = TITLE_COLON.match(text)
    return match if match and UNIT_END.search(match.group("unit")) else None


def _unit_like(text: str) -> bool:
    """Reads as a unit's name: short, no clause or colon in it, and ends as a unit's name does (or is very short)."""
    text = text.strip()
    return (
        len(text) <= 40 and not re.search(r"[，,。；;：:]", text) and (bool(UNIT_END.search(text)) or len(text) <= 12)
    )


def _title_and_unit(heading: str, following: list[str]) -> tuple[str, str, int]:
    """The case's title and unit, and how many of the `following` paragraphs they took: 标题——单位 (any dash),
    标题：单位, or the title, then the unit on a line of its own (——单位, or a name that ends as a unit's)."""
    if not following:
        raise NoticeImportError(t("{heading}: no title line after the heading", heading=heading), excerpt=heading)
    first = following[0]
    dashed = TITLE_UNIT.match(first)
    # a unit as it reads: ends as a unit's name does, or is short and holds no clause (a title may hold a dash:
    # 探索医院—社区一体化管理模式，…)
    if dashed and _unit_like(dashed.group("unit")):
        return dashed.group("title"), dashed.group("unit"), 1
    if match := _colon_title_unit(first):
        return match.group("title"), match.group("unit"), 1
    second = following[1].strip() if len(following) > 1 else ""
    unit = second.lstrip("—－- ")
    if second and (second != unit or (_unit_like(unit) and UNIT_END.search(unit))):
        return first, unit, 2
    if dashed:
        return dashed.group("title"), dashed.group("unit"), 1
    raise NoticeImportError(
        t(
            "{heading}: the line after the heading should be 标题——单位 (or 标题：单位, or the title with the unit on "
            "the next line), found '{found}'",
            heading=heading,
            found=first[:60],
        ),
        excerpt=first,
    )


def _parse_full_cases(paragraphs: list[str], source: str) -> tuple[list[str], list[ImportedCase], str]:
    """Cut `paragraphs` at each case heading; return the paragraphs before the first, the cases, their series."""
    starts = [i for i, p in enumerate(paragraphs) if _case_heading(p)]
    cases: list[ImportedCase] = []
    raw_blocks = _raw_case_blocks(source)
    prefix = ""
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(paragraphs)
        heading = _case_heading(paragraphs[start])
        prefix = prefix or heading.group("prefix")
        number = _case_number(heading.group("number"))
        following = _title_on_heading_line(paragraphs[start]) + paragraphs[start + 1 : end]
        title, unit, used = _title_and_unit(paragraphs[start], following)
        body = [normalize_spaces(p) for p in following[used:]]
        cases.append(
            ImportedCase(
                number=number,
                title=normalize_spaces(title, keep_between_cjk=True),
                unit=normalize_spaces(unit),
                body=to_markdown(body),
                source_text=raw_blocks.get(number, ""),
            )
        )
    return paragraphs[: starts[0]] if starts else paragraphs, cases, prefix


def _raw_case_blocks(source: str) -> dict[int, str]:
    """Each case's raw text (title line and body), straight from the source."""
    blocks: dict[int, str] = {}
    lines = source.split("\n")
    heads = [(i, _case_heading(line.strip())) for i, line in enumerate(lines)]
    heads = [(i, m) for i, m in heads if m]
    for n, (i, m) in enumerate(heads):
        end = heads[n + 1][0] if n + 1 < len(heads) else len(lines)
        blocks[_case_number(m.group("number"))] = "\n".join(_title_on_heading_line(lines[i]) + lines[i + 1 : end])
    return blocks


GROUP_MARK = re.compile(
    rf"^(?:[{NUM_CN}]+、|[（(][{NUM_CN}]+[）)]|\d{{1,2}}[.．、](?!\d)|[\u2460-\u2473]|第[{NUM_CN}]+部分[:：]?)"
)
"""How a group of a list is numbered: 一、 （一） (一) 1. 1、 ① 第一部分."""


GROUP_HEADING_MAX = 40
"""A group heading is a short line: longer, a numbered line is a sentence of the text."""


def _theme_heading(paragraph: str) -> list[str] | None:
    """一、强化健康教育主题, 一、合理膳食, （一）… (一)… 1. … 1、… ①… 第一部分… → [强化健康教育]; names joined by
    、 give several themes.  A numbered line that holds a title (《) or a unit and its case (：) is an entry, not a
    heading.

    >>> _theme_heading("一、合理膳食"), _theme_heading("（二）强化健康教育主题"), _theme_heading("1.某医院：《题》")
    (['合理膳食'], ['强化健康教育'], None)
    """
    flat = paragraph.replace(" ", "").replace("\u3000", "")
    marker = GROUP_MARK.match(flat)
    if not marker or len(flat) > GROUP_HEADING_MAX or re.search(r"[《》:：。，,；;]", flat[marker.end() :]):
        return None
    names = flat[marker.end() :].removesuffix("主题")
    return [n for n in names.split("、") if n] or None


_INDENT = re.compile(r"^[ \t\u3000]{2,}")


def _joined_paragraphs(lines: list[str]) -> list[str]:
    """Where paragraphs start indented (a PDF's or Word file's text, as sources.py gives it), a paragraph's
    wrapped lines joined into one: a list entry or a heading that wrapped is one line again."""
    if sum(1 for line in lines if _INDENT.match(line)) < max(3, len(lines) // 8):
        return lines
    out: list[str] = []
    for line in lines:
        if out and line.strip() and not _INDENT.match(line):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return out


def _list_entry_start(line: str, title_first: bool) -> bool:
    """The first line of a list entry: 单位:《 (《 may start the next line), 单位《 where 单位 reads as a unit's name,
    or 《标题》（单位） — its first entry whole on its line, later ones (`title_first`) from their 《 on."""
    if re.match(r"^[^:：《》]{2,80}[:：]\s*(《|$)", line):
        return True
    unit = re.match(r"^([^:：《》]{2,80})《", line)
    if unit and _unit_like(unit.group(1)) and UNIT_END.search(unit.group(1).strip()):
        return True
    return bool(re.match(r"^《[^》]+》\s*[（(]", line)) or (title_first and line.startswith("《"))


def _parse_list(source: str) -> tuple[list[ImportedCase], str]:
    """The annex's `单位:《标题》` entries, with the theme heading each stands under."""
    lines = _joined_paragraphs(source.replace("\r\n", "\n").split("\n"))
    start = next((i for i, l in enumerate(lines) if re.fullmatch(r"\s*附\s*件\s*", l)), None)
    if start is None:
        return [], ""
    cases: list[ImportedCase] = []
    themes: list[str] = []
    group = ""
    title = ""
    pending = ""
    for line in lines[start + 1 :]:
        text = line.strip()
        if not text:
            continue
        if pending:
            pending += text
        elif (names := _theme_heading(text)) is not None:
            themes = names
            group = re.sub(r"\s+", "", text)
            continue
        elif _list_entry_start(text, title_first=bool(cases) and cases[-1].source_text.startswith("《")):
            pending = text
        else:
            if not cases and not title:
                title = normalize_spaces(text)
            continue
        # an entry ends where its 《》 close (and, title first, where the unit's brackets close)
        closed = "《" in pending and pending.count("《") <= pending.count("》")
        if closed and pending.startswith("《") and not re.search(r"[）)]$", pending):
            closed = False
        if closed:
            match = LIST_ENTRY_TITLE_FIRST.match(pending) if pending.startswith("《") else LIST_ENTRY.match(pending)
            if not match:
                raise NoticeImportError(
                    t("annex line is not 单位:《标题》, 单位《标题》 or 《标题》（单位）: '{line}'", line=pending[:80]),
                    excerpt=pending,
                )
            cases.append(
                ImportedCase(
                    number=len(cases) + 1,
                    unit=normalize_spaces(match.group("unit")),
                    title=normalize_spaces(match.group("title"), keep_between_cjk=True),
                    theme_names=list(themes),
                    group=group,
                    source_text=pending,
                )
            )
            pending = ""
    if pending:
        raise NoticeImportError(t("annex entry never closes its 《: '{line}'", line=pending[:80]), excerpt=pending)
    return cases, re.sub(r"名单$", "", title)


def _attach_summaries(paragraphs: list[str], cases: list[ImportedCase]) -> None:
    """Give each case the sentences of the notice that speak of its unit."""
    units = sorted({c.unit for c in cases}, key=len, reverse=True)
    found: dict[str, list[str]] = {}
    for paragraph in paragraphs:
        current = None
        for sentence in re.findall(r"[^。]+。?", normalize_spaces(paragraph)):
            unit = next((u for u in units if sentence.startswith(u)), None)
            if unit:
                current = unit
            elif sentence.startswith(("(", "（")) or H_SECTION.match(sentence):
                current = None
            if current:
                found.setdefault(current, []).append(sentence)
    for case in cases:
        case.summary = "".join(found.get(case.unit, []))


def parse_notice(text: str) -> ImportedNotice:
    """Read a notice's raw text; raise NoticeImportError when its shape is not understood, with the line of the
    source where reading stopped."""
    try:
        return _parse_notice(text)
    except NoticeImportError as error:
        if error.line is None and error.excerpt:
            error.line = line_of(text, error.excerpt)
        raise


def line_of(text: str, excerpt: str) -> int | None:
    """The line of `text` where `excerpt` starts (spaces and line breaks aside: the excerpt may be a joined
    paragraph).

    >>> line_of("第一行\\n第二 行内容\\n", "行内容")
    2
    """
    wanted = re.sub(r"\s", "", excerpt)[:12]
    if not wanted:
        return None
    flat, lines = [], []
    for number, line in enumerate(text.split("\n"), start=1):
        for char in line:
            if not char.isspace():
                flat.append(char)
                lines.append(number)
    at = "".join(flat).find(wanted)
    return lines[at] if at >= 0 else None


def _parse_notice(text: str) -> ImportedNotice:
    if not text.strip():
        raise NoticeImportError(t("the source is empty"))
    header, rest_text = _split_header(text)
    before_cases, cases, series = _parse_full_cases(reflow(rest_text), text)
    style = "full" if cases else "none"
    body_paragraphs, issuers, date, annex = _split_signature(before_cases)
    collection_title = f"{series}案例" if cases else ""
    if not cases:
        listed, list_title = _parse_list(text)
        if listed:
            cases, style, collection_title = listed, "listed", list_title
            _attach_summaries(body_paragraphs, cases)
    # The annex of a listed notice is rendered from the cases, not copied as text, also where the 落款 and date
    # come after it (the text then ends at the annex's own 附件 line).
    if style == "listed":
        body_paragraphs = body_paragraphs[
            : next((i for i, p in enumerate(body_paragraphs) if re.fullmatch(r"\s*附\s*件\s*", p)), None)
        ]
    if style != "listed":
        body_paragraphs += annex
    else:
        # The list itself is written from the cases; what stands before it after the date (the 信息公开 note) is
        # the notice's own text, as the 附件 line above the signature is.
        body_paragraphs += annex[: next((i for i, p in enumerate(annex) if STANDALONE.match(p)), len(annex))]
    kind = _kind_of(header["title"])
    return ImportedNotice(
        title=header["title"],
        kind=kind,
        doc_number=header["doc_number"],
        issuers=issuers or header["issuers"],
        date=date,
        recipients=header["recipients"],
        body=to_markdown([normalize_spaces(p) for p in body_paragraphs]),
        collection_title=normalize_spaces(collection_title),
        cases=cases,
        style=style,
    )


@dataclass
class Fidelity:
    """How much of the source's text the import kept: characters, whitespace aside (and what the source reader
    took out as not the notice: page numbers, running heads, a site's navigation)."""

    source: int
    kept: int
    missing: Counter
    """Characters of the source found fewer times in what the import writes."""

    @property
    def ratio(self) -> float:
        return self.kept / self.source if self.source else 1.0


_MARKUP = re.compile(r"[#*>\\\-\s|]|\[|\]|\(\.\./[^)]*\)")
"""What the Markdown of an import adds: heading and emphasis marks, list dashes, escapes, link targets."""


def fidelity(source_text: str, notice: ImportedNotice) -> Fidelity:
    """Characters of `source_text` (whitespace aside) found in the notice as imported: header, text, signature,
    each case's title, unit, summary and text."""
    written = [
        notice.title,
        notice.doc_number,
        notice.recipients,
        notice.body,
        notice.collection_title,
        *notice.issuers,
        chinese_date(notice.date) if notice.date else "",
    ]
    for case in notice.cases:
        written += [case.title, case.unit, case.summary, case.body, *case.theme_names]
    if notice.style == "listed":  # the annex, written from the cases
        written.append(annex_markdown(notice, "", {case.number: "" for case in notice.cases}))
    elif notice.style == "full":  # the series' name heads each case in the source, the collection's title once
        written += [notice.collection_title.removesuffix("案例")] * len(notice.cases)
        written += [f"案例{chinese_number(case.number)}" for case in notice.cases]
    source = Counter(re.sub(r"\s", "", source_text))
    kept = Counter(_MARKUP.sub("", "".join(written)))
    missing = Counter({char: count - kept[char] for char, count in source.items() if kept[char] < count})
    # characters the structure itself stands for (案例一, 附件, the list's colons and book-title marks) are not
    # text lost: count the letters, digits and Han characters only
    lost = sum(count for char, count in missing.items() if char.isalnum())
    total = sum(count for char, count in source.items() if char.isalnum())
    return Fidelity(total, total - lost, Counter({c: n for c, n in missing.items() if c.isalnum()}))


def with_full_width_punctuation(notice: ImportedNotice) -> ImportedNotice:
    """The notice with half-width marks in Chinese text set full-width (GB/T 15834): title, 主送, text, and each
    case's title, unit, summary and text (import_notice.py --fix-punctuation)."""
    cases = [
        dataclasses.replace(
            case,
            title=to_full_width(case.title),
            unit=to_full_width(case.unit),
            summary=to_full_width(case.summary),
            body=to_full_width(case.body),
        )
        for case in notice.cases
    ]
    return dataclasses.replace(
        notice,
        title=to_full_width(notice.title),
        recipients=to_full_width(notice.recipients),
        body=to_full_width(notice.body),
        collection_title=to_full_width(notice.collection_title),
        cases=cases,
    )


def annex_markdown(notice: ImportedNotice, collection_id: str, links: dict[int, str]) -> str:
    lines = ["## 附件", "", f"**{escape_markdown(notice.collection_title)}名单**", ""]
    current = None
    for case in notice.cases:
        heading = case.group or "、".join(case.theme_names)  # the notice's own heading, numbered as it numbers it
        if heading != current:
            current = heading
            lines += ["", f"### {escape_markdown(heading)}", ""]
        target = f"../cases/{collection_id}/{links[case.number]}"
        lines.append(f"- {escape_markdown(case.unit)}：[《{escape_markdown(case.title)}》]({target})")
    return "\n".join(lines) + "\n"
