"""Hostile input, second round (issue 16): every class is refused with one clear message, or read
correctly; the oracles (messages, values) are typed here, not taken from the code under test."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import govreport
from conftest import FIXTURES
from govreport.errors import InputError

BASE = (FIXTURES / "minimal-gb2021.yaml").read_text(encoding="utf-8")


def _with(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def _refused(text: str | dict[str, Any]) -> str:
    with pytest.raises(InputError) as info:
        govreport.load(text)
    return info.value.message


# -- 1. one bounded number type ----------------------------------------------------------------

FEE = "行政事业性收费: '126.35'"
FEE_PATH = "主动公开（active_disclosure） → 表二（table） → 行政事业性收费"


@pytest.mark.parametrize(("typed", "expected"), [
    ("'1e-999999999'", "小数位数过多（最多 6 位）"),
    ("'-1e-99999999'", "小数位数过多（最多 6 位）"),
    ("'1e999999999'", "数值太大"),
    ("'" + "9" * 100_000 + "'", "数字太长"),
    ("'1000000000000.5'", "数值太大"),
    ("'126.3500001'", "小数位数过多"),
    (".nan", "应为有限的数"),
    ("'NaN'", "应为数字"),
    ("'12万'", "应为数字"),
])
def test_amounts_are_bounded(typed: str, expected: str) -> None:
    message = _refused(_with(FEE, f"行政事业性收费: {typed}"))
    assert f"{FEE_PATH}：{expected}" in message
    assert "Traceback" not in message
    assert "Decimal" not in message


@pytest.mark.parametrize(("typed", "value"), [
    ("'１２６．３５'", "126.35"),
    ("'1,126.35'", "1126.35"),
    ("'1，126.35'", "1126.35"),
    ("' 126.35 '", "126.35"),
    ("126.35", "126.35"),
    ("'24252.311082'", "24252.311082"),  # 万元 to the 分, as real reports print
    ("'126.350000000'", "126.350000"),  # the places beyond 6 are zeros: kept to 6
    ("'1E+3'", "1000"),
    ("'-0'", "0"),
])
def test_amounts_accept_what_people_type(typed: str, value: str) -> None:
    report = govreport.load(_with(FEE, f"行政事业性收费: {typed}"))
    assert report.table2 is not None
    assert format(report.table2.fees, "f") == value


@pytest.mark.parametrize(("typed", "value"), [
    ("'３１２０'", 3120), ("'3,120'", 3120), ("'3，120'", 3120), ("' 3120 '", 3120), ("3120.0", 3120),
    ("'1,000,000'", 1_000_000), ("'－5'", -5),
])
def test_counts_accept_what_people_type(typed: str, value: int) -> None:
    report = govreport.load(_with("行政许可: 3120", f"行政许可: {typed}"))
    assert report.table2 is not None
    assert report.table2.licensing == value
    assert type(report.table2.licensing) is int


def test_whole_decimals_and_floats_are_counts() -> None:
    from govreport.model.tables import Table2_2021

    table = Table2_2021.model_validate({"行政许可": Decimal("17"), "行政处罚": 17.0, "行政强制": Decimal("1.7E1")})
    assert (table.licensing, table.penalty, table.coercion) == (17, 17, 17)


@pytest.mark.parametrize(("typed", "expected"), [
    ("1000000000001", "数值太大（绝对值不得超过 1000000000000）"),
    ("'3,12'", "应为整数"),
    ("3120.5", "应为整数"),
    ("true", "应为整数"),
    ("'" + "9" * 5000 + "'", "数字太长"),
])
def test_counts_are_bounded(typed: str, expected: str) -> None:
    message = _refused(_with("行政许可: 3120", f"行政许可: {typed}"))
    assert "主动公开（active_disclosure） → 表二（table） → 行政许可：" + expected in message


@pytest.mark.parametrize("digits", [200, 4000, 4301, 100_000])
def test_table3_cells_of_thousands_of_digits(digits: int) -> None:
    message = _refused(_with("本年新收: [10,", "本年新收: [" + "9" * digits + ","))
    assert "无效（整数位数过多）" in message or "数值太大" in message
    assert "Exceeds the limit" not in message


def test_json_integers_of_thousands_of_digits() -> None:
    message = _refused('{"body": "某某", "year": 2016, "统计表": {"指标": [{"指标": "a", "单位": "件", "数值": '
                       + "9" * 5000 + "}]}}")
    assert "整数位数过多" in message
    assert "limit" not in message


@pytest.mark.parametrize(("typed", "expected"), [
    ("1e999999999", "数值太大"),
    ("'1e-999999999'", "小数位数过多"),
    ("'" + "1" * 50 + "'", "数字太长"),
])
def test_legacy_statistics_values_are_bounded(typed: str, expected: str) -> None:
    text = f"body: 某某\nyear: 2016\n统计表:\n  指标:\n    - {{指标: 收到申请, 单位: 件, 数值: {typed}}}\n"
    message = _refused(text)
    assert "统计表 → 指标 → 第1项 → 数值：" + expected in message


def test_legacy_statistics_values_accept_pasted_numbers() -> None:
    text = "body: 某某\nyear: 2016\n统计表:\n  指标:\n    - {指标: 收费, 单位: 万元, 数值: '１，２３４．５'}\n"
    report = govreport.load(text)
    assert report.statistics is not None
    assert report.statistics.rows[0].value == Decimal("1234.5")
