"""MkDocs hooks: the only place where the compendium meets MkDocs.

Each event converts MkDocs objects to plain values, calls `compendium`, and
hands the result back.  Helpers are imported here at the top: MkDocs puts
this folder on sys.path only while this file loads.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from markupsafe import Markup
from mkdocs.contrib import search as mkdocs_search
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Section
from mkdocs.structure.toc import AnchorLink, TableOfContents

from compendium import Compendium, CompendiumError, ContentError, Document, Problem, load_compendium
from compendium.content.schema import write_schemas
from compendium.editions.downloads import EDITIONS_ENV, Downloads, find_downloads, offered
from compendium.editions.edition import edition_slug
from compendium.editions.feed import atom_feed
from compendium.editions.records import datapackage, export_records, records_csv, records_json
from compendium.finder.data import index_cases, meta_script
from compendium.finder.job import FinderJob
from compendium.messages import render, t
from compendium.publish import SitePublisher, interrupts_as_exit
from compendium.site import paths, sharing
from compendium.site.indexes import Indexes
from compendium.site.pages import contents_anchor
from compendium.site.paths import FINDER_DATA, FINDER_SRC, HOME_SRC, collection_src
from compendium.site.views import (
    GeneratedPage,
    case_view,
    generated_pages,
    notice_view,
    page_view,
    reference_view,
    site_navigation,
)

log = get_plugin_logger("compendium")


@dataclass
class _Run:
    """One `mkdocs build` (or serve), from on_startup to on_shutdown."""

    command: str = ""
    dirty: bool = False
    publisher: SitePublisher | None = None
    """`mkdocs build` writes into a staging folder beside site_dir, which replaces the old site only once the
    whole build, strict checks included, has succeeded (compendium.publish): a build that fails, is
    interrupted or killed never leaves a half-written site, and two builds cannot write into one folder."""
    signals: AbstractContextManager | None = None
    built: bool = False


@dataclass
class _Build:
    """The compendium of the build in progress, between MkDocs' events (hooks are module-level functions)."""

    compendium: Compendium
    indexes: Indexes
    documents: dict[str, Document]
    """Every content page as the content check read it: the build renders these."""
    published: frozenset[str]
    pages: dict[str, GeneratedPage]
    finder: FinderJob
    downloads: Downloads
    files: Files | None = None
    urls: dict[str, str] = field(default_factory=dict)
    nav_store: dict = field(default_factory=dict)


_run = _Run()
_build: _Build | None = None
_problems: list[dict] | None = None
"""While `mkdocs serve` runs on content with problems: the problems, shown in the browser instead of the site."""


def _serve_problems(config, problems: list[Problem]):
    """`mkdocs serve` on broken content: build a site of one page that lists the problems (the 404 page too),
    instead of failing the build, which leaves the server waiting and the browser blank.  Fixing the files
    rebuilds the real site, and the browser reloads into it."""
    global _problems
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
    docs_dir = os.path.realpath(config.docs_dir)
    kept = [f for f in files if not (f.abs_src_path and os.path.realpath(f.src_dir) == docs_dir)]
    page = "---\ntitle: 内容有问题\ntemplate: compendium/problems.html\n---\n"
    return Files([*kept, File.generated(config, "index.md", content=page)])


def _stop(config, heading, problems: list[Problem]):
    """Fail the build with each problem on a line, as the content check prints it (content/… paths)."""
    prefix = _content_prefix(config)
    raise PluginError("\n".join([str(heading), *(f"  {prefix}{p.format()}" for p in problems)]))


def on_startup(command, dirty):
    global _run
    _run = _Run(command=command, dirty=dirty)
    if command == "build":
        _run.signals = interrupts_as_exit()
        _run.signals.__enter__()


def on_config(config):
    global _build, _problems
    _build, _problems = None, None
    try:
        result = load_compendium(config.docs_dir)
    except ContentError as error:
        if _run.command == "serve":
            return _serve_problems(config, error.problems)
        _stop(
            config,
            t("the content has {count} problem(s); nothing was built:", count=len(error.problems)),
            error.problems,
        )
    if result.warnings and config.strict:
        # A strict build would write every page and then stop on them: stop before, with the content check's
        # words (serve shows them in the browser instead).
        if _run.command == "serve":
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
    if _run.command == "build" and not _run.dirty and _run.publisher is None:
        _run.publisher = SitePublisher(config.site_dir)
        try:
            config.site_dir = str(_run.publisher.begin())
        except CompendiumError as error:
            _run.publisher = None
            raise PluginError(str(error))
    compendium = result.compendium
    indexes = Indexes(compendium)
    _build = _Build(
        compendium=compendium,
        indexes=indexes,
        documents=result.documents,
        published=result.published,
        pages={page.src: page for page in generated_pages(compendium, indexes)},
        finder=FinderJob(index_cases(compendium), config.site_dir),
        downloads=find_downloads(_editions_folder(config), compendium, edition_slug(config.site_name)),
    )
    return config


