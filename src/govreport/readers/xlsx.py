"""The Excel reader: a filled workbook (.xlsx) → the plain data of a report file.

It reads what :mod:`govreport.workbook.export` writes (and what a clerk made of it in Excel, WPS or
LibreOffice), with openpyxl. Cells are found by their **official labels**, never by coordinates: a
sheet is recognised by its name or by a label only it has; a row of 表二/表三 by the label in front of
its numbers, a column of 表三/表四 by its header. A clerk may insert blank rows, re-sort the rows or
rename the sheets.

Numbers: a number cell, a number typed as text (full-width digits too, ``１２``, thousands separators)
or blank (``None``, a BLANK-CELL warning of the checks). A total whose formula has no stored result
(the workbook was saved by a program that does not calculate, e.g. openpyxl) is read as the sum of
the cells it totals, found by label as the formula's author meant; a read note says so.

Every problem names the sheet and cell and what is there: ``表三!H12（1.属于国家秘密 / 其他）``.
Where each number came from is returned in :attr:`ReadResult.cells`, so that the checks' findings
name the cell too (:attr:`govreport.checks.finding.Location.cell`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

from govreport.errors import InputError, Problem
from govreport.i18n import _, ngettext
from govreport.model.report import ReadNote
from govreport.model.tables import (
    SECTION_TITLES,
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
    Table3,
)
from govreport.readers.base import CellKey, ReadResult
from govreport.text.chars import clip
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
    TEXT_COLUMNS,
    t4_group_name,
)

__all__ = ["MAX_UNPACKED", "XlsxReader"]

#: Largest total size of the files inside a workbook (its XML unpacked), against zip bombs.
MAX_UNPACKED = 200 * 1024 * 1024

_SPACE = re.compile(r"\s+")
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def norm(text: str) -> str:
    """A label as compared: NFKC (full-width letters and digits → ASCII), without whitespace."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


def col_letter(c: int) -> str:
    """1 → A, 27 → AA (openpyxl columns are 1-based)."""
    name = ""
    while c:
        c, rem = divmod(c - 1, 26)
        name = chr(65 + rem) + name
    return name


class _Uncomputed:
    """A formula cell with no stored result."""


UNCOMPUTED = _Uncomputed()
Value = int | Decimal | None | _Uncomputed


class _Formulas:
    """The workbook read a second time for its formulas, only when a blank cell needs telling apart from
    a formula without a stored result (a workbook saved by Excel, WPS or LibreOffice, or written by
    govreport, stores every result: one reading is enough)."""

    def __init__(self, source: bytes) -> None:
        self._source = source
        self._book: Any = None

    def sheet(self, title: str) -> Any:
        if self._book is None:
            self._book = _load(self._source, data_only=False)
        return self._book[title]


class _Sheet:
    """One worksheet as a sparse snapshot of the cells it has (never the whole grid: a stray cell at
    XFD1048576 must not make the reader walk 17 billion positions), and its formulas when needed."""

    def __init__(self, ws: Any, formulas: _Formulas) -> None:
        self.title: str = ws.title
        self._formulas = formulas
        self.cells: dict[tuple[int, int], Any] = {}
        self.formats: dict[tuple[int, int], str] = {}
        self.merged_tails: set[tuple[int, int]] = set()
        # openpyxl keeps a worksheet's cells in ``_cells`` {(row, column): cell}; iterating the public
        # iter_rows() would create every cell of the used range.
        for (r, c), cell in getattr(ws, "_cells", {}).items():
            if type(cell).__name__ == "MergedCell":
                self.merged_tails.add((r, c))
                continue
            if cell.value is not None:
                self.cells[(r, c)] = cell.value
                self.formats[(r, c)] = str(cell.number_format or "")
        self.rows = sorted({r for r, _c in self.cells})
        self.max_column = max((c for _r, c in self.cells), default=0)

    @property
    def formulas(self) -> Any:
        return self._formulas.sheet(self.title)

    def ref(self, r: int, c: int) -> str:
        return f"{self.title}!{col_letter(c)}{r}"

    def value(self, r: int, c: int) -> Any:
        return self.cells.get((r, c))

    def is_merged_tail(self, r: int, c: int) -> bool:
        return (r, c) in self.merged_tails

    def formula(self, r: int, c: int) -> str | None:
        """The formula of a cell that has no stored value (None when it has none)."""
        cell = getattr(self.formulas, "_cells", {}).get((r, c))
        raw = cell.value if cell is not None else None
        if isinstance(raw, str) and raw.startswith("="):
            return raw
        text = getattr(raw, "text", None)  # an array formula
        return text if isinstance(text, str) else None

    def number_format(self, r: int, c: int) -> str:
        return self.formats.get((r, c), "")

    def texts(self) -> dict[str, list[tuple[int, int]]]:
        """Every text cell by its normalised text → [(row, column)] in reading order."""
        out: dict[str, list[tuple[int, int]]] = {}
        for (r, c), v in sorted(self.cells.items()):
            if isinstance(v, str) and v.strip():
                out.setdefault(norm(v), []).append((r, c))
        return out

    def row_texts(self, r: int, before: int) -> list[tuple[int, str]]:
        """The text cells of row ``r`` left of column ``before``: (column, normalised text)."""
        out: list[tuple[int, str]] = []
        for c in range(1, min(before, self.max_column + 1)):
            v = self.cells.get((r, c))
            if isinstance(v, str) and v.strip():
                out.append((c, norm(v)))
        return out


