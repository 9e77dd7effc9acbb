"""The print book as data on the fixture compendium (editions/book.py), before any layout."""

from compendium.editions.book import collection_book, compendium_book


def test_a_full_text_collection_prints_its_notice_then_every_case(compendium):
    collection = compendium.taxonomy.collections["gjtwbh-2021-3"]
    book = collection_book(compendium, collection)
    assert book.name == "gjtwbh-2021-3" and book.subtitle == "国健推委办函〔2021〕3号"
    (part,) = book.parts
    assert part.preface is not None and [c.record.number for c in part.cases] == list(range(1, 19))
    assert all(c.body_html for c in part.texts) and part.groups == []
    assert part.cases[0].title_lines and "".join(part.cases[0].title_lines) == part.cases[0].record.title


def test_a_listed_collection_prints_one_roster_in_number_order(compendium):
    collection = compendium.taxonomy.collections["gwbxch-2024-471"]
    (part,) = collection_book(compendium, collection).parts
    numbers = [c.record.number for g in part.groups for c in g.cases]
    assert sorted(numbers) == numbers and len(numbers) == len(compendium.cases_in(collection.id))
    assert len(part.groups) > 1  # under its notice's group headings


def test_the_whole_book_holds_every_collection_newest_first(compendium):
    book = compendium_book(compendium, "健康中国案例汇编", "jiankang")
    assert [p.collection.id for p in book.parts] == ["gwbxch-2024-471", "gjtwbh-2021-3"]
    assert book.subtitle == "（2021—2024年）"
    assert sum(len(p.cases) for p in book.parts) == len(compendium.cases)


def test_an_issuer_index_only_where_a_body_issued_several_of_the_books_collections(compendium):
    """发文机关索引 groups what the contents do not: with every notice from other bodies it would only repeat the
    contents, so it is left out; once one body has issued two of the collections, it is there, that body's
    collections under it."""
    import dataclasses

    from compendium.model.compendium import Compendium

    book = compendium_book(compendium, "健康中国案例汇编", "jiankang")
    assert [i.title for i in book.indexes] == ["地区索引", "主题索引"]
    shared = "国家卫生健康委办公厅"
    notices = [
        dataclasses.replace(n, issuers=(*n.issuers, shared)) if shared not in n.issuers else n
        for n in compendium.notices
    ]
    book = compendium_book(Compendium(compendium.taxonomy, compendium.cases, notices), "汇编", "huibian")
    [issuers] = [i for i in book.indexes if i.title == "发文机关索引"]
    headings = [g.heading for g in issuers.groups]
    body = headings.index(shared)
    assert {g.heading for g in issuers.groups[body + 1 : body + 3]} == {p.collection.title for p in book.parts}


def test_a_listed_case_is_labelled_by_its_place_in_the_list_not_as_a_case_number(compendium):
    listed = compendium.cases_in("gwbxch-2024-471")[19]
    assert listed.number_label == "名单第20项"
    assert compendium.cases_in("gjtwbh-2021-3")[4].number_label == "案例五"


def test_the_roster_keeps_the_notices_own_group_headings_and_files_a_case_it_does_not_list(compendium):
    """一、强化健康教育主题 as the notice numbers and words it (before: 强化健康教育, the theme's name); a case added
    to the collection that the notice's list does not name joins a group named after its theme, after them."""
    import dataclasses

    from compendium.model.compendium import Compendium

    collection = compendium.taxonomy.collections["gwbxch-2024-471"]
    (part,) = collection_book(compendium, collection).parts
    assert [g.heading for g in part.groups] == [
        "一、强化健康教育主题",
        "二、优化健康服务主题",
        "三、建设健康环境、倡导健康文化、完善健康促进激励机制主题",
    ]
    first = compendium.cases_in(collection.id)[0]
    added = dataclasses.replace(first, path=first.path.replace(".md", "-2.md"), slug=first.slug + "-2", number=52)
    grown = Compendium(compendium.taxonomy, [*compendium.cases, added], compendium.notices)
    groups = grown.listed_groups(collection)
    assert groups[-1] == (first.themes[0].name, [added]) and sum(len(g) for _, g in groups) == 52
