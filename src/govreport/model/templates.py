"""Commented fill-in templates for ``govreport new --edition gb2021|gb2019|legacy``.

Every template loads as a :class:`~govreport.model.report.Report` (all numbers 0); its placeholder
texts (:data:`PLACEHOLDERS`: 某某市某某局, （请概述……）, 0000-0000000 …) are ``PLACEHOLDER`` errors
until the clerk replaces them, so an untouched template is never rendered. The rows of the
tables are generated from the label tables in :mod:`govreport.model.tables`, so none can be missing.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from govreport.errors import InputError
from govreport.i18n import N_, _, join
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_LEAVES_FIXED,
    T3_NEW,
    T3_OTHER_2021,
    T3_OTHER_SINGLE,
    T3_TOTAL,
    T4_GROUPS,
    T2Block,
)

if TYPE_CHECKING:
    from govreport.model.report import Report

__all__ = ["EDITIONS", "PLACEHOLDERS", "Placeholder", "new_report_yaml"]

EDITIONS = ("gb2021", "gb2019", "legacy")

@dataclass(frozen=True, slots=True)
class Placeholder:
    """A text of the templates that only stands for what the clerk writes (check code ``PLACEHOLDER``).

    ``field`` is where the template puts it (``body``, ``contact.phone``, ``text`` for a paragraph or a
    heading); ``hint`` says what to write instead. A report *containing* ``text`` (a paragraph) or
    *equal to* it (any other field) still holds the template's words.
    """

    text: str
    field: str
    hint: str


_BODY_HINT = N_("请填写发布机关的全称")
_TEXT_HINT = N_("请换成本机关本年度的实际情况")

#: Every placeholder text of the templates, the one list the templates and the check share.
PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("某某市某某局", "body", _BODY_HINT),
    Placeholder("某某区人民政府某某街道办事处", "body", _BODY_HINT),
    Placeholder("某某局办公室", "contact.unit", N_("请填写受理咨询的工作机构")),
    Placeholder("某某街道办事处党政办公室", "contact.unit", N_("请填写受理咨询的工作机构")),
    Placeholder("0000-0000000", "contact.phone", N_("请填写咨询电话")),
    Placeholder("example@example.gov.cn", "contact.email", N_("请填写电子邮箱，或删去这一项")),
    Placeholder("某某市某某路1号", "contact.address", N_("请填写通信地址")),
    Placeholder("某某市某某区某某路1号", "contact.address", N_("请填写通信地址")),
    Placeholder("000000", "contact.postcode", N_("请填写邮政编码，或删去这一项")),
    *(
        Placeholder(text, "text", _TEXT_HINT)
        for text in (
            "（请概述本年度政府信息公开工作。）",
            "（请填写主动公开情况。）",
            "（请填写依申请公开情况；引用的申请件数须与表三一致。）",
            "（请填写政府信息管理情况。）",
            "（请填写平台建设情况。）",
            "（请填写监督保障情况，含工作考核、社会评议和责任追究结果情况。）",
            "（请概述本年度政府信息公开工作：主动公开、依申请公开、政府信息管理、平台建设、监督保障。）",
            "（请填写存在的主要问题。）",
            "（请填写改进措施；今后的打算写下一年度。）",
            "（请报告收取信息处理费的情况，如“全年未收取信息处理费。”；其他事项另起一段。）",
            "（请填写其他需要报告的事项；没有的写“无其他需要报告的事项。”）",
            "正文段落，每段一项。",
            "小标题下的段落。",
            "正文段落。",
        )
    ),
    Placeholder("小标题", "heading", N_("请写出小标题，或删去这一项")),
)

_ZERO7 = "[0, 0, 0, 0, 0, 0, 0]"
_COMMENT_COLUMN = 56


def _line(text: str, comment: str = "") -> str:
    """``text`` with ``# comment`` aligned at a fixed display column (CJK characters count 2)."""
    if not comment:
        return text
    width = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
    return f"{text}{' ' * max(2, _COMMENT_COLUMN - width)}# {comment}"

