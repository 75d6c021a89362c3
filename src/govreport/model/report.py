"""The report: what a 政府信息公开工作年度报告 IS, independent of how it is printed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ModelWrapValidatorHandler,
    PrivateAttr,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from govreport.model.blocks import Block, HeadedContent, Text, WithContent, normalize_blocks
from govreport.model.derived import Computed, fill_table3, fill_table4
from govreport.model.editions import Edition, edition_for_year
from govreport.model.statutory import ActiveDisclosure, Applications, ReviewLitigation
from govreport.model.tables import Statistics, Table2, Table3, Table4, section_title
from govreport.text.zh import parse_date

_MODEL = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


def _date(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        return parse_date(value)
    except ValueError as exc:  # the message quotes the value and says what is wrong, in Chinese
        raise PydanticCustomError("report_date", "{reason}", {"reason": str(exc)}) from None


#: A date as people type it (2025-01-20, 2025-1-20, 2025/01/20, 2025年1月20日), normalised to a date.
ReportDate = Annotated[dt.date, BeforeValidator(_date)]


@dataclass(frozen=True)
class ReadNote:
    """What a reader inferred or corrected while reading a document (a row label matched despite a
    typo, the edition recognised from the tables, a blank cell): reported as a warning by the checks.

    ``code`` is stable (docs/checks.md); ``section``/``table``/``row``/``column``/``field`` say where, as a
    :class:`~govreport.checks.finding.Location` does.
    """

    code: str
    message: str
    section: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    field: str | None = None


@dataclass(frozen=True)
class Part:
    """One of the six statutory parts of a gb2019/gb2021 report, as :meth:`Report.parts` gives them."""

    #: 1 … 6 (一、总体情况 … 六、其他需要报告的事项).
    index: int
    #: The report field (``overview``, ``active_disclosure`` …) and its Chinese key (``总体情况`` …).
    field: str
    alias: str
    #: The part was written (the field is not missing), even if it is empty.
    given: bool
    #: The part's own text blocks (for the table parts: the text beside the table).
    content: tuple[Block, ...]
    #: 表二/表三/表四 of the table parts (None when missing or not a table part), and its name.
    table: Table2 | Table3 | Table4 | None = None
    table_name: str | None = None

    @property
    def title(self) -> str:
        """The part's statutory heading, e.g. 三、收到和处理政府信息公开申请情况."""
        return section_title(self.index)

    @property
    def has_table(self) -> bool:
        return self.table_name is not None


class BodyLevel(StrEnum):
    """The level of the issuing body; it sets the publication deadline (条例 第四十九条, 〔2021〕30号)."""

    DEPARTMENT = "部门"
    TOWNSHIP = "乡镇街道"
    COUNTY = "县级"
    PREFECTURE = "地市级"
    PROVINCE = "省级"


#: The body's name → its level, by the ending of the name (first match wins; docs/checks.md).
LEVEL_BY_NAME: tuple[tuple[str, BodyLevel], ...] = (
    ("街道办事处", BodyLevel.TOWNSHIP),
    ("街道办", BodyLevel.TOWNSHIP),
    ("街道", BodyLevel.TOWNSHIP),
    ("乡人民政府", BodyLevel.TOWNSHIP),
    ("镇人民政府", BodyLevel.TOWNSHIP),
    ("苏木人民政府", BodyLevel.TOWNSHIP),
    ("自治区人民政府", BodyLevel.PROVINCE),
    ("省人民政府", BodyLevel.PROVINCE),
    *((f"{city}市人民政府", BodyLevel.PROVINCE) for city in ("北京", "天津", "上海", "重庆")),
    ("区人民政府", BodyLevel.COUNTY),
    ("县人民政府", BodyLevel.COUNTY),
    ("旗人民政府", BodyLevel.COUNTY),
    ("市人民政府", BodyLevel.PREFECTURE),
    ("州人民政府", BodyLevel.PREFECTURE),
    ("盟行政公署", BodyLevel.PREFECTURE),
    ("地区行政公署", BodyLevel.PREFECTURE),
    *((suffix, BodyLevel.DEPARTMENT) for suffix in ("局", "委", "委员会", "办", "办公室", "厅", "署", "中心")),
    ("镇", BodyLevel.TOWNSHIP),
    ("乡", BodyLevel.TOWNSHIP),
    ("县", BodyLevel.COUNTY),  # a county or banner named alone (“青禾县2023年……”)
    ("旗", BodyLevel.COUNTY),
)


