"""What makes a report RIGHT: every check, one entry point.

``run_checks(report, previous=None)`` returns the findings sorted errors first (within a severity,
in the fixed order of the checks). ``CHECKS`` lists every code with its severity, title and basis.
"""

from __future__ import annotations

from govreport.checks.arithmetic import check_arithmetic
from govreport.checks.crossyear import check_crossyear
from govreport.checks.finding import Finding, Location, Severity, warning
from govreport.checks.narrative import check_narrative
from govreport.checks.registry import CHECKS, CheckInfo
from govreport.checks.statutory import check_statutory
from govreport.model.report import Report

__all__ = ["CHECKS", "CheckInfo", "Finding", "Location", "Severity", "run_checks"]


def run_checks(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding of ``report`` (and against ``previous``, last year's report, when given); what a
    reader inferred or corrected (:attr:`Report.read_notes`) comes last, as warnings."""
    findings = [
        *check_statutory(report),
        *check_arithmetic(report),
        *check_narrative(report),
        *check_crossyear(report, previous),
        *(warning(n.code, n.message, section=n.section, table=n.table, row=n.row, column=n.column, field=n.field)
          for n in report.read_notes),
    ]
    if report.cells:
        findings = [_with_cell(f, report.cells) for f in findings]
    return sorted(findings, key=lambda f: 0 if f.severity is Severity.ERROR else 1)


def _with_cell(finding: Finding, cells: dict[tuple[str | None, str | None, str | None], str]) -> Finding:
    """The finding with ``location.cell`` set where the reader recorded the place of its cell(s) (a
    BLANK-CELL finding names several columns, joined by 、)."""
    loc = finding.location
    if loc.cell or not loc.table:
        return finding
    columns = loc.column.split("、") if loc.column else [None]
    found = [cells[(loc.table, loc.row, c)] for c in columns if (loc.table, loc.row, c) in cells]
    if not found:
        return finding
    return finding.model_copy(update={"location": loc.model_copy(update={"cell": "、".join(found)})})
