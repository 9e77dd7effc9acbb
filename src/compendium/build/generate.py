"""The generate step: everything the site engine renders, made from the content before it renders anything.

`generate` turns a checked content folder into pages and files: each page's
front matter (the template that lays it out, its title and description, and
`compendium`, the page's data for that template, with every link as a URL)
and Markdown body, for the content's own pages and the pages the compendium
adds (home, indexes, finder); the data files (finder/data/meta.js, cases.json,
cases.csv, datapackage.json, feed.xml, lunr.js, the editions offered); the
navigation.  Templates read only `page.meta` and `config.extra.compendium`,
which every engine gives them.  A page's data is made when it is asked for
(`Page.view`), as the engine lays the page out: no build holds every page's.

Two ways to hand this to an engine (README, "Architecture"):

* the MkDocs/ProperDocs hook adds the pages and files to the build's files
  and sets each page's meta from them (hooks/compendium_hooks.py);
* `write_docs` writes them as a folder of Markdown files and data, which any
  engine that reads a docs folder renders with no hook (Zensical).

URLs follow MkDocs' rules (`site.paths.page_url`), so that both ways give the
same links.  Nothing here knows an engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property, partial
from pathlib import Path
from urllib.parse import urljoin

import yaml

from compendium.build.cms import ADMIN_DIR, CMS_FILES, CmsSettings, cms_config, cms_settings, decap_dist
from compendium.content.frontmatter import Document
from compendium.content.loader import LoadResult
from compendium.content.validation import ENGINE_FIELDS
from compendium.editions.downloads import EDITIONS_ENV, Downloads, find_downloads, offered
from compendium.editions.edition import edition_slug
from compendium.editions.feed import atom_feed
from compendium.editions.records import datapackage, export_records, records_csv, records_json
from compendium.editions.templates import render_template
from compendium.finder.data import FinderIndex, finder_files, index_cases
from compendium.model.compendium import Case, Compendium, StoredText, text_of
from compendium.model.fields import CASE_FIELDS
from compendium.site import paths, sharing
from compendium.site.indexes import Indexes
from compendium.site.pages import contents_anchor
from compendium.site.paths import FINDER_DATA, FINDER_SRC, collection_src, page_url
from compendium.site.views import (
    case_view,
    generated_pages,
    notice_view,
    page_view,
    reference_view,
    site_navigation,
)

__all__ = ["SiteSettings", "site_settings", "Page", "GeneratedSite", "generate", "write_docs", "front_matter_text"]

ENGINE_KEYS = ("title", *ENGINE_FIELDS)
"""The front matter keys of a case that are the engine's (its page title, `hide`, `description`)."""
TEMPLATES = {
    "case": "compendium/case.html",
    "notice": "compendium/notice.html",
    "reference": "compendium/reference.html",
}


@dataclass(frozen=True)
class SiteSettings:
    """What the generate step needs of the site's config, as plain values (the adapter or the build command reads
    them from mkdocs.yml)."""

    site_name: str
    site_description: str = ""
    site_url: str = ""
    directory_urls: bool = True
    editions: Path | None = None
    """The folder where `make pdf` and `make docx` wrote the editions the site offers."""
    lunr_js: Path | None = None
    """lunr.js as the engine ships it (the version lunr.py writes for)."""
    cms: CmsSettings | None = None
    """The web editor at /admin/ (build.cms), or none."""
    cms_dist: Path | None = None
    """decap-cms's dist/ folder, whose script /admin/ serves (node_deps.sh installs it)."""


