import pytest

from compendium.finder.data import (
    build_finder_files,
    column_cells,
    pinyin_tokens,
    query_terms,
    script_data,
    shard_of,
    text_tokens,
)
from compendium.site.indexes import Indexes
from conftest import ROOT
from lunr_reference import lunr_py_index, rounded, scores_of, sharded


def test_tokens():
    assert text_tokens("控烟 EPG2号") == ["控", "烟", "控烟", "epg2", "号"]
    assert text_tokens("ＡＢＣ１２") == ["abc12"]  # full-width letters and digits fold to ASCII
    assert query_terms("副校长 Shanghai") == ["副校", "校长", "shanghai"]
    assert query_terms("烟") == ["烟"]
    assert query_terms("！？…<>") == []
    assert query_terms("控烟控烟") == ["控烟", "烟控"]


def test_shard_hash_is_fnv1a_over_utf16():
    assert shard_of("a", 1 << 32) == 0xE40C292C  # FNV-1a("a"), the published test vector
    assert 0 <= shard_of("控烟", 7) < 7


def test_pinyin_tokens(compendium):
    case = next(c for c in compendium.cases if c.unit == "北京大学第三医院")
    tokens = pinyin_tokens(case)
    assert {"beijingdaxuedisanyiyuan", "bjdxdsyy", "beijing", "haidian"} <= tokens
    changchun = next(c for c in compendium.cases if c.unit == "吉林省长春市中医院")
    pieces = compendium.taxonomy.regions.infer(changchun.unit)[1]
    assert {"zhongyiyuan", "zyy", "changchun", "jilinshengchangchunshizhongyiyuan"} <= pinyin_tokens(changchun, pieces)
    lanzhou = next(c for c in compendium.cases if c.unit == "甘肃省兰州市")
    assert {"gansu", "lanzhou", "lanzhoushi"} <= pinyin_tokens(lanzhou)