def level_from_name(body: str) -> BodyLevel | None:
    """The level that follows from the body's name: …街道办事处 / …乡（镇）人民政府 → 乡镇街道, …区/县人民政府
    → 县级, …市人民政府 → 地市级 (a 县级市 must give its level), …省/自治区人民政府 and the four 直辖市 → 省级,
    …局/委/办/厅 → 部门; ``None`` when the name says nothing."""
    name = "".join(body.split())
    return next((level for suffix, level in LEVEL_BY_NAME if name.endswith(suffix)), None)


class Contact(BaseModel):
    """Contact details. ``template`` lines may use {unit} {phone} {email} {address} {postcode}."""

    model_config = _MODEL

    unit: Text | None = Field(default=None, alias="联系单位")
    phone: Text | None = Field(default=None, alias="电话")
    email: Text | None = Field(default=None, alias="电子邮箱")
    address: Text | None = Field(default=None, alias="地址")
    postcode: Text | None = Field(default=None, alias="邮编")
    template: list[str] | None = Field(default=None, alias="格式")


class Signature(BaseModel):
    """署名 and 成文日期 (GB/T 9704 7.3.5.2, unsealed). Defaults: the issuing body and the publication date."""

    model_config = _MODEL

    body: Text | None = Field(default=None, alias="署名")
    date: ReportDate | None = Field(default=None, alias="日期")


class Section(HeadedContent):
    """A top-level section of a free-form (legacy) report: heading 一、… plus content."""


class Attachment(WithContent):
    """An attachment (附件 / 附表) printed on its own page after the body."""

    model_config = _MODEL

    title: Text = Field(min_length=1, alias="标题")
    label: Text = Field(default="附件", alias="标签")


