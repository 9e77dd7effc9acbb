"""What the configuration says about a printed edition (PDF, Word): who compiled it, when, where the site is."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compendium.text.numerals import chinese_month

__all__ = ["Edition"]


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
