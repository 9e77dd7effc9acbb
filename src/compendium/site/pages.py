"""The pieces every page's data is made of: generated pages, and cases, notices and bars as rows.

Links are given as source paths (`cases/<collection>/<slug>.md`,
`collections/<id>.md`); the engine adapter turns them into URLs.  Nothing
here is escaped: templates escape every value they print.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass

from compendium.model.compendium import Case, Notice
from compendium.model.ordering import newest_first
from compendium.site.paths import collection_src

__all__ = [
    "GeneratedPage",
    "case_row",
    "case_link",
    "notice_link",
    "grouped_by_collection",
    "collection_sizes",
    "city_anchor",
    "bars",
    "PAGE_CASES",
    "HOME_LINKS",
    "Part",
    "partition",
    "part_src",
    "part_of",
    "starting_parts",
]

HOME_LINKS = 12
"""The newest collections, and notices, the home page lists; the collections' listing has them all (at 100,000 cases
the home page listed 1,250 collections and as many notices: 657 KB)."""
PAGE_CASES = 500
"""The most cases one index page lists: a theme or a year of 20,000 cases is 40 pages of about 250 KB each, not one
page of 10 MB that a phone gives up on (the cases of one group stay on one page where they fit)."""


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it lives, its title and the template that renders it."""

    src: str
    title: str
    template: str
    kind: str
    """What its data is: home, finder, or the listing or entry kind of an index type (themes, theme …)."""
    key: str = ""
    """Which entry of its index type (a theme's id, a province's code …)."""
    body: str = ""
    """Markdown shown on the page (a collection's preface: its notice's text)."""
    part: int = 1
    """Which page of its entry's listing, when the entry has more cases than one page lists (PAGE_CASES)."""
    parts: tuple[Part, ...] = ()
    """Every page of the entry's listing, when there are several."""
    first: str = ""
    """The first page's source, on the pages after it."""

    @property
    def markdown(self) -> str:
        # Titles come from data files and front matter: a JSON string is a valid YAML scalar.
        return (
            f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\ntemplate: {self.template}\n---\n\n{self.body}"
        )


@dataclass(frozen=True)
class Part:
    """One page of a long listing: the rows it lists, group by group ((group, first row, end row) each)."""

    number: int
    spans: tuple[tuple[int, int, int], ...]


def partition(sizes: list[int], limit: int | None = None) -> list[Part]:
    """The pages of a listing of groups of these sizes, each listing at most `limit` rows: whole groups while they fit,
    a group larger than a page begun where the page has room and cut where it ends (headed again on the next).

    >>> [p.spans for p in partition([3, 2, 4], limit=5)]
    [((0, 0, 3), (1, 0, 2)), ((2, 0, 4),)]
    >>> [p.spans for p in partition([2, 7], limit=5)]
    [((0, 0, 2), (1, 0, 3)), ((1, 3, 7),)]
    """
    limit = limit or PAGE_CASES
    pages: list[list[tuple[int, int, int]]] = [[]]
    room = limit
    for group, size in enumerate(sizes):
        if size > room and pages[-1] and size <= limit:
            pages.append([])
            room = limit
        start = 0
        while start < size:
            if room == 0:
                pages.append([])
                room = limit
            end = min(size, start + room)
            pages[-1].append((group, start, end))
            room -= end - start
            start = end
    return [Part(number, tuple(spans)) for number, spans in enumerate(pages, 1)]


def part_src(src: str, number: int) -> str:
    """Where a page of a listing lives: the first at the entry's own address, the others below it.

    >>> part_src("themes/hc-diet.md", 1), part_src("themes/hc-diet.md", 2), part_src("units/index.md", 2)
    ('themes/hc-diet.md', 'themes/hc-diet/2.md', 'units/2.md')
    """
    if number == 1:
        return src
    return (
        f"{src.removesuffix('index.md')}{number}.md"
        if src.endswith("/index.md")
        else f"{src.removesuffix('.md')}/{number}.md"
    )


def part_of(groups: list[dict], part: Part) -> list[dict]:
    """The groups one page lists, with the cases of that page; a group cut by a page's start says so
    (`continued`); `count` is the whole group's."""
    out = []
    for group, start, end in part.spans:
        whole = groups[group]
        out.append(whole | {"cases": whole["cases"][start:end], "count": len(whole["cases"]), "continued": start > 0})
    return out


def starting_parts(sizes: list[int], limit: int | None = None) -> list[int]:
    """For each group of a listing of groups of these sizes, the number of the page where it starts (`partition`).

    >>> starting_parts([3, 2, 4], limit=5), starting_parts([2, 7, 1], limit=5)
    ([1, 1, 2], [1, 1, 2])
    """
    return [part.number for part in partition(sizes, limit) for _, start, _ in part.spans if start == 0]


def collection_sizes(cases: list[Case]) -> list[int]:
    """The sizes of grouped_by_collection's groups, in its order, without making them."""
    return list(Counter(case.collection.id for case in sorted(cases, key=newest_first)).values())


def contents_anchor(number: int) -> str:
    """The id of a case's line in its collection's 目录."""
    return f"case-{number}"


def demoted(markdown: str) -> str:
    """Headings one level down: a notice's 一、二、 become subheadings of the collection page's 前言."""
    return re.sub(r"^(#{1,5}) ", r"#\1 ", markdown, flags=re.M)


def case_row(case: Case) -> dict:
    """A case as one line of a listing."""
    record = case.record
    return {
        "label": record.number_label,
        "title": record.title,
        "unit": record.unit,
        "place": record.place,
        "year": record.year,
        "collection": record.collection_title,
        "src": record.path,
    }


def case_link(case: Case | None) -> dict | None:
    if case is None:
        return None
    record = case.record
    return {"label": record.number_label, "title": record.title, "unit": record.unit, "src": record.path}


def notice_link(notice: Notice | None) -> dict | None:
    if notice is None:
        return None
    return {
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuers": list(notice.issuers),
        "kind": notice.kind,
        "official": notice.official,
        "src": notice.path,
        "date": notice.date.isoformat() if notice.date else "",
    }


def grouped_by_collection(cases: list[Case]) -> list[dict]:
    """Cases under their collections, newest collection first."""
    groups: dict[str, dict] = {}
    for case in sorted(cases, key=newest_first):
        collection = case.collection
        group = groups.setdefault(
            collection.id,
            {"title": collection.title, "year": collection.year, "src": collection_src(collection.id), "cases": []},
        )
        group["cases"].append(case_row(case))
    return list(groups.values())


def city_anchor(code: str | None) -> str:
    return f"city-{code}" if code else "province-wide"


def bars(items: list[tuple[str, int, str | None]]) -> list[dict]:
    """Bar chart rows: label, value, link, and the bar's share of the largest value in percent."""
    most = max((v for _, v, _ in items), default=0) or 1
    return [
        {"label": label, "value": value, "src": src, "percent": round(100 * value / most, 1)}
        for label, value, src in items
    ]
