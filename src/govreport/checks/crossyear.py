"""This year's report against last year's: the carried-over applications and repeated text."""

from __future__ import annotations

import re

from govreport.checks._common import narrative
from govreport.checks.finding import Finding, warning
from govreport.i18n import _, format_percent
from govreport.model.report import Report
from govreport.model.tables import T3_CARRIED_FORWARD, T3_CARRIED_OVER, T3_COLUMNS, section_title, value

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
    return [*check_carryover(report, previous), *check_repeated_text(report, previous)]


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
