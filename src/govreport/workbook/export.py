"""A report (or the blank template of an edition) → an Excel workbook (.xlsx), written with XlsxWriter.

Sheets: 基本信息 (identity), 正文 (the narrative, one paragraph or heading per row), 表二 / 表三 / 表四
(laid out from the composed grids, so labels and merged cells are those the DOCX and PDF print),
统计表 for a legacy report that has one.

Label cells are locked and number cells unlocked; the sheets are protected without a password (a
clerk can still insert rows and sort). Number cells carry data validation (whole numbers ≥ 0; 万元
amounts with decimals; 2019 本年增/减 any whole number). Totals are formulas written with their
computed value stored, so a program that does not calculate reads the right number; a total that
the report gives differently from the sum of its parts is written as the number given (the 勾稽
status cell beside it shows the difference). XlsxWriter is used for writing because it stores a
formula's value; :mod:`govreport.readers.xlsx` reads with openpyxl.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from govreport.compose.statutory import compose_statistics, compose_table2, compose_table3, compose_table4
from govreport.document import Table
from govreport.errors import InputError
from govreport.i18n import _
from govreport.model.editions import Edition
from govreport.model.report import BodyLevel, Report
from govreport.model.tables import (
    Statistics,
    Table2_2019,
    Table2_2021,
    Table3,
    Table4,
    section_title,
    value,
)
from govreport.text.zh import is_wide
from govreport.workbook.layout import (
    INFO_LIST,
    INFO_ROWS,
    INSERT_CONTACT,
    KIND_ATTACHMENT,
    KIND_HEADING,
    KIND_INSERT,
    KIND_PARAGRAPH,
    PART_PREAMBLE,
    PART_SECTIONS,
    SHEET_INFO,
    SHEET_STATISTICS,
    SHEET_T2,
    SHEET_T3,
    SHEET_T4,
    SHEET_TEXT,
    STATUS_DIFF,
    STATUS_OK,
    TEXT_COLUMNS,
    Slot,
    t2_slots,
    t3_slots,
    t4_slots,
)

__all__ = ["export_workbook", "new_workbook", "table2_sheet", "table3_sheet", "table4_sheet", "template_workbook"]

Cellvalue = int | Decimal | None

#: Sheet protection: no password; inserting rows, sorting and formatting stay allowed.
_PROTECTION = {
    "insert_rows": True,
    "delete_rows": True,
    "sort": True,
    "autofilter": True,
    "format_columns": True,
    "format_rows": True,
    "select_locked_cells": True,
    "select_unlocked_cells": True,
}
_FONT = "宋体"
_LINE_PT = 13.5  # the height of one line of 10 pt text
#: The most characters an Excel cell holds.
MAX_CELL_CHARS = 32767


def col_name(c: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    name = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


def ref(r: int, c: int) -> str:
    """A cell reference (0-based row and column) → ``J9``."""
    return f"{col_name(c)}{r + 1}"


class _Formats:
    """The cell formats of one workbook (XlsxWriter formats belong to their workbook)."""

    def __init__(self, wb: Any) -> None:
        base = {"font_name": _FONT, "font_size": 10, "border": 1, "valign": "vcenter", "text_wrap": True}
        self.header = wb.add_format({**base, "bold": True, "align": "center"})
        self.label = wb.add_format({**base, "align": "left"})
        self.center = wb.add_format({**base, "align": "center"})
        self.note = wb.add_format({**base, "align": "left", "font_size": 9})
        self.number = wb.add_format({**base, "align": "right", "locked": False, "num_format": "0"})
        self.total = wb.add_format({**base, "align": "right", "locked": False, "num_format": "0",
                                    "bg_color": "#F2F2F2"})
        self.status = wb.add_format({**base, "align": "center", "italic": True, "font_color": "#7F7F7F"})
        self.plain = wb.add_format({"font_name": _FONT, "font_size": 10, "text_wrap": True, "valign": "top"})
        self.key = wb.add_format({"font_name": _FONT, "font_size": 10, "bold": True, "valign": "top"})
        self.editable = wb.add_format({"font_name": _FONT, "font_size": 10, "text_wrap": True, "valign": "top",
                                       "locked": False})
        self.date = wb.add_format({"font_name": _FONT, "font_size": 10, "locked": False,
                                   "num_format": "yyyy-mm-dd", "align": "left"})
        self._wb = wb
        self._decimals: dict[int, Any] = {}

    def amount(self, places: int) -> Any:
        """A number cell showing ``places`` decimals (the decimals a money amount was typed with)."""
        if places not in self._decimals:
            fmt = "0." + "0" * places if places else "0"
            self._decimals[places] = self._wb.add_format(
                {"font_name": _FONT, "font_size": 10, "border": 1, "valign": "vcenter", "align": "right",
                 "locked": False, "num_format": fmt})
        return self._decimals[places]

    def role(self, role: str, align: str) -> Any:
        if role == "header":
            return self.header
        if role == "note":
            return self.note
        return self.center if align == "center" else self.label


def _places(v: Decimal) -> int:
    exp = v.as_tuple().exponent
    return -exp if isinstance(exp, int) and exp < 0 else 0


def _number(v: int | Decimal) -> int | float:
    return v if isinstance(v, int) else float(v) if v != v.to_integral_value() else int(v)


def _exact(v: int | Decimal) -> bool:
    """True when a spreadsheet number (a double) holds ``v`` exactly as typed: at most 15 digits."""
    digits = Decimal(v).as_tuple().digits
    return len(digits) <= 15


def _validation(kind: str) -> dict[str, Any]:
    if kind == "amount":
        return {"validate": "decimal", "criteria": ">=", "value": 0, "error_title": "金额",
                "error_message": "请填写不小于 0 的数（万元、元可带小数）"}
    if kind == "signed":
        return {"validate": "integer", "criteria": "between", "minimum": -(2**31 - 1), "maximum": 2**31 - 1,
                "error_title": "本年增/减", "error_message": "请填写整数（减少时为负数）"}
    return {"validate": "integer", "criteria": ">=", "value": 0, "error_title": "件数",
            "error_message": "请填写不小于 0 的整数"}


def _lay_grid(ws: Any, fmts: _Formats, grid: Table, top: int) -> list[tuple[int, int, int]]:
    """Write a composed grid's text cells from row ``top``; return the number cells as (row, col, colspan)
    in reading order."""
    numbers: list[tuple[int, int, int]] = []
    for p in grid.placements():
        r, c, cell = top + p.row, p.col, p.cell
        if cell.role == "number":
            if cell.colspan > 1 or cell.rowspan > 1:
                ws.merge_range(r, c, r + cell.rowspan - 1, c + cell.colspan - 1, "", fmts.number)
            numbers.append((r, c, cell.colspan))
            continue
        fmt = fmts.role(cell.role, cell.align)
        if cell.colspan > 1 or cell.rowspan > 1:
            ws.merge_range(r, c, r + cell.rowspan - 1, c + cell.colspan - 1, cell.text, fmt)
        else:
            ws.write_string(r, c, cell.text, fmt)
    return numbers


def _widths(ws: Any, grid: Table, total: float, top: int = 0) -> None:
    """Column widths in proportion to the grid's, ``total`` character units in all; rows whose labels
    wrap get the height of their lines (no spreadsheet program fits row heights when it opens a file)."""
    scale = total / sum(grid.widths)
    widths = [round(w * scale, 1) for w in grid.widths]
    for c, w in enumerate(widths):
        ws.set_column(c, c, w)
    lines: dict[int, int] = {}
    for p in grid.placements():
        if p.cell.rowspan > 1 or p.cell.role == "number":
            continue
        room = sum(widths[p.col:p.col + p.cell.colspan]) - 1
        units = sum(2 if is_wide(ch) else 1 for ch in p.cell.text)
        lines[top + p.row] = max(lines.get(top + p.row, 1), math.ceil(units / max(room, 1)))
    for r, n in lines.items():
        if n > 1:
            ws.set_row(r, _LINE_PT * n + 3)


def _print_setup(ws: Any, *, landscape: bool) -> None:
    """A4, one page wide, the table's header rows repeated."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    ws.fit_to_pages(1, 0)


