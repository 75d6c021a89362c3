"""The statutory part of a gb2019 / gb2021 report → document blocks: the six headings, their text
and 表二 / 表三 / 表四 as merged grids laid out like the official templates.

Layout decisions (the templates are Word tables printed on A4 portrait):

* 表二 is one 4-column grid of sub-tables, each opened by a full-width row (第二十条第（一）项);
  a sub-table with fewer value columns spans its cells over the three value columns.
  No repeating header (every sub-table has its own).
* 表三 is a 10-column grid (3 label columns + the 7 numeric columns) with the 勾稽 note in the
  3 × 3 corner, “三、本年度办理结果” spanning its 22 rows (20 in the 2019 form) and the groups
  （三）（四）（五）（六） spanning theirs; the 3 header rows repeat on every page. Portrait, with
  relative widths that give the long row labels room.
* 表四 is a 15-column grid with 3 header rows (行政复议 / 行政诉讼 → 未经复议直接起诉, 复议后起诉 →
  结果维持 …); portrait like the template: the narrow header cells wrap.

Blank cells print “0”; numbers are printed plainly (no thousands separators, decimals as typed).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from govreport import document as d
from govreport.model.blocks import Block
from govreport.model.report import Report
from govreport.model.tables import (
    SECTION_TITLES,
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T2_CONTENT,
    T3_APPLICANTS,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_COLUMNS,
    T3_GROUP_SIZES,
    T3_LEGAL_PERSONS,
    T3_NEW,
    T3_NOTE,
    T3_RESULTS,
    T3_TOTAL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    Statistics,
    Table2_2019,
    Table2_2021,
    Table3,
    Table4,
)

__all__ = [
    "ComposeBlocks",
    "compose_statistics",
    "compose_statutory_sections",
    "compose_table2",
    "compose_table3",
    "compose_table4",
    "format_cell",
]

ComposeBlocks = Callable[[Sequence[Block], int], list[d.Block]]
"""The main composer's ``compose_blocks(blocks, level)``: content blocks whose sub-headings take
heading level ``level`` → document blocks."""


def format_cell(cell: int | Decimal | None) -> str:
    """A cell as printed: blank → "0", integers plainly, decimals as typed."""
    if cell is None:
        return "0"
    if isinstance(cell, Decimal):
        return format(cell, "f")
    return str(cell)


def _num(cell: int | Decimal | None, colspan: int = 1) -> d.Cell:
    return d.Cell(format_cell(cell), colspan=colspan, role="number")


def _head(text: str, colspan: int = 1, rowspan: int = 1) -> d.Cell:
    return d.Cell(text, colspan=colspan, rowspan=rowspan, role="header")


def _label(text: str, colspan: int = 1, rowspan: int = 1, align: d.Align = "left") -> d.Cell:
    return d.Cell(text, colspan=colspan, rowspan=rowspan, role="label", align=align)


# --- 表二 --------------------------------------------------------------------------------------


def _spans(n: int, width: int = 3) -> list[int]:
    """Spread ``n`` value cells over ``width`` grid columns (the last one takes the rest)."""
    return [1] * (n - 1) + [width - (n - 1)]


def compose_table2(table: Table2_2021 | Table2_2019) -> d.Table:
    blocks = T2_2021_BLOCKS if isinstance(table, Table2_2021) else T2_2019_BLOCKS
    unit = table.procurement_unit if isinstance(table, Table2_2019) else None
    rows: list[tuple[d.Cell, ...]] = []
    for block in blocks:
        spans = _spans(len(block.columns))
        rows.append((_head(block.heading, colspan=4),))
        heads = (_head(c, colspan=s) for c, s in zip(block.columns, spans, strict=True))
        rows.append((_head(T2_CONTENT), *heads))
        for spec in block.rows:
            raw = getattr(table, spec.key)
            cells: tuple[int | Decimal | None, ...] = raw if isinstance(raw, tuple) else (raw,)
            printed = [_num(c, s) for c, s in zip(cells, spans, strict=True)]
            if spec.key == "procurement" and unit:
                printed[-1] = d.Cell(printed[-1].text + unit, colspan=printed[-1].colspan, role="number")
            rows.append((_label(spec.label), *printed))
    return d.Table(rows=tuple(rows), widths=(3.0, 2.0, 2.0, 2.0), header_rows=0, name="表二")


# --- 表三 --------------------------------------------------------------------------------------

T3_WIDTHS: tuple[float, ...] = (1.0, 1.6, 4.4, 1.3, 1.2, 1.2, 1.2, 1.2, 1.2, 1.3)
"""Relative widths of 表三's 10 grid columns (3 label columns, 7 numbers)."""