@dataclass
class _Context:
    """What one reading collects: problems, notes, and where each number came from."""

    problems: list[Problem] = field(default_factory=list)
    notes: list[ReadNote] = field(default_factory=list)
    cells: dict[CellKey, str] = field(default_factory=dict)
    computed: dict[str, list[str]] = field(default_factory=dict)

    def finish(self) -> None:
        """One note per sheet for the totals read as the sum of their parts."""
        for title, refs in self.computed.items():
            shown = "、".join(refs[:3]) + ("……" if len(refs) > 3 else "")
            message = ngettext(
                "{sheet}：{count} 个合计格（{cells}）的公式没有保存计算结果（工作簿由不计算公式的程序保存），"
                "已按各项之和读取",
                "{sheet}：{count} 个合计格（{cells}）的公式没有保存计算结果（工作簿由不计算公式的程序保存），"
                "已按各项之和读取",
                len(refs),
            ).format(sheet=title, count=len(refs), cells=shown)
            self.notes.append(ReadNote("XLSX-FORMULA-COMPUTED", message, table=title))

    def problem(self, message: str, where: str, code: str = "xlsx") -> None:
        self.problems.append(Problem(message, code=code, path=where))


def _where(sheet: _Sheet, r: int, c: int, row: str, column: str) -> str:
    return _("{cell}（{row} / {column}）").format(cell=sheet.ref(r, c), row=row, column=column)


def _decimals(fmt: str) -> int:
    m = re.search(r"0\.(0+)", fmt)
    return len(m.group(1)) if m else 0


def read_number(ctx: _Context, sheet: _Sheet, r: int, c: int, *, kind: str, row: str, column: str,
                table: str) -> Value:
    """The number in a cell: int for counts, Decimal for amounts, None for blank, UNCOMPUTED for a
    formula without a stored result; a problem (and None) for anything else."""
    raw = sheet.value(r, c)
    where = _where(sheet, r, c, row, column)
    if raw is None and sheet.formula(r, c):
        return UNCOMPUTED
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool | dt.datetime | dt.date | dt.time | dt.timedelta):
        ctx.problem(_("应为数字，实际为「{value}」").format(value=clip(str(raw), 20)), where, "type")
        return None
    number: Decimal
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            ctx.problem(_("应为数字"), where, "type")
            return None
        number = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    elif isinstance(raw, str):
        text = norm(raw).replace(",", "")
        if not _NUMBER.fullmatch(text):
            ctx.problem(_("应为数字，实际为「{value}」").format(value=clip(raw.strip(), 20)), where, "type")
            return None
        number = Decimal(text)
        message = _("{cell}：数字「{value}」是以文字形式填写的，已按数字 {number} 读取").format(
            cell=sheet.ref(r, c), value=clip(raw.strip(), 20), number=text)
        ctx.notes.append(ReadNote("XLSX-TEXT-NUMBER", message, table=table, row=row, column=column))
    else:
        ctx.problem(_("应为数字，实际为「{value}」").format(value=clip(str(raw), 20)), where, "type")
        return None
    if kind == "amount":
        places = max(_decimals(sheet.number_format(r, c)), -min(0, int(number.as_tuple().exponent)))
        try:
            return number.quantize(Decimal(1).scaleb(-places)) if places else number
        except InvalidOperation:
            return number
    if number != number.to_integral_value():
        ctx.problem(_("应为整数，实际为 {value}").format(value=number), where, "type")
        return None
    return int(number)


