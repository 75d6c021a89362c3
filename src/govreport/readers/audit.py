"""Auditing a folder of published reports (what a 政务公开 office does each spring): every file read
in whatever format it is, checked, one row per report, and a summary. A file that cannot be read is a
row with its reason, never the end of the audit. When the folder also holds the same body's report
for the year before, the cross-year checks run against it.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govreport.errors import GovReportError, InputError
from govreport.i18n import _
from govreport.model.report import Report

__all__ = ["AuditRow", "audit", "audit_csv", "audit_json", "audit_text", "expand", "summary"]


@dataclass
class AuditRow:
    """One file of an audit. ``status``: ``ok`` (no errors), ``errors``, ``unreadable`` (``reason``
    says why) or ``failed`` (an internal error: please report it)."""

    file: str
    status: str
    body: str | None = None
    year: int | None = None
    edition: str | None = None
    errors: int = 0
    warnings: int = 0
    codes: list[str] = field(default_factory=list)
    reason: str | None = None
    previous: str | None = None


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; a folder gives every file under it that some reader takes (sorted, hidden files
    and folders skipped)."""
    from govreport.readers.base import all_suffixes

    suffixes = all_suffixes()
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file()
                    and p.suffix.lower() in suffixes
                    and not any(part.startswith(".") for part in p.relative_to(path).parts)
                )
            )
        else:
            out.append(path)
    return out


def _read(path: Path, max_bytes: int) -> Report | str:
    import govreport

    try:
        return govreport.load(path, max_bytes=max_bytes)
    except InputError as exc:
        return exc.message
    except GovReportError as exc:
        return exc.message


def audit(
    paths: Sequence[Path],
    *,
    previous: Report | None = None,
    max_bytes: int = 10 * 1024 * 1024,
    base: Path | None = None,
) -> list[AuditRow]:
    """One row per file of ``paths`` (folders expanded). ``previous`` is checked against every report;
    without it each report is checked against the same body's report of the year before when the
    audit holds one."""
    import govreport

    files = expand(paths)
    read: list[tuple[str, Report | str]] = []
    for path in files:
        shown = str(path.relative_to(base)) if base and path.is_relative_to(base) else str(path)
        try:
            read.append((shown, _read(path, max_bytes)))
        except Exception as exc:  # an audit of hundreds of files never stops at one; the row says so
            read.append((shown, f"\0{type(exc).__name__}: {exc}"))
    by_year = {(r.body, r.year): name for name, r in read if isinstance(r, Report)}
    reports = {name: r for name, r in read if isinstance(r, Report)}
    rows: list[AuditRow] = []
    for name, result in read:
        if isinstance(result, str):
            failed = result.startswith("\0")
            rows.append(
                AuditRow(
                    name,
                    "failed" if failed else "unreadable",
                    reason=_("内部错误，请报告：{error}").format(error=result[1:]) if failed else result,
                )
            )
            continue
        last_name = None if previous is not None else by_year.get((result.body, result.year - 1))
        last = previous if previous is not None else (reports[last_name] if last_name else None)
        findings = govreport.check(result, last)
        errors = sum(1 for f in findings if f.is_error)
        rows.append(
            AuditRow(
                name,
                "errors" if errors else "ok",
                result.body,
                result.year,
                result.edition.value,
                errors,
                len(findings) - errors,
                sorted({f.code for f in findings}),
                previous=last_name,
            )
        )
    return rows


def summary(rows: Sequence[AuditRow]) -> dict[str, Any]:
    """Counts over an audit: files, read, with errors, clean, unreadable, and how often each code occurs."""
    codes: Counter[str] = Counter(c for r in rows for c in r.codes)
    return {
        "files": len(rows),
        "read": sum(1 for r in rows if r.status in ("ok", "errors")),
        "with_errors": sum(1 for r in rows if r.status == "errors"),
        "without_errors": sum(1 for r in rows if r.status == "ok"),
        "unreadable": sum(1 for r in rows if r.status in ("unreadable", "failed")),
        "codes": dict(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


_CSV_FIELDS = ("file", "status", "body", "year", "edition", "errors", "warnings", "codes", "previous", "reason")


def audit_csv(rows: Sequence[AuditRow]) -> str:
    """The rows as CSV (UTF-8 with a BOM so that Excel opens the Chinese correctly)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_CSV_FIELDS)
    for r in rows:
        d = asdict(r)
        d["codes"] = " ".join(r.codes)
        writer.writerow(["" if d[k] is None else d[k] for k in _CSV_FIELDS])
    return "\ufeff" + buffer.getvalue()


def audit_json(rows: Sequence[AuditRow]) -> str:
    return json.dumps({"reports": [asdict(r) for r in rows], "summary": summary(rows)}, ensure_ascii=False, indent=2)


def audit_text(rows: Sequence[AuditRow]) -> list[tuple[str, ...]]:
    """The rows as table cells for the terminal: file, body, year, edition, errors, warnings, codes or
    reason."""
    status = {"ok": _("无错误"), "errors": _("有错误"), "unreadable": _("无法读取"), "failed": _("内部错误")}
    out: list[tuple[str, ...]] = []
    for r in rows:
        out.append(
            (
                r.file,
                status[r.status],
                r.body or "",
                str(r.year or ""),
                r.edition or "",
                str(r.errors),
                str(r.warnings),
                " ".join(r.codes) if r.status in ("ok", "errors") else (r.reason or ""),
            )
        )
    return out
