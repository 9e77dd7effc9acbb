"""按地区: provinces in GB/T 2260 order (全国 first) with counts and the tile map; a province's page, by city."""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes
from compendium.site.pages import GeneratedPage, case_row, city_anchor
from compendium.site.paths import REGIONS_SRC, region_src


def national(ix: Indexes) -> list[dict]:
    """Top-level regions that are not on the map (全国), with their counts."""
    return [
        {"name": p.region.name, "count": p.total, "src": region_src(p.region)}
        for p in ix.provinces
        if p.region.level == 0 and p.total
    ]


class RegionsIndex(IndexType):
    name = "regions"
    entry_kind = "region"
    title = "按地区"
    note = "省、市两级"
    listing_src = REGIONS_SRC
    listing_template = "compendium/regions.html"
    entry_template = "compendium/region.html"
    paged = "cities"

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        return [
            page
            for province in ix.provinces
            if province.total
            for page in self.entry(
                region_src(province.region), province.region.name, province.region.code, compendium, ix
            )
        ]

    def group_sizes(self, key: str, compendium: Compendium, ix: Indexes) -> list[int]:
        return [len(g.cases) for g in ix.province(key).cities]

    def whole_view(self, page: GeneratedPage, compendium: Compendium, ix: Indexes) -> dict:
        view = super().whole_view(page, compendium, ix)
        if page.kind == self.entry_kind:
            # every city of the province, each linked to its place in the listing (on this page or another)
            province = ix.province(page.key)
            view["index"] = [
                {"name": c["name"], "count": c["count"], "anchor": c["anchor"], "src": ix.city_src(province, g.region)}
                for c, g in zip(view["cities"], province.cities)
            ]
        return view

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        return {
            "tiles": ix.tile_map,
            "provinces": [
                {
                    "name": p.region.name,
                    "code": p.region.code,
                    "total": p.total,
                    "src": region_src(p.region),
                    "cities": [
                        {
                            "name": g.region.name if g.region else province_wide(p.region),
                            "count": len(g.cases),
                            "anchor": city_anchor(g.region.code if g.region else None),
                        }
                        for g in p.cities
                    ],
                }
                for p in ix.provinces
                if p.total  # the map keeps every province (grey when it has none); the list shows those with cases
            ],
        }

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        province = ix.province(key)
        label = province_wide(province.region)
        return {
            "parent": {"name": self.title, "src": REGIONS_SRC},
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


def province_wide(region) -> str:
    """The heading of a province's cases that name no city: 全省, 全区 (an autonomous region, 香港, 澳门), 全市 (a
    municipality: 天津市 is not a province and its cases are not 省级), 全国性 (bodies of the whole country)."""
    if region.level == 0:
        return "全国性"
    if region.name.endswith("市"):
        return "全市"
    return "全省" if region.name.endswith("省") else "全区"


INDEX = RegionsIndex()
