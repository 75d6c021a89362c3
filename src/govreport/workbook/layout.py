"""What the workbook writer and the summary share: sheet names, and the number cells of each table in
the order the composed grid (:mod:`govreport.compose.statutory`) prints them.

The labels themselves are never written here: the grids come from the composer, the row and column
labels from :mod:`govreport.model.tables`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMNS,
    T3_TOTAL,
    T4_COLUMNS,
    T4_GROUPS,
    RowSpec,
    Table2_2019,
    Table2_2021,
    Table3,
    Table4,
)

SHEET_INFO = "基本信息"
SHEET_TEXT = "正文"
SHEET_T2 = "表二"
SHEET_T3 = "表三"
SHEET_T4 = "表四"
SHEET_STATISTICS = "统计表"

#: The columns of the 正文 sheet (one paragraph or heading per row).
TEXT_COLUMNS = ("部分", "类型", "层级", "接排", "文字")
KIND_PARAGRAPH = "段落"
KIND_HEADING = "标题"
KIND_INSERT = "插入"
KIND_ATTACHMENT = "附件标题"
PART_PREAMBLE = "开头"
PART_SECTIONS = "章节"
INSERT_CONTACT = "联系方式"

#: The 勾稽 status texts written by the formulas (and read by nobody: they are for the clerk).
STATUS_OK = "正确"
STATUS_DIFF = "差"

Kind = Literal["count", "amount", "signed"]


@dataclass(frozen=True, slots=True)
class Slot:
    """One number cell of a statutory table.

    ``key`` identifies it inside the table (row key path and column index); ``row`` and ``column``
    name it as the checks' :class:`~govreport.checks.finding.Location` does; ``parts`` lists the keys
    of the cells it is the total of (empty for a cell the clerk types).
    """

    key: tuple[str, int]
    row: str
    column: str
    kind: Kind
    parts: tuple[tuple[str, int], ...] = ()


def _rowkey(spec: RowSpec) -> str:
    return ".".join(spec.path)


def t2_slots(table: Table2_2021 | Table2_2019) -> list[tuple[Slot, int | Decimal | None]]:
    """表二's number cells with their values, in printed order."""
    blocks = T2_2021_BLOCKS if isinstance(table, Table2_2021) else T2_2019_BLOCKS
    out: list[tuple[Slot, int | Decimal | None]] = []
    for block in blocks:
        for spec in block.rows:
            raw = getattr(table, spec.key)
            cells: tuple[int | Decimal | None, ...] = raw if isinstance(raw, tuple) else (raw,)
            for i, (column, cell) in enumerate(zip(block.columns, cells, strict=True)):
                kind: Kind = "count"
                if "万元" in column or column == "采购总金额":
                    kind = "amount"
                elif column == "本年增/减":
                    kind = "signed"
                slot = Slot((_rowkey(spec), i), f"{block.heading} {spec.label}", column, kind)
                out.append((slot, cell))
    return out


def t3_slots(table: Table3) -> list[tuple[Slot, int | None]]:
    """表三's number cells with their values, in printed order; the 总计 column and the （七）总计 row
    are totals."""
    rows = table.data_rows()
    leaves = [spec for spec, _ in table.result_leaves()]
    out: list[tuple[Slot, int | None]] = []
    for spec, cells in rows:
        key = _rowkey(spec)
        for c, (column, cell) in enumerate(zip(T3_COLUMNS, cells, strict=True)):
            parts: tuple[tuple[str, int], ...] = ()
            if c == 6:
                parts = tuple((key, i) for i in range(6))
            elif spec is T3_TOTAL:
                parts = tuple((_rowkey(leaf), c) for leaf in leaves)
            out.append((Slot((key, c), spec.label, column, "count", parts), cell))
    return out


def t4_group_name(spec: RowSpec) -> str:
    """A group of 表四 as the checks name it: 行政复议, 行政诉讼（未经复议直接起诉）."""
    return f"{spec.group}（{spec.label}）" if spec.group else spec.label


def t4_slots(table: Table4) -> list[tuple[Slot, int | None]]:
    """表四's 15 number cells with their values; each group's 总计 is a total."""
    out: list[tuple[Slot, int | None]] = []
    for spec, cells in table.groups():
        for c, (column, cell) in enumerate(zip(T4_COLUMNS, cells, strict=True)):
            parts = tuple((spec.key, i) for i in range(4)) if c == 4 else ()
            out.append((Slot((spec.key, c), t4_group_name(spec), column, "count", parts), cell))
    return out


__all__ = [
    "SHEET_INFO",
    "SHEET_STATISTICS",
    "SHEET_T2",
    "SHEET_T3",
    "SHEET_T4",
    "SHEET_TEXT",
    "T4_GROUPS",
    "Slot",
    "t2_slots",
    "t3_slots",
    "t4_group_name",
    "t4_slots",
]

#: The rows of the 基本信息 sheet: the label in column A and where its value goes in the report's
#: data (the Chinese keys of a report file); 联系方式格式 may take several rows, one line each.
INFO_ROWS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("版本", ("版本",)),
    ("发布机关", ("发布机关",)),
    ("机关层级", ("机关层级",)),
    ("年度", ("年度",)),
    ("发布日期", ("发布日期",)),
    ("标题", ("标题",)),
    ("落款署名", ("落款", "署名")),
    ("落款日期", ("落款", "日期")),
    ("联系单位", ("联系方式", "联系单位")),
    ("电话", ("联系方式", "电话")),
    ("电子邮箱", ("联系方式", "电子邮箱")),
    ("地址", ("联系方式", "地址")),
    ("邮编", ("联系方式", "邮编")),
    ("联系方式格式", ("联系方式", "格式")),
)
INFO_LIST = "联系方式格式"
