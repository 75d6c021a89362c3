"""The statutory tables of a gb2019 / gb2021 report (表二, 表三, 表四), typed.

The official labels are data: :data:`T2_2021_ROWS`, :data:`T2_2019_ROWS`, :data:`T3_ROWS` and
:data:`T4_GROUPS` copy every label of the templates of 国办公开办函〔2019〕60号 and 〔2021〕30号
character for character. The models use short English field names; each also accepts a short
Chinese key (its ``alias``, e.g. ``本年新收``), the official label itself (with or without its
ordinal: ``一、本年新收政府信息公开申请数量``), and ``1、`` for ``1.``.

A cell is a bounded count, ``int | None`` (``None`` = left blank: accepted, a warning, printed as 0; a
blank 总计 is computed instead, :mod:`govreport.model.derived`); money is a bounded ``Decimal | None``
(:mod:`govreport.model.numbers`: what people type and paste — ``"１２"``, ``"12,846"`` — is accepted,
anything beyond 10^12 or 6 decimals is refused). Nothing here rejects negative numbers or wrong sums:
those are findings (``govreport.checks``), so that a whole report can be checked at once.

In YAML a row of 表三 is a list of the 7 numbers in the order of the printed columns
``[自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]`` (or a mapping from
column name to number); a group of 表四 is ``[结果维持, 结果纠正, 其他结果, 尚未审结, 总计]``.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, ClassVar, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    model_validator,
)

from govreport.i18n import _, join
from govreport.model.numbers import Amount as Amount
from govreport.model.numbers import Count as Count

# --------------------------------------------------------------------------------------------
# Labels (verbatim from the official templates)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RowSpec:
    """One row of an official table: its field ``key``, short Chinese ``alias`` and verbatim ``label``.

    ``group`` is the label of the row group it belongs to (e.g. ``（三）不予公开``), ``path`` the
    attribute path inside the model (``("withheld", "state_secret")``).
    """

    key: str
    alias: str
    label: str
    group: str | None = None
    parent: str | None = None

    @property
    def path(self) -> tuple[str, ...]:
        return (self.parent, self.key) if self.parent else (self.key,)


SECTION_TITLES: tuple[tuple[str, str], ...] = (
    ("一、", "总体情况"),
    ("二、", "主动公开政府信息情况"),
    ("三、", "收到和处理政府信息公开申请情况"),
    ("四、", "政府信息公开行政复议、行政诉讼情况"),
    ("五、", "存在的主要问题及改进情况"),
    ("六、", "其他需要报告的事项"),
)
"""The six headings of both templates (〔2019〕60号 and 〔2021〕30号), in order."""


def section_title(index: int) -> str:
    """``section_title(3)`` → ``三、收到和处理政府信息公开申请情况`` (1-based)."""
    ordinal, text = SECTION_TITLES[index - 1]
    return ordinal + text


# --- 表二 ------------------------------------------------------------------------------------

T2_CONTENT = "信息内容"


@dataclass(frozen=True, slots=True)
class T2Block:
    """One sub-table of 表二: its heading (第二十条第（一）项), column labels and rows."""

    heading: str
    columns: tuple[str, ...]
    rows: tuple[RowSpec, ...]


T2_2021_BLOCKS: tuple[T2Block, ...] = (
    T2Block(
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        (
            RowSpec("rules", "规章", "规章"),
            RowSpec("normative_documents", "行政规范性文件", "行政规范性文件"),
        ),
    ),
    T2Block("第二十条第（五）项", ("本年处理决定数量",), (RowSpec("licensing", "行政许可", "行政许可"),)),
    T2Block(
        "第二十条第（六）项",
        ("本年处理决定数量",),
        (RowSpec("penalty", "行政处罚", "行政处罚"), RowSpec("coercion", "行政强制", "行政强制")),
    ),
    T2Block(
        "第二十条第（八）项",
        ("本年收费金额（单位：万元）",),
        (RowSpec("fees", "行政事业性收费", "行政事业性收费"),),
    ),
)
"""表二 of 〔2021〕30号: four sub-tables."""

T2_2019_BLOCKS: tuple[T2Block, ...] = (
    T2Block(
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (RowSpec("rules", "规章", "规章"), RowSpec("normative_documents", "规范性文件", "规范性文件")),
    ),
    T2Block(
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (
            RowSpec("licensing", "行政许可", "行政许可"),
            RowSpec("other_services", "其他对外管理服务事项", "其他对外管理服务事项"),
        ),
    ),
    T2Block(
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (RowSpec("penalty", "行政处罚", "行政处罚"), RowSpec("coercion", "行政强制", "行政强制")),
    ),
    T2Block(
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (RowSpec("fees", "行政事业性收费", "行政事业性收费"),),
    ),
    T2Block(
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (RowSpec("procurement", "政府集中采购", "政府集中采购"),),
    ),
)
"""表二 of 〔2019〕60号 (试行): five sub-tables."""

# --- 表三 ------------------------------------------------------------------------------------

T3_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
T3_APPLICANTS = "申请人情况"
T3_LEGAL_PERSONS = "法人或其他组织"
T3_COLUMNS: tuple[str, ...] = (
    "自然人",
    "商业企业",
    "科研机构",
    "社会公益组织",
    "法律服务机构",
    "其他",
    "总计",
)
"""The 7 numeric columns of 表三, in printed order (the last one is 总计)."""
T3_COLUMN_KEYS: tuple[str, ...] = (
    "natural_persons",
    "businesses",
    "research_institutions",
    "public_interest_organisations",
    "legal_service_agencies",
    "others",
    "total",
)
T3_RESULTS = "三、本年度办理结果"

_W = "（三）不予公开"
_U = "（四）无法提供"
_N = "（五）不予处理"
_O = "（六）其他处理"

T3_NEW = RowSpec("new", "本年新收", "一、本年新收政府信息公开申请数量")
T3_CARRIED_OVER = RowSpec("carried_over", "上年结转", "二、上年结转政府信息公开申请数量")
T3_TOTAL = RowSpec("total", "总计", "（七）总计")
T3_CARRIED_FORWARD = RowSpec("carried_forward", "结转下年度", "四、结转下年度继续办理")
T3_OTHER_SINGLE = RowSpec("other", "其他处理", _O)
"""（六）其他处理 as the single data row of the 2019 template."""

T3_LEAVES_FIXED: tuple[RowSpec, ...] = (
    RowSpec("disclosed", "予以公开", "（一）予以公开"),
    RowSpec("partly_disclosed", "部分公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    RowSpec("state_secret", "属于国家秘密", "1.属于国家秘密", _W, "withheld"),
    RowSpec("prohibited_by_law", "其他法律行政法规禁止公开", "2.其他法律行政法规禁止公开", _W, "withheld"),
    RowSpec("security_stability", "危及三安全一稳定", "3.危及“三安全一稳定”", _W, "withheld"),
    RowSpec("third_party", "保护第三方合法权益", "4.保护第三方合法权益", _W, "withheld"),
    RowSpec("internal_affairs", "属于三类内部事务信息", "5.属于三类内部事务信息", _W, "withheld"),
    RowSpec("process_information", "属于四类过程性信息", "6.属于四类过程性信息", _W, "withheld"),
    RowSpec("enforcement_files", "属于行政执法案卷", "7.属于行政执法案卷", _W, "withheld"),
    RowSpec("administrative_query", "属于行政查询事项", "8.属于行政查询事项", _W, "withheld"),
    RowSpec("not_held", "本机关不掌握相关政府信息", "1.本机关不掌握相关政府信息", _U, "unable"),
    RowSpec("needs_creation", "没有现成信息需要另行制作", "2.没有现成信息需要另行制作", _U, "unable"),
    RowSpec("still_unclear", "补正后申请内容仍不明确", "3.补正后申请内容仍不明确", _U, "unable"),
    RowSpec("petition", "信访举报投诉类申请", "1.信访举报投诉类申请", _N, "not_processed"),
    RowSpec("repeated", "重复申请", "2.重复申请", _N, "not_processed"),
    RowSpec("publications", "要求提供公开出版物", "3.要求提供公开出版物", _N, "not_processed"),
    RowSpec("excessive", "无正当理由大量反复申请", "4.无正当理由大量反复申请", _N, "not_processed"),
    RowSpec(
        "confirmation",
        "要求行政机关确认或重新出具已获取信息",
        "5.要求行政机关确认或重新出具已获取信息",
        _N,
        "not_processed",
    ),
)
"""The result rows （一）–（五） (identical in both templates)."""

T3_OTHER_2021: tuple[RowSpec, ...] = (
    RowSpec(
        "no_correction",
        "逾期不补正",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        _O,
        "other",
    ),
    RowSpec(
        "fee_unpaid",
        "逾期未缴费",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        _O,
        "other",
    ),
    RowSpec("other", "其他", "3.其他", _O, "other"),
)
"""（六）其他处理's three sub-rows (〔2021〕30号 only)."""

