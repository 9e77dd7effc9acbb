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
import math
import os
import posixpath
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

import markdown

from compendium.content.safe_markdown import SafeMarkdownExtension
from compendium.editions.downloads import case_pdf_name
from compendium.editions.edition import Edition
from compendium.editions.templates import render_template
from compendium.model.compendium import Case, CaseRecord, Compendium, Notice
from compendium.model.fields import CASE_FIELDS, PARAGRAPH
from compendium.model.ordering import collections_newest_first
from compendium.model.taxonomy import Collection, Taxonomy
from compendium.site.indexes import Indexes
from compendium.site.indexes.issuers import issuer_entries
from compendium.site.sharing import qr_svg
from compendium.text.numerals import chinese_date

__all__ = [
    "Book",
    "case_book",
    "Edition",
    "case_url",
    "title_lines",
    "PrintDocument",
    "collection_book",
    "compendium_book",
    "collection_document",
    "print_document",
    "print_css",
    "printable_file",
]


@dataclass
class PrintDocument:
    name: str
    """File name without .pdf: the collection id, or the compendium's slug."""
    title: str
    html: str
    cases: list[BookCase]
    """Every case in the document, in the order they are printed."""
    book: Book

    def tightened(self, anchors: set[str]) -> str:
        """The document again, the cases with these anchors set a little tighter (24 lines a page instead of 22),
        so that the few lines a case spilled onto a page of their own come back to its previous page."""
        for case in self.cases:
            case.tight = case.anchor in anchors
        return _html(self.book)


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
    """A notice as a preface: 标题, 文号, 主送, text, signature and date."""

    anchor: str
    title: str
    doc_number: str
    recipients: str
    body_html: str
    issuers: tuple[str, ...]
    date_label: str
    closing_html: str = ""
    """The text's last paragraph, kept on the page of the 落款 (GB/T 9704 7.3.5: a signature never stands alone)."""
    annotation: str = ""
    """The 附注 (（信息公开形式：主动公开）), printed after the date."""
    note: str = ""
    """Printed under it: where the list of cases that the notice's annex holds is found in this book."""
    title_lines: list[str] = field(default_factory=list)
    """The title as printed (2号小标宋, centred): balanced lines, none breaking a term."""


@dataclass
class BookCase:
    anchor: str
    """The case's id in the book: links, contents and indexes point at it."""
    record: CaseRecord
    body_html: str
    """The case's text as HTML (safe Markdown); empty where the collection published a list only."""
    title_lines: list[str] = field(default_factory=list)
    """The title as printed, in lines of even length (no line of one or two characters)."""
    qr_svg: str = ""
    """A QR code of the case's page on the hosted site, when the site's address is known."""
    tight: bool = False
    """Set a little tighter, to take back lines it would spill onto a page of their own (see make_pdf)."""

    @property
    def printed(self) -> list[str]:
        """The fields declared `print` (model.fields), a paragraph each under the title and unit: a paragraph
        field (the summary) as it is, any other after its label (资助：…)."""
        out = []
        for f in CASE_FIELDS:
            value = self.record.value(f.name) if f.print else None
            text = "、".join(map(str, value)) if isinstance(value, list) else "" if value is None else str(value)
            if text:
                out.append(text if f.kind == PARAGRAPH else f"{f.label}：{text}")
        return out


@dataclass
class RosterGroup:
    """Listed cases under the heading their notice put them under (its annex's groups)."""

    heading: str
    cases: list[BookCase]


@dataclass
class BookPart:
    """A collection: its title page (or a hidden heading, which still sets the running head), its notice, then
    its cases, each from a new page, or, for a collection published as a list, one 名单 table."""

    collection: Collection
    heading: bool
    preface: Preface | None
    cases: list[BookCase]
    groups: list[RosterGroup] = field(default_factory=list)
    """The 名单 of a collection published as a list (full_text: false); empty otherwise."""

    @property
    def texts(self) -> list[BookCase]:
        """The cases printed with their text, each from a new page: every case of a full-text collection; in a
        collection published as a list, those an editor gave a text (after the 名单, which lists them all)."""
        return [case for case in self.cases if case.body_html or not self.groups]

    @property
    def anchor(self) -> str:
        return f"collection-{self.collection.id}"

    @property
    def roster_anchor(self) -> str:
        return f"roster-{self.collection.id}"

    @property
    def roster_title(self) -> str:
        return self.collection.roster_title


