"""Benchmark the strict build on hostile bodies against the same content without them (issue 23's measure).

    python scripts/bench_attacks.py [--content content] [--repeat 1]

Each attack of the second red team, at the size that broke the build before (an 18 KB table header over
short lines, an 80 KB row of code spans, 21 KB of paragraphs "separated" by U+3000, 500 KB of fences behind lone
CRs, 90 KB of open brackets, a body that clobbers the theme's configuration), is put into one case of a copy of
the project, and the strict build is run on it, beside the same build without it. The table gives the outcome
(refused by the check inside the build, or built), the wall time and peak memory, and the ratio to the baseline;
the target is at most 10×. No timing is asserted anywhere.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from compendium_bench.project import REPO

ATTACKS = {
    "table header × short lines (18 KB)": "| " + " | ".join(["a"] * 3000) + " |\n|" + "-|" * 3000 + "\n" + "x\n" * 3000,
    "row of `| runs (80 KB)": "| a | b |\n| - | - |\n| " + "`| " * 26_000 + "|\n",
    "paragraphs apart by U+3000 (21 KB)": "\n\u3000\n".join(["[" * 40 + "字" * 10] * 400),
    "fences behind lone CRs (500 KB)": "正文\r" + "```\r" * 100_000,
    "open bracket per paragraph (90 KB)": "\n\n".join(["[" + "字" * 30] * 3000),
    "theme configuration clobbered": '## __config\n\n```{#__config .json .cc-visually-hidden}\n{"base": "x"}\n```\n',
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="bench_attacks.py", description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=REPO / "content", help="the content to attack a copy of")
    parser.add_argument("--repeat", type=int, default=1, help="builds of each, the median shown")
    return parser


def _project(root: Path, content: Path) -> Path:
    root.mkdir(parents=True)
    for name in ("mkdocs.yml", "hooks", "overrides"):
        source = REPO / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, root / name)
    shutil.copytree(content, root / "content")
    return root


def _attack(project: Path, body: str) -> None:
    case = sorted((project / "content" / "cases").glob("*/*.md"))[0]
    text = case.read_text("utf-8")
    end = text.index("\n---\n", 4) + len("\n---\n")
    case.write_text(text[:end] + body, "utf-8")


def _build(project: Path) -> tuple[float, float, int]:
    """(wall seconds, peak RSS MB, exit code) of `mkdocs build --strict`."""
    site = project.parent / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - start, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def _median(runs: list[tuple[float, float, int]]) -> tuple[float, float, int]:
    return sorted(runs)[len(runs) // 2]


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        baseline = _project(Path(tmp) / "baseline" / "project", args.content)
        base = _median([_build(baseline) for _ in range(args.repeat)])
        print("| attack | outcome | wall s | peak RSS MB | ÷ baseline |\n|---|---|---|---|---|")
        print(f"| none (baseline) | built | {base[0]:.1f} | {base[1]:.0f} | 1 |")
        for n, (name, body) in enumerate(ATTACKS.items()):
            project = _project(Path(tmp) / f"attack{n}" / "project", args.content)
            _attack(project, body)
            seconds, rss, code = _median([_build(project) for _ in range(args.repeat)])
            outcome = "built" if code == 0 else "refused"
            print(f"| {name} | {outcome} | {seconds:.1f} | {rss:.0f} | {seconds / base[0]:.2f} |")
    return 0


def entrypoint() -> None:
    sys.exit(main())
