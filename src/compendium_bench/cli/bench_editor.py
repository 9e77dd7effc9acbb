"""Benchmark the editor's loop: `make serve`'s first page on a fresh clone, and live reload after a save.

    python scripts/bench_editor.py [--sizes 1000,10000] [--saves 3] [--workdir DIR] [--no-clone]

First, a fresh clone of this repository's HEAD runs `make serve` as a new editor would (it makes .venv and
installs what serving needs): the seconds until its first page answers.  Then, for the shipped content and for
each number of synthetic cases, `mkdocs serve` with a case open in headless Chromium: the seconds from saving an
edit to the case until the browser shows it, for each save and their median.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_editor.py", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="numbers of synthetic cases (default 1000,10000)")
    parser.add_argument("--saves", type=int, default=3, help="saves measured per size (default 3)")
    parser.add_argument("--workdir", type=Path, help="where to work (default: a temporary folder)")
    parser.add_argument("--no-clone", action="store_true", help="skip make serve on a fresh clone")
    return parser


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from playwright.sync_api import sync_playwright

    from compendium_bench.editor import first_page_seconds, reload_seconds, shipped_project
    from compendium_bench.finder import CHROMIUM, CHROMIUM_ARGS
    from compendium_bench.project import make_projects

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        root = args.workdir or Path(tmp)
        root.mkdir(parents=True, exist_ok=True)
        if not args.no_clone:
            _say("make serve on a fresh clone …")
            lines.append(f"- `make serve` on a fresh clone, first page: {first_page_seconds(root):.1f} s")
        rows = []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

            def measure(label: str, project: Path) -> None:
                _say(f"{label}: mkdocs serve, {args.saves} saves …")
                first, saves = reload_seconds(browser, project, args.saves)
                rows.append((label, first, statistics.median(saves), saves))

            shipped = shipped_project(root)
            measure(f"{sum(1 for _ in (shipped / 'content' / 'cases').rglob('*.md'))} (shipped)", shipped)
            for size in sizes:
                _say(f"n={size}: generating cases …")
                measure(str(size), make_projects(root / f"n{size}", size, per_collection=70)[0])
            browser.close()
    print("| cases | `mkdocs serve` first build | save → browser shows it (median) | each save |")
    print("|---|---|---|---|")
    for label, first, middle, saves in rows:
        print(f"| {label} | {first:.1f} s | {middle:.1f} s | {', '.join(f'{s:.1f}' for s in saves)} s |")
    for line in lines:
        print(line)
    return 0


def entrypoint() -> None:
    sys.exit(main())
