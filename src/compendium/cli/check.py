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

from compendium.cli import add_language_option, report, reported_errors
from compendium.content.loader import load_compendium
from compendium.content.schema import write_schemas
from compendium.errors import CompendiumError
from compendium.messages import speaking, t


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check_content.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", type=Path, nargs="?", default=Path("content"), help="content folder (default: content)"
    )
    # Warnings fail the check, as they fail the site's build (strict: true in mkdocs.yml): one verdict.
    parser.add_argument("--allow-warnings", action="store_true", help="exit 0 when there are warnings but no errors")
    parser.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
    add_language_option(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with speaking(args.lang):
        return _check(args)


def _check(args) -> int:
    codes: list[int] = []
    prefix = "" if args.content == Path(".") else f"{args.content.as_posix().rstrip('/')}/"
    with reported_errors(codes, prefix):
        if not args.content.is_dir():
            raise CompendiumError(
                t(
                    "{folder}: no such folder; give the content folder (the one with cases/ and _data/)",
                    folder=str(args.content),
                )
            )
        result = load_compendium(args.content)
        # The editors' schemas follow the vocabularies by themselves: no step to remember.
        for path, state in write_schemas(args.content, taxonomy=result.compendium.taxonomy):
            if state == "wrote":
                print(t("{path}: refreshed from the vocabularies", path=str(path)))
        report(result.warnings, prefix, "warning", "warning" if args.allow_warnings else "error")
        compendium = result.compendium
        counts = t(
            "{cases} cases, {notices} notices, {collections} collections",
            cases=len(compendium.cases),
            notices=len(compendium.notices),
            collections=len(compendium.taxonomy.collections),
        )
        count = len(result.warnings)
        verdict = (
            t("OK")
            if not result.warnings
            else t("OK with {count} warning(s)", count=count)
            if args.allow_warnings
            else t("{count} warning(s), which fail the site's strict build: fix them", count=count)
        )
        print(t("{folder}: {counts}: {verdict}", folder=str(args.content), counts=counts, verdict=verdict))
        if result.warnings and not args.allow_warnings:
            codes.append(1)
    return codes[0] if codes else 0


def entrypoint() -> None:
    sys.exit(main())
