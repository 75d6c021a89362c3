"""The form's grids: every cell of 表二, 表三, 表四 has one input, laid out like the official templates,
named as the checks name them (oracles typed from the templates of 〔2021〕30号 and 〔2019〕60号)."""

from __future__ import annotations

import pytest

from govreport.serve.form import FormTable, form_tables

T3_2021_ROWS = [
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
    "7.属于行政执法案卷", "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
    "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（七）总计", "四、结转下年度继续办理",
]
T3_COLUMNS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def _table(edition: str, name: str) -> FormTable:
    return next(t for t in form_tables(edition) if t.name == name)


def _rows(table: FormTable) -> list[str]:
    return list(dict.fromkeys(i.row for i in table.inputs))


def _grid_inputs(table: FormTable) -> list[str]:
    return [c.input.dotted for row in table.rows for c in row if c.input is not None]


def test_table3_2021_rows_and_columns() -> None:
    t3 = _table("gb2021", "表三")
    assert _rows(t3) == T3_2021_ROWS
    assert [i.column for i in t3.inputs[:7]] == T3_COLUMNS
    assert t3.inputs[0].dotted == "applications.table.new.0"
    assert t3.inputs[-1].dotted == "applications.table.carried_forward.6"


def test_table3_2019_has_one_row_for_other_processing() -> None:
    rows = _rows(_table("gb2019", "表三"))
    assert len(rows) == 23
    assert "（六）其他处理" in rows
    assert "3.其他" not in rows


@pytest.mark.parametrize("edition", ["gb2021", "gb2019"])
def test_every_cell_has_exactly_one_input_in_the_grid(edition: str) -> None:
    for table in form_tables(edition):
        in_grid = _grid_inputs(table)
        assert sorted(in_grid) == sorted(i.dotted for i in table.inputs), table.name
        assert len(set(in_grid)) == len(in_grid)
        names = [(i.row, i.column) for i in table.inputs]
        assert len(set(names)) == len(names), table.name


@pytest.mark.parametrize(("edition", "span"), [("gb2021", 22), ("gb2019", 20)])
def test_table3_header_and_row_groups_as_printed(edition: str, span: int) -> None:
    t3 = _table(edition, "表三")
    cells = {c.text: c for row in t3.rows for c in row if c.input is None}
    note = cells["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"]
    assert (note.colspan, note.rowspan) == (3, 3)
    assert cells["申请人情况"].colspan == 7
    assert cells["法人或其他组织"].colspan == 5
    assert cells["三、本年度办理结果"].rowspan == span
    assert cells["（三）不予公开"].rowspan == 8


def test_table2_inputs_by_edition() -> None:
    t2021 = _table("gb2021", "表二")
    assert len(t2021.inputs) == 10
    fees = next(i for i in t2021.inputs if i.dotted == "active_disclosure.table.fees")
    assert fees.decimal
    assert fees.row == "第二十条第（八）项 行政事业性收费"
    assert fees.column == "本年收费金额（单位：万元）"
    t2019 = _table("gb2019", "表二")
    assert len(t2019.inputs) == 22
    assert {i.column for i in t2019.inputs if i.row.endswith("政府集中采购")} == {"采购项目数量", "采购总金额"}


def test_table4_rows_as_the_checks_name_them() -> None:
    t4 = _table("gb2021", "表四")
    assert _rows(t4) == ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    assert [i.column for i in t4.inputs[:5]] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert len(t4.inputs) == 15


def test_legacy_has_no_grids() -> None:
    assert form_tables("legacy") == ()
