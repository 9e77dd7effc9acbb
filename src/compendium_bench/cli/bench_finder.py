"""Benchmark the finder against Material's built-in search on synthetic cases.

    python scripts/bench_finder.py [--sizes 1000,10000] [--workdir DIR]

For each size: generates the cases (about 2,000–3,000 characters each),
builds our site and a plain mkdocs-material site of the same pages, serves
both on localhost, and measures in headless Chromium: time from opening the
search page with a query to its first results, what was loaded by then, and
for queries typed into an open page, their time and the bytes they loaded.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_finder.py", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000", help="comma-separated numbers of cases (default 1000)")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument("--no-material", action="store_true", help="measure only ours")
    parser.add_argument(
        "--site", type=Path, help="measure ours on this built site (its case pages under cases/), building nothing"
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from playwright.sync_api import sync_playwright

    from compendium.finder.data import script_data
    from compendium_bench.finder import CHROMIUM, CHROMIUM_ARGS, measure_finder, measure_material
    from compendium_bench.project import build, make_projects, serve

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        if args.site:
            url, server = serve(args.site)
            case = next((args.site / "cases").glob("*/*/index.html")).parent.relative_to(args.site)
            meta = (args.site / "finder" / "data" / "meta.js").read_text("utf-8")
            size = script_data(meta)["count"]
            rows.append((size, "ours (finder)", measure_finder(browser, url, case.as_posix() + "/").row()))
            server.shutdown()
            sizes = []
        for size in sizes:
            workdir = (args.workdir or Path(tmp)) / f"n{size}"
            ours, baseline = make_projects(workdir, size)
            print(f"n={size}: building ours …", file=sys.stderr, flush=True)
            built = build(ours)
            url, server = serve(built.site)
            case = next((ours / "content" / "cases").rglob("*.md")).relative_to(ours / "content")
            case_path = case.with_suffix("").as_posix() + "/"
            rows.append((size, "ours (finder)", measure_finder(browser, url, case_path).row()))
            server.shutdown()
            if not args.no_material:
                print(f"n={size}: building plain Material …", file=sys.stderr, flush=True)
                material = build(baseline)
                url, server = serve(material.site)
                rows.append((size, "Material search", measure_material(browser, url, case_path).row()))
                server.shutdown()
        browser.close()
    columns = list(rows[0][2])
    print("| cases | search | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    for size, name, row in rows:
        print(f"| {size} | {name} | " + " | ".join(str(row[c]) for c in columns) + " |")
    return 0


def entrypoint() -> None:
    sys.exit(main())
