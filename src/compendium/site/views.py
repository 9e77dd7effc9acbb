"""Plain data for the pages of a compendium, ready for any template engine.

Links are given as source paths (`cases/<collection>/<slug>.md`,
`collections/<id>.md`); the engine adapter turns them into URLs.  Nothing
here is escaped: templates escape every value they print.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from compendium.model.compendium import Case, Compendium, Notice
from compendium.model.ordering import collections_newest_first, newest_first, notices_newest_first
from compendium.model.taxonomy import Collection
from compendium.site.indexes import Indexes, ProvinceNode, ThemeNode
from compendium.site.paths import (
    COLLECTIONS_SRC,
    FINDER_DATA,
    FINDER_SRC,
    HOME_SRC,
    REGIONS_SRC,
    THEMES_SRC,
    UNITS_SRC,
    YEARS_SRC,
    collection_src,
    region_src,
    theme_src,
    year_src,
)
from compendium.text.numerals import chinese_date

__all__ = [
    "GeneratedPage",
    "generated_pages",
    "page_view",
    "case_view",
    "notice_view",
    "collection_view",
    "home_view",
    "site_navigation",
]


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it lives, its title and the template that renders it."""

    src: str
    title: str
    template: str
    kind: str
    key: str = ""
    body: str = ""
    """Markdown shown on the page (a collection's preface: its notice's text)."""

    @property
    def markdown(self) -> str:
        # Titles come from data files and front matter: a JSON string is a valid YAML scalar.
        return (
            f"---\ntitle: {json.dumps(self.title, ensure_ascii=False)}\ntemplate: {self.template}\n---\n\n{self.body}"
        )


