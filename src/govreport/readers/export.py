"""A read report as an editable report file (``govreport import``): the shape and comments of
``govreport new``, followed by what the reader inferred or corrected.

``govreport.load`` of the text gives the same model (the reading notes are comments, not data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import yaml

from govreport.i18n import _
from govreport.model.report import ReadNote, Report
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMNS,
    T3_OTHER_SINGLE,
    T4_COLUMNS,
    T4_GROUPS,
    Table2_2019,
    Table3,
    Table4,
    section_title,
)
from govreport.text.zh import is_wide

__all__ = ["to_yaml"]

_COMMENT_COL = 40
_GROUPS = {"withheld": "不予公开", "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}


def _scalar(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, Decimal):
        return f'"{v}"'
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, dt.date):
        return v.isoformat()
    return yaml.safe_dump(v, allow_unicode=True, default_style=None, width=10_000).strip().removesuffix("\n...")


def _row(cells: Iterable[Any]) -> str:
    return "[" + ", ".join(_scalar(c) for c in cells) + "]"


def _line(text: str, comment: str = "") -> str:
    if not comment:
        return text
    width = sum(2 if is_wide(c) else 1 for c in text)
    return f"{text}{' ' * max(2, _COMMENT_COL - width)}# {comment}"


def _block(key: str, value: Any, comment: str = "", indent: int = 0) -> list[str]:
    """``key:`` followed by ``value`` dumped as block-style YAML."""
    pad = " " * indent
    dumped = yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return [_line(f"{pad}{key}:", comment), *(f"{pad}  {ln}" for ln in dumped.rstrip("\n").split("\n"))]


def _blocks(blocks: list[Any]) -> list[Any]:
    out: list[Any] = []
    for b in blocks:
        if isinstance(b, str):
            out.append(b)
        elif hasattr(b, "insert"):
            out.append({"insert": b.insert})
        else:
            item: dict[str, Any] = {"heading": b.heading}
            if getattr(b, "run_in", False):
                item["run_in"] = True
            item["content"] = _blocks(list(b.content))
            out.append(item)
    return out


def _table2(table: Any) -> list[str]:
    lines = ["  table:                               # 表二"]
    blocks = T2_2019_BLOCKS if isinstance(table, Table2_2019) else T2_2021_BLOCKS
    for block in blocks:
        lines.append(f"    # {block.heading}：{'、'.join(block.columns)}")
        for spec in block.rows:
            v = getattr(table, spec.key)
            lines.append(f"    {spec.alias}: {_row(v) if isinstance(v, tuple) else _scalar(v)}")
    if isinstance(table, Table2_2019) and table.procurement_unit:
        lines.append(f"    采购金额单位: {table.procurement_unit}")
    return lines


def _table3(table: Table3) -> list[str]:
    lines = ["  table:                               # 表三", f"    # 每行 7 个数：[{', '.join(T3_COLUMNS)}]"]
    group = None
    for spec, cells in table.data_rows():
        if spec.parent and spec.parent != group:
            group = spec.parent
            lines.append(f"    {_GROUPS[group]}:")
        elif not spec.parent:
            group = None
        pad = "      " if spec.parent else "    "
        key = spec.alias if spec is not T3_OTHER_SINGLE else "其他处理"
        lines.append(_line(f"{pad}{key}: {_row(cells)}", spec.label))
    return lines


def _table4(table: Table4) -> list[str]:
    lines = ["  table:                               # 表四", f"    # 每组 [{', '.join(T4_COLUMNS)}]"]
    for spec in T4_GROUPS:
        lines.append(_line(f"    {spec.alias}: {_row(getattr(table, spec.key))}", spec.group or ""))
    return lines


def to_yaml(report: Report, notes: Iterable[ReadNote] | None = None, *, source: str | None = None) -> str:
    """The report as a report file, with ``notes`` (default: the report's reading notes) as comments."""
    notes = list(report.read_notes if notes is None else notes)
    out: list[str] = []
    if source:
        out.append(
            "# "
            + _("由 govreport import 从「{source}」读入。请逐项核对原文，尤其是文末列出的推断和纠正。").format(
                source=source
            )
        )
    out.append("# " + _("核对后运行：govreport check 本文件.yaml ；govreport render 本文件.yaml -f docx,pdf"))
    out.append(_line(f"edition: {report.edition.value}", report.edition.label))
    out.append(_line(f"body: {_scalar(report.body)}", "发布机关（全称）"))
    if report.level is not None:
        out.append(
            _line(f"level: {report.level.value}", "机关层级：部门、乡镇街道、县级、地市级、省级（决定发布期限）")
        )
    else:
        out.append("# level:                              # " + _("未能确定：请填写部门、乡镇街道、县级、地市级或省级"))
    out.append(_line(f"year: {report.year}", "报告年度"))
    if report.published:
        out.append(_line(f"published: {report.published.isoformat()}", "发布日期"))
    if report.title:
        out.append(f"title: {_scalar(report.title)}")
    if report.signature is not None:
        out.extend(_block("signature", report.signature.model_dump(mode="json", exclude_none=True)))
    if report.preamble:
        out.extend(_block("preamble", list(report.preamble), "开头段落"))
    if report.contact is not None:
        out.extend(_block("contact", report.contact.model_dump(mode="json", exclude_none=True), "联系方式"))
    out.append("")
    if report.edition.statutory:
        if report.overview is not None:
            out.extend(_block("overview", _blocks(report.overview), section_title(1)))
        for key, n, section in (
            ("active_disclosure", 2, report.active_disclosure),
            ("applications", 3, report.applications),
            ("review_litigation", 4, report.review_litigation),
        ):
            if section is None:
                continue
            out.append("")
            out.append(_line(f"{key}:", section_title(n)))
            if section.content:
                out.extend(_block("content", _blocks(section.content), indent=2))
            table = section.table
            if table is not None:
                out.extend(_table2(table) if n == 2 else _table3(table) if n == 3 else _table4(table))  # type: ignore[arg-type]
        for key, n, blocks in (("problems", 5, report.problems), ("other_matters", 6, report.other_matters)):
            if blocks is not None:
                out.append("")
                out.extend(_block(key, _blocks(blocks), section_title(n)))
    else:
        out.extend(
            _block("sections", [{"heading": s.heading, "content": _blocks(list(s.content))} for s in report.sections])
        )
    if report.statistics is not None:
        out.extend(_block("statistics", report.statistics.model_dump(mode="json", exclude_none=True)))
    if report.attachments:
        out.extend(
            _block(
                "attachments",
                [{"title": a.title, "label": a.label, "content": _blocks(list(a.content))} for a in report.attachments],
            )
        )
    if notes:
        out.append("")
        out.append("# " + _("—— 读入时推断或纠正的内容（请核对）——"))
        for note in notes:
            where = " / ".join(p for p in (note.section, note.table, note.row, note.column, note.field) if p)
            out.append(f"# - {note.code}" + (f"（{where}）" if where else "") + f"：{note.message}")
    return "\n".join(out) + "\n"
