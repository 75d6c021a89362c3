"""The text against the tables and the calendar: numbers quoted in the narrative, the 统计期限
sentence, suspicious years, the length of 总体情况 and the 信息处理费 statement."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from govreport.checks._common import Text, char_count, narrative
from govreport.checks.finding import Finding, error, warning
from govreport.i18n import _
from govreport.model.editions import Edition
from govreport.model.report import Report
from govreport.model.tables import (
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_LEAVES_FIXED,
    T3_NEW,
    T3_OTHER_2021,
    T3_TOTAL,
    T4_COLUMNS,
    Table3,
    Table4,
    section_title,
    value,
)
from govreport.text.zh import ZH_NUMERAL_CHARS, parse_zh_number

OVERVIEW_LIMIT = 1000
"""〔2021〕30号: 总体情况 “篇幅原则上不超过一千字”."""

FEE_WORD = "信息处理费"

# --- numbers quoted in the text --------------------------------------------------------------

_APP = r"(?:政府信息公开|信息公开|依申请公开)?(?:的)?申请"
_SUM = r"(?:的)?(?:共|共计|合计|总计|总数|总量)?(?:为|是|达|达到)?"
#: A number as the narrative writes it: Arabic digits or a Chinese numeral (十七, 二百五十八).
NUMBER = rf"(\d+|[{ZH_NUMERAL_CHARS}]+)"
_PLAIN_CONTEXT = re.compile(r"依申请公开|公开申请")
"""A paragraph about applications: there "收到申请N件" needs no "政府信息公开" before 申请."""

Getter = Callable[[Table3], int]


def _t3(*rows: str) -> Getter:
    """The 总计 column of 表三's ``rows`` (field names; a group such as ``withheld`` sums its rows)."""

    def get(t3: Table3) -> int:
        total = 0
        for row in rows:
            specs = [s for s in (*T3_LEAVES_FIXED, *T3_OTHER_2021) if s.parent == row]
            if row == "other":
                total += t3.other_total()
            elif specs:
                total += sum(int(value(t3.cells(s)[6])) for s in specs)
            else:
                total += int(value(getattr(t3, row)[6]))
        return total

    return get


@dataclass(frozen=True, slots=True)
class Wording:
    """One way real reports quote a number of 表三, and the cell it must equal.

    ``pattern`` is a regular expression with ``{N}`` where the number stands (``{APP}``: 申请 with
    its usual qualifiers, ``{SUM}``: 共/共计/合计/为 …); ``row`` is the row
    named in the finding; ``context`` says the wording only counts in a paragraph about applications
    (it holds 依申请公开 or 公开申请, or stands under such a heading or in part 三) unless it says
    公开 itself. The wordings are tried in order and a later one never reads the words of an earlier
    match, so the longer wordings come first.
    """

    pattern: str
    row: str
    get: Getter
    context: bool = True
    example: str = ""


_NEW, _DONE = T3_NEW.label, T3_TOTAL.label

WORDINGS: tuple[Wording, ...] = (
    # 上年结转 / 结转下年度 before 收到/办结: "结转下年度继续办理的申请3件"
    Wording(r"(?:上一?年度?|去年)结转(?:的)?(?:{APP})?{SUM}{N}件", T3_CARRIED_OVER.label, _t3("carried_over"),
            example="上年结转申请2件"),
    Wording(r"{N}件(?:申请)?(?:结转|顺延|转)(?:到|至|入)?(?:下一?年度?|\d{4}年度?)", T3_CARRIED_FORWARD.label,
            _t3("carried_forward"), example="3件结转下年度办理"),
    Wording(r"结转(?:到|至)?下一?年度(?:继续办理|办理|答复)?(?:的)?(?:申请)?{SUM}{N}件", T3_CARRIED_FORWARD.label,
            _t3("carried_forward"), example="结转下年度继续办理的申请3件"),
    # 本年新收
    Wording(r"(?:收到|新收|受理|接收)(?:了)?(?:各类|群众|公众)?{APP}{SUM}{N}件", _NEW, _t3("new"),
            example="收到政府信息公开申请17件"),
    Wording(r"(?:公民、法人(?:和|或|及)其他组织|申请人)(?:共)?(?:提出|提交|申请)(?:了)?(?:的)?{APP}{SUM}{N}件",
            _NEW, _t3("new"), context=False, example="公民、法人和其他组织提出的政府信息公开申请17件"),
    # 办结 / 答复 → （七）总计
    Wording(r"(?<!按时)(?<!延期)(?:办结|答复)(?:了)?(?:{APP})?{SUM}{N}件", _DONE, _t3("total"),
            example="办结政府信息公开申请17件"),
    # the summary sentences of 三、本年度办理结果
    Wording(r"予以公开(?:及|和|与|、|或)部分公开{SUM}{N}件", "（一）予以公开＋（二）部分公开",
            _t3("disclosed", "partly_disclosed"), example="予以公开及部分公开258件"),
    Wording(r"(?<!不)予以公开{SUM}{N}件", "（一）予以公开", _t3("disclosed"), example="予以公开120件"),
    Wording(r"(?<!及)(?<!和)(?<!与)(?<!、)(?<!或)部分公开{SUM}{N}件", "（二）部分公开", _t3("partly_disclosed"),
            example="部分公开30件"),
    Wording(r"不予公开{SUM}{N}件", "（三）不予公开", _t3("withheld"), example="不予公开12件"),
    Wording(r"无法提供{SUM}{N}件", "（四）无法提供", _t3("unable"), example="无法提供265件"),
    Wording(r"不予处理{SUM}{N}件", "（五）不予处理", _t3("not_processed"), example="不予处理158件"),
    Wording(r"其他处理{SUM}{N}件", "（六）其他处理", _t3("other"), example="其他处理6件"),
    # the plainest wordings last (their words may be part of a longer wording above)
    Wording(r"{APP}(?:数量|量|数|总数|总量){SUM}{N}件", _NEW, _t3("new"), example="申请量为17件"),
    Wording(r"{APP}(?:共计|合计|总计|共){N}件", _NEW, _t3("new"), example="申请共计17件"),
)
"""Every wording of the narrative check, in the order they are tried (docs/checks.md lists them)."""

