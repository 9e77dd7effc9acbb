"""compendium — the domain core of the case-compendium site generator.

Cases, notices, vocabularies (themes, collections, regions), validation,
import of notices, and plain data for pages.  It never imports a site engine:
`hooks/` adapts it to MkDocs, `scripts/` to the command line.
"""

from compendium.authoring.notice_import import parse_notice, plan_import, write_plan
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