@dataclass
class IndexEntry:
    anchor: str
    number_label: str
    title: str
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
    order: str = ""
    """How the index is ordered, printed under its title."""


@dataclass
class Book:
    """A print book as data: what the templates in compendium/templates/print/ lay out (and the Word edition)."""

    name: str
    """File name without .pdf: the collection id, or the compendium's slug."""
    title: str
    subtitle: str
    publisher: str
    """编印单位, from the site's configuration; the cover names no one when it is not set."""
    date_label: str
    """The edition's month on the cover: 2026年11月."""
    author: str
    """The PDF's Author: who compiled the book (the publisher, or no one when it is not set: the notices' issuers
    issued the notices, they did not compile this book); a case printed on its own, its unit."""
    show_collections: bool
    parts: list[BookPart]
    indexes: list[BookIndex]
    single: bool = False
    """One case on its own (the PDF a case page offers): no cover, no contents."""
    terms: frozenset[str] = frozenset()
    """Words a title line never breaks inside (vocabulary)."""

    @property
    def cases(self) -> list[BookCase]:
        return [case for part in self.parts for case in part.cases]

    def contents_lines(self, title: str) -> list[str]:
        """A title as the contents print it: in lines of even length within its column (14 pt, beside the label
        column, the leader's room and the page number's)."""
        return title_lines(title, CONTENTS_CHARS - self.label_width - 4, self.terms)

    def roster_lines(self, text: str, column: str) -> list[str]:
        """A 名单 cell's text in balanced lines within its column (12 pt; print.css gives the widths): no
        one-character last line (…曙光医 / 院), no term split."""
        return title_lines(text, ROSTER_CHARS[column], self.terms, spare_line=False)

    @property
    def label_width(self) -> float:
        """Width of the contents' label column, in em: the longest label (案例二十一) and a space."""
        labels = [case.record.number_label for part in self.parts for case in part.texts]
        return max((len(label) for label in labels), default=3) + 1


TITLE_CHARS = 20
"""Characters of a case title on one line (22 pt in a 156 mm text block)."""
CONTENTS_CHARS = 31
"""Characters of 14 pt in a line of the text block (the contents' size)."""
ROSTER_CHARS = {"unit": 12, "title": 18}
"""Characters of 12 pt in a line of the 名单's 单位 (38% of the block) and 案例名称 (the rest beside 序号) columns,
less their padding."""
_BREAK_AFTER = {**dict.fromkeys(" ，；：。！？", 4), **dict.fromkeys("、）》”’—", 2)}
"""How good a place to break a line is after each mark: after a clause better than after a closing mark."""
_BREAK_BEFORE = ("关于",)
"""A notice's title breaks well before 关于 (its subject)."""
_NO_LINE_START = set("，、；：。！？）》”’")


def _width(text: str) -> float:
    return sum(0.5 if char.isascii() else 1 for char in text)


def vocabulary(taxonomy: Taxonomy) -> frozenset[str]:
    """The compendium's own words of two characters or more (Taxonomy.vocabulary), which a title's line never
    breaks: 健康促进医院, 合理膳食."""
    return frozenset(word for word in taxonomy.vocabulary if len(word) > 1)


def _inside_terms(title: str, terms: frozenset[str]) -> set[int]:
    """Places in `title` (indexes of characters) that a line break before would split one of `terms`."""
    inside: set[int] = set()
    for term in terms:
        for match in re.finditer(re.escape(term), title):
            inside.update(range(match.start() + 1, match.end()))
    return inside


