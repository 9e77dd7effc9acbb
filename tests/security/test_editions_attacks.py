"""The editions handed out (bundle, PDF) and the importer, under hostile input (issue 12, items 7, 8, 10)."""

from __future__ import annotations

import http.server
import shutil
import threading
from pathlib import Path

import pytest

from compendium.cli import bundle, import_notice, make_pdf
from compendium.editions.book import printable_file
from compendium.editions.offline import loads_from_outside, outside_loads
from conftest import CONTENT, ROOT, SOURCES, copy_project

CASE_DIR = "cases/gjtwbh-2021-3"


def _append_to_first_case(content: Path, text: str) -> Path:
    case = sorted((content / CASE_DIR).glob("*.md"))[0]
    case.write_text(case.read_text("utf-8") + "\n\n" + text + "\n", "utf-8")
    return case


# 7. The bundle's self-containment check reads URLs as browsers do.


@pytest.mark.parametrize(
    "url, outside",
    [
        ("https:evil.example/c.png", True),
        ("https:/evil.example/c.png", True),
        ("http:\\\\evil.example\\c.png", True),
        ("//evil.example/c.png", True),
        ("\\\\evil.example/c.png", True),
        ("/etc/passwd", True),
        (" \thttps://evil.example/", True),
        ("HTTPS://EVIL.EXAMPLE/", True),
        ("h\ntt\tps://evil.example/", True),
        ("file:///etc/passwd", True),
        ("javascript:alert(1)", True),
        ("photo.png", False),
        ("../assets/x.css", False),
        ("#top", False),
        ("data:image/png;base64,AAAA", False),
    ],
)
def test_7_outside_urls_are_recognised_in_every_form(url, outside):
    assert loads_from_outside(url) is outside


def test_7_loads_are_found_in_every_attribute_and_style():
    html = (
        '<img src="ok.png" srcset="a.png 1x, https:e/b.png 2x"><a href="https://nhc.gov.cn/">ok</a>'
        '<link rel="stylesheet" href="//cdn.example/x.css"><div style="background:url(\'https:e/x.png\')"></div>'
        '<style>@import "http://e/y.css"; p{background:url(ok.png)}</style><base href="https://e/">'
        '<video poster="https://e/p.jpg"></video><object data="https://e/o.swf"></object>'
    )
    assert [url for _, url in outside_loads(html)] == [
        "https:e/b.png",
        "//cdn.example/x.css",
        "https:e/x.png",
        "http://e/y.css",
        "https://e/",
        "https://e/p.jpg",
        "https://e/o.swf",
    ]


