"""The nouns of a compendium: Case, Notice and the Compendium that holds them."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Protocol

from compendium.model.fields import CASE_FIELDS, NOTICE_FIELDS
from compendium.model.ordering import within_collection
from compendium.model.regions import Region
from compendium.model.taxonomy import Collection, Taxonomy, Theme
from compendium.text.numerals import chinese_number
from compendium.text.reflow import one_line, plain_text

__all__ = [
    "Case",
    "CaseRecord",
    "Notice",
    "Reference",
    "Compendium",
    "StoredText",
    "text_of",
    "size_of",
    "CASE_FIELDS",
    "NOTICE_FIELDS",
]

DESCRIPTION_LENGTH = 120
"""Characters of a case's description: what search engines, chat previews and feed readers show."""
NOTICE_KINDS = ("通知", "通报", "函", "启事", "公告", "意见", "决定", "批复", "报告")


class StoredText(Protocol):
    """A text left in the file it was read from and read again when asked (content.frontmatter.StoredBody): a
    case's body is read to be checked, indexed and converted, and otherwise needed by nothing; held for the whole
    build it was the largest part of the build's memory (5 KB a case, half a gigabyte at 100,000 cases)."""

    size: int
    """Its characters, blanks at either end left out (0: no text)."""

    def read(self) -> str: ...


def text_of(text: str | StoredText) -> str:
    return text if isinstance(text, str) else text.read()


def size_of(text: str | StoredText) -> int:
    return len(text.strip()) if isinstance(text, str) else text.size


@dataclass(frozen=True)
class Case:
    path: str
    """Path relative to the content folder: cases/<collection>/<slug>.md."""
    slug: str
    title: str
    unit: str
    regions: tuple[Region, ...]
    """From the province (or 全国) down to the most specific level given."""
    year: int
    themes: tuple[Theme, ...]
    collection: Collection
    number: int
    text: str | StoredText = ""
    """The body: as written, or where to read it (a loaded case's, `body`)."""
    values: dict[str, object] = field(default_factory=dict, compare=False)
    """The values of the fields of a plain kind (model.fields: summary, keywords, source, date, authors …) by name:
    text as str, lists as tuples, dates as dt.date; a field left out has its empty value ("", (), None)."""
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Line of each front matter field in the file, for messages about this case."""

    def __hash__(self) -> int:
        # The path identifies a case; the generated hash would walk every field (regions, themes …)
        # on each lookup, and cases are looked up in dicts and sets thousands of times per build.
        return hash(self.path)

    @property
    def body(self) -> str:
        """The case's text (Markdown), read from its file where the loader left it there."""
        return text_of(self.text)

    @property
    def body_size(self) -> int:
        """Characters of the case's text, blanks at either end left out, without reading it."""
        return size_of(self.text)

    # The plain fields the core itself reads (the description, the finder's text and pinyin).
    @property
    def summary(self) -> str:
        return self.values.get("summary", "")

    @property
    def keywords(self) -> tuple[str, ...]:
        return self.values.get("keywords", ())

    @property
    def source(self) -> str:
        return self.values.get("source", "")

    @property
    def date(self) -> dt.date | None:
        return self.values.get("date")

    @property
    def number_label(self) -> str:
        """案例一, 案例十八 … where the notice published the cases' texts; where it published a list (名单), the
        case's place in it, 名单第20项: the list numbers its rows and never calls them 案例二十."""
        if not self.collection.full_text:
            return f"名单第{self.number}项"
        return f"案例{chinese_number(self.number)}"

    @property
    def province(self) -> Region:
        return self.regions[0]

    @property
    def city(self) -> Region | None:
        return self.regions[1] if len(self.regions) > 1 else None

    @property
    def region_label(self) -> str:
        """吉林省长春市朝阳区 — the names joined, as printed."""
        return "".join(r.name for r in self.regions)

    @cached_property
    def description(self) -> str:
        """The summary, else the opening of the text, else what the case is: one line, for previews (the page's
        meta, its JSON-LD and the feed all ask; made once per case)."""
        if self.summary:
            return one_line(self.summary, DESCRIPTION_LENGTH)
        if (body := plain_text(self.body)).strip():
            return one_line(body, DESCRIPTION_LENGTH)
        what = f"{self.unit}：{self.title}。{self.collection.title}（{self.year}年）{self.number_label}。"
        return one_line(what, DESCRIPTION_LENGTH)

    @cached_property
    def record(self) -> CaseRecord:
        """The case as every output shows it (page card, listings, finder, cases.json, print), made once."""
        return CaseRecord(
            path=self.path,
            number=self.number,
            number_label=self.number_label,
            title=self.title,
            unit=self.unit,
            regions=tuple(r.name for r in self.regions),
            region_label=self.region_label,
            year=self.year,
            themes=tuple(t.name for t in self.themes),
            collection=self.collection.id,
            collection_title=self.collection.title,
            values={name: _plain(value) for name, value in self.values.items()},
            has_body=self.body_size > 0,
        )