def generated_pages(compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
    """Every page the build adds: home, the indexes and one page per collection, theme, province, year."""
    pages = [
        GeneratedPage(HOME_SRC, "首页", "compendium/home.html", "home"),
        GeneratedPage(COLLECTIONS_SRC, "按批次", "compendium/collections.html", "collections"),
        GeneratedPage(THEMES_SRC, "按主题", "compendium/themes.html", "themes"),
        GeneratedPage(REGIONS_SRC, "按地区", "compendium/regions.html", "regions"),
        GeneratedPage(YEARS_SRC, "按年份", "compendium/years.html", "years"),
        GeneratedPage(UNITS_SRC, "单位索引", "compendium/units.html", "units"),
        GeneratedPage(FINDER_SRC, "检索", "compendium/finder.html", "finder"),
    ]
    for collection in _collections(compendium):
        notice = compendium.notice_for(collection)
        # The preface sits where the notice does (one folder down), so its relative links still work.
        pages.append(
            GeneratedPage(
                collection_src(collection.id),
                collection.title,
                "compendium/collection.html",
                "collection",
                collection.id,
                notice.preface if notice else "",
            )
        )
    for node in ix.theme_nodes.values():
        if node.total:
            pages.append(
                GeneratedPage(theme_src(node.theme), node.theme.name, "compendium/theme.html", "theme", node.theme.id)
            )
    for province in ix.provinces:
        if province.total:
            pages.append(
                GeneratedPage(
                    region_src(province.region),
                    province.region.name,
                    "compendium/region.html",
                    "region",
                    province.region.code,
                )
            )
    for year in ix.years:
        pages.append(GeneratedPage(year_src(year), f"{year}年", "compendium/year.html", "year", str(year)))
    return pages


NAV_NEWEST = 10
"""Collections (and notices) listed in the navigation: every page carries the nav."""


def site_navigation(compendium: Compendium, reference_srcs: list[str]) -> list:
    """The site's small navigation, in MkDocs' nav format (plain lists and dicts).

    Cases are not listed: they are reached through the generated index pages,
    which keeps every page's nav small and the build linear in the number of cases.
    For the same reason only the newest collections and notices are listed; the
    collections page (浏览 → 按批次) lists them all, each with its notice.
    """
    nav: list = [
        {"首页": HOME_SRC},
        {"浏览": [{title: src} for title, src, _ in WAYS_IN]},
        {"案例批次": [{c.title: collection_src(c.id)} for c in _collections(compendium)[:NAV_NEWEST]]},
    ]
    notices = sorted(compendium.notices, key=notices_newest_first)
    if notices:
        nav.append({"通知文件": [n.path for n in notices[:NAV_NEWEST]]})
    if reference_srcs:
        nav.append({"参考资料": sorted(reference_srcs)})
    return nav


def _collections(compendium: Compendium) -> list[Collection]:
    return sorted(compendium.taxonomy.collections.values(), key=collections_newest_first)


def _case_link(case: Case | None) -> dict | None:
    if case is None:
        return None
    record = case.record
    return {"label": record.number_label, "title": record.title, "unit": record.unit, "src": record.path}


def _notice_link(notice: Notice | None) -> dict | None:
    if notice is None:
        return None
    return {
        "title": notice.title,
        "doc_number": notice.doc_number,
        "src": notice.path,
        "date": notice.date.isoformat() if notice.date else "",
    }


def case_row(case: Case) -> dict:
    """A case as one line of a listing."""
    record = case.record
    return {
        "label": record.number_label,
        "title": record.title,
        "unit": record.unit,
        "region": record.region_label,
        "year": record.year,
        "collection": record.collection_title,
        "src": record.path,
    }


def _grouped_by_collection(cases: list[Case]) -> list[dict]:
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


def case_view(case: Case, compendium: Compendium, ix: Indexes) -> dict:
    previous, following = compendium.neighbours(case)
    collection = case.collection
    province = case.province
    region_links = [
        {"name": r.name, "src": region_src(province), "anchor": city_anchor(r.code) if r.level == 2 else ""}
        for r in case.regions[:2]
    ]
    region_links += [{"name": r.name, "src": None, "anchor": ""} for r in case.regions[2:]]
    # The record's plain values, with its themes and collection as links.
    return asdict(case.record) | {
        "region_links": region_links,
        "year_link": {"src": year_src(case.year)},
        "related": [case_row(c) for c in ix.related(case)],
        "themes": [
            {
                "name": t.name,
                "id": t.id,
                "src": theme_src(t),
                "path": " / ".join(x.name for x in compendium.taxonomy.theme_path(t)),
            }
            for t in case.themes
        ],
        "collection": {
            "id": collection.id,
            "title": collection.title,
            "src": collection_src(collection.id),
            "full_text": collection.full_text,
        },
        "notice": _notice_link(compendium.notice_for(collection)),
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
        "cases": [case_row(c) for c in cases],
    }


def notice_view(notice: Notice, compendium: Compendium) -> dict:
    collection = compendium.taxonomy.collections.get(notice.collection) if notice.collection else None
    return {
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuers": list(notice.issuers),
        "date": notice.date.isoformat() if notice.date else "",
        "date_label": chinese_date(notice.date) if notice.date else "",
        "kind": notice.kind,
        "recipients": notice.recipients,
        "source": notice.source,
        "collection": {
            "title": collection.title,
            "src": collection_src(collection.id),
            "count": len(compendium.cases_in(collection.id)),
        }
        if collection
        else None,
    }


def _bars(items: list[tuple[str, int, str | None]]) -> list[dict]:
    """Bar chart rows: label, value, link, and the bar's share of the largest value in percent."""
    most = max((v for _, v, _ in items), default=0) or 1
    return [
        {"label": label, "value": value, "src": src, "percent": round(100 * value / most, 1)}
        for label, value, src in items
    ]


def _theme_bars(ix: Indexes, limit: int = 12) -> list[dict]:
    leaves = [n for n in ix.theme_nodes.values() if not n.children and n.total]
    leaves.sort(key=lambda n: (-n.total, n.theme.name))
    return _bars([(n.theme.name, n.total, theme_src(n.theme)) for n in leaves[:limit]])


def _year_bars(ix: Indexes) -> list[dict]:
    return _bars([(f"{year}年", len(cases), year_src(year)) for year, cases in sorted(ix.years.items())])


WAYS_IN = [
    ("检索", FINDER_SRC, "中文、拼音、首字母"),
    ("按批次", COLLECTIONS_SRC, "通知公布的顺序与编号"),
    ("按主题", THEMES_SRC, "主题分类及案例数"),
    ("按地区", REGIONS_SRC, "省、市两级"),
    ("按年份", YEARS_SRC, "逐年浏览"),
    ("单位索引", UNITS_SRC, "按拼音 A–Z"),
]


def home_view(compendium: Compendium, ix: Indexes) -> dict:
    cases = compendium.cases
    return {
        "ways": [{"title": t, "src": src, "note": note} for t, src, note in WAYS_IN],
        "tiles": ix.tile_map,
        "national": _national(ix),
        "year_bars": _year_bars(ix),
        "theme_bars": _theme_bars(ix),
        "counts": {
            "cases": len(cases),
            "units": len({c.unit for c in cases}),
            "provinces": len({c.province.code for c in cases if c.province.level == 1}),
            "years": len({c.year for c in cases}),
            "collections": len(compendium.taxonomy.collections),
        },
        "years": sorted({c.year for c in cases}),
        "collections": [
            collection_view(c, compendium) | {"src": collection_src(c.id), "count": len(compendium.cases_in(c.id))}
            for c in _collections(compendium)
        ],
        "notices": [_notice_link(n) for n in sorted(compendium.notices, key=notices_newest_first)],
    }


def _national(ix: Indexes) -> list[dict]:
    """Top-level regions that are not on the map (全国), with their counts."""
    return [
        {"name": p.region.name, "count": p.total, "src": region_src(p.region)}
        for p in ix.provinces
        if p.region.level == 0 and p.total
    ]


def _theme_tree(nodes: list[ThemeNode]) -> list[dict]:
    return [
        {
            "name": n.theme.name,
            "id": n.theme.id,
            "total": n.total,
            "direct": len(n.cases),
            "src": theme_src(n.theme) if n.total else None,
            "description": n.theme.description,
            "children": _theme_tree(n.children),
        }
        for n in nodes
    ]


def themes_view(ix: Indexes) -> dict:
    return {"tree": _theme_tree(ix.theme_tree), "bars": _theme_bars(ix, limit=20)}


def theme_view(node: ThemeNode, ix: Indexes) -> dict:
    path = ix.taxonomy.theme_path(node.theme)
    return {
        "name": node.theme.name,
        "description": node.theme.description,
        "aliases": list(node.theme.aliases),
        "total": node.total,
        "breadcrumbs": [{"name": "按主题", "src": THEMES_SRC}]
        + [{"name": t.name, "src": theme_src(t)} for t in path[:-1]],
        "children": [
            {"name": c.theme.name, "total": c.total, "src": theme_src(c.theme) if c.total else None}
            for c in node.children
        ],
        "groups": _grouped_by_collection(node.all_cases),
    }


def regions_view(ix: Indexes) -> dict:
    return {
        "tiles": ix.tile_map,
        "provinces": [
            {
                "name": p.region.name,
                "code": p.region.code,
                "total": p.total,
                "src": region_src(p.region) if p.total else None,
                "cities": [
                    {
                        "name": g.region.name if g.region else "省级",
                        "count": len(g.cases),
                        "anchor": city_anchor(g.region.code if g.region else None),
                    }
                    for g in p.cities
                ],
            }
            for p in ix.provinces
        ],
    }


def region_view(province: ProvinceNode) -> dict:
    label = "全国性" if province.region.level == 0 else "全省（区、市）"
    return {
        "parent": {"name": "按地区", "src": REGIONS_SRC},
        "name": province.region.name,
        "code": province.region.code,
        "total": province.total,
        "cities": [
            {
                "name": g.region.name if g.region else label,
                "anchor": city_anchor(g.region.code if g.region else None),
                "count": len(g.cases),
                "cases": [case_row(c) for c in g.cases],
            }
            for g in province.cities
        ],
    }


def years_view(ix: Indexes) -> dict:
    return {
        "years": [{"year": y, "count": len(c), "src": year_src(y)} for y, c in ix.years.items()],
        "bars": _year_bars(ix),
    }


def year_view(year: int, ix: Indexes) -> dict:
    cases = ix.years[year]
    return {
        "parent": {"name": "按年份", "src": YEARS_SRC},
        "year": year,
        "total": len(cases),
        "groups": _grouped_by_collection(cases),
    }


def units_view(ix: Indexes) -> dict:
    return {
        "total": len(ix.units),
        "letters": [
            {"letter": letter, "entries": [{"unit": e.unit, "cases": [case_row(c) for c in e.cases]} for e in entries]}
            for letter, entries in ix.units_by_letter.items()
        ],
    }


def page_view(page: GeneratedPage, compendium: Compendium, ix: Indexes) -> dict:
    """The data of a generated page, by its kind."""
    if page.kind == "collection":
        return collection_view(compendium.taxonomy.collections[page.key], compendium)
    if page.kind == "theme":
        return theme_view(ix.theme_nodes[page.key], ix)
    if page.kind == "region":
        return region_view(next(p for p in ix.provinces if p.region.code == page.key))
    if page.kind == "year":
        return year_view(int(page.key), ix)
    views = {
        "home": lambda: home_view(compendium, ix),
        "collections": lambda: home_view(compendium, ix),
        "themes": lambda: themes_view(ix),
        "regions": lambda: regions_view(ix),
        "years": lambda: years_view(ix),
        "units": lambda: units_view(ix),
        "finder": lambda: {
            "data": {"src": f"{FINDER_DATA}/meta.js"},
            "themes": {"src": THEMES_SRC},
            "regions": {"src": REGIONS_SRC},
        },
    }
    return views[page.kind]()