def test_7_a_bundle_with_an_outside_image_is_refused(tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    shutil.copy(ROOT / "mkdocs-offline.yml", project)
    forms = ["https:evil.example/c.png", "https:/evil.example/d.png", "http:\\evil.example\\e.png"]
    _append_to_first_case(project / "content", " ".join(f"![图]({form})" for form in forms))
    dist = tmp_path / "dist"
    assert bundle.main(["--config", str(project / "mkdocs-offline.yml"), "--dist", str(dist)]) == 1
    err = capsys.readouterr().err
    assert "not self-contained" in err and "Traceback" not in err
    for form in forms:
        assert f"loads from outside the bundle: {form}" in err, err
    assert not dist.exists() or list(dist.iterdir()) == []


# 8. The print edition fetches nothing from a host and nothing from outside the content folder.


def test_8_printable_files_are_regular_files_inside_the_roots(tmp_path):
    content = tmp_path / "content"
    (content / "cases").mkdir(parents=True)
    inside = content / "cases" / "photo.png"
    inside.write_bytes(b"\x89PNG\r\n\x1a\n")
    (content / "cases" / "link.png").symlink_to("/etc/passwd")
    roots = [content]
    assert printable_file(inside.as_uri(), roots) == inside
    for url in (
        "file:///etc/passwd",
        (content / "cases" / "link.png").as_uri(),
        (content / "cases").as_uri(),
        (content / ".." / "secret.png").as_uri(),
        "http://127.0.0.1:9/x.png",
        "https://evil.example/x.png",
        "file://evil.example/share/x.png",
        "ftp://evil.example/x.png",
    ):
        assert printable_file(url, roots) is None, url


class _Counting(http.server.SimpleHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.requests.append(self.path)
        self.send_error(404)

    def log_message(self, *args):
        pass


def test_8_the_pdf_step_makes_no_request_for_a_body_image(tmp_path, capsys):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Counting)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        project = copy_project(tmp_path / "project")
        url = f"http://127.0.0.1:{server.server_address[1]}/x.png"
        _append_to_first_case(project / "content", f"![内网图片]({url})")
        code = make_pdf.main(
            [
                "--content",
                str(project / "content"),
                "--config",
                str(project / "mkdocs.yml"),
                "--dist",
                str(tmp_path / "dist"),
                "--only",
                "gjtwbh-2021-3",
            ]
        )
    finally:
        server.shutdown()
    err = capsys.readouterr().err
    assert code == 0, err
    assert _Counting.requests == []
    assert f"未印出 {url}" in err
    # named with the file and line it comes from, so that the editor can find it
    first = sorted((project / "content/cases/gjtwbh-2021-3").glob("*.md"))[0]
    line = first.read_text("utf-8").split("\n").index(f"![内网图片]({url})") + 1
    assert f"{first.relative_to(project).as_posix()}:{line}：未印出 {url}" in err.replace(str(project) + "/", "")
    assert (tmp_path / "dist" / "gjtwbh-2021-3.pdf").exists()


# 10. The importer keeps its promises under bad input.


@pytest.fixture
def import_target(tmp_path) -> Path:
    content = tmp_path / "content"
    (content / "_data").mkdir(parents=True)
    for name in ("themes.yml", "regions.yml"):
        shutil.copy(CONTENT / "_data" / name, content / "_data" / name)
    return content


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _refused(argv: list[str], capsys, content: Path, expected: str) -> None:
    before = _files(content.parent)
    assert import_notice.main(argv) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err, err
    assert _files(content.parent) == before, "something was written"


def test_10_control_characters_in_the_source_are_refused(tmp_path, import_target, capsys):
    source = tmp_path / "notice.txt"
    text = (SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8")
    source.write_text(text[:2000] + "\x00" + text[2000:], "utf-8")
    line = text[:2000].count("\n") + 1
    _refused([str(source), "--out", str(import_target)], capsys, import_target, f"notice.txt:{line}：含有控制字符")


def test_10_repeated_case_numbers_are_refused(tmp_path, import_target, capsys):
    source = tmp_path / "notice.txt"
    text = (SOURCES / "gjtwbh-2021-3.txt").read_text("utf-8")
    source.write_text(text.replace("经验案例二", "经验案例一", 1), "utf-8")
    _refused([str(source), "--out", str(import_target)], capsys, import_target, "案例序号 1 出现了两次")


@pytest.mark.parametrize("option", ["--slug", "--collection"])
def test_10_names_that_leave_the_content_folder_are_refused(import_target, capsys, option):
    source = SOURCES / "gjtwbh-2021-3.txt"
    _refused(
        [str(source), "--out", str(import_target), option, "../../x"],
        capsys,
        import_target,
        f"{option} “../../x”应是用“-”连接的小写 ASCII 字母或数字",
    )


def test_10_a_failed_write_leaves_nothing_half_written(import_target, capsys):
    source = SOURCES / "gjtwbh-2021-3.txt"
    # A file where the importer needs its notices/ folder: that write fails after every case was staged.
    (import_target / "notices").write_text("不是文件夹", "utf-8")
    _refused([str(source), "--out", str(import_target)], capsys, import_target, "什么也没有写入")
    assert not (import_target / "cases").exists()
    assert not (import_target / "_data" / "collections.yml").exists()


def test_10_an_unreadable_target_is_reported_not_raised(import_target, capsys):
    (import_target / CASE_DIR / "hebei-baoding.md").mkdir(parents=True)
    _refused(
        [str(SOURCES / "gjtwbh-2021-3.txt"), "--out", str(import_target)],
        capsys,
        import_target,
        "hebei-baoding.md：无法读取",
    )
