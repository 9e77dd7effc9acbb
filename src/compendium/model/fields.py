"""The front matter fields of cases and notices, each declared once.

A field's declaration says what it is (its name, kind, whether it is
required, its bounds and example), what it is called (in Chinese, with an
English note for the schema and the README), and where it goes: a row of the
case's card on the site, a column of the exports (cases.json, cases.csv,
datapackage.json), a facet of the finder, a paragraph of the print and Word
editions.  Everything that handles fields reads them from here: the content
check (content/validation.py), the editors' JSON Schema (content/schema.py),
the case page's card (site/views.py), the exports (editions/records.py), the
finder's rows and facets (finder/data.py; finder.js reads the facets from the
data it loads) and the editions' templates.

Adding an optional field to cases is adding one `Field` to CASE_FIELDS (README,
"Adding a field").  The kinds TEXT, PARAGRAPH, TEXTS, INTEGER, DATE and BOOLEAN
are checked, exported, shown and offered as facets by the same code for every
field; REGION, THEMES and COLLECTION are the compendium's own vocabularies,
each with code of its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

__all__ = [
    "Field",
    "Facet",
    "CASE_FIELDS",
    "NOTICE_FIELDS",
    "PLAIN_KINDS",
    "LIST_KINDS",
    "TEXT",
    "PARAGRAPH",
    "TEXTS",
    "INTEGER",
    "DATE",
    "BOOLEAN",
    "REGION",
    "THEMES",
    "COLLECTION",
    "YEAR_MIN",
    "field_named",
]

TEXT = "text"
"""One line of text."""
PARAGRAPH = "paragraph"
"""Text that may run over several lines."""
TEXTS = "texts"
"""A list of words or phrases: [甲, 乙]."""
INTEGER = "integer"
DATE = "date"
"""YYYY-MM-DD."""
BOOLEAN = "boolean"
REGION = "region"
"""Official names from the province down (content/_data/regions.yml)."""
THEMES = "themes"
"""Themes of content/_data/themes.yml."""
COLLECTION = "collection"
"""The id of a collection of content/_data/collections.yml."""
PLAIN_KINDS = frozenset({TEXT, PARAGRAPH, TEXTS, INTEGER, DATE, BOOLEAN})
"""Kinds that the same code checks, exports, shows and offers as a facet, whatever the field."""
LIST_KINDS = frozenset({TEXTS, REGION, THEMES})
"""Kinds whose value is a list (joined with '; ' in cases.csv)."""
YEAR_MIN = 1949


@dataclass(frozen=True)
class Facet:
    """A choice the finder offers beside the query: its name is the finder's URL parameter (?theme=…)."""

    name: str
    label: str
    """The select's label: 主题.  Its first option reads 全部 + label."""
    of: str = "value"
    """What is offered: the field's own values, or 'issuers': the bodies that issued the case's collection."""
    in_result: bool = False
    """The value's name is shown on each result's line (after the unit and place)."""
    suffix: str = ""
    """Written after a value in the select: 2024 年."""
    order: int = 10
    """Where the finder offers it among the facets, lower first (主题 before 省份, whatever the fields' order)."""


@dataclass(frozen=True)
class Field:
    name: str
    """The front matter key, as editors write it."""
    label: str
    """What readers and editors call it: 标题."""
    note: str
    """What to write, in a few words (English, for the schema and the README; the label says it in Chinese)."""
    kind: str
    required: bool = False
    max_len: int = 300
    """TEXT, PARAGRAPH, TEXTS: the longest value (each item of a list)."""
    low: int | None = None
    high: int | None = None
    """INTEGER: the bounds; high None means next year (a year field)."""
    example: str = ""
    """What the messages suggest writing: 2024."""
    one_allowed: bool = False
    """TEXTS: one item may be written without brackets (authors: 某某)."""
    default: object = None
    """BOOLEAN: the value of a field left out."""
    card: bool = False
    """A row of the case's card on its page."""
    export: bool = True
    """A column of cases.csv, a key of cases.json, described in datapackage.json."""
    export_label: str = ""
    """The column's title in datapackage.json, where the label alone would not say enough."""
    facets: tuple[Facet, ...] = ()
    """Choices the finder offers by this field."""
    print: bool = False
    """A paragraph under the case's title and unit in the print and Word editions."""

    @property
    def is_list(self) -> bool:
        return self.kind in LIST_KINDS

    @property
    def upper(self) -> int:
        """INTEGER: the largest value accepted (next year for a field without a fixed bound)."""
        return self.high if self.high is not None else dt.date.today().year + 1

    @property
    def description(self) -> str:
        """标题 the case's title: the label, then the note."""
        return f"{self.label} {self.note}"

    @property
    def column_title(self) -> str:
        """The column's title in datapackage.json."""
        if self.export_label:
            return self.export_label
        return self.label + ("（以“; ”分隔）" if self.is_list else "")


