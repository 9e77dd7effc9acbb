"""Set half-width punctuation in Chinese text full-width in the cases and notices (GB/T 15834).

    python scripts/fix_punctuation.py [content] [--dry-run]

The check warns of 规划,建立 and (一) and names this command; it changes those marks and nothing else, and
lists each file with how many it changed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.authoring.punctuation_fix import fixed_text
from compendium.messages import t


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fix_punctuation.py", description=__doc__.splitlines()[0])
    parser.add_argument("content", type=Path, nargs="?", default=Path("content"))
    parser.add_argument("--dry-run", action="store_true", help="say what would change, change nothing")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    total = 0
    for path in sorted([*args.content.glob("cases/*/*.md"), *args.content.glob("notices/*.md")]):
        result = fixed_text(path.relative_to(args.content).as_posix(), path.read_bytes())
        if result is None:
            continue
        text, count = result
        total += count
        print(t("{file}: {count} marks set full-width", file=path.as_posix(), count=count))
        if not args.dry_run:
            partial = path.with_name(path.name + ".part")
            partial.write_text(text, "utf-8")
            partial.replace(path)
    print(t("{count} marks in all", count=total))
    return 0


def entrypoint() -> None:
    sys.exit(main())
