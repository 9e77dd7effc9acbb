"""按发文机关: every body that issued a notice, with its notices, its collections and their cases.

Added as README's "Architecture" says an index type is added: this module, its
two templates (compendium/issuers.html, compendium/issuer.html), one line in
INDEX_TYPES; the finder's `issuer=` facet and the print edition's index read
`issuer_entries` too.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from compendium.model.compendium import Case, Compendium, Notice
from compendium.model.ordering import collections_newest_first, notices_newest_first
from compendium.model.taxonomy import Collection
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage, case_row, notice_link
from compendium.site.paths import ISSUERS_SRC, collection_src, issuer_src
from compendium.text.pinyin import slug_words, sort_key, text_syllables

__all__ = ["IssuerEntry", "IssuersIndex", "issuer_entries", "INDEX"]


@dataclass
class IssuerEntry:
    name: str
    slug: str
    """ASCII, unique among the issuers: the pinyin of the name (a number added where two names read alike)."""
    notices: list[Notice] = field(default_factory=list)
    collections: list[tuple[Collection, list[Case]]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(cases) for _, cases in self.collections)


def _build(ix: Indexes) -> list[IssuerEntry]:
    compendium = ix.compendium
    entries: dict[str, IssuerEntry] = {}

    def entry(name: str) -> IssuerEntry:
        if name not in entries:
            entries[name] = IssuerEntry(name, "")
        return entries[name]

    # Authorities only: a call for cases from a media outlet or an association is not filed as one.
    for notice in sorted((n for n in compendium.notices if n.official), key=notices_newest_first):
        for name in notice.issuers:
            entry(name).notices.append(notice)
    for collection in sorted(compendium.taxonomy.collections.values(), key=collections_newest_first):
        for name in compendium.issuers_of(collection):
            entry(name).collections.append((collection, compendium.cases_in(collection.id)))
    ordered = sorted(entries.values(), key=lambda e: sort_key(e.name, text_syllables(e.name)))
    used: set[str] = set()
    for item in ordered:
        base = slug_words(text_syllables(item.name)) or "jiguan"
        slug, n = base, 1
        while slug in used:
            n += 1
            slug = f"{base}-{n}"
        used.add(slug)
        item.slug = slug
    return ordered


def issuer_entries(ix: Indexes) -> list[IssuerEntry]:
    """Every issuing body, in pinyin order, computed once per build."""
    return ix.data("issuers", _build)


class IssuersIndex(IndexType):
    name = "issuers"
    entry_kind = "issuer"
    title = "按发文机关"
    note = "通知的发文单位及其批次"
    listing_src = ISSUERS_SRC
    listing_template = "compendium/issuers.html"
    entry_template = "compendium/issuer.html"

    paged = "groups"

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        return [
            page for e in issuer_entries(ix) for page in self.entry(issuer_src(e.slug), e.name, e.slug, compendium, ix)
        ]

    def group_sizes(self, key: str, compendium: Compendium, ix: Indexes) -> list[int]:
        return [len(cases) for _, cases in _entry(ix, key).collections]

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        return {
            "issuers": [
                {
                    "name": e.name,
                    "src": issuer_src(e.slug),
                    "total": e.total,
                    "notices": len(e.notices),
                    "collections": [
                        {"title": c.title, "src": collection_src(c.id), "count": len(cases)}
                        for c, cases in e.collections
                    ],
                }
                for e in issuer_entries(ix)
            ]
        }

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        entry = _entry(ix, key)
        return {
            "parent": {"name": self.title, "src": ISSUERS_SRC},
            "name": entry.name,
            "total": entry.total,
            "notices": [notice_link(n) for n in entry.notices],
            "groups": [
                {
                    "title": c.title,
                    "year": c.year,
                    "src": collection_src(c.id),
                    "cases": [case_row(case) for case in cases],
                }
                for c, cases in entry.collections
            ],
        }


def _entry(ix: Indexes, slug: str):
    return next(e for e in issuer_entries(ix) if e.slug == slug)


INDEX = IssuersIndex()
