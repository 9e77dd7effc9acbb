"""Controlled vocabularies: themes, collections and regions.

They live in data files that editors can read and change
(`content/_data/themes.yml`, `collections.yml`, `regions.yml`); this module
loads and checks them, and resolves what a case's front matter says to them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, TaxonomyError
from .hanzi import simplified_form
from .regions import RegionTable, load_region_table

__all__ = ["Theme", "Collection", "Taxonomy", "load_taxonomy", "DATA_DIR"]

DATA_DIR = "_data"
"""Folder inside the content folder that holds the vocabularies."""
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    """Words whose presence in a case suggests this theme (used by the importer)."""
    description: str = ""


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    year: int
    notice: str | None = None
    """Slug of the notice that announced it (a file in content/notices/)."""
    full_text: bool = True
    """True when its cases carry their full text; False for lists of titles."""
    issuers: tuple[str, ...] = ()
    description: str = ""


@dataclass
class Taxonomy:
    themes: dict[str, Theme]
    collections: dict[str, Collection]
    regions: RegionTable
    _theme_names: dict[str, list[Theme]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for theme in self.themes.values():
            for key in (theme.name, *theme.aliases):
                self._theme_names.setdefault(key, []).append(theme)

    # Themes ---------------------------------------------------------------

    def theme_path(self, theme: Theme) -> list[Theme]:
        out = [theme]
        while out[0].parent:
            out.insert(0, self.themes[out[0].parent])
        return out

    def qualified_name(self, theme: Theme) -> str:
        """The name to write in front matter: unique name, or 父/子 where the name is shared."""
        if len(self._theme_names.get(theme.name, [])) == 1:
            return theme.name
        return "/".join(t.name for t in self.theme_path(theme))

    def theme_children(self, parent: str | None) -> list[Theme]:
        return [t for t in self.themes.values() if t.parent == parent]

    def resolve_theme(self, value: str) -> tuple[Theme | None, str | None]:
        """Theme for a front matter value (name, alias, 父/子 or id), else (None, why)."""
        value = value.strip()
        if value in self.themes:
            return self.themes[value], None
        if "/" in value:
            *parents, name = [p.strip() for p in value.split("/")]
            for theme in self._theme_names.get(name, []):
                if [t.name for t in self.theme_path(theme)[:-1]][-len(parents):] == parents:
                    return theme, None
        found = self._theme_names.get(value, [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            options = "、".join("/".join(t.name for t in self.theme_path(x)) for x in found)
            return None, f"is ambiguous; write one of {options}"
        if (simplified := simplified_form(value)) and self.resolve_theme(simplified)[0]:
            return None, f"is written in traditional characters; write '{simplified}'"
        names = sorted(self._theme_names)
        near = difflib.get_close_matches(value, names, n=3, cutoff=0.3)
        near += [n for n in names if value and (value in n or n in value) and n not in near]
        near += [t.name for t in self.themes.values() if value in t.keywords and t.name not in near]
        hint = f"did you mean {'、'.join(near[:3])}?" if near else "see content/_data/themes.yml"
        return None, f"is not a known theme; {hint}"


def _load_yaml(path: Path, problems: list[Problem], label: str) -> Any:
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except FileNotFoundError:
        problems.append(Problem(label, "file is missing", hint="restore it from the repository"))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        problems.append(Problem(label, f"YAML syntax error: {error.problem}",
                                line=mark.line + 1 if mark else None))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problems.append(Problem(label, f"cannot be read: {error}"))
    return None


def _str_list(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _load_themes(data: Any, label: str, problems: list[Problem]) -> dict[str, Theme]:
    themes: dict[str, Theme] = {}

    def walk(items: Any, parent: str | None, where: str) -> None:
        if not isinstance(items, list):
            problems.append(Problem(label, f"{where} must be a list of themes"))
            return
        for item in items:
            if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item.get("id"):
                problems.append(Problem(label, f"each theme under {where} needs 'id' and 'name'",
                                        hint=f"got {item!r}"[:120]))
                continue
            tid = str(item["id"])
            if not _ID.match(tid):
                problems.append(Problem(label, f"theme id '{tid}' must be lowercase ASCII words joined by '-'"))
            if tid in themes:
                problems.append(Problem(label, f"theme id '{tid}' is used twice"))
            themes[tid] = Theme(id=tid, name=item["name"].strip(), parent=parent,
                                aliases=_str_list(item.get("aliases")),
                                keywords=_str_list(item.get("keywords")),
                                description=str(item.get("description") or ""))
            if "children" in item:
                walk(item["children"], tid, item["name"])

    walk(data or [], None, "the top level")
    return themes


def _load_collections(data: Any, label: str, problems: list[Problem]) -> dict[str, Collection]:
    collections: dict[str, Collection] = {}
    for item in data or []:
        if not isinstance(item, dict) or not item.get("id") or not item.get("title"):
            problems.append(Problem(label, "each collection needs 'id', 'title' and 'year'", hint=f"got {item!r}"[:120]))
            continue
        cid = str(item["id"])
        if not _ID.match(cid):
            problems.append(Problem(label, f"collection id '{cid}' must be lowercase ASCII words joined by '-'"))
        if not isinstance(item.get("year"), int):
            problems.append(Problem(label, f"collection '{cid}': year must be a number such as 2024"))
            continue
        if cid in collections:
            problems.append(Problem(label, f"collection id '{cid}' is used twice"))
        collections[cid] = Collection(
            id=cid, title=str(item["title"]), year=item["year"], notice=item.get("notice"),
            full_text=bool(item.get("full_text", True)), issuers=_str_list(item.get("issuers")),
            description=str(item.get("description") or ""))
    return collections


def load_taxonomy(content_dir: str | Path) -> Taxonomy:
    """Load the vocabularies of a content folder; raise TaxonomyError listing every problem."""
    data_dir = Path(content_dir) / DATA_DIR
    problems: list[Problem] = []
    label = f"{DATA_DIR}/themes.yml"
    themes = _load_themes(_load_yaml(data_dir / "themes.yml", problems, label), label, problems)
    label = f"{DATA_DIR}/collections.yml"
    # A new content folder has no collections until the first import adds one.
    collections_file = data_dir / "collections.yml"
    collections = _load_collections(_load_yaml(collections_file, problems, label) if collections_file.exists() else [],
                                    label, problems)
    extra: list[dict] = []
    regions_file = data_dir / "regions.yml"
    if regions_file.exists():
        label = f"{DATA_DIR}/regions.yml"
        data = _load_yaml(regions_file, problems, label) or {}
        for item in data.get("extra", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and re.fullmatch(r"\d{6}", str(item.get("code", ""))) and item.get("name"):
                extra.append(item)
            else:
                problems.append(Problem(label, "each extra region needs a six-digit 'code' and a 'name'",
                                        hint=f"got {item!r}"[:120]))
    if problems:
        raise TaxonomyError(problems)
    return Taxonomy(themes=themes, collections=collections, regions=load_region_table(extra))
