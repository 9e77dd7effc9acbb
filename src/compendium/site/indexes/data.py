"""The compendium's indexes, computed once per build as plain data.

By theme (a tree with counts rolled up to parents), by region (provinces in
GB/T 2260 order, then their cities), by year, by unit (A–Z by pinyin, the way
a printed book index is laid out), related cases, the tile-grid map and the
export records.  Nothing here knows about pages or URLs except as source
paths (`themes/<id>.md` …) that the engine adapter resolves.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources

import yaml

from compendium.model.compendium import Case, Compendium
from compendium.model.ordering import newest_first
from compendium.model.regions import Region
from compendium.model.taxonomy import Theme
from compendium.site.pages import part_src, starting_parts
from compendium.site.paths import region_src
from compendium.text.pinyin import index_letter, place_syllables, sort_key, text_syllables

RELATED_CANDIDATES = 50
"""Cases sharing one key that are scored for a case's related list (plus those of its own collection)."""
_RELATED_WEIGHTS = {"theme": 2, "topic": 2, "keyword": 2, "city": 2, "province": 1, "near": 1}  # Indexes.related
RELATED_SCORE = 2
"""The least score of a related case: a shared theme, topic, keyword or city, or the province and a theme under
the same parent.  Sharing only a province, or only a parent theme (every 2021 case is under 健康中国行动), is not
being related: a case with fewer neighbours than the limit shows fewer, never filler."""
_RELATED_CHOSEN: dict = {}
"""The related cases chosen by the last Indexes (`make serve` builds again after every save, and an edit seldom
changes what relates cases: see Indexes._chosen)."""

__all__ = ["Indexes", "ThemeNode", "ProvinceNode", "CityGroup", "UnitEntry", "unit_syllables"]


def unit_syllables(unit: str, compendium: Compendium) -> tuple[str, ...]:
    """Pinyin of a unit's name, reading the places it starts with as places (长春市中医院 → chang chun …)."""
    _, pieces = compendium.taxonomy.regions.infer(unit)
    consumed = sum(len(text) for text, _ in pieces)
    syllables: list[str] = []
    for text, _ in pieces:
        syllables += place_syllables(text)
    return tuple(syllables) + text_syllables(unit[consumed:])


@dataclass
class ThemeNode:
    theme: Theme
    cases: list[Case]
    """Cases that name this theme itself."""
    children: list["ThemeNode"] = field(default_factory=list)

    @cached_property
    def all_cases(self) -> list[Case]:
        """Cases of this theme and of every theme below it, each once."""
        seen = {c.path: c for c in self.cases}
        for child in self.children:
            for case in child.all_cases:
                seen.setdefault(case.path, case)
        return sorted(seen.values(), key=newest_first)

    @property
    def total(self) -> int:
        return len(self.all_cases)


@dataclass
class CityGroup:
    region: Region | None
    """None: cases about the province as a whole."""
    cases: list[Case]


@dataclass
class ProvinceNode:
    region: Region
    cities: list[CityGroup]

    @property
    def total(self) -> int:
        return sum(len(g.cases) for g in self.cities)


@dataclass
class UnitEntry:
    unit: str
    syllables: tuple[str, ...]
    cases: list[Case]

    @property
    def letter(self) -> str:
        return index_letter(self.syllables)


