"""MkDocs (and ProperDocs) hooks: a short adapter over the compendium's generate step.

`compendium.build.generate` makes every page (its front matter, the data its
template reads as `page.meta.compendium`, its Markdown) and every data file
from the content; these events hand them to MkDocs: the pages and files as
generated files, each page's meta, the navigation.  Engines with no hooks
(Zensical) get the same pages as a folder of files (`compendium.cli.build`).
What is MkDocs' own stays here: the problems page of `mkdocs serve`, escaping
the meta that Material prints unescaped, the collection page's side contents,
one rendering of the nav for every case page, and a page's data and HTML held
only while the page is laid out (MkDocs converts every page before it lays out
any, and keeps every page to the end of the build).

With no build command around it (`mkdocs build`, `mkdocs serve`), the hook
writes the finder's shards after the pages; `compendium.cli.build` writes them
itself, beside the engine, and publishes the site in one step.  Helpers are
imported at the top: MkDocs puts this folder on sys.path only while this file
loads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import pickle
import shutil
import signal
import sys
import sysconfig
import tempfile
import threading
import time
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from jinja2 import FileSystemBytecodeCache
from markupsafe import Markup
from mkdocs.contrib import search as mkdocs_search
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import clean_directory

from compendium import CompendiumError, ContentError, Problem, load_compendium
from compendium.build.generate import GeneratedSite, generate, site_settings
from compendium.content.schema import write_schemas
from compendium.finder.data import write_data
from compendium.messages import render, t
from compendium.site.paths import FINDER_DATA, PUBLIC_FILES

log = get_plugin_logger("compendium")

FINDER_OUTSIDE_ENV = "COMPENDIUM_FINDER_OUTSIDE"
"""Set by `compendium.cli.build`: it writes the finder's shards itself, while the engine renders."""
LUNR_JS = Path(mkdocs_search.__file__).parent / "templates" / "search" / "lunr.js"
"""lunr.js as the installed engine ships it (ProperDocs' own where it stands in for MkDocs)."""

_command = ""
_build: GeneratedSite | None = None
_problems: list[dict] | None = None
"""While `mkdocs serve` runs on content with problems: the problems, shown in the browser instead of the site."""
_nav_store: dict = {}
_dirty = False
_written: dict[str, tuple[str, Markup, str]] = {}
"""`mkdocs serve --dirty` (make serve): each page as last written, src → (fingerprint of what it was rendered from,
its title, its file in the site); a page whose fingerprint is the same is not rendered again."""
_fingerprints: dict[str, tuple[str, str]] = {}
"""This build's pages, src → (fingerprint, file in the site), kept in `_written` once the build has finished."""
_titles: dict[str, Markup] = {}
_made: dict[str, dict] = {}
"""A dirty build's pages to render: the data made for their fingerprint, src → data, until each is laid out."""
_finder_after = False
FINDER_FILES = f"{FINDER_DATA}/"
"""The finder's data made with the pages (meta.js, result lines, facet cells): under `make serve`, written with its
shards."""


