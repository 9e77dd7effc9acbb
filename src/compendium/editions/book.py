"""The print edition: one HTML document per PDF, laid out with CSS Paged Media.

A document holds a cover, the notice as preface, numbered contents whose page
numbers come from `target-counter()`, every case starting on a new page,
running heads with the collection's title, and indexes by region and by theme
that give page numbers.  The engine that paginates it (WeasyPrint, in
cli/make_pdf.py) only turns this HTML and data/print.css into a PDF, so the
print edition does not depend on the site's engine at all.

Everything from front matter is escaped; bodies go through the same
safe Markdown as the site.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from compendium.content.safe_markdown import SafeMarkdownExtension
from compendium.editions.templates import render_template
from compendium.model.compendium import Case, CaseRecord, Compendium, Notice
from compendium.model.ordering import collections_newest_first
from compendium.model.taxonomy import Collection
from compendium.site.indexes import Indexes
from compendium.site.indexes.issuers import issuer_entries
from compendium.text.numerals import chinese_date

__all__ = [
    "Book",
    "PrintDocument",
    "collection_book",
    "compendium_book",
    "collection_document",
    "compendium_document",
    "print_css",
    "printable_file",
]


@dataclass
class PrintDocument:
    name: str
    """File name without .pdf: the collection id, or the compendium's slug."""
    title: str
    html: str
    cases: list[Case]
    """Every case in the document, in the order they are printed."""


def printable_file(url: str, roots: list[Path]) -> Path | None:
    """The local file a URL in a print document may load, or None.

    Only regular files inside `roots` (the content folder, the package's own data) are printed:
    no request to any host (a body's ![p](http://127.0.0.1:…) would be one from the build machine),
    nothing from elsewhere on the disk (![l](../../../../tmp/secret.png)), no link followed out.
    """
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(os.path.realpath(unquote(parts.path)))
    for root in roots:
        if path.is_relative_to(os.path.realpath(root)) and path.is_file():
            return path
    return None


def print_css() -> str:
    return resources.files("compendium").joinpath("data/print.css").read_text("utf-8")


def _anchor(case: Case) -> str:
    return "case-" + case.path.removeprefix("cases/").removesuffix(".md").replace("/", "--")


@dataclass
class Preface:
    """A notice as a book's preface: 文号, title, 主送, text, signature."""

    title: str
    doc_number: str
    recipients: str
    body_html: str
    issuers: tuple[str, ...]
    date_label: str


@dataclass
class BookCase:
    anchor: str
    """The case's id in the book: links, contents and indexes point at it."""
    record: CaseRecord
    body_html: str
    """The case's text as HTML (safe Markdown); empty where the collection published a list only."""


@dataclass
class BookPart:
    """A collection's cases, under its heading (or a hidden one, which still sets the running head)."""

    collection: Collection
    heading: bool
    preface: Preface | None
    cases: list[BookCase]


@dataclass
class IndexEntry:
    anchor: str
    number_label: str
    unit: str
    collection_title: str = ""
    """Shown where the book holds several collections."""


@dataclass
class IndexGroup:
    heading: str
    level: int
    """0 for a top heading, 1 for one below it."""
    entries: list[IndexEntry] = field(default_factory=list)


@dataclass
class BookIndex:
    id: str
    title: str
    groups: list[IndexGroup]


@dataclass
class Book:
    """A print book as data: what the templates in compendium/templates/print/ lay out (and a Word edition can)."""

    name: str
    """File name without .pdf: the collection id, or the compendium's slug."""
    title: str
    authors: list[str]
    cover_kicker: str
    cover_lines: list[str]
    front_preface: Preface | None
    """The notice of a single collection, printed before the contents."""
    contents: list[tuple[Collection, list[BookCase]]]
    show_collections: bool
    parts: list[BookPart]
    indexes: list[BookIndex]

    @property
    def cases(self) -> list[Case]:
        return [case for part in self.parts for case in part.cases]


class _BodyRenderer:
    """Markdown to HTML for one book; links to cases in it become links within the PDF."""

    def __init__(self, cases: list[Case]):
        self.anchors = {case.path: _anchor(case) for case in cases}
        # The site's Markdown: MkDocs' default extensions (tables, fenced code) and the safe one.
        self.md = markdown.Markdown(extensions=["tables", "fenced_code", SafeMarkdownExtension()])

    def render(self, text: str, source: str) -> str:
        self.md.reset()
        out = self.md.convert(text)
        out = re.sub(r'href="([^"#]*\.md)(#[^"]*)?"', lambda m: self._link(m, source), out)
        # A picture beside the case (![说明](photo.png)) is found from the content folder, the book's base.
        return re.sub(r'(<img\b[^>]*?\bsrc=")([^":#/][^":]*)(")', lambda m: self._image(m, source), out)

    def _image(self, match: re.Match, source: str) -> str:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), html.unescape(match.group(2))))
        return match.group(1) + html.escape(path) + match.group(3)

    def _link(self, match: re.Match, source: str) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), html.unescape(match.group(1))))
        anchor = self.anchors.get(target)
        return f'href="#{anchor}"' if anchor else 'data-outside="true"'


