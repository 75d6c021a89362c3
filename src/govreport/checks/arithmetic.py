"""The tables' own rules: row totals, the result total, the 勾稽 balance, 表四 group totals,
negative numbers and blank cells."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govreport.checks._common import num
from govreport.checks.finding import Finding, error, warning
from govreport.model.report import Report
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMNS,
    T3_TOTAL,
    T4_COLUMNS,
    Count,
    RowSpec,
    Table2_2019,
    Table2_2021,
    Table3,
    Table4,
    section_title,
    value,
)

_S2, _S3, _S4 = section_title(2), section_title(3), section_title(4)


def check_arithmetic(report: Report) -> list[Finding]:
    """Every arithmetic finding of the report's tables (nothing when a table is missing)."""
    out: list[Finding] = []
    if report.active_disclosure and report.active_disclosure.table is not None:
        out += check_table2(report.active_disclosure.table)
    if report.applications and report.applications.table is not None:
        out += check_table3(report.applications.table)
    if report.review_litigation and report.review_litigation.table is not None:
        out += check_table4(report.review_litigation.table)
    if report.statistics is not None:
        for row in report.statistics.rows:
            loc = {"table": report.statistics.title, "row": row.indicator}
            if row.value is None:
                out.append(warning("BLANK-CELL", f"统计表「{row.indicator}」未填数值，按 0 处理", **loc))
            elif row.value < 0:
                message = f"统计表「{row.indicator}」为 {num(row.value)}，不能为负数"
                out.append(error("NEGATIVE", message, **loc))
    return out


def _cells(
    cells: Sequence[int | Decimal | None],
    columns: Sequence[str],
    *,
    table: str,
    section: str,
    row: str,
    signed: Sequence[int] = (),
) -> list[Finding]:
    """NEGATIVE (per cell) and BLANK-CELL (one per row) for one row of cells."""
    out: list[Finding] = []
    blanks = [columns[i] for i, c in enumerate(cells) if c is None]
    if blanks:
        out.append(
            warning(
                "BLANK-CELL",
                f"{table}「{row}」行有 {len(blanks)} 个空白格（{'、'.join(blanks)}），按 0 处理；请填写 0",
                section=section,
                table=table,
                row=row,
                column="、".join(blanks),
            )
        )
    for i, c in enumerate(cells):
        if c is not None and c < 0 and i not in signed:
            out.append(
                error(
                    "NEGATIVE",
                    f"{table}「{row}」行「{columns[i]}」为 {num(c)}，不能为负数",
                    section=section,
                    table=table,
                    row=row,
                    column=columns[i],
                )
            )
    return out


def check_table2(table: Table2_2021 | Table2_2019) -> list[Finding]:
    out: list[Finding] = []
    blocks = T2_2021_BLOCKS if isinstance(table, Table2_2021) else T2_2019_BLOCKS
    for block in blocks:
        for spec in block.rows:
            raw = getattr(table, spec.key)
            cells: tuple[int | Decimal | None, ...] = raw if isinstance(raw, tuple) else (raw,)
            # 2019: 本年增/减 (the second column of （五）（六）（八）) may be negative.
            signed = (1,) if "本年增/减" in block.columns else ()
            row = f"{block.heading} {spec.label}"
            out += _cells(cells, block.columns, table="表二", section=_S2, row=row, signed=signed)
    return out


def _sum(cells: Sequence[Count]) -> int:
    return sum(int(value(c)) for c in cells)


def check_table3(table: Table3) -> list[Finding]:
    out: list[Finding] = []
    rows = table.data_rows()
    loc3 = {"section": _S3, "table": "表三"}
    for spec, cells in rows:
        out += _cells(cells, T3_COLUMNS, table="表三", section=_S3, row=spec.label)
    # 1. every row: 总计 = the six applicant columns
    for spec, cells in rows:
        parts, total = _sum(cells[:6]), int(value(cells[6]))
        if parts != total:
            out.append(
                error(
                    "T3-ROW-TOTAL",
                    f"表三「{spec.label}」行：总计为 {total}，但各类申请人之和为 {parts}",
                    **loc3,
                    row=spec.label,
                    column="总计",
                )
            )
    # 2. （七）总计 = Σ leaves of （一）–（六）, per column
    leaves = table.result_leaves()
    for c, column in enumerate(T3_COLUMNS):
        leaf_sum = sum(int(value(cells[c])) for _, cells in leaves)
        total = int(value(table.total[c]))
        if leaf_sum != total:
            out.append(
                error(
                    "T3-RESULT-TOTAL",
                    f"表三「{column}」列：（七）总计为 {total}，但（一）至（六）各项之和为 {leaf_sum}",
                    **loc3,
                    row=T3_TOTAL.label,
                    column=column,
                )
            )
    # 3. 勾稽: 一 + 二 = （七） + 四, per column
    for c, column in enumerate(T3_COLUMNS):
        new, old = int(value(table.new[c])), int(value(table.carried_over[c]))
        done, rest = int(value(table.total[c])), int(value(table.carried_forward[c]))
        if new + old != done + rest:
            out.append(
                error(
                    "T3-BALANCE",
                    f"表三「{column}」列：本年新收 {new} + 上年结转 {old} = {new + old}，"
                    f"但（七）总计 {done} + 结转下年度 {rest} = {done + rest}",
                    **loc3,
                    column=column,
                )
            )
    return out


def _group_name(spec: RowSpec) -> str:
    return f"{spec.group}（{spec.label}）" if spec.group else spec.label


def check_table4(table: Table4) -> list[Finding]:
    out: list[Finding] = []
    for spec, cells in table.groups():
        name = _group_name(spec)
        out += _cells(cells, T4_COLUMNS, table="表四", section=_S4, row=name)
        parts, total = _sum(cells[:4]), int(value(cells[4]))
        if parts != total:
            out.append(
                error(
                    "T4-GROUP-TOTAL",
                    f"表四「{name}」：总计为 {total}，但结果维持、结果纠正、其他结果、尚未审结之和为 {parts}",
                    section=_S4,
                    table="表四",
                    row=name,
                    column="总计",
                )
            )
    return out


__all__ = ["check_arithmetic", "check_table2", "check_table3", "check_table4"]
