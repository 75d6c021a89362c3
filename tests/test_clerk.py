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


# --- publication date, level, typed ordinals ----------------------------------------------------


def _report(**changes: Any) -> govreport.Report:
    data = clone(MINIMAL)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return govreport.load(data)


def test_publication_before_the_year_has_ended_is_an_error() -> None:
    """Why: a 2024 report with published: 2024-01-20 (before the year has ended) passed."""
    report = _report(year=2024, published="2024-01-20",
                     preamble=["本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。"])
    found = [f for f in govreport.check(report) if f.code == "PUBLISHED-EARLY"]
    assert len(found) == 1
    assert found[0].is_error
    assert found[0].message.startswith("发布日期为 2024年1月20日，早于 2024 年度结束（2024年12月31日）")
    on_time = _report(year=2024, published="2025-01-20",
                      preamble=["本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。"])
    assert "PUBLISHED-EARLY" not in {f.code for f in govreport.check(on_time)}


def test_signature_date_before_the_year_has_ended_is_an_error() -> None:
    report = _report(signature={"date": "2023-12-31"})
    found = [f for f in govreport.check(report) if f.code == "PUBLISHED-EARLY"]
    assert [f.location.field for f in found] == ["signature.date"]
    assert found[0].message.startswith("落款日期为 2023年12月31日")


@pytest.mark.parametrize(
    ("body", "level"),
    [
        ("示例市示例区人民政府", "县级"),
        ("示例县人民政府", "县级"),
        ("示例自治县人民政府", "县级"),
        ("示例市人民政府", "地市级"),
        ("示例自治州人民政府", "地市级"),
        ("示例省人民政府", "省级"),
        ("示例自治区人民政府", "省级"),
        ("上海市人民政府", "省级"),
        ("示例市示例区人民政府示例街道办事处", "乡镇街道"),
        ("示例县示例镇人民政府", "乡镇街道"),
        ("示例县示例乡人民政府", "乡镇街道"),
        ("示例市交通运输局", "部门"),
        ("示例市发展和改革委员会", "部门"),
        ("示例市人民政府办公室", "部门"),
        ("示例省教育厅", "部门"),
        ("示例工作组", None),
    ],
)
def test_level_follows_from_the_body_name(body: str, level: str | None) -> None:
    from govreport.model.report import level_from_name

    found = level_from_name(body)
    assert (found.value if found else None) == level


def test_missing_level_is_a_warning_unless_the_name_tells() -> None:
    """Why: a missing level silently picked a deadline."""
    unknown = _report(body="示例工作组", level=None)
    found = [f for f in govreport.check(unknown) if f.code == "LEVEL-MISSING"]
    assert len(found) == 1
    assert not found[0].is_error
    assert "暂按最晚的 2024年3月31日 计算" in found[0].message
    # 示例县人民政府 → 县级: no warning, and the 县级 deadline (2月20日) is the one used
    county = _report(level=None, published="2024-02-21")
    findings = govreport.check(county)
    assert "LEVEL-MISSING" not in {f.code for f in findings}
    (late,) = [f for f in findings if f.code == "DEADLINE"]
    assert "晚于县级机关（按机关名称推断）的发布期限 2024年2月20日" in late.message
    assert "逾期 1 天" in late.message


def test_hand_typed_ordinal_is_printed_once_with_a_warning() -> None:
    """Why: hand-typed numbering was printed twice ("（一）（一）主动公开情况")."""
    data = clone(MINIMAL)
    data["overview"] = [data["overview"][0], {"heading": "（一）主动公开情况", "content": ["正文。"]},
                        {"heading": "2. 依申请公开情况", "content": ["正文。"]}]
    report = govreport.load(data)
    found = [f for f in govreport.check(report) if f.code == "HEADING-ORDINAL"]
    assert [f.severity.value for f in found] == ["warning", "warning"]
    assert "手写了序号「（一）」" in found[0].message
    html = govreport.render(report, "html").decode("utf-8")
    import re

    text = re.sub(r"<[^>]+>", "", html)
    assert "（一）主动公开情况" in text
    assert "（一）（一）" not in text
    assert "（二）依申请公开情况" in text
    assert "2. 依申请公开情况" not in text
