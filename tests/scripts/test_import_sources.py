"""A notice arrives as PDF, Word or a saved web page (issue 17): each, made from the seed notices with the tools
offices use (WeasyPrint for PDF, pandoc for Word, a government site's page around the text), imports to the same
cases as the notice's text, every character kept, and a scan is named as needing OCR."""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from pathlib import Path

import pypandoc
import pytest

from compendium.authoring.notice_parse import LIST_ENTRY, _split_header, fidelity, parse_notice
from compendium.authoring.sources import read_source
from compendium.errors import NoticeImportError
from compendium.text.punctuation import to_full_width
from compendium.text.reflow import reflow
from conftest import CONTENT, SOURCES, squeeze

SEEDS = ["gjtwbh-2021-3", "gwbxch-2024-471"]
PAGE = """@page {{ size: A4; margin: 37mm 26mm 35mm 28mm; @top-center {{ content: "{head}"; font-size: 9pt; }}
  @bottom-center {{ content: "— " counter(page) " —"; }} }}
body {{ font: 16pt/1.8 "Noto Serif CJK SC"; text-align: justify; }} p {{ text-indent: 2em; margin: 0; }}"""


def blocks(name: str) -> list[str]:
    """The notice's paragraphs, as its original document holds them: its head (issuing bodies, 文号, title,
    主送) and then each paragraph, as the importer reads them from the text."""
    text = (SOURCES / f"{name}.txt").read_text("utf-8")
    header, rest = _split_header(text)
    head = (
        [" ".join(header["issuers"]), header["doc_number"], header["title"]]
        if header["issuers"]
        else [header["title"], header["doc_number"]]
    )
    return [line for line in head if line] + [header["recipients"]] + reflow(rest)


def as_html(name: str, table: bool) -> str:
    """The notice as the body of an HTML document; with `table`, a list of cases as a table (序号|单位|案例名称)."""
    out, rows = [], []

    def flush():
        if rows:
            cells = "".join(
                f'<tr><td colspan="3">{html.escape(r)}</td></tr>'
                if isinstance(r, str)
                else f"<tr><td>{r[0]}</td><td>{html.escape(r[1])}</td><td>{html.escape(r[2])}</td></tr>"
                for r in rows
            )
            out.append(f"<table><thead><tr><th>序号</th><th>单位</th><th>案例名称</th></tr></thead>{cells}</table>")
            rows.clear()

    number = 0
    for block in blocks(name):
        entry = LIST_ENTRY.match(block)
        if table and entry:
            number += 1
            rows.append((number, entry.group("unit"), entry.group("title")))
        elif table and rows and re.match(r"^[一二三四五六七八九十]+、", block):
            rows.append(block)  # a group's heading inside the table
        else:
            flush()
            out.append(f"<p>{html.escape(block)}</p>")
    flush()
    return "\n".join(out)


@pytest.fixture(scope="module")
def sources(tmp_path_factory) -> Path:
    from weasyprint import HTML

    folder = tmp_path_factory.mktemp("sources")
    for name in SEEDS:
        body = as_html(name, table=False)
        style = PAGE.format(head="国家卫生健康委员会")
        HTML(
            string=f'<html lang="zh"><head><meta charset="utf-8"><style>{style}</style></head><body>{body}</body>'
            "</html>"
        ).write_pdf(folder / f"{name}.pdf")
        # Word: the list of cases as a table, as offices send it
        pypandoc.convert_text(
            as_html(name, table=True),
            "docx",
            format="html",
            outputfile=str(folder / f"{name}.docx"),
            extra_args=["--sandbox"],
        )
        # a page saved from a government website: navigation, breadcrumb, the article, related links, footer
        page = f"""<!doctype html><html><head><meta charset="utf-8"><title>{name}</title></head><body>
<div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xwzx/">新闻中心</a></div>
<nav><ul><li><a href="/">机构</a></li><li><a href="/">政策文件</a></li><li><a href="/">互动交流</a></li></ul></nav>
<div class="breadcrumb">当前位置：首页 &gt; 政务公开 &gt; 通知公告</div>
<div class="content"><div class="TRS_Editor">{body}</div></div>
<div class="related"><p>相关链接：国务院 各省卫生健康委</p></div>
<div class="footer"><p>主办单位：某某委员会 网站标识码 bm24000006 京ICP备18052910号</p></div>
<script>var _trs = 1;</script></body></html>"""
        (folder / f"{name}.html").write_text(page, "utf-8")
    return folder


def cases_of(notice):
    return [(c.number, squeeze(c.title), c.unit, c.theme_names) for c in notice.cases]


