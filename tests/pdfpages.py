"""Test helper for the PDF renderer: the pages of a PDF as lines (pdfplumber), body and page number apart."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

MM = 72 / 25.4
A4 = (210 * MM, 297 * MM)
LEFT = 28 * MM  # 订口
TOP = 37 * MM  # 天头
RIGHT = LEFT + 156 * MM  # right edge of the 版心: 521.57 pt
BOTTOM = TOP + 225 * MM  # bottom edge of the 版心: 742.68 pt
PITCH = 28.95
BODY_SIZE = 16.0
PAGE_NUMBER_SIZE = 14.0


@dataclass
class TextLine:
    page: int
    top: float
    x0: float
    x1: float
    size: float
    text: str
    widths: list[float]


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[TextLine]  # body text (not the page number), top to bottom
    folio: list[TextLine]  # the page number line(s)


def _f(char: dict[str, Any], key: str) -> float:
    return float(char[key])


def read_pages(path: Path) -> list[Page]:
    import pdfplumber

    pages: list[Page] = []
    with pdfplumber.open(path) as pdf:
        for n, page in enumerate(pdf.pages, start=1):
            rows: dict[float, list[dict[str, Any]]] = {}
            for ch in page.chars:
                key = round(_f(ch, "top"), 1)
                match = next((k for k in rows if abs(k - key) < 1.0), key)
                rows.setdefault(match, []).append(ch)
            lines = []
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: _f(c, "x0"))
                lines.append(TextLine(
                    page=n, top=min(_f(c, "top") for c in chars), x0=_f(chars[0], "x0"), x1=_f(chars[-1], "x1"),
                    size=max(_f(c, "size") for c in chars), text="".join(str(c["text"]) for c in chars),
                    widths=[_f(c, "x1") - _f(c, "x0") for c in chars],
                ))
            folio = [ln for ln in lines if ln.top > BOTTOM]
            body = [ln for ln in lines if ln.top <= BOTTOM]
            pages.append(Page(n, float(page.width), float(page.height), body, folio))
    return pages