class _FinderWriter:
    """Under `make serve`: the finder's data of the latest build, written after the pages (it is most of a rebuild's
    time: 6 s of 10 at 1,000 cases) by a forked child into a folder of its own, then put in place of the previous
    data with two renames.  A child has its own interpreter: a thread writing it slowed the next save's build
    threefold, both holding one interpreter lock.  A new build stops the child at once (its data is out of date);
    where there is no fork (Windows), the data is written before the browser reloads, as by `mkdocs build`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._job: tuple | None = None
        self._thread: threading.Thread | None = None
        self._child = 0
        self._stop = False

    def cancel(self) -> None:
        with self._lock:
            self._job = None
            self._stop = True

    def submit(self, finder, files: dict[str, str], folder: Path) -> None:
        with self._lock:
            self._job = (finder, files, folder)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="compendium-finder", daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._job = self._job, None
                if job is None:
                    self._thread = None
                    return
                finder, files, folder = job
                staging, old = folder.with_name(folder.name + ".new"), folder.with_name(folder.name + ".old")
                shutil.rmtree(staging, ignore_errors=True)
                self._stop = False
                self._child = os.fork()
                if self._child == 0:  # the child: write, and leave without running anything of the server's
                    code = 1
                    try:
                        write_data(finder, staging)
                        for name, text in files.items():
                            (staging / name).write_text(text, "utf-8")
                        code = 0
                    finally:
                        os._exit(code)
            status = self._wait()
            with self._lock:
                self._child = 0
                if os.WIFSIGNALED(status) or self._job is not None:
                    continue  # stopped by a newer build, or a newer build's data is wanted
                try:
                    if os.waitstatus_to_exitcode(status) != 0:
                        raise OSError(f"the finder's data could not be written into {staging}")
                    shutil.rmtree(old, ignore_errors=True)
                    if folder.exists():
                        folder.rename(old)
                    staging.rename(folder)
                    shutil.rmtree(old, ignore_errors=True)
                except OSError as error:
                    log.error(f"{FINDER_DATA}: {error}")

    def _wait(self) -> int:
        """The child's end; it is stopped here when a new build begins (only this thread reaps it, so the process
        killed is the child)."""
        while True:
            pid, status = os.waitpid(self._child, os.WNOHANG)
            if pid:
                return status
            with self._lock:
                if self._stop:
                    os.kill(self._child, signal.SIGKILL)
            time.sleep(0.05)


_FINDER_WRITER = _FinderWriter()


class _PageShelf:
    """MkDocs converts every page's Markdown before it lays out any, and keeps each page's HTML until the build ends
    (half a gigabyte at 100,000 cases). Here the HTML waits in an unnamed temporary file beside the site (the build's
    own disk, removed by the system however the build ends), from its conversion until its page is laid out; a case
    page's front matter and table of contents too, which no other page reads (case pages are in no navigation)."""

    def __init__(self) -> None:
        self._file = None
        self._where: dict[str, tuple[int, int]] = {}

    def put(self, src: str, held: tuple, folder: Path) -> None:
        if self._file is None:
            self._file = tempfile.TemporaryFile(prefix=".compendium-html-", dir=folder if folder.is_dir() else None)
        data = pickle.dumps(held, pickle.HIGHEST_PROTOCOL)  # this build's own file (mode 0600, no name): trusted
        self._file.seek(0, os.SEEK_END)
        self._where[src] = (self._file.tell(), len(data))
        self._file.write(data)

    def take(self, src: str) -> tuple | None:
        where = self._where.pop(src, None)
        if where is None:
            return None
        self._file.seek(where[0])
        return pickle.loads(self._file.read(where[1]))

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        self._file, self._where = None, {}


_SHELF = _PageShelf()


class _AccurateDirtyBuild(logging.Filter):
    """MkDocs warns that a dirty build leaves navigation and links inaccurate, which would fail the strict build;
    here a page is left unrendered only when nothing it is rendered from changed (`_fingerprint`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (_dirty and record.getMessage().startswith("A 'dirty' build is being performed"))


logging.getLogger("mkdocs.commands.build").addFilter(_AccurateDirtyBuild())


def _serve_problems(config, problems: list[Problem]):
    """`mkdocs serve` on broken content: build a site of one page that lists the problems (the 404 page too),
    instead of failing the build, which leaves the server waiting and the browser blank.  Fixing the files
    rebuilds the real site, and the browser reloads into it."""
    global _problems
    _written.clear()  # the site is now the problems page: every page is written again once they are fixed
    prefix = _content_prefix(config)
    _problems = [
        {
            "path": prefix + p.path,
            "line": p.line,
            "field": p.field or "",
            "message": render(p.message),
            "hint": render(p.hint) if p.hint else "",
        }
        for p in problems
    ]
    print(
        "\n"
        + str(
            t(
                "the content has {count} problem(s); the browser lists them and reloads once they are fixed:",
                count=len(problems),
            )
        ),
        file=sys.stderr,
    )
    for problem in problems:
        print(f"  {prefix}{problem.format()}", file=sys.stderr)
    return config


def _content_prefix(config) -> str:
    """The content folder as the project names it (content/), put before each problem's path, as the check does."""
    return os.path.relpath(config.docs_dir, os.path.dirname(config.config_file_path)).replace(os.sep, "/") + "/"


def _problem_files(files: Files, config) -> Files:
    """The theme's files and one page listing the problems: nothing of the broken content is rendered."""
    if _dirty:  # a dirty build keeps what the site folder holds: the site's pages must not stay reachable
        clean_directory(config.site_dir)
    docs_dir = os.path.realpath(config.docs_dir)
    kept = [f for f in files if not (f.abs_src_path and os.path.realpath(f.src_dir) == docs_dir)]
    page = "---\ntitle: 内容有问题\ntemplate: compendium/problems.html\n---\n"
    return Files([*kept, File.generated(config, "index.md", content=page)])


def _stop(config, heading, problems: list[Problem]):
    """Fail the build with each problem on a line, as the content check prints it (content/… paths)."""
    prefix = _content_prefix(config)
    raise PluginError("\n".join([str(heading), *(f"  {prefix}{p.format()}" for p in problems)]))


