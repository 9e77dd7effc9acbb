"""The finder in a real browser, hosted over http and opened from file://."""

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from compendium.finder.data import (
    FINDER_DATA_VERSION,
    normalize,
    query_runs,
    query_terms,
    script_data,
    shard_of,
    simplified_table,
)
from conftest import ARTIFACTS, CONTENT, FIXTURE, all_results, build_site, open_finder, result_cases

pytestmark = pytest.mark.browser
QUERIES = yaml.safe_load((FIXTURE / "finder_queries.yml").read_text("utf-8"))
RANKING = yaml.safe_load((FIXTURE / "finder_ranking.yml").read_text("utf-8"))
FACETS = ("theme", "region", "year", "collection", "issuer")


@pytest.fixture(params=["http", "file"])
def finder(request, site_url, file_site):
    """URL of the finder page, hosted and from file://."""
    if request.param == "http":
        return site_url + "finder/"
    return (file_site / "finder" / "index.html").as_uri()


@pytest.mark.parametrize(
    "case", QUERIES, ids=lambda c: " ".join(f"{k}={v}" for k, v in c.items() if k in ("q",) + FACETS)
)
def test_checked_in_queries(page, finder, case):
    open_finder(page, finder, q=case["q"] or None, **{f: case.get(f) for f in FACETS})
    results = all_results(page)
    status = page.locator(".cc-finder__status").inner_text()
    assert re.search(rf"找到 {len(results)} 个案例", status) or not results
    if "first" in case:
        assert results and results[0] == case["first"], results
    for expected in case.get("expect", []):
        assert expected in results
    if "only" in case:
        assert sorted(results) == sorted(case["only"])
    if "within" in case:
        assert all(r.startswith(case["within"] + "/") for r in results)
    if "count" in case:
        assert len(results) == case["count"]
    if "status" in case:  # what the result line says of the search (the spelling a slip was read as)
        assert case["status"] in status, status
    assert page.console_errors == []


def test_a_pinyin_search_says_what_it_covers_offers_the_characters_and_marks_them(page, finder):
    """yingyang finds the one case whose title, unit, place, themes or keywords read so; 营养 finds five (the text
    too): the result line says what pinyin covers and offers the characters' search with its count, which
    opens it; the words the pinyin matched are marked in the titles."""
    open_finder(page, finder, q="yingyang")
    status = page.locator(".cc-finder__status").inner_text()
    assert "拼音检索标题、单位、地区、主题和关键词" in status and "按“营养”检索：5 个案例" in status
    assert page.locator(".cc-finder__title mark").all_inner_texts() == ["营养"]
    page.locator(".cc-finder__offer").click()
    # the offer is a link: a new page loads, which has no status line for a moment (before: read as null, flaky)
    page.wait_for_function("document.querySelector('.cc-finder__status')?.textContent.startsWith('“营养”')")
    assert len(all_results(page)) == 5 and "按“" not in page.locator(".cc-finder__status").inner_text()
    assert page.console_errors == []


def test_facet_values_no_case_of_the_search_has_are_not_offered(page, finder):
    """Searching 营养 leaves most regions with no case: those are hidden from the region list (and disabled), the
    ones with cases shown with their counts; a value chosen stays, whatever its count."""
    open_finder(page, finder, q="营养")
    options = page.eval_on_selector_all(
        "select[name=region] option", "os => os.slice(1).map(o => [o.textContent, o.hidden, o.disabled])"
    )
    shown = [text for text, hidden, _ in options if not hidden]
    assert shown and all(not text.endswith("（0）") for text in shown), shown
    assert all(hidden and disabled for text, hidden, disabled in options if text.endswith("（0）"))
    assert len(shown) < len(options)


