"""The table models: labels verbatim, accepted key spellings, shapes, blanks, editions."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from pydantic import ValidationError

from _statutory import DATA, SECTION_HEADINGS, load, raw
from govreport.model.report import Report
from govreport.model.tables import (
    SECTION_TITLES,
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_LEAVES_FIXED,
    T3_NOTE,
    T3_OTHER_2021,
    Statistics,
    Table2_2019,
    Table2_2021,
    Table3,
    Table4,
)


def test_labels_are_verbatim() -> None:
    assert [o + t for o, t in SECTION_TITLES] == SECTION_HEADINGS
    assert T3_NOTE == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    labels = [s.label for s in T3_LEAVES_FIXED]
    assert labels[1] == "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"
    assert "3.危及“三安全一稳定”" in labels
    assert [s.label for s in T3_OTHER_2021][
        1
    ] == "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    assert [b.heading for b in T2_2021_BLOCKS] == [f"第二十条第（{n}）项" for n in "一五六八"]
    assert [b.heading for b in T2_2019_BLOCKS] == [f"第二十条第（{n}）项" for n in "一五六八九"]
    assert T2_2021_BLOCKS[3].columns == ("本年收费金额（单位：万元）",)
    assert T2_2019_BLOCKS[0].rows[1].label == "规范性文件"
    assert T2_2021_BLOCKS[0].rows[1].label == "行政规范性文件"


def test_row_counts_per_edition() -> None:
    new = Table3.model_validate({})
    old = Table3.model_validate({"其他处理": [0] * 7})
    assert len(new.data_rows()) == 25
    assert len(old.data_rows()) == 23
    assert new.has_other_subrows
    assert not old.has_other_subrows
    assert len(Table4().cells()) == 15


@pytest.mark.parametrize(
    "key",
    [
        "本年新收",
        "new",
        "一、本年新收政府信息公开申请数量",
        "本年新收政府信息公开申请数量",
    ],
)
def test_table3_accepts_key_spellings(key: str) -> None:
    t = Table3.model_validate({key: [1, 2, 3, 4, 5, 6, 21]})
    assert t.new == (1, 2, 3, 4, 5, 6, 21)


def test_table3_accepts_official_sub_labels_and_column_mappings() -> None:
    t = Table3.model_validate(
        {
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）": [1, 0, 0, 0, 0, 0, 1],
            "（三）不予公开": {"3.危及“三安全一稳定”": {"自然人": 2, "总计": 2}},
            "其他处理": {
                "1、申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": [3, 0, 0, 0, 0, 0, 3]
            },
        }
    )
    assert t.partly_disclosed[6] == 1
    assert t.withheld.security_stability == (2, None, None, None, None, None, 2)
    assert isinstance(t.other, object)
    assert t.has_other_subrows
    assert t.other_total() == 3


def test_table3_row_needs_seven_numbers() -> None:
    with pytest.raises(ValidationError, match="这一行应有 7 个数"):
        Table3.model_validate({"本年新收": [1, 2, 3]})


@pytest.mark.parametrize("bad", [True, "十二", 1.5, "12.5", "1,2"])
def test_counts_are_integers(bad: object) -> None:
    with pytest.raises(ValidationError):
        Table3.model_validate({"本年新收": [bad, 0, 0, 0, 0, 0, 0]})


def test_unknown_row_is_rejected() -> None:
    with pytest.raises(ValidationError):
        Table3.model_validate({"本年新增": [0] * 7})
    with pytest.raises(ValidationError):
        Table4.model_validate({"行政复议": [0] * 5, "行政诉讼": [0] * 5})


def test_blank_cells_are_none() -> None:
    t = Table3.model_validate({"本年新收": [1, None, None, None, None, None, 1]})
    assert t.new[1] is None
    assert Table3().total == (None,) * 7


def test_table2_variants_are_recognised() -> None:
    r = Report.model_validate(
        {
            "body": "某局",
            "year": 2024,
            "active_disclosure": {"table": {"规章": [1, 0, 1], "行政事业性收费": "7730.28"}},
        }
    )
    assert r.active_disclosure is not None
    assert isinstance(r.active_disclosure.table, Table2_2021)
    assert r.active_disclosure.table.fees == Decimal("7730.28")
    r = Report.model_validate(
        {"body": "某局", "year": 2020, "active_disclosure": {"table": {"规范性文件": [1, 1, 3]}}}
    )
    assert r.active_disclosure is not None
    assert isinstance(r.active_disclosure.table, Table2_2019)
    r = Report.model_validate(
        {"body": "某局", "year": 2020, "active_disclosure": {"table": {"行政许可": [10, -2, 30]}}}
    )
    assert r.active_disclosure is not None
    assert isinstance(r.active_disclosure.table, Table2_2019)
    assert r.active_disclosure.table.licensing == (10, -2, 30)


def test_amount_keeps_decimals_as_typed() -> None:
    assert str(Table2_2021.model_validate({"fees": "24252.311082"}).fees) == "24252.311082"
    assert str(Table2_2021.model_validate({"fees": "18651.60"}).fees) == "18651.60"


def test_statistics_units_and_integers() -> None:
    s = Statistics.model_validate({"指标": [{"指标": "主动公开政府信息数", "单位": "条", "数值": 120}]})
    assert s.rows[0].value == 120
    with pytest.raises(ValidationError):
        Statistics.model_validate({"指标": [{"指标": "x", "单位": "斤", "数值": 1}]})
    with pytest.raises(ValidationError, match="应为整数"):
        Statistics.model_validate({"指标": [{"指标": "x", "单位": "件", "数值": "1.5"}]})
    ok = Statistics.model_validate({"指标": [{"指标": "收费", "单位": "万元", "数值": "1.5"}]})
    assert ok.rows[0].value == Decimal("1.5")


def _numbers(line: str, n: int) -> list[int] | None:
    m = re.search(rf"((?:\d+\s+){{{n - 1}}}\d+)\s*$", line)
    return [int(x) for x in m.group(1).split()] if m else None


def test_huaian_fixture_has_the_published_numbers() -> None:
    """Every number of 表三 and 表四 in the fixture equals the published PDF's (its text extract)."""
    lines = (DATA / "huaian-city-2024.txt").read_text(encoding="utf-8").splitlines()
    t3_rows = [nums for line in lines if (nums := _numbers(line, 7)) and not _numbers(line, 15)]
    t4_rows = [nums for line in lines if (nums := _numbers(line, 15))]
    report = load("example-gb2021.yaml")
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.review_litigation is not None
    assert report.review_litigation.table is not None
    assert [list(cells) for _, cells in report.applications.table.data_rows()] == t3_rows
    assert t4_rows == [list(report.review_litigation.table.cells())]
    t2 = raw("example-gb2021.yaml")["active_disclosure"]["table"]
    text = "\n".join(lines)
    assert re.search(r"规章\s+1\s+0\s+11", text)
    assert t2["规章"] == [1, 0, 11]
    assert re.search(r"行政规范性文件\s+8\s+26\s+66", text)
    assert t2["行政规范性文件"] == [8, 26, 66]
    for key in ("行政许可", "行政处罚", "行政强制"):
        assert re.search(rf"{key}\s+{t2[key]}\b", text)
    assert "96171.6" in text
    assert t2["行政事业性收费"] == "96171.6"


def test_one_row_given_under_two_spellings_is_refused() -> None:
    import govreport

    data = raw("example-gb2021.yaml")
    table = data["applications"]["table"]
    table["一、本年新收政府信息公开申请数量"] = table["本年新收"]
    with pytest.raises(govreport.InputError) as info:
        govreport.load(data)
    assert "「本年新收」与「一、本年新收政府信息公开申请数量」是同一行" in info.value.message
