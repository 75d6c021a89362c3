"""The tables' own rules: row totals, the result total, the 勾稽 balance, 表四 group totals,
negative numbers and blank cells."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from govreport.checks._common import num
from govreport.checks.finding import Finding, error, info, warning
from govreport.i18n import N_, _, join
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
_TABLE_NAMES = (N_("表二"), N_("表三"), N_("表四"), N_("统计表"))  # translated where a message names them


def check_arithmetic(report: Report) -> list[Finding]:
    """Every arithmetic finding of the report's tables (nothing when a table is missing)."""
    out: list[Finding] = check_computed(report)
    if report.table2 is not None:
        out += check_table2(report.table2)
    if report.table3 is not None:
        out += check_table3(report.table3)
    if report.table4 is not None:
        out += check_table4(report.table4)
    if report.statistics is not None:
        for row in report.statistics.rows:
            loc = {"table": report.statistics.title, "row": row.indicator}
            if row.value is None:
                message = _("统计表「{indicator}」未填数值，按 0 处理").format(indicator=row.indicator)
                out.append(warning("BLANK-CELL", message, **loc))
            elif row.value < 0:
                message = _("统计表「{indicator}」为 {value}，不能为负数").format(
                    indicator=row.indicator, value=num(row.value)
                )
                out.append(error("NEGATIVE", message, **loc))
    return out


def check_computed(report: Report) -> list[Finding]:
    """One TOTAL-COMPUTED per table whose blank 总计 were computed (:mod:`govreport.model.derived`)."""
    out: list[Finding] = []
    for table, section in (("表三", _S3), ("表四", _S4)):
        done = [c for c in report.computed if c.table == table]
        if not done:
            continue
        if report.published_document:  # a printed report must fill every 总计: a defect of the document
            for c in done:
                out.append(warning(
                    "BLANK-CELL",
                    _("{table}「{row}」的“{column}”在报告中空白（应为各项之和 {value}）").format(
                        table=_(table), row=c.row, column=c.column, value=c.value),
                    section=section, table=table, row=c.row, column=c.column,
                ))
            continue
        examples = join(_("{row}「{column}」为 {value}").format(row=c.row, column=c.column, value=c.value)
                        for c in done[:3])
        more = _("等") if len(done) > 3 else ""
        out.append(info(
            "TOTAL-COMPUTED",
            _("{table}有 {n} 个“总计”未填写，已按各项之和算出：{examples}{more}").format(
                table=_(table), n=len(done), examples=examples, more=more),
            section=section, table=table,
        ))
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
                _("{table}「{row}」行有 {count} 个空白格（{columns}），按 0 处理；请填写 0").format(
                    table=_(table), row=row, count=len(blanks), columns=join(blanks)
                ),
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
                    _("{table}「{row}」行「{column}」为 {value}，不能为负数").format(
                        table=_(table), row=row, column=columns[i], value=num(c)
                    ),
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
                    _("表三「{row}」行：总计为 {total}，但各类申请人之和为 {parts}").format(
                        row=spec.label, total=total, parts=parts
                    ),
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
                    _("表三「{column}」列：（七）总计为 {total}，但（一）至（六）各项之和为 {parts}").format(
                        column=column, total=total, parts=leaf_sum
                    ),
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
                    _(
                        "表三「{column}」列：本年新收 {new} + 上年结转 {old} = {received}，"
                        "但（七）总计 {done} + 结转下年度 {rest} = {handled}"
                    ).format(column=column, new=new, old=old, received=new + old, done=done, rest=rest,
                             handled=done + rest),
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
                    _("表四「{group}」：总计为 {total}，但结果维持、结果纠正、其他结果、尚未审结之和为 {parts}").format(
                        group=name, total=total, parts=parts
                    ),
                    section=_S4,
                    table="表四",
                    row=name,
                    column="总计",
                )
            )
    return out


__all__ = ["check_arithmetic", "check_table2", "check_table3", "check_table4"]