def test_facet_counts_are_the_searchs_cases_with_each_value(page, finder, compendium):
    """Each option's count is the number of the search's cases with that value (a theme's counting those of the
    themes below it), the other facets' choices applied and its own not: counted here from the content."""
    by_id = {f"{c.collection.id}/{Path(c.path).stem}": c for c in compendium.cases}

    def expected(cases, facet):
        counts = Counter()
        for case in cases:
            if facet == "region":
                counts[case.province.name] += 1
            elif facet == "year":
                counts[str(case.year)] += 1
            else:
                counts.update({t.name for theme in case.themes for t in compendium.taxonomy.theme_path(theme)})
        return counts

    def shown(facet):
        texts = page.eval_on_selector_all(
            f"select[name={facet}] option", "os => os.slice(1).filter(o => !o.hidden).map(o => o.textContent)"
        )
        suffix = "年" if facet == "year" else ""
        pairs = [re.fullmatch(rf"[\u3000]*(.+){suffix}（(\d+)）", text).groups() for text in texts]
        return {name: int(n) for name, n in pairs if int(n)}

    open_finder(page, finder, q="健康")
    found = [by_id[r] for r in all_results(page)]
    assert len(found) > 10
    for facet in ("region", "year", "theme"):
        assert shown(facet) == expected(found, facet), facet
    region = found[0].province
    open_finder(page, finder, q="健康", region=region.slug)
    within = [by_id[r] for r in all_results(page)]
    assert within == [c for c in found if c.province == region]
    assert shown("region") == expected(found, "region")  # its own choice not applied
    assert shown("theme") == expected(within, "theme") and shown("year") == expected(within, "year")


def test_typing_updates_results_url_and_facet_counts(page, finder):
    open_finder(page, finder)
    page.fill("#cc-finder-q", "营养")
    page.wait_for_function("document.querySelector('.cc-finder__status').textContent.startsWith('“营养”')")
    assert result_cases(page)[0] == "gjtwbh-2021-3/jilin-changchun-chaoyang-guilinjiedao"
    region_options = page.eval_on_selector_all("select[name=region] option", "os => os.map(o => o.textContent)")
    assert "吉林省（1）" in region_options
    page.select_option("select[name=region]", "jilin")
    page.wait_for_function("document.querySelectorAll('.cc-finder__hit').length === 1")
    if finder.startswith("http"):
        assert "q=%E8%90%A5%E5%85%BB" in page.url and "region=jilin" in page.url
    marks = page.eval_on_selector_all(".cc-finder__hit mark", "ms => ms.map(m => m.textContent)")
    assert "营养" in marks
    page.screenshot(path=str(ARTIFACTS / f"finder-{'http' if finder.startswith('http') else 'file'}.png"))


def test_result_links_open_the_case(page, finder):
    open_finder(page, finder, q="副校长")
    page.locator(".cc-finder__title").first.click()
    assert page.locator(".cc-case__title").inner_text() == "卫生健康副校长健康优教守门人"


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "，。！？…",
        "x" * 2000,
        "健" * 2000,
        '<img src=x onerror="window.__pwned=1">',
        "</script><script>window.__pwned=1</script>",
        "javascript:window.__pwned=1",
    ],
)
def test_bad_queries_do_nothing_harmful(page, finder, query):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    open_finder(page, finder)
    page.fill("#cc-finder-q", query)
    page.wait_for_function(
        "(q) => document.querySelector('.cc-finder__status').textContent.startsWith("
        "q.trim() ? '“' + q.trim().slice(0, 40) : '全部案例')",
        arg=query[:200],
    )
    assert page.evaluate("window.__pwned") is None and dialogs == []
    assert page.locator(".cc-finder__results img, .cc-finder__results script").count() == 0
    assert page.console_errors == []


def test_tokenizer_and_shards_agree_with_python(page, site_url, built_site):
    open_finder(page, site_url + "finder/")
    table = simplified_table(script_data((built_site / "finder" / "data" / "meta.js").read_text("utf-8")))
    assert table["營"] == "营" and table["養"] == "养"  # the characters the cases use, in their traditional forms
    samples = [
        "控烟 兰州",
        "健康中国行动",
        "Shanghai 2024",
        "ＡＢＣ１２号",
        "烟",
        "副校长健康优教守门人",
        "绿色 lv",
        "營養 控煙",
        "ying2yang3 xin1li3",  # tone digits dropped from pinyin
        "EPG2号 h7n9 a1",  # and kept in other words
        "“四色”科普 《纲要》「健康」",  # quotation marks join the words around them
    ]
    for text in samples:
        assert page.evaluate("t => __finder.queryTerms(t)", text) == query_terms(text, table)
        assert page.evaluate("t => __finder.queryRuns(t)", text) == query_runs(text, table)
        for term in query_terms(text):
            assert page.evaluate("([t, n]) => __finder.shardOf(t, n)", [term, 97]) == shard_of(term, 97)


