"""The JSON Schema of a report file (``govreport schema``): what the loader accepts, for editors.

Pydantic's schema names the English fields only, and a table row only as the list the model holds.
The loader accepts more, and so does this schema: every field also under its Chinese name (never
both), every table row also under its official label, a row of 表三 as 6 or 7 numbers or a mapping of
column names, a group of 表四 as 4 or 5 numbers, and the dates people type (2025年1月20日, 2025/01/20).
Titles and descriptions are Chinese: they are what an editor shows while the clerk types.
"""

from __future__ import annotations

import copy
import functools
from typing import Any

from pydantic import BaseModel

from govreport.model.report import Report
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_COLUMN_KEYS,
    T3_COLUMNS,
    T4_COLUMNS,
    _LabelledModel,
    _norm_key,
)

__all__ = ["report_schema"]

#: Chinese descriptions of the models (shown by an editor beside the key).
_DESCRIPTIONS = {
    "Report": "政府信息公开工作年度报告。字段可用英文名或中文名（如 body 或 发布机关），不能两个都写。",
    "ActiveDisclosure": "二、主动公开政府信息情况：表前的文字（可选）与表二。",
    "Applications": "三、收到和处理政府信息公开申请情况：表前的文字（可选）与表三。",
    "ReviewLitigation": "四、政府信息公开行政复议、行政诉讼情况：表前的文字（可选）与表四。",
    "Attachment": "附件（另起一页印在正文之后）。",
    "Contact": "联系方式；格式中可用 {unit} {phone} {email} {address} {postcode}。",
    "Signature": "落款：署名（默认为发布机关）与成文日期（默认为发布日期）。",
    "Section": "自由格式（2019年以前）的一个章节：标题与内容，序号“一、”由程序生成。",
    "Subsection": "小标题与其下的内容，序号（一）1.（1）由程序生成，不要手写。",
    "Insert": "在此处插入由联系方式生成的句子。",
    "Statistics": "附表 政府信息公开情况统计表（2019年以前）。",
    "StatRow": "统计表的一项：指标、单位、数值。",
    "Table2_2021": "表二 主动公开政府信息情况（国办公开办函〔2021〕30号）。",
    "Table2_2019": "表二 主动公开政府信息情况（国办公开办函〔2019〕60号试行）。",
    "Table3": "表三 收到和处理政府信息公开申请情况。"
              "每行 [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]；总计可省略，由程序算出。",
    "Withheld": "（三）不予公开：8 项。",
    "Unable": "（四）无法提供：3 项。",
    "NotProcessed": "（五）不予处理：5 项。",
    "OtherProcessing": "（六）其他处理（2021年格式）：3 项。",
    "Table4": "表四 政府信息公开行政复议、行政诉讼情况。"
              "每组 [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]；总计可省略。",
}

_FIELD_TITLES = {  # fields whose alias is not the title an editor should show
    "edition": "版本（legacy、gb2019、gb2021；省略时按年度确定）",
    "level": "机关层级（决定发布期限；省略时按机关名称推断）",
    "published": "发布日期（如 2025-01-20、2025年1月20日）",
}

_DATE = {
    "type": "string",
    "pattern": r"^\s*\d{4}\s*(?:-|/|\.|年)\s*\d{1,2}\s*(?:-|/|\.|月)\s*\d{1,2}\s*日?\s*$",
}
_PASTED = r"^[\s\u3000]*-?[0-9０-９][0-9０-９,.]*(?:[\t \u3000，、；;]+-?[0-9０-９][0-9０-９,.]*)+[\s\u3000]*$"


def _models() -> list[type[BaseModel]]:
    from govreport.model.messages import _models as walk

    return walk(Report)


def _row_schema(prop: dict[str, Any], columns: tuple[str, ...], keys: tuple[str, ...], optional_last: bool) -> Any:
    items = prop.get("prefixItems", [])
    array = {"type": "array", "prefixItems": items, "minItems": len(items) - (1 if optional_last else 0),
             "maxItems": len(items), "items": False}
    names = {name: items[i] for i, name in enumerate(columns)} | {name: items[i] for i, name in enumerate(keys)}
    mapping = {"type": "object", "properties": names, "additionalProperties": False}
    # a row pasted from a spreadsheet or typed with an IME: "10	2	0 …", [10，2，0 …] (tables._split_pasted)
    pasted = {"type": "string", "pattern": _PASTED}
    return {"anyOf": [array, mapping, pasted, {"type": "array", "prefixItems": [pasted], "minItems": 1,
                                               "maxItems": 1, "items": False}],
            "title": prop.get("title", ""), "description": "、".join(columns)}