def title_lines(
    title: str, per_line: int = TITLE_CHARS, terms: frozenset[str] = frozenset(), spare_line: bool = True
) -> list[str]:
    """A centred title in lines of even length, broken after a space or a punctuation mark where one is near:
    no line of one or two characters, none starting with a closing mark, none breaking one of `terms` (GB/T 9704
    7.3.3: 词意完整), one line more where that lets every line end at a break (unless not `spare_line`: a table
    cell, where lines cost height).

    >>> title_lines("短标题")
    ['短标题']
    >>> title_lines("推行健康传播“四化”举措 促医院健康文化建设再上新台阶")
    ['推行健康传播“四化”举措', '促医院健康文化建设再上新台阶']
    >>> title_lines("发挥中医药（蒙医药）特色优势，构建健康惠民新格局", 21)
    ['发挥中医药（蒙医药）特色优势，', '构建健康惠民新格局']
    >>> title_lines("突出“五项”重点 持续深化健康促进医院建设 打造“靠得住”“有温度”的医疗服务")
    ['突出“五项”重点', '持续深化健康促进医院建设', '打造“靠得住”“有温度”的医疗服务']
    >>> title_lines("关于通报2024年健康促进医院优秀案例征集结果的函", terms=frozenset({"健康促进医院"}))
    ['关于通报2024年健康促进医院', '优秀案例征集结果的函']
    """
    title = " ".join(title.split())
    inside = _inside_terms(title, terms)
    width = _width(title)
    if width <= per_line:
        return [title]
    fewest = math.ceil(width / per_line)
    best: tuple[float, list[str]] | None = None
    for count in (fewest, fewest + 1) if spare_line else (fewest,):
        target = width / count
        # the best way to set the first k lines, by where they end: {end: (cost, lines)}
        ways: dict[int, tuple[float, list[str]]] = {0: (0.0, [])}
        for k in range(count):
            last = k == count - 1
            following: dict[int, tuple[float, list[str]]] = {}
            for start, (cost, lines) in ways.items():
                for end in range(start + 1, len(title) + 1):
                    line = title[start:end].strip()
                    if _width(line) > per_line:
                        break
                    if last != (end == len(title)) or _width(line) < 3:
                        continue
                    if not last and (title[end] in _NO_LINE_START or end in inside):
                        continue
                    bonus = (
                        0 if last else _BREAK_AFTER.get(title[end - 1], 0) + 4 * title[end:].startswith(_BREAK_BEFORE)
                    )
                    total = cost + (_width(line) - target) ** 2 / target - bonus
                    if end not in following or total < following[end][0]:
                        following[end] = (total, lines + [line])
            ways = following
        if len(title) in ways:
            cost, lines = ways[len(title)]
            cost += 3 * (count - fewest)  # a line more only for breaks that are clearly better
            if best is None or cost < best[0]:
                best = (cost, lines)
    return best[1] if best else [title]


_ORDERED = re.compile(r'<ol(?: start="(\d+)")?>\s*(.*?)\s*</ol>', re.S)
_ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def _numbered_paragraphs(body_html: str) -> str:
    r"""Numbered items (1. 2. …, a list in Markdown) as a 公文 prints them: paragraphs indented as the others, the
    number the start of the text (1.丰富的…), not a list hanging from its numbers.  A list holding paragraphs of
    its own or another list stays a list.

    >>> _numbered_paragraphs('<ol start="3">\n<li><p>丰富。</p></li>\n<li>多样。</li>\n</ol>')
    '<p>3.丰富。</p>\n<p>4.多样。</p>'
    """

    def paragraphs(match: re.Match) -> str:
        start = int(match.group(1) or 1)
        items = [re.sub(r"^<p>(.*)</p>$", r"\1", item.strip(), flags=re.S) for item in _ITEM.findall(match.group(2))]
        if not items or any(re.search(r"<(p|ol|ul|li)\b", item) for item in items):
            return match.group(0)
        return "\n".join(f"<p>{number}.{item}</p>" for number, item in enumerate(items, start))

    return _ORDERED.sub(paragraphs, body_html)


class _BodyRenderer:
    """Markdown to HTML for one book; links to cases in it become links within the PDF."""

    def __init__(self, cases: list[Case], edition: Edition, taxonomy: Taxonomy):
        self.anchors = {case.path: _anchor(case) for case in cases}
        self.terms = vocabulary(taxonomy)
        # The site's Markdown, as its config lists it; the safe extension is always there, and last.
        names, options = edition.markdown
        names = [n for n in names if n != "compendium.content.safe_markdown"]
        self.md = markdown.Markdown(extensions=[*names, SafeMarkdownExtension()], extension_configs=options)

    def render(self, text: str, source: str) -> str:
        self.md.reset()
        out = self.md.convert(text)
        out = re.sub(r'href="([^"#]*\.md)(#[^"]*)?"', lambda m: self._link(m, source), out)
        # A paragraph that opens with its own bold heading, （一）…, is the second heading level (楷体).
        out = re.sub(r"<p><strong>(?=[（(][一二三四五六七八九十]+[）)])", '<p><strong class="level-2">', out)
        out = _numbered_paragraphs(out)
        # A picture beside the case (![说明](photo.png)) is found from the content folder, the book's base.
        return re.sub(r'(<img\b[^>]*?\bsrc=")([^":#/][^":]*)(")', lambda m: self._image(m, source), out)

    def _image(self, match: re.Match, source: str) -> str:
        path = posixpath.normpath(posixpath.join(posixpath.dirname(source), html.unescape(match.group(2))))
        return match.group(1) + html.escape(path) + match.group(3)

    def _link(self, match: re.Match, source: str) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(source), html.unescape(match.group(1))))
        anchor = self.anchors.get(target)
        return f'href="#{anchor}"' if anchor else 'data-outside="true"'