def _write_numbers(
    wb: Any, ws: Any, fmts: _Formats, sheet: str, slots: Sequence[tuple[Slot, Cellvalue]],
    places: Sequence[tuple[int, int, int]],
) -> dict[tuple[str, int], tuple[int, int]]:
    """Write the number cells (plain numbers, or formulas with their value for totals); define a name
    for each; return where each slot went."""
    where = {slot.key: (r, c) for (slot, _), (r, c, _span) in zip(slots, places, strict=True)}
    values = {slot.key: cell for slot, cell in slots}
    for (slot, cell), (r, c, span) in zip(slots, places, strict=True):
        ws.data_validation(r, c, r, c + span - 1, _validation(slot.kind))
        name = _defined_name(sheet, slot)
        wb.define_name(name, f"='{sheet}'!${col_name(c)}${r + 1}")
        if cell is not None and not _exact(cell):  # beyond a double's 15 digits: as text, read back exactly
            ws.write_string(r, c, format(cell, "f") if isinstance(cell, Decimal) else str(cell), fmts.number)
            continue
        if slot.parts:
            computed = sum(int(value(values[k])) for k in slot.parts)
            if cell == computed:  # a total that adds up is a formula (a blank or wrong one stays as given)
                refs = ",".join(ref(*where[k]) for k in slot.parts)
                ws.write_formula(r, c, f"=SUM({refs})", fmts.total, computed)
                continue
        if cell is None:
            ws.write_blank(r, c, None, fmts.number)
        elif isinstance(cell, Decimal):
            ws.write_number(r, c, _number(cell), fmts.amount(_places(cell)))
        else:
            ws.write_number(r, c, cell, fmts.total if slot.parts else fmts.number)
    return where