#: Rows per group of 表三 (the rowspan of its group label), counted from the specs.
T3_GROUP_SIZES: dict[str, int] = dict(Counter(s.group for s in (*T3_LEAVES_FIXED, *T3_OTHER_2021) if s.group))

# --- 表四 ------------------------------------------------------------------------------------

T4_LITIGATION = "行政诉讼"
T4_COLUMNS: tuple[str, ...] = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
T4_GROUPS: tuple[RowSpec, ...] = (
    RowSpec("review", "行政复议", "行政复议"),
    RowSpec("direct", "未经复议直接起诉", "未经复议直接起诉", T4_LITIGATION),
    RowSpec("after_review", "复议后起诉", "复议后起诉", T4_LITIGATION),
)
"""The three groups of 5 cells of 表四 (identical in both templates)."""

StatUnit = Literal["条", "件", "次", "人次", "篇", "个", "人", "元", "万元"]
"""Units of the pre-2019 统计表 (国办发〔2014〕32号 and local variants)."""

# --------------------------------------------------------------------------------------------
# Key normalisation: accept field names, short aliases and the official labels
# --------------------------------------------------------------------------------------------

_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")
_DROP = re.compile(r"[\s“”\"'‘’「」]")


def _norm_key(key: str) -> str:
    key = _DROP.sub("", key)
    key = _ORDINAL.sub("", key)
    return key.split("（", 1)[0] if key.startswith("部分公开") else key


