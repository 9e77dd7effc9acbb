"""Where every generated page of a compendium lives: one place for the site's layout.

Paths are source paths, as if the pages were Markdown files in the content
folder; the engine adapter turns them into URLs.  Changing one changes a
public URL (readers' bookmarks, cases.json's `url`), so they are stable.
"""

from __future__ import annotations

from compendium.model.regions import Region
from compendium.model.taxonomy import Theme

HOME_SRC = "index.md"
COLLECTIONS_SRC = "collections/index.md"
THEMES_SRC = "themes/index.md"
REGIONS_SRC = "regions/index.md"
YEARS_SRC = "years/index.md"
UNITS_SRC = "units/index.md"
ISSUERS_SRC = "issuers/index.md"
FINDER_SRC = "finder/index.md"
FINDER_DATA = "finder/data"
"""The finder's data scripts (meta.js, shards, heads, texts)."""

# The data files a site publishes beside its pages: names that researchers and outside checks rely on, written
# here once (the hook writes them, records.py and feed.py link them, the templates get them as `public_files`).
CASES_JSON = "cases.json"
CASES_CSV = "cases.csv"
DATAPACKAGE = "datapackage.json"
FEED = "feed.xml"
PUBLIC_FILES = {"cases_json": CASES_JSON, "cases_csv": CASES_CSV, "datapackage": DATAPACKAGE, "feed": FEED}


def collection_src(collection_id: str) -> str:
    return f"collections/{collection_id}.md"


def theme_src(theme: Theme) -> str:
    return f"themes/{theme.id}.md"


def region_src(province: Region) -> str:
    return f"regions/{province.slug}.md"


def year_src(year: int) -> str:
    return f"years/{year}.md"


def issuer_src(slug: str) -> str:
    return f"issuers/{slug}.md"
