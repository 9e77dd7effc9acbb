"""Collection pages read like a printed 汇编 (issue 15): the notice as a visible 前言, a side 目录 of the cases,
case cards that say each thing once, and a way back to the 目录 from every case."""

import re
from html import unescape

from compendium.model.ordering import within_collection
from compendium.site.pages import contents_anchor


def _html(site, url):
    return (site / url / "index.html").read_text("utf-8")


def test_the_side_contents_list_the_cases_in_order(built_site, compendium):
    for collection in compendium.taxonomy.collections.values():
        html = _html(built_site, f"collections/{collection.id}")
        cases = sorted(compendium.cases_in(collection.id), key=within_collection)
        side = html[html.index('data-md-component="toc"') :]
        side = side[: side.index("</nav>")]
        titles = [unescape(t).strip() for t in re.findall(r'<span class="md-ellipsis">\s*(.*?)\s*</span>', side, re.S)]
        expected = [f"{c.number_label} {c.title}" for c in cases]
        notice = compendium.notice_for(collection)
        assert titles == (["前言"] if notice and notice.preface.strip() else []) + expected
        for case in cases:
            assert f'id="{contents_anchor(case.number)}"' in html
        if notice:
            assert '<section class="cc-preface"' in html and "<details" not in html.split("cc-preface", 1)[1][:200]


def test_case_cards_say_each_thing_once_and_lead_back_to_the_contents(built_site, compendium):
    for case in compendium.cases:
        html = _html(built_site, case.path.removesuffix(".md"))
        card = html[html.index('<dl class="cc-meta"') : html.index("</dl>")]
        notice = compendium.notice_for(case.collection)
        if notice and notice.doc_number:
            assert card.count(notice.doc_number) <= 1, case.path
        assert ("<dt>地区</dt>" in card) == (case.region_label != case.unit), case.path
        assert re.sub(r"<[^>]+>", "", card).count(case.unit) == 1, case.path
        back = re.search(r'<a class="cc-pager__contents" href="([^"]+)">返回目录</a>', html)
        assert back and back.group(1).endswith(f"/collections/{case.collection.id}/#{contents_anchor(case.number)}")
