"""What a check reports: a Finding with a stable code, a severity, a location and a message."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Location(BaseModel):
    """Where a finding is, in the report's own terms (section heading, table, row label, column label),
    and ``cell``: the place in the file the report was read from when its reader knows it (an Excel
    workbook: ``表三!J4``; several joined by 、)."""

    model_config = ConfigDict(frozen=True)

    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    field: str | None = None
    cell: str | None = None

    def __str__(self) -> str:
        if self.cell:  # the sheet names the table: 表三!J4（一、本年新收… / 总计）
            inner = " / ".join(p for p in (self.row, self.column, self.field) if p)
            return f"{self.cell}（{inner}）" if inner else self.cell
        parts = [p for p in (self.section, self.table, self.row, self.column, self.field) if p]
        return " / ".join(parts)


class Finding(BaseModel):
    """One problem found in a report.

    ``code`` is stable across releases and languages (documented in docs/checks.md); ``message``
    quotes the numbers involved and is in Chinese, or in English when the current language
    (:func:`govreport.i18n.set_locale`) is English at the time of the check.
    """

    model_config = ConfigDict(frozen=True)

    severity: Severity
    code: str
    location: Location = Location()
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def error(code: str, message: str, **location: str | None) -> Finding:
    return Finding(severity=Severity.ERROR, code=code, message=message, location=Location(**location))


def warning(code: str, message: str, **location: str | None) -> Finding:
    return Finding(severity=Severity.WARNING, code=code, message=message, location=Location(**location))
