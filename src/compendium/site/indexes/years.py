"""按年份: the years with counts and a chart; a year's page lists its cases by collection."""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage, bars, collection_sizes, grouped_by_collection
from compendium.site.paths import YEARS_SRC, year_src


def year_bars(ix: Indexes) -> list[dict]:
    """Cases a year, newest first: the order the year links and the year pages use."""
    return bars([(f"{year}年", len(cases), year_src(year)) for year, cases in sorted(ix.years.items(), reverse=True)])


class YearsIndex(IndexType):
    name = "years"
    entry_kind = "year"
    title = "按年份"
    note = "逐年浏览"
    listing_src = YEARS_SRC
    listing_template = "compendium/years.html"
    entry_template = "compendium/year.html"
    paged = "groups"

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        return [
            page for year in ix.years for page in self.entry(year_src(year), f"{year}年", str(year), compendium, ix)
        ]

    def group_sizes(self, key: str, compendium: Compendium, ix: Indexes) -> list[int]:
        return collection_sizes(ix.years[int(key)])

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        return {
            "years": [{"year": y, "count": len(c), "src": year_src(y)} for y, c in ix.years.items()],
            "bars": year_bars(ix),
        }

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        year = int(key)
        cases = ix.years[year]
        return {
            "parent": {"name": self.title, "src": YEARS_SRC},
            "year": year,
            "total": len(cases),
            "groups": grouped_by_collection(cases),
        }


INDEX = YearsIndex()
