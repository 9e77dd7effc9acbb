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
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from compendium.content.safe_markdown import SafeMarkdownExtension
from compendium.model.compendium import Case, Compendium, Notice
from compendium.model.ordering import collections_newest_first
from compendium.model.taxonomy import Collection
from compendium.site.indexes import Indexes
from compendium.site.indexes.issuers import issuer_entries
from compendium.text.numerals import chinese_date

__all__ = ["PrintDocument", "collection_document", "compendium_document", "print_css", "printable_file"]

e = html.escape


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


class _Renderer:
    """Markdown to HTML for one document; links to cases in it become links within the PDF."""

    def __init__(self, cases: list[Case]):
        self.anchors = {case.path: _anchor(case) for case in cases}
        self.md = markdown.Markdown(extensions=[SafeMarkdownExtension()])

    def render(self, text: str, source: str) -> str:
        self.md.reset()
        out = self.md.convert(text)
        return re.sub(r'href="([^"#]*\.md)(#[^"]*)?"', lambda m: self._link(m, source), out)

    def _link(self, match: re.Match, source: str) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), html.unescape(match.group(1))))
        anchor = self.anchors.get(target)
        return f'href="#{anchor}"' if anchor else 'data-outside="true"'


def _cover(title: str, subtitle: str, lines: list[str]) -> str:
    extra = "".join(f"<p>{e(line)}</p>" for line in lines if line)
    return (
        f'<section class="cover"><p class="cover__kicker">{e(subtitle)}</p>'
        f'<h1 class="cover__title">{e(title)}</h1><div class="cover__meta">{extra}</div></section>'
    )


def _notice_lines(notice: Notice | None, collection: Collection) -> list[str]:
    issuers = "　".join(notice.issuers if notice else collection.issuers)
    date = chinese_date(notice.date) if notice and notice.date else f"{collection.year}年"
    return [issuers, notice.doc_number if notice else "", date]


def _preface(notice: Notice, renderer: _Renderer) -> str:
    number = f'<p class="preface__number">{e(notice.doc_number)}</p>' if notice.doc_number else ""
    recipients = f'<p class="preface__recipients">{e(notice.recipients)}</p>' if notice.recipients else ""
    signature = "".join(f"<p>{e(i)}</p>" for i in notice.issuers)
    if notice.date:
        signature += f"<p>{chinese_date(notice.date)}</p>"
    return (
        f'<section class="preface"><h2 class="part-title">{e(notice.title)}</h2>{number}{recipients}'
        f"{renderer.render(notice.preface, notice.path)}"
        f'<div class="preface__signature">{signature}</div></section>'
    )


def _contents(groups: list[tuple[Collection, list[Case]]], show_collections: bool) -> str:
    parts = ['<section class="contents"><h2 class="part-title">目　录</h2>']
    for collection, cases in groups:
        if show_collections:
            parts.append(
                f'<h3 class="contents__collection"><a href="#collection-{e(collection.id)}">'
                f"{e(collection.title)}</a></h3>"
            )
        parts.append('<ol class="contents__list">')
        for case in cases:
            parts.append(
                f'<li><a href="#{_anchor(case)}"><span class="contents__number">{e(case.number_label)}</span>'
                f'<span class="contents__title">{e(case.title)}</span>'
                f'<span class="contents__unit">{e(case.unit)}</span></a></li>'
            )
        parts.append("</ol>")
    parts.append(
        '<p class="contents__index"><a href="#index-region">地区索引</a></p>'
        '<p class="contents__index"><a href="#index-theme">主题索引</a></p>'
        '<p class="contents__index"><a href="#index-issuer">发文机关索引</a></p></section>'
    )
    return "".join(parts)


def _case(case: Case, renderer: _Renderer) -> str:
    card = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in case.record.card())
    summary = f'<p class="case__summary">{e(case.summary)}</p>' if case.summary else ""
    if case.body.strip():
        body = f'<div class="case__body">{renderer.render(case.body, case.path)}</div>'
    else:
        body = '<p class="case__note">本批次只公布了案例名单，案例全文未随通知发布。</p>'
    return (
        f'<article class="case" id="{_anchor(case)}"><h2 class="case__title">'
        f'<span class="case__number">{e(case.number_label)}</span>{e(case.title)}</h2>'
        f'<dl class="case__meta">{card}</dl>{summary}{body}</article>'
    )


def _entry(case: Case, show_collection: bool) -> str:
    where = f'<span class="index__collection">{e(case.collection.title)}</span>' if show_collection else ""
    return (
        f'<li><a href="#{_anchor(case)}"><span class="index__number">{e(case.number_label)}</span>'
        f'<span class="index__unit">{e(case.unit)}</span>{where}</a></li>'
    )


