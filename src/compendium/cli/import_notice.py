"""Import a notice's raw text (e.g. extracted from a PDF) into a content folder.

    python scripts/import_notice.py SOURCE.txt --out content [--dry-run] [--force]

Writes content/notices/<slug>.md, one content/cases/<collection>/<slug>.md
per case, and adds the collection to content/_data/collections.yml.  Running
it again never duplicates a case, and never overwrites a file that differs
from what it would write (an editor's changes) unless --force is given.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from ..errors import CompendiumError
from ..importer import parse_notice, plan_import, write_plan
from ..taxonomy import DATA_DIR, load_taxonomy
from . import reported_errors
from .make_schema import write_schemas


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="import_notice.py", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the notice's text, UTF-8")
    parser.add_argument("--out", type=Path, required=True, help="the content folder (holds _data/, cases/, notices/)")
    parser.add_argument("--slug", help="file name for the notice (default: from its 文号, e.g. gjtwbh-2021-3)")
    parser.add_argument("--collection", help="id of the collection (default: the notice's slug)")
    parser.add_argument("--force", action="store_true", help="overwrite files that were edited since the import")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written, write nothing")
    return parser


def _read_source(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CompendiumError(f"{path}: cannot be read ({error.strerror})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CompendiumError(f"{path}: is not UTF-8 text; convert it first (iconv -f GB18030 -t UTF-8)")


def _add_collection(content: Path, entry: dict, dry_run: bool) -> str:
    path = content / DATA_DIR / "collections.yml"
    existing = yaml.safe_load(path.read_text("utf-8")) if path.exists() else None
    if any(isinstance(c, dict) and c.get("id") == entry["id"] for c in existing or []):
        return f"collection '{entry['id']}' is already in {path}"
    if not dry_run:
        block = yaml.safe_dump([entry], allow_unicode=True, sort_keys=False, width=1000)
        with path.open("a", encoding="utf-8") as out:
            out.write(("\n" if path.exists() and path.stat().st_size else "") + block)
    return f"{'would add' if dry_run else 'added'} collection '{entry['id']}' to {path}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        notice = parse_notice(_read_source(args.source))
        taxonomy = load_taxonomy(args.out)
        files, collection, warnings = plan_import(notice, taxonomy, args.out, slug=args.slug,
                                                  collection_id=args.collection)
        report = write_plan(files, force=args.force, dry_run=args.dry_run)
        verb = "would write" if args.dry_run else "wrote"
        print(f"{args.source.name}: {notice.kind or 'notice'} {notice.doc_number or notice.title}, "
              f"{len(notice.cases)} cases ({notice.style})")
        for path in report.written:
            print(f"  {verb} {path}")
        if report.unchanged:
            print(f"  {len(report.unchanged)} files already up to date")
        for path in report.kept:
            print(f"  kept {path}: it differs from the import (edited?); --force overwrites it")
        if collection:
            print("  " + _add_collection(args.out, collection, args.dry_run))
            if not args.dry_run:
                # A new collection id is a new value the editors' schema must accept.
                for path, state in write_schemas(args.out):
                    print(f"  {path}: {state}")
        for problem in warnings:
            print(f"WARNING {problem.format()}", file=sys.stderr)
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
