"""What the configuration says about a printed edition (PDF, Word): who compiled it, when, where the site is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compendium.text.numerals import chinese_month
from compendium.text.pinyin import slug_words, text_syllables

__all__ = ["Edition", "edition_slug"]


def edition_slug(title: str) -> str:
    """The compendium's name in file names (its title in pinyin): 健康中国案例汇编 → jiankangzhongguoanlihuibian."""
    return slug_words(text_syllables(title)) or "compendium"


@dataclass
class Edition:
    """What the configuration says about a printed edition: who compiled it, when, and where the site is."""

    publisher: str = ""
    date: dt.date | None = None
    site_url: str = ""

    @property
    def date_label(self) -> str:
        """The month of the edition, as covers give it: 2026年11月."""
        return chinese_month(self.date or dt.date.today())