class Indexes:
    """All indexes of one compendium."""

    def __init__(self, compendium: Compendium):
        self.compendium = compendium
        self.taxonomy = compendium.taxonomy
        self._data: dict[str, object] = {}

    def data(self, name: str, build):
        """The data of an index type that computes its own (`build(self)`), computed once."""
        if name not in self._data:
            self._data[name] = build(self)
        return self._data[name]

    # By theme ---------------------------------------------------------------

    @cached_property
    def theme_tree(self) -> list[ThemeNode]:
        direct: dict[str, list[Case]] = defaultdict(list)
        for case in self.compendium.cases:
            for theme in case.themes:
                direct[theme.id].append(case)
        nodes = {
            tid: ThemeNode(theme, sorted(direct[tid], key=newest_first)) for tid, theme in self.taxonomy.themes.items()
        }
        roots = []
        for tid, theme in self.taxonomy.themes.items():  # file order: the vocabulary's own order
            (nodes[theme.parent].children if theme.parent else roots).append(nodes[tid])
        return roots

    @cached_property
    def theme_nodes(self) -> dict[str, ThemeNode]:
        out: dict[str, ThemeNode] = {}
        stack = list(self.theme_tree)
        while stack:
            node = stack.pop()
            out[node.theme.id] = node
            stack.extend(node.children)
        return out

    # By region --------------------------------------------------------------

    @cached_property
    def provinces(self) -> list[ProvinceNode]:
        """Every top-level region in official order (全国 first), with its cases by city."""
        groups: dict[str, dict[str | None, list[Case]]] = defaultdict(lambda: defaultdict(list))
        for case in self.compendium.cases:
            city = case.city.code if case.city else None
            groups[case.province.code][city].append(case)
        table = self.taxonomy.regions
        out = []
        for region in table.top_level():
            by_city = groups.get(region.code, {})
            cities = [
                CityGroup(table.get(code) if code else None, sorted(cases, key=newest_first))
                for code, cases in sorted(by_city.items(), key=lambda kv: kv[0] or "")
            ]
            out.append(ProvinceNode(region, cities))
        return out

    def province(self, code: str) -> ProvinceNode:
        return self._provinces_by_code[code]

    @cached_property
    def _provinces_by_code(self) -> dict[str, ProvinceNode]:
        return {p.region.code: p for p in self.provinces}

    @cached_property
    def city_parts(self) -> dict[tuple[str, str | None], int]:
        """(province, city) → the page of the province's listing where the city's cases start (pages.partition)."""
        return {
            (province.region.code, g.region.code if g.region else None): number
            for province in self.provinces
            for g, number in zip(province.cities, starting_parts([len(g.cases) for g in province.cities]))
        }

    def city_src(self, province: ProvinceNode, city: Region | None) -> str:
        """The page of a province's listing that has a city's cases (or those about the whole province)."""
        number = self.city_parts.get((province.region.code, city.code if city else None), 1)
        return part_src(region_src(province.region), number)

    # By year ----------------------------------------------------------------

    @cached_property
    def years(self) -> dict[int, list[Case]]:
        """Newest year first."""
        out: dict[int, list[Case]] = defaultdict(list)
        for case in self.compendium.cases:
            out[case.year].append(case)
        return {year: sorted(out[year], key=newest_first) for year in sorted(out, reverse=True)}

    # By unit ----------------------------------------------------------------

    @cached_property
    def units(self) -> list[UnitEntry]:
        """All units sorted by pinyin (places read as places), each with its cases."""
        by_unit: dict[str, list[Case]] = defaultdict(list)
        for case in self.compendium.cases:
            by_unit[case.unit].append(case)
        entries = [
            UnitEntry(unit, unit_syllables(unit, self.compendium), sorted(cases, key=newest_first))
            for unit, cases in by_unit.items()
        ]
        return sorted(entries, key=lambda e: sort_key(e.unit, e.syllables))

    @cached_property
    def units_by_letter(self) -> dict[str, list[UnitEntry]]:
        out: dict[str, list[UnitEntry]] = defaultdict(list)
        for entry in self.units:
            out[entry.letter].append(entry)
        return dict(sorted(out.items(), key=lambda kv: (kv[0] == "#", kv[0])))

    # Related cases ------------------------------------------------------------

    @cached_property
    def _in_order(self) -> list[Case]:
        return sorted(self.compendium.cases, key=newest_first)

    @cached_property
    def _position(self) -> dict[str, int]:
        return {case.path: i for i, case in enumerate(self._in_order)}

    @cached_property
    def _by_key(self) -> dict[str, list[int]]:
        """Cases by what they share (a theme, a province …), as positions in case order.

        Positions, not cases: related() counts hundreds of candidates per case, and ints hash in C."""
        index: dict[str, list[int]] = defaultdict(list)
        for position, keys in enumerate(self._case_keys):
            for key in keys:
                index[key].append(position)
        return index

    @cached_property
    def _case_keys(self) -> list[list[str]]:
        """Each case's keys (`_keys`), in case order."""
        return [self._keys(case) for case in self._in_order]

    @cached_property
    def _chosen(self) -> dict[tuple[str, int], list[int]]:
        """related()'s choices by (case, limit), kept from the last Indexes while every case has the same place in
        case order and the same keys: only they decide."""
        signature = tuple((c.path, c.collection.id, *keys) for c, keys in zip(self._in_order, self._case_keys))
        if _RELATED_CHOSEN.get("signature") != signature:
            _RELATED_CHOSEN.clear()
            _RELATED_CHOSEN["signature"] = signature
        return _RELATED_CHOSEN.setdefault("chosen", {})

    @cached_property
    def _by_key_and_collection(self) -> dict[tuple[str, str], list[int]]:
        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        for key, positions in self._by_key.items():
            for position in positions:
                index[key, self._in_order[position].collection.id].append(position)
        return index

    @cached_property
    def _topic_words(self) -> list[tuple[str, tuple[str, ...]]]:
        return [(t.id, t.keywords) for t in self.taxonomy.themes.values() if t.keywords]

    def _keys(self, case: Case) -> list[str]:
        parents = {t.parent for t in case.themes if t.parent} - {t.id for t in case.themes}
        keys = [f"theme:{t.id}" for t in case.themes] + [f"province:{case.province.code}"]
        # A topic: a theme the case has, or one whose keywords its title or summary names (a 2024 hospital
        # filed under its notice's group, whose title says 心理, meets the 2021 心理健康 case).
        text = case.title + case.summary
        topics = {t.id for t in case.themes} | {
            tid for tid, words in self._topic_words if any(w in text for w in words)
        }
        keys += [f"topic:{tid}" for tid in sorted(topics)]
        # the same province and a theme under the same parent: one key per parent, within the province (two
        # parents shared with every case of a collection must not add up to a relation)
        keys += [f"near:{case.province.code}:{p}" for p in sorted(parents)]
        keys += [f"keyword:{word}" for word in sorted(set(case.keywords))]
        if case.city:
            keys.append(f"city:{case.city.code}")
        return keys

    def related(self, case: Case, limit: int = 5) -> list[Case]:
        chosen = self._chosen.get((case.path, limit))
        if chosen is None:
            chosen = self._chosen[case.path, limit] = self._related(case, limit)
        return [self._in_order[i] for i in chosen]

    def _related(self, case: Case, limit: int) -> list[int]:
        """Up to `limit` cases sharing themes, keywords or region, each scoring at least RELATED_SCORE.

        A shared theme counts 2, a shared topic (a theme, or a theme's keyword in
        the title or summary) 2, a keyword of both cases 2, the same city 2, the
        same province 1, and in it a theme under the same parent 1 more; the best
        case of another collection is always among them.
        """
        scores: dict[int, int] = Counter()
        for key in self._keys(case):
            members = self._by_key[key]
            if len(members) > RELATED_CANDIDATES:
                # A key shared by thousands of cases: score its cases in this collection and the newest
                # others, not all of them (that made related cases quadratic in the number of cases).
                members = self._by_key_and_collection[key, case.collection.id] + members[:RELATED_CANDIDATES]
            unique = dict.fromkeys(members).keys()
            for _ in range(_RELATED_WEIGHTS[key.split(":")[0]]):
                scores.update(unique)  # counting in C: a weight of 2 is counted twice
        cases = self._in_order
        scores.pop(self._position[case.path], None)
        scores = Counter({i: score for i, score in scores.items() if score >= RELATED_SCORE})
        # The best of another collection that shares a theme, a topic or the city: it takes the last place
        # if it would not get one (a case list of one notice is read already; related cases cross them).
        elsewhere = [i for i, score in scores.items() if cases[i].collection.id != case.collection.id]
        other = min(elsewhere, key=lambda i: (-scores[i], i)) if elsewhere else None
        if len(scores) > limit:
            # Only cases scoring at least the limit-th best can be chosen: order those alone.
            floor = heapq.nlargest(limit, scores.values())[-1]
            scores = {i: score for i, score in scores.items() if score >= floor}
        # Ties: the same collection first, then case order (which the positions follow).
        best = heapq.nsmallest(
            limit, scores, key=lambda i: (-scores[i], cases[i].collection.id != case.collection.id, i)
        )
        if other is not None and other not in best:
            best = best[: limit - 1] + [other]
        return best

    # Map ------------------------------------------------------------------------

    @cached_property
    def tile_map(self) -> list[dict]:
        """One tile per province-level division: position, label, count and shade (0–4)."""
        grid = yaml.safe_load(resources.files("compendium.data").joinpath("tile_grid.yml").read_text("utf-8"))
        totals = {p.region.code: p for p in self.provinces}
        most = max((p.total for p in self.provinces), default=0) or 1
        tiles = []
        for code, (row, col, label) in grid.items():
            node = totals.get(str(code))
            if node is None:
                continue
            count = node.total
            shade = 0 if count == 0 else 1 + min(3, (count * 4 - 1) // most)
            tiles.append(
                {
                    "code": str(code),
                    "row": row,
                    "col": col,
                    "label": label,
                    "name": node.region.name,
                    "count": count,
                    "shade": shade,
                    "src": region_src(node.region) if count else None,
                }
            )
        return tiles
