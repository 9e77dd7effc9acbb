"""`make serve` (`mkdocs serve --dirty`) renders again only the pages an edit changes, and serves what a full build
serves: after an edited title, a removed case, a case's themes and a notice's title changed, every page of the dirty server is the full server's, byte for byte
(but the port), while only a few pages were rendered; the finder's data, which make serve writes after the pages
(the browser reloads without waiting for it), is the full server's file for file once written."""

from __future__ import annotations

import math
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compendium.finder.data import script_data
from compendium.site.paths import FINDER_DATA
from conftest import copy_project, free_port, http_get, tool_env

pytestmark = pytest.mark.build

WAIT = 180
HOSTILE = "<img src=x onerror=alert(1)>"


class Server:
    def __init__(self, project: Path, log: Path, *flags: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = log
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-v", *flags, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=project,
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
            env=tool_env(PYTHONUNBUFFERED="1"),
        )
        self.until(lambda: http_get(self.url)[0] == 200)

    def until(self, done) -> None:
        deadline = time.monotonic() + WAIT
        while not done():
            assert self.process.poll() is None and time.monotonic() < deadline, self.log.read_text("utf-8")[-3000:]
            time.sleep(0.2)

    def page(self, path: str) -> tuple[int, str]:
        """A page as served, but what depends on the server: its port (in links, and in the QR code of the page's
        address) and the live-reload script's build numbers."""
        status, html = http_get(self.url + path)
        html = re.sub(r'(<path class="qrline"[^>]* d=")[^"]*"', r'\1QR"', html.replace(str(self.port), "PORT"))
        return status, re.sub(r"livereload\(\d+, \d+\)", "livereload()", html)

    def rendered(self) -> list[int]:
        """Pages rendered by each build so far (the page_context event runs once a page rendered; MkDocs logs
        "Building page …" only once a name)."""
        builds = self.log.read_text("utf-8").split("Building documentation...")[1:]
        return [build.count("Running `page_context` event") for build in builds if "Documentation built in" in build]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _paths(server: Server) -> list[str]:
    sitemap = http_get(server.url + "sitemap.xml")[1]
    return sorted(loc.replace(server.url, "") for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap))


def test_an_edit_renders_only_what_it_changes_and_the_site_is_a_full_builds(tmp_path):
    project = copy_project(tmp_path / "project")
    dirty = Server(project, tmp_path / "dirty.log", "--dirty")
    try:
        [first] = dirty.rendered()
        assert first > 100  # the first build renders every page
        cases = project / "content" / "cases" / "gjtwbh-2021-3"
        edited, removed = cases / "shanghai.md", cases / "hubei-wuhan.md"
        assert edited.exists() and removed.exists()
        text = edited.read_text("utf-8")
        title = re.search(r"^title: (.+)$", text, re.M).group(1)
        # a title that is markup (content comes from pull requests): the pages rendered again escape it as a full
        # build does (compared below), and no page has it as markup
        edited.write_text(text.replace(f"title: {title}", f"title: {title}（修订稿）{HOSTILE}", 1), "utf-8")
        dirty.until(lambda: "（修订稿）" in dirty.page("cases/gjtwbh-2021-3/shanghai/")[1])
        dirty.until(lambda: len(dirty.rendered()) == 2)
        # the case, its collection and the index pages listing it, the cases naming it (related, before/after)
        assert 0 < dirty.rendered()[1] < first / 3, dirty.rendered()
        assert "（修订稿）" in dirty.page("collections/gjtwbh-2021-3/")[1]
        removed.unlink()
        dirty.until(lambda: dirty.page("cases/gjtwbh-2021-3/hubei-wuhan/")[0] == 404)
        # what relates cases (another case's themes), and what every case of a collection shows (its notice's title)
        rethemed = cases / "chongqing.md"
        text = rethemed.read_text("utf-8")
        rethemed.write_text(
            re.sub(r"^themes: .*$", "themes: [全民健身行动, 中医药]", text, count=1, flags=re.M), "utf-8"
        )
        dirty.until(lambda: "全民健身行动" in dirty.page("cases/gjtwbh-2021-3/chongqing/")[1])
        notice = project / "content" / "notices" / "gjtwbh-2021-3.md"
        text = notice.read_text("utf-8")
        notice.write_text(text.replace("典型经验案例的通知", "典型经验案例的通知（更正）", 1), "utf-8")
        dirty.until(lambda: "通知（更正）" in dirty.page("cases/gjtwbh-2021-3/shanghai/")[1])

        full = Server(project, tmp_path / "full.log")
        try:
            paths = _paths(full)
            assert len(paths) > 100 and _paths(dirty) == paths
            differ = [path for path in paths if dirty.page(path) != full.page(path)]
            assert differ == [], differ[:5]
            assert not [path for path in paths if HOSTILE in dirty.page(path)[1]]
            assert dirty.page("404.html") == full.page("404.html")
            # the finder's data, written after the pages under make serve, is the full build's once written
            dirty.until(lambda: dirty.page(f"{FINDER_DATA}/meta.js") == full.page(f"{FINDER_DATA}/meta.js"))
            meta = script_data(full.page(f"{FINDER_DATA}/meta.js")[1])
            names = [f"t{k}.js" for k in range(meta["textShards"])] + [f"p{x}.js" for x in meta["pinyinShards"]]
            names += [f"x{i}.js" for i in range(meta["count"])]
            names += [f"h{j}.js" for j in range(math.ceil(meta["count"] / meta["headsPerChunk"]))]
            names += [f"r{j}.js" for j in range(math.ceil(meta["count"] / meta["rowsPerChunk"]))]
            names += [f"f{j}.js" for j in range(math.ceil(meta["count"] / meta["facetChunk"]))]
            data = [name for name in names if dirty.page(f"{FINDER_DATA}/{name}") != full.page(f"{FINDER_DATA}/{name}")]
            assert data == [] and dirty.page(f"{FINDER_DATA}/x{meta['count']}.js")[0] == 404, data[:5]
        finally:
            full.stop()
    finally:
        dirty.stop()
