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


def page_url(src: str, directory_urls: bool = True) -> str:
    """The URL of a source path, relative to the site's root, by MkDocs' rules (which Zensical follows): a page
    `a/b.md` is `a/b/` (or `a/b.html` without directory URLs), an `index.md` (or README.md) its folder; any other
    file keeps its path.

    >>> page_url("index.md"), page_url("cases/c/x.md"), page_url("cases/c/x.md", False), page_url("f/data/meta.js")
    ('./', 'cases/c/x/', 'cases/c/x.html', 'f/data/meta.js')
    """
    if not src.endswith(".md"):
        return src
    folder, _, name = src.rpartition("/")
    stem = name[: -len(".md")]
    prefix = folder + "/" if folder else ""
    if stem in ("index", "README"):
        return prefix + "index.html" if not directory_urls else (prefix or "./")
    return f"{prefix}{stem}.html" if not directory_urls else f"{prefix}{stem}/"


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