def site_settings(
    *,
    site_name: str,
    site_description: str,
    site_url: str,
    directory_urls: bool,
    extra: dict,
    config_dir: Path,
    lunr_js: Path | None,
    local: bool,
    environ,
) -> SiteSettings:
    """The settings from the site config's values, as the hook and the build command read them: the editions from
    COMPENDIUM_EDITIONS, else dist/ beside the config; the web editor on the local repository (`local`: mkdocs serve,
    make edit), else on the host named in `extra.cms` or COMPENDIUM_CMS_REPO."""
    return SiteSettings(
        site_name=site_name,
        site_description=site_description,
        site_url=site_url,
        directory_urls=directory_urls,
        editions=Path(environ.get(EDITIONS_ENV) or config_dir / "dist"),
        lunr_js=lunr_js,
        cms=cms_settings(extra, local=local, site_url=site_url, environ=environ),
        cms_dist=decap_dist(config_dir, environ),
    )


@dataclass
class Page:
    """A page to render: its front matter and Markdown body, and the data its template reads, made when asked.

    `front` is the front matter without that data; `meta` is the whole, `compendium` included, made anew each
    time it is read: an engine asks for a page's data as it renders the page, and nothing keeps every page's at
    once (at 100,000 cases the views of every page were most of the build's memory)."""

    front: dict
    text: str | StoredText
    """The Markdown body, or where to read it (a content file's, left in the file once checked): `body`."""
    generated: bool
    """Added by the compendium (home, indexes, finder), not a file of the content folder."""
    kind: str = ""
    """case, notice, reference, or a generated page's kind (home, collection, theme …); '' for other pages."""
    view: Callable[[], dict] | None = None
    """Makes the page's data for its template (`compendium`, with every link as a URL); None for a plain page."""
    contents: Callable[[], list[dict]] | None = None
    """A collection page's side 目录, its cases (title, anchor), for the engine's table of contents: made without
    the page's whole data, which an engine that makes the table before laying out the page would make twice."""

    @property
    def body(self) -> str:
        return text_of(self.text)

    @property
    def meta(self) -> dict:
        return self.front if self.view is None else self._with(self.view())

    def _with(self, data: dict) -> dict:
        return {**self.front, "compendium": data}

    @cached_property
    def digest(self) -> str:
        """A fingerprint of what the page is rendered from (its body and data): an engine rendering again only what
        changed compares it with the one it last rendered."""
        return self._digest_of(self.meta)

    def _digest_of(self, meta: dict) -> str:
        data = json.dumps(meta, ensure_ascii=False, sort_keys=True, default=str)
        return hashlib.sha1(f"{self.body}\0{data}".encode()).hexdigest()

    def fingerprinted(self) -> dict | None:
        """Make the page's digest if it is not known yet, and give the data made for it (None where none was made):
        a page whose digest changed is rendered next, with that data, not made twice."""
        if "digest" in self.__dict__ or self.view is None:
            self.digest
            return None
        data = self.view()
        self.__dict__["digest"] = self._digest_of(self._with(data))
        return data

    def same_as(self, earlier: Page) -> None:
        """This page is made from the same inputs as `earlier` (of an earlier generate): its digest is taken, not
        made again from its data."""
        if "digest" in earlier.__dict__:
            self.__dict__["digest"] = earlier.__dict__["digest"]


@dataclass
class GeneratedSite:
    finder: FinderIndex
    """What the finder's shards are written from (finder.data.write_data): the slow part, left to the caller."""
    pages: dict[str, Page]
    """Source path → page, for every page the site has."""
    files: dict[str, str | Path] = field(default_factory=dict)
    """Source path → the text of a data file, or the file to copy (an edition)."""
    nav: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    """config.extra.compendium: what every template may need (the finder's URL, the public files' names)."""
    published: frozenset[str] = frozenset()
    """The content folder's files the check accepted (pages, pictures): nothing else of it is published."""


