"""The renderer-neutral document tree.

Composition turns a :class:`~govreport.model.Report` into a :class:`Document`; renderers turn a
Document plus a style profile into bytes. A renderer never sees the report model: everything it
needs (ordinals, the title's line split, the statutory tables as merged grids, metadata, the
report's JSON for archival attachments) is here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

Align = Literal["left", "center", "right", "justify"]


@dataclass(frozen=True, slots=True)
class Title:
    """The document title, already split into lines (梯形 / 菱形, ≤ 20 字 a line)."""

    lines: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A heading of level 1–4; ``ordinal`` is the generated 一、 / （一） / 1. / （1）."""

    level: int
    ordinal: str
    text: str

    @property
    def full_text(self) -> str:
        return f"{self.ordinal}{self.text}"


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph. ``lead`` is a run-in heading printed in its heading's font before ``text``."""

    text: str
    lead: str = ""
    lead_level: int = 0
    indent: bool = True
    align: Align = "justify"

    @property
    def full_text(self) -> str:
        return f"{self.lead}{self.text}"


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell. ``role`` picks the font: header (表头), label (行标签), number."""

    text: str
    colspan: int = 1
    rowspan: int = 1
    role: Literal["header", "label", "number", "note"] = "number"
    align: Align = "center"


@dataclass(frozen=True, slots=True)
class Table:
    """A grid with merged cells. ``rows`` lists, per row, the cells that *start* in that row
    (as in HTML). The first ``header_rows`` rows repeat on every page. ``widths`` are relative."""

    rows: tuple[tuple[Cell, ...], ...]
    widths: tuple[float, ...]
    header_rows: int = 0
    caption: str = ""
    landscape: bool = False
    name: str = ""

    def placements(self) -> list[Placement]:
        """Every cell with its grid position, resolving row and column spans like HTML does.

        Raises ValueError when the spans do not tile the grid (a composition bug, never user input).
        """
        n_cols = len(self.widths)
        taken: set[tuple[int, int]] = set()
        out: list[Placement] = []
        for r, row in enumerate(self.rows):
            c = 0
            for cell in row:
                while (r, c) in taken:
                    c += 1
                if c + cell.colspan > n_cols:
                    raise ValueError(f"table {self.name!r}: row {r} overflows {n_cols} columns")
                for dr in range(cell.rowspan):
                    for dc in range(cell.colspan):
                        taken.add((r + dr, c + dc))
                out.append(Placement(r, c, cell))
                c += cell.colspan
        n_rows = len(self.rows)
        if len(taken) != n_rows * n_cols or any(r >= n_rows for r, _ in taken):
            raise ValueError(f"table {self.name!r}: cells do not tile a {n_rows} × {n_cols} grid")
        return out


@dataclass(frozen=True, slots=True)
class Placement:
    """A cell at its grid position (top-left corner of its span)."""

    row: int
    col: int
    cell: Cell


@dataclass(frozen=True, slots=True)
class Signature:
    """署名 and 成文日期 (dates already formatted: 2017年1月20日)."""

    body: str
    date: str


@dataclass(frozen=True, slots=True)
class AttachmentHeader:
    """Starts an attachment on a new page: "附件" top left (3号 黑体), its title centred on line 3."""

    label: str
    title: str


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Title | Heading | Paragraph | Table | Signature | AttachmentHeader | PageBreak


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str
    author: str
    subject: str = "政府信息公开工作年度报告"
    language: str = "zh-CN"
    keywords: tuple[str, ...] = ()
    date: dt.date = dt.date(2000, 1, 1)


@dataclass(frozen=True, slots=True)
class Document:
    """What renderers consume. ``data_json`` is the report's own JSON (PDF/A-3 attaches it)."""

    meta: Metadata
    blocks: tuple[Block, ...]
    data_json: str = ""
    stem: str = "report"

    def iter_text(self) -> list[str]:
        """Every printed string, in reading order (for coverage checks and tests)."""
        out: list[str] = []
        for block in self.blocks:
            match block:
                case Title(lines=lines):
                    out.extend(lines)
                case Heading():
                    out.append(block.full_text)
                case Paragraph():
                    out.append(block.full_text)
                case Table(rows=rows, caption=caption):
                    if caption:
                        out.append(caption)
                    out.extend(cell.text for row in rows for cell in row if cell.text)
                case Signature(body=body, date=date):
                    out.extend((body, date))
                case AttachmentHeader(label=label, title=title):
                    out.extend((label, title))
                case PageBreak():
                    pass
        return out
