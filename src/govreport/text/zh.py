"""Chinese numerals, heading ordinals and dates."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

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


_TYPED_ORDINAL = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|"
    r"\d{1,2}\s*[.．、](?!\d)|[（(]\s*\d{1,2}\s*[）)])\s*"
)


def split_typed_ordinal(heading: str) -> tuple[str, str]:
    """A heading's hand-typed ordinal and the rest: ``"（一）主动公开情况"`` → ``("（一）", "主动公开情况")``.

    The ordinals of GB/T 9704 7.3.3 (一、 （一） 1. （1）, also with half-width brackets) are recognised;
    a heading that is only an ordinal, or has none, gives ``("", heading)``.
    """
    m = _TYPED_ORDINAL.match(heading)
    if m is None or m.end() == len(heading):
        return "", heading
    return m.group(0).strip(), heading[m.end():]


_ZH_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_ZH_UNIT = {"十": 10, "百": 100, "千": 1000}
#: The characters of a Chinese numeral as :func:`parse_zh_number` reads it.
ZH_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万"


def parse_zh_number(text: str) -> int | None:
    """A Chinese numeral as written in report text: 十七 → 17, 二百五十八 → 258, 一千零三 → 1003,
    三万二千 → 32000, 二〇二四 (digit by digit) → 2024. ``None`` when ``text`` is not one."""
    if not text or any(ch not in ZH_NUMERAL_CHARS for ch in text):
        return None
    if all(ch in _ZH_DIGIT for ch in text):  # 二〇二四, 七
        return int("".join(str(_ZH_DIGIT[ch]) for ch in text)) if len(text) > 1 or text in _ZH_DIGIT else None
    total, section, digit = 0, 0, None
    for ch in text:
        if ch in _ZH_DIGIT:
            if digit is not None and _ZH_DIGIT[ch] != 0:
                return None  # two digits without a unit between them
            digit = _ZH_DIGIT[ch] if _ZH_DIGIT[ch] else None
        elif ch in _ZH_UNIT:
            section += (1 if digit is None else digit) * _ZH_UNIT[ch]
            digit = None
        else:  # 万
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
    return total + section + (digit or 0)


_DATE_FORMS = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?"),  # 2025年1月20日
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})"),  # 2025-01-20, 2025-1-20, 2025/01/20, 2025.1.20
)


def parse_date(text: str) -> dt.date:
    """A date as people type it: 2025-01-20, 2025-1-20, 2025/01/20, 2025.1.20, 2025年1月20日 (full-width
    digits too). Every form puts the year first, so none is a guess. Raises ``ValueError`` with a
    message in the current language (the month has no such day, or the text is no date)."""
    from govreport.i18n import _
    from govreport.text.chars import clip

    plain = unicodedata.normalize("NFKC", text).strip(" \t")
    shown = clip(text, 30)
    for form in _DATE_FORMS:
        m = form.fullmatch(plain)
        if m is None:
            continue
        year, month, day = (int(g) for g in m.groups() if g.isdigit())
        if not 1 <= month <= 12:
            raise ValueError(_("「{text}」不是有效的日期：没有 {month} 月").format(text=shown, month=month))
        try:
            return dt.date(year, month, day)
        except ValueError:
            raise ValueError(_("「{text}」不是有效的日期：{month}月没有{day}日").format(
                text=shown, month=month, day=day)) from None
    raise ValueError(_("「{text}」不是日期；请写成 2025-01-20 或 2025年1月20日").format(text=shown))
