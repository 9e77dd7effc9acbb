"""Import a notice's raw text (e.g. extracted from a PDF) into a content folder.

    python scripts/import_notice.py SOURCE.txt --out content [--dry-run] [--force]

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

from compendium.authoring.new_collection import collection_entry_file
from compendium.authoring.notice_import import parse_notice, plan_import, write_plan
from compendium.cli import reported_errors
from compendium.content.schema import write_schemas
from compendium.content.vocabularies import DATA_DIR, load_taxonomy
from compendium.errors import CompendiumError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="import_notice.py", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the notice's text, UTF-8")
    parser.add_argument("--out", type=Path, required=True, help="the content folder (holds _data/, cases/, notices/)")
    parser.add_argument("--slug", help="file name for the notice (default: from its 文号, e.g. gjtwbh-2021-3)")
    parser.add_argument("--collection", help="id of the collection (default: the notice's slug)")
    parser.add_argument("--force", action="store_true", help="overwrite files that were edited since the import")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written, write nothing")
    return parser


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
"""Control characters a text extracted from a PDF or Word file should not hold (tab, newlines and the
form feed of a page break are fine)."""


def _read_source(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CompendiumError(f"{path}: cannot be read ({error.strerror})")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CompendiumError(f"{path}: is not UTF-8 text; convert it first (iconv -f GB18030 -t UTF-8)")
    if match := _CONTROL.search(text):
        line = text.count("\n", 0, match.start()) + 1
        raise CompendiumError(
            f"{path}:{line}: holds the control character U+{ord(match.group()):04X}; "
            "extract the text again, or remove the character; nothing was written"
        )
    return text


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        notice = parse_notice(_read_source(args.source))
        taxonomy = load_taxonomy(args.out)
        files, collection, warnings = plan_import(
            notice, taxonomy, args.out, slug=args.slug, collection_id=args.collection
        )
        added = ""
        if collection:
            path = args.out / DATA_DIR / "collections.yml"
            if collection["id"] in taxonomy.collections:
                added = f"collection '{collection['id']}' is already in {path}"
            else:
                files.append(collection_entry_file(args.out, collection))
                added = f"collection '{collection['id']}' added to {path}"
        report = write_plan(files, force=args.force, dry_run=args.dry_run)
        verb = "would write" if args.dry_run else "wrote"
        print(
            f"{args.source.name}: {notice.kind or 'notice'} {notice.doc_number or notice.title}, "
            f"{len(notice.cases)} cases ({notice.style})"
        )
        for path in report.written:
            print(f"  {verb} {path}")
        if report.unchanged:
            print(f"  {len(report.unchanged)} files already up to date")
        for path in report.kept:
            print(f"  kept {path}: it differs from the import (edited?); --force overwrites it")
        if collection:
            print("  " + (added.replace("added", "would be added") if args.dry_run else added))
            if not args.dry_run:
                # A new collection id is a new value the editors' schema must accept.
                for path, state in write_schemas(args.out):
                    print(f"  {path}: {state}")
        for problem in warnings:
            print(f"WARNING {problem.format()}", file=sys.stderr)
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
