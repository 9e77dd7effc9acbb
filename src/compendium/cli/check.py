"""Check every case and notice of a content folder, as the build does.

    python scripts/check_content.py [CONTENT_DIR]

Prints every problem, one per line, as `file:line: field: what is wrong; how
to fix it`, and exits with 1 when anything is wrong, warnings included (the
site's build is strict: a warning fails it too).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.cli import annotate, reported_errors
from compendium.content.loader import load_compendium
from compendium.content.schema import write_schemas
from compendium.errors import CompendiumError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check_content.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", type=Path, nargs="?", default=Path("content"), help="content folder (default: content)"
    )
    # Warnings fail the check, as they fail the site's build (strict: true in mkdocs.yml): one verdict.
    parser.add_argument("--allow-warnings", action="store_true", help="exit 0 when there are warnings but no errors")
    parser.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
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
        # The editors' schemas follow the vocabularies by themselves: no step to remember.
        for path, state in write_schemas(args.content, taxonomy=result.compendium.taxonomy):
            if state == "wrote":
                print(f"{path}: refreshed from the vocabularies")
        for problem in result.warnings:
            print(f"WARNING {prefix}{problem.format()}", file=sys.stderr)
        annotate(result.warnings, prefix, "warning" if args.allow_warnings else "error")
        compendium = result.compendium
        print(
            f"{args.content}: {len(compendium.cases)} cases, {len(compendium.notices)} notices, "
            f"{len(compendium.taxonomy.collections)} collections: "
            + (
                "OK"
                if not result.warnings
                else f"OK with {len(result.warnings)} warning(s)"
                if args.allow_warnings
                else f"{len(result.warnings)} warning(s), which fail the site's strict build: fix them"
            )
        )
        if result.warnings and not args.allow_warnings:
            codes.append(1)
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
