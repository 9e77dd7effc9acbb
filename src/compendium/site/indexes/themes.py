"""按主题: the theme tree with counts rolled up to parents; a theme's page lists its cases by collection."""

from __future__ import annotations

from compendium.model.compendium import Compendium
from compendium.site.indexes.base import IndexType
from compendium.site.indexes.data import Indexes, ThemeNode
from compendium.site.pages import GeneratedPage, bars, collection_sizes, grouped_by_collection
from compendium.site.paths import THEMES_SRC, theme_src


def theme_bars(ix: Indexes, limit: int = 12) -> list[dict]:
    leaves = [n for n in ix.theme_nodes.values() if not n.children and n.total]
    leaves.sort(key=lambda n: (-n.total, n.theme.name))
    return bars([(n.theme.name, n.total, theme_src(n.theme)) for n in leaves[:limit]])


def _tree(nodes: list[ThemeNode]) -> list[dict]:
    """The themes that have cases: a vocabulary's theme that no case uses yet is not a row of 0."""
    return [
        {
            "name": n.theme.name,
            "id": n.theme.id,
            "total": n.total,
            "direct": len(n.cases),
            "src": theme_src(n.theme),
            "description": n.theme.description,
            "children": _tree(n.children),
        }
        for n in nodes
        if n.total
    ]


class ThemesIndex(IndexType):
    name = "themes"
    entry_kind = "theme"
    title = "按主题"
    note = "主题分类及案例数"
    listing_src = THEMES_SRC
    listing_template = "compendium/themes.html"
    entry_template = "compendium/theme.html"
    paged = "groups"

    def entry_pages(self, compendium: Compendium, ix: Indexes) -> list[GeneratedPage]:
        return [
            page
            for node in ix.theme_nodes.values()
            if node.total
            for page in self.entry(theme_src(node.theme), node.theme.name, node.theme.id, compendium, ix)
        ]

    def group_sizes(self, key: str, compendium: Compendium, ix: Indexes) -> list[int]:
        return collection_sizes(ix.theme_nodes[key].all_cases)

    def listing_view(self, compendium: Compendium, ix: Indexes) -> dict:
        return {"tree": _tree(ix.theme_tree), "bars": theme_bars(ix, limit=20)}

    def entry_view(self, key: str, compendium: Compendium, ix: Indexes) -> dict:
        node = ix.theme_nodes[key]
        path = ix.taxonomy.theme_path(node.theme)
        return {
            "name": node.theme.name,
            "description": node.theme.description,
            "aliases": list(node.theme.aliases),
            "total": node.total,
            "breadcrumbs": [{"name": self.title, "src": THEMES_SRC}]
            + [{"name": t.name, "src": theme_src(t)} for t in path[:-1]],
            "children": [
                {"name": c.theme.name, "total": c.total, "src": theme_src(c.theme)} for c in node.children if c.total
            ],
            "groups": grouped_by_collection(node.all_cases),
        }


INDEX = ThemesIndex()
