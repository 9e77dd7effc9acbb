"""The pieces every page's data is made of: generated pages, and cases, notices and bars as rows.

Links are given as source paths (`cases/<collection>/<slug>.md`,
`collections/<id>.md`); the engine adapter turns them into URLs.  Nothing
here is escaped: templates escape every value they print.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from compendium.model.compendium import Case, Notice
from compendium.model.ordering import newest_first
from compendium.site.paths import collection_src

__all__ = ["GeneratedPage", "case_row", "case_link", "notice_link", "grouped_by_collection", "city_anchor", "bars"]


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

    @property
    def markdown(self) -> str:
        # Titles come from data files and front matter: a JSON string is a valid YAML scalar.
        return (
            f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\ntemplate: {self.template}\n---\n\n{self.body}"
        )


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
