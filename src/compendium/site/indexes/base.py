"""What an index type is: one way into the compendium, with a listing page and a page per entry.

An index type is one module of this package with one `IndexType` subclass:
its names, its templates (looked up by name in the theme's overrides), its
entry pages and the data of each page.  It is registered in `INDEX_TYPES`
(`compendium.site.indexes`), which makes it a page, a way in on the home
page and an entry of the navigation.
"""

from __future__ import annotations

import weakref

from compendium.model.compendium import Compendium
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage, part_of, part_src, partition

__all__ = ["IndexType"]


class IndexType:
    name = ""
    """The kind of its listing page (themes); also what the finder and the print edition call it."""
    entry_kind = ""
    """The kind of its entry pages (theme); empty when it has none."""
    title = ""
    """按主题: the listing page's title, its label in the navigation and on the home page."""
    note = ""
    """What the home page says under the title."""
    listing_src = ""
    listing_template = ""
    entry_template = ""
    paged = ""
    """The groups of case rows in a page's data ("groups", "cities", "letters") when its listing may run to several pages
    (pages.PAGE_CASES): an entry's, or the listing page's for an index type without entries; `group_sizes` gives
    their sizes, and each group's rows are its `cases`."""

    def listing_page(self) -> GeneratedPage:
        return GeneratedPage(self.listing_src, self.title, self.listing_template, self.name)

    def listing_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        """The listing page (its pages, where an index type without entries pages its listing)."""
        return [self.listing_page()]

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        """One page per entry that has cases."""
        return []

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        raise NotImplementedError

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        raise NotImplementedError

    def group_sizes(self, key: str, compendium: Compendium, ix: Indexes) -> list[int]:
        """The sizes of the groups `paged` names, in their order (`key`: the entry's, '' for the listing)."""
        raise NotImplementedError

    def entry(self, src: str, title: str, key: str, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        """An entry's page, or its pages when it lists more cases than a page holds (the first at `src`)."""
        sizes = self.group_sizes(key, compendium, ix) if self.paged else []
        return self.pages_of(src, title, self.entry_template, self.entry_kind, key, sizes)

    def pages_of(
        self, src: str, title: str, template: str, kind: str, key: str, sizes: list[int]
    ) -> list[GeneratedPage]:
        parts = tuple(partition(sizes))
        if len(parts) < 2:
            return [GeneratedPage(src, title, template, kind, key)]
        return [
            GeneratedPage(
                part_src(src, part.number),
                title if part.number == 1 else f"{title}（第{part.number}页）",
                template,
                kind,
                key,
                part=part.number,
                parts=parts,
                first=src if part.number > 1 else "",
            )
            for part in parts
        ]

    def in_parts(self, page: GeneratedPage, view: dict) -> dict:
        """A page's data with only the rows of this page where its listing has several, and `pager`, the links to
        each page (None where there is one)."""
        view["pager"] = None
        if page.parts:
            view[self.paged] = part_of(view[self.paged], page.parts[page.part - 1])
            view["pager"] = {
                "current": page.part,
                "pages": [
                    {
                        "number": p.number,
                        "src": part_src(page.first or page.src, p.number),
                        "current": p.number == page.part,
                    }
                    for p in page.parts
                ],
            }
        return view

    def whole_view(self, page: GeneratedPage, compendium: Compendium, ix: Indexes) -> dict:
        """The data of a page's whole listing (`listing_view`) or entry (`entry_view`), before it is cut in parts."""
        if page.kind == self.name:
            return self.listing_view(compendium, ix)
        return self.entry_view(page.key, compendium, ix)

    _whole: tuple | None = None
    """(the Indexes, (kind, key), whole view) of the last page: the parts of one listing share it."""

    def page_view(self, page: GeneratedPage, compendium: Compendium, ix: Indexes) -> dict:
        """A listing's or an entry's page: its whole view, made once for all its parts (an issuer of 100,000 cases
        has 200 pages, and each made every row again), cut to this page's part (`in_parts`)."""
        key = (page.kind, page.key)
        whole = self._whole
        if whole is None or whole[0]() is not ix or whole[1] != key:
            whole = self._whole = (weakref.ref(ix), key, self.whole_view(page, compendium, ix))
        return self.in_parts(page, dict(whole[2]))