@pytest.mark.parametrize("kind", ["pdf", "docx", "html"])
@pytest.mark.parametrize("name", SEEDS)
def test_each_kind_of_file_imports_to_the_cases_of_the_text(sources, name, kind):
    text_notice = parse_notice((SOURCES / f"{name}.txt").read_text("utf-8"))
    source = read_source(sources / f"{name}.{kind}")
    notice = parse_notice(source.text)
    assert source.kind == kind
    assert (notice.title, notice.doc_number, notice.date) == (
        text_notice.title,
        text_notice.doc_number,
        text_notice.date,
    )
    # the same cases: titles (whitespace aside: a title's line break in one layout is a space in another),
    # units, themes
    assert cases_of(notice) == cases_of(text_notice)
    for case, text_case in zip(notice.cases, text_notice.cases):
        kept = Counter(squeeze(case.body)) & Counter(squeeze(text_case.body))
        assert sum(kept.values()) >= 0.995 * len(squeeze(text_case.body)), case.title
    # every character of the file's text is in what would be written
    assert fidelity(source.text, notice).ratio >= 0.995
    if kind == "pdf":  # its page numbers and running head were taken out, and listed
        assert "— 1 —" in source.removed and any(r.startswith("国家卫生健康委员会（页眉或页脚") for r in source.removed)
    if kind == "html":  # the site's navigation and footer too
        assert "首页" not in source.text and "ICP" not in source.text and "相关链接" not in source.text
        assert any("网页导航" in r for r in source.removed)


def test_a_scanned_pdf_is_named_as_needing_ocr(tmp_path):
    from weasyprint import HTML

    # a page that is only a picture, as a scanner makes it
    from conftest import png

    (tmp_path / "page.png").write_bytes(png(200, 280, (250, 250, 250)))
    scan = tmp_path / "scan.pdf"
    HTML(string='<img src="page.png" style="width: 100%">', base_url=str(tmp_path) + "/").write_pdf(scan)
    with pytest.raises(NoticeImportError) as error:
        read_source(scan)
    assert "scan.pdf" in str(error.value) and "OCR" in str(error.value)


def test_the_import_command_reviews_a_pdf_before_writing(sources, tmp_path):
    import shutil
    import sys

    from conftest import ROOT

    out = tmp_path / "content"
    shutil.copytree(CONTENT / "_data", out / "_data")
    (out / "_data" / "collections.yml").write_text("[]\n", "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "scripts" / "import_notice.py"),
            str(sources / "gjtwbh-2021-3.pdf"),
            "--out",
            str(out),
            "--dry-run",
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "序号 | 标题 | 单位 | 地区 | 主题 | 字数" in result.stdout
    assert re.search(r"1 \| 健康手拉手“街巷小管家在行动” \| 北京市西城区新街口街道 \| 北京市西城区 \|", result.stdout)
    assert "保留字符：" in result.stdout and "（100.00%）" in result.stdout
    assert "已去掉（不属于通知正文）：— 1 —" in result.stdout
    assert not list(out.glob("cases/**/*.md"))  # a dry run writes nothing


def test_half_width_punctuation_is_listed_and_changed_only_when_asked(tmp_path, capsys):
    import shutil

    from compendium.cli import import_notice

    source = SOURCES / "gwbxch-2024-471.txt"
    line = next(i for i, text in enumerate(source.read_text("utf-8").split("\n"), 1) if "规划,建立" in text)

    def imported(*options: str) -> tuple[str, str]:
        out = tmp_path / "-".join(options or ("plain",))
        shutil.copytree(CONTENT / "_data", out / "_data")
        (out / "_data" / "collections.yml").unlink()  # a content folder without collections yet
        assert import_notice.main([str(source), "--out", str(out), *options]) == 0
        return capsys.readouterr().out, (out / "notices" / "gwbxch-2024-471.md").read_text("utf-8")

    report, kept = imported()
    assert f"gwbxch-2024-471.txt:{line}: 发展规划,建立健全   , → ，" in report and "保持原样" in report
    assert "规划,建立" in kept and "(一)" in kept  # the text as it came
    report, fixed = imported("--fix-punctuation")
    assert "已改为全角" in report
    assert "规划，建立" in fixed and "（一）" in fixed and "规划,建立" not in fixed

    # nothing else changed: the same text once the marks are set alike (the front matter's YAML and the annex the
    # importer writes in its own form aside)
    def text(notice: str) -> str:
        return notice.split("---\n", 2)[2].split("## 附件")[0]

    assert text(fixed) == to_full_width(text(kept))
