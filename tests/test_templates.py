"""``new_report_yaml``: every edition's template loads, passes the checks and has every row."""

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
def test_template_loads_and_passes(edition: str) -> None:
    text = new_report_yaml(edition)
    assert text.startswith("# ")
    report = Report.model_validate(yaml.safe_load(text))
    assert report.edition is Edition(edition)
    assert run_checks(report) == []  # not even a warning: no blank cells, dates on time


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
    assert "[自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]" in text
    assert "信息处理费" in text


def test_unknown_edition() -> None:
    with pytest.raises(InputError, match="没有这个版本的模板"):
        new_report_yaml("gb2030")
