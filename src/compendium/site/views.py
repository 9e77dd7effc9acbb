"""The data of each page that is not an index: the home page, case pages, notice pages, and which pages there are.

Links are given as source paths; the engine adapter turns them into URLs.
Nothing here is escaped: templates escape every value they print.
"""

from __future__ import annotations

from dataclasses import asdict

from compendium.model.compendium import Case, Compendium, Notice, Reference
from compendium.model.fields import CASE_FIELDS, COLLECTION, REGION, TEXTS, THEMES, Field
from compendium.model.ordering import notices_newest_first
from compendium.site.indexes import INDEX_TYPES, Indexes
from compendium.site.indexes.collections import collection_list, collections_newest
from compendium.site.indexes.issuers import issuer_entries
from compendium.site.indexes.regions import national
from compendium.site.indexes.themes import theme_bars
from compendium.site.indexes.years import year_bars
from compendium.site.pages import (
    HOME_LINKS,
    GeneratedPage,
    case_link,
    case_row,
    city_anchor,
    contents_anchor,
    notice_link,
)
from compendium.site.paths import (
    COLLECTIONS_SRC,
    FINDER_DATA,
    FINDER_SRC,
    HOME_SRC,
    REGIONS_SRC,
    THEMES_SRC,
    UNITS_SRC,
    collection_src,
    issuer_src,
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
    "reference_view",
    "home_view",
    "site_navigation",
    "ways_in",
]

FINDER_TITLE, FINDER_NOTE = "检索", "中文、拼音、首字母"


