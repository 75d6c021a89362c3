"""This year's report against last year's: the carried-over applications, 表二's documents in force, and
repeated text."""

from __future__ import annotations

import re

from govreport.checks._common import narrative
from govreport.checks.finding import Finding, warning
from govreport.i18n import _, format_percent
from govreport.model.report import Report
from govreport.model.tables import (
    T2_2021_BLOCKS,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_COLUMNS,
    Table2_2021,
    section_title,
    value,
)

REPEAT_LIMIT = 0.5
"""More than this share of sentences identical to last year's (years replaced) is flagged
(宿迁 assessment rule: 与上年度重复率 > 50 %)."""
MIN_SENTENCE = 8
"""Sentences shorter than this (in characters) are not compared."""

_SPLIT = re.compile(r"[。！？；\n]")
_YEAR = re.compile(r"\d{4}年")
_SPACE = re.compile(r"\s+")


def check_crossyear(report: Report, previous: Report | None) -> list[Finding]:
    if previous is None:
        return []
    return [*check_previous_is_last_year(report, previous), *check_carryover(report, previous),
            *check_t2_continuity(report, previous), *check_repeated_text(report, previous)]


def check_previous_is_last_year(report: Report, previous: Report) -> list[Finding]:
    """The report given as last year's should be the same body's report for the year before."""
    if previous.body == report.body and previous.year == report.year - 1:
        return []
    return [
        warning(
            "PREVIOUS-MISMATCH",
            _("作为上一年度报告的是「{body}」{year} 年度的报告，而本报告是「{this_body}」{this_year} 年度的："
              "跨年度核对的结果不可靠").format(body=previous.body, year=previous.year, this_body=report.body,
                                              this_year=report.year),
            field="previous",
        )
    ]


def check_t2_continuity(report: Report, previous: Report) -> list[Finding]:
    """表二 第二十条第（一）项: last year's 现行有效件数 + this year's 本年制发件数 − 本年废止件数 should
    be this year's 现行有效件数, for 规章 and 行政规范性文件 (〔2021〕30号 form in both years)."""
    t2 = report.active_disclosure.table if report.active_disclosure else None
    p2 = previous.active_disclosure.table if previous.active_disclosure else None
    if not isinstance(t2, Table2_2021) or not isinstance(p2, Table2_2021):
        return []
    out: list[Finding] = []
    block = T2_2021_BLOCKS[0]
    for spec in block.rows:
        made, repealed, valid = (int(value(c)) for c in getattr(t2, spec.key))
        before = int(value(getattr(p2, spec.key)[2]))
        if before + made - repealed != valid:
            out.append(
                warning(
                    "T2-CONTINUITY",
                    _(
                        "表二「{row}」：{year} 年度现行有效 {before} 件 + 本年制发 {made} 件 − 本年废止 {repealed} 件"
                        " = {expected} 件，但本年现行有效件数为 {valid} 件"
                    ).format(row=spec.label, year=previous.year, before=before, made=made, repealed=repealed,
                             expected=before + made - repealed, valid=valid),
                    section=section_title(2),
                    table="表二",
                    row=spec.label,
                    column=block.columns[2],
                )
            )
    return out


def check_carryover(report: Report, previous: Report) -> list[Finding]:
    t3 = report.table3
    p3 = previous.applications.table if previous.applications else None
    if t3 is None or p3 is None:
        return []
    out: list[Finding] = []
    for c, column in enumerate(T3_COLUMNS):
        now, then = int(value(t3.carried_over[c])), int(value(p3.carried_forward[c]))
        if now != then:
            out.append(
                warning(
                    "CARRYOVER-MISMATCH",
                    _(
                        "表三「{column}」列：{carried_over}为 {now}，但 {year} 年度报告的「{carried_forward}」为 {then}"
                    ).format(
                        column=column, carried_over=T3_CARRIED_OVER.label, now=now, year=previous.year,
                        carried_forward=T3_CARRIED_FORWARD.label, then=then,
                    ),
                    section=section_title(3),
                    table="表三",
                    row=T3_CARRIED_OVER.label,
                    column=column,
                )
            )
    return out


def sentences(report: Report) -> list[str]:
    """The report's sentences (preamble excluded), whitespace removed and every "YYYY年" replaced."""
    out: list[str] = []
    for text in narrative(report, preamble=False):
        for raw in _SPLIT.split(text.text):
            sentence = _YEAR.sub("#年", _SPACE.sub("", raw))
            if len(sentence) >= MIN_SENTENCE:
                out.append(sentence)
    return out


def check_repeated_text(report: Report, previous: Report) -> list[Finding]:
    now, then = sentences(report), set(sentences(previous))
    if not now:
        return []
    same = sum(1 for s in now if s in then)
    share = same / len(now)
    if share <= REPEAT_LIMIT:
        return []
    return [
        warning(
            "REPEATED-TEXT",
            _(
                "本报告 {sentences} 句中有 {same} 句（{share}）与 {year} 年度报告相同"
                "（年份替换后比较），超过 {limit}；年度报告不得年年雷同"
            ).format(sentences=len(now), same=same, share=format_percent(share), year=previous.year,
                     limit=format_percent(REPEAT_LIMIT)),
        )
    ]
