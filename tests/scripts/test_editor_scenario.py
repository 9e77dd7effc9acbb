"""An editor's first pull request, scripted on a copy of the repository: a new 2025 collection with three cases.

`make new-collection`, three `make new-case`, one text with a numbered list, a
table, a quote and a picture, then `make check`, `make build`, `make pdf`
(the table and the picture in the PDF) and `make bundle`; then the tests that
read the editors' content (marked `content`) run on the copy, and welcome the new collection.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, png

NOTICE_TEXT = "各省、自治区、直辖市卫生健康委：\n\n为推广健康促进医院建设经验，现将2025年优秀案例通报如下。\n"
BODY = """一、主要做法

1. 建立院内健康教育网络。
2. 开设戒烟门诊。

| 指标 | 2024年 | 2025年 |
| --- | --- | --- |
| 门诊宣教人次 | 1200 | 3400 |

> 健康促进是医院的基本职能。

![义诊现场](yizhen.png)
"""


def _copy_repository(target: Path) -> Path:
    files = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (f.decode() for f in files)):
        source, dest = ROOT / name, target / name
        if source.is_file():
            dest.parent.mkdir(parents=True, exist_ok=True)
            dest.write_bytes(source.read_bytes())
    (target / ".venv").symlink_to(ROOT / ".venv")  # the environment is made once; -o below keeps make from redoing it
    return target


def _make(repo: Path, *target: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "CI": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        ["make", *(f"-o.venv/.{s}-stamp" for s in ("site", "print", "installed")), "-o", "system-deps", *target],
        cwd=repo,
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 0, f"make {' '.join(target)}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


@pytest.mark.content  # it copies the whole repository, content/ as it is, and adds a collection as an editor does
def test_a_new_collection_with_three_cases_passes_everything(tmp_path):
    repo = _copy_repository(tmp_path / "repo")
    _make(
        repo,
        "new-collection",
        "ARGS=--doc-number 国卫办宣传函〔2025〕12号 --title 2025年健康促进医院优秀案例 "
        "--year 2025 --notice-title 关于通报2025年健康促进医院优秀案例的函 --issuers 国家卫生健康委办公厅 "
        "--date 2025-03-18",
    )
    notice = repo / "content/notices/gwbxch-2025-12.md"
    notice.write_text(
        re.sub(r"（请在此处粘贴通知正文，并删除本行。）", NOTICE_TEXT, notice.read_text("utf-8")), "utf-8"
    )
    units = [
        ("吉林省长春市人民医院", "戒烟门诊与院内健康教育"),
        ("上海市第六人民医院", "以患者为中心的健康科普"),
        ("重庆市妇幼保健院", "孕产妇健康管理"),
    ]
    for unit, title in units:
        _make(repo, "new-case", f"ARGS=--collection gwbxch-2025-12 --unit {unit} --title {title} --themes 强化健康教育")
    cases = sorted((repo / "content/cases/gwbxch-2025-12").glob("*.md"))
    assert len(cases) == 3
    for case in cases:
        body = BODY if "changchun" in case.name else "本院开展健康促进工作的做法与成效。\n"
        case.write_text(case.read_text("utf-8").replace("（请在此处填写案例正文，并删除本行。）", body), "utf-8")
    (cases[0].parent / "yizhen.png").write_bytes(png(90, 45, (40, 120, 60)))

    _make(repo, "check")
    _make(repo, "build")
    page = next((repo / "site/cases/gwbxch-2025-12").glob("jilin-*/index.html")).read_text("utf-8")
    assert "<table>" in page and "<blockquote>" in page and "<ol>" in page and 'src="../yizhen.png"' in page
    assert (repo / "site/issuers/guojiaweishengjiankangweiyuanhuibangongting/index.html").exists() or any(
        "国家卫生健康委办公厅" in p.read_text("utf-8") for p in (repo / "site/issuers").glob("*/index.html")
    )
    _make(repo, "pdf")
    pdf = repo / "dist/gwbxch-2025-12.pdf"
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert re.search(r"门诊宣教人次\s+1200\s+3400", text) and "| ---" not in text
    images = subprocess.run(["pdfimages", "-list", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert any(line.split()[3:5] == ["90", "45"] for line in images)
    _make(repo, "bundle")
    assert list((repo / "dist").glob("*.zip"))

    # The tests of the editors' content, on the copy (with the canary batch added to it too): a new collection
    # never turns them red.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-m",
            "content",
            "tests/content/test_editor_content.py",
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "CI": "true"},
    )
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"\b\d+ passed\b", result.stdout) and " failed" not in result.stdout
