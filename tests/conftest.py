"""Shared fixtures: the repository, the shipped content, a built site, a browser."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SOURCES = CONTENT / "_sources"
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def png(width: int, height: int, rgb: tuple[int, int, int]) -> bytes:
    """A real PNG of one colour, for content with pictures."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\0" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def build_site(
    project: Path, site_dir: Path, lang: str | None = None, site_url: str | None = None, editions: Path | None = None
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` (no -q: it would hide warnings); messages in `lang` (default: zh);
    published at `site_url` (mkdocs.yml reads it from SITE_URL), else with no address; offering the PDF and Word
    files in `editions` (else those in the project's dist/, if any)."""
    env = {"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"} | ({"COMPENDIUM_LANG": lang} if lang else {})
    env |= {"SITE_URL": site_url} if site_url else {}
    env |= {"COMPENDIUM_EDITIONS": str(editions)} if editions else {}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
    )


def copy_project(target: Path) -> Path:
    """A copy of the project's site sources (config, hooks, overrides, content) to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "overrides", "content"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    return target


def build_file_site(site_dir: Path, config_dir: Path) -> subprocess.CompletedProcess:
    """The shipped site with plain file URLs (page.html), as opened from file://."""
    config = config_dir / "mkdocs-file.yml"
    config.write_text(
        f"INHERIT: {ROOT / 'mkdocs.yml'}\ndocs_dir: {CONTENT}\nuse_directory_urls: false\n"
        f"theme:\n  custom_dir: {ROOT / 'overrides'}\nhooks:\n  - {ROOT / 'hooks' / 'compendium_hooks.py'}\n",
        "utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=config_dir,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


def make_edition(kind: str, project: Path, dist: Path, *args: str) -> subprocess.CompletedProcess:
    """`scripts/make_<kind>.py` (pdf, docx) on a project's content and config, into `dist`."""
    command = [sys.executable, str(ROOT / "scripts" / f"make_{kind}.py"), "--content", str(project / "content")]
    command += ["--config", str(project / "mkdocs.yml"), "--dist", str(dist), *args]
    return subprocess.run(command, capture_output=True, text=True)


def squeeze(text: str) -> str:
    """Text without any whitespace: lines wrap differently in a PDF, a Word file or a source than where compared."""
    return re.sub(r"\s+", "", text)


def whole_book(dist: Path, suffix: str) -> Path:
    """The whole compendium's edition in `dist` (named by its title and date), beside the collections' ones."""
    [path] = [p for p in dist.glob(f"*{suffix}") if re.search(r"-\d{4}-\d{2}-\d{2}$", p.stem)]
    return path


def shipped_edition(kind: str, dist: Path) -> Path:
    """The editions of the shipped content, made into `dist` without a message beyond warnings."""
    result = make_edition(kind, ROOT, dist)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return dist


@pytest.fixture(scope="session")
def compendium():
    """The shipped content, loaded once: tests of it check properties, never today's counts."""
    from compendium.content.loader import load_compendium

    return load_compendium(CONTENT).compendium


@pytest.fixture(scope="session")
def file_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("file-site")
    result = build_file_site(site, tmp_path_factory.mktemp("file-config"))
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    result = build_site(ROOT, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make test` (it installs Debian's chromium) or `apt-get install -y chromium`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.console_errors = errors
    yield page
    context.close()