def on_startup(command, dirty):
    global _command, _dirty
    _command, _dirty = command, dirty


def on_config(config):
    global _build, _problems
    _FINDER_WRITER.cancel()  # a save while the finder's data is written: that data is out of date
    _build, _problems = None, None
    config.extra["compendium"] = {"finder_url": "", "files": dict(PUBLIC_FILES)}  # the problems page's too
    try:
        result = load_compendium(config.docs_dir, remember=_command == "serve")
    except ContentError as error:
        if _command == "serve":
            return _serve_problems(config, error.problems)
        _stop(
            config,
            t("the content has {count} problem(s); nothing was built:", count=len(error.problems)),
            error.problems,
        )
    if result.warnings and config.strict:
        # A strict build would write every page and then stop on them: stop before, with the content check's
        # words (serve shows them in the browser instead).
        if _command == "serve":
            return _serve_problems(config, result.warnings)
        heading = t(
            "the content has {count} warning(s), which fail the strict build; nothing was built:",
            count=len(result.warnings),
        )
        _stop(config, heading, result.warnings)
    prefix = _content_prefix(config)
    for problem in result.warnings:
        log.warning(prefix + problem.format())
    # The editors' schemas follow the vocabularies (content/_data/, left out of the site).
    write_schemas(Path(config.docs_dir), taxonomy=result.compendium.taxonomy)
    settings = site_settings(
        site_name=config.site_name,
        site_description=config.site_description or "",
        site_url=config.site_url or "",
        directory_urls=config.use_directory_urls,
        extra=config.extra,
        config_dir=Path(config.config_file_path).parent,
        lunr_js=LUNR_JS,
        # /admin/: the web editor on the local repository under `mkdocs serve` (make edit), else on the host
        local=_command == "serve",
        environ=os.environ,
    )
    try:
        _build = generate(result, settings)
    except CompendiumError as error:
        raise PluginError(str(error))
    config.extra["compendium"] = _build.extra
    if config["nav"] is None:
        config["nav"] = _build.nav  # no nav in mkdocs.yml: the compendium's small one
    _nav_store.clear()
    return config


def on_files(files: Files, config) -> Files:
    if _problems is not None:
        return _problem_files(files, config)
    _refuse_unchecked_files(files, config)
    for src, page in _build.pages.items():
        if page.generated:
            _add(files, config, src, content=page.body)
    global _finder_after
    # make serve, once the site has a finder: its data is written after the pages, in the background, and replaces
    # the previous one whole (meta.js with its shards), so that the browser reloads without waiting for it
    _finder_after = (
        _dirty and _command == "serve" and hasattr(os, "fork") and Path(config.site_dir, FINDER_DATA).is_dir()
    )
    for src, data in _build.files.items():
        if _finder_after and src.startswith(FINDER_FILES):
            continue
        if isinstance(data, Path):
            _add(files, config, src, abs_src_path=str(data))
        else:
            _add(files, config, src, content=data)
    if _dirty:
        _skip_unchanged(files, config)
    return files


def _unchanged() -> bool:
    return False


def _changed() -> bool:
    return True


def _skip_unchanged(files: Files, config) -> None:
    """A dirty build renders only the pages whose fingerprint changed since they were written: an edited case
    renders the case, the pages listing it or naming it (their data holds its title), not the other thousands."""
    site = hashlib.sha1(_site_fingerprint(files, config)).digest()
    _fingerprints.clear()
    _titles.clear()
    _made.clear()
    for file in files.documentation_pages():
        page = _build.pages.get(file.src_uri)
        if page is None:
            continue
        data = page.fingerprinted()
        _fingerprints[file.src_uri] = (hashlib.sha1(site + page.digest.encode()).hexdigest(), file.abs_dest_path)
        written = _written.get(file.src_uri)
        same = written and written[0] == _fingerprints[file.src_uri][0] and os.path.isfile(file.abs_dest_path)
        if not same and data is not None:
            _made[file.src_uri] = data  # rendered next: its data is not made again
        # MkDocs neither reads nor renders a page that is not modified; by itself it asks only whether the page's
        # own file is newer than its output
        file.is_modified = _unchanged if same else _changed


def _versions(*names: str) -> str:
    found = []
    for name in names:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            pass
    return ", ".join(found)


_THEME_VERSIONS = _versions("mkdocs", "properdocs", "mkdocs-material")


def _nav_sources(nav) -> list[str]:
    """The pages a nav config lists (its entries: a path, {title: path}, {title: [entries]})."""
    if isinstance(nav, str):
        return [nav]
    if isinstance(nav, dict):
        return [src for value in nav.values() for src in _nav_sources(value)]
    if isinstance(nav, list):
        return [src for item in nav for src in _nav_sources(item)]
    return []