_COMPILED = tuple(
    (re.compile(w.pattern.replace("{APP}", _APP).replace("{SUM}", _SUM).replace("{N}", NUMBER)), w) for w in WORDINGS
)

_CASES = (
    ("行政复议", ("review",)),
    ("行政诉讼", ("direct", "after_review")),
)
_SEGMENT_END = re.compile(r"[；。]")


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else parse_zh_number(text)


def _t4(groups: tuple[str, ...], column: int) -> Callable[[Table4], int]:
    def get(t4: Table4) -> int:
        return sum(int(value(getattr(t4, g)[column])) for g in groups)

    return get


def _mismatch(text: Text, quoted: str, actual: int, table: str, row: str, column: str) -> Finding:
    if column:
        where = _("{table}「{row}」「{column}」").format(table=_(table), row=row, column=column)
    else:
        where = _("{table}「{row}」").format(table=_(table), row=row)
    return warning(
        "NARRATIVE-MISMATCH",
        _("“{section}”中写“{quoted}”，但{where}为 {actual}").format(
            section=text.section, quoted=quoted, where=where, actual=actual
        ),
        section=text.section,
        table=table,
        row=row,
        column=column,
    )


def _about_applications(text: Text) -> bool:
    return bool(_PLAIN_CONTEXT.search(text.text) or _PLAIN_CONTEXT.search(text.heading)
                or "依申请公开" in text.section or text.section == section_title(3))


def quoted_numbers(text: str, about_applications: bool = True) -> list[tuple[re.Match[str], Wording, int]]:
    """The numbers of 表三 quoted in ``text``: (the match, its wording, the number) per quote."""
    taken: list[tuple[int, int]] = []
    out: list[tuple[re.Match[str], Wording, int]] = []
    for pattern, wording in _COMPILED:
        for m in pattern.finditer(text):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append((m.start(), m.end()))
            if wording.context and not about_applications and "公开" not in m.group(0):
                continue
            number = _number(m.group(1))
            if number is not None:
                out.append((m, wording, number))
    return sorted(out, key=lambda item: item[0].start())


def check_quoted_numbers(report: Report) -> list[Finding]:
    """Numbers of applications and cases quoted in the text against 表三 and 表四."""
    t3 = report.table3
    t4 = report.table4
    if t3 is None and t4 is None:
        return []
    out: list[Finding] = []
    for text in narrative(report, preamble=False):
        if t3 is not None:
            for m, wording, number in quoted_numbers(text.text, _about_applications(text)):
                actual = wording.get(t3)
                if number != actual:
                    out.append(_mismatch(text, m.group(0), actual, "表三", wording.row, "总计"))
        if t4 is not None:
            out += _quoted_cases(text, t4)
    return out


def _quoted_cases(text: Text, t4: Table4) -> list[Finding]:
    out: list[Finding] = []
    for name, groups in _CASES:
        pattern = re.compile(rf"信息公开[^。；，]{{0,12}}?{name}(?:案件)?(?:共|合计)?(\d+)件")
        for m in pattern.finditer(text.text):
            row = "行政诉讼（合计）" if len(groups) > 1 else name
            total = _t4(groups, 4)(t4)
            if int(m.group(1)) != total:
                out.append(_mismatch(text, m.group(0), total, "表四", row, "总计"))
            end = _SEGMENT_END.search(text.text, m.end())
            segment = text.text[m.end() : end.start() if end else len(text.text)]
            for c, column in enumerate(T4_COLUMNS[:4]):
                sub = re.search(rf"{column}(\d+)件", segment)
                if sub:
                    actual = _t4(groups, c)(t4)
                    if int(sub.group(1)) != actual:
                        out.append(
                            _mismatch(text, f"{m.group(0)}……{sub.group(0)}", actual, "表四", row, column)
                        )
    return out


# --- years -------------------------------------------------------------------------------------

