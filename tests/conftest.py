"""Shared fixtures: the repository, the fixture compendium, a built site, a browser.

Two kinds of content, kept apart by the suite's structure:

- Behaviour tests (finder answers and ranking, indexes, pages, editions, importer) run on the **fixture
  compendium** under tests/fixtures/compendium/ (`FIXTURE`, `CONTENT`): a frozen copy of the compendium as it
  stood when the suite was split, which only a change to the code's behaviour changes.
- Tests that read the editors' **content/** (`SHIPPED_CONTENT`) are marked `content`; each checks exactly a rule
  of `make check`, through the `editor_content` fixture, which gives them content/ and then content/ with the
  canary batch of tests/canary/ added: a test that pins today's content fails here, before an editor meets it.

A test not marked `content` that opens, lists or hands a subprocess anything under content/ fails (the audit hook
below), so the rule holds without anyone remembering it.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "compendium"
"""The fixture compendium: a project (mkdocs.yml inheriting the project's, the project's hook and overrides) whose
content is a frozen copy; behaviour tests build and read this."""
CONTENT = FIXTURE / "content"
SOURCES = CONTENT / "_sources"
SHIPPED_CONTENT = ROOT / "content"
"""The editors' content: read only by tests marked `content`, through `editor_content`."""
ARTIFACTS = ROOT / "tests" / "artifacts"
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
"""The browser the CHROMIUM variable names, else the chromium on PATH (Debian's: /usr/bin/chromium); never one
that Playwright downloads."""
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


def tool_env(**extra: str) -> dict[str, str]:
    """The environment of a command a test runs: this process's PATH, HOME and PYTHONPATH (where its tools and code
    are found) and none of the variables the project reads (SITE_URL, COMPENDIUM_LANG, COMPENDIUM_EDITIONS, CI …),
    which each test sets for itself."""
    kept = {name: os.environ[name] for name in ("PATH", "HOME", "TMPDIR", "PYTHONPATH") if name in os.environ}
    return kept | {"NO_MKDOCS_2_WARNING": "1"} | extra


def build_site(
    project: Path,
    site_dir: Path,
    lang: str | None = None,
    site_url: str | None = None,
    editions: Path | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of `project` (no -q: it would hide warnings); messages in `lang` (default: zh);
    published at `site_url` (mkdocs.yml reads it from SITE_URL), else with no address; offering the PDF and Word
    files in `editions` (else those in the project's dist/, if any); `env` added to the environment."""
    env = tool_env(**(env or {})) | ({"COMPENDIUM_LANG": lang} if lang else {})
    env |= {"SITE_URL": site_url} if site_url else {}
    env |= {"COMPENDIUM_EDITIONS": str(editions)} if editions else {}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)],
        capture_output=True,
        text=True,
        cwd=project,
        env=env,
    )


def build_command(
    project: Path, site_dir: Path, engine: str = "mkdocs", lang: str | None = None, config: str = "mkdocs.yml"
) -> subprocess.CompletedProcess:
    """`make build ENGINE=…` of `project`: generate, render with `engine`, publish into `site_dir` in one step
    (compendium.cli.build); messages in `lang` (default: zh)."""
    env = tool_env(**({"COMPENDIUM_LANG": lang} if lang else {}))
    command = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--engine", engine]
    command += ["-f", str(project / config), "-d", str(site_dir)]
    return subprocess.run(command, capture_output=True, text=True, cwd=project, env=env)


def copy_project(target: Path, content: Path = CONTENT) -> Path:
    """A copy of the project's site sources (config, hooks, overrides) with `content` (default: the fixture
    compendium's) to break on purpose."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "hooks", "overrides"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, target / name)
    shutil.copytree(content, target / "content")
    return target


def add_hook(project: Path, name: str, text: str) -> None:
    """A hook of a test's own in a copied project, run after the compendium's."""
    (project / "hooks" / name).write_text(text, "utf-8")
    config = project / "mkdocs.yml"
    ours = "  - hooks/compendium_hooks.py"
    config.write_text(config.read_text("utf-8").replace(ours, f"{ours}\n  - hooks/{name}"), "utf-8")


def build_file_site(site_dir: Path, config_dir: Path) -> subprocess.CompletedProcess:
    """The fixture compendium with plain file URLs (page.html), as opened from file://."""
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
        env=tool_env(),
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


def fixture_edition(kind: str, dist: Path) -> Path:
    """The editions of the fixture compendium, made into `dist` without a message beyond warnings."""
    result = make_edition(kind, FIXTURE, dist)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    return dist


@pytest.fixture(scope="session")
def pdf_editions(tmp_path_factory) -> Path:
    """The fixture compendium's PDFs (each collection's, the whole book's, each case's), made once: read only."""
    return fixture_edition("pdf", tmp_path_factory.mktemp("pdf"))