def generated_pages(compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
    """Every page the build adds: home, each index type's listing, the finder, then every index entry's page."""
    pages = [GeneratedPage(HOME_SRC, "首页", "compendium/home.html", "home")]
    pages += [page for index in INDEX_TYPES for page in index.listing_pages(compendium, ix)]
    pages.append(GeneratedPage(FINDER_SRC, FINDER_TITLE, "compendium/finder.html", "finder"))
    for index in INDEX_TYPES:
        pages += index.entry_pages(compendium, ix)
    return pages


def ways_in() -> list[tuple[str, str, str]]:
    """(title, page, note) of every way into the compendium: the finder, then each index type."""
    return [(FINDER_TITLE, FINDER_SRC, FINDER_NOTE)] + [(i.title, i.listing_src, i.note) for i in INDEX_TYPES]


NAV_NEWEST = 10
"""Collections (and notices) listed in the navigation: every page carries the nav."""


def site_navigation(compendium: Compendium) -> list:
    """The site's small navigation, in MkDocs' nav format (plain lists and dicts).

    Cases are not listed: they are reached through the generated index pages,
    which keeps every page's nav small and the build linear in the number of cases.
    For the same reason only the newest collections and notices are listed; the
    collections page (浏览 → 按批次) lists them all, each with its notice.  Official documents and the
    calls of other organisers are listed apart; reference material is not in the navigation at all (the home
    page links it, with a note), so that it never stands beside the official documents on every page.
    """
    nav: list = [
        {"首页": HOME_SRC},
        {"浏览": [{title: src} for title, src, _ in ways_in()]},
        {"案例批次": [{c.title: collection_src(c.id)} for c in collections_newest(compendium)[:NAV_NEWEST]]},
    ]
    notices = sorted(compendium.notices, key=notices_newest_first)
    if official := [n.path for n in notices if n.official]:
        nav.append({"通知文件": official[:NAV_NEWEST]})
    if others := [n.path for n in notices if not n.official]:
        nav.append({"其他单位文件": others[:NAV_NEWEST]})
    return nav


REFERENCE_NOTE = "参考资料不是官方文件，也不是入选案例，内容未经审核，仅供参考。"


def reference_view(reference: Reference, compendium: Compendium) -> dict:
    section = compendium.reference_by_path(f"{reference.section}/index.md")
    return {
        "title": reference.title,
        "source": reference.source,
        "note": REFERENCE_NOTE,
        "section": {"title": section.title, "src": section.path} if section and section != reference else None,
    }


def case_view(case: Case, compendium: Compendium, ix: Indexes) -> dict:
    previous, following = compendium.neighbours(case)
    collection = case.collection
    notice = compendium.notice_for(collection)
    record = case.record
    # The record's plain values (its declared fields by name too), with its themes and collection as links.
    return (
        asdict(record)
        | record.values
        | {
            "card": case_card(case, compendium, ix),
            "related": [case_row(c) for c in ix.related(case)],
            "collection": {
                "id": collection.id,
                "title": collection.title,
                "src": collection_src(collection.id),
                "full_text": collection.full_text,
            },
            "notice": notice_link(notice),
            "contents_anchor": contents_anchor(case.number),
            "previous": case_link(previous),
            "next": case_link(following),
        }
    )


def _item(text: str, src: str | None = None, anchor: str = "", title: str = "", after: str = "") -> dict:
    """One thing a card row shows: a text, a link when `src` is given, and a text after it."""
    return {"text": text, "src": src, "anchor": anchor, "title": title, "after": after}


def _card_items(f: Field, case: Case, compendium: Compendium, ix: Indexes) -> list[dict]:
    """What the card shows of one field (model.fields): the vocabularies' values as links to their pages."""
    if f.kind == REGION:
        # the province's page, and the city on the page of the province's listing that has it
        province = case.province
        city = ix.city_src(ix.province(province.code), case.city) if case.city else None
        return [
            _item(
                r.name, (region_src(province), city)[i] if i < 2 else None, city_anchor(r.code) if r.level == 2 else ""
            )
            for i, r in enumerate(case.regions)
        ]
    if f.kind == THEMES:
        taxonomy = compendium.taxonomy
        return [
            _item(t.name, theme_src(t), title=" / ".join(x.name for x in taxonomy.theme_path(t))) for t in case.themes
        ]
    if f.kind == COLLECTION:
        return [_item(case.collection.title, collection_src(case.collection.id), after=f"，{case.number_label}")]
    if f.name == "year":
        return [_item(str(case.year), year_src(case.year))]
    value = case.record.value(f.name)
    if f.name == "source" and (notice := compendium.notice_for(case.collection)) and notice.doc_number:
        # No 来源 that only repeats the notice's 文号, which the 通知 row gives.
        value = "" if str(value).startswith(notice.doc_number) else value
    if f.kind == TEXTS:
        return [_item(str(v)) for v in value]
    return [_item(str(value))] if value not in ("", None) else []


_SEPARATORS = {REGION: " · ", THEMES: "", TEXTS: "、"}


def _row(name: str, label: str, items: list[dict], separator: str = "", tags: bool = False) -> dict:
    """A row of the card: `name` gives its class (cc-meta__unit), `tags` shows its links as tags."""
    return {"name": name, "label": label, "items": items, "separator": separator, "tags": tags}


def case_card(case: Case, compendium: Compendium, ix: Indexes) -> list[dict]:
    """The rows of a case's card, in the order of the declarations (model.fields: `card`), empty ones left out.

    Each row (`_row`): its field's name, its label and its items (a text, a link's `src`, a text after it).  The card says
    each thing once: a unit that is a place (浙江省宁波市) is its region's names, linked, in one row 单位（地区）;
    the 通知 row follows the 批次 row.
    """
    rows = []
    for f in CASE_FIELDS:
        if not f.card or (f.kind == REGION and case.record.unit_is_place):
            continue
        if f.name == "unit" and case.record.unit_is_place:
            items = _card_items(next(x for x in CASE_FIELDS if x.kind == REGION), case, compendium, ix)
            rows.append(_row(f.name, f"{f.label}（地区）", items))
            continue
        items = _card_items(f, case, compendium, ix)
        if items:
            rows.append(_row(f.name, f.label, items, _SEPARATORS.get(f.kind, ""), tags=f.kind == THEMES))
        notice = compendium.notice_for(case.collection) if f.kind == COLLECTION else None
        if notice is not None:
            after = f"（{notice.doc_number}）" if notice.doc_number else ""
            link = _item(notice.title, notice.path, after=after)
            rows.append(_row("notice", "通知", [link]))
    return rows


def notice_view(notice: Notice, compendium: Compendium, ix: Indexes) -> dict:
    linked = {e.name: issuer_src(e.slug) for e in issuer_entries(ix) if notice in e.notices}
    collection = compendium.taxonomy.collections.get(notice.collection) if notice.collection else None
    return {
        "title": notice.title,
        "doc_number": notice.doc_number,
        "issuers": list(notice.issuers),
        "issuer_links": [{"name": name, "src": linked.get(name)} for name in notice.issuers],
        "date": notice.date.isoformat() if notice.date else "",
        "date_label": chinese_date(notice.date) if notice.date else "",
        "kind": notice.kind,
        "official": notice.official,
        "recipients": notice.recipients,
        "annotation": notice.annotation,
        "annex": annex_view(notice, compendium),
        "source": notice.source,
        "collection": {
            "title": collection.title,
            "src": collection_src(collection.id),
            "count": len(compendium.cases_in(collection.id)),
        }
        if collection
        else None,
    }


def annex_view(notice: Notice, compendium: Compendium) -> dict | None:
    """The notice's annex when it is the list of its collection's cases: its title and the list, grouped under the
    notice's own headings, each case linked (the page shows it after the 落款, where a 公文 has its 附件).  None
    where the annex is something else (its Markdown then stays in the text)."""
    collection = compendium.taxonomy.collections.get(notice.collection) if notice.collection else None
    if collection is None or not notice.annex_groups:
        return None
    return {
        "title": collection.roster_title,
        "groups": [
            {"heading": heading, "cases": [case_row(case) for case in members]}
            for heading, members in compendium.listed_groups(collection)
        ],
    }


def home_view(compendium: Compendium, ix: Indexes) -> dict:
    cases = compendium.cases
    # the newest notices of collections (the rest are on their collections' pages, which the listing links) and
    # every notice of no collection
    named = {c.notice for c in compendium.taxonomy.collections.values() if c.notice}
    shown: dict[bool, list] = {True: [], False: []}
    of_collections = {True: 0, False: 0}
    for notice in sorted(compendium.notices, key=notices_newest_first):
        if notice.slug in named:
            of_collections[notice.official] += 1
            if of_collections[notice.official] > HOME_LINKS:
                continue
        shown[notice.official].append(notice_link(notice))
    more_notices = sum(max(0, n - HOME_LINKS) for n in of_collections.values())
    many = len(compendium.taxonomy.collections) > HOME_LINKS or more_notices
    return {
        "ways": [{"title": t, "src": src, "note": note} for t, src, note in ways_in()],
        "tiles": ix.tile_map,
        "national": national(ix),
        "year_bars": year_bars(ix),
        "theme_bars": theme_bars(ix),
        "counts": {
            "cases": len(cases),
            "units": len({c.unit for c in cases}),
            "provinces": len({c.province.code for c in cases if c.province.level == 1}),
            "years": len({c.year for c in cases}),
            "collections": len(compendium.taxonomy.collections),
        },
        "years": sorted({c.year for c in cases}),
        "collections": collection_list(compendium)[:HOME_LINKS],
        "notices": shown[True],
        "other_notices": shown[False],
        "all_collections": {"src": COLLECTIONS_SRC} if many else None,
        "more_notices": more_notices,
        "references": [{"title": r.title, "src": r.path, "source": r.source} for r in compendium.reference_sections],
        "reference_note": REFERENCE_NOTE,
    }


_BY_KIND = {index.name: index for index in INDEX_TYPES} | {
    index.entry_kind: index for index in INDEX_TYPES if index.entry_kind
}


def page_view(page: GeneratedPage, compendium: Compendium, ix: Indexes) -> dict:
    """The data of a generated page, by its kind."""
    if page.kind == "home":
        return home_view(compendium, ix)
    if page.kind == "finder":
        return {
            "data": {"src": f"{FINDER_DATA}/meta.js"},
            "themes": {"src": THEMES_SRC},
            "regions": {"src": REGIONS_SRC},
            "units": {"src": UNITS_SRC},
        }
    return _BY_KIND[page.kind].page_view(page, compendium, ix)
