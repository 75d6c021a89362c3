"""Helpers for the statutory tests: load fixtures, mutate tables, list finding codes."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from govreport.model.report import Report

if TYPE_CHECKING:
    from govreport.checks.finding import Finding

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
DATA = Path(__file__).resolve().parent / "data"


def raw(name: str) -> dict[str, Any]:
    """A fixture's YAML as a dict (``name`` relative to fixtures/)."""
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load(name: str) -> Report:
    return Report.model_validate(raw(name))


def codes(findings: list[Finding], severity: str | None = None) -> set[str]:
    return {f.code for f in findings if severity is None or f.severity.value == severity}


def errors(report: Report, previous: Report | None = None) -> list[Finding]:
    from govreport.checks import run_checks

    return [f for f in run_checks(report, previous) if f.is_error]


def clone(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)
