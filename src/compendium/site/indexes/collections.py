"""按批次: every collection, newest first; a collection's page is its numbered contents with its notice as preface."""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.model.ordering import collections_newest_first
from compendium.model.taxonomy import Collection
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage, case_row, contents_anchor, demoted, notice_link
from compendium.site.paths import COLLECTIONS_SRC, collection_src
from compendium.text.numerals import chinese_date


def collections_newest(compendium: Compendium) -> list[Collection]:
    return sorted(compendium.taxonomy.collections.values(), key=collections_newest_first)


def _about(collection: Collection, compendium: Compendium) -> dict:
    """What a listing says of a collection, and its page above the contents."""
    return {
        "id": collection.id,
        "title": collection.title,
        "year": collection.year,
        "issuers": list(collection.issuers),
        "description": collection.description,
        "full_text": collection.full_text,
        "notice": notice_link(compendium.notice_for(collection)),
    }


def collection_view(collection: Collection, compendium: Compendium) -> dict:
    """A collection's page: what it is, its contents (a list as its notice groups it) and its notice as preface."""
    cases = compendium.cases_in(collection.id)
    notice = compendium.notice_for(collection)
    return _about(collection, compendium) | {
        "cases": [case_row(c) | {"anchor": contents_anchor(c.number)} for c in cases],
        # a list (名单) as the notice groups it, under its own headings; full texts in one numbered list
        "groups": []
        if collection.full_text
        else [
            {"heading": heading, "cases": [case_row(c) | {"anchor": contents_anchor(c.number)} for c in members]}
            for heading, members in compendium.listed_groups(collection)
        ],
        # the notice in full as the preface: 主送 before the text, 落款, 成文日期 and 附注 after it
        "preface": {
            "recipients": notice.recipients,
            "signature": list(notice.issuers),
            "date_label": chinese_date(notice.date) if notice.date else "",
            "annotation": notice.annotation,
        }
        if notice
        else None,
    }


def collection_list(compendium: Compendium) -> list[dict]:
    """The collections as the home page and the listing show them (not their cases: a library's listing would carry
    every case's row)."""
    return [
        _about(c, compendium) | {"src": collection_src(c.id), "count": len(compendium.cases_in(c.id))}
        for c in collections_newest(compendium)
    ]


class CollectionsIndex(IndexType):
    name = "collections"
    entry_kind = "collection"
    title = "按批次"
    note = "通知公布的顺序与编号"
    listing_src = COLLECTIONS_SRC
    listing_template = "compendium/collections.html"
    entry_template = "compendium/collection.html"

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        pages = []
        for collection in collections_newest(compendium):
            notice = compendium.notice_for(collection)
            # The preface sits where the notice does (one folder down), so its relative links still work.
            pages.append(
                GeneratedPage(
                    collection_src(collection.id),
                    collection.title,
                    self.entry_template,
                    self.entry_kind,
                    collection.id,
                    demoted(notice.text) if notice else "",
                )
            )
        return pages

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        return {"collections": collection_list(compendium)}

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        return collection_view(compendium.taxonomy.collections[key], compendium)


INDEX = CollectionsIndex()