def _resolve(values: dict[Any, Value], key: Any, parts: Sequence[Any]) -> None:
    """Fill an uncomputed total with the sum of its parts (blank = 0)."""
    total = 0
    for part in parts:
        v = values.get(part)
        if isinstance(v, int | Decimal):
            total += int(v)
    values[key] = total


# --- workbook and sheets ----------------------------------------------------------------------------


def _load(source: bytes, *, data_only: bool) -> Any:
    import openpyxl

    try:
        return openpyxl.load_workbook(io.BytesIO(source), data_only=data_only)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        message = _("无法读取 Excel 工作簿：{error}").format(error=clip(f"{type(exc).__name__}: {exc}", 80))
        raise InputError(message, code="xlsx") from None


def _open(source: bytes) -> Any:
    """The workbook's stored values (openpyxl), after checking that it is a workbook of bounded size."""
    try:
        with zipfile.ZipFile(io.BytesIO(source)) as archive:
            infos = archive.infolist()
            names = {i.filename for i in infos}
            unpacked = sum(i.file_size for i in infos)
    except (zipfile.BadZipFile, ValueError, OSError):
        raise InputError(_("不是有效的 Excel 工作簿（.xlsx）：文件已损坏或不是 xlsx 格式"), code="xlsx") from None
    if "xl/workbook.xml" not in names:
        raise InputError(_("不是 Excel 工作簿（.xlsx）：压缩包中没有 xl/workbook.xml"), code="xlsx")
    if unpacked > MAX_UNPACKED:
        raise InputError(_("工作簿解压后过大（{size} 字节，上限 {max} 字节）").format(size=unpacked, max=MAX_UNPACKED),
                         code="size")
    return _load(source, data_only=True)


_KNOWN_SHEETS = frozenset(norm(t) for t in (SHEET_INFO, SHEET_TEXT, SHEET_T2, SHEET_T3, SHEET_T4, SHEET_STATISTICS))


def _find_sheet(sheets: Sequence[_Sheet], title: str, signature: Iterable[str]) -> _Sheet | None:
    """The sheet named ``title``, else the first sheet of another name (a renamed one: not named like
    any sheet the workbook is made of) whose cells hold every label of ``signature``."""
    for sheet in sheets:
        if norm(sheet.title) == norm(title):
            return sheet
    wanted = [norm(s) for s in signature]
    for sheet in sheets:
        if norm(sheet.title) in _KNOWN_SHEETS:
            continue  # e.g. a paragraph of 正文 that quotes a label of 表二
        texts = sheet.texts()
        if all(w in texts for w in wanted):
            return sheet
    return None


# --- 表三 ---------------------------------------------------------------------------------------------


def _header_columns(ctx: _Context, sheet: _Sheet, texts: dict[str, list[tuple[int, int]]],
                    columns: Sequence[str]) -> dict[str, tuple[int, int]] | None:
    """The topmost cell of each column label; a problem for each that is missing."""
    out: dict[str, tuple[int, int]] = {}
    for column in columns:
        found = texts.get(norm(column))
        if not found:
            message = _("找不到列标题「{column}」").format(column=column)
            ctx.problem(message, sheet.title, "xlsx-label")
        else:
            out[column] = min(found)
    return out if len(out) == len(columns) else None


