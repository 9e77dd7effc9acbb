"""Temporary projects for benchmarks: our compendium and a plain-Material baseline on the same cases."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from compendium_bench.synthetic import generate_content

REPO = Path(__file__).resolve().parents[2]


@dataclass
class BuildResult:
    seconds: float
    peak_rss_mb: float
    """The largest process's peak (os.wait4: the command's, or the largest of the processes it waited for)."""
    site: Path
    size_mb: float = 0.0
    files: int = 0
    peak_total_mb: float = 0.0
    """The most its processes held at once (sampled every half second; 0 where /proc cannot be read)."""

    def __post_init__(self) -> None:
        # Measured now: the folder may be a temporary one, gone by the time the table is printed.
        sizes = [f.stat().st_size for f in self.site.rglob("*") if f.is_file()]
        self.size_mb, self.files = sum(sizes) / 1e6, len(sizes)


def tree_pss_mb(pid: int) -> float:
    """The memory a process and all its descendants hold now, in MB, pages they share counted once (their Pss
    summed; 0 where /proc cannot be read)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir() if Path("/proc").is_dir() else ():
        if entry.name.isdigit():
            try:  # "pid (name) state ppid …": the name may hold spaces and parentheses
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    tree, grew = {pid}, True
    while grew:
        more = {child for child, parent in parents.items() if parent in tree} - tree
        tree |= more
        grew = bool(more)
    kb = 0
    for member in tree:
        # Pss: a page shared by n processes counts 1/n in each (a forked process shares its parent's pages)
        try:
            rollup = Path(f"/proc/{member}/smaps_rollup").read_text()
            kb += int(rollup.split("\nPss:", 1)[1].split()[0])
        except (OSError, IndexError, ValueError):
            continue
    return kb / 1024


def run_build(args: list[str], cwd: Path, site: Path) -> BuildResult:
    """Run a build command as a child process: its wall time, its largest process's peak RSS (os.wait4) and the most
    all its processes held at once (the build command runs the engine beside the finder's writer)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    with tempfile.TemporaryFile("w+") as log:
        start = time.perf_counter()
        process = subprocess.Popen(args, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        total, done = [0.0], threading.Event()

        def sample() -> None:
            while not done.wait(0.5):
                total[0] = max(total[0], tree_pss_mb(process.pid))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        done.set()
        sampler.join()
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        if process.returncode != 0:
            log.seek(0)
            raise RuntimeError(f"{' '.join(map(str, args))} failed:\n{log.read()[-3000:]}")
    return BuildResult(seconds, usage.ru_maxrss / 1024, site, peak_total_mb=total[0])


def median_run(results: list[BuildResult]) -> BuildResult:
    """The run with the median wall time (the upper one of an even number)."""
    return sorted(results, key=lambda r: r.seconds)[len(results) // 2]


def write_config(project: Path) -> None:
    """The project's own config, inheriting the repository's as the engine reads it (its tags included), with
    absolute paths: its content in `content/`."""
    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "docs_dir": "content",
        "theme": {"custom_dir": str(REPO / "overrides")},
        "hooks": [str(REPO / "hooks" / "compendium_hooks.py")],
    }
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")


def make_projects(
    workdir: Path, count: int, per_collection: int = 80, source: Path = REPO / "content"
) -> tuple[Path, Path]:
    """Our project and the baseline's, sharing one content folder generated with the vocabularies (and sample
    texts) of the content folder `source`."""
    ours = workdir / "ours"
    ours.mkdir(parents=True, exist_ok=True)
    generate_content(ours / "content", count, source=source, per_collection=per_collection)
    write_config(ours)

    # Plain mkdocs-material: the same pages, its default search plugin, no hooks of ours,
    # and a nav that does not list every case (as the build facts prescribe for a fair baseline).
    baseline = workdir / "material"
    if baseline.exists():
        shutil.rmtree(baseline)
    shutil.copytree(ours / "content", baseline / "docs", ignore=shutil.ignore_patterns("_data"))
    (baseline / "docs" / "index.md").write_text("# 案例汇编\n", "utf-8")
    (baseline / "mkdocs.yml").write_text(
        yaml.safe_dump(
            {
                "site_name": "baseline",
                "docs_dir": "docs",
                "theme": {"name": "material", "language": "zh", "font": False},
                "plugins": ["search"],
                "nav": [{"首页": "index.md"}],
                "validation": {"nav": {"omitted_files": "ignore"}},
            },
            allow_unicode=True,
        ),
        "utf-8",
    )
    return ours, baseline


def build(project: Path) -> BuildResult:
    """`mkdocs build` of a project; ours (the one whose config INHERITs the repository's) as `make build` runs it,
    through the build command, which writes the finder's shards beside the engine."""
    site = project / "site"
    config = (project / "mkdocs.yml").read_text("utf-8")
    if "INHERIT" in config:
        command = [sys.executable, "-m", "compendium.cli.build", "-d", str(site)]
    else:
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)]
    return run_build(command, project, site)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a browser context closed while its requests were in flight: not an error of the site
        pass


def serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    server = _Server(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