def _site_fingerprint(files: Files, config) -> bytes:
    """What every page is rendered from besides its own data: the nav, the config, the files there are (a link's
    target), the templates."""
    parts = [
        json.dumps(config["nav"], ensure_ascii=False, sort_keys=True, default=str),
        # the nav shows the titles of the pages it lists (a notice's, a collection's) on every page
        json.dumps(
            [_build.pages[src].front.get("title") for src in _nav_sources(config["nav"]) if src in _build.pages]
        ),
        json.dumps(config.extra, ensure_ascii=False, sort_keys=True, default=str),
        json.dumps(dict(config.theme), ensure_ascii=False, sort_keys=True, default=str),
        repr(config.markdown_extensions),
        json.dumps(config.mdx_configs, ensure_ascii=False, sort_keys=True, default=str),
        repr((config.site_url, config.site_name, config.repo_url, config.edit_uri, config.copyright)),
        # the finder's data may come later, and no page links to it
        "\n".join(sorted(f.src_uri for f in files if not f.src_uri.startswith(FINDER_FILES))),
    ]
    installed = sysconfig.get_paths()["purelib"]
    for folder in config.theme.dirs:
        if Path(folder).is_relative_to(installed):
            # an installed theme (Material's ten thousand icons) changes only with its package's version
            parts.append(f"{folder}:{_THEME_VERSIONS}")
            continue
        for root, _, names in os.walk(folder):
            for name in sorted(names):
                stat = os.stat(os.path.join(root, name))
                parts.append(f"{root}/{name}:{stat.st_mtime_ns}:{stat.st_size}")
    return "\n".join(parts).encode()


def _refuse_unchecked_files(files: Files, config) -> None:
    """The core checked every file of the content folder; MkDocs must publish none that it did not accept."""
    docs_dir = os.path.realpath(config.docs_dir)
    unchecked = sorted(
        f.src_uri
        for f in files
        if f.generated_by is None
        and not f.inclusion.is_excluded()
        and f.abs_src_path
        and os.path.realpath(f.src_dir) == docs_dir
        and f.src_uri not in _build.published
    )
    if unchecked:
        raise PluginError(
            str(
                t(
                    "these files would be published although the content check did not accept them: {files}",
                    files=unchecked[:20],
                )
            )
        )


def _add(files: Files, config, src: str, **source) -> None:
    if files.get_file_from_path(src) is not None:
        raise PluginError(
            str(t("{file}: this file is generated by the build; remove or rename the file of that name", file=src))
        )
    files.append(File.generated(config, src, **source))


def on_page_read_source(page, config):
    # One reading of each file: the page gets the front matter and body the content check accepted (and the data
    # the generate step added; on_page_markdown), not MkDocs' own reading of the file, which differs on edge cases
    # and parsed every page's front matter a second time.
    if _build is not None and page.file.src_uri in _build.pages:
        return ""
    return None


def on_page_markdown(markdown: str, page, config, files):
    if _build is None:
        return markdown
    generated = _build.pages.get(page.file.src_uri)
    if generated is None:
        raise PluginError(f"{page.file.src_uri}: the content check did not read this page")
    page.meta = dict(generated.front)  # its template's data is added as it is laid out (on_page_context)
    try:
        return generated.body  # a content file's, read again from the file (refused if changed since the check)
    except ContentError as error:
        _stop(config, t("a file changed while the site was built:"), error.problems)


def _inert(value):
    """Front matter is untrusted, and Material prints some of it (title, description, subtitle …) unescaped:
    every text in it, at any depth, becomes escaped markup; numbers, dates and yes/no stay as they are."""
    if isinstance(value, str):
        return Markup.escape(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_inert(item) for item in value]
    if isinstance(value, dict):
        return {_inert(key): _inert(item) for key, item in value.items()}
    if value is None or isinstance(value, (bool, int, float, dt.date)):
        return value
    return Markup.escape(str(value))


