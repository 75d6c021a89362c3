"""Chinese numerals, heading ordinals and dates."""

from __future__ import annotations

import datetime as dt

_DIGITS = "〇一二三四五六七八九"


def is_wide(ch: str) -> bool:
    """Whether ``ch`` takes a whole 字 in a Chinese font: CJK, and the marks Chinese fonts set full width
    (“ ” ‘ ’ — … ·); everything else (digits, Latin, spaces) about half."""
    return ord(ch) >= 0x2E80 or ch in "—…“”‘’·"


def zh_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (ordinals up to 99)."""
    if not 1 <= n <= 99:
        raise ValueError(f"ordinal {n} out of range 1–99")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _DIGITS[ones]
    head = "十" if tens == 1 else _DIGITS[tens] + "十"
    return head + (_DIGITS[ones] if ones else "")


def ordinal(level: int, n: int) -> str:
    """The GB/T 9704 7.3.3 ordinal of the n-th heading at ``level``: 一、 / （一） / 1. / （1）."""
    match level:
        case 1:
            return f"{zh_number(n)}、"
        case 2:
            return f"（{zh_number(n)}）"
        case 3:
            return f"{n}."
        case 4:
            return f"（{n}）"
    raise ValueError(f"heading level {level} out of range 1–4")


def format_date(date: dt.date, locale: str = "zh_CN") -> str:
    """GB/T 9704 7.3.5.4: Arabic numerals, no leading zeros — 2017年1月20日 (via Babel's CLDR data)."""
    from babel.dates import format_date as babel_format_date

    return str(babel_format_date(date, format="long", locale=locale))
