"""Table cells quoted in the narrative by name: ``{表三.本年新收.总计}`` prints the number in the table.

The syntax is ``{表X.行.列}`` with 表二, 表三 or 表四; the row is any spelling the table itself accepts
(the short name ``本年新收``, the official label ``一、本年新收政府信息公开申请数量``, the field name
``new``), and the column one of the table's column labels. The column may be left out where it is
obvious: 表三 and 表四 then mean 总计, a row of 表二 with one number means that number. A group of 表三
(``不予公开``, ``无法提供``, ``不予处理``, ``其他处理``) is the sum of its rows; ``{表四.行政诉讼}`` the sum
of both 行政诉讼 groups. A blank cell is 0. Composition replaces every reference by the number, so the
text and the table cannot disagree; a reference that names nothing is the error ``NARRATIVE-REF``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from govreport.i18n import _, join
from govreport.model.report import Report
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_COLUMN_KEYS,
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
    Table3,
    Table4,
    _norm_key,
    value,
)

__all__ = ["REFERENCE", "ReferenceError_", "reference_problems", "resolve", "resolve_text"]

#: ``{表三.本年新收.总计}`` (full-width ．and · accepted as the separator too).
REFERENCE = re.compile(r"\{\s*(表[二三四])\s*[.．·]\s*([^{}.．·]+?)\s*(?:[.．·]\s*([^{}.．·]+?)\s*)?\}")


class ReferenceError_(LookupError):
    """A reference that names no cell; ``args[0]`` says why, in the current language."""


Number = int | Decimal


def _names(spec: RowSpec) -> set[str]:
    return {spec.key, spec.alias, spec.label, _norm_key(spec.label), _norm_key(spec.alias)}


_T3_GROUPS = (("withheld", "不予公开"), ("unable", "无法提供"), ("not_processed", "不予处理"), ("other", "其他处理"))


def _t3_rows(t3: Table3) -> dict[str, Callable[[int], int]]:
    rows: dict[str, Callable[[int], int]] = {}
    specs = [T3_NEW, T3_CARRIED_OVER, *T3_LEAVES_FIXED, T3_TOTAL, T3_CARRIED_FORWARD]
    if t3.has_other_subrows:
        specs += T3_OTHER_2021
    for spec in specs:
        def cell(c: int, spec: RowSpec = spec) -> int:
            return int(value(t3.cells(spec)[c]))
        for name in _names(spec):
            rows[name] = cell
    for key, alias in _T3_GROUPS:
        members = [s for s in (*T3_LEAVES_FIXED, *T3_OTHER_2021) if s.parent == key]
        if key == "other" and not t3.has_other_subrows:
            members = [T3_OTHER_SINGLE]

        def group(c: int, members: list[RowSpec] = members) -> int:
            return sum(int(value(t3.cells(s)[c])) for s in members)
        rows[key] = rows[alias] = group
    return rows


def _column(name: str | None, columns: tuple[str, ...], keys: tuple[str, ...] = ()) -> int | None:
    if name is None:
        return len(columns) - 1
    if name in columns:
        return columns.index(name)
    return keys.index(name) if name in keys else None


def resolve(report: Report, table: str, row: str, column: str | None = None) -> Number:
    """The number of one cell (or group) of ``report``'s tables; raises :class:`ReferenceError_`."""
    row = _norm_key(row) if _norm_key(row) else row
    if table == "表三":
        t3 = report.table3
        if t3 is None:
            raise ReferenceError_(_("本报告没有表三"))
        rows = _t3_rows(t3)
        get = rows.get(row)
        if get is None:
            raise ReferenceError_(_("表三没有「{row}」这一行").format(row=row))
        c = _column(column, T3_COLUMNS, T3_COLUMN_KEYS)
        if c is None:
            raise ReferenceError_(_("表三没有「{column}」这一列（可用：{columns}）").format(
                column=column, columns=join(T3_COLUMNS)))
        return get(c)
    if table == "表四":
        return _table4(report.table4, row, column)
    return _table2(report, row, column)


def _table4(t4: Table4 | None, row: str, column: str | None) -> Number:
    if t4 is None:
        raise ReferenceError_(_("本报告没有表四"))
    c = _column(column, T4_COLUMNS)
    if c is None:
        raise ReferenceError_(_("表四没有「{column}」这一列（可用：{columns}）").format(
            column=column, columns=join(T4_COLUMNS)))
    if row == "行政诉讼":
        return int(value(t4.direct[c])) + int(value(t4.after_review[c]))
    for spec, cells in t4.groups():
        if row in _names(spec):
            return int(value(cells[c]))
    raise ReferenceError_(_("表四没有「{row}」这一组（可用：{rows}）").format(
        row=row, rows=join([*(s.alias for s in T4_GROUPS), "行政诉讼"])))


def _table2(report: Report, row: str, column: str | None) -> Number:
    t2 = report.table2
    if t2 is None:
        raise ReferenceError_(_("本报告没有表二"))
    blocks = T2_2019_BLOCKS if isinstance(t2, Table2_2019) else T2_2021_BLOCKS
    for block in blocks:
        for spec in block.rows:
            if row not in _names(spec):
                continue
            cells = getattr(t2, spec.key)
            if len(block.columns) == 1:
                if column not in (None, block.columns[0]):
                    raise ReferenceError_(_("表二「{row}」只有「{column}」一列").format(
                        row=spec.alias, column=block.columns[0]))
                return value(cells)
            if column is None or column not in block.columns:
                raise ReferenceError_(_("请写出表二「{row}」的列：{columns}").format(
                    row=spec.alias, columns=join(block.columns)))
            return value(cells[block.columns.index(column)])
    raise ReferenceError_(_("表二没有「{row}」这一行").format(row=row))


def _format(number: Number) -> str:
    return str(number)


def resolve_text(text: str, report: Report) -> str:
    """``text`` with every reference that names a cell replaced by its number (others left as written)."""
    if "{" not in text:
        return text

    def one(m: re.Match[str]) -> str:
        try:
            return _format(resolve(report, m.group(1), m.group(2), m.group(3)))
        except ReferenceError_:
            return m.group(0)

    return REFERENCE.sub(one, text)


def reference_problems(text: str, report: Report) -> list[tuple[str, str]]:
    """Every reference in ``text`` that names no cell: (the reference as written, why)."""
    out: list[tuple[str, str]] = []
    for m in REFERENCE.finditer(text):
        try:
            resolve(report, m.group(1), m.group(2), m.group(3))
        except ReferenceError_ as exc:
            out.append((m.group(0), str(exc.args[0])))
    return out
