"""Traditional and simplified characters.

The vocabularies (themes, regions, collections) are in simplified characters.
A name typed or pasted in traditional characters (合理膳食行動, 長春市) is not
silently matched: the check says which simplified name to write.  OpenCC's
phrase-aware table does the conversion (its t2s config).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

__all__ = [
    "to_simplified",
    "simplified_form",
    "traditional_variants",
    "traditional_table",
    "gb2312_characters",
    "gb2312_table_text",
    "HAN",
]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Han characters (CJK Unified Ideographs, Extension A, Compatibility Ideographs), for a regex character class."""


_HAN_CHAR = re.compile(f"[{HAN}]")


@lru_cache(maxsize=4)
def _converter(config: str = "t2s"):
    import opencc  # loaded only when needed: most checks never need it

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def traditional_variants(chars: Iterable[str]) -> dict[str, str]:
    """The traditional forms (OpenCC's standard, Taiwan and Hong Kong ones) of the simplified Han characters
    among `chars`, each mapped to its simplified character: the table a reader's query goes through.

    >>> traditional_variants("营养，abc")
    {'營': '营', '養': '养'}
    """
    han = sorted({c for c in chars if _HAN_CHAR.match(c)})
    back = _converter("t2s")
    table: dict[str, str] = {}
    for config in ("s2t", "s2tw", "s2hk"):
        # One call per table, one character per line, so that no two characters are read as a phrase.
        converted = _converter(config).convert("\n".join(han)).split("\n")
        if len(converted) != len(han):
            continue
        for simplified, traditional in zip(han, converted):
            if (
                len(traditional) == 1
                and ord(traditional) < 0x10000
                and traditional != simplified
                and back.convert(traditional) == simplified
            ):
                table[traditional] = simplified
    return dict(sorted(table.items()))


def simplified_form(text: str) -> str | None:
    """The simplified form of `text` when it is written (partly) in traditional characters, else None."""
    converted = to_simplified(text)
    return converted if converted != text else None


@lru_cache(maxsize=1)
def gb2312_characters() -> frozenset[str]:
    """The 6,763 Han characters of GB 2312, the simplified characters of everyday text."""
    chars = set()
    for high in range(0xB0, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                chars.add(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return frozenset(c for c in chars if _HAN_CHAR.match(c))


GB2312_TABLE = "traditional-gb2312.txt"
"""In the package's data: the traditional forms of the GB 2312 characters, computed once with OpenCC (loading
OpenCC's four tables took a fifth of a second of every build)."""


def gb2312_table_text() -> str:
    """The data file's text: each traditional character followed by its simplified one, on one line."""
    pairs = traditional_variants(gb2312_characters())
    return "".join(t + s for t, s in pairs.items()) + "\n"


@lru_cache(maxsize=1)
def _gb2312_table() -> dict[str, str]:
    from importlib import resources

    text = resources.files("compendium").joinpath("data", GB2312_TABLE).read_text("utf-8").strip()
    return {text[i]: text[i + 1] for i in range(0, len(text), 2)}


def traditional_table(chars: Iterable[str]) -> dict[str, str]:
    """Traditional → simplified for the GB 2312 characters (from the data file) and for those of `chars`
    outside it (with OpenCC, loaded only when there are some)."""
    table = dict(_gb2312_table())
    common = gb2312_characters()
    rare = {c for c in chars if c not in common and _HAN_CHAR.match(c)}
    if rare:
        table.update(traditional_variants(rare))
    return dict(sorted(table.items()))
