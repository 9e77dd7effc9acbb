"""Fill content/_data/units.yml from the cases: each unit whose name does not say all of its region, with it.

    python scripts/update_units.py [--content content]

An editor who gives a hospital its region once (in a case) makes it known to every later import and to
new_case.py; units.yml keeps it even for a notice imported into another content folder.  Entries already in the
file stay as they are (an editor's word wins); new ones are added; the file is rewritten only when it changes.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from compendium.authoring.existing import existing_cases
from compendium.authoring.units import units_from_cases
from compendium.cli import reported_errors
from compendium.content.vocabularies import DATA_DIR, load_taxonomy
from compendium.text.pinyin import sort_key

HEADER = """\
# 单位与地区 — where units whose name does not say it are (北京大学第三医院 is in 北京市海淀区).
# The importer and new_case.py give a unit listed here its region; scripts/update_units.py adds the units of the
# cases whose name does not say all of their region.  Write each unit on one line with its region from the
# province down, as a case gives it.
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="update_units.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=Path("content"), help="content folder (default: content)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes, f"{args.content.as_posix().rstrip('/')}/"):
        taxonomy = load_taxonomy(args.content)
        units = {**units_from_cases(existing_cases(args.content), taxonomy), **taxonomy.units}
        ordered = sorted(units.items(), key=lambda item: ([r.code for r in item[1]], sort_key(item[0])))
        text = HEADER + "".join(f"{unit}: [{', '.join(r.name for r in region)}]\n" for unit, region in ordered)
        target = args.content / DATA_DIR / "units.yml"
        if target.exists() and target.read_text("utf-8") == text:
            print(f"{target}: up to date ({len(units)} units)")
        else:
            added = len(units) - len(taxonomy.units)
            partial = target.with_suffix(".yml.part")
            partial.write_text(text, "utf-8")
            partial.replace(target)
            print(f"{target}: {len(units)} units ({added} added)")
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
