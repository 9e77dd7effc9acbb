"""Check every case and notice of a content folder, as the build does.

    python scripts/check_content.py [CONTENT_DIR]

Prints every problem, one per line, as `file:line: field: what is wrong; how
to fix it`, and exits with 1 when anything is wrong (warnings alone: 0).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.cli import reported_errors
from compendium.content.loader import load_compendium
from compendium.errors import CompendiumError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check_content.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", type=Path, nargs="?", default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument(
        "--strict", action="store_true", help="treat warnings as errors, as `mkdocs build --strict` does"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    prefix = "" if args.content == Path(".") else f"{args.content.as_posix().rstrip('/')}/"
    with reported_errors(codes, prefix):
        if not args.content.is_dir():
            raise CompendiumError(
                f"{args.content}: no such folder; give the content folder (the one with cases/ and _data/)"
            )
        result = load_compendium(args.content)
        for problem in result.warnings:
            print(f"WARNING {prefix}{problem.format()}", file=sys.stderr)
        compendium = result.compendium
        print(
            f"{args.content}: {len(compendium.cases)} cases, {len(compendium.notices)} notices, "
            f"{len(compendium.taxonomy.collections)} collections: "
            + ("OK" if not result.warnings else f"OK with {len(result.warnings)} warning(s)")
        )
        if args.strict and result.warnings:
            codes.append(1)
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