def test_finder_files_are_scripts_safe_to_embed(compendium):
    finder = build_finder_files(compendium, Indexes(compendium), lambda src: src)
    files = finder.files
    assert finder.text_shards == sum(1 for p in files if p.startswith("finder/data/t"))
    assert "finder/data/meta.js" in files
    assert all(text.startswith("__finder.") for text in files.values())
    assert not any("<" in text for text in files.values())  # '<' is written \u003c
    meta = script_data(files["finder/data/meta.js"])
    assert meta["textShards"] == finder.text_shards and meta["count"] == len(compendium.cases)
    rows = [script_data(files[f"finder/data/r{j}.js"]) for j in range(-(-meta["count"] // meta["rowsPerChunk"]))]
    assert sum(map(len, rows)) == meta["count"]
    shards = [p for p in files if p.startswith("finder/data/t")]
    assert len(shards) >= 2 and max(len(files[p].encode()) for p in shards) < 400_000


@pytest.mark.parametrize("shards, spill", [(1, 1_000_000), (3, 1_000_000), (40, 1_000_000), (3, 2), (300, 4)])
def test_shards_hold_what_lunr_py_builds(shards, spill):
    """Split into shards, the postings have lunr.py's terms, postings and scores (to their rounding), each term in
    its shard, whether the writer held them in memory or in its files (spilled every `spill` postings, over more
    shards than its buckets)."""
    docs = [
        {"控烟": 3, "烟": 1, "控": 1},
        {"烟": 2, "健康": 1},
        {"健康": 4, "控烟": 1, "epg2": 1},
        {"beijing": 1, "bj": 1, "烟": 7},
        {"控": 1},
    ]
    written = sharded(docs, shards, spill)
    assert sorted(written) == list(range(shards))
    union: dict[str, dict[str, float]] = {}
    for key, part in written.items():
        if part is None:  # a shard no term falls into
            continue
        assert all(shard_of(term, shards) == key for term in part)
        union.update(part)
    assert union == rounded(scores_of(lunr_py_index(docs)))


def test_postings_say_where_a_term_stands(compendium):
    """Each case's title terms are marked TITLE, with a bigram's positions in the title; its unit's and place's
    PLACE; the text's none."""
    from compendium.finder.data import normalize
    from compendium.finder.postings import PLACE, TEXT, TITLE, decode

    finder = build_finder_files(compendium, Indexes(compendium), lambda src: src)
    meta = script_data(finder.files["finder/data/meta.js"])
    rows = [
        row
        for j in range(-(-meta["count"] // meta["rowsPerChunk"]))
        for row in script_data(finder.files[f"finder/data/r{j}.js"])
    ]
    title_at, unit_at = meta["docFields"].index("title"), meta["docFields"].index("unit")
    checked = 0
    for term in ("健康", "中医", "医院", "控烟"):
        shard = script_data(finder.files[f"finder/data/t{shard_of(term, finder.text_shards)}.js"])
        for ref, (score, field, at) in decode(shard[term], True).items():
            title, unit = normalize(rows[ref][title_at]), normalize(rows[ref][unit_at])
            positions = tuple(i for i in range(len(title)) if title.startswith(term, i))
            assert score >= 0
            if positions:
                assert (field, at) == (TITLE, positions), (term, rows[ref])
            elif term in unit:
                assert (field, at) == (PLACE, ()), (term, rows[ref])
            else:  # the text, or the place (its region's full name, which the row does not carry)
                assert field in (PLACE, TEXT) and at == (), (term, rows[ref])
            checked += 1
    assert checked > 50


def test_finder_js_reads_exactly_the_named_fields_and_version():
    # The contract with the browser is named once, in Python: finder.js must read a row of meta.docs by
    # exactly those names (no doc[3] left), and know the same data version.
    import re

    from compendium.finder.data import DOC_FIELDS, FINDER_DATA_VERSION

    script = (ROOT / "overrides" / "assets" / "finder" / "finder.js").read_text("utf-8")
    assert not re.search(r"doc\[\d", script)
    assert set(re.findall(r"\bF\.(\w+)", script)) == set(DOC_FIELDS)
    assert re.search(r"var DATA_VERSION = (\d+);", script).group(1) == str(FINDER_DATA_VERSION)


def test_finder_js_and_its_page_name_no_facet():
    """The facets come from meta.js (the fields that declare them): neither finder.js nor finder.html has a list
    of its own, so that a field declared as a facet is offered with no edit to either."""
    import re

    from compendium.model.fields import CASE_FIELDS

    names = {facet.name for f in CASE_FIELDS for facet in f.facets}
    for path in ("overrides/assets/finder/finder.js", "overrides/compendium/finder.html"):
        text = (ROOT / path).read_text("utf-8")
        code = re.sub(r"/\*.*?\*/|//[^\n]*|\{#.*?#\}", "", text, flags=re.S)  # comments may name them
        named = {name for name in names if re.search(rf"""["'.\[]{name}\b|name={name}\b""", code)}
        assert named == set(), path


def test_meta_offers_the_declared_facets_with_exact_cells(compendium):
    from compendium.model.fields import CASE_FIELDS

    meta = script_data(
        build_finder_files(compendium, Indexes(compendium), lambda src: src).files["finder/data/meta.js"]
    )
    declared = sorted((facet for f in CASE_FIELDS for facet in f.facets), key=lambda facet: facet.order)
    assert [f["name"] for f in meta["facets"]] == [facet.name for facet in declared]
    assert [f["name"] for f in meta["facets"]] == ["theme", "region", "year", "collection", "issuer"]
    facets = {f["name"]: f for f in meta["facets"]}
    files = build_finder_files(compendium, Indexes(compendium), lambda src: src).files
    rows = [
        r for j in range(-(-meta["count"] // meta["rowsPerChunk"])) for r in script_data(files[f"finder/data/r{j}.js"])
    ]
    chunks = [script_data(files[f"finder/data/f{j}.js"]) for j in range(-(-meta["count"] // meta["facetChunk"]))]
    cells = {
        f["name"]: [cell for chunk in chunks for cell in column_cells(chunk[k])] for k, f in enumerate(meta["facets"])
    }
    number = {row[meta["docFields"].index("url")]: i for i, row in enumerate(rows)}
    for case in compendium.cases:
        i = number[case.path]

        def names(facet: str) -> set[str]:
            return {facets[facet]["values"][k]["name"] for k in cells[facet][i]}

        assert names("region") == {case.province.name}
        assert names("year") == {str(case.year)}
        assert names("collection") == {case.collection.title}
        assert {t.name for t in case.themes} <= names("theme")
        assert names("issuer") == set(compendium.issuers_of(case.collection))

    def above(values, cell):  # a cell's values and those above them (a theme's parents), as finder.js reads it
        out = set()
        for k in cell:
            while k is not None and k not in out:
                out.add(k)
                k = values[k].get("up")
        return out

    themes = {t.id: t for case in compendium.cases for t in case.themes}
    for value in facets["theme"]["values"]:
        if value["id"] in themes and "up" in value:
            assert (
                facets["theme"]["values"][value["up"]]["id"]
                == compendium.taxonomy.theme_path(themes[value["id"]])[-2].id
            )
    for name, facet in facets.items():  # the counts over all cases, shown before any case's cells are loaded
        read = [above(facet["values"], cell) for cell in cells[name]]
        assert facet["counts"] == [sum(k in cell for cell in read) for k in range(len(facet["values"]))]
    assert [v["name"] for v in facets["year"]["values"]] == sorted(
        {str(c.year) for c in compendium.cases}, reverse=True
    )