@functools.cache
def _key_map(specs: tuple[RowSpec, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for spec in specs:
        for name in (spec.key, spec.alias, spec.label):
            out[_norm_key(name)] = spec.alias
            out[name] = spec.alias
    return out


def _rename_keys(data: Any, keys: Mapping[str, str]) -> Any:
    """Map every accepted spelling of a row key to its alias (unknown keys pass and fail later)."""
    if not isinstance(data, Mapping):
        return data
    out: dict[Any, Any] = {}
    given: dict[Any, Any] = {}
    for k, v in data.items():
        new = (keys.get(k) or keys.get(_norm_key(k))) if isinstance(k, str) else None
        target = new or k
        if target in out:  # two spellings of one row: neither may silently win
            raise ValueError(_("「{first}」与「{second}」是同一行，只能写一个").format(first=given[target], second=k))
        out[target] = v
        given[target] = k
    return out


#: What separates the cells of a row pasted from a spreadsheet or typed with a Chinese IME: tabs, spaces,
#: full-width commas and 、 (an ASCII comma is a thousands separator, "12,846", and is left to the cell).
_PASTE_SEPARATORS = re.compile(r"[\t \u3000，、；;]+")


def _split_pasted(value: Any) -> Any:
    """A row written as one text ("10	2	0	0	0	0" from Excel, "10，2，0" from an IME; or such a text as the
    only item of a list) → the list of its cells (digits as integers, anything else left to the cell)."""
    if isinstance(value, list) and len(value) == 1 and isinstance(value[0], str):
        value = value[0]
    if not isinstance(value, str) or not _PASTE_SEPARATORS.search(value.strip()):
        return value
    parts = [p for p in _PASTE_SEPARATORS.split(value.strip()) if p]
    return [int(p) if p.isascii() and p.lstrip("-").isdigit() else p for p in parts]


def _columns_to_list(columns: tuple[str, ...], keys: tuple[str, ...] = (), *, total_last: bool = False) -> Any:
    """A row as a list in column order. With ``total_last`` the last column (总计) may be left out of a
    list: it is then blank, and computed (:mod:`govreport.model.derived`)."""
    lookup = {name: i for i, name in enumerate(columns)} | {name: i for i, name in enumerate(keys)}

    def convert(value: Any) -> Any:
        value = _split_pasted(value)
        if total_last and isinstance(value, list | tuple) and len(value) == len(columns) - 1:
            return [*value, None]
        if isinstance(value, list | tuple) and len(value) != len(columns):
            message = (
                _("这一行应有 {expected} 个数（{columns}；最后的总计可省略，由程序计算），实际有 {actual} 个")
                if total_last else
                _("这一行应有 {expected} 个数（{columns}），实际有 {actual} 个；空白的格请写 null 或 0")
            )
            raise ValueError(message.format(expected=len(columns), columns=join(columns), actual=len(value)))
        if isinstance(value, Mapping):
            cells: list[Any] = [None] * len(columns)
            for k, v in value.items():
                if k not in lookup:
                    message = _("未知的列「{column}」；可用的列：{columns}")
                    raise ValueError(message.format(column=k, columns=join(columns)))
                cells[lookup[k]] = v
            return cells
        return value

    return convert


# --------------------------------------------------------------------------------------------
# Cells and rows
# --------------------------------------------------------------------------------------------


T3Row = Annotated[
    tuple[Count, Count, Count, Count, Count, Count, Count],
    BeforeValidator(_columns_to_list(T3_COLUMNS, T3_COLUMN_KEYS, total_last=True)),
]
"""A row of 表三: ``[自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计]``."""

T4Group = Annotated[
    tuple[Count, Count, Count, Count, Count],
    BeforeValidator(
        _columns_to_list(T4_COLUMNS, ("upheld", "corrected", "other", "pending", "total"), total_last=True)
    ),
]
"""A group of 表四: ``[结果维持, 结果纠正, 其他结果, 尚未审结, 总计]``."""

_BLANK7: tuple[Count, Count, Count, Count, Count, Count, Count] = (None, None, None, None, None, None, None)
_BLANK5: tuple[Count, Count, Count, Count, Count] = (None, None, None, None, None)

_TABLE = ConfigDict(extra="forbid", populate_by_name=True, frozen=True)


def value(cell: int | Decimal | None) -> int | Decimal:
    """A cell's value: blank counts as 0."""
    return 0 if cell is None else cell


class _LabelledModel(BaseModel):
    """Base of the table models: accepts the official labels as keys."""

    model_config = _TABLE
    _specs: ClassVar[tuple[RowSpec, ...]] = ()

    @model_validator(mode="before")
    @classmethod
    def _accept_labels(cls, data: Any) -> Any:
        return _rename_keys(data, _key_map(cls._specs))


# --- 表二 ------------------------------------------------------------------------------------

T2Triple = Annotated[
    tuple[Count, Count, Count], BeforeValidator(_columns_to_list(T2_2021_BLOCKS[0].columns))
]


class Table2_2021(_LabelledModel):
    """表二 主动公开政府信息情况, 〔2021〕30号. ``rules``/``normative_documents``: [本年制发件数,
    本年废止件数, 现行有效件数]; ``fees`` in 万元."""

    _specs = tuple(r for b in T2_2021_BLOCKS for r in b.rows)

    rules: T2Triple = Field(default=(None, None, None), alias="规章")
    normative_documents: T2Triple = Field(default=(None, None, None), alias="行政规范性文件")
    licensing: Count = Field(default=None, alias="行政许可")
    penalty: Count = Field(default=None, alias="行政处罚")
    coercion: Count = Field(default=None, alias="行政强制")
    fees: Amount = Field(default=None, alias="行政事业性收费")


_T2_2019_COLS_1 = T2_2019_BLOCKS[0].columns
_T2_2019_COLS_5 = T2_2019_BLOCKS[1].columns

T2Items2019 = Annotated[tuple[Count, Count, Count], BeforeValidator(_columns_to_list(_T2_2019_COLS_5))]
T2Docs2019 = Annotated[tuple[Count, Count, Count], BeforeValidator(_columns_to_list(_T2_2019_COLS_1))]
T2Fees2019 = Annotated[tuple[Count, Count], BeforeValidator(_columns_to_list(T2_2019_BLOCKS[3].columns))]
T2Procurement = Annotated[tuple[Count, Amount], BeforeValidator(_columns_to_list(T2_2019_BLOCKS[4].columns))]


class Table2_2019(_LabelledModel):
    """表二 主动公开政府信息情况, 〔2019〕60号 (试行). 本年增/减 (the middle cell of licensing …
    fees) may be negative; ``procurement`` is [采购项目数量, 采购总金额]."""

    _specs = tuple(r for b in T2_2019_BLOCKS for r in b.rows)

    rules: T2Docs2019 = Field(default=(None, None, None), alias="规章")
    normative_documents: T2Docs2019 = Field(default=(None, None, None), alias="规范性文件")
    licensing: T2Items2019 = Field(default=(None, None, None), alias="行政许可")
    other_services: T2Items2019 = Field(default=(None, None, None), alias="其他对外管理服务事项")
    penalty: T2Items2019 = Field(default=(None, None, None), alias="行政处罚")
    coercion: T2Items2019 = Field(default=(None, None, None), alias="行政强制")
    fees: T2Fees2019 = Field(default=(None, None), alias="行政事业性收费")
    procurement: T2Procurement = Field(default=(None, None), alias="政府集中采购")
    procurement_unit: Literal["元", "万元"] | None = Field(default=None, alias="采购金额单位")
    """The template gives no unit for 采购总金额; real reports write 元 in the cell."""


_T2_2019_ONLY = {
    "规范性文件",
    "other_services",
    "其他对外管理服务事项",
    "procurement",
    "政府集中采购",
    "procurement_unit",
    "采购金额单位",
}
_T2_SCALARS_2021 = {
    *("licensing", "行政许可", "penalty", "行政处罚"),
    *("coercion", "行政强制", "fees", "行政事业性收费"),
}


def _t2_edition(data: Any) -> str:
    if isinstance(data, Table2_2019):
        return "gb2019"
    if isinstance(data, Table2_2021):
        return "gb2021"
    if isinstance(data, Mapping):
        for k, v in data.items():
            if not isinstance(k, str):
                continue
            if k in _T2_2019_ONLY or _norm_key(k) in _T2_2019_ONLY:
                return "gb2019"
            if (k in _T2_SCALARS_2021 or _norm_key(k) in _T2_SCALARS_2021) and isinstance(v, list | tuple):
                return "gb2019"
    return "gb2021"


Table2 = Annotated[
    Annotated[Table2_2021, Tag("gb2021")] | Annotated[Table2_2019, Tag("gb2019")],
    Discriminator(_t2_edition),
]
"""表二 of either edition; the 2019 variant is recognised by its own rows (规范性文件,
其他对外管理服务事项, 政府集中采购)."""


# --- 表三 ------------------------------------------------------------------------------------


def _specs_of(parent: str) -> tuple[RowSpec, ...]:
    return tuple(s for s in (*T3_LEAVES_FIXED, *T3_OTHER_2021) if s.parent == parent)


class Withheld(_LabelledModel):
    """（三）不予公开: 8 rows."""

    _specs = _specs_of("withheld")

    state_secret: T3Row = Field(default=_BLANK7, alias="属于国家秘密")
    prohibited_by_law: T3Row = Field(default=_BLANK7, alias="其他法律行政法规禁止公开")
    security_stability: T3Row = Field(default=_BLANK7, alias="危及三安全一稳定")
    third_party: T3Row = Field(default=_BLANK7, alias="保护第三方合法权益")
    internal_affairs: T3Row = Field(default=_BLANK7, alias="属于三类内部事务信息")
    process_information: T3Row = Field(default=_BLANK7, alias="属于四类过程性信息")
    enforcement_files: T3Row = Field(default=_BLANK7, alias="属于行政执法案卷")
    administrative_query: T3Row = Field(default=_BLANK7, alias="属于行政查询事项")


class Unable(_LabelledModel):
    """（四）无法提供: 3 rows."""

    _specs = _specs_of("unable")

    not_held: T3Row = Field(default=_BLANK7, alias="本机关不掌握相关政府信息")
    needs_creation: T3Row = Field(default=_BLANK7, alias="没有现成信息需要另行制作")
    still_unclear: T3Row = Field(default=_BLANK7, alias="补正后申请内容仍不明确")


class NotProcessed(_LabelledModel):
    """（五）不予处理: 5 rows."""

    _specs = _specs_of("not_processed")

    petition: T3Row = Field(default=_BLANK7, alias="信访举报投诉类申请")
    repeated: T3Row = Field(default=_BLANK7, alias="重复申请")
    publications: T3Row = Field(default=_BLANK7, alias="要求提供公开出版物")
    excessive: T3Row = Field(default=_BLANK7, alias="无正当理由大量反复申请")
    confirmation: T3Row = Field(default=_BLANK7, alias="要求行政机关确认或重新出具已获取信息")


class OtherProcessing(_LabelledModel):
    """（六）其他处理 of 〔2021〕30号: 3 rows."""

    _specs = T3_OTHER_2021

    no_correction: T3Row = Field(default=_BLANK7, alias="逾期不补正")
    fee_unpaid: T3Row = Field(default=_BLANK7, alias="逾期未缴费")
    other: T3Row = Field(default=_BLANK7, alias="其他")


class Table3(_LabelledModel):
    """表三 收到和处理政府信息公开申请情况.

    ``other`` （六）其他处理 is either a mapping of three rows (〔2021〕30号) or one row (〔2019〕60号);
    which one the report's edition requires is a check (``T3-OLD-FORMAT``), not a model rule.
    """

    _specs = (
        T3_NEW,
        T3_CARRIED_OVER,
        T3_LEAVES_FIXED[0],
        T3_LEAVES_FIXED[1],
        RowSpec("withheld", "不予公开", _W),
        RowSpec("unable", "无法提供", _U),
        RowSpec("not_processed", "不予处理", _N),
        T3_OTHER_SINGLE,
        T3_TOTAL,
        T3_CARRIED_FORWARD,
    )

    new: T3Row = Field(default=_BLANK7, alias="本年新收")
    carried_over: T3Row = Field(default=_BLANK7, alias="上年结转")
    disclosed: T3Row = Field(default=_BLANK7, alias="予以公开")
    partly_disclosed: T3Row = Field(default=_BLANK7, alias="部分公开")
    withheld: Withheld = Field(default_factory=Withheld, alias="不予公开")
    unable: Unable = Field(default_factory=Unable, alias="无法提供")
    not_processed: NotProcessed = Field(default_factory=NotProcessed, alias="不予处理")
    other: OtherProcessing | T3Row = Field(default_factory=OtherProcessing, alias="其他处理")
    total: T3Row = Field(default=_BLANK7, alias="总计")
    carried_forward: T3Row = Field(default=_BLANK7, alias="结转下年度")

    @property
    def has_other_subrows(self) -> bool:
        """True when （六）其他处理 has the three sub-rows of 〔2021〕30号."""
        return isinstance(self.other, OtherProcessing)

    def result_leaves(self) -> list[tuple[RowSpec, tuple[Count, ...]]]:
        """The result rows that add up to （七）总计, in printed order."""
        out: list[tuple[RowSpec, tuple[Count, ...]]] = [
            (spec, self.cells(spec)) for spec in T3_LEAVES_FIXED
        ]
        if isinstance(self.other, OtherProcessing):
            out.extend((spec, self.cells(spec)) for spec in T3_OTHER_2021)
        else:
            out.append((T3_OTHER_SINGLE, self.other))
        return out

    def data_rows(self) -> list[tuple[RowSpec, tuple[Count, ...]]]:
        """Every row that carries numbers, in printed order (25 in 2021 form, 23 in 2019 form)."""
        return [
            (T3_NEW, self.new),
            (T3_CARRIED_OVER, self.carried_over),
            *self.result_leaves(),
            (T3_TOTAL, self.total),
            (T3_CARRIED_FORWARD, self.carried_forward),
        ]

    def cells(self, spec: RowSpec) -> tuple[Count, ...]:
        """The 7 cells of the row ``spec``."""
        if spec is T3_OTHER_SINGLE and not isinstance(self.other, OtherProcessing):
            return self.other
        obj: Any = self
        for name in spec.path:
            obj = getattr(obj, name)
        if not isinstance(obj, tuple):
            raise KeyError(spec.key)
        return obj

    def other_total(self) -> int:
        """（六）其他处理 in the 总计 column (summed over its sub-rows in 2021 form)."""
        if isinstance(self.other, OtherProcessing):
            return sum(int(value(self.cells(s)[6])) for s in T3_OTHER_2021)
        return int(value(self.other[6]))


# --- 表四 ------------------------------------------------------------------------------------


class Table4(_LabelledModel):
    """表四 政府信息公开行政复议、行政诉讼情况: 3 groups × [结果维持, 结果纠正, 其他结果, 尚未审结, 总计]."""

    _specs = T4_GROUPS

    review: T4Group = Field(default=_BLANK5, alias="行政复议")
    direct: T4Group = Field(default=_BLANK5, alias="未经复议直接起诉")
    after_review: T4Group = Field(default=_BLANK5, alias="复议后起诉")

    def groups(self) -> list[tuple[RowSpec, tuple[Count, ...]]]:
        return [(spec, getattr(self, spec.key)) for spec in T4_GROUPS]

    def cells(self) -> tuple[Count, ...]:
        """The 15 cells in printed order."""
        return (*self.review, *self.direct, *self.after_review)


# --- 附表 统计表 (legacy) ----------------------------------------------------------------------


#: Most rows of a 统计表 (real ones have 20–60; a table of 20,000 rows took 1.7 GB to render).
MAX_STAT_ROWS = 1_000


class StatRow(BaseModel):
    """One indicator of a pre-2019 统计表: 指标, 单位, 数值 (blank allowed)."""

    model_config = _TABLE

    indicator: str = Field(min_length=1, alias="指标")
    unit: StatUnit = Field(alias="单位")
    value: Amount = Field(default=None, alias="数值")

    @model_validator(mode="after")
    def _whole_counts(self) -> StatRow:
        if self.value is not None and self.unit not in ("元", "万元") and self.value != int(self.value):
            raise ValueError(
                _("「{indicator}」的单位为{unit}，数值应为整数，而不是 {value}").format(
                    indicator=self.indicator, unit=self.unit, value=self.value
                )
            )
        return self


class Statistics(BaseModel):
    """附表 政府信息公开情况统计表 of a legacy report."""

    model_config = _TABLE

    title: str = Field(default="政府信息公开情况统计表", alias="标题")
    rows: list[StatRow] = Field(min_length=1, max_length=MAX_STAT_ROWS, alias="指标")
