"""``summarize``: one workbook summing the tables of many reports, with a list of the reports, their key
figures and findings, and the reports that could not be read. The expected sums are added up here from
the fixtures' YAML data (read with PyYAML, not through govreport)."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import yaml
from typer.testing import CliRunner

import govreport
from govreport.cli import app

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
GB2021 = [FIXTURES / "example-gb2021.yaml", FIXTURES / "minimal-gb2021.yaml"]
GB2019 = [FIXTURES / "example-gb2019.yaml", FIXTURES / "example-gb2019-previous.yaml"]
runner = CliRunner()


def _raw(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _rows(table: dict[str, Any]) -> dict[str, list[int]]:
    """表三 of a fixture (short Chinese keys), flattened: row key → 7 numbers (blank = 0)."""
    out: dict[str, list[int]] = {}
    for key, item in table.items():
        if isinstance(item, dict):
            for sub, cells in item.items():
                out[sub] = [c or 0 for c in cells]
        else:
            out[key] = [c or 0 for c in item]
    return out


def _sheet_rows(ws: Any) -> dict[str, list[int]]:
    """The rows of a 表三 sheet by the label in front of the numbers (columns D–J)."""
    out: dict[str, list[int]] = {}
    for row in ws.iter_rows(min_row=4, values_only=True):
        label = next((v for v in reversed(row[:3]) if isinstance(v, str)), None)
        if label and not label.startswith("勾稽") and row[3] is not None:
            out[label] = [int(v or 0) for v in row[3:10]]
    return out


# The printed labels of 表三's rows whose short keys the fixtures use (typed from the template).
LABELS = {
    "本年新收": "一、本年新收政府信息公开申请数量", "上年结转": "二、上年结转政府信息公开申请数量",
    "予以公开": "（一）予以公开", "属于国家秘密": "1.属于国家秘密", "重复申请": "2.重复申请",
    "逾期不补正": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", "其他": "3.其他",
    "总计": "（七）总计", "结转下年度": "四、结转下年度继续办理",
}


def test_summed_tables_equal_the_sums_of_the_individual_tables() -> None:
    data = govreport.summarize([*GB2021, *GB2019, FIXTURES / "keyuan-2016.yaml"])
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    assert wb.sheetnames == ["报告一览", "表二", "表二（2019）", "表三", "表三（2019）", "表四"]
    rows = _sheet_rows(wb["表三"])
    expected = [_rows(_raw(p)["applications"]["table"]) for p in GB2021]
    for key, label in LABELS.items():
        assert rows[label] == [a + b for a, b in zip(expected[0][key], expected[1][key], strict=True)], key
    assert rows["一、本年新收政府信息公开申请数量"][6] == 3119 + 12
    rows_2019 = _sheet_rows(wb["表三（2019）"])
    old = [_rows(_raw(p)["applications"]["table"]) for p in GB2019]
    assert rows_2019["（七）总计"] == [a + b for a, b in zip(old[0]["总计"], old[1]["总计"], strict=True)]
    t4 = wb["表四"]
    groups = [_raw(p)["review_litigation"]["table"] for p in [*GB2021, *GB2019]]
    expected4 = [sum(g[name][i] or 0 for g in groups) for name in ("行政复议", "未经复议直接起诉", "复议后起诉")
                 for i in range(5)]
    assert [int(v or 0) for v in next(t4.iter_rows(min_row=4, max_row=4, values_only=True))[:15]] == expected4
    t2 = wb["表二"]
    fees = next(row for row in t2.iter_rows(values_only=True) if row[0] == "行政事业性收费")
    fee_sum = sum(Decimal(_raw(p)["active_disclosure"]["table"]["行政事业性收费"]) for p in GB2021)
    assert Decimal(repr(fees[1])) == fee_sum == Decimal("96297.95")  # 96171.6 + 126.35


def test_the_list_gives_key_figures_findings_and_unreadable_reports(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("year: [unclosed\n", encoding="utf-8")
    workbook = tmp_path / "minimal.xlsx"  # any format the readers take
    workbook.write_bytes(govreport.export_workbook(govreport.load(FIXTURES / "minimal-gb2021.yaml")))
    data = govreport.summarize([FIXTURES / "example-gb2021.yaml", FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml",
                                broken, workbook])
    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    header, *rows = list(wb["报告一览"].iter_rows(values_only=True))
    assert header[:13] == ("文件", "发布机关", "年度", "版本", "本年新收", "上年结转", "予以公开", "部分公开",
                           "办结（（七）总计）", "结转下年度", "行政复议", "行政诉讼", "公开率")
    huaian = rows[0]
    # 淮安市 2024: 3119 received, 34 carried over, 1362 + 454 disclosed of 3050 handled, 103 carried
    # forward; 351 reviews; 26 + 20 lawsuits.
    assert huaian[:12] == ("example-gb2021.yaml", "淮安市人民政府", 2024, "gb2021", 3119, 34, 1362, 454, 3050, 103,
                           351, 46)
    assert abs(huaian[12] - (1362 + 454) / 3050) < 1e-9
    wrong = rows[1]
    assert wrong[13] >= 1  # its errors are counted
    assert "T3-ROW-TOTAL" in wrong[15]
    assert rows[2][:5] == ("minimal.xlsx", "示例县人民政府", 2023, "gb2021", 12)
    assert rows[2][15] == "未发现问题"
    failed = list(wb["未能读取"].iter_rows(values_only=True))
    assert failed[0] == ("文件", "原因")
    assert failed[1][0] == "broken.yaml"
    assert "YAML" in failed[1][1]


def test_cli_summarize_export_and_new(tmp_path: Path) -> None:
    out = tmp_path / "汇总.xlsx"
    result = runner.invoke(app, ["summarize", str(FIXTURES), str(tmp_path / "missing.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out, data_only=True)
    names = [r[0] for r in wb["报告一览"].iter_rows(min_row=2, values_only=True)]
    assert "example-gb2021.yaml" in names
    assert next(wb["未能读取"].iter_rows(min_row=2, values_only=True))[0] == "missing.yaml"

    workbook = tmp_path / "年报.xlsx"
    result = runner.invoke(app, ["export", str(FIXTURES / "example-gb2019.yaml"), "-f", "xlsx", "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    assert govreport.load(workbook).model_dump() == govreport.load(FIXTURES / "example-gb2019.yaml").model_dump()
    result = runner.invoke(app, ["check", str(workbook)])
    assert result.exit_code == 0, result.output

    template = tmp_path / "模板.xlsx"
    result = runner.invoke(app, ["new", "--edition", "gb2019", "--format", "xlsx", "-o", str(template)])
    assert result.exit_code == 0, result.output
    assert govreport.load(template).edition.value == "gb2019"
    result = runner.invoke(app, ["new", "--format", "xlsx", "-o", str(template)])
    assert result.exit_code == 2  # never overwritten
    result = runner.invoke(app, ["new", "--format", "xlsx"])
    assert result.exit_code == 2  # a workbook needs a file
    result = runner.invoke(app, ["summarize", str(tmp_path / "missing.yaml"), "-o", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 2
    assert not (tmp_path / "x.xlsx").exists()
