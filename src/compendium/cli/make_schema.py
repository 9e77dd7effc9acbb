"""Write the JSON Schemas of case and notice front matter into content/_data/schema/.

    python scripts/make_schema.py [CONTENT_DIR] [--check]

The content check and the build refresh them too, whenever themes.yml,
collections.yml or regions.yml change; --check only says whether the files
are up to date (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.cli import reported_errors
from compendium.content.schema import write_schemas
from compendium.errors import CompendiumError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_schema.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", type=Path, nargs="?", default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a schema file is out of date")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        if not (args.content / "_data").is_dir():
            raise CompendiumError(f"{args.content}: not a content folder (no _data/ in it)")
        for path, state in write_schemas(args.content, args.check):
            if state == "out of date":
                print(f"ERROR {path}: out of date; run python scripts/make_schema.py", file=sys.stderr)
                codes.append(1)
            else:
                print(f"{path}: {state}")
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