def _editions_folder(config) -> Path:
    """Where `make pdf` and `make docx` wrote the editions the site offers: COMPENDIUM_EDITIONS, else dist/ beside
    the site's config."""
    return Path(os.environ.get(EDITIONS_ENV) or Path(config.config_file_path).parent / "dist")


def on_build_error(error):
    if _build is not None:
        _build.finder.stop()


def on_post_build(config):
    if _build is None:  # the problems page of `mkdocs serve`
        _run.built = True
        return
    try:
        _build.finder.collect(config.site_dir)
    except CompendiumError as error:
        raise PluginError(str(error))
    _run.built = True


def on_shutdown():
    # MkDocs calls this from a `finally`: an exception still on its way out (Ctrl-C, SIGTERM, a strict
    # abort, which is a SystemExit) means the build did not succeed, even where on_build_error never ran.
    succeeded = _run.built and sys.exc_info()[0] is None
    if not succeeded and _build is not None:
        _build.finder.stop()
    if _run.publisher is not None:
        _run.publisher.finish(succeeded)
        _run.publisher = None
    if _run.signals is not None:
        _run.signals.__exit__(None, None, None)
        _run.signals = None


def on_files(files: Files, config) -> Files:
    if _problems is not None:
        return _problem_files(files, config)
    _refuse_unchecked_files(files, config)
    for page in _build.pages.values():
        _add_generated(files, config, page.src, page.markdown)
    _build.files, _build.urls = files, {}
    meta = meta_script(_build.finder.index, _build.compendium, _build.indexes, _url_of)
    _add_generated(files, config, f"{FINDER_DATA}/meta.js", meta)
    records = export_records(_build.compendium, _url_of)
    _add_generated(files, config, paths.CASES_JSON, records_json(records))
    _add_generated(files, config, paths.CASES_CSV, records_csv(records))
    name = edition_slug(config.site_name)
    _add_generated(files, config, paths.DATAPACKAGE, datapackage(name, config.site_name, config.site_description or ""))
    feed = atom_feed(_build.compendium, _url_of, site_name=config.site_name, site_url=config.site_url)
    _add_generated(files, config, paths.FEED, feed)
    # The print and Word editions, as made by `make pdf` and `make docx` (see compendium.editions.downloads).
    for download in _build.downloads.files:
        files.append(File.generated(config, download.src, abs_src_path=str(download.source)))
    # lunr.js comes from the installed engine (the version lunr.py writes for), not from a copy of ours; read
    # from the module's file, which is ProperDocs' own where ProperDocs stands in for MkDocs.
    lunr_js = Path(mkdocs_search.__file__).parent.joinpath("templates", "search", "lunr.js").read_text("utf-8")
    _add_generated(files, config, "assets/finder/lunr.js", lunr_js)
    if config["nav"] is None:
        # No nav in mkdocs.yml: build the small one.
        config["nav"] = site_navigation(_build.compendium)
    return files


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


def _add_generated(files: Files, config, src: str, content: str) -> None:
    if files.get_file_from_path(src) is not None:
        raise PluginError(
            str(t("{file}: this file is generated by the build; remove or rename the file of that name", file=src))
        )
    files.append(File.generated(config, src, content=content))


def _url_of(src: str) -> str:
    # Remembered: views ask for the same URLs thousands of times per build, and MkDocs' lookup is slow.
    url = _build.urls.get(src)
    if url is None:
        file = _build.files.get_file_from_path(src)
        if file is None:
            return ""
        url = _build.urls[src] = file.url
    return url


def on_page_markdown(markdown: str, page, config, files):
    if _build is None:
        return markdown
    compendium = _build.compendium
    src = page.file.src_uri
    if src in _build.pages:
        return markdown
    # One reading of each file: the page gets the front matter and body the content check accepted,
    # not MkDocs' own reading of the file, which differs on edge cases (a ' ---' line, no front matter).
    document = _build.documents.get(src)
    if document is None:
        raise PluginError(f"{src}: the content check did not read this page")
    page.meta = dict(document.meta)
    if case := compendium.case_by_path(src):
        page.meta["template"] = "compendium/case.html"
        page.meta.setdefault("description", case.description)  # previews and search engines
    elif notice := compendium.notice_by_path(src):
        page.meta["template"] = "compendium/notice.html"
        page.meta.setdefault("description", sharing.notice_description(notice))
    elif compendium.reference_by_path(src):
        page.meta["template"] = "compendium/reference.html"
    return document.body


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
    page.meta = _inert(page.meta)
    # Runs for every page before any is laid out, so the nav shows escaped titles too.  A title
    # taken from the rendered first heading is already HTML; one from front matter or the nav is text.
    rendered = getattr(page, "_title_from_render", None)
    if rendered and "title" not in page.meta and "title" not in vars(page):
        page.title = Markup(rendered)
    else:
        page.title = Markup.escape(page.title or "")
    generated = _build.pages.get(page.file.src_uri) if _build else None
    if generated is not None and generated.kind == "collection":
        page.toc = _contents_toc(generated.key, bool(html.strip()))
    return html