def test_header_search_box_leads_to_the_finder(page, site_url):
    page.goto(site_url + "cases/gjtwbh-2021-3/chongqing/")
    page.fill(".cc-header-search input", "控烟")
    page.press(".cc-header-search input", "Enter")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    assert result_cases(page)[0] == "gjtwbh-2021-3/gansu-lanzhou"


def test_postings_read_in_the_browser_as_written(page, site_url, built_site):
    """finder.js decodes a term's postings (cases, scores, where the term stands, a title bigram's positions) as
    compendium.finder.postings writes them: every term of the first text shards, and of a pinyin shard."""
    from compendium.finder.postings import decode

    page.goto(site_url + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    checked = 0
    for name in ("t0", "t1", "t2", "pbj"):
        for term, text in script_data((built_site / "finder" / "data" / f"{name}.js").read_text("utf-8")).items():
            bigram = len(term) == 2 and not term.isascii()
            got = page.evaluate("([t, b]) => __finder.decode(t, b)", [text, bigram])  # the shipped function
            want = decode(text, bigram)
            assert {int(ref): score for ref, score in got["scores"].items()} == {r: p[0] for r, p in want.items()}
            assert {int(ref): f for ref, f in got["fields"].items()} == {r: p[1] for r, p in want.items() if p[1]}
            assert {int(ref): tuple(at) for ref, at in got["at"].items()} == {r: p[2] for r, p in want.items() if p[2]}
            checked += len(want)
    assert checked > 1000


def test_results_are_put_in_order_as_far_as_they_are_shown(page, site_url):
    """finder.js orders only the results it shows (a query finding most of 100,000 cases ranks a page, not every
    case): page after page, what it shows is what ordering every hit gives, by standing, then (in the text) score,
    then newest (the smaller case number), with many equal scores and more hits than a page picks from."""
    import random

    rng = random.Random(28)
    hits = sorted(rng.sample(range(20_000), 5_000))
    # most in the text (rank 0) as for a common word, some found through a synonym only (ranks below 0)
    rank = {i: rng.choices([3, 2, 1, 0, -10, -9], weights=[1, 1, 1, 80, 10, 7])[0] for i in hits}
    scores = {i: rng.choice([0.02, 0.5, 1.24, 1.26, 3.0]) * rng.choice([1, 1, 0.5, 2]) for i in hits}
    want = sorted(hits, key=lambda i: (-rank[i], -scores[i] if rank[i] <= 0 else 0, i))
    above = sum(1 for i in hits if rank[i] > 0)
    ends = [10, 20, above + 10, above + 20, above + 400, 4_200, 4_210, 4_900, 5_000]
    page.goto(site_url + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    pages = page.evaluate(
        """([hits, rank, scores, ends]) => {
             const r = new Int8Array(20000), s = {};
             hits.forEach((i, k) => { r[i] = rank[k]; s[i] = scores[k]; });
             return __finder.order(hits.slice(), r, s, ends);
           }""",
        [hits, [rank[i] for i in hits], [scores[i] for i in hits], ends],
    )
    for end, shown in zip(ends, pages):
        assert shown == want[:end], end


def test_the_pinyin_shards_a_prefix_needs_hold_every_token_it_begins(page, site_url, compendium):
    """Pinyin shards split by one letter more where they grow big (data.py's pinyin_keys): for the fixture's
    tokens split at a small size, finder.js's shards for any prefix of a token include the token's shard."""
    from compendium.finder.data import index_cases, pinyin_keys, pinyin_shard, pinyin_shards_of

    pinyin = index_cases(compendium).pinyin
    keys = pinyin_keys(pinyin, limit=40)
    assert any(len(key) > 3 for key in keys)  # split twice somewhere
    shard = pinyin_shard(keys)
    tokens = sorted({t for tokens in pinyin for t in tokens})
    prefixes = sorted({t[:n] for t in tokens for n in range(2, len(t) + 1)})
    page.goto(site_url + "finder/")
    page.wait_for_selector("#cc-finder[data-ready=true]")
    found = page.evaluate("([ps, keys]) => ps.map(p => __finder.pinyinShards(p, keys))", [prefixes, keys])
    shards_of = dict(zip(prefixes, found))
    for token in tokens:
        for n in range(2, len(token) + 1):
            assert "p" + shard(token) in shards_of[token[:n]], (token, token[:n])
    # and only shards there are, the one a whole token is in first (a prefix's shard when it is all there is),
    # as the build's own reckoning has them (the finder benchmark's)
    for prefix, listed in shards_of.items():
        assert listed[0] == "p" + shard(prefix) and set(listed) <= {"p" + k for k in keys}, prefix
        assert listed == ["p" + k for k in pinyin_shards_of(prefix, keys)], prefix


def test_a_finder_page_refuses_data_of_another_version(file_site, tmp_path, page):
    # A finder page served with meta.js of another version (a half-updated server, a stale cache) says so
    # in Chinese instead of misreading the rows.
    import shutil

    site = tmp_path / "site"
    shutil.copytree(file_site, site)
    meta = site / "finder" / "data" / "meta.js"
    text = meta.read_text("utf-8")
    version = f'"version":{FINDER_DATA_VERSION}'
    assert version in text
    meta.write_text(text.replace(version, '"version":99', 1), "utf-8")
    page.goto((site / "finder" / "index.html").as_uri() + "?q=营养")
    page.wait_for_function("document.querySelector('.cc-finder__status').textContent.includes('版')")
    status = page.inner_text(".cc-finder__status")
    assert "第 99 版" in status and f"第 {FINDER_DATA_VERSION} 版" in status and "重新生成网站" in status
    assert page.locator(".cc-finder__hit").count() == 0


def test_a_word_finds_its_synonyms_after_its_own_matches(page, site_url, compendium):
    """content/_data/synonyms.yml: 慢病 finds what 慢性病 finds too, the cases with 慢病 itself first, and the
    result line says a synonym was added."""
    texts = {
        c.path.removeprefix("cases/").removesuffix(".md"): " ".join(
            [c.title, c.unit, c.summary, c.body, *c.keywords, *(t.name for t in c.themes)]
        )
        for c in compendium.cases
    }

    def has(case: str, word: str) -> bool:  # the finder's own test: every bigram of the word in the text
        return all(word[i : i + 2] in texts[case] for i in range(max(1, len(word) - 1)))

    checked = 0
    for group in compendium.taxonomy.synonyms:
        found = {}
        for word in group:
            open_finder(page, site_url + "finder/", q=word)
            found[word] = all_results(page)
            status = page.locator(".cc-finder__status").inner_text()
            own = [has(case, word) for case in found[word]]
            assert own == sorted(own, reverse=True), (word, found[word])  # its own matches first
            assert ("含同义词" in status) == (not all(own)), (word, status)
        assert len({frozenset(r) for r in found.values()}) == 1, group  # one group, one set of cases
        checked += any(found.values())
    assert checked or not compendium.taxonomy.synonyms


def test_when_nothing_is_found_the_page_offers_ways_forward(page, finder, compendium):
    # Filters that exclude each other (a collection, and a year it is not of): the way out without them.
    open_finder(page, finder, q="营养")
    found = len(all_results(page))
    collection = next(iter(compendium.taxonomy.collections.values()))
    years = sorted({c.year for c in compendium.cases} - {collection.year})
    if years:
        open_finder(page, finder, q="营养", collection=collection.id, year=str(years[0]))
        assert all_results(page) == [] and page.locator(".cc-finder__empty").is_visible()
        link = page.locator(".cc-finder__unfiltered a")
        assert link.inner_text() == f"不限筛选条件（{found} 个案例）"
        link.click()
        page.wait_for_selector("#cc-finder[data-ready=true]")
        page.wait_for_function(f"document.querySelectorAll('.cc-finder__hit').length === {min(found, 20)}")
        assert page.locator(".cc-finder__empty").is_hidden()
    # Nothing at all: the indexes to browse, and no link that would find nothing either.
    open_finder(page, finder, q="zzzzzz")
    assert page.locator(".cc-finder__empty").is_visible() and page.locator(".cc-finder__unfiltered").is_hidden()
    assert page.locator(".cc-finder__empty a").all_inner_texts()[-3:] == ["按主题浏览", "按地区浏览", "单位索引"]
    assert page.console_errors == []


# Ranking (issue 18) --------------------------------------------------------------------------------------------

TITLE_PHRASE, TITLE_WORDS, PLACE, BODY = 3, 2, 1, 0


def standing(case, query: str) -> int:
    """The ranking rule, written again from its statement (finder.js is what is tested): every word of the query
    in the title as typed; every term in the title; in title, unit or place; else in the text."""
    title = normalize(case.title)
    place = title + normalize(case.unit + case.region_label)
    level = TITLE_PHRASE if all(run in title for run in query_runs(query)) else TITLE_WORDS
    for term in query_terms(query):
        if term not in title:
            level = min(level, PLACE) if term in place else BODY
    return level


def case_key(case) -> str:
    return case.path.removeprefix("cases/").removesuffix(".md")


def test_the_ranking_set_is_large_enough():
    assert len(RANKING) >= 40 and len({entry["q"] for entry in RANKING}) == len(RANKING)


@pytest.mark.parametrize("entry", RANKING, ids=lambda e: e["q"])
def test_the_best_case_comes_first(page, finder, entry, compendium):
    open_finder(page, finder, q=entry["q"])
    results = result_cases(page)
    assert entry["top"] in results, results
    # Before it only cases added after this set was written may come: newer, with the query in their title too.
    cases = {case_key(c): c for c in compendium.cases}
    top = cases[entry["top"]]
    for other in results[: results.index(entry["top"])]:
        assert standing(cases[other], entry["q"]) == TITLE_PHRASE and cases[other].year >= top.year, (other, results)
    assert page.console_errors == []


def test_nothing_found_suggests_the_parts_of_the_query_that_find_cases(page, finder):
    # 营养 and 厨房 each find the case of 社区营养厨房; 营养餐厅 finds nothing, 营养 does.
    open_finder(page, finder, q="营养餐厅")
    assert page.locator(".cc-finder__empty").is_visible()
    links = page.locator(".cc-finder__suggestions a")
    texts = links.all_inner_texts()
    assert texts and texts[0].startswith("营养（") and all(re.fullmatch(r"\S+（\d+ 个案例）", t) for t in texts)
    expected = int(re.search(r"（(\d+) 个案例）", texts[0]).group(1))
    links.first.click()
    page.wait_for_selector("#cc-finder[data-ready=true]")
    assert len(all_results(page)) == expected
    assert page.locator(".cc-finder__empty").is_hidden()
    # Two words that find nothing together: each that finds on its own.
    open_finder(page, finder, q="控烟 糖尿病")
    assert [t.split("（")[0] for t in page.locator(".cc-finder__suggestions a").all_inner_texts()] == ["控烟", "糖尿病"]
    assert page.console_errors == []


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """1,000 synthetic cases (a fixed seed), built and served, with their compendium."""
    from compendium.content.loader import load_compendium
    from compendium_bench.project import make_projects, serve

    ours, _ = make_projects(tmp_path_factory.mktemp("synthetic"), 1000, source=CONTENT)
    site = tmp_path_factory.mktemp("synthetic-site")
    result = build_site(ours, site)
    assert result.returncode == 0, result.stdout + result.stderr
    url, server = serve(site)
    yield url, load_compendium(ours / "content").compendium
    server.shutdown()


def test_ranking_over_a_thousand_synthetic_cases(page, synthetic):
    """40 queries over 1,000 synthetic cases (titles repeat there, as in real archives), each first result the one
    the rule puts first: the best standing, then the newest collection, then the case's number."""
    import random

    from compendium.model.ordering import newest_first

    url, compendium = synthetic
    cases = sorted(compendium.cases, key=newest_first)
    rng = random.Random(18)
    queries = [c.title for c in rng.sample(cases, 15)]  # a whole title
    queries += [c.title[2:6] for c in rng.sample(cases, 10)]  # words inside a title
    queries += [f"{c.unit[-5:]} {c.title[2:4]}" for c in rng.sample(cases, 10)]  # a kind of unit, a title word
    queries += [c.region_label[-3:] for c in rng.sample(cases, 5)]  # a place
    checked = 0
    for query in queries:
        best = max(standing(c, query) for c in cases)
        if best == BODY:  # the text's ranking is lunr's scores, not this rule
            continue
        expected = next(c for c in cases if standing(c, query) == best)
        open_finder(page, url + "finder/", q=query)
        assert result_cases(page)[0] == case_key(expected), query
        checked += 1
    assert checked >= 35
    assert page.console_errors == []