def _last_paragraph(text: str) -> tuple[str, str]:
    """The Markdown text and its last block, when that is a plain paragraph (a list or a table stays whole)."""
    head, _, last = text.strip().rpartition("\n\n")
    if not head or re.match(r"\s*([-*+|#>]|\d+[.)]\s)", last):
        return text, ""
    return head + "\n", last + "\n"


def _preface(notice: Notice, renderer: _BodyRenderer, listed: bool) -> Preface:
    text, closing = _last_paragraph(notice.text)
    return Preface(
        anchor=f"notice-{notice.slug}",
        title=notice.title,
        doc_number=notice.doc_number,
        recipients=notice.recipients,
        body_html=renderer.render(text, notice.path),
        closing_html=renderer.render(closing, notice.path) if closing else "",
        issuers=notice.issuers,
        date_label=chinese_date(notice.date) if notice.date else "",
        annotation=notice.annotation,
        title_lines=title_lines(notice.title, terms=renderer.terms),
        note="附件名单见后。" if listed and notice.preface != notice.body.strip() + "\n" else "",
    )


def case_url(case: Case, site_url: str) -> str:
    """The case's page on the hosted site."""
    return f"{site_url.rstrip('/')}/{case.path.removesuffix('.md')}/"


def _book_case(case: Case, renderer: _BodyRenderer, edition: Edition) -> BookCase:
    body = renderer.render(case.body, case.path) if case.body.strip() else ""
    qr = ""
    if edition.site_url and body:
        qr = qr_svg(case_url(case, edition.site_url), f"{case.title}（网络版）")
    return BookCase(_anchor(case), case.record, body, title_lines(case.title, terms=renderer.terms), qr)


def _roster(compendium: Compendium, collection: Collection, cases: list[BookCase]) -> list[RosterGroup]:
    """Listed cases as the notice's list groups them, under its own headings (一、强化健康教育主题), in number order
    within each (Compendium.listed_groups)."""
    by_path = {case.record.path: case for case in cases}
    return [
        RosterGroup(heading, [by_path[case.path] for case in members])
        for heading, members in compendium.listed_groups(collection)
    ]


def _part(compendium: Compendium, collection: Collection, renderer, edition: Edition, heading: bool) -> BookPart:
    cases = compendium.cases_in(collection.id)
    notice = compendium.notice_for(collection)
    book_cases = [_book_case(case, renderer, edition) for case in cases]
    listed = not collection.full_text
    return BookPart(
        collection,
        heading=heading,
        preface=_preface(notice, renderer, listed) if notice else None,
        cases=book_cases,
        groups=_roster(compendium, collection, book_cases) if listed else [],
    )


def _entries(cases: list[Case], collections: list[Collection], show_collection: bool) -> list[IndexEntry]:
    """Index entries in the book's order: collection by collection as the book prints them, by number within."""
    place = {collection.id: i for i, collection in enumerate(collections)}
    ordered = sorted(cases, key=lambda case: (place.get(case.collection.id, len(place)), case.number))
    return [
        IndexEntry(_anchor(c), c.number_label, c.title, c.unit, c.collection.title if show_collection else "")
        for c in ordered
    ]


