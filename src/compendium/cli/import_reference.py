"""Import a Markdown file of several documents as a reference section.

    python scripts/import_reference.py PLANS.md --out content/reference/work-plans

Writes index.md (title, introduction, list of documents) and one page per
document (pian-01.md …) with a clean heading structure and the text intact.
Files that differ from what it would write are kept unless --force.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from compendium.authoring.notice_import import PlannedFile, write_plan
from compendium.authoring.reference import split_reference
from compendium.cli import reported_errors
from compendium.errors import CompendiumError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="import_reference.py", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--out", type=Path, required=True, help="folder for the section, inside the content folder")
    parser.add_argument("--force", action="store_true", help="overwrite files that were edited since the import")
    parser.add_argument("--dry-run", action="store_true", help="show what would be written, write nothing")
    parser.add_argument(
        "--provenance",
        default=UNVETTED,
        help="where the texts come from, written as each page's source: (shown to readers with the note)",
    )
    return parser


UNVETTED = "互联网上流传的范文汇集，作者与原始出处不详，未经审核"


def _page(title: str, body: str, provenance: str) -> str:
    meta = yaml.safe_dump({"title": title, "source": provenance}, allow_unicode=True, width=1000, sort_keys=False)
    return f"---\n{meta}---\n\n{body}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        try:
            text = args.source.read_text("utf-8-sig")
        except UnicodeDecodeError:
            raise CompendiumError(f"{args.source}: is not UTF-8 text")
        title, intro, docs = split_reference(text)
        if not docs:
            raise CompendiumError(f"{args.source}: no documents found (headings ending in 篇一, 篇二 …)")
        files = []
        listing = []
        for i, doc in enumerate(docs, 1):
            name = f"pian-{i:02d}.md"
            files.append(PlannedFile(args.out / name, _page(doc.title, doc.markdown, args.provenance)))
            listing.append(f"{i}. [{doc.title}]({name})")
        files.insert(
            0,
            PlannedFile(
                args.out / "index.md",
                _page(title or args.source.stem, intro + "\n" + "\n".join(listing) + "\n", args.provenance),
            ),
        )
        report = write_plan(files, force=args.force, dry_run=args.dry_run)
        verb = "would write" if args.dry_run else "wrote"
        print(f"{args.source.name}: {len(docs)} documents")
        for path in report.written:
            print(f"  {verb} {path}")
        for path in report.kept:
            print(f"  kept {path}: it differs from the import (edited?); --force overwrites it")
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