@dataclass
class _CasePages:
    """The case pages of the last generate, for the next (`make serve` generates again after every save; an edit
    changes a few case pages): a page's digest is made again, from its data, unless everything the page is made
    from is the same object as last time (the loader keeps the cases, notices and vocabularies of unchanged files)
    and the site around it is the same (settings, date, the pages there are, the editions offered, the page of its
    region's listing that has its city)."""

    made_from: tuple = ()
    around: tuple = ()
    pages: dict[str, tuple[tuple, Page]] = field(default_factory=dict)

    def start(self, made_from: tuple, around: tuple) -> None:
        """`made_from`: objects every case page may read (the same ones, or the pages are made again); `around`:
        values (equal ones)."""
        if not _same(made_from, self.made_from) or around != self.around:
            self.pages = {}
        self.made_from, self.around = made_from, around

    def get(self, src: str, inputs: tuple) -> Page | None:
        kept = self.pages.get(src)
        return kept[1] if kept and _same(kept[0], inputs) else None


def _same(these: tuple, those: tuple) -> bool:
    return len(these) == len(those) and all(a is b for a, b in zip(these, those))


_CASE_PAGES = _CasePages()


def generate(result: LoadResult, settings: SiteSettings, today: dt.date | None = None) -> GeneratedSite:
    """Every page, data file and the navigation of a checked content folder (content.loader.load_compendium)."""
    compendium = result.compendium
    indexes = Indexes(compendium)
    finder = index_cases(compendium)
    downloads = find_downloads(settings.editions, compendium, edition_slug(settings.site_name))
    added = generated_pages(compendium, indexes)
    sources = set(result.published) | {p.src for p in added}
    today = today or dt.date.today()
    _CASE_PAGES.start(
        (compendium.taxonomy, *compendium.notices),
        (settings, today, frozenset(sources), downloads.cases, indexes.city_parts),
    )

    def url_of(src: str) -> str:
        return page_url(src, settings.directory_urls) if src in sources or not src.endswith(".md") else ""

    made = _Making(compendium, indexes, finder, downloads, settings, url_of, today)
    site = GeneratedSite(finder, {}, published=result.published)
    for page in added:
        front = {"title": page.title, "template": page.template}
        contents = partial(made.contents, page) if page.kind == "collection" else None
        site.pages[page.src] = Page(front, page.body, True, page.kind, partial(made.generated_view, page), contents)
    kept: dict[str, tuple[tuple, Page]] = {}
    for src, document in result.documents.items():
        page = made.content_page(src, document)
        if case := compendium.case_by_path(src):
            inputs = (case, document, *compendium.neighbours(case), *indexes.related(case))
            if (earlier := _CASE_PAGES.get(src, inputs)) is not None:
                page.same_as(earlier)
            kept[src] = (inputs, page)
        site.pages[src] = page
    _CASE_PAGES.pages = kept

    records = export_records(compendium, url_of)
    site.files = {
        **{f"{FINDER_DATA}/{name}": text for name, text in finder_files(finder, compendium, indexes, url_of).items()},
        paths.CASES_JSON: records_json(records),
        paths.CASES_CSV: records_csv(records),
        paths.DATAPACKAGE: datapackage(edition_slug(settings.site_name), settings.site_name, settings.site_description),
        paths.FEED: atom_feed(compendium, url_of, site_name=settings.site_name, site_url=settings.site_url or None),
    }
    if settings.lunr_js is not None:
        site.files["assets/finder/lunr.js"] = settings.lunr_js.read_text("utf-8")
    # The print and Word editions, as made by `make pdf` and `make docx` (see compendium.editions.downloads).
    for download in downloads.files:
        site.files[download.src] = download.source
    if settings.cms is not None:
        site.files |= admin_files(compendium, settings)
    site.nav = site_navigation(compendium)
    site.extra = {"finder_url": url_of(FINDER_SRC), "files": dict(paths.PUBLIC_FILES)}
    return site


_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_YAML_TEXTS: dict[str, str] = {}


