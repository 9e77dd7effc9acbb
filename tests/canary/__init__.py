"""The canary batch (batch.yml beside this file), added to a content folder by the editors' own tools.

`add_canary_batch(content, target)` copies `content` to `target`, makes the batch's notice as a Word file
(python-docx), imports it with the importer as an editor runs it, gives by hand the regions the importer could
not know, and adds the full-text case with `new_case` — the steps of README's "A new notice arrived as PDF or
Word".  Each step must succeed as it would for an editor: a step that fails fails the tests that use the batch,
with what the tool printed.
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BATCH = yaml.safe_load((HERE / "batch.yml").read_text("utf-8"))


@dataclass(frozen=True)
class CanaryCase:
    """A case of the batch as the tests look for it."""

    unit: str
    title: str
    full_text: bool = False


def canary_cases() -> list[CanaryCase]:
    """The batch's cases: the listed ones, then the one with its full text."""
    listed = [CanaryCase(unit, title) for group in BATCH["notice"]["groups"] for unit, title in group["cases"]]
    extra = BATCH["full_text_case"]
    return [*listed, CanaryCase(extra["unit"], extra["title"], full_text=True)]


def notice_docx(path: Path) -> Path:
    """The batch's notice as an office sends it: a Word file, its list one table with a merged row per group."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    notice = BATCH["notice"]
    document = docx.Document()
    for text in (notice["issuer_line"], notice["doc_number"], notice["title"]):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_paragraph(notice["addressee"])
    for text in notice["body"]:
        document.add_paragraph("\u3000\u3000" + text)
    document.add_paragraph("\u3000\u3000" + notice["annex_line"])
    for text in (notice["signer"], notice["date"]):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("\u3000\u3000" + notice["disclosure"])
    document.add_page_break()
    document.add_paragraph("附件")
    document.add_paragraph(notice["list_title"]).alignment = WD_ALIGN_PARAGRAPH.CENTER
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ("序号", "单位", "案例名称")):
        cell.text = text
    number = 0
    for group in notice["groups"]:
        row = table.add_row().cells
        merged = row[0].merge(row[2])
        merged.text = group["heading"]
        for unit, title in group["cases"]:
            number += 1
            row = table.add_row().cells
            for cell, text in zip(row, (str(number), unit, title)):
                cell.text = text
    document.save(str(path))
    return path


def _run(main, argv: list[str]) -> str:
    """A command's main() as an editor runs it: its output, or AssertionError with that output if it fails."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    assert code == 0, f"{main.__module__} {' '.join(argv)} → {code}\n{out.getvalue()}\n{err.getvalue()}"
    return out.getvalue() + err.getvalue()


def add_canary_batch(content: Path, target: Path) -> Path:
    """`content` copied to `target` with the canary batch added by the editors' tools; returns `target`."""
    from compendium.cli import import_notice, new_case

    shutil.copytree(content, target, ignore=shutil.ignore_patterns(".*"))
    before = {c["id"] for c in yaml.safe_load((target / "_data/collections.yml").read_text("utf-8"))}
    source = notice_docx(target.parent / "canary-notice.docx")
    _run(import_notice.main, [str(source), "--out", str(target), "--dry-run"])
    _run(import_notice.main, [str(source), "--out", str(target)])
    [collection] = [
        c["id"] for c in yaml.safe_load((target / "_data/collections.yml").read_text("utf-8")) if c["id"] not in before
    ]
    folder = target / "cases" / collection
    for path in sorted(folder.glob("*.md")):
        text = path.read_text("utf-8")
        unit = re.search(r"^unit: (.+)$", text, re.M).group(1).strip().strip("'\"")
        if unit in BATCH["regions_by_hand"] and re.search(r"^region: \[\]$", text, re.M):
            region = ", ".join(BATCH["regions_by_hand"][unit])
            path.write_text(re.sub(r"^region: \[\]$", f"region: [{region}]", text, count=1, flags=re.M), "utf-8")
    extra = BATCH["full_text_case"]
    argv = ["--content", str(target), "--collection", collection, "--unit", extra["unit"]]
    _run(new_case.main, [*argv, "--title", extra["title"], "--themes", extra["themes"]])
    [written] = [p for p in folder.glob("*.md") if f"unit: {extra['unit']}" in p.read_text("utf-8")]
    text = written.read_text("utf-8")
    # the text goes where new_case left its placeholder (a full-text collection), else below the front matter
    placeholder = re.search(r"^（请在此处填写案例正文.*\n?", text, re.M)
    at = placeholder.span() if placeholder else (len(text), len(text))
    written.write_text(text[: at[0]].rstrip("\n") + "\n\n" + extra["body"] + text[at[1] :], "utf-8")
    (folder / extra["picture"]).write_bytes(_png(120, 60, (200, 60, 40)))
    return target


def canary_collection(content: Path) -> str:
    """The id of the canary's collection in a content folder it was added to: the one its notice announces (found
    by its 文号, which no other notice has)."""
    number = f"doc_number: {BATCH['notice']['doc_number']}"
    for path in sorted((content / "notices").glob("*.md")):
        text = path.read_text("utf-8")
        if number in text.splitlines():
            return re.search(r"^collection: (\S+)$", text, re.M).group(1)
    raise AssertionError(f"no notice in {content}/notices has {number}")


def _png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    from conftest import png

    return png(width, height, rgb)
