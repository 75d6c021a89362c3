"""Helpers shared by the checks: text extraction, number and date formatting, locations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from govreport.i18n import format_date, format_number
from govreport.model.blocks import Block, Insert, Subsection
from govreport.model.report import Report


def zh_date(day: dt.date) -> str:
    """A date in a message: 2017年1月20日 (no leading zeros); January 20, 2017 in English."""
    return format_date(day)


def num(v: int | Decimal) -> str:
    """A number as printed in a message: decimals as typed (Chinese: no grouping)."""
    return format_number(v)


@dataclass(frozen=True, slots=True)
class Text:
    """One paragraph (or sub-heading) of narrative, with the section it belongs to."""

    section: str
    text: str
    #: The sub-heading the paragraph stands under ("" at the top of its section).
    heading: str = ""


def _walk(blocks: list[Block], section: str, heading: str = "") -> Iterator[Text]:
    for block in blocks:
        if isinstance(block, str):
            yield Text(section, block, heading)
        elif isinstance(block, Subsection):
            yield Text(section, block.heading, heading)
            yield from _walk(block.content, section, block.heading)
        elif isinstance(block, Insert):
            continue


def narrative(report: Report, *, preamble: bool = True, resolve: bool = True) -> list[Text]:
    """Every paragraph of the report's own text, in reading order, as printed: with ``resolve`` the
    table references (``{表三.本年新收.总计}``, :mod:`govreport.model.refs`) are replaced by their numbers."""
    out: list[Text] = []
    if preamble:
        out.extend(Text("开头", p) for p in report.preamble)
    for section in report.sections:
        out.extend(_walk(section.content, section.heading))
    for part in report.parts():
        if part.content:
            out.extend(_walk(list(part.content), part.title))
    if resolve:
        from dataclasses import replace

        from govreport.model.refs import resolve_text

        out = [replace(t, text=resolve_text(t.text, report)) if "{" in t.text else t for t in out]
    return out


def char_count(blocks: list[Block]) -> int:
    """字数 of a block list: every character except whitespace (headings included)."""
    return sum(len("".join(t.text.split())) for t in _walk(blocks, ""))
