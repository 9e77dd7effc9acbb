"""The web editor's configuration (Decap CMS), generated from the content model: never written by hand.

`/admin/` on the site is Decap CMS (npm `decap-cms`, served by the site, no
CDN), in Chinese.  Its `config.yml` is made here from what the content check
knows: one entry list per collection (collections.yml, each its folder under
content/cases/), the notices, and every case field from its declaration
(model/fields.py): required fields required, `themes` a multiple choice of
themes.yml, `region` a choice of the region table's names, `year` and
`number` numbers, `collection` fixed by the list the entry is in, the text as
Markdown, pictures stored beside the case.  A field added to the model is in
the editor with no edit here.  What the editor cannot check (a region path
that does not exist, a number used twice) the pull request's `make check`
says, with the same messages.

Two configurations: `local` for `make edit` (decap-server edits the local
repository: no account, no token); otherwise the repository host's backend,
where saving an entry opens a pull request (`publish_mode:
editorial_workflow`), when the site's config names the repository
(`extra.cms.repo`, or COMPENDIUM_CMS_REPO, which the publish workflow sets).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from compendium.model.fields import (
    BOOLEAN,
    CASE_FIELDS,
    COLLECTION,
    DATE,
    INTEGER,
    NOTICE_FIELDS,
    PARAGRAPH,
    REGION,
    TEXT,
    TEXTS,
    THEMES,
    Field,
)
from compendium.model.taxonomy import Collection, Taxonomy

__all__ = [
    "CmsSettings",
    "cms_config",
    "cms_settings",
    "decap_dist",
    "node_folder",
    "CMS_FILES",
    "ADMIN_DIR",
    "DECAP_VERSION",
]

ADMIN_DIR = "admin"
DECAP_VERSION = "3.16.3"
"""npm decap-cms, pinned here and in scripts/node_deps.sh (a test checks they agree)."""
CMS_FILES = ("decap-cms.js",)
"""The script the admin page loads; its chunks (NNN.decap-cms.js, the .wasm) are copied beside it."""
CONTENT = "content"
"""The content folder as the repository names it: the CMS writes paths relative to the repository's root."""
NEW_CASE_SLUG = "{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}"
"""A new case's file name: ASCII, unique, as the check requires (a maintainer may rename it to the unit's pinyin)."""


@dataclass(frozen=True)
class CmsSettings:
    local: bool = False
    """`make edit`: the local repository through decap-server."""
    local_url: str = ""
    """decap-server's API address (default: Decap's own, http://localhost:8081/api/v1)."""
    repo: str = ""
    """owner/name on the repository host (hosted editor only)."""
    backend: str = "github"
    """github, gitlab, gitea (Decap's names)."""
    branch: str = "main"
    base_url: str = ""
    """The OAuth endpoint GitHub sign-in goes through (Decap needs one; see README)."""
    api_root: str = ""
    """A self-hosted Gitea or GitLab's API address."""
    open_authoring: bool = True
    """Contributors without write access work from a fork (GitHub)."""
    site_url: str = ""


def _widget(f: Field, taxonomy: Taxonomy, collection: Collection | None) -> dict:
    """A field's widget and rules, from its kind."""
    if f.kind == TEXT:
        return {"widget": "string"}
    if f.kind == PARAGRAPH:
        return {"widget": "text"}
    if f.kind == TEXTS:
        return {"widget": "list", "hint": "多项之间用英文逗号分隔"}
    if f.kind == INTEGER:
        out = {"widget": "number", "value_type": "int"}
        out |= {"min": f.low} if f.low is not None else {}
        out |= {"max": f.high} if f.high is not None else {}
        if f.name == "year" and collection is not None:
            out["default"] = collection.year
        return out
    if f.kind == DATE:
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if f.kind == BOOLEAN:
        return {"widget": "boolean", "default": bool(f.default)}
    if f.kind == THEMES:
        names = [taxonomy.qualified_name(t) for t in taxonomy.themes.values()]
        return {"widget": "select", "multiple": True, "min": 1, "options": names}
    if f.kind == REGION:
        regions = sorted(taxonomy.regions.regions.values(), key=lambda r: r.code)
        names = list(dict.fromkeys(r.name for r in regions))
        return {
            "widget": "select",
            "multiple": True,
            "min": 1,
            "max": 4,
            "options": names,
            "hint": "依次选择省级、市级、区县的名称（全国性机构选“全国”）；可输入名称查找",
        }
    if f.kind == COLLECTION:
        return {"widget": "hidden", "default": collection.id if collection else ""}
    raise ValueError(f"{f.name}: unknown kind {f.kind}")