def _find_rows(ctx: _Context, sheet: _Sheet, specs: Sequence[RowSpec], first_number_col: int,
               start_row: int = 1) -> dict[str, int]:
    """The row of each spec (by its label, or its short name, in front of the numbers)."""
    lookup: dict[str, RowSpec] = {}
    for spec in specs:
        lookup.setdefault(norm(spec.label), spec)
        lookup.setdefault(norm(spec.alias), spec)
    found: dict[str, int] = {}
    seen_at: dict[str, str] = {}
    for r in (r for r in sheet.rows if r >= start_row):
        hits = [(c, lookup[t]) for c, t in sheet.row_texts(r, first_number_col) if t in lookup]
        if not hits:
            continue
        c, spec = hits[-1]  # the rightmost label is the row's own (a group label stands left of it)
        key = ".".join(spec.path)
        if key in found:
            message = _("「{label}」出现了两次（另一处在 {other}）").format(label=spec.label, other=seen_at[key])
            ctx.problem(message, sheet.ref(r, c), "xlsx-duplicate")
            continue
        found[key] = r
        seen_at[key] = sheet.ref(r, c)
    return found


def _alias_of_parent(parent: str) -> str:
    info = Table3.model_fields[parent]
    return info.alias or parent


def _read_t3(ctx: _Context, sheet: _Sheet) -> dict[str, Any] | None:
    texts = sheet.texts()
    header = _header_columns(ctx, sheet, texts, T3_COLUMNS)
    if header is None:
        return None
    cols = [header[c][1] for c in T3_COLUMNS]
    first_col = min(cols)
    start = max(r for r, _c in header.values()) + 1
    base = (T3_NEW, T3_CARRIED_OVER, *T3_LEAVES_FIXED, T3_TOTAL, T3_CARRIED_FORWARD)
    rows = _find_rows(ctx, sheet, (*base, *T3_OTHER_2021, T3_OTHER_SINGLE), first_col, start)
    subrows = any(".".join(s.path) in rows for s in T3_OTHER_2021)
    specs = [*base[:-2], *(T3_OTHER_2021 if subrows else (T3_OTHER_SINGLE,)), *base[-2:]]
    missing = [s for s in specs if ".".join(s.path) not in rows]
    for spec in missing:
        ctx.problem(_("找不到「{label}」这一行").format(label=spec.label), sheet.title, "xlsx-label")
    values: dict[tuple[str, int], Value] = {}
    places: dict[tuple[str, int], tuple[int, int]] = {}
    for spec in specs:
        key = ".".join(spec.path)
        if key not in rows:
            continue
        r = rows[key]
        for i, (column, c) in enumerate(zip(T3_COLUMNS, cols, strict=True)):
            values[(key, i)] = read_number(ctx, sheet, r, c, kind="count", row=spec.label, column=column,
                                           table=SHEET_T3)
            places[(key, i)] = (r, c)
            ctx.cells[(SHEET_T3, spec.label, column)] = sheet.ref(r, c)
    if missing:  # every problem of the rows found is reported; nothing more to add up
        return None
    leaves = [".".join(s.path) for s in specs if s not in (T3_NEW, T3_CARRIED_OVER, T3_TOTAL, T3_CARRIED_FORWARD)]
    for i in range(6):  # （七）总计 first: the 总计 column may add it up
        if values[("total", i)] is UNCOMPUTED:
            _resolve(values, ("total", i), [(k, i) for k in leaves])
            _computed_note(ctx, sheet, places[("total", i)], T3_TOTAL.label, T3_COLUMNS[i])
    for spec in specs:
        key = ".".join(spec.path)
        if values[(key, 6)] is UNCOMPUTED:
            _resolve(values, (key, 6), [(key, i) for i in range(6)])
            _computed_note(ctx, sheet, places[(key, 6)], spec.label, T3_COLUMNS[6])
    for col, column in enumerate(T3_COLUMNS):
        refs = [sheet.ref(*places[(k, col)]) for k in ("new", "carried_over", "total", "carried_forward")]
        ctx.cells[(SHEET_T3, None, column)] = "、".join(refs)
    data: dict[str, Any] = {}
    for spec in specs:
        key = ".".join(spec.path)
        cells = [_plain(ctx, sheet, places[(key, i)], values[(key, i)], spec.label, T3_COLUMNS[i]) for i in range(7)]
        if spec.parent:
            data.setdefault(_alias_of_parent(spec.parent), {})[spec.alias] = cells
        else:
            data[spec.alias] = cells
    return data


