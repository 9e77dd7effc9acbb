"""Check every case and notice of a content folder, as the build does.

    python scripts/check_content.py [CONTENT_DIR]

Prints every problem, one per line, as `file:line: field: what is wrong; how
to fix it`, and exits with 1 when anything is wrong, warnings included (the
site's build is strict: a warning fails it too).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

from compendium.cli import add_language_option, report, reported_errors
from compendium.content.frontmatter import parse_document
from compendium.content.loader import load_compendium
from compendium.content.schema import write_schemas
from compendium.errors import CompendiumError, ContentError, Problem
from compendium.messages import printable, speaking, t


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="check_content.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "content", type=Path, nargs="?", default=Path("content"), help="content folder (default: content)"
    )
    # Warnings fail the check, as they fail the site's build (strict: true in mkdocs.yml): one verdict.
    parser.add_argument("--allow-warnings", action="store_true", help="exit 0 when there are warnings but no errors")
    parser.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)  # the default now; kept for scripts
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="also list the cases and notices added or changed since this git revision, each with its title and "
        "its problems (the pull request's summary)",
    )
    add_language_option(parser)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with speaking(args.lang):
        if not args.changed_since:
            return _check(args)
        changes = _changes(args.content, args.changed_since)
        found: list[Problem] = []
        code = _check(args, found)
        _summarize(args.content, changes, found)
        return code


def _check(args, found: list[Problem] | None = None) -> int:
    """The check; the problems it reports are added to `found`."""
    found = [] if found is None else found
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
        try:
            result = load_compendium(args.content)
        except ContentError as error:
            found += error.problems
            raise
        found += result.warnings
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


def _changes(content: Path, since: str) -> list[tuple[str, str]]:
    """(added | changed, content-relative path) of each case or notice file changed since `since`."""
    command = ["git", "diff", "--name-status", "--relative", "--diff-filter=AMR", since, "--", "."]
    result = subprocess.run(command, cwd=content, capture_output=True, text=True)
    if result.returncode != 0:
        raise CompendiumError(t("git cannot compare with {ref}: {reason}", ref=since, reason=result.stderr.strip()))
    out = []
    for line in result.stdout.splitlines():
        status, *names = line.split("\t")
        path = names[-1]
        if path.endswith(".md") and path.split("/")[0] in ("cases", "notices"):
            out.append(("added" if status[0] in "AR" else "changed", path))
    return out


def _summarize(content: Path, changes: list[tuple[str, str]], problems: list[Problem]) -> None:
    """The files changed, each with its title and its problems: on stdout, and in GitHub Actions' job summary."""
    if not changes:
        return
    rows = []
    for state, path in changes:
        document, _ = parse_document(path, (content / path).read_bytes()) if (content / path).is_file() else (None, [])
        title = str(document.meta.get("title", "")) if document is not None else ""
        own = [f"{p.line or ''}: {p.what()}".lstrip(": ") for p in problems if p.path == path]
        rows.append((str(t("added") if state == "added" else t("changed")), path, title, own))
    print(t("{count} case or notice file(s) added or changed:", count=len(rows)))
    for state, path, title, own in rows:
        print(printable(f"  {state} {path} 《{title}》" + ("".join(f"\n    {line}" for line in own))))
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary and os.environ.get("GITHUB_ACTIONS") == "true":
        cell = lambda text: printable(text).replace("|", "&#124;")  # noqa: E731
        lines = [
            f"| {cell(state)} | `{cell(path)}` | {cell(title)} | {cell('；'.join(own)) or '✓'} |"
            for state, path, title, own in rows
        ]
        with open(summary, "a", encoding="utf-8") as out:
            heading = t("{count} case or notice file(s) added or changed:", count=len(rows))
            out.write(f"### {heading}\n\n| | {t('file')} | {t('title')} | {t('problems')} |\n|---|---|---|---|\n")
            out.write("\n".join(lines) + "\n\n")


def entrypoint() -> None:
    sys.exit(main())