class Report(BaseModel):
    """A 政府信息公开工作年度报告.

    Field names are English; every field also accepts its Chinese name (``发布机关`` for ``body``…).
    Unknown keys are errors.
    """

    model_config = _MODEL

    edition: Edition = Field(default=Edition.LEGACY, alias="版本")
    body: Text = Field(min_length=1, alias="发布机关")
    level: BodyLevel | None = Field(default=None, alias="机关层级")
    year: int = Field(ge=2008, le=2100, alias="年度")
    published: ReportDate | None = Field(default=None, alias="发布日期")
    title: Text | None = Field(default=None, alias="标题")
    preamble: list[str] = Field(default_factory=list, alias="开头")
    sections: list[Section] = Field(default_factory=list, alias="章节")
    contact: Contact | None = Field(default=None, alias="联系方式")
    signature: Signature | None = Field(default=None, alias="落款")
    attachments: list[Attachment] = Field(default_factory=list, alias="附件")

    # --- the statutory part (gb2019 / gb2021: six fixed sections, three tables) -----------------
    # All optional here: a missing section is a finding (SECTION-MISSING / TABLE-MISSING), not a
    # validation error, so that a half-written report can still be checked as a whole.
    overview: list[Block] | None = Field(default=None, alias="总体情况")
    active_disclosure: ActiveDisclosure | None = Field(default=None, alias="主动公开")
    applications: Applications | None = Field(default=None, alias="依申请公开")
    review_litigation: ReviewLitigation | None = Field(default=None, alias="复议诉讼")
    problems: list[Block] | None = Field(default=None, alias="存在问题")
    other_matters: list[Block] | None = Field(default=None, alias="其他事项")
    # --- legacy: 附表 统计表 ---------------------------------------------------------------------
    statistics: Statistics | None = Field(default=None, alias="统计表")

    _edition_inferred: bool = PrivateAttr(default=False)
    _read_notes: tuple[ReadNote, ...] = PrivateAttr(default=())
    _computed: tuple[Computed, ...] = PrivateAttr(default=())
    _published: bool = PrivateAttr(default=False)

    @model_validator(mode="after")
    def _derive_totals(self) -> Report:
        """The 总计 left blank, computed (:mod:`govreport.model.derived`)."""
        computed: list[Computed] = []
        if self.applications is not None and self.applications.table is not None:
            self.applications.table, done = fill_table3(self.applications.table)
            computed += done
        if self.review_litigation is not None and self.review_litigation.table is not None:
            self.review_litigation.table, done4 = fill_table4(self.review_litigation.table)
            computed += done4
        self._computed = tuple(computed)
        return self

    @property
    def published_document(self) -> bool:
        """True for a report read from a printed document (Word, PDF, web page, copied text): what it left
        blank is a defect of that document, not left for govreport to fill in."""
        return self._published

    def as_published(self) -> Report:
        """Mark this report as read from a printed document (used by the readers)."""
        self._published = True
        return self

    @property
    def computed(self) -> tuple[Computed, ...]:
        """The totals that were left blank and computed (reported as ``TOTAL-COMPUTED``)."""
        return self._computed
    _cells: dict[tuple[str | None, str | None, str | None], str] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _infer_edition(cls, data: Any, handler: ModelWrapValidatorHandler[Report]) -> Report:
        inferred = False
        if isinstance(data, dict) and data.get("edition", data.get("版本")) is None:
            year = data.get("year", data.get("年度"))
            if isinstance(year, int) and not isinstance(year, bool):
                data = {k: v for k, v in data.items() if k not in ("edition", "版本")}
                data["edition"] = edition_for_year(year).value
                inferred = True
        report = handler(data)
        report._edition_inferred = inferred
        return report

    @property
    def edition_inferred(self) -> bool:
        """True when the edition was not given and follows from the year."""
        return self._edition_inferred

    @property
    def read_notes(self) -> tuple[ReadNote, ...]:
        """What the reader inferred or corrected (empty for a report file written for govreport)."""
        return self._read_notes

    def with_read_notes(self, notes: tuple[ReadNote, ...]) -> Report:
        """This report with ``notes`` recorded (used by the readers)."""
        self._read_notes = tuple(notes)
        return self

    def parts(self) -> tuple[Part, ...]:
        """The six statutory parts in order, whatever the edition (a legacy report's are all missing)."""
        t2, t3, t4 = self.active_disclosure, self.applications, self.review_litigation
        return (
            Part(1, "overview", "总体情况", self.overview is not None, tuple(self.overview or ())),
            Part(2, "active_disclosure", "主动公开", t2 is not None, tuple(t2.content if t2 else ()),
                 t2.table if t2 else None, "表二"),
            Part(3, "applications", "依申请公开", t3 is not None, tuple(t3.content if t3 else ()),
                 t3.table if t3 else None, "表三"),
            Part(4, "review_litigation", "复议诉讼", t4 is not None, tuple(t4.content if t4 else ()),
                 t4.table if t4 else None, "表四"),
            Part(5, "problems", "存在问题", self.problems is not None, tuple(self.problems or ())),
            Part(6, "other_matters", "其他事项", self.other_matters is not None, tuple(self.other_matters or ())),
        )

    @property
    def table2(self) -> Table2 | None:
        """表二 (主动公开政府信息情况), if given."""
        return self.active_disclosure.table if self.active_disclosure else None

    @property
    def table3(self) -> Table3 | None:
        """表三 (收到和处理政府信息公开申请情况), if given."""
        return self.applications.table if self.applications else None

    @property
    def table4(self) -> Table4 | None:
        """表四 (政府信息公开行政复议、行政诉讼情况), if given."""
        return self.review_litigation.table if self.review_litigation else None
    @property
    def cells(self) -> dict[tuple[str | None, str | None, str | None], str]:
        """Where the reader found each table number: (table, row label, column label) → a place in the
        source document (``"表三!J4"`` for a workbook); empty for a report file. The checks name these
        places in their findings (:attr:`govreport.checks.finding.Location.cell`)."""
        return self._cells

    def with_cells(self, cells: dict[tuple[str | None, str | None, str | None], str]) -> Report:
        """This report with the places of its numbers recorded (used by the readers)."""
        self._cells = dict(cells)
        return self

    @field_validator("preamble", "overview", "problems", "other_matters", mode="before")
    @classmethod
    def _norm_blocks(cls, v: object) -> object:
        return normalize_blocks(v)

    @property
    def effective_level(self) -> BodyLevel | None:
        """The level given, else the one that follows from the body's name (:func:`level_from_name`)."""
        return self.level if self.level is not None else level_from_name(self.body)

    @property
    def display_title(self) -> str:
        """The title as printed: given, or "{body}{year}年政府信息公开工作年度报告"."""
        return self.title or f"{self.body}{self.year}年政府信息公开工作年度报告"

    @property
    def signature_body(self) -> str:
        return (self.signature.body if self.signature and self.signature.body else None) or self.body

    @property
    def signature_date(self) -> dt.date | None:
        if self.signature and self.signature.date:
            return self.signature.date
        return self.published

    @property
    def document_date(self) -> dt.date:
        """The date written into document metadata: signature date, publication date, else 1 January
        of the following year (never the clock, so that output is reproducible)."""
        return self.signature_date or dt.date(self.year + 1, 1, 1)