_RULES = """\
# {title}
# 填写后运行：govreport check 本文件.yaml ；govreport render 本文件.yaml -f docx,pdf
# 规则：数字直接填写，没有的填 0（留空会被提示，并按 0 印出）；金额可带小数，如 "96171.60"
# （加引号可保留末尾的 0）；正文每段一项；一、（一）等序号由程序生成，不要手写。
# 表三、表四的“总计”不必填写：由程序按各项之和算出；正文可写 {{表三.本年新收.总计}} 引用表中的数。
"""


def _q(text: str) -> str:
    """A YAML scalar for ``text`` as given by the clerk (quoted: a JSON string is YAML)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class _Head:
    """What the header of a template is filled with (:func:`new_report_yaml`'s arguments)."""

    edition: str
    year: int
    body: str | None = None
    level: str | None = None
    contact: dict[str, Any] | None = None
    signature_body: str | None = None
    source: str | None = None


def _head(title: str, head: _Head) -> str:
    lines = [_RULES.format(title=title).rstrip("\n")]
    if head.source:
        lines.append(f"# 由 {head.source} 结转：上年结转、表二现行有效件数、联系方式、落款")
    lines.append(f"edition: {head.edition}")
    lines.append(_line(f"body: {_q(head.body) if head.body else '某某市某某局'}", "发布机关（全称）"))
    level = head.level or (None if head.body else "部门")
    note = "机关层级：部门、乡镇街道、县级、地市级、省级（决定发布期限）"
    lines.append(_line(f"level: {level}", note) if level else _line("# level: 部门", note + "；请填写"))
    lines.append(_line(f"year: {head.year}", "报告年度"))
    lines.append(_line(f"published: {head.year + 1}-01-20", "发布日期（落款日期），请改为实际发布的日期"))
    lines.append("# title: 可省略，默认为「{发布机关}{年度}年政府信息公开工作年度报告」")
    lines.append(_line("preamble:", "开头段落"))
    lines.append(f"  - {_preamble(head.year)}")
    lines.append(_line("contact:", "联系方式（印在开头段落之后）"))
    if head.contact:
        for key, value in head.contact.items():
            if isinstance(value, list):
                lines.append(f"  {key}:")
                lines.extend(f"    - {_q(str(v))}" for v in value)
            else:
                lines.append(f"  {key}: {_q(str(value))}")
    else:
        lines += [
            "  unit: 某某局办公室",
            "  phone: 0000-0000000",
            "  email: example@example.gov.cn",
            "  address: 某某市某某路1号",
            '  postcode: "000000"',
        ]
    if head.signature_body:
        lines.append(_line("signature:", "落款（署名；日期默认为发布日期）"))
        lines.append(f"  body: {_q(head.signature_body)}")
    return "\n".join(lines) + "\n"


_OVERVIEW_2021 = """
overview:                               # 一、总体情况（原则上不超过一千字）
  - （请概述本年度政府信息公开工作。）
  - heading: 主动公开                   # （一）…（五）由程序编号
    content:
      - （请填写主动公开情况。）
  - heading: 依申请公开
    content:
      - （请填写依申请公开情况；引用的申请件数须与表三一致。）
  - heading: 政府信息管理
    content:
      - （请填写政府信息管理情况。）
  - heading: 政府信息公开平台建设
    content:
      - （请填写平台建设情况。）
  - heading: 监督保障
    content:
      - （请填写监督保障情况，含工作考核、社会评议和责任追究结果情况。）
"""

_OVERVIEW_2019 = """
overview:                               # 一、总体情况
  - （请概述本年度政府信息公开工作：主动公开、依申请公开、政府信息管理、平台建设、监督保障。）
"""

_TAIL = """
problems:                               # 五、存在的主要问题及改进情况（实事求是、明确具体，不得年年雷同）
  - （请填写存在的主要问题。）
  - （请填写改进措施；今后的打算写下一年度。）

other_matters:                          # 六、其他需要报告的事项
  - {other}
"""


def _num(v: object) -> str:
    return f'"{v}"' if not isinstance(v, int) else str(v)


def _t2_block(block: T2Block, *, amount_rows: tuple[str, ...] = (),
              base: Mapping[str, Sequence[object]] | None = None) -> list[str]:
    """The lines of one sub-table of 表二; ``base`` gives a row's numbers carried from last year."""
    cols = "、".join(block.columns)
    lines = [f"    # {block.heading}：{cols}"]
    for spec in block.rows:
        if len(block.columns) == 1:
            value = '"0"' if spec.key in amount_rows else "0"
        else:
            last = len(block.columns) - 1
            cells = ['"0"' if spec.key in amount_rows and i == last else "0" for i in range(last + 1)]
            carried = (base or {}).get(spec.key)
            if carried is not None:
                cells = [_num(v) for v in carried]
            value = f"[{', '.join(cells)}]"
        lines.append(f"    {spec.alias}: {value}")
        if base and spec.key in base:
            lines[-1] = _line(lines[-1], "上年数已填入，请按本年的增减改正")
    return lines


def _table2(edition: str, base: Mapping[str, Sequence[object]] | None = None) -> str:
    lines = [
        "",
        "active_disclosure:                      # 二、主动公开政府信息情况",
        "  # content: [……]                      # 可选：表前的文字",
        "  table:                               # 表二",
    ]
    if edition == "gb2021":
        for block in T2_2021_BLOCKS:
            lines += _t2_block(block, amount_rows=("fees",), base=base)
        lines[-1] = _line(lines[-1], "万元，可带小数；加引号保留所写的小数")
    else:
        for block in T2_2019_BLOCKS:
            lines += _t2_block(block, amount_rows=("procurement",), base=base)
            if "本年增/减" in block.columns and not (base and block.rows[-1].key in base):
                lines[-1] = _line(lines[-1], "本年增/减：减少填负数，如 -8")
        lines.append(_line("    采购金额单位: 元", "采购总金额的单位：元 或 万元（印在金额后）"))
    return "\n".join(lines) + "\n"


def _six(cells: Sequence[object] | None = None) -> str:
    return f"[{', '.join(str(c) for c in (cells or (0,) * 6))}]"


def _table3(edition: str, carried_over: Sequence[int] | None = None) -> str:
    lines = [
        "",
        "applications:                           # 三、收到和处理政府信息公开申请情况",
        "  table:                               # 表三",
        "    # 每行 6 个数，顺序同印制的表格：",
        "    # [自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他]",
        "    # 第 7 个数“总计”与“（七）总计”整行由程序算出（也可以写出，程序核对）；",
        "    # 本年新收 + 上年结转 = （七）总计 + 结转下年度（每一列都成立）。",
        _line(f"    {T3_NEW.alias}: {_six()}", T3_NEW.label),
    ]
    if carried_over is not None:
        lines.append(_line(f"    {T3_CARRIED_OVER.alias}: {_six(carried_over)}",
                           f"{T3_CARRIED_OVER.label}（已由上年的结转下年度填入）"))
    else:
        lines.append(_line(f"    {T3_CARRIED_OVER.alias}: {_six()}", f"{T3_CARRIED_OVER.label}（= 上年的结转下年度）"))
    group: str | None = None
    for spec in T3_LEAVES_FIXED:
        if spec.group is None:
            lines.append(_line(f"    {spec.alias}: {_six()}", spec.label))
            continue
        if spec.group != group:
            group = spec.group
            lines.append(_line(f"    {group[3:]}:", group))
        lines.append(_line(f"      {spec.alias}: {_six()}", spec.label))
    if edition == "gb2021":
        lines.append(_line("    其他处理:", "（六）其他处理（2021年格式：三项）"))
        lines += [_line(f"      {s.alias}: {_six()}", s.label) for s in T3_OTHER_2021]
    else:
        single = _line(f"    {T3_OTHER_SINGLE.alias}: {_six()}", f"{T3_OTHER_SINGLE.label}（试行格式：一行）")
        lines.append(single)
    lines.append(_line(f"    # {T3_TOTAL.alias}: 由程序算出", T3_TOTAL.label))
    lines.append(_line(f"    {T3_CARRIED_FORWARD.alias}: {_six()}", T3_CARRIED_FORWARD.label))
    return "\n".join(lines) + "\n"


def _table4() -> str:
    lines = [
        "",
        "review_litigation:                      # 四、政府信息公开行政复议、行政诉讼情况",
        "  table:                               # 表四：每组 [结果维持, 结果纠正, 其他结果, 尚未审结]，总计自动算出",
    ]
    for spec in T4_GROUPS:
        label = f"{spec.group}：{spec.label}" if spec.group else spec.label
        lines.append(_line(f"    {spec.alias}: [0, 0, 0, 0]", label))
    return "\n".join(lines) + "\n"


_LEGACY = """\
# 政府信息公开工作年度报告（2019年以前的自由格式，legacy）
# 填写后运行：govreport check 本文件.yaml ；govreport render 本文件.yaml -f docx,pdf
edition: legacy
body: 某某区人民政府某某街道办事处      # 发布机关（全称）
level: 乡镇街道                         # 机关层级：部门、乡镇街道、县级、地市级、省级
year: 2018                              # 报告年度
published: 2019-03-20                   # 发布日期（落款日期），可省略；期限为次年3月31日
# title: 可省略，默认为「{发布机关}{年度}年政府信息公开工作年度报告」
preamble:                               # 开头段落
  - 根据《中华人民共和国政府信息公开条例》要求，现将2018年度政府信息公开工作情况报告如下。
contact:                                # 联系方式；正文中写 "- insert: contact" 可指定位置
  unit: 某某街道办事处党政办公室
  phone: 0000-0000000
  email: example@example.gov.cn
  address: 某某市某某区某某路1号
sections:                               # 章节：一、二、……由程序编号，不要手写序号
  - heading: 概述
    content:
      - 正文段落，每段一项。
      - heading: 小标题                 # 二级标题（（一））由程序编号
        content:
          - 小标题下的段落。
  - heading: 主动公开政府信息情况
    content:
      - 正文段落。
  - heading: 政府信息依申请公开办理情况
    content:
      - 正文段落。
  - heading: 政府信息公开的收费及减免情况
    content:
      - 正文段落。
  - heading: 因政府信息公开申请行政复议、提起行政诉讼的情况
    content:
      - 正文段落。
  - heading: 政府信息公开工作存在的主要问题及改进情况
    content:
      - 正文段落。
  - heading: 其他需要报告的事项
    content:
      - 正文段落。
statistics:                             # 附表（可省略）：指标、单位、数值
  # 单位：条、件、次、人次、篇、个、人、元、万元
  title: 政府信息公开情况统计表
  rows:
    - {指标: 主动公开政府信息数, 单位: 条, 数值: 0}
    - {指标: 其中：主动公开规范性文件数, 单位: 条, 数值: 0}
    - {指标: 收到申请数, 单位: 件, 数值: 0}
    - {指标: 申请答复数, 单位: 件, 数值: 0}
    - {指标: 行政复议数量, 单位: 件, 数值: 0}
    - {指标: 行政诉讼数量, 单位: 件, 数值: 0}
    - {指标: 依申请公开信息收取的费用, 单位: 万元, 数值: 0}
"""


def _preamble(year: int) -> str:
    return (
        "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）编制。"
        f"本报告中所列数据统计期限自{year}年1月1日起至{year}年12月31日止。"
    )


_STATUTORY_HEADS = {
    # edition: (title comment, default report year, 总体情况, 六、其他事项)
    "gb2021": ("政府信息公开工作年度报告（国办公开办函〔2021〕30号格式，2021年度起）", 2025, _OVERVIEW_2021,
               "（请报告收取信息处理费的情况，如“全年未收取信息处理费。”；其他事项另起一段。）"),
    "gb2019": ("政府信息公开工作年度报告（国办公开办函〔2019〕60号试行格式，2019、2020年度）", 2020, _OVERVIEW_2019,
               "（请填写其他需要报告的事项；没有的写“无其他需要报告的事项。”）"),
}


def _carried(previous: Report) -> tuple[Sequence[int] | None, dict[str, Sequence[object]]]:
    """What the statute carries from last year's report: 上年结转 ← its 结转下年度, and 表二's
    现行有效件数 (对外公开总数量; in the 2019 form also 上一年项目数量 + 本年增/减) as this year's base."""
    from govreport.model.tables import Table2_2019, value

    carried: Sequence[int] | None = None
    t3 = previous.table3
    if t3 is not None:
        carried = [int(value(c)) for c in t3.carried_forward[:6]]
    base: dict[str, Sequence[object]] = {}
    t2 = previous.table2
    if t2 is not None:
        for key in ("rules", "normative_documents"):
            base[key] = [0, 0, value(getattr(t2, key)[2])]
        if isinstance(t2, Table2_2019):
            for key in ("licensing", "other_services", "penalty", "coercion"):
                before, change, _done = getattr(t2, key)
                base[key] = [value(before) + value(change), 0, 0]
            before, change = t2.fees
            base["fees"] = [value(before) + value(change), 0]
    return carried, base


def _statutory(edition: str, head: _Head, previous: Report | None = None) -> str:
    title, _year, overview, other = _STATUTORY_HEADS[edition]
    carried, base = _carried(previous) if previous is not None else (None, {})
    if edition == "gb2021":
        base = {k: v for k, v in base.items() if k in ("rules", "normative_documents")}
    return (_head(title, head) + overview + _table2(edition, base) + _table3(edition, carried) + _table4()
            + _TAIL.format(other=other))


def _legacy(head: _Head) -> str:
    text = _LEGACY
    if head.year != 2018:
        text = text.replace("year: 2018 ", f"year: {head.year} ").replace("2018年度", f"{head.year}年度")
        text = text.replace("published: 2019-03-20", f"published: {head.year + 1}-03-20")
    if head.body:
        text = text.replace("body: 某某区人民政府某某街道办事处", f"body: {_q(head.body)}")
    if head.level:
        text = text.replace("level: 乡镇街道 ", f"level: {head.level} ")
    return text


def new_report_yaml(
    edition: str | None = None,
    *,
    year: int | None = None,
    body: str | None = None,
    level: str | None = None,
    previous: Report | None = None,
    source: str | None = None,
) -> str:
    """A commented YAML template of ``edition`` (gb2021, gb2019 or legacy; by default the one of
    ``year``), filled in with ``year`` (the statistics period, the publication date), ``body`` and
    ``level`` (else the level that follows from the body's name).

    ``previous`` (last year's :class:`~govreport.model.report.Report`, read from ``source``) carries
    forward what the statute carries: 上年结转 ← its 结转下年度, 表二's 现行有效件数 as the base, the
    contact details and the signature; the body, level and year follow from it unless given.
    Every table row is present with 0s; the 总计 are left to be computed. Raises
    :class:`~govreport.errors.InputError` for an unknown edition.
    """
    from govreport.model.editions import edition_for_year
    from govreport.model.report import level_from_name

    if previous is not None:
        year = year if year is not None else previous.year + 1
        body = body or previous.body
        level = level or (previous.level.value if previous.level is not None else None)
    if edition is None:
        edition = edition_for_year(year).value if year is not None else "gb2021"
    if edition not in EDITIONS:
        message = _("没有这个版本的模板：{edition}（可选 {editions}）")
        raise InputError(message.format(edition=edition, editions=join(EDITIONS)))
    if year is None:
        year = _STATUTORY_HEADS[edition][1] if edition in _STATUTORY_HEADS else 2018
    if body and not level:
        found = level_from_name(body)
        level = found.value if found is not None else None
    contact = signature = None
    if previous is not None and previous.contact is not None:
        contact = previous.contact.model_dump(exclude_none=True)
    if previous is not None and previous.signature is not None and previous.signature.body:
        signature = previous.signature.body
    head = _Head(edition, year, body, level, contact, signature, source)
    if edition == "legacy":
        return _legacy(head)
    return _statutory(edition, head, previous)
