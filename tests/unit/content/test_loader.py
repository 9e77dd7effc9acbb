"""What the loader keeps of a checked content folder: each case's text stays in its file and is read from there, so
that a build of 100,000 cases does not hold every text (issue 28); a file changed after its check is refused."""

import shutil

import pytest

from compendium.content.frontmatter import parse_document
from compendium.content.loader import load_compendium
from compendium.errors import ContentError
from conftest import CONTENT


@pytest.fixture
def content(tmp_path):
    return shutil.copytree(CONTENT, tmp_path / "content")


def test_a_loaded_case_reads_its_text_from_its_file_as_the_check_read_it(content):
    loaded = load_compendium(content)
    for case in loaded.compendium.cases:
        assert not isinstance(case.text, str)  # left in the file
        doc, _ = parse_document(case.path, (content / case.path).read_bytes())
        assert case.body == doc.body == loaded.documents[case.path].body
        assert case.body_size == len(doc.body.strip())
        assert case.record.has_body == bool(doc.body.strip())


def test_a_case_saved_with_windows_line_ends_reads_back_as_checked(content):
    """Offsets into the file's text hold for a file saved on Windows (CR LF) or with a lone CR (old Mac editors)."""
    file = content / "cases" / "gjtwbh-2021-3" / "chongqing.md"
    text = file.read_text("utf-8")
    file.write_bytes(text.replace("\n", "\r\n").replace("。\r\n", "。\r", 3).encode("utf-8"))
    case = next(c for c in load_compendium(content).compendium.cases if c.path == "cases/gjtwbh-2021-3/chongqing.md")
    doc, _ = parse_document(case.path, file.read_bytes())
    assert case.body == doc.body and "\r" not in case.body and case.body.strip()


def test_a_case_file_changed_after_its_check_is_refused_with_its_name(content, monkeypatch):
    monkeypatch.setenv("COMPENDIUM_LANG", "zh")
    case = load_compendium(content).compendium.cases[0]
    file = content / case.path
    file.write_text(file.read_text("utf-8") + "\n<script>未经检查</script>\n", "utf-8")
    with pytest.raises(ContentError) as raised:
        case.body
    [problem] = raised.value.problems
    assert problem.format() == f"{case.path}: 文件在检查之后又被改动；请再构建一次：改动后的文字要先经检查才能发布"
    file.unlink()
    with pytest.raises(ContentError) as raised:
        case.body
    assert raised.value.problems[0].path == case.path and "无法读取" in raised.value.problems[0].format()
