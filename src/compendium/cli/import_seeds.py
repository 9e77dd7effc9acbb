"""Import the shipped source documents (content/_sources/) into content/.

    python scripts/import_seeds.py [--content content] [--force] [--dry-run]

Runs the notice importer on each notice, with the slugs the shipped content
uses.  The work-plan 范文 (work-plans.md) stay a source: unvetted content-farm
texts are not published (README: the reference shelf); a deployment that wants
them vetted on its shelf runs scripts/import_reference.py on them itself.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.cli import import_notice

NOTICES = ["gjtwbh-2021-3", "gwbxch-2024-471", "jkzgcjdh-2024-zhengji"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="import_seeds.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--dry-run", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    flags = (["--force"] if args.force else []) + (["--dry-run"] if args.dry_run else [])
    sources = args.content / "_sources"
    status = 0
    for slug in NOTICES:
        status |= import_notice.main([str(sources / f"{slug}.txt"), "--out", str(args.content), "--slug", slug] + flags)
    return status


def entrypoint() -> None:
    sys.exit(main())
