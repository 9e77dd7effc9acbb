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


@pytest.mark.parametrize(
    "line, found",
    [
        ("二收集资料□20xx年以来工作资料，按年度装订成册。", "□"),
        ("《全民健康素养促进行动规划（20xx-20xx年）》", "20xx"),
        ("居民健康素养水平同比提高xx%，成人吸烟率下降。", "xx"),
        ("根据xx市创建健康促进市的要求", "xx"),
        ("由某某医院牵头", "某某"),
    ],
)
def test_a_reference_page_with_a_templates_placeholder_is_refused_with_its_line(line, found):
    """The reference shelf publishes finished texts only: a 范文 still holding □, 20xx, xx%, xx市 or 某某 is
    refused, with its line and what to do; the same text where the site publishes no reference is not read so."""
    from compendium.content.validation import validate_page

    text = f"---\ntitle: 工作计划\n---\n\n第一段。\n\n{line}\n"
    doc, _ = parse_document("reference/plans/pian-01.md", text.encode())
    errors, _ = validate_page(doc, reference=True)
    [error] = errors
    assert error.line == 7 and found in str(error.message.render("zh")) and "content/_sources/" in str(error.hint)
    assert validate_page(doc, reference=False) == ([], [])
    clean, _ = parse_document(
        "reference/plans/pian-02.md", b"---\ntitle: t\n---\n\nExcel 2019, 2020\xe5\xb9\xb4\xe3\x80\x82\n"
    )
    assert validate_page(clean, reference=True) == ([], [])


def test_half_width_marks_in_chinese_text_are_warned_with_their_line_and_fixed_by_one_command(taxonomy, tmp_path):
    """规划,建立 and (一) in a case's text or summary: a warning (which fails the check, as warnings do) at the first
    one, with how many; `make fix-punctuation` sets exactly those full-width: YAML's own commas, links and Latin
    text stay as they are."""
    from compendium.authoring.punctuation_fix import fixed_text

    text = GOOD.replace("正文。", "(一)完善机制,发挥作用。见[链接](https://example.org/a,b)。Excel, Word.").replace(
        "number: 5", "number: 5\nsummary: 纳入规划,建立制度"
    )
    doc, _ = parse_document("cases/gjtwbh-2021-3/a.md", text.encode())
    case, errors, warnings = validate_case(doc, taxonomy, "a")
    assert case is not None and errors == []
    found = {(w.field, w.line): str(w.message.render("zh")) for w in warnings}
    assert found == {
        ("summary", 9): "中文里有 1 个半角标点，第一个是“纳入规划,建立制度”中的“,”",
        (None, 11): "中文里有 3 个半角标点，第一个是“(一)完善”中的“(”",
    }
    fixed, count = fixed_text("cases/gjtwbh-2021-3/a.md", text.encode())
    assert count == 4
    assert "summary: 纳入规划，建立制度" in fixed and "region: [吉林省, 长春市, 朝阳区]" in fixed
    assert "（一）完善机制，发挥作用。见[链接](https://example.org/a,b)。Excel, Word." in fixed
    doc, _ = parse_document("cases/gjtwbh-2021-3/a.md", fixed.encode())
    assert validate_case(doc, taxonomy, "a")[2] == []
    assert fixed_text("cases/gjtwbh-2021-3/a.md", fixed.encode()) is None  # nothing left to change


def test_half_width_marks_in_fenced_code_are_neither_warned_nor_changed(taxonomy):
    """A program's punctuation in a code fence is not a writer's: the check names only what the fixer changes
    (before, the check warned of a mark the fixer left, and the warning never went away)."""
    from compendium.authoring.punctuation_fix import fixed_text

    text = GOOD.replace("正文。", "正文。\n\n```\n打印(中,文)\n```\n")
    doc, _ = parse_document("cases/gjtwbh-2021-3/a.md", text.encode())
    assert validate_case(doc, taxonomy, "a")[2] == []
    assert fixed_text("cases/gjtwbh-2021-3/a.md", text.encode()) is None
