"""make new-collection: checked first, never half-written; questions asked again after a wrong answer."""

import shutil

import pytest

from compendium.cli import ask, choose, new_collection
from conftest import CONTENT

ARGS = [
    "--doc-number",
    "国卫办宣传函〔2025〕12号",
    "--title",
    "2025年健康促进医院优秀案例",
    "--year",
    "2025",
    "--notice-title",
    "关于通报2025年健康促进医院优秀案例的函",
    "--issuers",
    "国家卫生健康委办公厅、国家中医药局综合司",
]


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def test_writes_the_entry_and_a_notice_the_check_refuses_until_filled(content, capsys):
    assert new_collection.main(["--content", str(content), *ARGS]) == 0
    entries = (content / "_data/collections.yml").read_text("utf-8")
    assert entries.startswith((CONTENT / "_data/collections.yml").read_text("utf-8"))  # comments kept
    assert "id: gwbxch-2025-12" in entries and "- 国家中医药局综合司" in entries
    notice = (content / "notices/gwbxch-2025-12.md").read_text("utf-8")
    assert "collection: gwbxch-2025-12" in notice and "issuers: [国家卫生健康委办公厅, 国家中医药局综合司]" in notice
    from compendium.cli import check

    capsys.readouterr()
    assert check.main([str(content)]) == 1
    assert "notices/gwbxch-2025-12.md:" in capsys.readouterr().err  # the placeholder line


@pytest.mark.parametrize(
    "change, expected",
    [
        (["--id", "gjtwbh-2021-3"], "批次“gjtwbh-2021-3”已经存在"),
        (["--id", "../../x"], "应由以“-”连接的小写 ASCII 单词组成"),
        (["--kind", "便条"], "“便条”不是常见的公文文种"),
    ],
)
def test_refuses_before_writing_anything(content, capsys, change, expected):
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    assert new_collection.main(["--content", str(content), *ARGS, *change]) == 1
    assert expected in capsys.readouterr().err
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before


def test_a_wrong_answer_is_asked_again(monkeypatch, capsys):
    answers = iter(["", "x", "9", "2", "1 3", "不在", "2、1"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert ask("标题", lambda t: t or (_ for _ in ()).throw(ValueError("必须填写"))) == "x"
    assert choose("批次", ["甲", "乙", "丙"]) == "乙"
    assert choose("主题", ["甲", "乙", "丙"], several=True) == ["甲", "丙"]
    assert choose("主题", ["甲", "乙", "丙"], several=True) == ["乙", "甲"]
    out = capsys.readouterr().out
    assert "必须填写，请重新输入" in out and "“9”不在上面的列表中" in out and "“不在”不在上面的列表中" in out


def test_ctrl_d_cancels_without_a_traceback(content, monkeypatch, capsys):
    def end_of_input(prompt):
        raise EOFError

    monkeypatch.setattr(new_collection, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", end_of_input)
    before = sorted(p.relative_to(content) for p in content.rglob("*"))
    assert new_collection.main(["--content", str(content)]) == 1
    err = capsys.readouterr().err
    assert "已取消，没有写入任何文件" in err and "Traceback" not in err
    assert sorted(p.relative_to(content) for p in content.rglob("*")) == before
