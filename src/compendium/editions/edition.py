"""What the configuration says about a printed edition (PDF, Word): who compiled it, when, where the site is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compendium.text.numerals import chinese_month
from compendium.text.pinyin import slug_words, text_syllables

__all__ = ["Edition", "edition_slug", "SITE_MARKDOWN"]

SITE_MARKDOWN = ("toc", "tables", "fenced_code", "compendium.content.safe_markdown")
"""The extensions MkDocs always loads (its built-ins), then the safe one: the Markdown of a site whose config
adds none (the command-line tools read the config's own list, cli.markdown_settings)."""


def edition_slug(title: str) -> str:
    """The compendium's name in file names (its title in pinyin): 健康中国案例汇编 → jiankangzhongguoanlihuibian."""
    return slug_words(text_syllables(title)) or "compendium"


@dataclass
class Edition:
    """What the configuration says about a printed edition: who compiled it, when, and where the site is."""

    publisher: str = ""
    date: dt.date | None = None
    site_url: str = ""
    markdown: tuple[tuple, dict] = (SITE_MARKDOWN, {})
    """The site's Markdown (extension names, their options), as the engine renders the pages: a body prints as it
    reads on the site, whatever extension the site's config adds."""

    @property
    def date_label(self) -> str:
        """The month of the edition, as covers give it: 2026年11月."""
        return chinese_month(self.date or dt.date.today())
