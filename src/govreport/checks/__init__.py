"""What makes a report RIGHT: checks that return findings. A check never imports a renderer."""

from __future__ import annotations

from govreport.checks.finding import Finding, Location, Severity, error, warning
from govreport.model.editions import edition_for_year
from govreport.model.report import Report

__all__ = ["Finding", "Location", "Severity", "run_checks"]


def _edition(report: Report) -> list[Finding]:
    expected = edition_for_year(report.year)
    if report.edition is expected:
        return []
    return [
        warning(
            "EDITION-MISMATCH",
            f"{report.year}年度报告应使用「{expected.label}」（{expected.value}），"
            f"但报告标为「{report.edition.label}」（{report.edition.value}）",
            field="版本",
        )
    ]


def run_checks(report: Report, previous: Report | None = None) -> list[Finding]:
    """Every finding for ``report`` (errors first, then warnings, in a stable order)."""
    findings = _edition(report)
    return sorted(findings, key=lambda f: (f.severity is not Severity.ERROR, f.code))


_ = (error, Location)