def _defined_name(sheet: str, slot: Slot) -> str:
    """``表三_本年新收_总计``: the sheet, the row key path and the column, letters and digits only."""
    row = slot.key[0].replace(".", "_")
    column = "".join(ch for ch in slot.column if ch.isalnum())
    column = column.replace("单位万元", "")
    return f"{''.join(ch for ch in sheet if ch.isalnum())}_{row}_{column}"


def _write_status(ws: Any, fmts: _Formats, r: int, c: int, left: str, right: str, diff: int) -> None:
    """A 勾稽 status cell: 正确, or 差 and the difference (left − right); its value stored."""
    formula = f'=IF(({left})=({right}),"{STATUS_OK}","{STATUS_DIFF}"&(({left})-({right})))'
    ws.write_formula(r, c, formula, fmts.status, STATUS_OK if diff == 0 else f"{STATUS_DIFF}{diff}")


# --- sheets ----------------------------------------------------------------------------------------


def _table_sheet(
    wb: Any, fmts: _Formats, title: str, grid: Table, slots: Sequence[tuple[Slot, Cellvalue]], width: float,
    *, landscape: bool,
) -> tuple[Any, dict[tuple[str, int], tuple[int, int]]]:
    """A sheet holding one statutory table: the composed grid laid out, its number cells written and
    named, column widths and print setup; returns the sheet and where each number cell is."""
    ws = wb.add_worksheet(title)
    places = _lay_grid(ws, fmts, grid, 0)
    where = _write_numbers(wb, ws, fmts, title, slots, places)
    _widths(ws, grid, width)
    _print_setup(ws, landscape=landscape)
    return ws, where


