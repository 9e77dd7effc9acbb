"""Untrusted content, round 2 (issue 23): ids that hijack the theme, inputs that grow without bound, text that
becomes commands.  Numbers are those of the issue.  Each attack is refused by the check and the strict build
alike, naming the file and line, or made inert; the previous site stays as it was.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import markdown
import pytest
from attacks import attack, good_site  # noqa: F401 (fixtures)
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compendium.content.safe_markdown import SafeMarkdownExtension, markup_problems
from compendium.text.reflow import plain_text

CASE = "cases/gjtwbh-2021-3/shanghai.md"


def _set_body(content: Path, body: str) -> Path:
    path = content / CASE
    text = path.read_text("utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    path.write_text(text[:end] + body, "utf-8")
    return path


# 1. No id or class from content collides with the theme's or ours.

CLOBBER = (
    "正文第一段，有一个[链接](../gwbxch-2024-471/beijingdaxuedisanyiyuan.md)。\n\n"
    "## __config\n\n"
    '```{#__config .json .cc-visually-hidden}\n{"base": "https://evil.example/", "features": '
    '["navigation.instant.preview"], "version": {"provider": "mike"}}\n```\n\n'
    "## cc-cite-text\n\n末段。\n"
)


def test_1_content_cannot_take_the_themes_or_our_ids(attack, capsys, browser):
    _set_body(attack.content, CLOBBER)
    code, output = attack.check(capsys)
    assert code == 0, output
    code, output = attack.build()
    assert code == 0, output
    page_file = attack.site / "cases/gjtwbh-2021-3/shanghai/index.html"
    html = page_file.read_text("utf-8")
    article = html.split('class="md-content"', 1)[1].split('class="cc-cite', 1)[0]
    assert 'id="__config"' not in article and "cc-visually-hidden" not in article
    assert 'id="h-__config"' in article and 'id="h-cc-cite-text"' in article
    page = browser.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(page_file.as_uri())
    # Material's configuration is its own, and the copy-citation button finds its own text.
    config = json.loads(page.evaluate("document.querySelector('#__config').textContent"))
    assert config["base"] == "../../.." and not config.get("version")
    assert "navigation.instant.preview" not in config["features"]
    assert page.evaluate("document.querySelectorAll('[id=__config]').length") == 1
    assert page.evaluate("document.getElementById('cc-cite-text').tagName") != "H2"
    page.hover("article a[href*='beijingdaxuedisanyiyuan']")
    page.wait_for_timeout(300)  # a preview would be fetched now; the assertion is on what was requested
    assert not [u for u in requests if "evil.example" in u or u.endswith("versions.json")], requests
    page.close()


# 2–5. Inputs whose work or output grows faster than themselves are refused, by the same reading of lines.


@pytest.mark.parametrize(
    "body, expected",
    [
        # 2. a wide header over many short lines: every line becomes a row of the header's cells
        ("| " + " | ".join(["甲"] * 300) + " |\n|" + "---|" * 300 + "\n" + "行\n" * 2000, "columns and 2,000 rows"),
        ("| a | b |\n| - | - |\n" + "x\n" * 30_000, "2 columns and 30,000 rows"),
        # 2. a row of `| runs, split in time that grows with their product
        ("| a | b |\n| - | - |\n| " + "`| " * 20_000 + "|\n", "'`' in"),
        # 3. paragraphs "separated" by lines of U+3000, which Python-Markdown reads as text
        ("\n\u3000\n".join(["[" * 40 + "字" * 10] * 400), "'[' in"),
        # 4. a lone CR ends a line: the fences after it are seen, and so is a script link
        ("正文\r" + "```\r" * 200, "code fences"),
        ("正文\r\r[x]: javascript:alert(1)\r", "javascript:alert(1)"),
        # 7. control characters in the text
        ("正文\x0b第二句。\n", "control character U+000B"),
        ("正文\x1b[31m红字\n", "control character U+001B"),
        ("正文\ufffe。\n", "control character U+FFFE"),
    ],
)
def test_2_to_7_bodies_are_refused_with_their_line(attack, capsys, body, expected):
    _set_body(attack.content, body)
    attack.refused(capsys, f"{CASE}:", expected)


def test_7_a_control_character_in_a_field_is_refused(attack, capsys):
    path = attack.content / CASE
    path.write_text(path.read_text("utf-8").replace("title: ", "title: 标题\ufffe", 1), "utf-8")
    attack.refused(capsys, f"{CASE}:", "control character")


def test_5_the_plain_text_of_a_body_is_linear_in_open_brackets():
    # One unclosed '[' per paragraph made the description and the finder's text quadratic (90 KB: 104 s).
    body = "\n\n".join(["[" + "字" * 30] * 3000)
    assert plain_text(body).count("[") == 3000
    assert plain_text("见[通知](../a.md)与[附件](b.md)。\n- 一项") == "见通知与附件。\n一项"


# A property: whatever the dangerous constructs, either the check refuses the body, or what Python-Markdown
# makes of it stays within a fixed multiple of its size.

PIECES = st.sampled_from(
    [
        "|",
        "| a |",
        "|---|",
        "`",
        "[",
        "]",
        "(",
        ")",
        "*",
        "_",
        ">",
        "- ",
        "1. ",
        "```",
        "~~~",
        "\n",
        "\n\n",
        "字",
        "\u3000",
        "\r",
        "    ",
        "#",
        "![i](x.png)",
        "[a](b.md)",
        "{#__config .x}",
    ]  # fmt: skip
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(PIECES, st.integers(1, 400)), min_size=1, max_size=12))
def test_rendered_size_stays_within_a_multiple_of_the_input(parts):
    body = "".join(piece * count for piece, count in parts)
    if markup_problems(body):
        return
    md = markdown.Markdown(extensions=["toc", "tables", "fenced_code", SafeMarkdownExtension()])
    html = md.convert(body)
    assert len(html) <= 30 * len(body) + 2_000, (len(body), len(html))
    assert not re.search(r'\bid="(?!h-|_\d)', html) and 'class="x"' not in html


# 6. Nothing from content reaches a terminal or a CI log raw, on either stream.


def test_6_names_and_values_cannot_become_workflow_commands(attack, capsys, monkeypatch):
    folder = attack.content / "cases" / "gjtwbh-2021-3"
    original = (attack.content / CASE).read_text("utf-8")
    (folder / "x\n::add-mask::secret\n::error file=a::owned.md").write_text(original, "utf-8")
    hostile_field = original.replace("title: ", 'x\u001b[31m\u202e: 1\n"k\\n::stop-commands::t": 2\ntitle: ', 1)
    (folder / "other.md").write_text(hostile_field.replace("number: 6", "number: 98"), "utf-8")
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    code, output = attack.check(capsys)
    assert code == 1
    ours = re.compile(r"^::(error|warning) file=[^:\n]*,(line=\d+,)?title=[^:\n]*::")
    commands = [line for line in output.splitlines() if line.startswith("::")]
    assert commands and all(ours.match(line) for line in commands), commands
    assert "\x1b" not in output and "\u202e" not in output
    assert "::add-mask::" not in "\n".join(l for l in output.splitlines() if not ours.match(l) and l.startswith("::"))
    assert "\\n::add-mask::secret" in output or "%0A::add-mask::secret" in output  # shown, escaped
    code, build_output = attack.build()
    assert code == 1 and "\x1b" not in build_output
    assert not [line for line in build_output.splitlines() if line.lstrip().startswith("::")]


# 8. The importer bounds an original before it parses it.


def _docx_with(path: Path, document_xml: bytes, padding: int = 0) -> Path:
    import zipfile

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        package.writestr("word/document.xml", document_xml)
        if padding:
            package.writestr("word/media/big.bin", b"\0" * padding)
    return path


@pytest.mark.parametrize(
    "name, document, padding, expected",
    [
        ("bomb", b"<w:document/>", 60_000_000, "解压后有 60,"),
        ("ratio", b"<w:document/>", 20_000_000, "膨胀"),
        ("entity", b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "x">]><w:document>&e;</w:document>', 0, "DOCTYPE"),
        ("broken", b"<w:document", 0, "不是可读取的 Word"),
    ],
)
def test_8_hostile_word_files_are_refused_before_they_are_parsed(tmp_path, capsys, name, document, padding, expected):
    from compendium.cli import import_notice

    source = _docx_with(tmp_path / f"{name}.docx", document, padding)
    assert import_notice.main([str(source), "--out", str(tmp_path / "content"), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err
    assert not (tmp_path / "content").exists()


def test_8_a_page_nested_without_end_is_refused(tmp_path, capsys):
    from compendium.cli import import_notice

    source = tmp_path / "page.html"
    source.write_text("<html><body>" + "<div>" * 20_000 + "关于某事的通知" + "</body></html>", "utf-8")
    assert import_notice.main([str(source), "--out", str(tmp_path / "content"), "--dry-run"]) == 1
    err = capsys.readouterr().err
    assert "page.html" in err and "256" in err and "Traceback" not in err


# 9. The site offers only the editions the tools made, unchanged since.


def test_9_a_file_merely_put_in_the_editions_folder_is_not_offered(tmp_path, compendium):
    import datetime as dt

    from compendium.editions.downloads import find_downloads, record_made

    dist = tmp_path / "dist"
    (dist / "cases").mkdir(parents=True)
    made = dist / "site-2026-12-01.pdf"
    made.write_bytes(b"%PDF-1.7 made by make pdf")
    record_made(dist, made, dt.date(2026, 12, 1))
    (dist / "site-2099-12-31.pdf").write_bytes(b"%PDF-1.7 committed by a pull request")
    collection = next(iter(compendium.taxonomy.collections))
    (dist / f"{collection}.pdf").write_bytes(b"%PDF-1.7 committed too")
    found = find_downloads(dist, compendium, "site")
    assert [d.source.name for d in found.whole] == ["site-2026-12-01.pdf"]
    assert found.whole[0].made == "2026年12月1日"
    assert found.collections[collection] == []
    # a recorded file changed afterwards is not offered either
    made.write_bytes(b"%PDF-1.7 changed")
    assert find_downloads(dist, compendium, "site").whole == []
