"""The form's grids: 表二, 表三 and 表四 laid out exactly as they are printed, with an input in every
number cell.

The layout is not written a second time: each table is filled with a probe (cell *k* holds the number
*k*), composed by :mod:`govreport.compose.statutory` like any report, and every number cell of the
composed grid is replaced by the input of the cell whose probe it prints. Merged header cells, row
groups and widths are therefore those of the official template the renderers print.

Every input carries its data path (``applications.table.new.6``), and the row and column labels the
checks name in a finding's location (``一、本年新收政府信息公开申请数量`` / ``总计``), so that the page
can put each finding at its cell.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from govreport.model.report import Report
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_COLUMNS,
    T3_LEAVES_FIXED,
    T3_NEW,
    T3_OTHER_2021,
    T3_OTHER_SINGLE,
    T3_TOTAL,
    T4_COLUMNS,
    T4_GROUPS,
    RowSpec,
    Table2_2019,
    Table2_2021,
    Table3,
    Table4,
    value,
)

Path = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class InputSpec:
    """One number cell of a table: where it lives in the report and how the checks name it."""

    path: Path
    row: str
    column: str
    r: int  # row and column for keyboard navigation and pasting (data rows only)
    c: int
    decimal: bool = False

    @property
    def dotted(self) -> str:
        return ".".join(str(p) for p in self.path)


@dataclass(frozen=True, slots=True)
class FormCell:
    kind: Literal["header", "label", "note", "input"]
    text: str = ""
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"
    input: InputSpec | None = None


@dataclass(frozen=True, slots=True)
class FormTable:
    name: str  # 表二 …, as in a finding's location
    section: str  # the report key of its section
    rows: tuple[tuple[FormCell, ...], ...]
    widths: tuple[float, ...]
    inputs: tuple[InputSpec, ...]


def _t2_inputs(edition: str) -> list[InputSpec]:
    blocks = T2_2021_BLOCKS if edition == "gb2021" else T2_2019_BLOCKS
    out: list[InputSpec] = []
    r = 0
    for block in blocks:
        for spec in block.rows:
            row = f"{block.heading} {spec.label}"
            n = len(block.columns)
            for i, column in enumerate(block.columns):
                path: Path = (spec.key,) if edition == "gb2021" and n == 1 else (spec.key, i)
                decimal = (spec.key == "fees" and edition == "gb2021") or (spec.key == "procurement" and i == 1)
                out.append(InputSpec(("active_disclosure", "table", *path), row, column, r, i, decimal))
            r += 1
    return out


def _t3_rows(edition: str) -> list[RowSpec]:
    others = list(T3_OTHER_2021) if edition == "gb2021" else [T3_OTHER_SINGLE]
    return [T3_NEW, T3_CARRIED_OVER, *T3_LEAVES_FIXED, *others, T3_TOTAL, T3_CARRIED_FORWARD]


def _t3_inputs(edition: str) -> list[InputSpec]:
    return [
        InputSpec(("applications", "table", *spec.path, c), spec.label, column, r, c)
        for r, spec in enumerate(_t3_rows(edition))
        for c, column in enumerate(T3_COLUMNS)
    ]


def _t4_name(spec: RowSpec) -> str:
    return f"{spec.group}（{spec.label}）" if spec.group else spec.label


def _t4_inputs() -> list[InputSpec]:
    return [
        InputSpec(("review_litigation", "table", spec.key, c), _t4_name(spec), column, 0, g * len(T4_COLUMNS) + c)
        for g, spec in enumerate(T4_GROUPS)
        for c, column in enumerate(T4_COLUMNS)
    ]


def set_path(data: dict[str, Any], path: Path, item: Any, lengths: dict[Path, int] | None = None) -> None:
    """Put ``item`` at ``path`` in nested dicts and lists, creating them (lists padded with None)."""
    cur: Any = data
    for i, key in enumerate(path[:-1]):
        nxt = path[i + 1]
        if isinstance(cur, dict):
            if key not in cur or cur[key] is None:
                cur[key] = [] if isinstance(nxt, int) else {}
            cur = cur[key]
        else:
            assert isinstance(key, int)
            while len(cur) <= key:
                cur.append(None)
            if cur[key] is None:
                cur[key] = [] if isinstance(nxt, int) else {}
            cur = cur[key]
    last = path[-1]
    if isinstance(cur, dict):
        cur[last] = item
    else:
        assert isinstance(last, int)
        while len(cur) <= last:
            cur.append(None)
        cur[last] = item


def _probe(inputs: list[InputSpec], skip: int) -> tuple[dict[str, Any], dict[str, InputSpec]]:
    data: dict[str, Any] = {}
    by_text: dict[str, InputSpec] = {}
    for k, spec in enumerate(inputs, start=1):
        set_path(data, spec.path[skip:], Decimal(k) if spec.decimal else k)
        by_text[str(k)] = spec
    return data, by_text


def _form_table(name: str, section: str, composed: Any, by_text: dict[str, InputSpec]) -> FormTable:
    rows = []
    for row in composed.rows:
        cells = []
        for cell in row:
            if cell.role == "number":
                spec = by_text[cell.text]
                cells.append(FormCell("input", "", cell.colspan, cell.rowspan, cell.align, spec))
            else:
                cells.append(FormCell(cell.role, cell.text, cell.colspan, cell.rowspan, cell.align))
        rows.append(tuple(cells))
    return FormTable(name, section, tuple(rows), composed.widths, tuple(by_text.values()))


@functools.cache
def form_tables(edition: str) -> tuple[FormTable, ...]:
    """表二, 表三 and 表四 of ``edition`` (gb2021 or gb2019) as form grids; () for legacy."""
    from govreport.compose.statutory import compose_table2, compose_table3, compose_table4

    if edition not in ("gb2021", "gb2019"):
        return ()
    t2_data, t2_map = _probe(_t2_inputs(edition), 2)
    t2 = (Table2_2021 if edition == "gb2021" else Table2_2019).model_validate(t2_data)
    t3_data, t3_map = _probe(_t3_inputs(edition), 2)
    t3 = Table3.model_validate(t3_data)
    t4_data, t4_map = _probe(_t4_inputs(), 2)
    t4 = Table4.model_validate(t4_data)
    return (
        _form_table("表二", "active_disclosure", compose_table2(t2), t2_map),
        _form_table("表三", "applications", compose_table3(t3), t3_map),
        _form_table("表四", "review_litigation", compose_table4(t4), t4_map),
    )


def _dotted(*path: str | int) -> str:
    return ".".join(str(p) for p in path)


def computed_totals(report: Report) -> dict[str, int]:
    """The totals the clerk left blank, as the other cells make them (data path → number): each 总计
    of 表三 and 表四, and （七）总计 column by column. Shown in the form, never written into the report."""
    out: dict[str, int] = {}
    t3 = report.applications.table if report.applications else None
    if t3 is not None:
        for spec, cells in t3.data_rows():
            if spec is T3_TOTAL:
                continue
            if cells[6] is None and any(c is not None for c in cells[:6]):
                out[_dotted("applications", "table", *spec.path, 6)] = sum(int(value(c)) for c in cells[:6])
        leaves = t3.result_leaves()
        for c in range(len(T3_COLUMNS)):
            column = [cells[c] for _, cells in leaves]
            if t3.total[c] is None and any(x is not None for x in column):
                out[_dotted("applications", "table", "total", c)] = sum(int(value(x)) for x in column)
    t4 = report.review_litigation.table if report.review_litigation else None
    if t4 is not None:
        for spec, cells in t4.groups():
            if cells[4] is None and any(c is not None for c in cells[:4]):
                out[_dotted("review_litigation", "table", spec.key, 4)] = sum(int(value(c)) for c in cells[:4])
    return out
