import shutil
from pathlib import Path

from compendium.cli import check, import_notice
from conftest import CONTENT

ROOT = Path(__file__).resolve().parents[2]


def test_the_fixture_compendium_passes_in_either_language(capsys):
    assert check.main([str(CONTENT)]) == 0
    cases = len(list((CONTENT / "cases").rglob("*.md")))
    notices = len(list((CONTENT / "notices").glob("*.md")))
    assert f"{cases} 个案例，{notices} 份通知，" in capsys.readouterr().out
    assert check.main([str(CONTENT), "--lang", "en"]) == 0
    assert f"{cases} cases, {notices} notices, " in capsys.readouterr().out


def test_every_problem_reported_in_one_run(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    case_dir = content / "cases" / "gjtwbh-2021-3"
    (case_dir / "broken-yaml.md").write_text("---\ntitle: [未闭合\n---\n正文\n", "utf-8")
    original = (case_dir / "shanghai.md").read_text("utf-8")
    (case_dir / "copy-of-shanghai.md").write_text(original, "utf-8")
    (case_dir / "unknown-theme.md").write_text(
        original.replace("number: 6", "number: 99")
        .replace("themes: [健康知识普及行动]", "themes: [健康科普行动]")
        .replace("title: ", "title: 另一个"),
        "utf-8",
    )
    (case_dir / "中文名.md").write_text(original, "utf-8")
    assert check.main([str(content)]) == 1
    err = capsys.readouterr().err
    lines = [l for l in err.splitlines() if l.startswith("错误")]
    assert any("broken-yaml.md:2: 文件头格式错误：以“[”开始的列表没有用“]”结束" in l for l in lines)
    assert any("copy-of-shanghai.md" in l and "number: 序号 6 在批次" in l for l in lines)
    assert any("unknown-theme.md:6: themes: “健康科普行动”不是已有的主题；是否应为" in l for l in lines)
    assert any("中文名.md" in l and "不是 ASCII 字符的名称" in l for l in lines)
    assert all(l.startswith(f"错误 {content.as_posix()}/") for l in lines)
    assert "Traceback" not in err


def test_missing_folder_is_a_message_not_a_traceback(tmp_path, capsys):
    assert check.main([str(tmp_path / "nope")]) == 1
    assert "没有这个文件夹" in capsys.readouterr().err


def test_import_notice_cli_dry_run_writes_nothing(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "_data", content / "_data")
    source = CONTENT / "_sources" / "gjtwbh-2021-3.txt"
    assert import_notice.main([str(source), "--out", str(content), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert out.count("将写入") == 19 and not (content / "cases").exists()
    assert import_notice.main([str(source), "--out", str(content)]) == 0
    assert len(list((content / "cases").rglob("*.md"))) == 18
    assert import_notice.main([str(source), "--out", str(content)]) == 0
    assert "19 个文件已是最新" in capsys.readouterr().out
    assert len(list((content / "cases").rglob("*.md"))) == 18


def test_import_notice_cli_refuses_non_utf8(tmp_path, capsys):
    source = tmp_path / "gbk.txt"
    source.write_bytes("关于某事的通知".encode("gbk"))
    assert import_notice.main([str(source), "--out", str(CONTENT), "--dry-run"]) == 1
    assert "不是 UTF-8 文本" in capsys.readouterr().err


def test_a_case_whose_notice_does_not_exist(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    collections = content / "_data" / "collections.yml"
    collections.write_text(
        collections.read_text("utf-8") + "\n- id: wjw-2025-9\n  title: 2025年某某案例\n"
        "  year: 2025\n  notice: wjw-2025-9\n  full_text: false\n",
        "utf-8",
    )
    case = (content / "cases" / "gwbxch-2024-471" / "beijinglaonianyiyuan.md").read_text("utf-8")
    (content / "cases" / "wjw-2025-9").mkdir()
    (content / "cases" / "wjw-2025-9" / "beijing-laonian.md").write_text(
        case.replace("collection: gwbxch-2024-471", "collection: wjw-2025-9")
        .replace("year: 2024", "year: 2025")
        .replace("title: ", "title: 另一个"),
        "utf-8",
    )
    assert check.main([str(content)]) == 1
    err = capsys.readouterr().err
    assert (
        "_data/collections.yml: notice: 批次“wjw-2025-9”指定的通知是“wjw-2025-9”，"
        "但没有 notices/wjw-2025-9.md 这个文件；请添加该通知，或改正通知名"
    ) in err


def test_a_unit_that_recurs_in_another_collection_is_welcome(tmp_path, capsys):
    # The same city again in a later collection: a file of the same name in another collection's folder.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    folder = content / "cases" / "gwbxch-2024-471"
    numbers = [
        int(line.split(":")[1])
        for p in folder.glob("*.md")
        for line in p.read_text("utf-8").splitlines()
        if line.startswith("number:")
    ]
    (folder / "shanghai.md").write_text(
        "---\ntitle: 上海市健康促进医院的新做法\nunit: 上海市卫生健康委员会\nregion: [上海市]\nyear: 2024\n"
        f"themes: [强化健康教育]\ncollection: gwbxch-2024-471\nnumber: {max(numbers) + 1}\n---\n",
        "utf-8",
    )
    assert (content / "cases" / "gjtwbh-2021-3" / "shanghai.md").exists()
    assert check.main([str(content)]) == 0, capsys.readouterr().err


def test_warnings_fail_the_check_as_they_fail_the_strict_build(tmp_path, capsys):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    case = content / "cases" / "gjtwbh-2021-3" / "shanghai.md"
    case.write_text(case.read_text("utf-8").replace("year: 2021", "year: 2020", 1), "utf-8")
    assert check.main([str(content)]) == 1
    err = capsys.readouterr().err
    assert "警告" in err and "shanghai.md:" in err and "与所属批次的年份 2021 不一致" in err
    assert check.main([str(content), "--allow-warnings"]) == 0


def test_in_github_actions_problems_are_annotations_on_the_diff(tmp_path, capsys, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    case = content / "cases" / "gjtwbh-2021-3" / "shanghai.md"
    case.write_text(case.read_text("utf-8").replace("year: 2021", "year: 二〇二一", 1), "utf-8")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert check.main([str(content)]) == 1
    out = capsys.readouterr().out
    line = next(n for n, text in enumerate(case.read_text("utf-8").splitlines(), 1) if text.startswith("year:"))
    prefix = str(content).replace(":", "%3A").replace(",", "%2C")
    assert f"::error file={prefix}/cases/gjtwbh-2021-3/shanghai.md,line={line},title=内容检查::year: " in out
    assert "请写成 year%3A 2021" not in out and "请写成 year: 2021" in out  # the message's own colons stay
    text = summary.read_text("utf-8")
    assert "### 内容检查：1 个问题" in text and "cases/gjtwbh-2021-3/shanghai.md` | " in text


def test_a_collection_whose_issuers_differ_from_its_notices_is_refused(tmp_path, capsys):
    # One fact, one place: the site shows the notice's issuers; a different list in collections.yml would make the
    # collection page and the issuer index disagree.
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    collections = content / "_data" / "collections.yml"
    collections.write_text(
        collections.read_text("utf-8").replace("  - 国家中医药管理局综合司\n", "  - 国家疾病预防控制局综合司\n"),
        "utf-8",
    )
    assert check.main([str(content)]) == 1
    err = capsys.readouterr().err
    assert "_data/collections.yml: issuers: 批次“gwbxch-2024-471”写的发文机关是" in err
    assert "网站以通知中的发文机关为准" in err
