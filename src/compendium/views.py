"""Plain data for the pages of a compendium, ready for any template engine.

Links are given as source paths (`cases/<collection>/<slug>.md`,
`collections/<id>.md`); the engine adapter turns them into URLs.  Nothing
here is escaped: templates escape every value they print.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .model import Case, Compendium, Notice
from .taxonomy import Collection

__all__ = ["GeneratedPage", "generated_pages", "case_view", "notice_view", "collection_view", "home_view",
           "collection_src", "site_navigation", "HOME_SRC", "COLLECTIONS_SRC"]

HOME_SRC = "index.md"
COLLECTIONS_SRC = "collections/index.md"


def collection_src(collection_id: str) -> str:
    return f"collections/{collection_id}.md"


def notice_src(slug: str) -> str:
    return f"notices/{slug}.md"


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it lives, its title and the template that renders it."""

    src: str
    title: str
    template: str
    kind: str
    key: str = ""

    @property
    def markdown(self) -> str:
        # Titles come from data files and front matter: quote them for YAML.
        title = self.title.replace("\\", "\\\\").replace('"', '\\"')
        return f'---\ntitle: "{title}"\ntemplate: {self.template}\n---\n'


def generated_pages(compendium: Compendium) -> list[GeneratedPage]:
    pages = [GeneratedPage(HOME_SRC, "首页", "compendium/home.html", "home"),
             GeneratedPage(COLLECTIONS_SRC, "案例批次", "compendium/collections.html", "collections")]
    for collection in _collections(compendium):
        pages.append(GeneratedPage(collection_src(collection.id), collection.title,
                                   "compendium/collection.html", "collection", collection.id))
    return pages


def site_navigation(compendium: Compendium, reference_srcs: list[str]) -> list:
    """The site's small navigation, in MkDocs' nav format (plain lists and dicts).

    Cases are not listed: they are reached through the generated index pages,
    which keeps every page's nav small and the build linear in the number of cases.
    """
    nav: list = [{"首页": HOME_SRC},
                 {"案例批次": [COLLECTIONS_SRC] + [{c.title: collection_src(c.id)} for c in _collections(compendium)]}]
    notices = sorted(compendium.notices, key=lambda n: n.date or dt.date.min, reverse=True)
    if notices:
        nav.append({"通知文件": [n.path for n in notices]})
    if reference_srcs:
        nav.append({"参考资料": sorted(reference_srcs)})
    return nav


def _collections(compendium: Compendium) -> list[Collection]:
    """Newest first, then by id: the order readers expect in a list of batches."""
    return sorted(compendium.taxonomy.collections.values(), key=lambda c: (-c.year, c.id))


def _case_link(case: Case | None) -> dict | None:
    if case is None:
        return None
    return {"label": case.number_label, "title": case.title, "unit": case.unit, "src": case.path}


def _notice_link(notice: Notice | None) -> dict | None:
    if notice is None:
        return None
    return {"title": notice.title, "doc_number": notice.doc_number, "src": notice.path,
            "date": notice.date.isoformat() if notice.date else ""}


def case_view(case: Case, compendium: Compendium) -> dict:
    previous, following = compendium.neighbours(case)
    collection = case.collection
    return {
        "number_label": case.number_label,
        "number": case.number,
        "title": case.title,
        "unit": case.unit,
        "regions": [r.name for r in case.regions],
        "region_label": case.region_label,
        "year": case.year,
        "themes": [{"name": t.name, "id": t.id,
                    "path": " / ".join(x.name for x in compendium.taxonomy.theme_path(t))} for t in case.themes],
        "collection": {"id": collection.id, "title": collection.title, "src": collection_src(collection.id),
                       "full_text": collection.full_text},
        "notice": _notice_link(compendium.notice_for(collection)),
        "summary": case.summary,
        "keywords": list(case.keywords),
        "source": case.source,
        "authors": list(case.authors),
        "date": case.date.isoformat() if case.date else "",
        "has_body": bool(case.body.strip()),
        "previous": _case_link(previous),
        "next": _case_link(following),
    }


def collection_view(collection: Collection, compendium: Compendium) -> dict:
    cases = compendium.cases_in(collection.id)
    return {
        "id": collection.id,
        "title": collection.title,
        "year": collection.year,
        "issuers": list(collection.issuers),
        "description": collection.description,
        "full_text": collection.full_text,
        "notice": _notice_link(compendium.notice_for(collection)),
        "cases": [{"label": c.number_label, "title": c.title, "unit": c.unit, "region": c.region_label,
                   "src": c.path} for c in cases],
    }


def notice_view(notice: Notice, compendium: Compendium) -> dict:
    collection = compendium.taxonomy.collections.get(notice.collection) if notice.collection else None
    return {
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuers": list(notice.issuers),
        "date": notice.date.isoformat() if notice.date else "",
        "date_label": f"{notice.date.year}年{notice.date.month}月{notice.date.day}日" if notice.date else "",
        "kind": notice.kind,
        "recipients": notice.recipients,
        "source": notice.source,
        "collection": {"title": collection.title, "src": collection_src(collection.id),
                       "count": len(compendium.cases_in(collection.id))} if collection else None,
    }


def home_view(compendium: Compendium) -> dict:
    cases = compendium.cases
    return {
        "counts": {
            "cases": len(cases),
            "units": len({c.unit for c in cases}),
            "provinces": len({c.province.code for c in cases if c.province.level == 1}),
            "years": len({c.year for c in cases}),
            "collections": len(compendium.taxonomy.collections),
        },
        "years": sorted({c.year for c in cases}),
        "collections": [collection_view(c, compendium) | {"src": collection_src(c.id),
                                                          "count": len(compendium.cases_in(c.id))}
                        for c in _collections(compendium)],
        "notices": [_notice_link(n) for n in sorted(compendium.notices, key=lambda n: n.date or dt.date.min, reverse=True)],
    }