def _computed_note(ctx: _Context, sheet: _Sheet, place: tuple[int, int], row: str, column: str) -> None:
    """Count a total read as the sum of its parts; one note per sheet (:meth:`_Context.finish`)."""
    ctx.computed.setdefault(sheet.title, []).append(sheet.ref(*place))


def _plain(ctx: _Context, sheet: _Sheet, place: tuple[int, int], v: Value, row: str, column: str) -> Any:
    if isinstance(v, _Uncomputed):
        message = _("公式没有保存计算结果，请在 Excel、WPS 或 LibreOffice 中打开并保存后再读取")
        ctx.problem(message, _where(sheet, *place, row, column), "xlsx-formula")
        return None
    return v


# --- 表二 ---------------------------------------------------------------------------------------------


def _read_t2(ctx: _Context, sheet: _Sheet) -> dict[str, Any] | None:
    texts = sheet.texts()
    only_2019 = {norm(s.label) for b in T2_2019_BLOCKS for s in b.rows} - {
        norm(s.label) for b in T2_2021_BLOCKS for s in b.rows}
    blocks = T2_2019_BLOCKS if any(t in texts for t in only_2019) else T2_2021_BLOCKS
    max_col = max(sheet.max_column, 1)
    rows = _find_rows(ctx, sheet, [s for b in blocks for s in b.rows], max_col + 1)
    data: dict[str, Any] = {}
    for block in blocks:
        for spec in block.rows:
            if spec.key not in rows:
                ctx.problem(_("找不到「{label}」这一行").format(label=spec.label), sheet.title, "xlsx-label")
                continue
            r = rows[spec.key]
            label_col = max(c for c, t in sheet.row_texts(r, max_col + 1)
                            if t in (norm(spec.label), norm(spec.alias)))
            value_cols = [c for c in range(label_col + 1, max_col + 2) if not sheet.is_merged_tail(r, c)]
            row_name = f"{block.heading} {spec.label}"
            cells: list[Any] = []
            for column, c in zip(block.columns, value_cols, strict=False):
                kind = "amount" if ("万元" in column or column == "采购总金额") else "count"
                v = read_number(ctx, sheet, r, c, kind=kind, row=row_name, column=column, table=SHEET_T2)
                cells.append(_plain(ctx, sheet, (r, c), v, row_name, column))
                ctx.cells[(SHEET_T2, row_name, column)] = sheet.ref(r, c)
            if spec.key == "procurement":
                for c in value_cols[len(block.columns):]:
                    unit = sheet.value(r, c)
                    if isinstance(unit, str) and norm(unit) in ("元", "万元"):
                        data["采购金额单位"] = norm(unit)
            data[spec.alias] = cells[0] if len(block.columns) == 1 else cells
    return data


# --- 表四 ---------------------------------------------------------------------------------------------


