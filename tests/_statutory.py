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

#: The six section headings of 国办公开办函〔2021〕30号, restated here as the tests' independent oracle.
SECTION_HEADINGS = [
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
]


def raw(name: str) -> dict[str, Any]:
    """A fixture's YAML as a dict (``name`` relative to fixtures/)."""
    data = yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def load(name: str) -> Report:
    if not name.endswith((".yaml", ".yml", ".json")):  # a document: through the readers
        import govreport

        return govreport.load(FIXTURES / name)
    return Report.model_validate(raw(name))


def codes(findings: list[Finding], severity: str | None = None) -> set[str]:
    return {f.code for f in findings if severity is None or f.severity.value == severity}


def errors(report: Report, previous: Report | None = None) -> list[Finding]:
    from govreport.checks import run_checks

    return [f for f in run_checks(report, previous) if f.is_error]


def clone(data: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(data)
