"""Import a notice (its text, a PDF, a Word file or a saved web page) into a content folder.

    python scripts/import_notice.py SOURCE.{txt,pdf,docx,html} --out content [--dry-run] [--force]

--dry-run writes nothing and shows how the notice was read: each case with its title, unit, region, themes and
number of characters, the characters kept against the source, and what was taken out as not the notice (a
PDF's page numbers and running heads, a web page's navigation).

Writes content/notices/<slug>.md, one content/cases/<collection>/<slug>.md
per case, and adds the collection to content/_data/collections.yml.  Running
it again never duplicates a case, and never overwrites a file that differs
from what it would write (an editor's changes) unless --force is given.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from compendium.authoring.new_collection import collection_entry_file
from compendium.authoring.notice_import import plan_import, write_plan
from compendium.authoring.notice_parse import fidelity, parse_notice, with_full_width_punctuation
from compendium.authoring.sources import SourceText, read_source
from compendium.cli import reported_errors
from compendium.content.schema import write_schemas
from compendium.content.vocabularies import DATA_DIR, load_taxonomy
from compendium.errors import NoticeImportError
from compendium.messages import printable, t
from compendium.text.punctuation import half_width_marks


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="import_notice.py", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the notice: a .txt (UTF-8), .pdf, .docx or .html file")
    parser.add_argument("--out", type=Path, required=True, help="the content folder (holds _data/, cases/, notices/)")
    parser.add_argument("--slug", help="file name for the notice (default: from its 文号, e.g. gjtwbh-2021-3)")
    parser.add_argument("--collection", help="id of the collection (default: the notice's slug)")
    parser.add_argument("--force", action="store_true", help="overwrite files that were edited since the import")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written, write nothing")
    parser.add_argument(
        "--fix-punctuation",
        action="store_true",
        help="set half-width , : ; ? ! ( ) in Chinese text full-width (GB/T 15834); each is listed either way",
    )
    return parser


PUNCTUATION_SHOWN = 30
"""Half-width marks listed one by one; beyond these, their number."""


def report_punctuation(path: Path, text: str, *, fix: bool) -> None:
    """The half-width marks in Chinese text, each with its line: changed with --fix-punctuation, else named."""
    marks = half_width_marks(text)
    if not marks:
        return
    heading = (
        t("{count} half-width punctuation marks in Chinese text, set full-width (GB/T 15834):", count=len(marks))
        if fix
        else t(
            "{count} half-width punctuation marks in Chinese text (kept as they are; --fix-punctuation sets them "
            "full-width, GB/T 15834):",
            count=len(marks),
        )
    )
    print(f"{path.name}: {heading}")
    for mark in marks[:PUNCTUATION_SHOWN]:
        print(f"  {path.name}:{mark.line}: {mark.context}   {mark.mark} → {mark.replacement}")
    if len(marks) > PUNCTUATION_SHOWN:
        print("  " + str(t("… and {count} more", count=len(marks) - PUNCTUATION_SHOWN)))


def review(path: Path, source: SourceText, notice, files) -> None:
    """How the notice was read, before anything is written: each case (number, title, unit, region, themes,
    characters), the characters kept against the source, and what was taken out as not the notice."""
    print(printable(f"{path.name}（{source.kind}）：{notice.title}"))
    cases = {}
    for planned in files:
        if planned.path.parent.parent.name == "cases":
            front = yaml.safe_load(planned.text.split("---\n")[1])
            cases[front["number"]] = front
    rows = [("序号", "标题", "单位", "地区", "主题", "字数")]
    for case in notice.cases:
        front = cases.get(case.number, {})
        rows.append(
            (
                str(case.number),
                case.title,
                case.unit,
                "".join(front.get("region", [])) or "？",
                "、".join(front.get("themes", [])) or "？",
                str(len(re.sub(r"\s", "", case.body))),
            )
        )
    for row in rows:
        print("  " + printable(" | ".join(row)))
    kept = fidelity(source.text, notice)
    line = t(
        "characters kept: {kept} of {total} ({ratio}), whitespace and the parts listed below aside",
        kept=kept.kept,
        total=kept.source,
        ratio=f"{kept.ratio:.2%}",
    )
    print(f"  {line}")
    if kept.missing:
        lost = "".join(char * count for char, count in kept.missing.most_common(40))
        print("  " + str(t("not found in what would be written: {characters}", characters=lost)))
    for removed in source.removed:
        print("  " + str(t("taken out as not the notice: {text}", text=removed)))


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        source = read_source(args.source)
        try:
            notice = parse_notice(source.text)
        except NoticeImportError as error:
            # the line of the file itself for a text; a PDF's, Word file's or page's text is found by the excerpt
            line = f":{error.line}" if error.line and source.kind == "txt" else ""
            raise NoticeImportError(f"{args.source}{line}: {error}") from None
        report_punctuation(args.source, source.text, fix=args.fix_punctuation)
        if args.fix_punctuation:
            notice = with_full_width_punctuation(notice)
        taxonomy = load_taxonomy(args.out)
        files, collection, warnings = plan_import(
            notice, taxonomy, args.out, slug=args.slug, collection_id=args.collection
        )
        added = ""
        if collection:
            path = args.out / DATA_DIR / "collections.yml"
            if collection["id"] in taxonomy.collections:
                added = t("collection '{id}' is already in {path}", id=collection["id"], path=path)
            else:
                files.append(collection_entry_file(args.out, collection))
                added = (
                    t("collection '{id}' would be added to {path}", id=collection["id"], path=path)
                    if args.dry_run
                    else t("collection '{id}' added to {path}", id=collection["id"], path=path)
                )
        if args.dry_run:
            review(args.source, source, notice, files)
        report = write_plan(files, force=args.force, dry_run=args.dry_run)
        style = {"full": t("full texts"), "listed": t("a list of cases"), "none": t("no cases")}.get(
            notice.style, notice.style
        )
        print(
            t(
                "{file}: {kind} {name}, {count} cases ({style})",
                file=args.source.name,
                kind=notice.kind or t("notice"),
                name=notice.doc_number or notice.title,
                count=len(notice.cases),
                style=style,
            )
        )
        for path in report.written:
            print("  " + str(t("would write {path}", path=path) if args.dry_run else t("wrote {path}", path=path)))
        if report.unchanged:
            print("  " + str(t("{count} files already up to date", count=len(report.unchanged))))
        for path in report.kept:
            print("  " + str(t("kept {path}: it differs from the import (edited?); --force overwrites it", path=path)))
        if collection:
            print(f"  {added}")
            if not args.dry_run:
                # A new collection id is a new value the editors' schema must accept.
                for path, state in write_schemas(args.out):
                    print(f"  {path}: {t('wrote') if state == 'wrote' else t('up to date')}")
        for problem in warnings:
            print(f"{t('WARNING')} {problem.format()}", file=sys.stderr)
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
