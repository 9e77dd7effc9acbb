"""The print edition's faces (GB/T 9704's 仿宋 and 楷体, from the Fandol fonts) hold every character of the shipped
content, and a character they lack is named with its file and line before printing (it prints in the fallback)."""

from __future__ import annotations

import subprocess

import pytest

from compendium.editions.fonts import FALLBACK_FACE, PRINT_FACES, font_characters, font_file, uncovered_characters
from conftest import CONTENT, ROOT, copy_project, make_edition


@pytest.fixture(scope="module")
def faces() -> dict[str, frozenset[str]]:
    found = {family: font_file(family) for family in (*PRINT_FACES, FALLBACK_FACE)}
    assert all(found.values()), f"missing faces: {found} (run `sh scripts/system_deps.sh`)"
    return {family: font_characters(path) for family, path in found.items()}


def test_the_faces_hold_every_character_of_the_shipped_content(faces):
    printed = sorted(CONTENT.glob("cases/**/*.md")) + sorted(CONTENT.glob("notices/*.md"))
    printed.append(CONTENT / "_data" / "collections.yml")
    for path in printed:
        text = path.read_text("utf-8")
        missing = uncovered_characters(text, {family: faces[family] for family in PRINT_FACES})
        assert missing == [], f"{path.relative_to(ROOT)}: {missing[:10]}"
        assert uncovered_characters(text, {FALLBACK_FACE: faces[FALLBACK_FACE]}) == [], path


def test_a_character_the_faces_lack_is_named_with_its_file_and_line(tmp_path, faces):
    # 堃 (a character of personal and place names, outside GB 2312): the Fandol faces lack it, Noto has it.
    assert "堃" not in faces["FandolFang"] and "堃" in faces[FALLBACK_FACE]
    project = copy_project(tmp_path / "project")
    case = sorted((project / "content/cases/gjtwbh-2021-3").glob("*.md"))[0]
    lines = case.read_text("utf-8").split("\n")
    lines.insert(len(lines) - 1, "\n李堃同志介绍了经验。")
    case.write_text("\n".join(lines), "utf-8")
    line = case.read_text("utf-8").split("\n").index("李堃同志介绍了经验。") + 1
    dist = tmp_path / "dist"
    result = make_edition("pdf", project, dist, "--only", "gjtwbh-2021-3")
    assert result.returncode == 0, result.stderr
    where = f"{(project / 'content').as_posix()}/{case.relative_to(project / 'content').as_posix()}:{line}"
    assert f"{where}：字符“堃”（U+5803）不在仿宋字体 FandolFang 中" in result.stderr, result.stderr
    text = subprocess.run(["pdftotext", str(dist / "gjtwbh-2021-3.pdf"), "-"], capture_output=True, text=True).stdout
    assert "李堃同志" in text  # printed, in the fallback face
