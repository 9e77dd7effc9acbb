"""单位索引: every unit A–Z by the pinyin of its name, places read as places (重庆 under C), as a book index."""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes
from compendium.site.pages import case_row
from compendium.site.paths import UNITS_SRC


class UnitsIndex(IndexType):
    name = "units"
    title = "单位索引"
    note = "按拼音 A–Z"
    listing_src = UNITS_SRC
    listing_template = "compendium/units.html"

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        return {
            "total": len(ix.units),
            "letters": [
                {
                    "letter": letter,
                    "entries": [{"unit": e.unit, "cases": [case_row(c) for c in e.cases]} for e in entries],
                }
                for letter, entries in ix.units_by_letter.items()
            ],
        }


INDEX = UnitsIndex()
