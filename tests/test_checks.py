"""The non-arithmetic checks one by one: deadlines, editions, sections, narrative, years, cross-year."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from _statutory import SECTION_HEADINGS, clone, codes, load, raw
from govreport.checks import CHECKS, run_checks
from govreport.checks.finding import Severity
from govreport.checks.statutory import deadline
from govreport.model.report import Report

HUAIAN = raw("example-gb2021.yaml")
MINIMAL = raw("minimal-gb2021.yaml")


def _with(data: dict[str, Any], **changes: Any) -> Report:
    data = clone(data)
    data.update(changes)
    return Report.model_validate(data)


def _text(data: dict[str, Any], old: str, new: str) -> Report:
    import yaml

    dumped = yaml.safe_dump(data, allow_unicode=True)
    assert old in dumped
    return Report.model_validate(yaml.safe_load(dumped.replace(old, new)))


def test_registry_is_complete_and_typed() -> None:
    assert len(CHECKS) == 27
    for code, info in CHECKS.items():
        assert code == code.upper()
        assert info.title_zh
        assert info.basis
        assert info.severity in (Severity.ERROR, Severity.WARNING)


# --- deadline ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("level", "last"),
    [("部门", (1, 31)), ("乡镇街道", (1, 31)), ("县级", (2, 20)), ("地市级", (3, 10)), ("省级", (3, 31))],
)
def test_deadline_by_level_2021(level: str, last: tuple[int, int]) -> None:
    day = dt.date(2025, *last)
    assert deadline(_with(MINIMAL, level=level, year=2024))[0] == day
    on_time = _with(MINIMAL, level=level, year=2024, published=day)
    assert "DEADLINE" not in codes(run_checks(on_time))
    late = _with(MINIMAL, level=level, year=2024, published=day + dt.timedelta(days=1))
    found = [f for f in run_checks(late) if f.code == "DEADLINE"]
    assert len(found) == 1
    assert f"{last[0]}月{last[1]}日" in found[0].message
    assert "逾期 1 天" in found[0].message


def test_deadline_other_editions() -> None:
    legacy = Report.model_validate(
        {"body": "某街道", "level": "乡镇街道", "year": 2016, "published": "2017-03-31"}
    )
    assert deadline(legacy)[0] == dt.date(2017, 3, 31)
    assert "DEADLINE" not in codes(run_checks(legacy))
    gb2019 = load("example-gb2019.yaml")
    assert deadline(gb2019)[0] == dt.date(2021, 1, 31)  # 部门
    county = gb2019.model_copy(update={"level": None})
    assert deadline(county)[0] == dt.date(2021, 3, 31)


def test_deadline_message_has_dates_without_leading_zeros() -> None:
    late = _with(MINIMAL, published=dt.date(2024, 3, 1))
    (finding,) = [f for f in run_checks(late) if f.code == "DEADLINE"]
    assert finding.message.startswith("发布日期为 2024年3月1日，晚于县级机关的发布期限 2024年2月20日")


# --- edition and sections ---------------------------------------------------------------------


def test_inferred_edition_is_not_a_mismatch() -> None:
    data = clone(MINIMAL)
    del data["edition"]
    assert run_checks(Report.model_validate(data)) == []


def test_legacy_with_statutory_fields() -> None:
    report = Report.model_validate({"body": "某街道", "year": 2016, "overview": ["概述。"]})
    assert codes(run_checks(report)) == {"EDITION-FIELDS"}


def test_every_missing_section_is_reported() -> None:
    data = {
        k: v
        for k, v in MINIMAL.items()
        if k
        not in {
            "overview",
            "active_disclosure",
            "applications",
            "review_litigation",
            "problems",
            "other_matters",
        }
    }
    found = [f for f in run_checks(Report.model_validate(data)) if f.code == "SECTION-MISSING"]
    assert [f.location.section for f in found] == SECTION_HEADINGS
    assert all(f.is_error for f in found)


def test_empty_section_is_missing() -> None:
    assert "SECTION-MISSING" in codes(run_checks(_with(MINIMAL, other_matters=[])))


def test_2021_table3_in_2020_report() -> None:
    report = _with(MINIMAL, year=2020, edition="gb2019", published=dt.date(2021, 1, 20))
    found = codes(run_checks(report))
    assert "TABLE-EDITION" in found  # 表二 and 表三 of the 2021 form in a 2019-form report
    assert "EDITION-MISMATCH" not in found


# --- narrative --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "row"),
    [
        ("申请3119件", "申请3118件", "一、本年新收政府信息公开申请数量"),
        ("答复3050件", "答复3051件", "（七）总计"),
        ("结转申请34件", "结转申请33件", "二、上年结转政府信息公开申请数量"),
        ("另有103件", "另有13件", "四、结转下年度继续办理"),
        ("行政复议351件", "行政复议350件", "行政复议"),
        ("结果纠正64件", "结果纠正60件", "行政复议"),
        ("行政诉讼46件", "行政诉讼45件", "行政诉讼（合计）"),
        ("其他结果9件", "其他结果8件", "行政诉讼（合计）"),
    ],
)
def test_numbers_quoted_in_huaian_text(old: str, new: str, row: str) -> None:
    found = [f for f in run_checks(_text(HUAIAN, old, new)) if f.code == "NARRATIVE-MISMATCH"]
    assert [f.location.row for f in found] == [row]
    assert new.removeprefix("另有") in found[0].message


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("收到政府信息公开申请101件", "收到政府信息公开申请100件"),
        ("办结99件", "办结98件"),
        ("加上年结转5件", "加上年结转4件"),
        ("另有7件结转至2021年度", "另有8件结转至2021年度"),
    ],
)
def test_numbers_quoted_in_gb2019_text(old: str, new: str) -> None:
    assert codes(run_checks(_text(raw("example-gb2019.yaml"), old, new))) == {"NARRATIVE-MISMATCH"}


def test_unrelated_numbers_are_not_compared() -> None:
    data = clone(MINIMAL)
    data["overview"].append("全县受理行政许可申请3120件，办结率100%，另有政务服务事项办结5000件。")
    assert run_checks(Report.model_validate(data)) == []


def test_period_year_and_suspect_years() -> None:
    found = run_checks(_text(HUAIAN, "至2024年12月31日", "至2023年12月31日"))
    assert codes(found) - {"OVERVIEW-LENGTH"} == {"PERIOD-YEAR"}
    plan = run_checks(_text(HUAIAN, "下一步，我市将", "2024年，我市将"))
    assert [f.code for f in plan if f.code == "YEAR-SUSPECT"] == ["YEAR-SUSPECT"]
    assert "应写 2025 年" in next(f.message for f in plan if f.code == "YEAR-SUSPECT")
    copied = run_checks(_text(HUAIAN, "2024年，市政府严格", "2023年，市政府严格"))
    assert "YEAR-SUSPECT" in codes(copied)
    future = run_checks(_text(HUAIAN, "在省办2024年四个季度", "在省办2027年四个季度"))
    assert "YEAR-SUSPECT" in codes(future)
    ok = run_checks(_text(HUAIAN, "下一步，我市将", "2025年，我市将"))
    assert "YEAR-SUSPECT" not in codes(ok)


def test_year_suspect_in_legacy_text() -> None:
    report = Report.model_validate(
        {
            "body": "某街道",
            "year": 2016,
            "sections": [
                {"heading": "存在的主要问题及改进情况", "content": ["2016年，我们将进一步加强信息公开工作。"]}
            ],
        }
    )
    assert codes(run_checks(report)) == {"YEAR-SUSPECT"}


def test_overview_length_counts_characters() -> None:
    (finding,) = [f for f in run_checks(load("example-gb2021.yaml")) if f.code == "OVERVIEW-LENGTH"]
    assert "共 1275 字" in finding.message
    short = _with(HUAIAN, overview=HUAIAN["overview"][:2])
    assert "OVERVIEW-LENGTH" not in codes(run_checks(short))


def test_fee_warning_mentions_unpaid_fee_rows() -> None:
    report = _with(HUAIAN, other_matters=["无其他需要报告的事项。"])
    (finding,) = [f for f in run_checks(report) if f.code == "FEE-NOT-REPORTED"]
    assert "6 件申请因逾期未缴纳信息处理费" in finding.message
    assert "FEE-NOT-REPORTED" not in codes(run_checks(load("example-gb2019.yaml")))


def test_other_share_threshold() -> None:
    (finding,) = [f for f in run_checks(load("invalid/OTHER-SHARE.yaml")) if f.code == "OTHER-SHARE"]
    assert "5 件，占（七）总计 11 件的 45%" in finding.message
    assert "OTHER-SHARE" not in codes(run_checks(load("example-gb2021.yaml")))  # 187 / 3050


# --- cross-year -------------------------------------------------------------------------------


def test_carryover_per_column() -> None:
    found = run_checks(
        load("invalid/CARRYOVER-MISMATCH.yaml"), load("invalid/CARRYOVER-MISMATCH.previous.yaml")
    )
    assert [f.location.column for f in found] == ["自然人", "总计"]
    assert (
        "上年结转政府信息公开申请数量为 1，但 2022 年度报告的「四、结转下年度继续办理」为 3"
        in found[0].message
    )


def test_repeated_text_replaces_years() -> None:
    previous = load("example-gb2019.yaml")
    data = raw("example-gb2019.yaml")
    current = _text(data, "year: 2020", "year: 2021")
    assert "REPEATED-TEXT" in codes(run_checks(current, previous))
    assert "REPEATED-TEXT" not in codes(run_checks(previous, load("example-gb2019-previous.yaml")))


def test_no_previous_no_crossyear() -> None:
    assert not {"CARRYOVER-MISMATCH", "REPEATED-TEXT"} & codes(
        run_checks(load("invalid/CARRYOVER-MISMATCH.yaml"))
    )
