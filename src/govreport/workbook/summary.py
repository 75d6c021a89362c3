"""Many reports → one summary workbook (``govreport summarize``): what a county, city or province
office wants of all the bodies under it.

Sheets:

* 报告一览 — one row per report: file, body, year, edition, the key figures (表三 本年新收, 上年结转,
  予以公开, 部分公开, （七）总计 办结, 结转下年度; 表四 行政复议 and 行政诉讼 总计; 公开率) and its check
  findings (the number of errors and warnings, and every finding on its own line);
* 未能读取 — every report that could not be read, with every problem found;
* 表二 / 表三 / 表四 — each table summed cell by cell over the reports that have it, laid out like the
  official template (the same sheets as :func:`~govreport.workbook.export.export_workbook`, with the
  totals as formulas). The two forms of 表二 and 表三 (〔2019〕60号 and 〔2021〕30号) have different
  rows and are summed apart: a second sheet ``表二（2019）`` / ``表三（2019）`` holds the older form.

A blank cell counts as 0 in a sum, and a sum of blank cells only stays blank. 公开率 is
（予以公开 + 部分公开）÷（七）总计 (blank when nothing was handled).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govreport.errors import GovReportError, Problem
from govreport.model.report import Report
from govreport.model.tables import Table2_2019, Table2_2021, value
from govreport.workbook.export import col_name, new_workbook, table2_sheet, table3_sheet, table4_sheet

__all__ = ["SummaryItem", "summarize"]


SHEET_LIST = "报告一览"
SHEET_FAILED = "未能读取"
OLD_FORM = "（2019）"

LIST_COLUMNS = (
    ("文件", 24), ("发布机关", 28), ("年度", 6), ("版本", 8),
    ("本年新收", 9), ("上年结转", 9), ("予以公开", 9), ("部分公开", 9), ("办结（（七）总计）", 11),
    ("结转下年度", 10), ("行政复议", 9), ("行政诉讼", 9), ("公开率", 8), ("错误", 6), ("警告", 6),
    ("校验结果", 90),
)


@dataclass(frozen=True)
class SummaryItem:
    """One report given to :func:`summarize`: its name and the report, or the problems that kept it
    from being read."""

    name: str
    report: Report | None
    problems: tuple[Problem, ...] = ()


Source = Report | SummaryItem | str | os.PathLike[str]
"""What :func:`summarize` takes: a report, a path to read, or an item read already (the CLI's)."""


def _add(a: Any, b: Any) -> Any:
    """Cell-by-cell sum of two dumped tables (blank + blank stays blank, blank + n is n)."""
    if a is None:
        return b
    if b is None:
        return a
    if isinstance(a, Mapping):
        return {k: _add(a[k], b.get(k)) for k in a}
    if isinstance(a, tuple | list):
        return tuple(_add(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, str):  # 采购金额单位: kept when every report gives the same
        return a if a == b else None
    return a + b


def _sum_tables(tables: list[Any]) -> Any:
    kind = type(tables[0])
    total = tables[0].model_dump()
    for table in tables[1:]:
        total = _add(total, table.model_dump())
    return kind.model_validate(total)


def _item(source: Source) -> SummaryItem:
    from govreport.i18n import _
    from govreport.readers import load

    if isinstance(source, SummaryItem):
        return source
    if isinstance(source, Report):
        return SummaryItem(source.body, source)
    name = Path(source).name
    try:
        return SummaryItem(name, load(source))
    except GovReportError as exc:
        problems = getattr(exc, "problems", None) or (Problem(exc.message),)
        return SummaryItem(name, None, tuple(problems))
    except OSError as exc:  # pragma: no cover - read_file turns these into InputError
        return SummaryItem(name, None, (Problem(_("无法读取（{error}）").format(error=exc)),))


def _figures(report: Report) -> list[int | float | str | None]:
    t3 = report.applications.table if report.applications else None
    t4 = report.review_litigation.table if report.review_litigation else None
    out: list[int | float | str | None] = []
    if t3 is not None:
        new, old, disclosed, partly = (int(value(x[6])) for x in (t3.new, t3.carried_over, t3.disclosed,
                                                                   t3.partly_disclosed))
        done, forward = int(value(t3.total[6])), int(value(t3.carried_forward[6]))
        out += [new, old, disclosed, partly, done, forward]
    else:
        out += [None] * 6
    if t4 is not None:
        out += [int(value(t4.review[4])), int(value(t4.direct[4])) + int(value(t4.after_review[4]))]
    else:
        out += [None, None]
    return out


def summarize(sources: Iterable[Source]) -> bytes:
    """One workbook summing the tables of every report in ``sources`` (reports, or paths of any format
    the readers take), listing each report with its key figures and check findings, and every report
    that could not be read with the reason (see the module's doc)."""
    from govreport.checks import run_checks
    from govreport.i18n import _

    items = [_item(s) for s in sources]
    reports = [i.report for i in items if i.report is not None]
    buffer, wb, fmts = new_workbook("政府信息公开工作年度报告汇总", "govreport", _latest(reports))
    pct = wb.add_format({"font_name": "宋体", "font_size": 10, "num_format": "0.0%", "valign": "top"})
    ws = wb.add_worksheet(SHEET_LIST)
    for c, (name, width) in enumerate(LIST_COLUMNS):
        ws.write_string(0, c, name, fmts.key)
        ws.set_column(c, c, width)
    r = 1
    for item in items:
        if item.report is None:
            continue
        report = item.report
        findings = run_checks(report)
        errors = sum(1 for f in findings if f.is_error)
        ws.write_string(r, 0, item.name, fmts.plain)
        ws.write_string(r, 1, report.body, fmts.plain)
        ws.write_number(r, 2, report.year, fmts.plain)
        ws.write_string(r, 3, report.edition.value, fmts.plain)
        figures = _figures(report)
        for c, figure in enumerate(figures, start=4):
            if isinstance(figure, int):
                ws.write_number(r, c, figure, fmts.plain)
        done, disclosed, partly = (f"{col_name(c)}{r + 1}" for c in (8, 6, 7))
        rate = None
        if isinstance(figures[4], int) and figures[4]:
            rate = (int(figures[2] or 0) + int(figures[3] or 0)) / figures[4]
        formula = f'=IF(N({done})=0,"",({disclosed}+{partly})/{done})'
        ws.write_formula(r, 12, formula, pct, "" if rate is None else rate)
        ws.write_number(r, 13, errors, fmts.plain)
        ws.write_number(r, 14, len(findings) - errors, fmts.plain)
        lines = [f"[{f.code}] {f.location}：{f.message}" if str(f.location) else f"[{f.code}] {f.message}"
                 for f in findings]
        ws.write_string(r, 15, "\n".join(lines) if lines else _("未发现问题"), fmts.plain)
        r += 1
    ws.freeze_panes(1, 2)
    if r > 1:
        ws.autofilter(0, 0, r - 1, len(LIST_COLUMNS) - 1)
    failed = [i for i in items if i.report is None]
    if failed:
        ws2 = wb.add_worksheet(SHEET_FAILED)
        ws2.write_string(0, 0, "文件", fmts.key)
        ws2.write_string(0, 1, "原因", fmts.key)
        ws2.set_column(0, 0, 30)
        ws2.set_column(1, 1, 100)
        for r2, item in enumerate(failed, start=1):
            ws2.write_string(r2, 0, item.name, fmts.plain)
            ws2.write_string(r2, 1, "\n".join(p.text() for p in item.problems), fmts.plain)
    t2 = [x.active_disclosure.table for x in reports if x.active_disclosure and x.active_disclosure.table]
    t3 = [x.applications.table for x in reports if x.applications and x.applications.table]
    t4 = [x.review_litigation.table for x in reports if x.review_litigation and x.review_litigation.table]
    for title, tables, writer in (
        ("表二", [t for t in t2 if isinstance(t, Table2_2021)], table2_sheet),
        (f"表二{OLD_FORM}", [t for t in t2 if isinstance(t, Table2_2019)], table2_sheet),
        ("表三", [t for t in t3 if t.has_other_subrows], table3_sheet),
        (f"表三{OLD_FORM}", [t for t in t3 if not t.has_other_subrows], table3_sheet),
        ("表四", t4, table4_sheet),
    ):
        if tables:
            writer(wb, fmts, _sum_tables(tables), title)
    wb.close()
    return buffer.getvalue()


def _latest(reports: list[Report]) -> dt.date:
    """The summary's date: the latest document date of its reports (never the clock)."""
    return max((r.document_date for r in reports), default=dt.date(2000, 1, 1))
