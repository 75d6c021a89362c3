"""``new_report_yaml``: every edition's template loads, has every row, and its placeholders are errors."""

from __future__ import annotations

import pytest
import yaml

from govreport.checks import run_checks
from govreport.errors import InputError
from govreport.model.editions import Edition
from govreport.model.report import Report
from govreport.model.tables import T3_LEAVES_FIXED, T3_OTHER_2021
from govreport.model.templates import EDITIONS, new_report_yaml


@pytest.mark.parametrize("edition", EDITIONS)
def test_untouched_template_does_not_pass(edition: str) -> None:
    """Issue 14: the untouched template passed check ("未发现问题。") and printed 某某市某某局."""
    text = new_report_yaml(edition)
    assert text.startswith("# ")
    report = Report.model_validate(yaml.safe_load(text))
    assert report.edition is Edition(edition)
    findings = run_checks(report)
    assert findings
    # nothing else: no blank cells, dates on time; the totals left to compute are said so (info)
    assert {f.code for f in findings if f.is_error or f.is_warning} == {"PLACEHOLDER"}
    assert all(f.is_error for f in findings if f.code == "PLACEHOLDER")
    assert {f.code for f in findings if f.severity.value == "info"} <= {"TOTAL-COMPUTED"}
    messages = "\n".join(f.message for f in findings)
    body = "某某市某某局" if edition != "legacy" else "某某区人民政府某某街道办事处"
    assert f"「发布机关」仍是模板中的示例「{body}」：请填写发布机关的全称" in messages
    assert "「联系方式 → 电话」仍是模板中的示例「0000-0000000」：请填写咨询电话" in messages
    if edition == "gb2021":
        assert "“一、总体情况”中仍有模板的提示文字「（请概述本年度政府信息公开工作。）」" in messages


@pytest.mark.parametrize("edition", EDITIONS)
def test_every_prompt_of_the_templates_is_a_placeholder(edition: str) -> None:
    """A prompt paragraph added to a template without a PLACEHOLDERS entry would pass unnoticed."""
    from govreport.checks._common import narrative

    report = Report.model_validate(yaml.safe_load(new_report_yaml(edition)))
    prompts = [t.text for t in narrative(report) if t.text.startswith("（请") or "正文段落" in t.text]
    assert prompts
    flagged = {f.location.section for f in run_checks(report) if f.location.section}
    for text in narrative(report):
        if text.text in prompts:
            assert text.section in flagged


def test_filled_in_template_passes() -> None:
    text = new_report_yaml("gb2021")
    filled = yaml.safe_load(text)
    filled["body"] = "示例市交通运输局"
    filled["contact"] = {"unit": "示例市交通运输局办公室", "phone": "0571-12345678"}
    for part in ("overview", "problems", "other_matters"):
        filled[part] = ["全年未收取信息处理费。本部分为实际内容。"]
    assert [f for f in run_checks(Report.model_validate(filled)) if f.is_error or f.is_warning] == []


def test_placeholder_inside_a_written_paragraph_is_found() -> None:
    data = yaml.safe_load(new_report_yaml("gb2021"))
    data["body"] = "示例市交通运输局"
    data["contact"] = {"unit": "示例市交通运输局办公室", "phone": "0571-12345678"}
    data["overview"] = ["全年共主动公开信息120条。（请填写主动公开情况。）"]
    data["problems"] = data["other_matters"] = ["全年未收取信息处理费。"]
    codes = [(f.code, f.location.section) for f in run_checks(Report.model_validate(data)) if f.is_error]
    assert codes == [("PLACEHOLDER", "一、总体情况")]


@pytest.mark.parametrize("edition", ["gb2021", "gb2019"])
def test_statutory_template_has_every_row(edition: str) -> None:
    report = Report.model_validate(yaml.safe_load(new_report_yaml(edition)))
    assert report.applications is not None
    assert report.applications.table is not None
    table = report.applications.table
    assert len(table.data_rows()) == (25 if edition == "gb2021" else 23)
    assert all(cell == 0 for _, cells in table.data_rows() for cell in cells)
    text = new_report_yaml(edition)
    for spec in T3_LEAVES_FIXED:
        assert f"# {spec.label}" in text  # the official label beside each row
    assert all((f"# {s.label}" in text) is (edition == "gb2021") for s in T3_OTHER_2021)


def test_templates_comment_in_chinese() -> None:
    text = new_report_yaml("gb2021")
    assert "[自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他]" in text
    assert "“总计”与“（七）总计”整行由程序算出" in text
    assert "信息处理费" in text


def test_unknown_edition() -> None:
    with pytest.raises(InputError, match="没有这个版本的模板"):
        new_report_yaml("gb2030")
