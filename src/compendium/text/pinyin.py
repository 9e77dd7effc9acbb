"""Pinyin for sorting, slugs and search, with place names read correctly.

pypinyin reads words by a general dictionary: 长宁区 comes out as zhangning and
吉林省长春市 as zhangchun (省长 wins).  Here names are converted one
administrative unit at a time, with a table of place readings
(`data/place_pinyin.yml`) applied before pypinyin.

>>> "".join(place_syllables("长宁区"))
'changningqu'
>>> "".join(text_syllables("重庆市妇幼保健院"))
'chongqingshifuyoubaojianyuan'
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

import yaml
from pypinyin import lazy_pinyin

from compendium.text.hanzi import HAN

__all__ = [
    "place_syllables",
    "text_syllables",
    "initials",
    "sort_key",
    "index_letter",
    "slug_words",
    "is_han",
]

_HAN = re.compile(f"[{HAN}]")


def is_han(char: str) -> bool:
    """True for a CJK ideograph."""
    return bool(_HAN.match(char))


@lru_cache(maxsize=1)
def _readings() -> tuple[dict[str, str], dict[str, list[str]], int]:
    text = resources.files("compendium.data").joinpath("place_pinyin.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    chars = {k: v for k, v in data["characters"].items()}
    phrases = {k: v.split() for k, v in data["phrases"].items()}
    longest = max(len(k) for k in phrases)
    return chars, phrases, longest


def _convert(text: str, place: bool) -> list[str]:
    chars, phrases, longest = _readings()
    out: list[str] = []
    run_start = 0
    i = 0

    def flush(end: int) -> None:
        run = text[run_start:end]
        if not run:
            return
        syllables = lazy_pinyin(run, errors="default", v_to_u=False)
        if place:
            # lazy_pinyin yields one item per Han character, so positions line up
            # wherever the run is all Han; elsewhere leave its output alone.
            if all(is_han(c) for c in run):
                syllables = [chars.get(c, s) for c, s in zip(run, syllables)]
        out.extend(syllables)

    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            reading = phrases.get(text[i : i + size])
            if reading and len(reading) == size:
                flush(i)
                out.extend(reading)
                i += size
                run_start = i
                break
        else:
            i += 1
    flush(len(text))
    return [s for s in (x.strip() for x in out) if s]


@lru_cache(maxsize=65536)
def place_syllables(name: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of one administrative name (长春市 → chang chun shi)."""
    return tuple(_convert(name, place=True))


@lru_cache(maxsize=65536)
def text_syllables(text: str) -> tuple[str, ...]:
    """Toneless pinyin syllables of ordinary text; non-Han runs pass through."""
    return tuple(_convert(text, place=False))


def initials(syllables: tuple[str, ...] | list[str]) -> str:
    """First letter of each syllable: (bei, jing, da, xue) → bjdx."""
    return "".join(s[0] for s in syllables if s and s[0].isalnum()).lower()


def sort_key(text: str, syllables: tuple[str, ...] | None = None) -> tuple:
    """Key that sorts Chinese by pinyin, then by the text itself (never by code point first)."""
    syl = syllables if syllables is not None else text_syllables(text)
    return (" ".join(s.lower() for s in syl), text)


def index_letter(syllables: tuple[str, ...]) -> str:
    """The A–Z heading a name is filed under in a printed index; '#' for the rest."""
    for s in syllables:
        first = unicodedata.normalize("NFKD", s)[:1].upper()
        if "A" <= first <= "Z":
            return first
        if first.strip():
            return "#"
    return "#"


def slug_words(syllables: tuple[str, ...] | list[str]) -> str:
    """Join syllables into one ASCII word: (chang, chun) → changchun."""
    word = "".join(syllables).lower().replace("ü", "v")
    word = unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", word)
