"""Traditional and simplified characters.

The vocabularies (themes, regions, collections) are in simplified characters.
A name typed or pasted in traditional characters (合理膳食行動, 長春市) is not
silently matched: the check says which simplified name to write.  OpenCC's
phrase-aware table does the conversion (its t2s config).
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["to_simplified", "simplified_form", "HAN"]

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""Han characters (CJK Unified Ideographs, Extension A, Compatibility Ideographs), for a regex character class."""


@lru_cache(maxsize=1)
def _converter():
    import opencc  # loaded only when a name did not match: most checks never need it

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    return _converter().convert(text)


def simplified_form(text: str) -> str | None:
    """The simplified form of `text` when it is written (partly) in traditional characters, else None."""
    converted = to_simplified(text)
    return converted if converted != text else None