@dataclass(frozen=True)
class CaseRecord:
    """A case in plain values: the one place where a case becomes what outputs show.

    The fields of a plain kind are in `values` under their names (model.fields declares them); the others are
    attributes, each in one shape: `regions` the names, `region_label` them joined, `collection` the id.
    """

    path: str
    number: int
    number_label: str
    """案例一, 案例十八 …; 名单第20项 for a listed case."""
    title: str
    unit: str
    regions: tuple[str, ...]
    region_label: str
    year: int
    themes: tuple[str, ...]
    collection: str
    """The collection's id."""
    collection_title: str
    values: dict[str, object]
    """Each field of a plain kind by name: text, a tuple of texts, a number, a date as YYYY-MM-DD, or empty."""
    has_body: bool

    @property
    def unit_is_place(self) -> bool:
        """The unit is a region itself (浙江省宁波市, 上海市): the card says it once, its names linking to the
        regions' pages, with no 地区 row of its own."""
        return self.unit == self.region_label

    @property
    def place(self) -> str:
        """The region as every listing shows it beside the unit: nothing where the unit's name already says it
        (上海市; 吉林省长春市中医院 in 吉林省长春市), else its label.  The one rule for the card, the listings and the
        finder's results.

        >>> CaseRecord("a.md", 1, "案例一", "题", "吉林省长春市中医院", ("吉林省", "长春市"), "吉林省长春市", 2024, (), "c",
        ...            "批次", {}, False).place
        ''
        """
        return "" if self.region_label in self.unit else self.region_label

    def value(self, name: str):
        """The value of the field of that name (model.fields), under its front matter name: regions are `region`,
        lists are lists, a collection its id."""
        if name == "region":
            return list(self.regions)
        if name in self.values:
            value = self.values[name]
            return list(value) if isinstance(value, tuple) else value
        value = getattr(self, name)
        return list(value) if isinstance(value, tuple) else value

    def front_matter(self) -> dict:
        """The exported fields under their front matter names, lists as lists: the shape of cases.json."""
        return {f.name: self.value(f.name) for f in CASE_FIELDS if f.export}


def _plain(value):
    """A plain field's value as records carry it: dates as YYYY-MM-DD, lists as tuples, nothing as ''."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


@dataclass(frozen=True)
class Notice:
    path: str
    slug: str
    title: str
    issuers: tuple[str, ...]
    kind: str
    doc_number: str = ""
    date: dt.date | None = None
    collection: str | None = None
    recipients: str = ""
    source: str = ""
    body: str = ""
    official: bool = True
    """Issued by a government or party body; False for a call for cases from a media outlet or an association."""
    field_lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    """Line of each front matter field in the file, for messages about this notice."""

    @property
    def preface(self) -> str:
        """The notice's text without its annex (the list of cases, which a collection's contents replace)."""
        lines = self.body.split("\n")
        end = next((i for i, line in enumerate(lines) if line.strip() in ("## 附件", "# 附件")), len(lines))
        return "\n".join(lines[:end]).strip() + "\n"

    @property
    def annex(self) -> str:
        """The annex (附件), from its heading on; '' when there is none."""
        return self.body.strip()[len(self.preface.strip()) :].strip()

    @property
    def annex_groups(self) -> list[tuple[str, list[str]]]:
        """The annex's list of cases as the notice groups it: each heading as the notice wrote it (一、强化健康教育主题)
        with the paths of the cases linked under it, in order; [] where the annex lists none."""
        groups: list[tuple[str, list[str]]] = []
        for line in self.annex.split("\n"):
            if heading := re.match(r"#{3,6}\s+(.+?)\s*#*$", line):
                groups.append((heading.group(1), []))
            for target in re.findall(r"\]\((?:\.\./)+(cases/[^)#\s]+\.md)\)", line):
                if not groups:
                    groups.append(("", []))
                groups[-1][1].append(target)
        return [(heading, paths) for heading, paths in groups if paths]

    @property
    def annotation(self) -> str:
        """The 附注, （信息公开形式：主动公开）, wherever the text has it: it is printed after the date (GB/T 9704
        7.3.6), and the sources put it before the 附件 list."""
        return next((line.strip() for line in self.preface.split("\n") if ANNOTATION.fullmatch(line.strip())), "")

    @property
    def text(self) -> str:
        """The preface without its 附注: the text that stands between 主送 and 落款."""
        lines = [line for line in self.preface.split("\n") if not ANNOTATION.fullmatch(line.strip())]
        return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


ANNOTATION = re.compile(r"[（(]\s*(?:信息公开形式|此件)[^（()）\n]*[）)]")
"""A notice's 附注: （信息公开形式：主动公开）, （此件公开发布）."""