def _fields(fields: tuple[Field, ...], taxonomy: Taxonomy, collection: Collection | None) -> list[dict]:
    out = []
    for f in fields:
        if f.kind == COLLECTION and collection is None:
            options = list(taxonomy.collections)
            out.append({"name": f.name, "label": f.label, "widget": "select", "options": options, "required": False})
            continue
        out.append({"name": f.name, "label": f.label, "required": f.required} | _widget(f, taxonomy, collection))
    return out


def cms_config(taxonomy: Taxonomy, settings: CmsSettings) -> dict:
    """Decap CMS's config.yml, as data."""
    config: dict = {"locale": "zh_Hans"}
    if settings.local:
        # decap-server (make edit) writes into the repository on this machine; the backend named is not used
        local = {"url": settings.local_url, "allowed_hosts": ["localhost", "127.0.0.1"]} if settings.local_url else True
        config |= {"backend": {"name": "git-gateway"}, "local_backend": local}
    else:
        backend = {"name": settings.backend, "repo": settings.repo, "branch": settings.branch}
        backend |= {"base_url": settings.base_url} if settings.base_url else {}
        backend |= {"api_root": settings.api_root} if settings.api_root else {}
        if settings.open_authoring and settings.backend == "github":
            backend["open_authoring"] = True
        config |= {"backend": backend, "publish_mode": "editorial_workflow"}
    if settings.site_url:
        config["site_url"] = settings.site_url
    # Pictures beside the case that shows them (the check's rule); names made ASCII, as the check requires.
    config |= {
        "media_folder": f"{CONTENT}/_uploads",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
    }
    collections = []
    body = {"name": "body", "label": "正文", "widget": "markdown", "required": False}
    for collection in taxonomy.collections.values():
        case_body = body | {"required": collection.full_text}
        collections.append(
            {
                "name": f"cases-{collection.id}",
                "label": f"{collection.title}（{collection.year}）",
                "label_singular": "案例",
                "folder": f"{CONTENT}/cases/{collection.id}",
                "create": True,
                "slug": NEW_CASE_SLUG,
                "extension": "md",
                "format": "yaml-frontmatter",
                "media_folder": "",
                "public_folder": "",
                "summary": "{{number}}　{{title}}（{{unit}}）",
                "sortable_fields": ["number", "title"],
                "fields": [*_fields(CASE_FIELDS, taxonomy, collection), case_body],
            }
        )
    collections.append(
        {
            "name": "notices",
            "label": "通知文件",
            "label_singular": "通知",
            "folder": f"{CONTENT}/notices",
            "create": True,
            "slug": NEW_CASE_SLUG,
            "extension": "md",
            "format": "yaml-frontmatter",
            "fields": [*_fields(NOTICE_FIELDS, taxonomy, None), body | {"required": True}],
        }
    )
    config["collections"] = collections
    return config


REPO_ENV = "COMPENDIUM_CMS_REPO"
LOCAL_URL_ENV = "COMPENDIUM_CMS_LOCAL"
"""decap-server's API address, set by `make edit` for the config `mkdocs serve` generates."""
NODE_ENV = "COMPENDIUM_NODE"
"""The folder holding node_modules/ with decap-cms (default: .cache/node beside the site's config)."""


def cms_settings(extra: dict, *, local: bool, site_url: str, environ) -> CmsSettings | None:
    """The editor's settings from the site config's `extra.cms` (and COMPENDIUM_CMS_REPO): None where there is
    no editor to offer (a hosted site whose repository is not named)."""
    given = extra.get("cms") if isinstance(extra.get("cms"), dict) else {}
    if local:
        return CmsSettings(local=True, local_url=str(environ.get(LOCAL_URL_ENV) or ""))
    repo = str(environ.get(REPO_ENV) or given.get("repo") or "")
    if not repo:
        return None
    return CmsSettings(
        repo=repo,
        backend=str(given.get("backend") or "github"),
        branch=str(given.get("branch") or "main"),
        base_url=str(given.get("base_url") or ""),
        api_root=str(given.get("api_root") or ""),
        open_authoring=given.get("open_authoring", True) is not False,
        site_url=site_url,
    )


def node_folder(config_dir, environ) -> Path:
    """The folder holding node_modules/ (decap-cms, decap-server): COMPENDIUM_NODE, else .cache/node beside the site's
    config, where node_deps.sh installs them."""
    return Path(environ.get(NODE_ENV) or Path(config_dir) / ".cache" / "node")


def decap_dist(config_dir, environ) -> Path | None:
    """decap-cms's dist/ folder, or None where it is not installed."""
    dist = node_folder(config_dir, environ) / "node_modules" / "decap-cms" / "dist"
    return dist if (dist / CMS_FILES[0]).is_file() else None
