"""What an index type is: one way into the compendium, with a listing page and a page per entry.

An index type is one module of this package with one `IndexType` subclass:
its names, its templates (looked up by name in the theme's overrides), its
entry pages and the data of each page.  It is registered in `INDEX_TYPES`
(`compendium.site.indexes`), which makes it a page, a way in on the home
page and an entry of the navigation.
"""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage

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

    def listing_page(self) -> GeneratedPage:
        return GeneratedPage(self.listing_src, self.title, self.listing_template, self.name)

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        """One page per entry that has cases."""
        return []

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        raise NotImplementedError

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        raise NotImplementedError