@dataclass(frozen=True)
class Reference:
    """A page of reference material (content/reference/<section>/…): texts that are neither cases nor official
    documents, such as sample work plans collected from the web.  Shown apart, with where they come from."""

    path: str
    title: str
    source: str = ""

    @property
    def section(self) -> str:
        """The section's folder: reference/work-plans."""
        return "/".join(self.path.split("/")[:2])

    @property
    def is_section_index(self) -> bool:
        return self.path == f"{self.section}/index.md"


@dataclass
class Compendium:
    """Everything a build needs, checked and cross-linked."""

    taxonomy: Taxonomy
    cases: list[Case] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)

    def cases_in(self, collection_id: str) -> list[Case]:
        """A collection's cases in their published order."""
        return self._by_collection.get(collection_id, [])

    def listed_groups(self, collection: Collection) -> list[tuple[str, list[Case]]]:
        """A collection's cases as its notice's list groups them (the annex's headings, verbatim, in its order);
        a case the list does not name joins a group named after its first theme, after them."""
        cases = self.cases_in(collection.id)
        by_path = {case.path: case for case in cases}
        notice = self.notice_for(collection)
        groups: dict[str, list[Case]] = {}
        listed: set[str] = set()
        for heading, paths in notice.annex_groups if notice else []:
            found = [by_path[path] for path in paths if path in by_path and path not in listed]
            listed.update(case.path for case in found)
            if found:
                groups.setdefault(heading, []).extend(found)
        for case in cases:
            if case.path not in listed:
                groups.setdefault(case.themes[0].name if case.themes else "", []).append(case)
        return [(heading, sorted(members, key=lambda c: c.number)) for heading, members in groups.items()]

    def notice_for(self, collection: Collection) -> Notice | None:
        return self._notice_by_slug.get(collection.notice)

    def issuers_of(self, collection: Collection) -> tuple[str, ...]:
        """The bodies that issued a collection: its notice's issuers, or the collection's own where it has no notice."""
        notice = self.notice_for(collection)
        return notice.issuers if notice else collection.issuers

    def case_by_path(self, path: str) -> Case | None:
        return self._by_path.get(path)

    def notice_by_path(self, path: str) -> Notice | None:
        return self._notice_by_path.get(path)

    def reference_by_path(self, path: str) -> Reference | None:
        return self._reference_by_path.get(path)

    @property
    def reference_sections(self) -> list[Reference]:
        """The index page of each reference section, by path."""
        return sorted((r for r in self.references if r.is_section_index), key=lambda r: r.path)

    def neighbours(self, case: Case) -> tuple[Case | None, Case | None]:
        """Previous and next case in the same collection."""
        siblings = self.cases_in(case.collection.id)
        i = self._position[case.path]
        return (siblings[i - 1] if i > 0 else None, siblings[i + 1] if i + 1 < len(siblings) else None)

    # Lookups, computed once: a Compendium is not changed after loading.

    @cached_property
    def _by_collection(self) -> dict[str, list[Case]]:
        out: dict[str, list[Case]] = {}
        for case in sorted(self.cases, key=within_collection):
            out.setdefault(case.collection.id, []).append(case)
        return out

    @cached_property
    def _position(self) -> dict[str, int]:
        return {c.path: i for cases in self._by_collection.values() for i, c in enumerate(cases)}

    @cached_property
    def _by_path(self) -> dict[str, Case]:
        return {c.path: c for c in self.cases}

    # by slug or path, the first of the list where two had the same (as a search of the list finds it): a page
    # looked up its notice among every notice (1,250 at 100,000 cases) for each of 100,000 case pages
    @cached_property
    def _notice_by_slug(self) -> dict[str, Notice]:
        return {n.slug: n for n in reversed(self.notices)}

    @cached_property
    def _notice_by_path(self) -> dict[str, Notice]:
        return {n.path: n for n in reversed(self.notices)}

    @cached_property
    def _reference_by_path(self) -> dict[str, Reference]:
        return {r.path: r for r in reversed(self.references)}
