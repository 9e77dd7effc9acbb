"""Benchmark the build: ours against plain mkdocs-material and Hugo, on the same synthetic cases.

    python scripts/bench.py [--sizes 200,1000] [--repeat 3] [--workdir DIR] [--quick] [--builds ours,material,hugo]

For each number of cases it generates realistic cases (Chinese bodies of
2,000–3,000 characters, themes, provinces, cities, years and collections of
70 cases spread as in real archives, all valid), builds them three ways and
prints one table: wall time, time per case, peak memory, output size and
files, what a search loads per query, and the ratio of our time to each.
With --repeat N, each is built N times, interleaved, and the median run shown.
Then, for the smallest size: rebuild time after editing one case under
`mkdocs serve` (and with --dirty), the offline bundle's size and the PDF
time for one 70-case collection.  --quick skips those (CI uses it to keep
the benchmark working, with no timing assertion).  --builds leaves out the
others where they cannot run (plain Material at 100,000 cases would write a
search index of gigabytes): `--builds ours`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from compendium.cli import reported_errors
from compendium.errors import CompendiumError
from compendium_bench.build import (
    COLUMNS,
    Row,
    build_hugo,
    finder_bytes_per_query,
    make_hugo_project,
    material_bytes_per_query,
    offline_bundle_mb,
    pdf_seconds,
    serve_rebuild_seconds,
)
from compendium_bench.project import build, make_projects, median_run


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench.py", description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="200,1000", help="comma-separated numbers of cases (default 200,1000)")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a temporary folder)")
    parser.add_argument(
        "--repeat", type=int, default=1, help="build each N times, interleaved, and report the median run (default 1)"
    )
    parser.add_argument("--quick", action="store_true", help="only the build table")
    parser.add_argument(
        "--builds",
        type=builds,
        default=BUILDS,
        help="which builds to run, comma-separated (default: ours,material,hugo; ours is always built)",
    )
    return parser


BUILDS = ("ours", "material", "hugo")


def builds(text: str) -> tuple[str, ...]:
    """The builds named in `--builds`, in the table's order, ours always among them.

    >>> builds("hugo,ours"), builds("ours")
    (('ours', 'hugo'), ('ours',))
    """
    names = {name.strip() for name in text.split(",") if name.strip()}
    if unknown := names - set(BUILDS):
        raise argparse.ArgumentTypeError(
            f"unknown build(s) {', '.join(sorted(unknown))}: choose from {', '.join(BUILDS)}"
        )
    return tuple(name for name in BUILDS if name in names | {"ours"})


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    codes: list[int] = []
    with reported_errors(codes):
        try:
            _run(args)
        except RuntimeError as error:  # a tool failed or is missing: say which, no traceback
            raise CompendiumError(str(error))
    return codes[0] if codes else 0


def _run(args) -> None:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    rows: list[tuple[Row, Row]] = []
    extras: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = args.workdir or Path(tmp)
        for size in sizes:
            workdir = root / f"n{size}"
            ours_project, material_project = make_projects(workdir, size, per_collection=70)
            hugo_project = (
                make_hugo_project(ours_project / "content", workdir / "hugo") if "hugo" in args.builds else None
            )
            makers = {
                "ours": lambda: build(ours_project),
                "material": lambda: build(material_project),
                "hugo": lambda: build_hugo(hugo_project),
            }
            runs: dict[str, list] = {tool: [] for tool in args.builds}
            for run in range(args.repeat):
                # Interleaved, so that a slow spell of the machine falls on all of them alike.
                _say(f"n={size}: {', '.join(args.builds)} (run {run + 1} of {args.repeat}) …")
                for tool in args.builds:
                    runs[tool].append(makers[tool]())
            ours = median_run(runs["ours"])
            ours_row = Row(size, "ours", ours, finder_bytes_per_query(ours.site))
            rows.append((ours_row, ours_row))
            if "material" in runs:
                material = median_run(runs["material"])
                rows.append((Row(size, "plain Material", material, material_bytes_per_query(material.site)), ours_row))
            if "hugo" in runs:
                rows.append((Row(size, "Hugo", median_run(runs["hugo"]), None), ours_row))
            if not args.quick and size == min(sizes):
                _say(f"n={size}: rebuild under mkdocs serve …")
                extras.append(
                    f"- rebuild after editing one case, n={size}: `mkdocs serve` "
                    f"{serve_rebuild_seconds(ours_project, dirty=False):.1f} s, with `--dirty` "
                    f"{serve_rebuild_seconds(ours_project, dirty=True):.1f} s (full build "
                    f"{ours.seconds:.1f} s)"
                )
                _say(f"n={size}: offline bundle …")
                zipped, unpacked = offline_bundle_mb(ours_project, workdir / "dist")
                extras.append(f"- offline bundle, n={size}: {zipped:.1f} MB zipped, {unpacked:.1f} MB unpacked")
                _say(f"n={size}: PDF …")
                collection, cases, seconds = pdf_seconds(ours_project, workdir / "dist")
                extras.append(f"- PDF of one collection ({collection}, {cases} cases): {seconds:.1f} s")
        if len(sizes) > 1:
            times = {row.cases: row.result.seconds for row, ours in rows if row is ours}
            steps = sorted(times)
            extras.append(
                "- scaling of ours: "
                + "; ".join(
                    f"{b} cases take {times[b] / times[a]:.2f}× the time of {a} ({b / a:.0f}× the cases)"
                    for a, b in zip(steps, steps[1:])
                )
            )
    print("| " + " | ".join(COLUMNS) + " |")
    print("|" + "---|" * len(COLUMNS))
    for row, ours in rows:
        print("| " + " | ".join(row.cells(ours)) + " |")
    for line in extras:
        print(line)


def entrypoint() -> None:
    sys.exit(main())
