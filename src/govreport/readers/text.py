"""Plain text: a report copied from a PDF (``pdftotext -layout`` style) or from a web page.

Lines become blocks for :func:`govreport.readers._statutory.assemble`:

- page furniture goes: page numbers (“-1-”, “— 2 —”, “第 3 页 共 6 页”, “3/6”) and a running header
  repeated at the top of several pages;
- wrapped text (a PDF's lines, most of them ending without punctuation) is joined into paragraphs:
  a paragraph starts where a line is indented (the 2-字 first-line indent) or is a heading, so a
  paragraph split by a page break is joined again; text copied from a web page keeps one paragraph
  per line;
- inside 二、三、四、 every line that is not a sentence is a table row: its label, then its numbers
  (separated by spaces or tabs, or run together).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import ClassVar

from govreport.model.tables import T2_2019_BLOCKS, T2_2021_BLOCKS, T3_NOTE, T3_OTHER_2021, T4_GROUPS
from govreport.readers._labels import is_value, norm
from govreport.readers._statutory import T3_SLOTS, Block, Grid, Para, assemble, section_number, split_section
from govreport.readers.base import ReadResult
from govreport.readers.decode import check_controls
from govreport.text.zh import is_wide

__all__ = ["TextReader", "is_table_line", "text_blocks"]

_LABELS = tuple(
    norm(label)
    for label in (
        *(s.label for s in T3_SLOTS),
        *(r.label for b in (*T2_2021_BLOCKS, *T2_2019_BLOCKS) for r in b.rows),
        *(g.label for g in T4_GROUPS),
        T3_NOTE,
        *(s.label for s in T3_OTHER_2021),
    )
    if len(norm(label)) >= 4
)
_DASHED_PAGE = re.compile(
    r"^\s*(?:[-—–－‒]+\s*\d{1,3}\s*[-—–－‒]+|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_END_PUNCT = tuple("。！？；：”’）」』…")
_SENTENCE = re.compile(r"[。，；]")
_SUB_START = re.compile(r"^\s*[（(][一二三四五六七八九十]{1,3}[)）]")


def _indent(line: str) -> int:
    n = 0
    for ch in line:
        if ch == " ":
            n += 1
        elif ch == "\u3000":
            n += 2
        elif ch == "\t":
            n += 4
        else:
            break
    return n


def _lines(text: str) -> list[str]:
    """The lines without page numbers and running headers (a line repeated at the top of pages)."""
    pages: list[list[str]] = [[]]
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        parts = raw.split("\f")
        for k, part in enumerate(parts):
            if k:
                pages.append([])
            if _DASHED_PAGE.match(part):
                pages[-1].append(part)
                pages.append([])
                continue
            pages[-1].append(part.rstrip(" \r\u3000"))
    firsts = Counter(next((ln.strip() for ln in p if ln.strip()), "") for p in pages[1:])
    headers = {t for t, c in firsts.items() if c >= 2 and t and section_number(t) is None and len(t) <= 40}
    out: list[str] = []
    for page in pages:
        first = True
        for ln in page:
            if not ln.strip():
                out.append("")
                continue
            if _DASHED_PAGE.match(ln):
                continue
            if first and ln.strip() in headers:
                first = False
                continue
            first = False
            out.append(ln)
    return out


def is_table_line(line: str) -> bool:
    """A line of a table (a label, numbers, column headings), as opposed to a sentence."""
    s = line.strip()
    if re.search(r"\S\s{2,}\S|\t|\S\s*\|\s*\S", s):
        return True
    last = s.split()[-1] if s.split() else ""
    if is_value(last) or re.search(r"\D\d+$", s) or _official_label(s):
        return True
    return not (len(s) >= 24 and _SENTENCE.search(s)) or "勾稽" in s


def _official_label(line: str) -> bool:
    """True when the line is (the start of) an official table label."""
    text = norm(line)
    return len(text) >= 4 and any(label.startswith(text) or text.startswith(label) for label in _LABELS)


def _width(line: str) -> int:
    return sum(2 if is_wide(c) else 1 for c in line.strip())


def _wrapped(lines: list[str]) -> int:
    """The line width (display columns) of text wrapped into lines (a PDF's: most of its longer
    lines stop without punctuation, being full), else 0: text copied from a web page has a paragraph
    per line."""
    long = [
        ln.strip()
        for ln in lines
        if len(ln.strip()) >= 15
        and "\t" not in ln
        and not re.search(r"\S\s{2,}\S", ln.strip())
        and section_number(ln.strip()) is None
    ]
    if len(long) < 5:
        return 0
    widths = [_width(ln) for ln in long]
    width = sorted(widths)[int(0.9 * (len(widths) - 1))]
    # a wrapped line stops without punctuation because it is full
    full_open = sum(1 for ln, w in zip(long, widths, strict=True) if w >= 0.85 * width and not ln.endswith(_END_PUNCT))
    return width if full_open >= 0.3 * len(long) and width <= 120 else 0


def text_blocks(text: str) -> list[Block]:
    """The blocks (paragraphs, loose tables) of a report's plain text."""
    lines = _lines(text)
    wrapped = _wrapped(lines)
    # the parts numbered （一）…（六） only when no line is numbered 一、…
    parens = not any(section_number(ln.strip()) for ln in lines)
    blocks: list[Block] = []
    para: list[str] | None = None
    table: list[list[str]] | None = None
    section = 0

    def flush() -> None:
        nonlocal para, table
        if para:
            blocks.append(Para(_join_lines(para)))
        if table:
            blocks.append(Grid(table, loose=True))
        para = table = None

    for line in lines:
        if not line.strip():
            if not wrapped:
                if para:
                    blocks.append(Para(_join_lines(para)))
                para = None
            continue
        s = line.strip()
        found = split_section(s, parens)
        n = found[0] if found else None
        if n is not None and n > section:
            flush()
            section = n
            blocks.append(Para(s))
            continue
        if (
            section in (2, 3, 4)
            and (table is not None or para is None or not wrapped or _indent(line) >= 2)
            and is_table_line(line)
        ):
            if para:
                blocks.append(Para(_join_lines(para)))
                para = None
            if table is None:
                table = []
            table.append([line])
            continue
        if table is not None:
            blocks.append(Grid(table, loose=True))
            table = None
        starts = (
            not wrapped
            or para is None
            or _indent(line) >= 2
            or _width(para[-1]) < 0.6 * wrapped  # the line before ended short: its paragraph ended
            or bool(_SUB_START.match(s))
            or (section_number(s) is not None)
        )
        if starts:
            if para:
                blocks.append(Para(_join_lines(para)))
            para = [s]
        else:
            assert para is not None
            para.append(s)
    flush()
    return blocks


def _join_lines(lines: list[str]) -> str:
    out = lines[0]
    for ln in lines[1:]:
        if out and ln and out[-1].isascii() and out[-1].isalnum() and ln[0].isascii() and ln[0].isalnum():
            out += " " + ln
        else:
            out += ln
    return out


class TextReader:
    """Plain text (``.txt``): copied from a PDF or a web page."""

    name: ClassVar[str] = "text"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text")
    binary: ClassVar[bool] = False

    def sniff(self, head: bytes) -> bool:
        keys = "|".join(("edition", "body", "year", "版本", "发布机关", "年度")).encode()
        if re.search(rb"^\s*(?:" + keys + rb")\s*:", head, re.M) or head.lstrip().startswith((b"{", b"[")):
            return False
        return "年度报告".encode() in head

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        assert isinstance(source, str)
        text = source.replace("\x0c", "\f")
        check_controls(text.replace("\f", "\n").replace("\t", " "), name)
        return assemble(text_blocks(text), name)
