"""The compendium's indexes: their data (`Indexes`, computed once per build) and the index types.

Each index type is one module here; `INDEX_TYPES` lists them in the order
readers meet them (home page, navigation).  README's "Architecture" says how
to add one.
"""

from compendium.site.indexes import collections, issuers, regions, themes, units, years
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import CityGroup, Indexes, ProvinceNode, ThemeNode, UnitEntry, unit_syllables

__all__ = [
    "INDEX_TYPES",
    "IndexType",
    "Indexes",
    "CityGroup",
    "ProvinceNode",
    "ThemeNode",
    "UnitEntry",
    "unit_syllables",
]

INDEX_TYPES: list[IndexType] = [
    collections.INDEX,
    themes.INDEX,
    regions.INDEX,
    years.INDEX,
    units.INDEX,
    issuers.INDEX,
]