def _numbers(cells: Sequence[int | None]) -> tuple[d.Cell, ...]:
    return tuple(_num(c) for c in cells)


def compose_table3(table: Table3) -> d.Table:
    numbers = _numbers
    note = d.Cell(T3_NOTE, colspan=3, rowspan=3, role="note", align="left")
    rows: list[tuple[d.Cell, ...]] = [
        (note, _head(T3_APPLICANTS, colspan=7)),
        (
            _head(T3_COLUMNS[0], rowspan=2),
            _head(T3_LEGAL_PERSONS, colspan=5),
            _head(T3_COLUMNS[6], rowspan=2),
        ),
        tuple(_head(c) for c in T3_COLUMNS[1:6]),
        (_label(T3_NEW.label, colspan=3), *numbers(table.new)),
        (_label(T3_CARRIED_OVER.label, colspan=3), *numbers(table.carried_over)),
    ]
    leaves = table.result_leaves()
    result_rows = len(leaves) + 1  # + （七）总计
    seen_groups: set[str] = set()
    for i, (spec, cells) in enumerate(leaves):
        lead: list[d.Cell] = []
        if i == 0:
            lead.append(_label(T3_RESULTS, rowspan=result_rows, align="center"))
        if spec.group is None:
            lead.append(_label(spec.label, colspan=2))
        elif spec.group not in seen_groups:
            seen_groups.add(spec.group)
            group = _label(spec.group, rowspan=T3_GROUP_SIZES[spec.group], align="center")
            lead += [group, _label(spec.label)]
        else:
            lead.append(_label(spec.label))
        rows.append((*lead, *numbers(cells)))
    rows.append((_label(T3_TOTAL.label, colspan=2), *numbers(table.total)))
    rows.append((_label(T3_CARRIED_FORWARD.label, colspan=3), *numbers(table.carried_forward)))
    return d.Table(rows=tuple(rows), widths=T3_WIDTHS, header_rows=3, name="表三")


# --- 表四 --------------------------------------------------------------------------------------


def compose_table4(table: Table4) -> d.Table:
    review, direct, after = T4_GROUPS
    rows: tuple[tuple[d.Cell, ...], ...] = (
        (_head(review.label, colspan=5, rowspan=2), _head(T4_LITIGATION, colspan=10)),
        (_head(direct.label, colspan=5), _head(after.label, colspan=5)),
        tuple(_head(c) for _ in range(3) for c in T4_COLUMNS),
        tuple(_num(c) for c in table.cells()),
    )
    return d.Table(rows=rows, widths=(1.0,) * 15, header_rows=3, name="表四")


# --- 附表 统计表 (legacy) -----------------------------------------------------------------------


def compose_statistics(statistics: Statistics) -> d.Table:
    """The legacy 附表 as a 3-column table (统计指标, 单位, 统计数) with its title as caption."""
    rows: list[tuple[d.Cell, ...]] = [(_head("统计指标"), _head("单位"), _head("统计数"))]
    rows += [(_label(r.indicator), d.Cell(r.unit, role="label"), _num(r.value)) for r in statistics.rows]
    return d.Table(
        rows=tuple(rows), widths=(6.0, 1.2, 1.8), header_rows=1, caption=statistics.title, name="统计表"
    )


# --- the six sections --------------------------------------------------------------------------


def compose_statutory_sections(report: Report, compose_blocks: ComposeBlocks) -> list[d.Block]:
    """一、总体情况 … 六、其他需要报告的事项 with their text and tables (empty for a legacy report).

    ``compose_blocks(blocks, level)`` turns the report's own text blocks into document blocks; it is
    called with ``level=2`` (sub-headings of a section are （一）…). A section or table that is
    missing is left out (the checks report it as an error).
    """
    if not report.edition.statutory:
        return []
    composers = {"表二": compose_table2, "表三": compose_table3, "表四": compose_table4}
    out: list[d.Block] = []
    for part in report.parts():
        out.append(d.Heading(1, *SECTION_TITLES[part.index - 1]))
        out.extend(compose_blocks(part.content, 2))
        if part.table is not None and part.table_name is not None:
            out.append(composers[part.table_name](part.table))  # type: ignore[operator]
    return out
