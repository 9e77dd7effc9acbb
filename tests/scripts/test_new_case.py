"""scripts/new_case.py: a new case file, worked out from a few answers and checked before writing."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from compendium.cli import check, new_case
from compendium.content.frontmatter import parse_document
from conftest import CONTENT, ROOT, tool_env


@pytest.fixture
def content(tmp_path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def run(content, *args) -> int:
    return new_case.main(["--content", str(content), *args])


def test_listed_case_from_flags(content, capsys):
    code = run(
        content,
        "--collection",
        "gwbxch-2024-471",
        "--unit",
        "厦门市思明区妇幼保健院",
        "--title",
        "孕产妇健康教育",
        "--themes",
        "强化健康教育、合理膳食行动",
    )
    out = capsys.readouterr().out
    assert code == 0, out
    path = content / "cases" / "gwbxch-2024-471" / "xiamen-siming-fuyoubaojianyuan.md"
    doc, problems = parse_document(path.name, path.read_bytes())
    assert problems == []
    assert doc.meta["region"] == ["福建省", "厦门市", "思明区"]
    taken = [parse_document(p.name, p.read_bytes())[0].meta["number"] for p in path.parent.glob("*.md") if p != path]
    assert doc.meta["number"] == max(taken) + 1 and doc.meta["year"] == 2024
    assert f"序号 {max(taken) + 1}：gwbxch-2024-471 中下一个未用的序号" in out and "从单位名称得出" in out
    assert check.main([str(content)]) == 0


def test_full_text_case_gets_a_placeholder_that_the_check_refuses(content, capsys):
    assert (
        run(
            content,
            "--collection",
            "gjtwbh-2021-3",
            "--unit",
            "重庆市渝中区大坪街道",
            "--title",
            "社区健康小屋",
            "--themes",
            "合理膳食行动",
        )
        == 0
    )
    path = content / "cases" / "gjtwbh-2021-3" / "chongqing-yuzhong-dapingjiedao.md"
    assert path.exists()
    assert check.main([str(content)]) == 1
    err = capsys.readouterr().err
    assert "chongqing-yuzhong-dapingjiedao.md:11: 正文仍是 new-case 写入的占位文字" in err
    path.write_text(
        path.read_text("utf-8").replace("（请在此处填写案例正文，并删除本行。）", "大坪街道建成健康小屋。"), "utf-8"
    )
    assert check.main([str(content)]) == 0


def test_refuses_an_existing_slug_and_writes_nothing(content, capsys):
    before = sorted(p.name for p in (content / "cases").rglob("*.md"))
    code = run(
        content,
        "--collection",
        "gjtwbh-2021-3",
        "--unit",
        "上海市某街道",
        "--title",
        "新标题",
        "--themes",
        "合理膳食行动",
        "--slug",
        "shanghai",
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "已有名为 shanghai.md 的案例文件；请用 --slug 另取一个文件名" in err
    assert sorted(p.name for p in (content / "cases").rglob("*.md")) == before


def test_validates_before_writing(content, capsys):
    code = run(
        content,
        "--collection",
        "gjtwbh-2021-4",
        "--unit",
        "长春市某医院",
        "--title",
        "标题",
        "--themes",
        "健康科普行动",
        "--number",
        "3",
    )
    err = capsys.readouterr().err
    assert code == 1
    assert "collection: “gjtwbh-2021-4”不是已有的批次；是否应为“gjtwbh-2021-3”" in err
    assert "themes: “健康科普行动”不是已有的主题" in err
    assert "Traceback" not in err
    assert not (content / "cases" / "gjtwbh-2021-4").exists()


def test_missing_answers_without_a_terminal_are_named(content):
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_case.py"), "--content", str(content), "--unit", "长春市某医院"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=tool_env(CI="true"),
    )
    assert result.returncode == 1
    assert "缺少 --collection、--title、--themes" in result.stderr


def test_asks_in_a_terminal(content, monkeypatch, capsys):
    answers = iter(["gwbxch-2024-471", "蚌埠市第三人民医院", "戒烟门诊", "控烟行动"])
    monkeypatch.setattr(new_case, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert run(content) == 0
    path = content / "cases" / "gwbxch-2024-471" / "bengbu-disanrenminyiyuan.md"
    assert "region: [安徽省, 蚌埠市]" in path.read_text("utf-8")


def test_a_wrong_answer_is_asked_again_and_an_unknown_region_is_chosen(content, monkeypatch, capsys):
    # 朝阳区 is a district of 北京市 and of 长春市: the unit's name does not say which, so the editor is asked.
    answers = iter(
        [
            "no-such-batch",
            "gwbxch-2024-471",
            "朝阳区社区卫生服务中心",
            "",
            "家庭医生签约",
            "戒烟",
            "控烟行动",
            "吉林省",
            "长春市",
            "朝阳区",
        ]
    )
    monkeypatch.setattr(new_case, "interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    assert run(content) == 0
    out = capsys.readouterr().out
    assert "“no-such-batch”不在上面的列表中" in out and "这一项必须填写" in out and "“戒烟”不在上面的列表中" in out
    path = next((content / "cases" / "gwbxch-2024-471").glob("chaoyang*.md"))
    assert "region: [吉林省, 长春市, 朝阳区]" in path.read_text("utf-8")