def on_page_content(html: str, page, config, files):
    # The compendium's data is the templates' to escape (each value with |e), as every engine renders it; it is
    # not in the meta yet.
    page.meta = _inert(page.meta)
    # Runs for every page before any is laid out, so the nav shows escaped titles too.  A title
    # taken from the rendered first heading is already HTML; one from front matter or the nav is text.
    rendered = getattr(page, "_title_from_render", None)
    if rendered and "title" not in page.meta and "title" not in vars(page):
        page.title = Markup(rendered)
    else:
        page.title = Markup.escape(page.title or "")
    generated = _build.pages.get(page.file.src_uri) if _build is not None else None
    if generated is not None and generated.contents is not None:
        # A collection page's side 目录 lists its cases, as a printed 汇编's does (not the notice's headings).
        page.toc = TableOfContents(
            [AnchorLink(Markup.escape(e["title"]), e["anchor"], 2) for e in generated.contents()]
        )
    if generated is not None and generated.kind == "case":
        _SHELF.put(page.file.src_uri, (html, page.meta, page.toc), Path(config.site_dir).parent)
        # (MkDocs picks its template before the page is laid out)
        page.meta, page.toc = {"template": generated.front["template"]}, TableOfContents([])
    else:
        _SHELF.put(page.file.src_uri, (html, None, None), Path(config.site_dir).parent)
    page.markdown = ""  # converted: MkDocs would keep it to the end of the build
    return ""  # until the page is laid out (on_page_context)


def on_nav(nav, config, files):
    if _dirty:
        for page in nav.pages:  # a page left as it was keeps its title in the nav of the pages rendered
            if not page.file.is_modified() and page.file.src_uri in _written:
                page.title = _written[page.file.src_uri][1]

    # Section titles come from data files (collections.yml …): escape them like page titles.
    def escape_sections(items):
        for item in items:
            if isinstance(item, Section):
                item.title = Markup.escape(item.title)
                escape_sections(item.children)

    escape_sections(nav.items)
    return nav


_TEMPLATES_COMPILED = FileSystemBytecodeCache()
"""Jinja's compiled templates, kept between builds (in the user's temporary folder, keyed by each template's source):
MkDocs makes a new environment on every build, and `mkdocs serve` recompiled Material's 48 templates on every save
(0.6 s of a 69-case rebuild)."""


def on_env(env, config, files):
    env.bytecode_cache = _TEMPLATES_COMPILED
    return env


def on_page_context(context, page, config, nav):
    held = _SHELF.take(page.file.src_uri)
    if held is not None:
        page.content = held[0]
        if held[1] is not None:
            page.meta, page.toc = held[1], held[2]
    _titles[page.file.src_uri] = page.title
    if _build is None:
        context["compendium_problems"] = _problems
        return context
    generated = _build.pages[page.file.src_uri]
    if generated.view is not None:
        # The page's data, made now (or for its fingerprint) and let go once the page is written (on_post_page):
        # MkDocs keeps every page's meta until the build ends.
        made = _made.pop(page.file.src_uri, None)
        page.meta["compendium"] = made if made is not None else generated.view()
    if generated.kind == "case":
        # Case pages are not in the nav: one rendering of it serves every case page at the same depth.
        context["nav_cache"] = {"store": _nav_store, "key": page.url.count("/")}
    return context


def on_post_page(output: str, page, config):
    page.meta.pop("compendium", None)
    page.content = None  # written: MkDocs would keep it to the end of the build
    if _build is not None and _build.pages[page.file.src_uri].kind == "case":
        # Nor is a case page's front matter or table of contents read again: it is in no navigation.
        page.meta, page.toc = {}, TableOfContents([])
    return output


def on_template_context(context, template_name, config):
    if _build is None:
        context["compendium_problems"] = _problems  # any address shows the problems while they last
    return context


def on_post_build(config):
    _SHELF.close()
    if _dirty and _build is not None:
        _remember_written()
    if _build is None or os.environ.get(FINDER_OUTSIDE_ENV):
        return
    if _finder_after:
        files = {src[len(FINDER_FILES) :]: text for src, text in _build.files.items() if src.startswith(FINDER_FILES)}
        _FINDER_WRITER.submit(_build.finder, files, Path(config.site_dir, FINDER_DATA))
        return
    try:
        write_data(_build.finder, Path(config.site_dir, FINDER_DATA))  # the cases' texts read again from their files
    except OSError as error:
        raise PluginError(f"{FINDER_DATA}: {error}")
    except ContentError as error:
        _stop(config, t("a file changed while the site was built:"), error.problems)


def _remember_written() -> None:
    """After a dirty build: what each page was written from; the pages of cases removed since are deleted."""
    kept = {dest for _, dest in _fingerprints.values()}
    for src in set(_written) - set(_fingerprints):
        dest = _written.pop(src)[2]
        if dest not in kept:
            Path(dest).unlink(missing_ok=True)
    for src, (fingerprint, dest) in _fingerprints.items():
        before = _written.get(src)
        title = _titles[src] if src in _titles else before[1] if before else Markup("")
        _written[src] = (fingerprint, title, dest)


def on_build_error(error):
    _SHELF.close()
    _written.clear()  # what was written is not known: the next build writes every page