def _read_t4(ctx: _Context, sheet: _Sheet) -> dict[str, Any] | None:
    texts = sheet.texts()
    starts: list[tuple[int, RowSpec]] = []
    for spec in T4_GROUPS:
        found = texts.get(norm(spec.label))
        if not found:
            ctx.problem(_("找不到「{label}」").format(label=spec.label), sheet.title, "xlsx-label")
            return None
        starts.append((min(found)[1], spec))
    starts.sort(key=lambda item: item[0])
    # The header row: the row holding most of the column labels.
    counts: dict[int, list[tuple[int, str]]] = {}
    for column in T4_COLUMNS:
        for r, c in texts.get(norm(column), []):
            counts.setdefault(r, []).append((c, column))
    if not counts:
        ctx.problem(_("找不到列标题「{column}」").format(column=T4_COLUMNS[0]), sheet.title, "xlsx-label")
        return None
    header_row = max(counts, key=lambda r: len(counts[r]))
    by_group: dict[str, dict[str, int]] = {spec.key: {} for spec in T4_GROUPS}
    for c, column in counts[header_row]:
        group = [spec for start, spec in starts if start <= c]
        if group:
            by_group[group[-1].key].setdefault(column, c)
    all_cols = [c for g in by_group.values() for c in g.values()]
    data_row = next(
        (r for r in sheet.rows if r > header_row and any(sheet.value(r, c) is not None for c in all_cols)),
        header_row + 1,
    )
    data: dict[str, Any] = {}
    for spec in T4_GROUPS:
        name = t4_group_name(spec)
        cols = by_group[spec.key]
        values: dict[int, Value] = {}
        for i, column in enumerate(T4_COLUMNS):
            if column not in cols:
                ctx.problem(_("「{group}」下找不到列标题「{column}」").format(group=spec.label, column=column),
                            sheet.title, "xlsx-label")
                return None
            c = cols[column]
            values[i] = read_number(ctx, sheet, data_row, c, kind="count", row=name, column=column, table=SHEET_T4)
            ctx.cells[(SHEET_T4, name, column)] = sheet.ref(data_row, c)
        if values[4] is UNCOMPUTED:
            _resolve(values, 4, range(4))
            _computed_note(ctx, sheet, (data_row, cols[T4_COLUMNS[4]]), name, T4_COLUMNS[4])
        data[spec.alias] = [_plain(ctx, sheet, (data_row, cols[T4_COLUMNS[i]]), values[i], name, T4_COLUMNS[i])
                            for i in range(5)]
    return data


# --- 统计表 (legacy) ----------------------------------------------------------------------------------


def _read_statistics(ctx: _Context, sheet: _Sheet) -> dict[str, Any] | None:
    texts = sheet.texts()
    header = _header_columns(ctx, sheet, texts, ("统计指标", "单位", "统计数"))
    if header is None:
        return None
    top = header["统计指标"][0]
    c_ind, c_unit, c_val = (header[k][1] for k in ("统计指标", "单位", "统计数"))
    title = next((v for (r, _c), v in sorted(sheet.cells.items()) if r < top and isinstance(v, str) and v.strip()),
                 None)
    rows: list[dict[str, Any]] = []
    for r in (r for r in sheet.rows if r > top):
        indicator = sheet.value(r, c_ind)
        if indicator is None or (isinstance(indicator, str) and not indicator.strip()):
            continue
        unit = sheet.value(r, c_unit)
        unit_text = norm(str(unit)) if unit is not None else ""
        kind = "amount" if unit_text in ("元", "万元") else "count"
        v = read_number(ctx, sheet, r, c_val, kind=kind, row=str(indicator), column="统计数", table=SHEET_STATISTICS)
        rows.append({"指标": str(indicator).strip(), "单位": unit_text,
                     "数值": _plain(ctx, sheet, (r, c_val), v, str(indicator), "统计数")})
        ctx.cells[(str(title or SHEET_STATISTICS), str(indicator).strip(), None)] = sheet.ref(r, c_val)
    out: dict[str, Any] = {"指标": rows}
    if title:
        out["标题"] = str(title).strip()
    return out


# --- 基本信息 and 正文 ----------------------------------------------------------------------------------


def _text_value(raw: Any) -> Any:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, float) and raw == int(raw):
        return str(int(raw))
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return raw.strip() if isinstance(raw, str) else raw


_DATE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?")
_CHOICES = {"版本": ("gb2021", "gb2019", "legacy"), "机关层级": ("部门", "乡镇街道", "县级", "地市级", "省级")}


def _info_value(ctx: _Context, label: str, item: Any, where: str) -> Any:
    """A value of the 基本信息 sheet as the report file would hold it; a problem naming the cell (and
    None) for a year, date or choice that is none."""
    text = norm(item) if isinstance(item, str) else None
    if label == "年度" and not isinstance(item, int):
        if text is not None and text.isdigit():
            return int(text)
        ctx.problem(_("年度应为整数（如 2024），实际为「{value}」").format(value=clip(str(item), 20)), where, "type")
        return None
    if label in ("发布日期", "落款日期") and not isinstance(item, dt.date):
        m = _DATE.fullmatch(text or "")
        try:
            if m:
                return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            pass
        ctx.problem(_("应为日期（如 2025-01-20），实际为「{value}」").format(value=clip(str(item), 20)), where, "type")
        return None
    if label in _CHOICES:
        choices = _CHOICES[label]
        found = next((c for c in choices if text is not None and text.lower() == c), None)
        if found is None:
            message = _("应为 {choices} 之一，实际为「{value}」").format(choices="、".join(choices),
                                                                   value=clip(str(item), 20))
            ctx.problem(message, where, "value")
        return found
    return item


