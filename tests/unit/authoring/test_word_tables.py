"""A list of cases as a Word table, in any layout an office sends it (issue 27): the importer's reading of one
table (sources._table_lines) and of a whole notice laid out each way.

Layouts: one table per group with the group's heading as a paragraph before it; one table with the groups as
merged rows; a table per group with its heading in its first (merged) row; the columns in any order, with any
of the header words offices use (序号/编号, 单位/申报单位, 案例名称/案例题目/标题), a 地区 or 推荐单位 column beside;
numbering restarting in each table or running on.
"""

from __future__ import annotations

import docx
from hypothesis import given, settings
from hypothesis import strategies as st

from compendium.authoring.notice_parse import parse_notice
from compendium.authoring.sources import _table_lines
from conftest import SOURCES

CASES = [
    ("北京大学人民医院", "健康教育健康促进新模式"),
    ("首都医科大学附属北京同仁医院", "应用智能移动宣教系统 助力医院健康教育创新管理"),
    ("天津市胸科医院", "健康科普有妙方 守护少年儿童血压健康"),
]
NUMBER = ["序号", "编号"]
UNIT = ["单位", "申报单位", "单位名称"]
TITLE = ["案例名称", "案例题目", "标题", "案例"]
BESIDE = {"地区": "北京市", "省份": "北京", "推荐单位": "北京市卫生健康委员会"}


def table_document(columns: list[str], heading: str | None, first: int):
    """A Word document holding one table: `heading` in a merged first row (if any), the head, the cases."""
    document = docx.Document()
    rows = [columns] + [
        [str(first + i) if c in NUMBER else unit if c in UNIT else title if c in TITLE else BESIDE[c] for c in columns]
        for i, (unit, title) in enumerate(CASES)
    ]
    table = document.add_table(rows=len(rows) + bool(heading), cols=len(columns))
    if heading:
        merged = table.rows[0].cells[0].merge(table.rows[0].cells[-1])
        merged.text = heading
    for row, values in zip(table.rows[bool(heading) :], rows):
        for cell, value in zip(row.cells, values):
            cell.text = value
    return document.tables[0]


@settings(max_examples=60, deadline=None)
@given(
    number=st.sampled_from(NUMBER),
    unit=st.sampled_from(UNIT),
    title=st.sampled_from(TITLE),
    beside=st.lists(st.sampled_from(sorted(BESIDE)), unique=True, max_size=2),
    order=st.randoms(use_true_random=False),
    heading=st.sampled_from([None, "一、强化健康教育主题"]),
    first=st.sampled_from([1, 19]),
)
def test_a_table_of_cases_is_read_whatever_its_columns_order_and_header_words(
    number, unit, title, beside, order, heading, first
):
    columns = [number, unit, title, *beside]
    order.shuffle(columns)
    lines = _table_lines(table_document(columns, heading, first))
    expected = [f"{u}：《{t}》" for u, t in CASES]
    assert lines == ([heading] if heading else []) + expected, (columns, lines)


def test_a_table_that_is_not_a_list_of_cases_is_read_row_by_row():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [["指标", "2021年"], ["参与人数", "3400"]]):
        for cell, value in zip(row.cells, values):
            cell.text = value
    assert _table_lines(document.tables[0]) == ["指标　2021年", "参与人数　3400"]


def test_dates_in_chinese_numerals_and_wherever_the_notice_puts_them():
    """The 成文日期 in Chinese numerals (二〇二四年十二月十日, or with ○ typed for 〇), and after the annex rather
    than before it, is read as the same date; a notice with none says so."""
    source = (SOURCES / "gwbxch-2024-471.txt").read_text("utf-8")
    plain = parse_notice(source)
    assert str(plain.date) == "2024-12-10"
    for written in ("二〇二四年十二月十日", "二○二四年十二月十日"):
        changed = parse_notice(source.replace("2024 年 12 月 10 日", written))
        assert changed.date == plain.date and changed.issuers == plain.issuers
        assert [(c.unit, c.title) for c in changed.cases] == [(c.unit, c.title) for c in plain.cases]
    # the 落款 and date after the annex's list instead of before it: the same date, issuers, cases and text
    lines = source.split("\n")
    start = lines.index("国家卫生健康委办公厅")
    end = next(i for i in range(start, len(lines)) if "2024 年 12 月 10 日" in lines[i]) + 1
    moved = parse_notice("\n".join(lines[:start] + lines[end:] + [""] + lines[start:end]))
    assert (moved.date, moved.issuers, moved.body) == (plain.date, plain.issuers, plain.body)
    assert [(c.unit, c.title) for c in moved.cases] == [(c.unit, c.title) for c in plain.cases]


def test_a_notice_without_a_date_is_imported_with_a_message_that_says_so(tmp_path):
    from compendium.authoring.notice_import import plan_import
    from compendium.content.vocabularies import load_taxonomy
    from conftest import CONTENT

    source = (SOURCES / "gwbxch-2024-471.txt").read_text("utf-8").replace("2024 年 12 月 10 日", "")
    notice = parse_notice(source)
    assert notice.date is None and len(notice.cases) == 51
    _, _, warnings = plan_import(notice, load_taxonomy(CONTENT), tmp_path, slug="gwbxch-2024-471")
    [missing] = [w for w in warnings if w.field == "date"]
    assert missing.what("zh") == "date: 通知中找不到成文日期；请补上成文日期，例如 date: 2025-06-18"
