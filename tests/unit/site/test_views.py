"""Page data on the fixture compendium: the case card, a case page's links, citation and JSON-LD (views, sharing)."""

import datetime as dt
import json

from compendium.site import sharing
from compendium.site.indexes import Indexes
from compendium.site.views import case_card, case_view


def _case(compendium, path):
    return compendium.case_by_path(path)


def test_the_card_says_each_thing_once(compendium):
    chongqing = _case(compendium, "cases/gjtwbh-2021-3/chongqing.md")
    rows = {row["name"]: row for row in case_card(chongqing, compendium, Indexes(compendium))}
    # a unit that is a place: its names, linked to the region's page, under 单位（地区）, and no 地区 row
    assert rows["unit"]["label"] == "单位（地区）" and "region" not in rows
    assert [(i["text"], i["src"]) for i in rows["unit"]["items"]] == [("重庆市", "regions/chongqing.md")]
    # the collection's row, then its notice's, with the 文号 after the title; no 来源 that repeats the 文号
    names = [row["name"] for row in case_card(chongqing, compendium, Indexes(compendium))]
    assert names.index("notice") == names.index("collection") + 1
    assert rows["notice"]["items"][0]["after"] == "（国健推委办函〔2021〕3号）"
    assert "source" not in rows and chongqing.source.startswith("国健推委办函〔2021〕3号")
    assert rows["collection"]["items"][0]["after"] == "，案例十四"
    assert rows["themes"]["tags"] and rows["themes"]["items"][0]["title"] == "健康中国行动 / 妇幼健康促进行动"


def test_a_unit_in_a_place_gets_its_region_row_with_the_city_anchor(compendium):
    case = next(c for c in compendium.cases if not c.record.unit_is_place and len(c.regions) >= 2)
    rows = {row["name"]: row for row in case_card(case, compendium, Indexes(compendium))}
    assert rows["unit"]["label"] == "单位" and rows["unit"]["items"][0]["text"] == case.unit
    region = rows["region"]
    assert [i["text"] for i in region["items"]] == [r.name for r in case.regions] and region["separator"] == " · "
    assert region["items"][1]["anchor"] == f"city-{case.regions[1].code}"
    assert all(i["src"] is None for i in region["items"][2:])  # a county has no page of its own


def test_a_case_page_links_its_neighbours_and_its_place_in_the_contents(compendium):
    ix = Indexes(compendium)
    cases = compendium.cases_in("gjtwbh-2021-3")
    view = case_view(cases[1], compendium, ix)
    assert view["previous"]["src"] == cases[0].path and view["next"]["src"] == cases[2].path
    assert view["contents_anchor"] == "case-2" and view["collection"]["src"] == "collections/gjtwbh-2021-3.md"
    assert view["summary"] == cases[1].summary and view["has_body"] is True
    first = case_view(cases[0], compendium, ix)
    assert first["previous"] is None


def test_the_citation_follows_gb_t_7714(compendium):
    """单位. 题名[EB/OL]//发文机关. 汇编题名. (发布日期: the notice's, the case having none)[引用日期]. 地址."""
    case = _case(compendium, "cases/gjtwbh-2021-3/chongqing.md")
    text = sharing.citation(case, compendium, url="https://example.org/c/", accessed=dt.date(2026, 12, 2))
    assert text == (
        "重庆市. 聚焦需求创新模式，着力加强妇女全生命周期健康服务[EB/OL]//健康中国行动推进委员会办公室. "
        "健康中国行动推进典型经验案例. (2021-02-23)[2026-12-02]. https://example.org/c/."
    )


def test_json_ld_is_safe_inside_a_script(compendium):
    case = _case(compendium, "cases/gjtwbh-2021-3/chongqing.md")
    data = sharing.case_json_ld(case, compendium, url="https://example.org/c/", collection_url=None)
    assert data["author"] == {"@type": "Organization", "name": "重庆市"} and data["position"] == 14
    text = sharing.script_json(data | {"headline": "</script><script>alert(1)</script>\u2028"})
    assert "<" not in text and "\u2028" not in text
    assert json.loads(text)["headline"].startswith("</script>")


def test_the_home_page_lists_the_newest_collections_and_links_the_rest(compendium, monkeypatch):
    """A library's home page does not list its 1,250 collections and their notices (657 KB at 100,000 cases): the
    newest HOME_LINKS of each, a link to the collections' listing with the count, and every notice no collection
    names (here 新华网's call, which is on no collection's page)."""
    from compendium.site import views
    from compendium.site.indexes.collections import collection_list

    whole = views.home_view(compendium, Indexes(compendium))
    assert whole["all_collections"] is None and whole["more_notices"] == 0
    assert len(whole["collections"]) == len(collection_list(compendium)) == 2

    monkeypatch.setattr(views, "HOME_LINKS", 1)
    home = views.home_view(compendium, Indexes(compendium))
    assert home["collections"] == collection_list(compendium)[:1]  # the newest
    assert home["all_collections"] == {"src": "collections/index.md"}
    named = {c.notice for c in compendium.taxonomy.collections.values()}
    official = [n for n in compendium.notices if n.official and n.slug in named]
    assert len(official) == 2 and len(home["notices"]) == 1 and home["more_notices"] == 1
    # the notice shown is the newest collection's; the one left off is on its collection's page
    newest = compendium.notice_for(compendium.taxonomy.collections[home["collections"][0]["id"]])
    assert home["notices"][0]["title"] == newest.title
    assert [n["title"] for n in home["other_notices"]] == [
        n.title for n in compendium.notices if not n.official and n.slug not in named
    ]