def _contents_toc(collection_id: str, has_preface: bool) -> TableOfContents:
    """A collection page's side 目录 lists its cases, as a printed 汇编's does (not the notice's headings)."""
    cases = [
        AnchorLink(Markup.escape(f"{case.number_label} {case.title}"), contents_anchor(case.number), 2)
        for case in _build.compendium.cases_in(collection_id)
    ]
    return TableOfContents([AnchorLink("前言", "cc-preface", 2)] * has_preface + cases)


def on_env(env, config, files):
    # The data files' names, for every page's templates (the feed link in main.html, the home page's downloads).
    env.globals["public_files"] = paths.PUBLIC_FILES
    return env


def on_nav(nav, config, files):
    # Section titles come from data files (collections.yml …): escape them like page titles.
    def escape_sections(items):
        for item in items:
            if isinstance(item, Section):
                item.title = Markup.escape(item.title)
                escape_sections(item.children)

    escape_sections(nav.items)
    return nav


def _with_urls(value):
    """Add `url` (site-root relative, for the `url` filter) beside every `src` in view data."""
    if isinstance(value, dict):
        out = {k: _with_urls(v) for k, v in value.items()}
        if "src" in value:
            out["url"] = _url_of(value["src"]) if value["src"] else ""
        return out
    if isinstance(value, list):
        return [_with_urls(v) for v in value]
    return value


def on_page_context(context, page, config, nav):
    if _build is None:
        context["compendium_problems"] = _problems
        return context
    compendium, indexes = _build.compendium, _build.indexes
    src = page.file.src_uri
    generated = _build.pages.get(src)
    view = None
    if case := compendium.case_by_path(src):
        view = case_view(case, compendium, indexes)
        # Case pages are not in the nav: one rendering of it serves every case page at the same depth.
        context["nav_cache"] = {"store": _build.nav_store, "key": page.url.count("/")}
        context["compendium_share"] = _case_sharing(case, page, config)
    elif notice := compendium.notice_by_path(src):
        view = notice_view(notice, compendium, indexes)
    elif reference := compendium.reference_by_path(src):
        view = reference_view(reference, compendium)
    elif generated is not None:
        view = page_view(generated, compendium, indexes)
    if view is not None:
        context["compendium"] = _with_urls(view)
    context["compendium_downloads"] = _with_urls(
        offered(
            _build.downloads,
            compendium,
            home=src == HOME_SRC,
            collection=generated.key if generated is not None and generated.kind == "collection" else None,
            case=case.path if case else "",
        )
    )
    if src == HOME_SRC:
        context["compendium_json_ld"] = _dataset_json_ld(config)
    context["finder_url"] = _url_of(FINDER_SRC)
    context["finder_shards"] = _build.finder.shards
    return context


def _absolute(config, src: str) -> str | None:
    return urljoin(config.site_url, _url_of(src)) if config.site_url else None


def _case_sharing(case, page, config) -> dict:
    """The case page's citation, JSON-LD and QR code: absolute addresses only where the site's is known."""
    url = page.canonical_url or None
    collection_url = _absolute(config, collection_src(case.collection.id))
    data = sharing.case_json_ld(case, _build.compendium, url=url, collection_url=collection_url)
    return {
        "citation": sharing.citation(case, _build.compendium, url=url, accessed=dt.date.today()),
        "json_ld": sharing.script_json(data),
        "qr": sharing.qr_svg(url, f"{case.title}：本页地址的二维码") if url else "",
    }


def _dataset_json_ld(config) -> str:
    files = {"text/csv": paths.CASES_CSV, "application/json": paths.CASES_JSON, "application/atom+xml": paths.FEED}
    files = {kind: _absolute(config, name) or name for kind, name in files.items()}
    data = sharing.dataset_json_ld(config.site_name, config.site_description or "", url=config.site_url, files=files)
    return sharing.script_json(data)


def on_template_context(context, template_name, config):
    if _build is None:
        context["compendium_problems"] = _problems  # any address shows the problems while they last
        return context
    # Pages without a Markdown source (404.html) get the header's search box too.
    context["finder_url"] = _url_of(FINDER_SRC)
    return context
