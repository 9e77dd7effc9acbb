"""单位索引: every unit A–Z by the pinyin of its name, places read as places (重庆 under C), as a book index."""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage, case_row, part_src, starting_parts
from compendium.site.paths import UNITS_SRC


class UnitsIndex(IndexType):
    name = "units"
    title = "单位索引"
    note = "按拼音 A–Z"
    listing_src = UNITS_SRC
    listing_template = "compendium/units.html"

    paged = "letters"

    def listing_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        sizes = self.group_sizes("", compendium, ix)
        return self.pages_of(self.listing_src, self.title, self.listing_template, self.name, "", sizes)

    def group_sizes(self, key: str, compendium: Compendium, ix: Indexes) -> list[int]:
        return [sum(len(e.cases) for e in entries) for entries in ix.units_by_letter.values()]

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        # each letter linked to the page of the listing where its units start
        starts = starting_parts(self.group_sizes("", compendium, ix))
        return {
            "total": len(ix.units),
            "index": [
                {"letter": letter, "src": part_src(self.listing_src, number)}
                for letter, number in zip(ix.units_by_letter, starts)
            ],
            "letters": [
                {
                    "letter": letter,
                    # a letter's cases, unit after unit (the page shows each unit's name above its cases)
                    "cases": [case_row(c) for e in entries for c in e.cases],
                }
                for letter, entries in ix.units_by_letter.items()
            ],
        }


INDEX = UnitsIndex()