def _indexes(compendium: Compendium, collections: list[Collection]) -> list[BookIndex]:
    """The back matter that helps a reader find a case the contents do not group: by region and by theme, and by
    issuing body where one issued several of the book's collections (otherwise it would repeat the contents).
    A list (名单) is short and grouped already: its book has no index.  Each entry gives the case's label, title
    and unit; each index says its order."""
    texts = [c for c in collections if c.full_text]
    if not texts and len(collections) < 2:
        return []
    show = len(collections) > 1
    ix = Indexes(compendium)
    regions = [
        IndexGroup(p.region.name, 0, _entries([c for g in p.cities for c in g.cases], collections, show))
        for p in ix.provinces
        if p.total
    ]
    themes: list[IndexGroup] = []

    def theme_groups(node, depth: int) -> None:
        if not node.total:
            return
        themes.append(IndexGroup(node.theme.name, min(depth, 1), _entries(node.cases, collections, show)))
        for child in node.children:
            theme_groups(child, depth + 1)

    for root in ix.theme_tree:
        theme_groups(root, 0)
    within = "同一" + "{}内按" + ("汇编先后、" if show else "") + "编号排列。"
    indexes = [
        BookIndex("index-region", "地区索引", regions, "按行政区划代码（GB/T 2260）排列；" + within.format("地区")),
        BookIndex("index-theme", "主题索引", themes, "按主题词表排列；" + within.format("主题")),
    ]
    issuers: list[IndexGroup] = []
    entries = issuer_entries(ix)
    for issuer in entries:
        groups = [(collection, cases) for collection, cases in issuer.collections if cases]
        if groups:
            issuers.append(IndexGroup(issuer.name, 0))
            for collection, cases in groups:
                issuers.append(IndexGroup(collection.title, 1, _entries(cases, collections, False)))
    if any(len(issuer.collections) > 1 for issuer in entries if issuer.total):
        indexes.append(
            BookIndex("index-issuer", "发文机关索引", issuers, "按机关名称的拼音排列；其下按汇编，汇编内按编号排列。")
        )
    return indexes


def collection_book(compendium: Compendium, collection: Collection, edition: Edition | None = None) -> Book:
    """One collection: cover, contents, its notice as preface, its cases (or its 名单), indexes."""
    edition = edition or Edition()
    cases = compendium.cases_in(collection.id)
    notice = compendium.notice_for(collection)
    renderer = _BodyRenderer(cases, edition, compendium.taxonomy)
    sub = Compendium(taxonomy=compendium.taxonomy, cases=cases, notices=[notice] if notice else [])
    return Book(
        name=collection.id,
        title=collection.title,
        subtitle=notice.doc_number if notice else "",
        publisher=edition.publisher,
        date_label=edition.date_label,
        author=edition.publisher,
        terms=renderer.terms,
        show_collections=False,
        parts=[_part(compendium, collection, renderer, edition, heading=False)],
        indexes=_indexes(sub, [collection]),
    )


def case_book(compendium: Compendium, case: Case, edition: Edition | None = None) -> Book:
    """One full-text case on its own, as its page offers it: its heading and text, the running head naming its
    collection.  Named cases/<collection>/<slug> (downloads.case_pdf_name)."""
    edition = edition or Edition()
    renderer = _BodyRenderer([case], edition, compendium.taxonomy)
    part = BookPart(case.collection, heading=False, preface=None, cases=[_book_case(case, renderer, edition)])
    return Book(
        name=case_pdf_name(case.path).removesuffix(".pdf"),
        title=case.title,
        subtitle="",
        publisher=edition.publisher,
        date_label=edition.date_label,
        author=case.unit,
        show_collections=False,
        parts=[part],
        indexes=[],
        single=True,
    )


def compendium_book(compendium: Compendium, title: str, name: str, edition: Edition | None = None) -> Book:
    """Every collection, newest first: one cover, one contents, each collection with its notice, indexes."""
    edition = edition or Edition()
    collections = sorted(compendium.taxonomy.collections.values(), key=collections_newest_first)
    collections = [c for c in collections if compendium.cases_in(c.id)]
    cases = [case for c in collections for case in compendium.cases_in(c.id)]
    renderer = _BodyRenderer(cases, edition, compendium.taxonomy)
    parts = [_part(compendium, c, renderer, edition, heading=True) for c in collections]
    years = sorted({c.year for c in collections})
    span = f"（{years[0]}—{years[-1]}年）" if len(years) > 1 else f"（{years[0]}年）" if years else ""
    return Book(
        name=name,
        title=title,
        subtitle=span,
        publisher=edition.publisher,
        date_label=edition.date_label,
        author=edition.publisher,
        terms=renderer.terms,
        show_collections=True,
        parts=parts,
        indexes=_indexes(compendium, collections),
    )


def print_document(book: Book) -> PrintDocument:
    """The book as the HTML the PDF is laid out from."""
    return PrintDocument(book.name, book.title, _html(book), book.cases, book)


def collection_document(
    compendium: Compendium, collection: Collection, edition: Edition | None = None
) -> PrintDocument:
    return print_document(collection_book(compendium, collection, edition))


def _html(book: Book) -> str:
    return render_template("print/book.html", book=book, css=print_css())