def _indexes(compendium: Compendium, show_collection: bool) -> str:
    ix = Indexes(compendium)
    parts = ['<section class="index" id="index-region"><h2 class="part-title">地区索引</h2>']
    for province in ix.provinces:
        if not province.total:
            continue
        parts.append(f'<h3 class="index__heading">{e(province.region.name)}</h3><ul class="index__list">')
        for group in province.cities:
            for case in group.cases:
                parts.append(_entry(case, show_collection))
        parts.append("</ul>")
    parts.append('</section><section class="index" id="index-theme"><h2 class="part-title">主题索引</h2>')

    def theme_block(node, depth: int) -> None:
        if not node.total:
            return
        parts.append(
            f'<h{3 + min(depth, 1)} class="index__heading index__heading--{depth}">'
            f"{e(node.theme.name)}</h{3 + min(depth, 1)}>"
        )
        if node.cases:
            parts.append('<ul class="index__list">' + "".join(_entry(c, show_collection) for c in node.cases) + "</ul>")
        for child in node.children:
            theme_block(child, depth + 1)

    for root in ix.theme_tree:
        theme_block(root, 0)
    parts.append('</section><section class="index" id="index-issuer"><h2 class="part-title">发文机关索引</h2>')
    for issuer in issuer_entries(ix):
        groups = [(collection, cases) for collection, cases in issuer.collections if cases]
        if not groups:
            continue
        parts.append(f'<h3 class="index__heading">{e(issuer.name)}</h3>')
        for collection, cases in groups:
            if show_collection:
                parts.append(f'<h4 class="index__heading index__heading--1">{e(collection.title)}</h4>')
            parts.append('<ul class="index__list">' + "".join(_entry(c, False) for c in cases) + "</ul>")
    parts.append("</section>")
    return "".join(parts)


def _document(title: str, authors: list[str], body: str) -> str:
    # WeasyPrint takes the PDF's metadata (title, author, language) from these.
    return (
        f'<!doctype html><html lang="zh-Hans"><head><meta charset="utf-8"><title>{e(title)}</title>'
        f'<meta name="author" content="{e("、".join(authors))}"><meta name="generator" content="compendium">'
        f"<style>{print_css()}</style></head><body>{body}</body></html>"
    )


def _collection_part(
    collection: Collection, cases: list[Case], notice: Notice | None, renderer: _Renderer, with_heading: bool
) -> str:
    heading = (
        f'<h1 class="collection-title" id="collection-{e(collection.id)}">{e(collection.title)}</h1>'
        if with_heading
        else f'<h1 class="collection-title collection-title--hidden">{e(collection.title)}</h1>'
    )
    preface = _preface(notice, renderer) if notice and with_heading else ""
    return f'<div class="collection">{heading}{preface}' + "".join(_case(case, renderer) for case in cases) + "</div>"


def collection_document(compendium: Compendium, collection: Collection) -> PrintDocument:
    """One collection: cover, its notice as preface, contents, cases, indexes."""
    cases = compendium.cases_in(collection.id)
    notice = compendium.notice_for(collection)
    renderer = _Renderer(cases)
    sub = Compendium(taxonomy=compendium.taxonomy, cases=cases, notices=[notice] if notice else [])
    body = (
        _cover(collection.title, "案例汇编", _notice_lines(notice, collection))
        + '<div class="front">'
        + (_preface(notice, renderer) if notice else "")
        + _contents([(collection, cases)], show_collections=False)
        + "</div>"
        + _collection_part(collection, cases, notice, renderer, with_heading=False)
        + _indexes(sub, show_collection=False)
    )
    authors = list(notice.issuers if notice else collection.issuers)
    return PrintDocument(collection.id, collection.title, _document(collection.title, authors, body), cases)


def compendium_document(compendium: Compendium, title: str, name: str) -> PrintDocument:
    """Every collection, newest first: one cover, one contents, each collection with its preface, indexes."""
    collections = sorted(compendium.taxonomy.collections.values(), key=collections_newest_first)
    groups = [(c, compendium.cases_in(c.id)) for c in collections if compendium.cases_in(c.id)]
    cases = [case for _, group in groups for case in group]
    renderer = _Renderer(cases)
    issuers = list(dict.fromkeys(i for c, _ in groups for i in c.issuers))
    years = sorted({c.year for c, _ in groups})
    span = f"{years[0]}—{years[-1]}年" if len(years) > 1 else f"{years[0]}年" if years else ""
    body = (
        _cover(title, f"{len(cases)} 个案例 · {len(groups)} 个批次", [*issuers, span])
        + '<div class="front">'
        + _contents(groups, show_collections=True)
        + "</div>"
        + "".join(
            _collection_part(c, group, compendium.notice_for(c), renderer, with_heading=True) for c, group in groups
        )
        + _indexes(compendium, show_collection=True)
    )
    return PrintDocument(name, title, _document(title, issuers, body), cases)
