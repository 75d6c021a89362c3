"""Units of Chinese official-document layout and their conversions (all to and from points)."""

from __future__ import annotations

MM_PER_INCH = 25.4
PT_PER_INCH = 72.0
TWIPS_PER_PT = 20.0
EMU_PER_PT = 12700  # OOXML drawing units

def mm_to_pt(mm: float) -> float:
    return mm * PT_PER_INCH / MM_PER_INCH


def pt_to_mm(pt: float) -> float:
    return pt * MM_PER_INCH / PT_PER_INCH


def pt_to_twips(pt: float) -> int:
    return round(pt * TWIPS_PER_PT)


def twips_to_pt(twips: float) -> float:
    return twips / TWIPS_PER_PT


def pt_to_half_points(pt: float) -> int:
    return round(pt * 2)
