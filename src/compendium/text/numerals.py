"""Chinese numerals as used in case collections (案例十八, 第二十一)."""

from __future__ import annotations

__all__ = ["chinese_number", "parse_chinese_number", "chinese_date", "chinese_month"]

_DIGITS = "零一二三四五六七八九"
_UNITS = [(1000, "千"), (100, "百"), (10, "十")]


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 18 → 十八, 21 → 二十一, 105 → 一百零五.

    >>> [chinese_number(n) for n in (1, 10, 18, 21, 105, 110)]
    ['一', '十', '十八', '二十一', '一百零五', '一百一十']
    """
    if n <= 0 or n >= 10000:
        return str(n)
    out = ""
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                out += "零"
            if not (value == 10 and digit == 1 and not out):
                out += _DIGITS[digit]
            out += unit
            pending_zero = False
        elif out:
            pending_zero = True
    if rest:
        if pending_zero:
            out += "零"
        out += _DIGITS[rest]
    return out


def parse_chinese_number(text: str) -> int | None:
    """十八 → 18, 二〇二一 → 2021 (digit by digit), anything else → None.

    >>> [parse_chinese_number(t) for t in ("一", "十", "十八", "二十一", "一百零五", "二〇二一", "abc")]
    [1, 10, 18, 21, 105, 2021, None]
    """
    digits = {c: i for i, c in enumerate(_DIGITS)}
    digits["〇"] = 0
    digits["两"] = 2
    units = {"十": 10, "百": 100, "千": 1000}
    if not text or any(c not in digits and c not in units for c in text):
        return None
    if not any(c in units for c in text):
        return int("".join(str(digits[c]) for c in text))
    total, current = 0, 0
    for c in text:
        if c in digits:
            current = digits[c]
        else:
            total += (current or 1) * units[c]
            current = 0
    return total + current


def chinese_date(day) -> str:
    """A date as official documents write it: 2024-12-10 → 2024年12月10日."""
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_month(day) -> str:
    """A month as an edition's cover gives it, in the Arabic digits of GB/T 9704-2012: 2026-11-29 → 2026年11月."""
    return f"{day.year}年{day.month}月"