def _table_columns(name: str, field: str) -> tuple[tuple[str, ...], tuple[str, ...], bool] | None:
    if name in ("Table3", "Withheld", "Unable", "NotProcessed", "OtherProcessing"):
        return T3_COLUMNS, T3_COLUMN_KEYS, True
    if name == "Table4":
        return T4_COLUMNS, ("upheld", "corrected", "other", "pending", "total"), True
    blocks = {"Table2_2021": T2_2021_BLOCKS, "Table2_2019": T2_2019_BLOCKS}.get(name)
    if blocks:
        for block in blocks:
            if any(r.key == field for r in block.rows) and len(block.columns) > 1:
                return block.columns, (), False
    return None


def _fix_dates(node: Any) -> Any:
    """Every ``format: date`` string also as the spellings the loader accepts."""
    if isinstance(node, dict):
        if node.get("format") == "date" and node.get("type") == "string":
            return dict(_DATE)
        return {k: _fix_dates(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_fix_dates(v) for v in node]
    return node


def _one_of_to_any_of(node: Any) -> Any:
    """表二's two editions share rows: a mapping of those rows is either, so ``anyOf``, not ``oneOf``."""
    if isinstance(node, dict):
        return {("anyOf" if k == "oneOf" else k): _one_of_to_any_of(v) for k, v in node.items()
                if k != "discriminator"}
    if isinstance(node, list):
        return [_one_of_to_any_of(v) for v in node]
    return node


def _widen(name: str, schema: dict[str, Any], model: type[BaseModel]) -> None:
    props: dict[str, Any] = schema.get("properties", {})
    exclusive: list[Any] = []
    extra: dict[str, Any] = {}
    labels: dict[str, list[str]] = {}
    if issubclass(model, _LabelledModel):
        for spec in model._specs:
            names = {spec.label, _norm_key(spec.label), spec.key} - {spec.alias}
            labels.setdefault(spec.key, []).extend(sorted(names))
    for field, info in model.model_fields.items():
        if field not in props:
            continue
        prop = props[field]
        columns = _table_columns(name, field)
        if columns is not None and "prefixItems" in prop:
            prop = props[field] = _row_schema(prop, *columns)
        elif columns is not None and "anyOf" in prop:  # （六）其他处理: three rows, or one row (2019 form)
            prop["anyOf"] = [_row_schema(p, *columns) if "prefixItems" in p else p for p in prop["anyOf"]]
        title = _FIELD_TITLES.get(field) or info.alias or field
        prop["title"] = title
        if info.alias:
            extra[info.alias] = prop
            exclusive.append({"not": {"required": [field, info.alias]}})
            if field in schema.get("required", ()):  # required under either name
                schema["required"] = [r for r in schema["required"] if r != field]
                exclusive.append({"anyOf": [{"required": [field]}, {"required": [info.alias]}]})
        for label in labels.get(field, ()):
            if label not in props and label != field:
                extra[label] = prop
    props.update(extra)
    if schema.get("required") == []:
        del schema["required"]
    if exclusive:
        schema.setdefault("allOf", []).extend(exclusive)
    if name in _DESCRIPTIONS:
        schema["description"] = _DESCRIPTIONS[name]
    schema["title"] = _DESCRIPTIONS.get(name, name).split("：")[0].split("（")[0]


@functools.cache
def _schema() -> dict[str, Any]:
    schema = Report.model_json_schema(by_alias=False)
    defs: dict[str, Any] = schema.get("$defs", {})
    for model in _models():
        target = schema if model is Report else defs.get(model.__name__)
        if target is not None and "properties" in target:
            _widen(model.__name__, target, model)
    schema = dict(_fix_dates(_one_of_to_any_of(schema)))
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "政府信息公开工作年度报告"
    return schema


def report_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a report file, accepting what :func:`govreport.load` accepts."""
    return copy.deepcopy(_schema())
