"""Units of Chinese official-document layout and their conversions (all to and from points)."""

from __future__ import annotations

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
TWIPS_PER_PT = 20.0

#: 字号 → points (GB/T 148 size names as used by Word/WPS).
ZIHAO = {
    "初号": 42.0,
    "小初": 36.0,
    "一号": 26.0,
    "小一": 24.0,
    "二号": 22.0,
    "小二": 18.0,
    "三号": 16.0,
    "小三": 15.0,
    "四号": 14.0,
    "小四": 12.0,
    "五号": 10.5,
    "小五": 9.0,
}


def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_INCH / MM_PER_INCH


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_INCH / PT_PER_INCH


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def twips_to_pt(twips: float) -> float:
    return twips / TWIPS_PER_PT


def mm_to_twips(mm: float) -> int:
    return round(mm_to_pt(mm) * TWIPS_PER_PT)


def pt_to_half_points(pt: float) -> int:
    return round(pt * 2)
