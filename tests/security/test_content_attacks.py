"""Attacks a malicious pull request can make through content/, each with the verdict it must get.

For every attack the content check (`make check`, pre-commit, pull-request CI)
and the strict build give the same verdict: refused, with a message that names
the file (and the line where there is one), no traceback, and the previous
site byte-identical.  The numbers in the test names are those of issue 12.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from attacks import attack, good_site  # noqa: F401 (fixtures)

CASE_DIR = "cases/gjtwbh-2021-3"
XSS = "<img src=x onerror=alert(document.domain)>"


def _first_case(content: Path) -> Path:
    return sorted((content / CASE_DIR).glob("*.md"))[0]


def _add_to_front_matter(path: Path, lines: str) -> None:
    text = path.read_text("utf-8")
    end = text.index("\n---\n", 4)
    path.write_text(text[:end] + "\n" + lines + text[end:], "utf-8")


# 1. The front matter ends where MkDocs ends it, and a line that only looks like an end is refused.


@pytest.mark.parametrize("where", ["notices/gjtwbh-2021-3.md", "case"])
def test_1_a_second_front_matter_block_behind_an_indented_delimiter(attack, capsys, where):
    path = _first_case(attack.content) if where == "case" else attack.content / where
    _add_to_front_matter(path, f" ---\nsubtitle: ['{XSS}']\nauthor: ['{XSS}']")
    attack.refused(capsys, f"{path.relative_to(attack.content).as_posix()}:", "looks like the end of the front matter")


# 2. Nothing in content/ can replace a theme or project file, nor add a page that runs script.


@pytest.mark.parametrize(
    "name, expected",
    [
        ("assets/javascripts/bundle.0123abcd.min.js", "scripts are not accepted"),
        ("assets/finder/finder.js", "scripts are not accepted"),
        ("assets/stylesheets/compendium.css", "styles are not accepted"),
        (f"{CASE_DIR}/evil.html", "HTML files could run scripts"),
        (f"{CASE_DIR}/evil.svg", "SVG files can carry scripts"),
        ("404.html", "HTML files could run scripts"),
        ("cases.json", "a kind of file the site does not publish"),
        ("assets/images/favicon.png", "is an image outside cases/"),
    ],
)
def test_2_static_files_are_refused(attack, capsys, name, expected):
    target = attack.content / name
    target.parent.mkdir(parents=True, exist_ok=True)
    body = b"\x89PNG\r\n\x1a\n" if name.endswith(".png") else f"alert(1)//{XSS}".encode()
    target.write_bytes(body)
    attack.refused(capsys, name, expected)


def test_2_an_image_that_is_not_one_is_refused(attack, capsys):
    (attack.content / CASE_DIR / "photo.png").write_text(f"<html><script>alert(1)</script>{XSS}", "utf-8")
    attack.refused(capsys, f"{CASE_DIR}/photo.png", "is not a PNG image")


# 3. Every Markdown file the build would render is checked by the rules of its kind.


@pytest.mark.parametrize(
    "name, text, expected",
    [
        (
            "reference/work-plans/evil.md",
            f"---\ntitle: 范文\nsubtitle: ['{XSS}']\n---\n正文\n",
            ":3: subtitle: is not a field",
        ),
        (
            "reference/work-plans/evil-status.md",
            f"---\ntitle: 范文\nstatus: {{a: '{XSS}'}}\n---\n正文\n",
            ":3: status: is not a field",
        ),
        ("about.md", f"---\ntitle: 关于\ndescription: ['{XSS}']\n---\n正文\n", "description: must be text"),
        ("about.md", f"---\ntitle: 关于\nicon: material/{XSS}\n---\n正文\n", ":3: icon: is not a field"),
        (f"{CASE_DIR}/_draft.md", "---\ntitle: 草稿\n---\n", "is not an ASCII slug"),
        (f"{CASE_DIR}/evil.markdown", f"---\ntitle: x\nauthor: ['{XSS}']\n---\n", "rename it to evil.md"),
        ("notices/evil.mkd", "---\ntitle: x\n---\n", "rename it to evil.md"),
        ("reference/plain.md", f"subtitle: {XSS}\n\n正文\n", "no front matter"),
    ],
)
def test_3_markdown_outside_cases_and_notices_is_checked(attack, capsys, name, text, expected):
    target = attack.content / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, "utf-8")
    attack.refused(capsys, name, expected)


# 4. No link to the outside of the repository, and no traceback for odd folders.


@pytest.mark.parametrize(
    "name, points_to",
    [
        (f"{CASE_DIR}/passwd.txt", "/etc/passwd"),
        (f"{CASE_DIR}/environ.md", "/proc/self/environ"),
        ("cases/outside", "/usr/share/doc"),
        (f"{CASE_DIR}/dangling.md", "/no/such/file"),
        (f"{CASE_DIR}/loop", "."),
        ("_data/themes-link.yml", "/etc/passwd"),
    ],
)
def test_4_symbolic_links_are_refused(attack, capsys, name, points_to):
    os.symlink(points_to, attack.content / name)
    attack.refused(capsys, name, "is a symbolic link")


def test_4_a_symlinked_vocabulary_is_refused(attack, capsys):
    themes = attack.content / "_data" / "themes.yml"
    real = attack.project / "themes-outside.yml"
    themes.rename(real)
    os.symlink(real, themes)
    attack.refused(capsys, "_data/themes.yml", "is a symbolic link")


def test_4_a_folder_named_like_a_page_is_just_a_folder(attack, capsys):
    folder = attack.content / CASE_DIR / "folder.md"
    folder.mkdir()
    (folder / "evil.js").write_text("alert(1)", "utf-8")
    attack.refused(capsys, f"{CASE_DIR}/folder.md/evil.js", "scripts are not accepted")


# 6. Small inputs that would take minutes, gigabytes or the whole stack are refused within seconds.


@pytest.mark.parametrize(
    "body, expected",
    [
        ("[" * 60_000, "'[' in 60,001 characters"),
        ("[a](" * 20_000, "'[' in 80,001 characters"),
        ("*" * 2_000 + "a" + "*" * 2_000, "'*' and '_'"),
        ("* " * 2_000, "levels deep"),
        ("\n".join("    " * i + "- 项" for i in range(300)), "levels deep"),
        ("\n".join("~" * (3 + i) for i in range(400)), "code fences"),
    ],
)
def test_6_bodies_that_would_exhaust_the_build(attack, capsys, body, expected):
    path = _first_case(attack.content)
    text = path.read_text("utf-8")
    path.write_text(text + "\n\n" + body + "\n", "utf-8")
    start = time.monotonic()
    attack.refused(capsys, f"{path.relative_to(attack.content).as_posix()}:", expected)
    assert time.monotonic() - start < 30


def test_6_a_billion_laughs_vocabulary(attack, capsys):
    levels = ["a: &a ['lol','lol','lol','lol','lol','lol','lol','lol','lol']"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{','.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)]
    (attack.content / "_data" / "themes.yml").write_text("\n".join(levels) + "\n", "utf-8")
    attack.refused(capsys, "_data/themes.yml:1:", "anchor or alias")


# 9. Data files: every field typed, every problem a line, never a traceback.


@pytest.mark.parametrize(
    "file, text, expected",
    [
        ("themes.yml", "- id: a\n  name: 甲\n  aliases: 5\n", "themes.yml:3: aliases: must be a list"),
        ("themes.yml", "- id: a\n  name: 甲\n  children: 主题\n", "themes.yml:3: children must be a list"),
        ("themes.yml", "5\n", "themes.yml:1: the file must be a list of themes"),
        ("themes.yml", "- id: a\n  name: [甲]\n", "themes.yml:2: name: must be text"),
        ("themes.yml", "- id: a\n  name: 甲\n  icon: material/x\n", "themes.yml:3: icon: 'icon' is not a field"),
        (
            "themes.yml",
            "- id: a\n  name: 甲\n  children:\n"
            + "".join(
                "  " * (i + 1)
                + "- id: a"
                + str(i)
                + "\n"
                + "  " * (i + 2)
                + "name: x\n"
                + "  " * (i + 2)
                + "children:\n"
                for i in range(6)
            ),
            "nested more than",
        ),
        ("collections.yml", "5\n", "collections.yml:1: the file must be a list of collections"),
        ("collections.yml", "- id: c\n  title: 批次\n  year: true\n", "collections.yml:3: year: must be a year"),
        (
            "collections.yml",
            "- id: c\n  title: 批次\n  year: 2024\n  full_text: 'false'\n",
            "collections.yml:4: full_text: must be true or false",
        ),
        (
            "collections.yml",
            "- id: c\n  title: 批次\n  year: 2024\n  issuers: 5\n",
            "collections.yml:4: issuers: must be a list",
        ),
        (
            "collections.yml",
            "- id: c\n  title: 批次\n  year: 2024\n  notice: [a]\n",
            "collections.yml:4: notice: must be text",
        ),
        (
            "collections.yml",
            '- id: "c\\n"\n  title: 批次\n  year: 2024\n',
            "collections.yml:1: id: 'c\\n' must be lowercase ASCII words",
        ),
        (
            "regions.yml",
            "extra:\n  - code: '660001'\n    name: 兵团\n    level: abc\n",
            "regions.yml:4: level: must be 0",
        ),
        ("regions.yml", "extra:\n  - code: '000001'\n    name: 北京\n", "same address (regions/beijing/) as 北京市"),
        ("regions.yml", "extra:\n  - code: '000001'\n    name: '——'\n", "gives no ASCII address"),
        ("regions.yml", "extra:\n  - code: '110000'\n    name: 首都\n", "is already 北京市"),
        ("regions.yml", "extra: &x [*x]\n", "anchor or alias"),
        ("synonyms.yml", "- [慢病]\n", "synonyms.yml:1: a group needs two or more different words"),
        (
            "synonyms.yml",
            "- [慢病, 慢性病]\n- [慢病, 慢性疾病]\n",
            "synonyms.yml:2: '慢病' is also in the group on line 1",
        ),
        ("synonyms.yml", "- [慢病, '<script>']\n", "'<script>' must be a word of Chinese characters"),
        ("synonyms.yml", "慢病: 慢性病\n", "synonyms.yml:1: the file must be a list of groups"),
    ],
)
def test_9_data_files_get_line_messages(attack, capsys, file, text, expected):
    (attack.content / "_data" / file).write_text(text, "utf-8")
    code, output = attack.check(capsys)
    assert code == 1 and "Traceback" not in output
    assert expected in output, output
    code, output = attack.build()
    assert code == 1 and "Traceback" not in output
    assert expected in output, output


# 10. Names are matched whole; the link check reads past an unmatched fence.


def test_10_a_file_name_ending_in_a_newline(attack, capsys):
    source = _first_case(attack.content)
    target = source.with_name(source.stem + "\n.md")
    source.rename(target)
    attack.refused(capsys, "is not an ASCII slug")


def test_10_a_script_link_after_an_unmatched_indented_fence(attack, capsys):
    path = _first_case(attack.content)
    path.write_text(path.read_text("utf-8") + "\n    ```\n\n[点我](javascript:alert(1))\n", "utf-8")
    attack.refused(capsys, "could run a script")


def test_10_a_case_image_outside_the_content_folder(attack, capsys):
    path = _first_case(attack.content)
    path.write_text(path.read_text("utf-8") + "\n![l](../../../../tmp/secret.png)\n", "utf-8")
    attack.refused(capsys, "points outside the content folder")


def test_images_beside_a_case_are_published(attack, capsys):
    # The allowed way in: a real PNG beside the case that shows it.
    path = _first_case(attack.content)
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360"
        "00020000050001e226059b0000000049454e44ae426082"
    )
    (path.parent / "photo-1.png").write_bytes(png)
    path.write_text(path.read_text("utf-8") + "\n![现场照片](photo-1.png)\n", "utf-8")
    code, output = attack.check(capsys)
    assert code == 0, output
    code, output = attack.build()
    assert code == 0, output
    page = attack.site / CASE_DIR / path.stem / "index.html"
    assert '<img alt="现场照片" src="../photo-1.png"' in page.read_text("utf-8")
    assert (attack.site / CASE_DIR / "photo-1.png").read_bytes() == png
