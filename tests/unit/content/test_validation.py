import pytest

from compendium.content.frontmatter import parse_document
from compendium.content.validation import validate_case, validate_notice
from compendium.content.vocabularies import load_taxonomy
from conftest import CONTENT

GOOD = """---
title: 社区营养厨房赋能合理膳食行动
unit: 吉林省长春市朝阳区桂林街道
region: [吉林省, 长春市, 朝阳区]
year: 2021
themes: [合理膳食行动]
collection: gjtwbh-2021-3
number: 5
---
正文。
"""


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(CONTENT)


def check(text, taxonomy):
    doc, problems = parse_document("cases/gjtwbh-2021-3/a.md", text.encode())
    assert problems == []
    return validate_case(doc, taxonomy, "a")


def test_good_case(taxonomy):
    case, errors, warnings = check(GOOD, taxonomy)
    assert errors == [] and warnings == []
    assert case.number_label == "案例五"
    assert [r.code for r in case.regions] == ["220000", "220100", "220104"]
    assert case.themes[0].id == "hc-diet"


def test_region_as_one_official_string(taxonomy):
    case, errors, _ = check(GOOD.replace("[吉林省, 长春市, 朝阳区]", "吉林省长春市朝阳区"), taxonomy)
    assert errors == [] and case.region_label == "吉林省长春市朝阳区"


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        ("themes: [合理膳食行动]", "themes: [营养]", "themes", "合理膳食行动"),
        ("themes: [合理膳食行动]", "themes: [优化健康服务]", "themes", "ambiguous"),
        ("themes: [合理膳食行动]", "themes: 合理膳食行动", "themes", "must be a list"),
        ("[吉林省, 长春市, 朝阳区]", "[吉林省, 长春]", "region", "长春市"),
        ("[吉林省, 长春市, 朝阳区]", "[长春市]", "region", "not a region"),
        ("year: 2021", "year: 二〇二一", "year", "write year: 2021"),
        ("year: 2021", "year: '2021'", "year", "write year: 2021"),
        ("year: 2021", "year: 1800", "year", "out of range"),
        ("number: 5", "number: -1", "number", "out of range"),
        ("collection: gjtwbh-2021-3", "collection: gjtwbh-2021", "collection", "gjtwbh-2021-3"),
        ("number: 5", "number: 5\ntitel: x", "titel", "did you mean 'title'"),
        ("title: 社区营养厨房赋能合理膳食行动\n", "", "title", "is missing"),
    ],
)
def test_bad_fields_name_field_line_and_fix(taxonomy, old, new, field, words):
    case, errors, _ = check(GOOD.replace(old, new), taxonomy)
    assert case is None
    matching = [e for e in errors if e.field == field]
    assert matching, errors
    assert words in matching[0].format("en")
    if field != "title":
        assert matching[0].line is not None


def test_full_text_collection_needs_a_body(taxonomy):
    case, errors, _ = check(GOOD.replace("正文。\n", ""), taxonomy)
    assert case is None and "has no text" in errors[0].format("en")


def test_notice_kind_and_number(taxonomy):
    text = "---\ntitle: 关于某事的通知\nissuers: [某委员会]\nkind: 通知\n---\n正文\n"
    doc, _ = parse_document("notices/x.md", text.encode())
    notice, errors, warnings = validate_notice(doc, taxonomy, "x")
    assert errors == [] and notice.kind == "通知"
    assert [w.field for w in warnings] == ["doc_number"]
