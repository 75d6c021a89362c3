"""The statutory frame: edition, the six sections and three tables, table formats, the deadline,
and the share of “其他处理”."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from govreport.checks._common import zh_date
from govreport.checks.finding import Finding, error, info, warning
from govreport.i18n import N_, _, format_percent, join, ngettext
from govreport.model.blocks import Block, Subsection
from govreport.model.editions import Edition, edition_for_year
from govreport.model.report import BodyLevel, Report
from govreport.model.tables import Table2_2019, Table2_2021, section_title
from govreport.text.zh import split_typed_ordinal

OTHER_SHARE_LIMIT = 0.2
"""（六）其他处理 above this share of （七）总计 is flagged (a heuristic: the notice sets no number)."""
OTHER_SHARE_MIN = 5
"""…and only when at least this many applications were 其他处理."""

_DEADLINES_2021: dict[BodyLevel, tuple[int, int]] = {
    BodyLevel.DEPARTMENT: (1, 31),
    BodyLevel.TOWNSHIP: (1, 31),
    BodyLevel.COUNTY: (2, 20),
    BodyLevel.PREFECTURE: (3, 10),
    BodyLevel.PROVINCE: (3, 31),
}


_LEVEL_NAMES = {
    BodyLevel.DEPARTMENT: N_("部门"),
    BodyLevel.TOWNSHIP: N_("乡镇街道"),
    BodyLevel.COUNTY: N_("县级"),
    BodyLevel.PREFECTURE: N_("地市级"),
    BodyLevel.PROVINCE: N_("省级"),
}
_BASES = (  # the basis of a deadline, translated in the DEADLINE message
    N_("《政府信息公开条例》（2007）第三十一条"),
    N_("国办公开办函〔2021〕30号"),
    N_("《政府信息公开条例》第四十九条"),
)
_FIELD_NAMES = {
    "章节": N_("章节"),
    "统计表": N_("统计表"),
    "总体情况": N_("总体情况"),
    "主动公开": N_("主动公开"),
    "依申请公开": N_("依申请公开"),
    "复议诉讼": N_("复议诉讼"),
    "存在问题": N_("存在问题"),
    "其他事项": N_("其他事项"),
}


def _quoted(names: list[str]) -> str:
    return join(_("“{name}”").format(name=_(_FIELD_NAMES[n])) for n in names)


def deadline(report: Report) -> tuple[dt.date, str]:
    """The last day to publish the report, and the rule it comes from.

    gb2021: 〔2021〕30号 by level (部门 and 乡镇街道 1月31日, 县级 2月20日, 地市级 3月10日, 省级 3月31日);
    gb2019: 条例 第四十九条 (部门 and 乡镇街道 1月31日, 人民政府 3月31日); legacy: 2007 条例 第三十一条
    (3月31日). The level is the one given, else the one that follows from the body's name
    (:attr:`Report.effective_level`); an unknown level gets the latest date of its edition.
    """
    year = report.year + 1
    if report.edition is Edition.LEGACY:
        return dt.date(year, 3, 31), "《政府信息公开条例》（2007）第三十一条"
    level = report.effective_level
    if report.edition is Edition.GB2021 and level is not None:
        month, day = _DEADLINES_2021[level]
        return dt.date(year, month, day), "国办公开办函〔2021〕30号"
    if level in (BodyLevel.DEPARTMENT, BodyLevel.TOWNSHIP):
        return dt.date(year, 1, 31), "《政府信息公开条例》第四十九条"
    return dt.date(year, 3, 31), "《政府信息公开条例》第四十九条"


def check_statutory(report: Report) -> list[Finding]:
    out = check_edition(report)
    out += check_heading_depth(report)
    if report.edition.statutory:
        out += check_sections(report)
        out += check_table_formats(report)
        out += check_other_share(report)
    out += check_typed_ordinals(report)
    out += check_publication(report)
    out += check_level(report)
    out += check_deadline(report)
    return out


def check_typed_ordinals(report: Report) -> list[Finding]:
    """Headings with a hand-typed ordinal (（一）主动公开情况): the ordinal is generated, so the typed one
    is left out when the report is composed, and the clerk is told."""
    out: list[Finding] = []

    def one(where: str, heading: str) -> None:
        typed, _rest = split_typed_ordinal(heading)
        if typed:
            out.append(warning(
                "HEADING-ORDINAL",
                _("标题「{heading}」手写了序号「{ordinal}」：序号由程序生成，排版时已去掉手写的序号（请在报告中删去）").format(
                    heading=heading[:30], ordinal=typed),
                section=where,
            ))

    def walk(where: str, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if isinstance(block, Subsection):
                one(where, block.heading)
                walk(where, block.content)

    for section in report.sections:
        one(section.heading, section.heading)
    for where, _level, blocks in _text_blocks(report):
        walk(where, blocks)
    return out


def check_publication(report: Report) -> list[Finding]:
    """A publication (or signature) date before the report year has ended."""
    out: list[Finding] = []
    end = dt.date(report.year, 12, 31)
    dates = (("published", report.published), ("signature.date", report.signature.date if report.signature else None))
    for field, day in dates:
        if day is not None and day <= end:
            out.append(error(
                "PUBLISHED-EARLY",
                _("{what}为 {day}，早于 {year} 年度结束（{end}）：年度报告在次年发布，请核对年份").format(
                    what=_("发布日期") if field == "published" else _("落款日期"), day=zh_date(day),
                    year=report.year, end=zh_date(end)),
                field=field,
            ))
    return out


def check_level(report: Report) -> list[Finding]:
    """A statutory report without a level: inferred from the name (said so, ``LEVEL-INFERRED``, info),
    or, when the name does not tell, a warning that its deadline is a guess (``LEVEL-MISSING``)."""
    if not report.edition.statutory or report.level is not None:
        return []
    last, _basis = deadline(report)
    level = report.effective_level
    if level is not None:
        return [info(
            "LEVEL-INFERRED",
            _("未填写“机关层级”，按机关名称「{body}」推断为{level}，发布期限为 {last}；如不对，请填写 机关层级").format(
                body=report.body, level=_(_LEVEL_NAMES[level]), last=zh_date(last)),
            field="level",
        )]
    return [warning(
        "LEVEL-MISSING",
        _("未填写“机关层级”，从机关名称「{body}」也看不出：发布期限暂按最晚的 {last} 计算；"
          "请填写 机关层级（部门、乡镇街道、县级、地市级、省级）").format(body=report.body, last=zh_date(last)),
        field="level",
    )]


def _text_blocks(report: Report) -> list[tuple[str, int, Sequence[Block]]]:
    """Every list of text blocks with where it is and the heading level its sub-headings take."""
    out: list[tuple[str, int, Sequence[Block]]] = [
        (section.heading, 2, section.content) for section in report.sections
    ]
    for part in report.parts():
        if part.content:
            out.append((part.title, 2, part.content))
    out += [(attachment.title, 1, attachment.content) for attachment in report.attachments]
    return out


def check_heading_depth(report: Report) -> list[Finding]:
    """Sub-headings nested deeper than the four levels 一、（一）1.（1） (GB/T 9704 7.3.3)."""
    out: list[Finding] = []

    def walk(where: str, level: int, blocks: Sequence[Block]) -> None:
        for block in blocks:
            if not isinstance(block, Subsection):
                continue
            if level > 4:
                out.append(error(
                    "HEADING-DEPTH",
                    _("小标题「{heading}」位于第 {level} 级：标题最多四级（一、（一）1.（1）），请减少嵌套").format(
                        heading=block.heading[:20], level=level
                    ),
                    section=where,
                ))
                continue
            walk(where, level + 1, block.content)

    for where, level, blocks in _text_blocks(report):
        walk(where, level, blocks)
    return out


def check_edition(report: Report) -> list[Finding]:
    out: list[Finding] = []
    expected = edition_for_year(report.year)
    if not report.edition_inferred and report.edition is not expected:
        out.append(
            warning(
                "EDITION-MISMATCH",
                _(
                    "报告年度为 {year} 年，适用“{expected}”（{expected_code}），"
                    "但指定的版本为“{given}”（{given_code}）"
                ).format(year=report.year, expected=_(expected.label), expected_code=expected.value,
                         given=_(report.edition.label), given_code=report.edition.value),
                field="edition",
            )
        )
    if report.edition.statutory:
        wrong = [name for name, v in (("章节", report.sections), ("统计表", report.statistics)) if v]
        if wrong:
            out.append(
                error(
                    "EDITION-FIELDS",
                    _(
                        "{edition}的报告由固定的六部分组成，不能使用{fields}；"
                        "请改用 总体情况、主动公开、依申请公开、复议诉讼、存在问题、其他事项"
                    ).format(edition=_(report.edition.label), fields=_quoted(wrong)),
                    field="、".join(wrong),
                )
            )
    else:
        wrong = [part.alias for part in report.parts() if part.given]
        if wrong:
            out.append(
                error(
                    "EDITION-FIELDS",
                    _(
                        "{year} 年度的报告为 2019 年以前的自由格式（legacy），不能使用{fields}；"
                        "请用“章节”写正文，或指定 版本: gb2019 / gb2021"
                    ).format(year=report.year, fields=_quoted(wrong)),
                    field="、".join(wrong),
                )
            )
    return out


def check_sections(report: Report) -> list[Finding]:
    out: list[Finding] = []
    parts = report.parts()
    for part in parts:
        if not (part.given if part.has_table else part.content):
            message = _("缺少“{section}”部分（或内容为空）").format(section=part.title)
            out.append(error("SECTION-MISSING", message, section=part.title))
    for part in parts:
        if part.given and part.has_table and part.table is None and part.table_name is not None:
            message = _("“{section}”部分缺少{table}").format(section=part.title, table=_(part.table_name))
            out.append(error("TABLE-MISSING", message, section=part.title, table=part.table_name))
    return out


def check_table_formats(report: Report) -> list[Finding]:
    out: list[Finding] = []
    edition = report.edition
    t2 = report.table2
    if (isinstance(t2, Table2_2019) and edition is Edition.GB2021) or (
        isinstance(t2, Table2_2021) and edition is Edition.GB2019
    ):
        used = Edition.GB2019 if isinstance(t2, Table2_2019) else Edition.GB2021
        out.append(
            error(
                "TABLE-EDITION",
                _("表二使用了“{used}”的格式，但本报告为“{edition}”，请按本版本的表二填写（或改正 版本 / 年度）").format(
                    used=_(used.label), edition=_(edition.label)
                ),
                section=section_title(2),
                table="表二",
            )
        )
    t3 = report.table3
    if t3 is not None and edition is Edition.GB2021 and not t3.has_other_subrows:
        out.append(
            error(
                "T3-OLD-FORMAT",
                _(
                    "{year} 年度报告应使用国办公开办函〔2021〕30号格式：表三“（六）其他处理”须分为"
                    "“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三项，"
                    "而本报告只填了一行（2019年试行格式）"
                ).format(year=report.year),
                section=section_title(3),
                table="表三",
                row="（六）其他处理",
            )
        )
    if t3 is not None and edition is Edition.GB2019 and t3.has_other_subrows:
        out.append(
            error(
                "TABLE-EDITION",
                _(
                    "表三“（六）其他处理”分为三项是国办公开办函〔2021〕30号的格式，但 {year} 年度报告"
                    "适用国办公开办函〔2019〕60号（试行），“（六）其他处理”只有一行"
                ).format(year=report.year),
                section=section_title(3),
                table="表三",
                row="（六）其他处理",
            )
        )
    return out


def check_other_share(report: Report) -> list[Finding]:
    t3 = report.table3
    if t3 is None or t3.total[6] is None:
        return []
    other, total = t3.other_total(), t3.total[6]
    if total > 0 and other >= OTHER_SHARE_MIN and other / total > OTHER_SHARE_LIMIT:
        return [
            warning(
                "OTHER-SHARE",
                _(
                    "表三“（六）其他处理”为 {other} 件，占（七）总计 {total} 件的 {share}，"
                    "超过 {limit}；原则上所有申请都应按法定方式处理，请核实"
                ).format(other=other, total=total, share=format_percent(other / total),
                         limit=format_percent(OTHER_SHARE_LIMIT)),
                section=section_title(3),
                table="表三",
                row="（六）其他处理",
                column="总计",
            )
        ]
    return []


def check_deadline(report: Report) -> list[Finding]:
    if report.published is None:
        return []
    last, basis = deadline(report)
    if report.published <= last:
        return []
    late = (report.published - last).days
    level = report.effective_level
    if report.level is not None:
        whose = _("{level}机关").format(level=_(_LEVEL_NAMES[report.level]))
    elif level is not None:
        whose = _("{level}机关（按机关名称推断）").format(level=_(_LEVEL_NAMES[level]))
    else:
        whose = _("本报告")
    message = ngettext(
        "发布日期为 {published}，晚于{whose}的发布期限 {last}（{basis}），逾期 {late} 天",
        "发布日期为 {published}，晚于{whose}的发布期限 {last}（{basis}），逾期 {late} 天",
        late,
    )
    return [
        warning(
            "DEADLINE",
            message.format(published=zh_date(report.published), whose=whose, last=zh_date(last),
                           basis=_(basis), late=late),
            field="published",
        )
    ]