_PERIOD = re.compile(r"(\d{4})年1月1日(?:起)?(?:至|到|—|－|-|~|～)(\d{4})年12月31日")
_SUBJECT = r"(?:我们|我[省市区县局委办厅街镇乡]|本(?:机关|单位|局|委|办|厅|街道|镇|乡)|全[省市区县])"
_PLAN = re.compile(
    rf"(\d{{4}})年(?:，|,)?(?:{_SUBJECT}(?:将|要|计划|拟|力争)|(?:将|计划|拟|力争)(?:继续|进一步|着力|重点|持续|不断|全面|深入|切实|加强|加大|围绕|以|从))"
)
_SENTENCE_START_YEAR = re.compile(r"(?:^|[。！？])(\d{4})年，")
_ANY_YEAR = re.compile(r"(?<![\d〔\[（(])(\d{4})年(?!远景|愿景)")


def check_years(report: Report) -> list[Finding]:
    out: list[Finding] = []
    year = report.year
    for text in narrative(report):
        for m in _PERIOD.finditer(text.text):
            start, end = int(m.group(1)), int(m.group(2))
            if start != year or end != year:
                out.append(
                    warning(
                        "PERIOD-YEAR",
                        _(
                            "“{section}”中写“{quoted}”，但本报告为 {year} 年度报告，"
                            "统计期限应为 {year}年1月1日至{year}年12月31日"
                        ).format(section=text.section, quoted=m.group(0), year=year),
                        section=text.section,
                    )
                )
        if text.section == "开头":
            continue
        for m in _PLAN.finditer(text.text):
            if int(m.group(1)) <= year:
                out.append(
                    warning(
                        "YEAR-SUSPECT",
                        _("“{section}”中写“{quoted}”：这是 {year} 年度的报告，今后的打算应写 {next_year} 年").format(
                            section=text.section, quoted=m.group(0), year=year, next_year=year + 1
                        ),
                        section=text.section,
                    )
                )
        for m in _SENTENCE_START_YEAR.finditer(text.text):
            if int(m.group(1)) == year - 1:
                out.append(
                    warning(
                        "YEAR-SUSPECT",
                        _(
                            "“{section}”中有一句以“{quoted_year}年，”开头：这是 {year} 年度的报告，"
                            "是否沿用了上一年度的文字？"
                        ).format(section=text.section, quoted_year=m.group(1), year=year),
                        section=text.section,
                    )
                )
        for m in _ANY_YEAR.finditer(text.text):
            before = text.text[max(0, m.start() - 1) : m.start()]
            if int(m.group(1)) > year + 1 and before not in ("到", "至"):
                out.append(
                    warning(
                        "YEAR-SUSPECT",
                        _("“{section}”中出现“{quoted}”，晚于 {year} 年度报告的发布年份 {next_year} 年").format(
                            section=text.section, quoted=m.group(0), year=year, next_year=year + 1
                        ),
                        section=text.section,
                    )
                )
    return out


# --- length and fees ---------------------------------------------------------------------------


def check_overview_length(report: Report) -> list[Finding]:
    if report.edition is not Edition.GB2021 or not report.overview:
        return []
    count = char_count(report.overview)
    if count <= OVERVIEW_LIMIT:
        return []
    title = section_title(1)
    return [
        warning(
            "OVERVIEW-LENGTH",
            _("“{section}”共 {count} 字，超过 {limit} 字（国办公开办函〔2021〕30号：篇幅原则上不超过一千字）").format(
                section=title, count=count, limit=OVERVIEW_LIMIT
            ),
            section=title,
        )
    ]


def check_fee_reported(report: Report) -> list[Finding]:
    if report.edition is not Edition.GB2021 or not report.other_matters:
        return []
    texts = [t.text for t in narrative(report, preamble=False) if t.section == section_title(6)]
    if any(FEE_WORD in t for t in texts):
        return []
    title = section_title(6)
    extra = ""
    t3 = report.table3
    if t3 is not None and t3.has_other_subrows:
        unpaid = int(value(t3.cells(T3_OTHER_2021[1])[6]))
        if unpaid:
            extra = _("；表三中有 {count} 件申请因逾期未缴纳信息处理费而不再处理").format(count=unpaid)
    return [
        warning(
            "FEE-NOT-REPORTED",
            _(
                "“{section}”未提及信息处理费：国办公开办函〔2021〕30号要求在此报告收取信息处理费的情况"
                "（未收取也应写明，如“全年未收取信息处理费”）{extra}"
            ).format(section=title, extra=extra),
            section=title,
        )
    ]


def check_references(report: Report) -> list[Finding]:
    """Table references in the text (``{表三.本年新收.总计}``) that name no cell."""
    from govreport.model.refs import reference_problems

    out: list[Finding] = []
    for text in narrative(report, resolve=False):
        for ref, why in reference_problems(text.text, report):
            out.append(error(
                "NARRATIVE-REF",
                _("“{section}”中的引用「{ref}」无法识别：{why}（写法如 {{表三.本年新收.总计}}）").format(
                    section=text.section, ref=ref, why=why),
                section=text.section,
            ))
    return out


def check_narrative(report: Report) -> list[Finding]:
    return [
        *check_references(report),
        *check_overview_length(report),
        *check_fee_reported(report),
        *check_quoted_numbers(report),
        *check_years(report),
    ]
