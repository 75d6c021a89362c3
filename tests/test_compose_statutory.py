"""表二 / 表三 / 表四 as merged grids, and the six sections in order."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import pytest

from _statutory import SECTION_HEADINGS, load
from govreport import document as d
from govreport.compose.statutory import (
    compose_statistics,
    compose_statutory_sections,
    compose_table2,
    compose_table3,
    compose_table4,
    format_cell,
)
from govreport.model.blocks import Block
from govreport.model.report import Report
from govreport.model.tables import T3_NOTE, Statistics, Table2_2019, Table2_2021, Table3, Table4


def grid(table: d.Table) -> dict[tuple[int, int], d.Cell]:
    """Resolve spans like HTML; fail unless the cells tile the grid exactly."""
    n_cols = len(table.widths)
    owner: dict[tuple[int, int], d.Cell] = {}
    for r, row in enumerate(table.rows):
        c = 0
        for cell in row:
            while (r, c) in owner:
                c += 1
            assert c + cell.colspan <= n_cols, (table.name, r)
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    assert (r + dr, c + dc) not in owner
                    owner[(r + dr, c + dc)] = cell
            c += cell.colspan
    assert set(owner) == {(r, c) for r in range(len(table.rows)) for c in range(n_cols)}, table.name
    return owner


def test_table3_2021_layout() -> None:
    report = load("example-gb2021.yaml")
    assert report.applications is not None
    assert report.applications.table is not None
    t = compose_table3(report.applications.table)
    g = grid(t)
    assert len(t.widths) == 10
    assert t.header_rows == 3
    assert not t.landscape
    assert len(t.rows) == 3 + 25
    assert g[(0, 0)].text == T3_NOTE
    assert g[(0, 0)].role == "note"
    assert g[(0, 0)].rowspan == 3
    assert g[(0, 0)].colspan == 3
    assert [g[(2, c)].text for c in range(3, 10)] == [
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
    ]
    assert g[(1, 4)].text == "法人或其他组织"
    results = g[(5, 0)]
    assert results.text == "三、本年度办理结果"
    assert results.rowspan == 22
    withheld = g[(7, 1)]
    assert withheld.text == "（三）不予公开"
    assert withheld.rowspan == 8
    assert g[(23, 1)].text == "（六）其他处理"
    assert g[(23, 1)].rowspan == 3
    assert g[(23, 2)].text.startswith("1.申请人无正当理由逾期不补正")
    assert g[(26, 1)].text == "（七）总计"
    assert g[(27, 0)].text == "四、结转下年度继续办理"
    assert [g[(3, c)].text for c in range(3, 10)] == ["3001", "53", "0", "0", "61", "4", "3119"]
    assert all(g[(r, c)].role == "number" for r in range(3, 28) for c in range(3, 10))


def test_table3_2019_layout() -> None:
    t = compose_table3(Table3.model_validate({"其他处理": [1, 0, 0, 0, 0, 0, 1]}))
    g = grid(t)
    assert len(t.rows) == 3 + 23
    assert g[(5, 0)].rowspan == 20
    other = g[(23, 1)]
    assert other.text == "（六）其他处理"
    assert other.colspan == 2
    assert other.rowspan == 1
    assert g[(23, 3)].text == "1"
    assert g[(24, 1)].text == "（七）总计"


def test_blank_prints_zero_and_decimals_are_kept() -> None:
    assert format_cell(None) == "0"
    assert format_cell(Decimal("96171.60")) == "96171.60"
    assert format_cell(1234567) == "1234567"
    t = compose_table3(Table3())
    assert {c.text for r in t.rows[3:] for c in r if c.role == "number"} == {"0"}


def test_table2_2021_layout() -> None:
    t = compose_table2(
        Table2_2021.model_validate({"规章": [1, 0, 11], "行政事业性收费": "96171.6", "行政许可": 5})
    )
    g = grid(t)
    assert t.header_rows == 0
    assert len(t.widths) == 4
    assert [r[0].text for r in t.rows if r[0].colspan == 4] == [f"第二十条第（{n}）项" for n in "一五六八"]
    assert [c.text for c in t.rows[1]] == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
    assert [c.text for c in t.rows[2]] == ["规章", "1", "0", "11"]
    texts = [[c.text for c in row] for row in t.rows]
    assert ["信息内容", "本年收费金额（单位：万元）"] in texts
    assert ["行政事业性收费", "96171.6"] in texts
    assert ["行政许可", "5"] in texts
    assert g[(6, 1)].colspan == 3


def test_table2_2019_layout() -> None:
    t = compose_table2(
        Table2_2019.model_validate(
            {"行政许可": [10, -2, 30], "政府集中采购": [3, "94432.52"], "采购金额单位": "元"}
        )
    )
    grid(t)
    texts = [[c.text for c in row] for row in t.rows]
    assert [r[0] for r in texts if len(r) == 1] == [f"第二十条第（{n}）项" for n in "一五六八九"]
    assert ["行政许可", "10", "-2", "30"] in texts
    assert ["信息内容", "上一年项目数量", "本年增/减"] in texts
    assert ["政府集中采购", "3", "94432.52元"] in texts
    assert ["规范性文件", "0", "0", "0"] in texts


def test_table4_layout() -> None:
    t = compose_table4(Table4.model_validate({"行政复议": [72, 64, 178, 37, 351]}))
    g = grid(t)
    assert t.header_rows == 3
    assert len(t.widths) == 15
    assert g[(0, 0)].text == "行政复议"
    assert g[(0, 0)].rowspan == 2
    assert g[(0, 5)].text == "行政诉讼"
    assert g[(0, 5)].colspan == 10
    assert g[(1, 5)].text == "未经复议直接起诉"
    assert g[(1, 10)].text == "复议后起诉"
    assert [g[(2, c)].text for c in range(5)] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    assert [g[(3, c)].text for c in range(15)][:6] == ["72", "64", "178", "37", "351", "0"]


def test_statistics_table() -> None:
    s = Statistics.model_validate(
        {"指标": [{"指标": "主动公开政府信息数", "单位": "条", "数值": 120}, {"指标": "收费", "单位": "元"}]}
    )
    t = compose_statistics(s)
    grid(t)
    assert t.caption == "政府信息公开情况统计表"
    assert [c.text for c in t.rows[2]] == ["收费", "元", "0"]


def _fake(blocks: Sequence[Block], level: int) -> list[d.Block]:
    return [d.Paragraph(f"L{level}:{b if isinstance(b, str) else type(b).__name__}") for b in blocks]


def test_six_sections_in_order() -> None:
    blocks = compose_statutory_sections(load("example-gb2021.yaml"), _fake)
    headings = [b.full_text for b in blocks if isinstance(b, d.Heading)]
    assert headings == SECTION_HEADINGS
    assert all(b.level == 1 for b in blocks if isinstance(b, d.Heading))
    assert [b.name for b in blocks if isinstance(b, d.Table)] == ["表二", "表三", "表四"]
    kinds = [type(b).__name__ for b in blocks]
    # the table follows its heading (no text in the example's 二、三、四)
    assert kinds[kinds.index("Table") - 1] == "Heading"
    paragraphs = [b.text for b in blocks if isinstance(b, d.Paragraph)]
    assert paragraphs[0].startswith("L2:2024年，我市坚持")
    assert paragraphs[-1].startswith("L2:2024年，市政府严格落实")


def test_legacy_has_no_statutory_sections() -> None:
    report = Report.model_validate({"body": "某街道", "year": 2016, "sections": [{"heading": "概述"}]})
    assert compose_statutory_sections(report, _fake) == []


@pytest.mark.parametrize("name", ["example-gb2021.yaml"])
def test_every_number_of_the_tables_is_printed(name: str) -> None:
    report = load(name)
    blocks = compose_statutory_sections(report, _fake)
    printed = [
        c.text for b in blocks if isinstance(b, d.Table) for row in b.rows for c in row if c.role == "number"
    ]
    assert report.applications is not None
    assert report.applications.table is not None
    expected = [format_cell(c) for _, cells in report.applications.table.data_rows() for c in cells]
    joined = " ".join(printed)
    assert " ".join(expected) in joined
