"""Test helper: measure a PDF's text lines (pdfplumber) and ink (poppler's pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MM = 72 / 25.4


@dataclass
class Line:
    page: int  # 1-based
    top: float
    x0: float
    x1: float
    text: str
    size: float
    fonts: frozenset[str]


def lines(pdf_path: Path, size: float | None = None) -> list[Line]:
    """Every upright text line (characters grouped by rounded top), optionally of one font size only."""
    import pdfplumber

    out: list[Line] = []
    with pdfplumber.open(pdf_path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            rows: dict[int, list[dict[str, Any]]] = defaultdict(list)
            for ch in page.chars:
                if not ch.get("upright", True) or not ch["text"].strip():
                    continue
                if size is not None and abs(ch["size"] - size) > 0.2:
                    continue
                rows[round(ch["top"])].append(ch)
            for top in sorted(rows):
                chars = sorted(rows[top], key=lambda c: c["x0"])
                out.append(Line(number, min(c["top"] for c in chars), chars[0]["x0"], chars[-1]["x1"],
                                "".join(c["text"] for c in chars), max(c["size"] for c in chars),
                                frozenset(c["fontname"].split("+")[-1] for c in chars)))
    return out


def page_sizes(pdf_path: Path) -> list[tuple[float, float]]:
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return [(float(p.width), float(p.height)) for p in pdf.pages]


def chars(pdf_path: Path, page: int) -> list[dict[str, Any]]:
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        return list(pdf.pages[page - 1].chars)


def ink_box(pdf_path: Path, page: int, box: tuple[float, float, float, float],
            dpi: int = 288) -> tuple[float, float, float, float] | None:
    """Bounding box (x0, top, x1, bottom, in pt) of the dark pixels inside ``box`` on ``page``."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        raise RuntimeError("pdftoppm (poppler-utils) is needed to measure ink")
    scale = dpi / 72
    x0, top, x1, bottom = box
    cmd = [exe, "-r", str(dpi), "-f", str(page), "-l", str(page), "-gray",
           "-x", str(int(x0 * scale)), "-y", str(int(top * scale)),
           "-W", str(int((x1 - x0) * scale)), "-H", str(int((bottom - top) * scale)), str(pdf_path)]
    data = subprocess.run(cmd, capture_output=True, check=True).stdout
    # PGM (P5): header "P5\n<w> <h>\n<max>\n" then one byte a pixel.
    parts = data.split(b"\n", 3)
    width, height = (int(v) for v in parts[1].split())
    pixels = parts[3]
    dark_rows: list[int] = []
    dark_cols: list[int] = []
    for y in range(height):
        row = pixels[y * width:(y + 1) * width]
        cols = [x for x, v in enumerate(row) if v < 128]
        if cols:
            dark_rows.append(y)
            dark_cols.extend((cols[0], cols[-1]))
    if not dark_rows:
        return None
    ox, oy = int(x0 * scale), int(top * scale)
    return ((ox + min(dark_cols)) / scale, (oy + dark_rows[0]) / scale,
            (ox + max(dark_cols) + 1) / scale, (oy + dark_rows[-1] + 1) / scale)