def _preface(notice: Notice, renderer: _BodyRenderer) -> Preface:
    return Preface(
        title=notice.title,
        doc_number=notice.doc_number,
        recipients=notice.recipients,
        body_html=renderer.render(notice.preface, notice.path),
        issuers=notice.issuers,
        date_label=chinese_date(notice.date) if notice.date else "",
    )


def _book_case(case: Case, renderer: _BodyRenderer) -> BookCase:
    body = renderer.render(case.body, case.path) if case.body.strip() else ""
    return BookCase(_anchor(case), case.record, body)


def _entry(case: Case, show_collection: bool) -> IndexEntry:
    return IndexEntry(_anchor(case), case.number_label, case.unit, case.collection.title if show_collection else "")


def _indexes(compendium: Compendium, show_collection: bool) -> list[BookIndex]:
    """The back matter: indexes by region, by theme and by issuing body, each entry pointing at its case."""
    ix = Indexes(compendium)
    regions = [
        IndexGroup(p.region.name, 0, [_entry(c, show_collection) for g in p.cities for c in g.cases])
        for p in ix.provinces
        if p.total
    ]
    themes: list[IndexGroup] = []

    def theme_groups(node, depth: int) -> None:
        if not node.total:
            return
        themes.append(IndexGroup(node.theme.name, min(depth, 1), [_entry(c, show_collection) for c in node.cases]))
        for child in node.children:
            theme_groups(child, depth + 1)

    for root in ix.theme_tree:
        theme_groups(root, 0)
    issuers: list[IndexGroup] = []
    for issuer in issuer_entries(ix):
        groups = [(collection, cases) for collection, cases in issuer.collections if cases]
        if not groups:
            continue
        issuers.append(IndexGroup(issuer.name, 0))
        for collection, cases in groups:
            if show_collection:
                issuers.append(IndexGroup(collection.title, 1))
            issuers[-1].entries += [_entry(c, False) for c in cases]
    return [
        BookIndex("index-region", "地区索引", regions),
        BookIndex("index-theme", "主题索引", themes),
        BookIndex("index-issuer", "发文机关索引", issuers),
    ]


def collection_book(compendium: Compendium, collection: Collection) -> Book:
    """One collection: cover, its notice as preface, contents, cases, indexes."""
    cases = compendium.cases_in(collection.id)
    notice = compendium.notice_for(collection)
    renderer = _BodyRenderer(cases)
    book_cases = [_book_case(case, renderer) for case in cases]
    sub = Compendium(taxonomy=compendium.taxonomy, cases=cases, notices=[notice] if notice else [])
    issuers = notice.issuers if notice else collection.issuers
    return Book(
        name=collection.id,
        title=collection.title,
        authors=list(issuers),
        cover_kicker="案例汇编",
        cover_lines=[
            "　".join(issuers),
            notice.doc_number if notice else "",
            chinese_date(notice.date) if notice and notice.date else f"{collection.year}年",
        ],
        front_preface=_preface(notice, renderer) if notice else None,
        contents=[(collection, book_cases)],
        show_collections=False,
        parts=[BookPart(collection, heading=False, preface=None, cases=book_cases)],
        indexes=_indexes(sub, show_collection=False),
    )


def compendium_book(compendium: Compendium, title: str, name: str) -> Book:
    """Every collection, newest first: one cover, one contents, each collection with its preface, indexes."""
    collections = sorted(compendium.taxonomy.collections.values(), key=collections_newest_first)
    groups = [(c, compendium.cases_in(c.id)) for c in collections if compendium.cases_in(c.id)]
    renderer = _BodyRenderer([case for _, group in groups for case in group])
    parts = []
    for collection, cases in groups:
        notice = compendium.notice_for(collection)
        parts.append(
            BookPart(
                collection,
                heading=True,
                preface=_preface(notice, renderer) if notice else None,
                cases=[_book_case(case, renderer) for case in cases],
            )
        )
    issuers = list(dict.fromkeys(i for c, _ in groups for i in c.issuers))
    years = sorted({c.year for c, _ in groups})
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年" if years else ""
    total = sum(len(part.cases) for part in parts)
    return Book(
        name=name,
        title=title,
        authors=issuers,
        cover_kicker=f"{total} 个案例 · {len(groups)} 个批次",
        cover_lines=[*issuers, span],
        front_preface=None,
        contents=[(part.collection, part.cases) for part in parts],
        show_collections=True,
        parts=parts,
        indexes=_indexes(compendium, show_collection=True),
    )


def collection_document(compendium: Compendium, collection: Collection) -> PrintDocument:
    return _document(collection_book(compendium, collection))


def compendium_document(compendium: Compendium, title: str, name: str) -> PrintDocument:
    return _document(compendium_book(compendium, title, name))


def _document(book: Book) -> PrintDocument:
    html_text = render_template("print/book.html", book=book, css=print_css())
    return PrintDocument(book.name, book.title, html_text, book.cases)