def table2_sheet(wb: Any, fmts: _Formats, table: Table2_2021 | Table2_2019, title: str = SHEET_T2) -> None:
    """表二 on a sheet of its own (``title``), laid out like the template."""
    ws, where = _table_sheet(wb, fmts, title, compose_table2(table), t2_slots(table), 60, landscape=False)
    ws.set_column(4, 4, 10)
    if isinstance(table, Table2_2019):
        r, _c = where[("procurement", 1)]
        ws.write_string(r - 1, 4, "采购金额单位", fmts.header)
        ws.write(r, 4, table.procurement_unit or "", fmts.number)
        ws.data_validation(r, 4, r, 4, {"validate": "list", "source": ["元", "万元"]})
    ws.protect("", _PROTECTION)


def table3_sheet(wb: Any, fmts: _Formats, table: Table3, title: str = SHEET_T3) -> None:
    """表三 on a sheet of its own, with a 勾稽 status cell per row and two rows of column rules below."""
    grid, slots = compose_table3(table), t3_slots(table)
    ws, where = _table_sheet(wb, fmts, title, grid, slots, 110, landscape=True)
    values = {slot.key: cell for slot, cell in slots}
    status_col = len(grid.widths)
    ws.set_column(status_col, status_col, 14)
    ws.merge_range(0, status_col, grid.header_rows - 1, status_col, "勾稽（总计＝各类申请人之和）", fmts.header)

    def num(key: tuple[str, int]) -> int:
        return int(value(values[key]))

    rows = table.data_rows()
    for spec, _cells in rows:
        key = ".".join(spec.path)
        r, c_total = where[(key, 6)]
        left = ref(r, c_total)
        right = f"SUM({ref(*where[(key, 0)])}:{ref(*where[(key, 5)])})"
        _write_status(ws, fmts, r, status_col, left, right, num((key, 6)) - sum(num((key, i)) for i in range(6)))
    # The column rules below the table: （七）总计 = （一）…（六）, and 一 + 二 = （七） + 四.
    last = max(r for r, _c in where.values())
    r_total, r_balance = last + 2, last + 3
    ws.merge_range(r_total, 0, r_total, 2, "勾稽：（七）总计＝（一）至（六）各项之和", fmts.label)
    ws.merge_range(r_balance, 0, r_balance, 2, "勾稽：一＋二＝（七）总计＋四", fmts.label)
    leaves = [".".join(spec.path) for spec, _ in table.result_leaves()]
    for col in range(7):
        total = ("total", col)
        parts = ",".join(ref(*where[(k, col)]) for k in leaves)
        diff = num(total) - sum(num((k, col)) for k in leaves)
        _write_status(ws, fmts, r_total, where[total][1], ref(*where[total]), f"SUM({parts})", diff)
        new, old, fwd = ("new", col), ("carried_over", col), ("carried_forward", col)
        left = f"{ref(*where[new])}+{ref(*where[old])}"
        right = f"{ref(*where[total])}+{ref(*where[fwd])}"
        diff = num(new) + num(old) - num(total) - num(fwd)
        _write_status(ws, fmts, r_balance, where[total][1], left, right, diff)
    ws.repeat_rows(0, grid.header_rows - 1)
    ws.freeze_panes(grid.header_rows, 3)
    ws.protect("", _PROTECTION)


def table4_sheet(wb: Any, fmts: _Formats, table: Table4, title: str = SHEET_T4) -> None:
    """表四 on a sheet of its own, with a 勾稽 status cell per group to the right."""
    grid, slots = compose_table4(table), t4_slots(table)
    ws, where = _table_sheet(wb, fmts, title, grid, slots, 120, landscape=True)
    values = {slot.key: cell for slot, cell in slots}
    first = len(grid.widths)
    data_row = max(r for r, _c in where.values())
    for i, (spec, cells) in enumerate(table.groups()):
        c = first + i
        ws.set_column(c, c, 14)
        ws.write_string(data_row - 1, c, f"勾稽：{spec.label}", fmts.header)
        total = ref(*where[(spec.key, 4)])
        parts = f"SUM({ref(*where[(spec.key, 0)])}:{ref(*where[(spec.key, 3)])})"
        diff = int(value(values[(spec.key, 4)])) - sum(int(value(x)) for x in cells[:4])
        _write_status(ws, fmts, data_row, c, total, parts, diff)
    ws.protect("", _PROTECTION)


