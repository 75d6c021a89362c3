"""The command line: exit codes, messages, outputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLE
from govreport.cli import app

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "govreport", *args], capture_output=True, text=True, check=False)


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("govreport ")


def test_check_sample_exits_zero() -> None:
    result = runner.invoke(app, ["check", str(SAMPLE)])
    assert result.exit_code == 0, result.output
    assert "未发现问题" in result.stdout


def test_check_json_format() -> None:
    result = runner.invoke(app, ["check", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0
    payload = json.loads(result.stdout)
    assert payload["errors"] == 0
    assert payload["file"] == "keyuan-2016.yaml"


def test_render_three_formats(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(SAMPLE), "-f", "docx,pdf,html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keyuan-2016.docx", "keyuan-2016.html", "keyuan-2016.pdf"]


def test_missing_file_is_exit_2_without_traceback(tmp_path: Path) -> None:
    res = run("check", str(tmp_path / "nope.yaml"))
    assert res.returncode == 2
    assert "找不到文件" in res.stderr
    assert "Traceback" not in res.stderr


def test_not_a_report_is_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", "utf-8")
    out = tmp_path / "out"
    res = run("render", str(bad), "-o", str(out))
    assert res.returncode == 2
    assert "顶层应为键值对" in res.stderr
    assert "Traceback" not in res.stderr
    assert not out.exists() or not any(out.iterdir())


def test_unknown_format_is_exit_2(tmp_path: Path) -> None:
    res = run("render", str(SAMPLE), "-f", "odt", "-o", str(tmp_path))
    assert res.returncode == 2
    assert "不支持的输出格式" in res.stderr


@pytest.mark.parametrize("edition", ["legacy"])
def test_new_template_loads_and_checks(tmp_path: Path, edition: str) -> None:
    target = tmp_path / "new.yaml"
    result = runner.invoke(app, ["new", "--edition", edition, "-o", str(target)])
    assert result.exit_code == 0, result.output
    checked = runner.invoke(app, ["check", str(target)])
    assert checked.exit_code == 1  # the untouched template: its placeholders are errors
    assert "PLACEHOLDER" in checked.stdout
    assert "未发现问题" not in checked.stdout
    # never overwrites
    assert runner.invoke(app, ["new", "--edition", edition, "-o", str(target)]).exit_code == 2


def test_schema_is_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["title"] == "政府信息公开工作年度报告"
    assert "body" in schema["properties"]


def test_render_error_names_the_file_once(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("body: x\nyear: 20x6\n", "utf-8")
    res = run("render", str(bad), "-o", str(tmp_path / "out"))
    assert res.returncode == 2
    assert res.stderr.count("bad.yaml") == 1, res.stderr


def test_english_error_names_the_file_once(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("foo: 1\n", "utf-8")
    proc = run("--lang", "en", "render", str(bad), "-f", "html", "-o", str(tmp_path / "out"))
    assert proc.returncode == 2
    lines = proc.stderr.splitlines()
    assert len(lines) == 3, proc.stderr  # body and year missing, foo unknown: every problem is named
    assert all(line.count("bad.yaml") == 1 for line in lines), proc.stderr
