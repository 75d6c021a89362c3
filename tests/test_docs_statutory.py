"""docs/checks.md lists every check code with its severity."""

from __future__ import annotations

from _statutory import ROOT
from govreport.checks import CHECKS


def test_every_code_is_documented_with_its_severity() -> None:
    text = (ROOT / "docs" / "checks.md").read_text(encoding="utf-8")
    for code, info in CHECKS.items():
        assert f"| `{code}` | {info.severity.value} |" in text, code
