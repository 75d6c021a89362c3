"""Issue 14, "a clerk writes the report without tripping": each Why bullet of the issue, reproduced.

The oracles are typed here: the official labels, the expected messages and numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import govreport
from _statutory import FIXTURES, clone, raw
from govreport.cli import app

runner = CliRunner()
MINIMAL = raw("minimal-gb2021.yaml")


def _write(tmp_path: Path, data: dict[str, Any], name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _flat(text: str) -> str:
    """Output without whitespace or table rules (a message wrapped over lines reads as one)."""
    return "".join(ch for ch in text if not ch.isspace() and not "\u2500" <= ch <= "\u257f")


def _said_17(data: dict[str, Any]) -> dict[str, Any]:
    """The minimal report (表三 本年新收 总计 12) whose text says 收到政府信息公开申请17件."""
    data = clone(data)
    data["overview"] = [*data["overview"], "全年收到政府信息公开申请17件，均按时答复。"]
    return data


# --- render shows what it rendered with -----------------------------------------------------


def test_render_prints_the_warnings_it_rendered_with(tmp_path: Path) -> None:
    """Why: a report whose text says 收到申请17件 while 表三 says otherwise rendered with only "已写入 …"."""
    path = _write(tmp_path, _said_17(MINIMAL))
    result = runner.invoke(app, ["render", str(path), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "NARRATIVE-MISMATCH" in result.stdout
    assert "「总计」为12" in _flat(result.stdout)
    assert "已写入" in result.stdout
    assert (tmp_path / "out" / "report.html").is_file()


def test_render_force_prints_the_errors(tmp_path: Path) -> None:
    path = FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml"
    refused = runner.invoke(app, ["render", str(path), "-f", "html", "-o", str(tmp_path / "a")])
    assert refused.exit_code == 1
    assert "T3-ROW-TOTAL" in refused.stdout
    forced = runner.invoke(app, ["render", str(path), "-f", "html", "-o", str(tmp_path / "b"), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "T3-ROW-TOTAL" in forced.stdout
    assert "已按 --force 输出" in forced.stderr
    assert any((tmp_path / "b").iterdir())


def test_render_api_refuses_a_report_with_errors(tmp_path: Path) -> None:
    """Why: govreport.render() returned bytes for a report with errors while the CLI refused it."""
    report = govreport.load(FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml")
    with pytest.raises(govreport.ReportInvalidError, match="T3-ROW-TOTAL") as info:
        govreport.render(report, "html")
    assert any(f.code == "T3-ROW-TOTAL" for f in info.value.findings)
    with pytest.raises(govreport.ReportInvalidError):
        govreport.render_to(report, tmp_path, ["html"])
    assert not any(tmp_path.iterdir())
    assert govreport.render(report, "html", force=True).startswith(b"<!DOCTYPE html>")
    assert govreport.render_to(report, tmp_path, ["html"], force=True)


def test_untouched_template_is_not_rendered(tmp_path: Path) -> None:
    """Why: the untouched template's PDF printed 某某市某某局 and 0000-0000000."""
    target = tmp_path / "new.yaml"
    assert runner.invoke(app, ["new", "-o", str(target)]).exit_code == 0
    result = runner.invoke(app, ["render", str(target), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "PLACEHOLDER" in result.stdout
    assert not (tmp_path / "out").exists()