def _sheet_statistics(wb: Any, fmts: _Formats, statistics: Statistics) -> None:
    ws = wb.add_worksheet(SHEET_STATISTICS)
    grid = compose_statistics(statistics)
    ws.merge_range(0, 0, 0, 2, statistics.title, fmts.header)
    places = _lay_grid(ws, fmts, grid, 1)
    for (r, c, _span), row in zip(places, statistics.rows, strict=True):
        money = row.unit in ("元", "万元")
        ws.data_validation(r, c, r, c, _validation("amount" if money else "count"))
        if row.value is None:
            ws.write_blank(r, c, None, fmts.number)
        else:
            ws.write_number(r, c, _number(row.value), fmts.amount(_places(row.value)))
    _widths(ws, grid, 70, top=1)
    ws.protect("", _PROTECTION)


def _sheet_info(wb: Any, fmts: _Formats, data: Mapping[str, Any]) -> None:
    ws = wb.add_worksheet(SHEET_INFO)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 1, 90)
    ws.write_string(0, 0, "项目", fmts.key)
    ws.write_string(0, 1, "内容", fmts.key)
    r = 1
    rows: dict[str, int] = {}
    for label, path in INFO_ROWS:
        item: Any = data
        for key in path:
            item = item.get(key) if isinstance(item, Mapping) else None
        items = (item or [None]) if label == INFO_LIST else [item]
        rows.setdefault(label, r)
        for one in items:
            ws.write_string(r, 0, label, fmts.key)
            if isinstance(one, dt.date):
                ws.write_datetime(r, 1, dt.datetime(one.year, one.month, one.day), fmts.date)
            elif isinstance(one, int) and not isinstance(one, bool):
                ws.write_number(r, 1, one, fmts.editable)
            elif one is None:
                ws.write_blank(r, 1, None, fmts.editable)
            else:
                ws.write_string(r, 1, str(one), fmts.editable)
            r += 1
    ws.data_validation(rows["版本"], 1, rows["版本"], 1, {"validate": "list", "source": [e.value for e in Edition]})
    levels = [level.value for level in BodyLevel]
    ws.data_validation(rows["机关层级"], 1, rows["机关层级"], 1, {"validate": "list", "source": levels})
    ws.data_validation(rows["年度"], 1, rows["年度"], 1, {"validate": "integer", "criteria": "between",
                                                        "minimum": 2008, "maximum": 2100})
    ws.protect("", _PROTECTION)


def _text_rows(part: str, blocks: Iterable[Any], level: int) -> list[tuple[str, str, int, str, str]]:
    """The 正文 rows of a block list whose paragraphs sit at ``level`` (sub-headings one below)."""
    out: list[tuple[str, str, int, str, str]] = []
    for block in blocks:
        if isinstance(block, str):
            out.append((part, KIND_PARAGRAPH, level, "", block))
        elif "插入" in block:
            out.append((part, KIND_INSERT, level, "", INSERT_CONTACT))
        else:
            out.append((part, KIND_HEADING, level + 1, "是" if block.get("接排") else "", block["标题"]))
            out += _text_rows(part, block.get("内容", []), level + 1)
    return out


def text_rows(data: Mapping[str, Any]) -> list[tuple[str, str, int, str, str]]:
    """Every row of the 正文 sheet, from the report's data (Chinese keys)."""
    rows = _text_rows(PART_PREAMBLE, data.get("开头", []), 1)
    for section in data.get("章节", []):
        rows.append((PART_SECTIONS, KIND_HEADING, 1, "", section["标题"]))
        rows += _text_rows(PART_SECTIONS, section.get("内容", []), 1)
    parts = [
        (1, data.get("总体情况")),
        (2, (data.get("主动公开") or {}).get("内容")),
        (3, (data.get("依申请公开") or {}).get("内容")),
        (4, (data.get("复议诉讼") or {}).get("内容")),
        (5, data.get("存在问题")),
        (6, data.get("其他事项")),
    ]
    for index, blocks in parts:
        rows += _text_rows(section_title(index), blocks or [], 1)
    for attachment in data.get("附件", []):
        label = attachment.get("标签") or "附件"
        rows.append((label, KIND_ATTACHMENT, 1, "", attachment["标题"]))
        rows += _text_rows(label, attachment.get("内容", []), 1)
    return rows