@pytest.fixture(scope="session")
def compendium():
    """The fixture compendium, loaded once."""
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
    result = build_site(FIXTURE, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def served(folder: Path):
    """A built site served over http on a free port, while the block runs: its address."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    with served(built_site) as url:
        yield url


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


def open_finder(page, finder_url: str, **params) -> None:
    """The finder at `finder_url` with these URL parameters (q, theme, region, …), once it is ready."""
    query = urllib.parse.urlencode({k: v for k, v in params.items() if v is not None})
    page.goto(finder_url + ("?" + query if query else ""))
    page.wait_for_selector("#cc-finder[data-ready=true]")


def result_cases(page) -> list[str]:
    """collection/slug of each result the finder shows, in order."""
    hrefs = page.eval_on_selector_all(".cc-finder__title", "els => els.map(e => e.href)")
    return [re.search(r"cases/([^/]+/[^/.]+)", h).group(1) for h in hrefs]


def all_results(page) -> list[str]:
    """Every result, after 显示更多 as often as it is offered."""
    while page.locator(".cc-finder__more").is_visible():
        before = page.locator(".cc-finder__hit").count()
        page.locator(".cc-finder__more").click()
        page.wait_for_function(f"document.querySelectorAll('.cc-finder__hit').length > {before}")
    return result_cases(page)


# The editors' content ------------------------------------------------------------------------------------------

_SHIPPED_PATHS = (str(SHIPPED_CONTENT), str(ROOT / "mkdocs.yml"), str(ROOT / "mkdocs-offline.yml"))
"""What only `content` tests may read: content/, and the configs whose docs_dir it is (a build of them reads it)."""
_guard = {"test": None}
"""The test running now, when it is not marked `content` (the audit hook then refuses content/)."""


def _reads_shipped(value, configs: bool = False, cwd=None) -> bool:
    """Whether a path is in content/ (or, with `configs`, is a config whose docs_dir it is: a command given one
    builds content/)."""
    try:
        path = os.fspath(value)
    except TypeError:
        return False
    if isinstance(path, bytes):
        path = os.fsdecode(path)
    if not isinstance(path, str):
        return False
    path = os.path.abspath(os.path.join(os.fspath(cwd), path) if cwd is not None else path)
    return path.startswith(_SHIPPED_PATHS[0] + os.sep) or path in (_SHIPPED_PATHS if configs else _SHIPPED_PATHS[:1])


def _audit(event: str, args: tuple) -> None:
    if _guard["test"] is None or event not in ("open", "os.listdir", "os.scandir", "glob.glob", "subprocess.Popen"):
        return
    if event == "subprocess.Popen":
        command = args[1] if isinstance(args[1], (list, tuple)) else [args[1]]
        found = [a for a in command if isinstance(a, (str, os.PathLike)) and _reads_shipped(a, True, args[2])]
        cwd_is_root = args[2] is not None and os.path.abspath(os.fspath(args[2])) == str(ROOT)
        builds_root = cwd_is_root and any(str(a) in ("build", "serve", "gh-deploy") for a in command)
        if not found and not builds_root:
            return
        what = found[0] if found else "mkdocs.yml"
    elif not _reads_shipped(args[0]):
        return
    else:
        what = args[0]
    test, _guard["test"] = _guard["test"], None  # the message itself may open files
    raise RuntimeError(
        f"{test} reads the editors' content ({what}). Behaviour tests run on the fixture compendium "
        "(conftest.CONTENT, FIXTURE); a test of content/ is marked `content`, uses the `editor_content` fixture "
        "and checks exactly a rule of `make check` (see tests/conftest.py)."
    )


sys.addaudithook(_audit)


def _guarded(item):
    _guard["test"] = None if item.get_closest_marker("content") else item.nodeid
    try:
        return (yield)
    finally:
        _guard["test"] = None


pytest_runtest_setup = pytest.hookimpl(wrapper=True)(_guarded)
pytest_runtest_call = pytest.hookimpl(wrapper=True)(_guarded)


@pytest.fixture(scope="session")
def canary_content(tmp_path_factory):
    """content/ with the canary batch added as an editor adds one (tests/canary/): its notice imported from Word,
    regions given by hand, a full-text case added to the listed collection with a table and a picture."""
    from canary import add_canary_batch

    return add_canary_batch(SHIPPED_CONTENT, tmp_path_factory.mktemp("canary") / "content")


@pytest.fixture(scope="session")
def shipped_content(tmp_path_factory):
    """A copy of content/ as it is (`make check` refreshes the schemas in the folder it checks: not in the
    working tree during a test run)."""
    target = tmp_path_factory.mktemp("shipped") / "content"
    shutil.copytree(SHIPPED_CONTENT, target, ignore=shutil.ignore_patterns(".*"))
    return target


@pytest.fixture(scope="session", params=["content", "content+canary"])
def editor_content(request):
    """The editors' content as it is, then with the canary batch: a `content` test passes on both."""
    return request.getfixturevalue("shipped_content" if request.param == "content" else "canary_content")


# Tiers ---------------------------------------------------------------------------------------------------------

NEEDS = {
    "tests/browser/": ("browser", "build"),
    "tests/bundle/": ("browser", "build", "print"),
    "tests/hooks/": ("build",),
    "tests/security/": ("build",),
    "tests/security/test_editions_attacks.py": ("build", "print"),
    "tests/pdf/": ("print",),
    "tests/pdf/test_downloads.py": ("print", "build", "browser"),
    "tests/pdf/test_word.py": ("print", "office"),
    "tests/content/test_canary.py": ("build", "print", "browser"),
    "tests/scripts/test_one_verdict.py": ("build",),
    "tests/scripts/test_broken_cases.py": ("build",),
    "tests/scripts/test_editor_scenario.py": ("build", "print"),
    "tests/scripts/test_import_sources.py": ("print",),
}
"""What the tests of a folder or module need beyond Python: a browser (Debian's chromium), a build of a whole
site, the print tools (WeasyPrint, pandoc, poppler), an office suite (LibreOffice).  `make test-fast` runs the
tests that need none of them; `make test` runs all.  The most specific entry wins."""


def pytest_collection_modifyitems(config, items):
    for item in items:
        path = Path(str(item.path)).resolve().relative_to(ROOT).as_posix()
        entry = max((key for key in NEEDS if path.startswith(key)), key=len, default=None)
        for need in NEEDS.get(entry, ()):
            item.add_marker(need)


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(url: str) -> tuple[int, str]:
    """A page's status and text; (0, "") while nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")
    except OSError:
        return 0, ""
