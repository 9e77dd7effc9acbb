"""compendium — the domain core of the case-compendium site generator.

Cases, notices, vocabularies (themes, collections, regions), validation,
import of notices, and plain data for pages.  It never imports a site engine:
`hooks/` adapts it to MkDocs, `scripts/` to the command line.
"""

import importlib
from typing import TYPE_CHECKING

# The public API, imported on first use (PEP 562): importing one module of the package (compendium.errors, say)
# does not load every layer, Markdown and pypinyin with it.
_PUBLIC = {
    "CASE_FIELDS": "compendium.model.compendium",
    "Case": "compendium.model.compendium",
    "Collection": "compendium.model.taxonomy",
    "Compendium": "compendium.model.compendium",
    "CompendiumError": "compendium.errors",
    "ContentError": "compendium.errors",
    "Document": "compendium.content.frontmatter",
    "LoadResult": "compendium.content.loader",
    "NOTICE_FIELDS": "compendium.model.compendium",
    "Notice": "compendium.model.compendium",
    "NoticeImportError": "compendium.errors",
    "Problem": "compendium.errors",
    "Region": "compendium.model.regions",
    "RegionTable": "compendium.model.regions",
    "Taxonomy": "compendium.model.taxonomy",
    "TaxonomyError": "compendium.errors",
    "Theme": "compendium.model.taxonomy",
    "case_view": "compendium.site.views",
    "chinese_number": "compendium.text.numerals",
    "collection_view": "compendium.site.indexes.collections",
    "generated_pages": "compendium.site.views",
    "home_view": "compendium.site.views",
    "load_compendium": "compendium.content.loader",
    "load_region_table": "compendium.model.regions",
    "load_taxonomy": "compendium.content.vocabularies",
    "notice_view": "compendium.site.views",
    "page_view": "compendium.site.views",
    "parse_document": "compendium.content.frontmatter",
    "parse_notice": "compendium.authoring.notice_parse",
    "plan_import": "compendium.authoring.notice_import",
    "validate_case": "compendium.content.validation",
    "validate_notice": "compendium.content.validation",
    "write_plan": "compendium.authoring.notice_import",
}

if TYPE_CHECKING:  # for readers and type checkers: the same names, imported as usual
    from compendium.authoring.notice_import import plan_import, write_plan
    from compendium.authoring.notice_parse import parse_notice
    from compendium.content.frontmatter import Document, parse_document
    from compendium.content.loader import LoadResult, load_compendium
    from compendium.content.validation import validate_case, validate_notice
    from compendium.content.vocabularies import load_taxonomy
    from compendium.errors import CompendiumError, ContentError, NoticeImportError, Problem, TaxonomyError
    from compendium.model.compendium import CASE_FIELDS, NOTICE_FIELDS, Case, Compendium, Notice
    from compendium.model.regions import Region, RegionTable, load_region_table
    from compendium.model.taxonomy import Collection, Taxonomy, Theme
    from compendium.site.indexes.collections import collection_view
    from compendium.site.views import case_view, generated_pages, home_view, notice_view, page_view
    from compendium.text.numerals import chinese_number


def __getattr__(name: str):
    if name in _PUBLIC:
        value = getattr(importlib.import_module(_PUBLIC[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'compendium' has no attribute {name!r}")


__all__ = [
    "CASE_FIELDS",
    "NOTICE_FIELDS",
    "Case",
    "Collection",
    "Compendium",
    "CompendiumError",
    "ContentError",
    "Document",
    "LoadResult",
    "Notice",
    "NoticeImportError",
    "Problem",
    "Region",
    "RegionTable",
    "Taxonomy",
    "TaxonomyError",
    "Theme",
    "case_view",
    "chinese_number",
    "collection_view",
    "generated_pages",
    "home_view",
    "load_compendium",
    "load_region_table",
    "load_taxonomy",
    "notice_view",
    "page_view",
    "parse_document",
    "parse_notice",
    "plan_import",
    "validate_case",
    "validate_notice",
    "write_plan",
]