def _yaml_text(data: dict) -> str:
    """Decap's config as YAML, written again only when it changed (`make serve` rebuilds after every save; the region
    table's 3,280 names take PyYAML a second, libyaml's dumper where PyYAML has it included)."""
    key = json.dumps(data, ensure_ascii=False)
    if key not in _YAML_TEXTS:
        _YAML_TEXTS.clear()
        _YAML_TEXTS[key] = yaml.dump(data, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    return _YAML_TEXTS[key]


def admin_files(compendium: Compendium, settings: SiteSettings) -> dict[str, str | Path]:
    """/admin/: the editor's page, its configuration from the content model, its preview, and Decap's script."""
    config = cms_config(compendium.taxonomy, settings.cms)
    card = [[f.name, f.label] for f in CASE_FIELDS if f.card]
    titles = {c.id: c.title for c in compendium.taxonomy.collections.values()}
    collections = [c["name"] for c in config["collections"] if c["name"].startswith("cases-")]
    files: dict[str, str | Path] = {
        f"{ADMIN_DIR}/index.html": render_template("admin/index.html", site_name=settings.site_name),
        f"{ADMIN_DIR}/config.yml": _yaml_text(config),
        f"{ADMIN_DIR}/preview.js": render_template(
            "admin/preview.js", card=card, titles=titles, collections=collections
        ),
    }
    if settings.cms_dist is not None:
        for path in sorted(settings.cms_dist.iterdir()):
            if path.name.endswith((".decap-cms.js", ".wasm")) or path.name in CMS_FILES:
                files[f"{ADMIN_DIR}/{path.name}"] = path
    return files


@dataclass(frozen=True)
class _Making:
    """What one generate makes its pages' data from: a page's view is made from it when the engine asks."""

    compendium: Compendium
    indexes: Indexes
    finder: FinderIndex
    downloads: Downloads
    settings: SiteSettings
    url_of: Callable[[str], str]
    today: dt.date

    def generated_view(self, page) -> dict:
        """The data of a page the compendium adds (home, an index's page, the finder)."""
        compendium, finder = self.compendium, self.finder
        view = page_view(page, compendium, self.indexes)
        if page.kind == "home":
            view["json_ld"] = _dataset_json_ld(self.settings, self.url_of)
        if page.kind == "finder":
            view["shards"] = {"text_shards": finder.text_shards, "pinyin_letters": " ".join(finder.pinyin_letters)}
        if page.kind == "collection":
            view["contents"] = self.contents(page)
        view["downloads"] = offered(
            self.downloads,
            compendium,
            home=page.kind == "home",
            collection=page.key if page.kind == "collection" else None,
        )
        return with_urls(view, self.url_of)

    def contents(self, page) -> list[dict]:
        """A collection page's side 目录: its cases, as a printed 汇编's (not the notice's headings)."""
        return _contents(self.compendium, page.key, bool(page.body.strip()))

    def content_page(self, src: str, document: Document) -> Page:
        """A page of the content folder: the front matter the check accepted, with its template and data."""
        compendium = self.compendium
        front = dict(document.meta)
        if case := compendium.case_by_path(src):
            # The engine's keys only: the case's fields are in its data, and the engine keeps every page's front
            # matter to the end of the build (a sixth of a case's memory).
            front = {key: value for key, value in front.items() if key in ENGINE_KEYS}
            front.setdefault("description", case.description)  # previews and search engines
            return self._with_view(src, front, document.text, "case", partial(self._case_view, case))
        if notice := compendium.notice_by_path(src):
            view = notice_view(notice, compendium, self.indexes)
            front.setdefault("description", sharing.notice_description(notice))
            # as issued: text, then 落款, date and 附注 (the template), then the 附件 (from data, when it is the list)
            body = notice.text if view["annex"] else notice.text + "\n" + notice.annex
            return self._with_view(src, front, body, "notice", lambda: view)
        if reference := compendium.reference_by_path(src):
            return self._with_view(
                src, front, document.text, "reference", partial(reference_view, reference, compendium)
            )
        return Page(front, document.text, False)

    def _case_view(self, case: Case) -> dict:
        view = case_view(case, self.compendium, self.indexes)
        view["share"] = _case_sharing(case, self.compendium, self.settings, self.url_of, self.today)
        return view

    def _with_view(self, src: str, front: dict, body: str | StoredText, kind: str, make: Callable[[], dict]) -> Page:
        front["template"] = TEMPLATES[kind]

        def view() -> dict:
            data = make() | {"downloads": offered(self.downloads, self.compendium, case=src if kind == "case" else "")}
            return with_urls(data, self.url_of)

        return Page(front, body, False, kind, view)


def with_urls(value, url_of):
    """Add `url` (site-root relative, for the templates' `url` filter) beside every `src` in view data."""
    if isinstance(value, dict):
        out = {k: with_urls(v, url_of) for k, v in value.items()}
        if "src" in value:
            out["url"] = url_of(value["src"]) if value["src"] else ""
        return out
    if isinstance(value, (list, tuple)):
        return [with_urls(v, url_of) for v in value]
    return value


def _absolute(settings: SiteSettings, url: str) -> str | None:
    return urljoin(settings.site_url, url) if settings.site_url else None


def _case_sharing(case: Case, compendium: Compendium, settings: SiteSettings, url_of, today: dt.date) -> dict:
    """The case page's citation, JSON-LD and QR code: absolute addresses only where the site's is known."""
    url = _absolute(settings, url_of(case.path))
    collection_url = _absolute(settings, url_of(collection_src(case.collection.id)))
    data = sharing.case_json_ld(case, compendium, url=url, collection_url=collection_url)
    citation = sharing.citation(case, compendium, url=url, accessed=today)
    return {
        "citation": citation,
        # its dates kept whole where it wraps (a phone broke 2021-02-23 at its hyphens)
        "citation_parts": sharing.citation_parts(citation),
        "json_ld": sharing.script_json(data),
        "qr": sharing.qr_svg(url, f"{case.title}：本页地址的二维码") if url else "",
    }


def _dataset_json_ld(settings: SiteSettings, url_of) -> str:
    files = {"text/csv": paths.CASES_CSV, "application/json": paths.CASES_JSON, "application/atom+xml": paths.FEED}
    files = {kind: _absolute(settings, url_of(name)) or name for kind, name in files.items()}
    data = sharing.dataset_json_ld(
        settings.site_name, settings.site_description, url=settings.site_url or None, files=files
    )
    return sharing.script_json(data)


def _contents(compendium: Compendium, collection_id: str, has_preface: bool) -> list[dict]:
    """A collection page's side 目录: its cases, as a printed 汇编's does (not the notice's headings)."""
    entries = [{"title": "前言", "anchor": "cc-preface"}] if has_preface else []
    return entries + [
        {"title": f"{case.number_label} {case.title}", "anchor": contents_anchor(case.number)}
        for case in compendium.cases_in(collection_id)
    ]


def front_matter_text(meta: dict) -> str:
    """Front matter that any engine reads back as the same data: JSON, which is YAML too (every text quoted)."""
    return "---\n" + json.dumps(meta, ensure_ascii=False, default=_plain) + "\n---\n\n"


def _plain(value):
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} in front matter")


def write_docs(site: GeneratedSite, content: Path, out: Path) -> None:
    """The site as a docs folder any engine renders with no hook: every page a Markdown file with its data in the
    front matter, every data file, and the content folder's other published files (pictures) copied."""
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    for src, page in site.pages.items():
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        # No `description`: Zensical's base template prints it unescaped (the MkDocs hook escapes it; here nothing
        # would), so a case's text could end the attribute and start a script.  Its pages say the site's own.
        meta = {key: value for key, value in page.meta.items() if key != "description"}
        target.write_text(front_matter_text(meta) + page.body, "utf-8")
    for src, data in site.files.items():
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, Path):
            shutil.copyfile(data, target)
        else:
            target.write_text(data, "utf-8")
    for src in sorted(site.published - set(site.pages)):
        target = out / src
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(content / src, target)