def _read_info(ctx: _Context, sheet: _Sheet) -> dict[str, Any]:
    labels = {norm(label): (label, path) for label, path in INFO_ROWS}
    data: dict[str, Any] = {}
    seen: dict[str, str] = {}
    for r in sheet.rows:
        key = sheet.value(r, 1)
        if not isinstance(key, str) or norm(key) not in labels:
            continue
        label, path = labels[norm(key)]
        raw = sheet.value(r, 2)
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        item = _info_value(ctx, label, _text_value(raw), f"{sheet.ref(r, 2)}（{label}）")
        if item is None:
            continue
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        if label == INFO_LIST:
            target.setdefault(path[-1], []).append(str(item))
            continue
        if label in seen:
            message = _("「{label}」填了两次（另一处在 {other}）").format(label=label, other=seen[label])
            ctx.problem(message, sheet.ref(r, 1), "xlsx-duplicate")
            continue
        seen[label] = sheet.ref(r, 1)
        target[path[-1]] = item
    return data


_SECTION_KEYS = ("总体情况", "主动公开", "依申请公开", "复议诉讼", "存在问题", "其他事项")
_TABLE_SECTIONS = {"主动公开", "依申请公开", "复议诉讼"}


def _part_key(part: str) -> str | None:
    """开头, 章节, or the data key of a statutory section (named with or without its ordinal)."""
    n = norm(part)
    if n == norm(PART_PREAMBLE):
        return "开头"
    if n == norm(PART_SECTIONS):
        return "章节"
    for i, (ordinal, title) in enumerate(SECTION_TITLES):
        if n in (norm(ordinal + title), norm(title)):
            return _SECTION_KEYS[i]
    return None


@dataclass
class _Part:
    stack: list[tuple[int, list[Any]]]


