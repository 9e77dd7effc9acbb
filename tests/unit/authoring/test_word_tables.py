"""A list of cases as a Word table, in any layout an office sends it (issue 27): the importer's reading of one
table (sources._table_lines) and of a whole notice laid out each way.

Layouts: one table per group with the group's heading as a paragraph before it; one table with the groups as
merged rows; a table per group with its heading in its first (merged) row; the columns in any order, with any
of the header words offices use (序号/编号, 单位/申报单位, 案例名称/案例题目/标题), a 地区 or 推荐单位 column beside;
numbering restarting in each table or running on.
"""

from __future__ import annotations

import docx
import pytest
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


def seed_blocks(name: str) -> list[str]:
    """The seed notice's paragraphs as its Word original holds them: head lines, then each paragraph."""
    from compendium.authoring.notice_parse import _split_header
    from compendium.text.reflow import reflow

    header, rest = _split_header((SOURCES / f"{name}.txt").read_text("utf-8"))
    head = [" ".join(header["issuers"]), header["doc_number"], header["title"], header["recipients"]]
    return [line for line in head if line] + reflow(rest)


def word_notice(layout: str, path):
    """The 2024 seed notice as a Word file whose list of cases is laid out as `layout`: `per-group` (a heading
    paragraph, then its own table, numbered from 1), `heading-row` (a table per group, its heading in its first
    merged row), `one-table` (one table, groups as merged rows, numbers running on, 编号|案例题目|申报单位|推荐单位)."""
    from compendium.authoring.notice_parse import LIST_ENTRY

    document = docx.Document()
    groups: list[tuple[str, list[tuple[str, str]]]] = []
    annex = False
    pending = ""
    for block in seed_blocks("gwbxch-2024-471"):
        annex = annex or block.strip() == "附件"
        if annex and (pending or ("《" in block and "》" not in block)):
            pending += block  # an entry the text wrapped: one cell in a table
            if "》" not in pending:
                continue
            block, pending = pending, ""
        entry = LIST_ENTRY.match(block)
        if annex and entry:
            groups[-1][1].append((entry.group("unit"), entry.group("title")))
        elif annex and block.startswith(("一、", "二、", "三、")):
            groups.append((block, []))
        else:
            document.add_paragraph(block)
    if layout == "one-table":
        head = ["编号", "案例题目", "申报单位", "推荐单位"]
        table = document.add_table(rows=1, cols=4)
        for cell, value in zip(table.rows[0].cells, head):
            cell.text = value
        number = 0
        for heading, cases in groups:
            row = table.add_row()
            row.cells[0].merge(row.cells[-1]).text = heading
            for unit, title in cases:
                number += 1
                for cell, value in zip(table.add_row().cells, [str(number), title, unit, "某省卫生健康委"]):
                    cell.text = value
    else:
        for heading, cases in groups:
            if layout == "per-group":
                document.add_paragraph(heading)
            table = document.add_table(rows=0, cols=3)
            if layout == "heading-row":
                row = table.add_row()
                row.cells[0].merge(row.cells[-1]).text = heading
            for values in [("序号", "单位", "案例名称")] + [(str(n), u, t) for n, (u, t) in enumerate(cases, 1)]:
                for cell, value in zip(table.add_row().cells, values):
                    cell.text = value
    document.save(str(path))
    return path


@pytest.mark.parametrize("layout", ["per-group", "heading-row", "one-table"])
def test_the_seed_notice_in_each_word_layout_imports_to_the_same_cases_groups_and_date(layout, tmp_path):
    from compendium.authoring.sources import read_source

    text_notice = parse_notice((SOURCES / "gwbxch-2024-471.txt").read_text("utf-8"))
    notice = parse_notice(read_source(word_notice(layout, tmp_path / f"{layout}.docx")).text)
    assert notice.date == text_notice.date and notice.issuers == text_notice.issuers
    assert [(c.unit, c.title, c.theme_names, c.group) for c in notice.cases] == [
        (c.unit, c.title, c.theme_names, c.group) for c in text_notice.cases
    ]
    assert len({c.group for c in notice.cases}) == 3
