"""The tables' own rules, on the gb2021 example: every single-cell change of 表三 or 表四 is an
error; random consistent tables pass; messages quote the numbers."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _statutory import clone, codes, errors, load, raw
from govreport.checks import run_checks
from govreport.checks.arithmetic import check_table3, check_table4
from govreport.model.report import Report
from govreport.model.tables import T3_COLUMNS, T4_COLUMNS, Table3, Table4

BASE = raw("example-gb2021.yaml")


def _t3_cells(data: dict[str, Any]) -> list[tuple[str, ...]]:
    """Paths to every cell of 表三 in the raw YAML: (row key[, sub key], column index)."""
    table = data["applications"]["table"]
    out: list[tuple[str, ...]] = []
    for key, row in table.items():
        if isinstance(row, dict):
            out += [(key, sub, str(c)) for sub in row for c in range(7)]
        else:
            out += [(key, str(c)) for c in range(7)]
    return out


T3_CELLS = _t3_cells(BASE)
T4_CELLS = [(group, str(c)) for group in BASE["review_litigation"]["table"] for c in range(5)]


def test_every_cell_is_covered() -> None:
    assert len(T3_CELLS) == 25 * 7
    assert len(T4_CELLS) == 15


def test_example_has_no_errors() -> None:
    assert errors(load("example-gb2021.yaml")) == []


def _bump(data: dict[str, Any], section: str, path: tuple[str, ...], k: int) -> dict[str, Any]:
    data = clone(data)
    node = data[section]["table"]
    for key in path[:-1]:
        node = node[key]
    node[int(path[-1])] += k
    return data


@pytest.mark.parametrize("path", T3_CELLS, ids=["/".join(p) for p in T3_CELLS])
def test_every_table3_cell_change_is_an_error(path: tuple[str, ...]) -> None:
    report = Report.model_validate(_bump(BASE, "applications", path, 1))
    found = codes(errors(report))
    assert found & {"T3-ROW-TOTAL", "T3-RESULT-TOTAL", "T3-BALANCE"}, path


@pytest.mark.parametrize("path", T4_CELLS, ids=["/".join(p) for p in T4_CELLS])
def test_every_table4_cell_change_is_an_error(path: tuple[str, ...]) -> None:
    report = Report.model_validate(_bump(BASE, "review_litigation", path, 1))
    assert "T4-GROUP-TOTAL" in codes(errors(report)), path


def test_row_total_message_quotes_numbers() -> None:
    report = Report.model_validate(_bump(BASE, "applications", ("本年新收", "0"), -1))
    messages = [f.message for f in errors(report) if f.code == "T3-ROW-TOTAL"]
    assert messages == ["表三「一、本年新收政府信息公开申请数量」行：总计为 3119，但各类申请人之和为 3118"]
    finding = next(f for f in errors(report) if f.code == "T3-ROW-TOTAL")
    assert finding.location.table == "表三"
    assert finding.location.row == "一、本年新收政府信息公开申请数量"
    assert finding.location.column == "总计"
    assert finding.location.section == "三、收到和处理政府信息公开申请情况"


def test_result_and_balance_messages() -> None:
    # 予以公开 +1 in 自然人 and 总计: the row stays right, （七） and the balance break.
    data = _bump(_bump(BASE, "applications", ("予以公开", "0"), 1), "applications", ("予以公开", "6"), 1)
    found = errors(Report.model_validate(data))
    assert codes(found) == {"T3-RESULT-TOTAL"}
    assert {f.location.column for f in found} == {"自然人", "总计"}
    assert "（七）总计为 2932，但（一）至（六）各项之和为 2933" in found[0].message
    # and fix （七）总计 too: now only the balance breaks
    data = _bump(_bump(data, "applications", ("总计", "0"), 1), "applications", ("总计", "6"), 1)
    found = errors(Report.model_validate(data))
    assert codes(found) == {"T3-BALANCE"}
    assert "本年新收 3001 + 上年结转 34 = 3035，但（七）总计 2933 + 结转下年度 103 = 3036" in found[0].message


def test_table4_message() -> None:
    found = check_table4(Table4.model_validate({"行政复议": [1, 2, 3, 4, 9]}))
    assert [f.message for f in found if f.code == "T4-GROUP-TOTAL"] == [
        "表四「行政复议」：总计为 9，但结果维持、结果纠正、其他结果、尚未审结之和为 10"
    ]
    found = check_table4(Table4.model_validate({"复议后起诉": [1, 0, 0, 0, 0]}))
    assert [f.location.row for f in found if f.code == "T4-GROUP-TOTAL"] == ["行政诉讼（复议后起诉）"]


def test_negative_and_blank() -> None:
    t = Table3.model_validate({"本年新收": [-1, None, 0, 0, 0, 0, -1]})
    found = check_table3(t)
    neg = [f for f in found if f.code == "NEGATIVE"]
    assert len(neg) == 2
    assert all(f.is_error for f in neg)
    blank = [f for f in found if f.code == "BLANK-CELL"]
    # one warning per row with blanks: 本年新收 has one blank, the 24 other rows are all blank
    assert len(blank) == 25
    assert not any(f.is_error for f in blank)
    assert "1 个空白格（商业企业）" in blank[0].message


def test_blank_counts_as_zero() -> None:
    t = Table3.model_validate(
        {
            "本年新收": [1, None, None, None, None, None, 1],
            "予以公开": [1, 0, 0, 0, 0, 0, 1],
            "总计": [1, 0, 0, 0, 0, 0, 1],
        }
    )
    assert not [f for f in check_table3(t) if f.is_error]


# --- property tests -------------------------------------------------------------------------

_cell = st.integers(min_value=0, max_value=500)


@st.composite
def consistent_table3(draw: st.DrawFn, subrows: bool = True) -> dict[str, Any]:
    """A random 表三 that satisfies every arithmetic rule."""
    leaves_n = 21 if subrows else 19
    leaves = [[draw(_cell) for _ in range(6)] for _ in range(leaves_n)]
    forward = [draw(_cell) for _ in range(6)]
    old = [draw(_cell) for _ in range(6)]
    done = [sum(row[c] for row in leaves) for c in range(6)]
    # choose 本年新收 so that the balance holds (new = done + forward − old ≥ 0)
    old = [min(old[c], done[c] + forward[c]) for c in range(6)]
    new = [done[c] + forward[c] - old[c] for c in range(6)]

    def row(cells: list[int]) -> list[int]:
        return [*cells, sum(cells)]

    it = iter(leaves)
    table: dict[str, Any] = {
        "本年新收": row(new),
        "上年结转": row(old),
        "予以公开": row(next(it)),
        "部分公开": row(next(it)),
        "不予公开": {
            k: row(next(it))
            for k in (
                "属于国家秘密",
                "其他法律行政法规禁止公开",
                "危及三安全一稳定",
                "保护第三方合法权益",
                "属于三类内部事务信息",
                "属于四类过程性信息",
                "属于行政执法案卷",
                "属于行政查询事项",
            )
        },
        "无法提供": {
            k: row(next(it))
            for k in ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确")
        },
        "不予处理": {
            k: row(next(it))
            for k in (
                "信访举报投诉类申请",
                "重复申请",
                "要求提供公开出版物",
                "无正当理由大量反复申请",
                "要求行政机关确认或重新出具已获取信息",
            )
        },
        "其他处理": {k: row(next(it)) for k in ("逾期不补正", "逾期未缴费", "其他")}
        if subrows
        else row(next(it)),
        "总计": row(done),
        "结转下年度": row(forward),
    }
    return table


@settings(max_examples=60, deadline=None)
@given(consistent_table3())
def test_consistent_table3_has_no_errors(table: dict[str, Any]) -> None:
    assert not [f for f in check_table3(Table3.model_validate(table)) if f.is_error]


@settings(max_examples=40, deadline=None)
@given(consistent_table3(subrows=False))
def test_consistent_2019_table3_has_no_errors(table: dict[str, Any]) -> None:
    assert not [f for f in check_table3(Table3.model_validate(table)) if f.is_error]


@settings(max_examples=150, deadline=None)
@given(
    consistent_table3(),
    st.integers(min_value=0, max_value=25 * 7 - 1),
    st.integers(min_value=-50, max_value=50).filter(lambda k: k != 0),
)
def test_any_single_cell_change_is_an_error(table: dict[str, Any], index: int, k: int) -> None:
    t = Table3.model_validate(table)
    spec, cells = t.data_rows()[index // 7]
    column = index % 7
    changed = list(cells)
    changed[column] = int(changed[column] or 0) + k
    data = {**table}
    if spec.parent:
        parent_key = next(key for key, v in table.items() if isinstance(v, dict) and spec.alias in v)
        data[parent_key] = {**table[parent_key], spec.alias: changed}
    else:
        data[spec.alias] = changed
    found = check_table3(Table3.model_validate(data))
    assert [f for f in found if f.is_error], (spec.label, T3_COLUMNS[column], k)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.integers(min_value=0, max_value=999), min_size=12, max_size=12),
    st.integers(0, 14),
    st.integers(1, 9),
)
def test_table4_property(parts: list[int], index: int, k: int) -> None:
    groups = [[*parts[i : i + 4], sum(parts[i : i + 4])] for i in (0, 4, 8)]
    table = dict(zip(("行政复议", "未经复议直接起诉", "复议后起诉"), groups, strict=True))
    assert not [f for f in check_table4(Table4.model_validate(table)) if f.is_error]
    groups[index // 5][index % 5] += k
    table = dict(zip(("行政复议", "未经复议直接起诉", "复议后起诉"), groups, strict=True))
    found = check_table4(Table4.model_validate(table))
    assert [f.column for f in [x.location for x in found if x.code == "T4-GROUP-TOTAL"]] == ["总计"]
    assert T4_COLUMNS[4] == "总计"


def test_run_checks_sorts_errors_first() -> None:
    data = _bump(BASE, "applications", ("本年新收", "0"), 1)
    data["overview"] = data["overview"] * 2  # too long → a warning, emitted before the arithmetic
    found = run_checks(Report.model_validate(data))
    severities = [f.severity.value for f in found]
    assert severities == sorted(severities)  # "error" < "warning"
    assert found == run_checks(Report.model_validate(data))
