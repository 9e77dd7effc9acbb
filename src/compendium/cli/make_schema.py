"""Write the JSON Schemas of case and notice front matter into content/_data/schema/.

    python scripts/make_schema.py [CONTENT_DIR] [--check]

Run it after changing themes.yml, collections.yml or regions.yml; --check
only says whether the committed files are up to date (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.cli import reported_errors
from compendium.content.schema import schema_texts
from compendium.content.vocabularies import load_taxonomy
from compendium.errors import CompendiumError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="make_schema.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", type=Path, nargs="?", default=Path("content"), help="content folder (default: content)"
    )
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a schema file is out of date")
    return parser


def write_schemas(content: Path, check: bool = False) -> list[tuple[Path, str]]:
    """(file, 'up to date' | 'wrote' | 'out of date') for each schema of a content folder."""
    results = []
    for relative, text in schema_texts(load_taxonomy(content)).items():
        path = content / relative
        if path.exists() and path.read_text("utf-8") == text:
            results.append((path, "up to date"))
        elif check:
            results.append((path, "out of date"))
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, "utf-8")
            results.append((path, "wrote"))
    return results


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
