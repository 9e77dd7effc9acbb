import pytest

from compendium.site.indexes import Indexes, unit_syllables
from compendium.text.pinyin import index_letter


@pytest.mark.parametrize(
    "unit, letter",
    [
        ("长春市中心医院", "C"),
        ("长沙市第一医院", "C"),
        ("厦门大学附属第一医院", "X"),
        ("蚌埠医学院第一附属医院", "B"),
        ("重庆市妇幼保健院", "C"),
        ("上海市长宁区妇幼保健院", "S"),
        ("六安市人民医院", "L"),
    ],
)
def test_place_names_at_the_start_of_units_file_correctly(compendium, unit, letter):
    assert index_letter(unit_syllables(unit, compendium)) == letter


def test_unit_syllables_read_places_as_places(compendium):
    assert "".join(unit_syllables("上海市长宁区妇幼保健院", compendium)).startswith("shanghaishichangningqu")
    assert "".join(unit_syllables("吉林省长春市中医院", compendium)).startswith("jilinshengchangchunshi")


def test_theme_counts_roll_up(compendium):
    ix = Indexes(compendium)
    hph = ix.theme_nodes["hph"]
    below = {c.path for c in compendium.cases if any(ix.taxonomy.theme_path(t)[0].id == "hph" for t in c.themes)}
    assert hph.total == len(below) > 0 and len(hph.cases) == 0
    assert sum(c.total for c in hph.children) >= hph.total  # a case may carry several themes, counted once above
    action = ix.theme_nodes["hc-action"]
    assert action.total == len({c.path for n in action.children for c in n.all_cases})


def test_related_cases_are_related_or_fewer_never_filler(compendium):
    """Each related case shares a theme, a topic (a theme's keyword in both), a keyword or the city, or the
    province and a theme under the same parent; a case with fewer such neighbours shows fewer.  Before, every
    2021 case was under 健康中国行动, so the list was padded with the collection's first cases (案例一 on 12 of
    the 17 other pages)."""
    from collections import Counter

    ix = Indexes(compendium)

    def topics(c):
        text = c.title + c.summary
        return set(c.themes) | {t for t in ix.taxonomy.themes.values() if any(w in text for w in t.keywords)}

    shown = Counter()
    for case in compendium.cases:
        related = ix.related(case)
        assert len(related) <= 5 and case not in related
        parents = {t.parent for t in case.themes if t.parent}
        for other in related:
            shown[other.path] += other.collection == case.collection
            assert (
                set(other.themes) & set(case.themes)
                or topics(case) & topics(other)
                or set(case.keywords) & set(other.keywords)
                or (case.city and other.city == case.city)
                or (other.province == case.province and parents & {t.parent for t in other.themes})
            ), (case.title, other.title)
    for collection in compendium.taxonomy.collections.values():
        cases = compendium.cases_in(collection.id)
        if collection.full_text and len(cases) > 4:  # no case is every other page's neighbour in its collection
            assert max(shown[c.path] for c in cases) < len(cases) / 2, shown.most_common(3)


def test_tiles_cover_every_province_once(compendium):
    tiles = Indexes(compendium).tile_map
    assert len(tiles) == 35 and len({(t["row"], t["col"]) for t in tiles}) == 35
    assert {t["code"] for t in tiles} >= {p.code for p in compendium.taxonomy.regions.provinces()}
    assert all((t["src"] is None) == (t["count"] == 0) for t in tiles)


def test_issuers_get_unique_ascii_slugs_and_their_collections(compendium):
    import dataclasses
    import datetime as dt

    from compendium.model.compendium import Compendium, Notice
    from compendium.site.indexes.issuers import issuer_entries

    def notice(slug, issuers, day):
        return Notice(f"notices/{slug}.md", slug, "通知", tuple(issuers), "通知", date=dt.date(2024, 1, day))

    # Two bodies whose names read alike (卫健委, 卫建委) and one that issued two notices.
    notices = [
        notice("a", ["某市卫健委"], 1),
        notice("b", ["某市卫建委", "某省卫健委"], 2),
        notice("c", ["某省卫健委"], 3),
    ]
    no_collections = dataclasses.replace(compendium.taxonomy, collections={})
    entries = issuer_entries(Indexes(Compendium(no_collections, [], notices)))
    # In pinyin order (sheng before shi), the second of two alike names numbered, notices newest first.
    assert [(e.name, e.slug, [n.slug for n in e.notices]) for e in entries] == [
        ("某省卫健委", "moushengweijianwei", ["c", "b"]),
        ("某市卫健委", "moushiweijianwei", ["a"]),
        ("某市卫建委", "moushiweijianwei-2", ["b"]),
    ]
    # On the fixture compendium: every collection's cases under each of its issuers, totals that add up.
    entries = issuer_entries(Indexes(compendium))
    for collection in compendium.taxonomy.collections.values():
        for name in compendium.issuers_of(collection):
            entry = next(e for e in entries if e.name == name)
            assert (collection, compendium.cases_in(collection.id)) in entry.collections
    assert all(e.total == sum(len(cases) for _, cases in e.collections) for e in entries)
    assert len({e.slug for e in entries}) == len(entries)
