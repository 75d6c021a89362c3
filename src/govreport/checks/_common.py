"""Helpers shared by the checks: text extraction, number and date formatting, locations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from govreport.model.blocks import Block, Insert, Subsection
from govreport.model.report import Report
from govreport.model.tables import section_title


def zh_date(day: dt.date) -> str:
    """2017年1月20日 (no leading zeros)."""
    return f"{day.year}年{day.month}月{day.day}日"


def num(v: int | Decimal) -> str:
    """A number as printed in a message: plain, decimals as typed."""
    return format(v, "f") if isinstance(v, Decimal) else str(v)


@dataclass(frozen=True, slots=True)
class Text:
    """One paragraph (or sub-heading) of narrative, with the section it belongs to."""

    section: str
    text: str


def _walk(blocks: list[Block], section: str) -> Iterator[Text]:
    for block in blocks:
        if isinstance(block, str):
            yield Text(section, block)
        elif isinstance(block, Subsection):
            yield Text(section, block.heading)
            yield from _walk(block.content, section)
        elif isinstance(block, Insert):
            continue


def narrative(report: Report, *, preamble: bool = True) -> list[Text]:
    """Every paragraph of the report's own text, in reading order."""
    out: list[Text] = []
    if preamble:
        out.extend(Text("开头", p) for p in report.preamble)
    for section in report.sections:
        out.extend(_walk(section.content, section.heading))
    parts: list[tuple[int, list[Block] | None]] = [
        (1, report.overview),
        (2, report.active_disclosure.content if report.active_disclosure else None),
        (3, report.applications.content if report.applications else None),
        (4, report.review_litigation.content if report.review_litigation else None),
        (5, report.problems),
        (6, report.other_matters),
    ]
    for index, blocks in parts:
        if blocks:
            out.extend(_walk(blocks, section_title(index)))
    return out


def char_count(blocks: list[Block]) -> int:
    """字数 of a block list: every character except whitespace (headings included)."""
    return sum(len("".join(t.text.split())) for t in _walk(blocks, ""))