def _read_text(ctx: _Context, sheet: _Sheet, data: dict[str, Any]) -> None:
    texts = sheet.texts()
    header = _header_columns(ctx, sheet, texts, TEXT_COLUMNS)
    if header is None:
        return
    top = max(r for r, _c in header.values())
    col = {name: header[name][1] for name in TEXT_COLUMNS}
    parts: dict[str, _Part] = {}
    attachments: list[dict[str, Any]] = []
    for r in (r for r in sheet.rows if r > top):
        row = {name: sheet.value(r, c) for name, c in col.items()}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in row.values()):
            continue  # a blank row
        part = str(row["部分"] or "").strip()
        kind = norm(str(row["类型"] or KIND_PARAGRAPH))
        text = _text_value(row["文字"])
        where = sheet.ref(r, col["文字"])
        if not isinstance(text, str) or not text:
            ctx.problem(_("这一行没有文字"), where, "xlsx-text")
            continue
        level_raw = row["层级"]
        try:
            level = int(Decimal(norm(str(level_raw)))) if level_raw is not None and str(level_raw).strip() else None
        except InvalidOperation:
            ctx.problem(_("层级应为整数，实际为「{value}」").format(value=clip(str(level_raw), 20)),
                        sheet.ref(r, col["层级"]), "xlsx-text")
            continue
        if kind == norm(KIND_ATTACHMENT):
            content: list[Any] = []
            attachments.append({"标题": text, "标签": part or "附件", "内容": content})
            parts[part] = _Part([(1, content)])
            continue
        state = parts.get(part)
        if state is None:
            key = _part_key(part)
            if key is None:
                ctx.problem(_("「{part}」不是报告的一部分（可写：开头、章节、一、总体情况……六、其他需要报告的事项）").format(
                    part=clip(part, 30)), sheet.ref(r, col["部分"]), "xlsx-text")
                continue
            root: list[Any] = []
            if key in _TABLE_SECTIONS:
                data.setdefault(key, {})["内容"] = root
            else:
                data[key] = root
            state = parts[part] = _Part([(0 if key == "章节" else 1, root)])
        stack = state.stack
        if kind == norm(KIND_HEADING):
            level = level if level is not None else stack[-1][0] + 1
            while stack and stack[-1][0] >= level:
                stack.pop()
            if not stack or stack[-1][0] != level - 1:
                ctx.problem(_("第 {level} 级标题前面缺少上一级标题").format(level=level),
                            sheet.ref(r, col["层级"]), "xlsx-text")
                state.stack = stack or [(0, [])]
                continue
            sub: list[Any] = []
            heading: dict[str, Any] = {"标题": text, "内容": sub}
            run_in = row["接排"]
            if run_in is True or (isinstance(run_in, str) and norm(run_in) in ("是", "接排", "yes", "true", "1")):
                heading["接排"] = True
            stack[-1][1].append(heading)
            stack.append((level, sub))
        elif kind in (norm(KIND_PARAGRAPH), norm(KIND_INSERT)):
            level = level if level is not None else stack[-1][0]
            while len(stack) > 1 and stack[-1][0] > level:
                stack.pop()
            if stack[-1][0] != level:
                ctx.problem(_("第 {level} 级的段落前面缺少第 {level} 级标题").format(level=level),
                            sheet.ref(r, col["层级"]), "xlsx-text")
                continue
            if kind == norm(KIND_INSERT):
                if norm(text) != norm(INSERT_CONTACT):
                    ctx.problem(_("只能插入「{what}」").format(what=INSERT_CONTACT), where, "xlsx-text")
                    continue
                stack[-1][1].append({"插入": "contact"})
            else:
                stack[-1][1].append(text)
        else:
            message = _("类型应为 段落、标题、插入 或 附件标题，实际为「{kind}」").format(
                kind=clip(str(row["类型"]), 20))
            ctx.problem(message, sheet.ref(r, col["类型"]), "xlsx-text")
    if attachments:
        data["附件"] = attachments


# --- the reader -------------------------------------------------------------------------------------


class XlsxReader:
    """Excel workbooks (.xlsx) laid out like the official templates (``govreport new --format xlsx``)."""

    name: ClassVar[str] = "xlsx"
    suffixes: ClassVar[tuple[str, ...]] = (".xlsx", ".xlsm")
    binary: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"xl/" in head

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        assert isinstance(source, bytes)
        values = _open(source)
        formulas = _Formulas(source)
        sheets = [_Sheet(ws, formulas) for ws in values.worksheets]
        ctx = _Context()
        data: dict[str, Any] = {}
        info = _find_sheet(sheets, SHEET_INFO, ("发布机关", "年度"))
        if info is not None:
            data.update(_read_info(ctx, info))
        text = _find_sheet(sheets, SHEET_TEXT, TEXT_COLUMNS)
        if text is not None:
            _read_text(ctx, text, data)
        tables = (
            (SHEET_T2, ("第二十条第（一）项",), _read_t2, "主动公开", "表二"),
            (SHEET_T3, (T3_NEW.label,), _read_t3, "依申请公开", "表三"),
            (SHEET_T4, ("未经复议直接起诉", "复议后起诉"), _read_t4, "复议诉讼", "表四"),
        )
        for title, signature, read, section, key in tables:
            sheet = _find_sheet(sheets, title, signature)
            if sheet is not None:
                table = read(ctx, sheet)
                if table is not None:
                    data.setdefault(section, {})[key] = table
        stats = _find_sheet(sheets, SHEET_STATISTICS, ("统计指标", "统计数"))
        if stats is not None:
            statistics = _read_statistics(ctx, stats)
            if statistics is not None:
                data["统计表"] = statistics
        if not data:
            raise InputError(_("工作簿中没有报告的内容（找不到「基本信息」「表三」等工作表）"), code="xlsx")
        if ctx.problems:
            raise InputError(ctx.problems)
        ctx.finish()
        return ReadResult(data, ctx.notes, cells=ctx.cells)