CASE_FIELDS: tuple[Field, ...] = (
    Field("title", "标题", "the case's title", TEXT, required=True, max_len=200),
    Field("unit", "单位", "the organisation or place the case is about", TEXT, required=True, max_len=200, card=True),
    Field(
        "region",
        "地区",
        "province, city, county as official names: [吉林省, 长春市, 朝阳区]; 全国 for national bodies",
        REGION,
        required=True,
        card=True,
        export_label="地区（省级在前，以“; ”分隔）",
        facets=(Facet("region", "省份", order=2),),
    ),
    Field(
        "year",
        "年份",
        "year of the collection, e.g. 2024",
        INTEGER,
        required=True,
        low=YEAR_MIN,
        example="2024",
        card=True,
        facets=(Facet("year", "年份", in_result=True, suffix="年", order=3),),
    ),
    Field(
        "themes",
        "主题",
        "list of themes from content/_data/themes.yml",
        THEMES,
        required=True,
        card=True,
        facets=(Facet("theme", "主题", order=1),),
    ),
    Field(
        "collection",
        "批次",
        "id of the collection in content/_data/collections.yml",
        COLLECTION,
        required=True,
        card=True,
        export_label="批次 id",
        facets=(
            Facet("collection", "批次", in_result=True, order=4),
            Facet("issuer", "发文机关", of="issuers", order=5),
        ),
    ),
    Field(
        "number",
        "序号",
        "order in the collection: 1 is shown as 案例一",
        INTEGER,
        required=True,
        low=1,
        high=9999,
        example="3",
        export_label="在批次中的序号",
    ),
    Field("summary", "摘要", "one paragraph", PARAGRAPH, max_len=2000, print=True),
    Field("keywords", "关键词", "list of words", TEXTS, card=True),
    Field("source", "来源", "page or note on the original document", TEXT, max_len=500, card=True),
    Field("date", "日期", "date of publication, YYYY-MM-DD", DATE),
    Field("authors", "撰稿", "list of people or bodies that wrote the case", TEXTS, one_allowed=True, card=True),
)
"""A case's fields, in the order of the exports' columns; the card shows its fields in this order too."""

NOTICE_FIELDS: tuple[Field, ...] = (
    Field("title", "标题", "the notice's title", TEXT, required=True),
    Field(
        "doc_number", "文号", "e.g. 国卫办宣传函〔2024〕471号; write '' for a notice that has none", TEXT, max_len=100
    ),
    Field("issuers", "发文单位", "list of issuing bodies", TEXTS, required=True, one_allowed=True),
    Field("date", "成文日期", "YYYY-MM-DD", DATE),
    Field("kind", "文种", "通知, 通报, 函, 启事, 公告, 意见 …", TEXT, required=True, max_len=20),
    Field("collection", "批次", "id of the collection it announces", COLLECTION),
    Field("recipients", "主送", "to whom it is addressed", PARAGRAPH, max_len=1000),
    Field("source", "来源", "where the original was published", TEXT, max_len=500),
    Field(
        "official",
        "机关公文",
        "true (the default) for a document of a government or party body; false for a call or letter "
        "from a media outlet, an association or a company, which readers are told apart",
        BOOLEAN,
        default=True,
    ),
)


def field_named(fields: tuple[Field, ...], name: str) -> Field:
    return next(f for f in fields if f.name == name)
