"""The pull request's summary: `make check ARGS=--changed-since origin/main` lists the cases and notices added or
changed, each with its title and its problems on its line (what the web editor's pull requests are read by)."""

import shutil
import subprocess

from compendium.cli import check
from conftest import CONTENT


def _git(folder, *args):
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


def test_added_and_changed_cases_are_listed_with_titles_and_problems(tmp_path, capsys, monkeypatch):
    content = tmp_path / "content"
    shutil.copytree(CONTENT, content)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "-c", "user.email=e@example.org", "-c", "user.name=e", "commit", "-qm", "before")
    folder = content / "cases" / "gjtwbh-2021-3"
    changed = folder / "chongqing.md"
    changed.write_text(changed.read_text("utf-8").replace("title: 聚焦需求", "title: 聚焦需求，", 1), "utf-8")
    added = folder / "20261202-194402.md"
    added.write_text(
        "---\ntitle: 社区心理服务进万家\nunit: 武汉市江岸区心理服务中心\nregion: [湖北省, 武汉市, 江岸区]\nyear: 2021\n"
        "themes: [心理关怀]\ncollection: gjtwbh-2021-3\nnumber: 19\n---\n\n正文。\n",
        "utf-8",
    )
    _git(tmp_path, "add", "-A")  # as in a pull request: the changes are committed (git diff sees no untracked file)
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    code = check.main([str(content), "--changed-since", "HEAD"])
    out = capsys.readouterr().out
    assert code == 1  # 心理关怀 is no theme of the vocabulary: the check fails, and says so on the new case's line
    assert "新增或修改了 2 个案例或通知文件" in out
    assert "新增 cases/gjtwbh-2021-3/20261202-194402.md 《社区心理服务进万家》" in out
    assert "修改 cases/gjtwbh-2021-3/chongqing.md 《聚焦需求，创新模式" in out
    table = summary.read_text("utf-8")
    row = next(line for line in table.splitlines() if line.startswith("| 新增 |"))
    assert row.startswith("| 新增 |") and "社区心理服务进万家" in row and "6: themes" in row and "心理关怀" in row
    assert "| 修改 | `cases/gjtwbh-2021-3/chongqing.md` | 聚焦需求，创新模式" in table and table.count("✓") == 1
