"""The controlled vocabularies as a case refers to them: themes, collections, and the regions table.

Loaded from the editors' data files by compendium.content.vocabularies.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from compendium.messages import Text, one_of, t
from compendium.model.regions import Region, RegionTable
from compendium.text.hanzi import simplified_form

__all__ = ["Theme", "Collection", "Taxonomy"]


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

    @property
    def roster_title(self) -> str:
        """The heading of its 名单 (a collection published as a list), in the print edition and on the notice page."""
        return f"{self.title}名单"


@dataclass
class Taxonomy:
    themes: dict[str, Theme]
    collections: dict[str, Collection]
    regions: RegionTable
    synonyms: tuple[tuple[str, ...], ...] = ()
    """Groups of words readers use for the same thing (慢病, 慢性病): the finder searches all of a group."""
    units: dict[str, tuple[Region, ...]] = field(default_factory=dict)
    """Where units whose name does not say it are (content/_data/units.yml): 北京大学人民医院 → 北京市, 西城区."""
    _theme_names: dict[str, list[Theme]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for theme in self.themes.values():
            for key in (theme.name, *theme.aliases):
                self._theme_names.setdefault(key, []).append(theme)

    @property
    def vocabulary(self) -> frozenset[str]:
        """The compendium's own words: themes' names, aliases and keywords, and the synonyms (合理膳食, 慢病)."""
        words = {word for theme in self.themes.values() for word in (theme.name, *theme.aliases, *theme.keywords)}
        return frozenset(words.union(*self.synonyms))

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

    def resolve_theme(self, value: str) -> tuple[Theme | None, tuple[Text, Text] | None]:
        """Theme for a front matter value (name, alias, 父/子 or id), else (None, (what is wrong, how to fix it))."""
        value = value.strip()
        if value in self.themes:
            return self.themes[value], None
        if "/" in value:
            *parents, name = [p.strip() for p in value.split("/")]
            for theme in self._theme_names.get(name, []):
                if [t.name for t in self.theme_path(theme)[:-1]][-len(parents) :] == parents:
                    return theme, None
        found = self._theme_names.get(value, [])
        if len(found) == 1:
            return found[0], None
        if len(found) > 1:
            options = one_of("/".join(t.name for t in self.theme_path(x)) for x in found)
            return None, (t("'{value}' is ambiguous", value=value), t("write one of {names}", names=options))
        if (simplified := simplified_form(value)) and self.resolve_theme(simplified)[0]:
            return None, (
                t("'{value}' is written in traditional characters", value=value),
                t("write '{name}'", name=simplified),
            )
        names = sorted(self._theme_names)
        near = difflib.get_close_matches(value, names, n=3, cutoff=0.3)
        near += [n for n in names if value and (value in n or n in value) and n not in near]
        near += [t.name for t in self.themes.values() if value in t.keywords and t.name not in near]
        hint = t("did you mean {names}?", names=one_of(near[:3])) if near else t("see content/_data/themes.yml")
        return None, (t("'{value}' is not a known theme", value=value), hint)