def _sheet_text(wb: Any, fmts: _Formats, data: Mapping[str, Any]) -> None:
    ws = wb.add_worksheet(SHEET_TEXT)
    for c, (name, width) in enumerate(zip(TEXT_COLUMNS, (26, 8, 6, 6, 100), strict=True)):
        ws.write_string(0, c, name, fmts.key)
        ws.set_column(c, c, width)
    for r, row in enumerate(text_rows(data), start=1):
        if len(row[4]) > MAX_CELL_CHARS:  # Excel would cut it off: refuse rather than lose text
            message = _("{part}中有一段 {count} 字，超过 Excel 单元格的上限 {max} 字，不能导出为工作簿；请分段")
            raise InputError(message.format(part=row[0], count=len(row[4]), max=MAX_CELL_CHARS), code="size")
        units = sum(2 if is_wide(ch) else 1 for ch in row[4])
        lines = math.ceil(units / 98)
        if lines > 1:
            ws.set_row(r, min(409.0, _LINE_PT * lines + 3))  # 409 pt: the tallest row Excel allows
        for c, item in enumerate(row):
            if isinstance(item, int):
                ws.write_number(r, c, item, fmts.editable)
            else:
                ws.write_string(r, c, item, fmts.editable) if item else ws.write_blank(r, c, None, fmts.editable)
    ws.freeze_panes(1, 0)


# --- the workbook ----------------------------------------------------------------------------------


def new_workbook(title: str, author: str, day: dt.date) -> tuple[io.BytesIO, Any, _Formats]:
    """An empty XlsxWriter workbook writing into a buffer, with its formats; ``day`` stands for the
    creation time, so that the bytes depend only on the content."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False,
                                      "strings_to_formulas": False, "strings_to_urls": False})
    wb.set_properties({"title": title, "author": author, "created": dt.datetime(day.year, day.month, day.day)})
    wb.set_calc_mode("auto")
    return buffer, wb, _Formats(wb)


def export_workbook(report: Report | str) -> bytes:
    """The workbook of ``report``: identity, narrative and tables (see the module's doc); given an
    edition name (``"gb2021"``, ``"gb2019"``, ``"legacy"``) instead, the blank template of that edition
    (:func:`template_workbook`).

    Reading it back with :func:`govreport.load` gives the same report. The bytes depend only on the
    report (the document date stands for the creation time)."""
    if isinstance(report, str):
        return template_workbook(report)
    day = report.document_date
    buffer, wb, fmts = new_workbook(report.display_title, report.body, day)
    data = report.model_dump(by_alias=True, exclude_none=True)
    _sheet_info(wb, fmts, data)
    _sheet_text(wb, fmts, data)
    if report.active_disclosure and report.active_disclosure.table is not None:
        table2_sheet(wb, fmts, report.active_disclosure.table)
    if report.applications and report.applications.table is not None:
        table3_sheet(wb, fmts, report.applications.table)
    if report.review_litigation and report.review_litigation.table is not None:
        table4_sheet(wb, fmts, report.review_litigation.table)
    if report.statistics is not None:
        _sheet_statistics(wb, fmts, report.statistics)
    wb.close()
    return buffer.getvalue()


def template_workbook(edition: str) -> bytes:
    """The blank workbook of ``edition`` (``gb2021``, ``gb2019``, ``legacy``): the template that
    ``govreport new --edition … --format xlsx`` writes (the same content as the YAML template)."""
    from govreport.model.templates import new_report_yaml
    from govreport.readers import load

    return export_workbook(load(new_report_yaml(edition)))  # an unknown edition: InputError from the template
