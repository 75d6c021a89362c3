"""The statutory frame: edition, the six sections and three tables, table formats, the deadline,
and the share of “其他处理”."""

from __future__ import annotations

import datetime as dt

from govreport.checks._common import zh_date
from govreport.checks.finding import Finding, error, warning
from govreport.model.editions import Edition, edition_for_year
from govreport.model.report import BodyLevel, Report
from govreport.model.tables import Table2_2019, Table2_2021, section_title

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


def deadline(report: Report) -> tuple[dt.date, str]:
    """The last day to publish the report, and the rule it comes from.

    gb2021: 〔2021〕30号 by level (部门 and 乡镇街道 1月31日, 县级 2月20日, 地市级 3月10日, 省级 3月31日);
    gb2019: 条例 第四十九条 (部门 and 乡镇街道 1月31日, 人民政府 3月31日); legacy: 2007 条例 第三十一条
    (3月31日). An unknown level gets the latest date of its edition.
    """
    year = report.year + 1
    if report.edition is Edition.LEGACY:
        return dt.date(year, 3, 31), "《政府信息公开条例》（2007）第三十一条"
    level = report.level
    if report.edition is Edition.GB2021 and level is not None:
        month, day = _DEADLINES_2021[level]
        return dt.date(year, month, day), "国办公开办函〔2021〕30号"
    if level in (BodyLevel.DEPARTMENT, BodyLevel.TOWNSHIP):
        return dt.date(year, 1, 31), "《政府信息公开条例》第四十九条"
    return dt.date(year, 3, 31), "《政府信息公开条例》第四十九条"


def check_statutory(report: Report) -> list[Finding]:
    out = check_edition(report)
    if report.edition.statutory:
        out += check_sections(report)
        out += check_table_formats(report)
        out += check_other_share(report)
    out += check_deadline(report)
    return out


def check_edition(report: Report) -> list[Finding]:
    out: list[Finding] = []
    expected = edition_for_year(report.year)
    if not report.edition_inferred and report.edition is not expected:
        out.append(
            warning(
                "EDITION-MISMATCH",
                f"报告年度为 {report.year} 年，适用“{expected.label}”（{expected.value}），"
                f"但指定的版本为“{report.edition.label}”（{report.edition.value}）",
                field="edition",
            )
        )
    if report.edition.statutory:
        wrong = [name for name, v in (("章节", report.sections), ("统计表", report.statistics)) if v]
        if wrong:
            out.append(
                error(
                    "EDITION-FIELDS",
                    f"{report.edition.label}的报告由固定的六部分组成，不能使用“{'”“'.join(wrong)}”；"
                    "请改用 总体情况、主动公开、依申请公开、复议诉讼、存在问题、其他事项",
                    field="、".join(wrong),
                )
            )
    else:
        statutory = {
            "总体情况": report.overview,
            "主动公开": report.active_disclosure,
            "依申请公开": report.applications,
            "复议诉讼": report.review_litigation,
            "存在问题": report.problems,
            "其他事项": report.other_matters,
        }
        wrong = [name for name, v in statutory.items() if v is not None]
        if wrong:
            out.append(
                error(
                    "EDITION-FIELDS",
                    f"{report.year} 年度的报告为 2019 年以前的自由格式（legacy），"
                    f"不能使用“{'”“'.join(wrong)}”；"
                    "请用“章节”写正文，或指定 版本: gb2019 / gb2021",
                    field="、".join(wrong),
                )
            )
    return out


def check_sections(report: Report) -> list[Finding]:
    out: list[Finding] = []
    present = (
        bool(report.overview),
        report.active_disclosure is not None,
        report.applications is not None,
        report.review_litigation is not None,
        bool(report.problems),
        bool(report.other_matters),
    )
    for index, ok in enumerate(present, start=1):
        if not ok:
            title = section_title(index)
            out.append(error("SECTION-MISSING", f"缺少“{title}”部分（或内容为空）", section=title))
    tables = (
        (2, "表二", report.active_disclosure),
        (3, "表三", report.applications),
        (4, "表四", report.review_litigation),
    )
    for index, name, part in tables:
        if part is not None and part.table is None:
            title = section_title(index)
            out.append(error("TABLE-MISSING", f"“{title}”部分缺少{name}", section=title, table=name))
    return out


def check_table_formats(report: Report) -> list[Finding]:
    out: list[Finding] = []
    edition = report.edition
    t2 = report.active_disclosure.table if report.active_disclosure else None
    if (isinstance(t2, Table2_2019) and edition is Edition.GB2021) or (
        isinstance(t2, Table2_2021) and edition is Edition.GB2019
    ):
        used = Edition.GB2019 if isinstance(t2, Table2_2019) else Edition.GB2021
        out.append(
            error(
                "TABLE-EDITION",
                f"表二使用了“{used.label}”的格式，但本报告为“{edition.label}”，"
                "请按本版本的表二填写（或改正 版本 / 年度）",
                section=section_title(2),
                table="表二",
            )
        )
    t3 = report.applications.table if report.applications else None
    if t3 is not None and edition is Edition.GB2021 and not t3.has_other_subrows:
        out.append(
            error(
                "T3-OLD-FORMAT",
                f"{report.year} 年度报告应使用国办公开办函〔2021〕30号格式：表三“（六）其他处理”须分为"
                "“1.申请人无正当理由逾期不补正……”“2.申请人逾期未按收费通知要求缴纳费用……”“3.其他”三项，"
                "而本报告只填了一行（2019年试行格式）",
                section=section_title(3),
                table="表三",
                row="（六）其他处理",
            )
        )
    if t3 is not None and edition is Edition.GB2019 and t3.has_other_subrows:
        out.append(
            error(
                "TABLE-EDITION",
                f"表三“（六）其他处理”分为三项是国办公开办函〔2021〕30号的格式，但 {report.year} 年度报告"
                "适用国办公开办函〔2019〕60号（试行），“（六）其他处理”只有一行",
                section=section_title(3),
                table="表三",
                row="（六）其他处理",
            )
        )
    return out


def check_other_share(report: Report) -> list[Finding]:
    t3 = report.applications.table if report.applications else None
    if t3 is None or t3.total[6] is None:
        return []
    other, total = t3.other_total(), t3.total[6]
    if total > 0 and other >= OTHER_SHARE_MIN and other / total > OTHER_SHARE_LIMIT:
        return [
            warning(
                "OTHER-SHARE",
                f"表三“（六）其他处理”为 {other} 件，占（七）总计 {total} 件的 {other / total:.0%}，"
                f"超过 {OTHER_SHARE_LIMIT:.0%}；原则上所有申请都应按法定方式处理，请核实",
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
    level = f"{report.level.value}机关" if report.level else "本报告"
    return [
        warning(
            "DEADLINE",
            f"发布日期为 {zh_date(report.published)}，晚于{level}的发布期限 {zh_date(last)}"
            f"（{basis}），逾期 {late} 天",
            field="published",
        )
    ]
