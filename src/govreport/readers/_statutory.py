"""Paragraphs and grids of cells → the data of a report file: what every document reader shares.

A document reader (text, DOCX, PDF, HTML) turns its document into a list of blocks — :class:`Para`
(one paragraph of text) and :class:`Grid` (a table: rows of cells, merged cells resolved, a
vertically merged cell's text repeated in every row it spans) — and :func:`assemble` does the rest:

- the title gives the body and the year (a portal's navigation before the title is dropped);
- the six statutory sections are found by their ordinal and the keywords of their headings, so the
  wording variants real reports use (“二、主动公开政府信息的情况”, “四、因政府信息公开申请行政复议、
  行政诉讼的情况”) are recognised; （一）… sub-headings become sub-sections, run-in ones included;
- 表二 / 表三 / 表四 are read by their row labels (:mod:`._labels`): each data row is matched to the
  official row it resembles most, in the template's order, so a row label broken across lines, a
  typo or a missing row does not shift the numbers; a row whose digits ran together is split only
  when its own sums make the split unique;
- the edition follows from the tables (five sub-tables of 表二 and （六）其他处理 as one row →
  〔2019〕60号); a report with none of the tables and before 2019 is a free-form (legacy) report.

A :class:`Grid` with ``loose=True`` (plain text) may carry a label's pieces on rows of their own; the
pieces between two data rows count for both.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from govreport.errors import InputError, Problem
from govreport.i18n import _
from govreport.model.editions import Edition, edition_for_year
from govreport.model.report import ReadNote, level_from_name
from govreport.model.tables import (
    T2_2019_BLOCKS,
    T2_2021_BLOCKS,
    T3_APPLICANTS,
    T3_CARRIED_FORWARD,
    T3_CARRIED_OVER,
    T3_COLUMNS,
    T3_LEAVES_FIXED,
    T3_LEGAL_PERSONS,
    T3_NEW,
    T3_NOTE,
    T3_OTHER_2021,
    T3_OTHER_SINGLE,
    T3_RESULTS,
    T3_TOTAL,
    T4_COLUMNS,
    T4_GROUPS,
    T4_LITIGATION,
    section_title,
)
from govreport.readers._labels import containment, is_value, norm, parse_value
from govreport.readers.base import ReadResult
from govreport.text.normalize import normalize_text

__all__ = ["Grid", "Para", "assemble", "section_number"]


@dataclass
class Para:
    """One paragraph of a document."""

    text: str


@dataclass
class Grid:
    """A table: rows of cell texts. ``loose``: plain text, where a label may be split over rows."""

    rows: list[list[str]]
    loose: bool = False


Block = Para | Grid

# --------------------------------------------------------------------------------------------
# Sections
# --------------------------------------------------------------------------------------------

_CN = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}
_HEADING = re.compile(r"^\s*([一二三四五六七八九十]{1,3})\s*[、.．,，]\s*(\S.*)$")
#: “第一部分 总体情况”, “第二部分：主动公开……”, and “一 总体情况” (a space for the 、)
_HEADING_LOOSE = re.compile(r"^\s*(?:第\s*([一二三四五六])\s*部分\s*[、.．,，：:]?|([一二三四五六])(?=\s))\s*(\S.*)$")
_SECTION_KEYS: dict[int, tuple[str, ...]] = {
    1: ("总体", "概述", "概况", "基本情况", "总述"),
    2: ("主动公开",),
    3: ("申请",),
    4: ("复议", "诉讼"),
    5: ("问题", "改进", "不足"),
    6: ("其他需", "其他应", "其他事项", "其他有关", "需要报告", "其他情况"),
}
#: The ``sections`` keys of the data for 一、 and 五、六、 (free text) and 二、三、四、 (tables).
_TEXT_KEYS = {1: "overview", 5: "problems", 6: "other_matters"}
_TABLE_KEYS = {2: ("active_disclosure", "表二"), 3: ("applications", "表三"), 4: ("review_litigation", "表四")}


def _cn_number(text: str) -> int | None:
    """一 … 九十九 as a number."""
    if text in _CN:
        return _CN[text]
    tens, sep, ones = text.partition("十")
    if not sep or (tens and tens not in _CN) or (ones and ones not in _CN) or _CN.get(tens, 1) == 10:
        return None
    return _CN.get(tens, 1) * 10 + (_CN[ones] if ones else 0)


def section_number(text: str) -> int | None:
    """1–6 when ``text`` is the heading of a statutory section (一、总体情况 … 六、其他需要报告的事项,
    or a wording variant with the same ordinal and keywords), else ``None``."""
    m = _HEADING.match(text)
    if m:
        n, rest = _cn_number(m.group(1)), m.group(2).strip()
    elif loose := _HEADING_LOOSE.match(text):
        n, rest = _cn_number(loose.group(1) or loose.group(2)), loose.group(3).strip()
    else:
        return None
    if n is None or n > 6 or len(rest) > 32 or "。" in rest.rstrip("。") or re.search(r"\d\s*$", rest):
        return None
    return n if any(k in rest for k in _SECTION_KEYS[n]) else None


def _canonical_heading(text: str) -> str:
    """“第一部分 总体情况” and “一 总体情况” as “一、总体情况” (before the text is normalised, which
    drops the space between two Chinese characters)."""
    m = _HEADING_LOOSE.match(text)
    if m and section_number(text) is not None:
        return f"{m.group(1) or m.group(2)}、{m.group(3).strip()}"
    return text


_PAREN_HEADING = re.compile(r"^\s*[（(]\s*([一二三四五六])\s*[)）]\s*(\S.*)$")
_RUN_IN_SECTION = re.compile(r"^\s*([一二三四五六])\s*[、.．]\s*([^。：:，]{2,30}?)\s*[。：:]\s*(\S.*)$", re.S)


def split_section(text: str, parens: bool = False) -> tuple[int, str] | None:
    """(section, the text after its heading) when ``text`` is a statutory heading or starts with one
    (“一、总体情况。2024年，……”); with ``parens`` also “（一）总体情况” (some reports number the six
    parts so)."""
    n = section_number(text)
    if n is not None:
        return n, ""
    m = _RUN_IN_SECTION.match(text)
    if m and (k := _cn_number(m.group(1))) and any(w in m.group(2) for w in _SECTION_KEYS[k]):
        return k, m.group(3).strip()
    if parens:
        m = _PAREN_HEADING.match(text)
        if m:
            n = section_number(f"{m.group(1)}、{m.group(2)}")
            if n is not None:
                return n, ""
    return None


def legacy_heading(text: str, expected: int) -> str | None:
    """The heading text when ``text`` is ``{expected}、…`` (a free-form report's section), else None."""
    m = _HEADING.match(text)
    if not m or _cn_number(m.group(1)) != expected:
        return None
    rest = m.group(2).strip()
    if len(rest) > 40 or "。" in rest.rstrip("。") or rest.endswith(("，", "；")):
        return None
    return rest.rstrip("。")


_SUB = re.compile(r"^\s*[（(]\s*([一二三四五六七八九十]{1,3})\s*[)）]\s*(\S.*)$", re.S)
_RUN_IN_END = re.compile(r"[。：:；;！]")


def blocks_of(paragraphs: Sequence[str]) -> list[Any]:
    """Paragraphs → content blocks: （一）… lines become sub-sections (run-in when text follows the
    heading's full stop); the paragraphs after a sub-heading are its content."""
    out: list[Any] = []
    current: dict[str, Any] | None = None
    for text in paragraphs:
        m = _SUB.match(text)
        if m:
            rest = m.group(2).strip()
            end = _RUN_IN_END.search(rest)
            if end and end.end() < len(rest) and end.start() <= 40:
                current = {"heading": rest[: end.end()], "run_in": True, "content": [rest[end.end() :].strip()]}
                out.append(current)
                continue
            if len(rest) <= 40:
                current = {"heading": rest, "content": []}
                out.append(current)
                continue
        if current is not None:
            current["content"].append(text)
        else:
            out.append(text)
    return out


# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Slot:
    """One data row of an official table: where its numbers go, its label, how many numbers."""

    path: tuple[str, ...]
    label: str
    n: int
    sums: tuple[tuple[int, int], ...] = ()
    """Groups ``(start, end)`` of cells whose last equals the sum of the others (total columns)."""


_PARENT = {"withheld": "不予公开", "unable": "无法提供", "not_processed": "不予处理", "other": "其他处理"}
_T3_SUM = ((0, 7),)


def _t3_slots() -> list[Slot]:
    def slot(spec: Any) -> Slot:
        path = (_PARENT[spec.parent], spec.alias) if spec.parent else (spec.alias,)
        return Slot(path, spec.label, 7, _T3_SUM)

    return [
        slot(T3_NEW),
        slot(T3_CARRIED_OVER),
        *(slot(s) for s in T3_LEAVES_FIXED),
        Slot(("其他处理",), T3_OTHER_SINGLE.label, 7, _T3_SUM),
        *(slot(s) for s in T3_OTHER_2021),
        slot(T3_TOTAL),
        slot(T3_CARRIED_FORWARD),
    ]


T3_SLOTS = _t3_slots()
T2_SLOTS = {
    "gb2021": [Slot((r.alias,), r.label, len(b.columns)) for b in T2_2021_BLOCKS for r in b.rows],
    "gb2019": [Slot((r.alias,), r.label, len(b.columns)) for b in T2_2019_BLOCKS for r in b.rows],
}
T4_SLOTS = [Slot((g.alias,), g.label, 5, ((0, 5),)) for g in T4_GROUPS]

#: Labels that head groups of rows or columns: their pieces are not a row's own label.
_GROUP_LABELS = tuple(
    norm(x)
    for x in (
        T3_RESULTS,
        T3_APPLICANTS,
        T3_LEGAL_PERSONS,
        T3_NOTE,
        T4_LITIGATION,
        "（三）不予公开",
        "（四）无法提供",
        "（五）不予处理",
        "（六）其他处理",
        "信息内容",
        *T4_COLUMNS,
        "自然人",
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        "总计",
        "申请人情况",
    )
)
_T2_2019_MARKS = tuple(
    norm(x)
    for x in (
        "其他对外管理服务事项",
        "政府集中采购",
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "采购项目数量",
    )
)
_PIPES = re.compile(r"\S\s*\|\s*\S.*\|")
_VALUE_TAIL = re.compile(r"^(.*?\D)?((?:[+\-－]?\d[\d,，]*(?:\.\d+)?)|[/／\-－—]+)$")
_AMOUNT_UNIT = re.compile(r"^(.*?\d)\s*(万元|元|件|个|次|条|项)$")


@dataclass
class _Row:
    own: str
    window: str
    values: list[str]
    where: str
    ends: list[int] | None = None
    raw: str = ""
    tail: str = ""
    grouped: bool = False
    """Every label piece of the row is a piece of a group label (a merged cell beside it)."""
    """The row's own label and the pieces after it (how a label broken in its cell is shown)."""
    """The label pieces around the row with the group labels' pieces kept (a one-字 piece may be either)."""


#: Every character of the tables' column headings, sub-table headings and notes.
_HEADER_CHARS = frozenset(
    "".join(
        norm(x)
        for x in (
            T3_NOTE,
            T3_APPLICANTS,
            T3_LEGAL_PERSONS,
            *T3_COLUMNS,
            T4_LITIGATION,
            "行政复议",
            "未经复议直接起诉",
            "复议后起诉",
            *T4_COLUMNS,
            "信息内容",
            *(b.heading for b in (*T2_2021_BLOCKS, *T2_2019_BLOCKS)),
            *(c for b in (*T2_2021_BLOCKS, *T2_2019_BLOCKS) for c in b.columns),
        )
    )
)
_PUNCT = re.compile(r"[（）()：:，,、．.。;；\s]")


def is_header_text(text: str) -> bool:
    """True when ``text`` is made only of pieces of the tables' headings (a heading cell broken
    over lines or pages, read outside its table): no sentence of its own."""
    bare = _PUNCT.sub("", norm(text))
    return 0 < len(bare) <= 60 and all(c in _HEADER_CHARS for c in bare)


def _is_group_piece(seg: str) -> bool:
    n = norm(seg)
    return bool(n) and any(n in g for g in _GROUP_LABELS)


def _split_line(cells: list[str], loose: bool) -> tuple[list[str], list[str], list[int] | None]:
    """(label pieces, value cells, the column where each value ends) of one row: the values are the
    trailing cells that are numbers or blanks. In loose text (one string per row) cells are
    separated by tabs (a browser's copy: an empty cell is blank) or by spaces (``pdftotext
    -layout``: a blank cell is invisible, so the values' columns are kept), and a row's digits may
    also end its label ("数量640020470")."""
    if loose and "\t" in cells[0]:
        cells, loose = cells[0].split("\t"), False
    elif loose and _PIPES.search(cells[0]):
        # cells separated by "|" (a table copied by some tools, or written as a Markdown table)
        inner = cells[0].strip()
        inner = inner[1:] if inner.startswith("|") else inner
        inner = inner[:-1] if inner.endswith("|") else inner
        cells, loose = inner.split("|"), False
        if all(re.fullmatch(r"\s*:?-{3,}:?\s*", c) for c in cells):
            return [], [], None  # a Markdown table's rule line
    if not loose:
        cells = [re.sub(r"\s+", " ", c).strip() for c in cells]
        k = len(cells)
        while k > 0 and is_value(_unit_free(cells[k - 1])):
            k -= 1
        return [c for c in cells[:k] if c], cells[k:], None
    line = cells[0]
    words = [(m.group(), m.start(), m.end()) for m in re.finditer(r"\S+", line)]
    values_rev: list[tuple[str, int]] = []
    cut = len(line)
    while words:
        w, start, end = words[-1]
        if is_value(_unit_free(w)) and w != "":
            values_rev.append((w, end))
            words.pop()
            cut = start
            continue
        m = _VALUE_TAIL.match(w)
        if m and m.group(1) and not re.search(r"[\d.、．]$", m.group(1)) and re.match(r"\d", m.group(2)):
            values_rev.append((m.group(2), end))
            cut = start + len(m.group(1))
        break
    values = [v for v, _e in values_rev[::-1]]
    ends = [e for _v, e in values_rev[::-1]]
    label_text = line[:cut]
    # a Chinese label has no spaces: any space separates two cells' pieces
    return label_text.split(), values, ends


def _unit_free(cell: str) -> str:
    m = _AMOUNT_UNIT.match(cell.strip())
    return m.group(1) if m else cell


def _rows(grids: list[Grid]) -> list[_Row]:
    """The data rows (those with values) of a table's grids, each with its own label and the label
    pieces around it (loose text)."""
    out: list[_Row] = []
    for g_index, grid in enumerate(grids):
        lines = [(_split_line(r, grid.loose), i) for i, r in enumerate(grid.rows)]
        if grid.loose:
            lines = _merge_cell_lines(lines)
        if not grid.loose:
            for (labels, values, _e), i in lines:
                if (i == 0 and g_index and out and labels and not any(v.strip() for v in values)
                        and not _is_group_piece(labels[-1])):
                    # a row broken by a page break: the new page's table starts with the rest of its label
                    out[-1].own += labels[-1]
                    out[-1].window += labels[-1]
                    continue
                if values and (labels or any(v.strip() for v in values)):
                    own = labels[-1] if labels else ""
                    row = _Row(own, "".join(labels), values, f"{g_index}:{i}",
                               grouped=all(_is_group_piece(p) for p in labels))
                    if out and _page_split(out[-1], row):
                        # a row broken by a page break: its numbers on one page, its label on the other
                        filled = any(v.strip() for v in row.values)
                        labelled, numbers = (out[-1], row) if filled else (row, out[-1])
                        out[-1] = _Row(labelled.own, labelled.window, numbers.values, labelled.where)
                        continue
                    out.append(row)
            continue
        data_at = [
            k for k, ((_labels, values, _e), _i) in enumerate(lines) if values and any(v.strip() for v in values)
        ]
        for pos, k in enumerate(data_at):
            prev_k = data_at[pos - 1] if pos else -1
            next_k = data_at[pos + 1] if pos + 1 < len(data_at) else len(lines)
            (labels, values, ends), i = lines[k]
            own_pieces = [p for p in labels if not _is_group_piece(p)] or labels
            before = [p for (ls, _v, _e), _i in lines[prev_k + 1 : k] for p in ls if not _is_group_piece(p)]
            after = [p for (ls, _v, _e), _i in lines[k + 1 : next_k] for p in ls if not _is_group_piece(p)]
            own = "".join(own_pieces)
            raw = "".join(p for (ls, _v, _e), _i in lines[prev_k + 1 : next_k] for p in ls)
            tail = own + "".join(p for (ls, _v, _e), _i in lines[k + 1 : next_k] for p in ls)
            out.append(_Row(own, "".join(before) + own + "".join(after), values, f"{g_index}:{i}", ends, raw, tail,
                            grouped=not before and not after and all(_is_group_piece(p) for p in labels)))
    return out


def _page_split(a: _Row, b: _Row) -> bool:
    """True when two consecutive rows of different grids (pages) are one row broken by the page
    break: one has a label and only empty cells, the other the same number of cells, all filled,
    and no label."""
    if a.where.split(":")[0] == b.where.split(":")[0] or len(a.values) != len(b.values):
        return False
    for labelled, numbers in ((a, b), (b, a)):
        if (
            labelled.own
            and not _is_group_piece(labelled.own)
            and not any(v.strip() for v in labelled.values)
            and numbers.grouped
            and all(v.strip() for v in numbers.values)
        ):
            return True
    return False


def _merge_cell_lines(lines: list[Any]) -> list[Any]:
    """Text copied from a PDF viewer gives each cell a line of its own: consecutive lines holding one
    number and nothing else are one row."""
    out: list[Any] = []
    run = False  # the last entry is a run of one-number lines
    for (labels, values, ends), i in lines:
        if run and not labels and len(values) == 1:
            (prev_labels, prev_values, _ends), prev_i = out[-1]
            out[-1] = ((prev_labels, prev_values + values, None), prev_i)
            continue
        out.append(((labels, list(values), ends), i))
        run = not labels and len(values) == 1
    return out


def _score(slot: Slot, row: _Row) -> float:
    label = norm(slot.label)
    own = containment(label, norm(row.own), 0.5)
    window = containment(label, norm(row.window), 0.55) * 0.9
    if len(norm(row.own)) > 1.6 * len(label) + 4:  # a long own label that merely contains a short one
        own *= 0.7
    bonus = 0.05 if len(row.values) == slot.n else 0.0
    return max(own, window) + bonus


def _align(slots: list[Slot], rows: list[_Row], threshold: float = 0.6) -> dict[int, int]:
    """Slot index → row index: the order-preserving matching of the highest total score."""
    m, n = len(rows), len(slots)
    score = [[_score(s, r) for s in slots] for r in rows]
    best = [[0.0] * (n + 1) for _ in range(m + 1)]
    move = [[0] * (n + 1) for _ in range(m + 1)]
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            options = [(best[i + 1][j], 1), (best[i][j + 1], 2)]
            if score[i][j] >= threshold:
                options.append((best[i + 1][j + 1] + score[i][j], 3))
            best[i][j], move[i][j] = max(options)
    out: dict[int, int] = {}
    i = j = 0
    while i < m and j < n:
        if move[i][j] == 3:
            out[j] = i
            i, j = i + 1, j + 1
        elif move[i][j] == 1:
            i += 1
        else:
            j += 1
    return out


def split_run(tokens: list[str], n: int, sums: tuple[tuple[int, int], ...]) -> list[list[int]]:
    """Every way (at most two) to read the digit runs ``tokens`` as ``n`` numbers such that each
    group in ``sums`` adds up; a number never starts with 0 unless it is 0."""
    found: list[list[int]] = []
    ends = {e: s for s, e in sums}

    def ok(parts: list[int]) -> bool:
        e = len(parts)
        if e in ends:
            s = ends[e]
            return sum(parts[s : e - 1]) == parts[e - 1]
        return True

    def go(t: int, rest: str, parts: list[int]) -> None:
        if len(found) > 1 or len(parts) > n:
            return
        if not rest:
            if t + 1 < len(tokens):
                go(t + 1, tokens[t + 1], parts)
            elif len(parts) == n:
                found.append(list(parts))
            return
        for k in range(1, len(rest) + 1):
            piece = rest[:k]
            if len(piece) > 1 and piece[0] == "0":
                break
            parts.append(int(piece))
            if ok(parts):
                go(t, rest[k:], parts)
            parts.pop()

    if tokens and all(t.isdigit() for t in tokens):
        go(0, tokens[0], [])
    return found


@dataclass
class _TableReader:
    name: str
    table: str
    section: str
    notes: list[ReadNote] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    full: list[_Row] = field(default_factory=list)

    def learn_columns(self, rows: list[_Row]) -> None:
        """Remember the rows of laid-out text (their values' columns place a short row's values)."""
        self.full = [row for row in rows if row.ends]

    def placed(self, slot: Slot, row: _Row) -> list[str] | None:
        """A short row of laid-out text with its blanks put back by the columns of the nearest full
        rows (a page break may change the columns: the nearest rows first)."""
        if not row.ends or len(row.values) >= slot.n or row not in self.full:
            return None
        at = self.full.index(row)
        near = sorted(
            (
                r
                for r in self.full
                if r.ends and len(r.ends) == slot.n and r.where.split(":")[0] == row.where.split(":")[0]
            ),
            key=lambda r: abs(self.full.index(r) - at),
        )
        for other in near[:4]:
            assert other.ends is not None
            anchors = [e - len(v) / 2 for v, e in zip(other.values, other.ends, strict=True)]
            gap = min((b - a for a, b in itertools.pairwise(anchors)), default=8.0)
            cells = [""] * slot.n
            last = -1
            for v, e in zip(row.values, row.ends, strict=True):
                centre = e - len(v) / 2
                k = min(range(slot.n), key=lambda j: abs(anchors[j] - centre))
                if k <= last or abs(anchors[k] - centre) > gap / 2:
                    break
                cells[k], last = v, k
            else:
                return cells
        return None

    def values(self, slot: Slot, raw: list[str], shown: str, row: _Row | None = None) -> list[Any] | None:
        if len(raw) > slot.n and all(not v.strip() for v in raw[: len(raw) - slot.n]):
            raw = raw[len(raw) - slot.n :]
        placed = self.placed(slot, row) if row is not None else None
        if placed is not None:
            raw = placed
        if len(raw) == slot.n:
            return [self.cell(v, slot, shown) for v in raw]
        digits = [v.replace(",", "").replace("，", "") for v in raw if v.strip()]
        splits = split_run(digits, slot.n, slot.sums) if len(digits) < slot.n else []
        if len(splits) == 1:
            self.notes.append(
                ReadNote(
                    "READ-INFERRED",
                    _("{table}「{row}」行的数字连在一起（{digits}），按本行合计唯一地拆分为 {values}").format(
                        table=self.table, row=shown, digits=" ".join(raw), values=" ".join(map(str, splits[0]))
                    ),
                    section=self.section,
                    table=self.table,
                    row=shown,
                )
            )
            return list(splits[0])
        why = _("拆分不唯一") if len(splits) > 1 else _("无法按本行合计拆分")
        self.problems.append(
            Problem(
                _("{table}「{row}」行有 {actual} 个数（{digits}），应为 {expected} 个；{why}，请核对原表").format(
                    table=self.table,
                    row=shown,
                    actual=len(raw),
                    digits=" ".join(raw) or _("无"),
                    expected=slot.n,
                    why=why,
                ),
                code="table-row",
                source=self.name,
            )
        )
        return None

    def cell(self, raw: str, slot: Slot, shown: str) -> Any:
        m = _AMOUNT_UNIT.match(raw.strip())
        v = parse_value(m.group(1) if m else raw)
        if isinstance(v, Decimal):
            return str(v)
        return v

    def unmatched(self, rows: list[_Row], used: list[_Row]) -> None:
        """A row with numbers that matches no official row is refused, never dropped silently."""
        for row in rows:
            if row in used or not any(parse_value(_unit_free(v)) is not None for v in row.values):
                continue
            label = row.own or row.window or _("（无标签）")
            self.problems.append(
                Problem(
                    _("{table}中「{row}」行（{digits}）对应不到任何官方行：请按官方表格的行标签改正后再读入").format(
                        table=self.table, row=label[:40], digits=" ".join(v.strip() for v in row.values)
                    ),
                    code="table-row",
                    source=self.name,
                )
            )

    def match(self, slots: list[Slot], rows: list[_Row]) -> dict[int, _Row]:
        chosen = _align(slots, rows)
        out: dict[int, _Row] = {}
        for j, i in chosen.items():
            row = rows[i]
            slot = slots[j]
            label = norm(slot.label)
            bare = norm(_ORDINAL.sub("", slot.label))
            # exact: every character of the label, in order, among the row's pieces (pieces of the
            # group labels may stand between them in laid-out text)
            exact = any(
                label in text or (len(bare) >= 2 and bare in text) or containment(label, text) == 1.0
                for text in (norm(row.window), norm(row.raw))
            )
            if not exact:
                if row.own and containment(label, norm(row.own)) >= 0.5:
                    found = row.own
                elif row.tail and _ORDINAL.match(row.own):
                    found = row.tail
                else:
                    found = row.window
                self.notes.append(
                    ReadNote(
                        "READ-CORRECTED",
                        _("{table}的行标签「{found}」与官方标签不完全相同，按「{label}」读取").format(
                            table=self.table, found=found[:60], label=slot.label
                        ),
                        section=self.section,
                        table=self.table,
                        row=slot.label,
                    )
                )
            out[j] = row
        return out


def _put(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def read_t2(grids: list[Grid], r: _TableReader) -> tuple[dict[str, Any], str]:
    text = norm("".join(c for g in grids for row in g.rows for c in row))
    edition = "gb2019" if any(mark in text for mark in _T2_2019_MARKS) else "gb2021"
    slots = T2_SLOTS[edition]
    rows = _rows(grids)
    r.learn_columns(rows)
    matched = r.match(slots, rows)
    r.unmatched(rows, list(matched.values()))
    data: dict[str, Any] = {}
    for j, slot in enumerate(slots):
        row = matched.get(j)
        if row is None:
            continue
        vals = r.values(slot, row.values, slot.label, row)
        if vals is None:
            continue
        if slot.path == ("政府集中采购",):
            unit = next((m.group(2) for v in row.values if (m := _AMOUNT_UNIT.match(v.strip()))
                         and m.group(2) in ("元", "万元")), None)
            if unit:
                data["采购金额单位"] = unit
        _put(data, slot.path, vals if slot.n > 1 or edition == "gb2019" else vals[0])
    return data, edition


def read_t3(grids: list[Grid], r: _TableReader) -> tuple[dict[str, Any], str | None]:
    rows = _rows(grids)
    r.learn_columns(rows)
    matched = r.match(T3_SLOTS, rows)
    r.unmatched(rows, list(matched.values()))
    data: dict[str, Any] = {}
    single = next(j for j, s in enumerate(T3_SLOTS) if s.label == T3_OTHER_SINGLE.label)
    subrows = {j for j, s in enumerate(T3_SLOTS) if s.path[0] == "其他处理" and len(s.path) == 2}
    edition = "gb2021" if subrows & set(matched) else ("gb2019" if single in matched else None)
    for j, slot in enumerate(T3_SLOTS):
        row = matched.get(j)
        if row is None or (j == single and edition == "gb2021"):
            continue
        vals = r.values(slot, row.values, slot.label, row)
        if vals is not None:
            _put(data, slot.path, vals)
    return data, edition


def read_t4(grids: list[Grid], r: _TableReader) -> dict[str, Any]:
    rows = _rows(grids)
    labelled = {j: row for j, row in r.match(T4_SLOTS, rows).items() if len(row.values) == 5}
    data: dict[str, Any] = {}
    for j, row in labelled.items():
        vals = r.values(T4_SLOTS[j], row.values, T4_SLOTS[j].label)
        if vals is not None:
            data[T4_SLOTS[j].path[0]] = vals
    if len(labelled) == 3:
        return data
    rest = [v for row in rows if row not in labelled.values() for v in row.values]
    wanted = [s for j, s in enumerate(T4_SLOTS) if j not in labelled]
    n = 5 * len(wanted)
    whole = Slot(("表四",), _("表四"), n, tuple((5 * k, 5 * k + 5) for k in range(len(wanted))))
    cells = r.values(whole, rest, _("数据")) if rest else None
    if cells is not None:
        for k, slot in enumerate(wanted):
            data[slot.path[0]] = cells[5 * k : 5 * k + 5]
    return data


def classify(grid: Grid) -> int | None:
    """2, 3 or 4 when a grid is plainly 表二, 表三 or 表四 by its labels."""
    text = norm("".join(c for row in grid.rows for c in row))
    if any(k in text for k in ("本年新收", "申请人情况", "上年结转", "予以公开", "不予公开")):
        return 3
    if "复议后起诉" in text or ("行政复议" in text and "诉讼" in text and "结果维持" in text):
        return 4
    if any(k in text for k in ("信息内容", "第二十条", "规章", "行政许可", "行政处罚")):
        return 2
    return None


# --------------------------------------------------------------------------------------------
# Title, level, preamble, contact, signature
# --------------------------------------------------------------------------------------------

_TITLE = re.compile(
    r"(\d{4})\s*年\s*度?\s*(?:的)?\s*(?:政府)?(?:信息公开|政务公开|政府信息公开)[^，。]{0,12}?(?:报告|年报)"
)
#: “2023年青禾县人民政府政府信息公开工作年度报告”, “2022年上海市政府信息公开工作年度报告”: the
#: body's name between the year and 信息公开 (greedy, so a doubled “政府政府” keeps the body's own)
_TITLE_YEAR_FIRST = re.compile(
    r"(\d{4})\s*年\s*度?(?P<mid>[^，。：:\d\s]{2,30})(?:信息公开|政务公开)工作[^，。]{0,6}?(?:报告|年报)"
)
_TITLE_AFTER = re.compile(r"(?:政府)?信息公开工作年度报告[（(](\d{4})年度?[)）]")
_DATE = re.compile(r"(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})\s*日?")
_DATE_LINE = re.compile(
    r"^[（(]?\s*(?:发布日期|日期|发布时间|成文日期)?[：:]?\s*(\d{4})\s*[年\-./]\s*(\d{1,2})"
    r"\s*[月\-./]\s*(\d{1,2})\s*日?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?\s*[)）]?$"
)
_INFO_LINE = re.compile(
    r"^(?=.{0,120}$)(?:[^。]*(?:发布时间|发布日期|成文日期|来源|浏览次数|访问量|点击数|字体)\s*[：:]"
    # a portal's 索引号 table copied as text: its keys without colons
    r"|\s*(?:索\s*引\s*号|发布机构|发文机关|发文日期|成文日期|发布日期|文\s*号|有\s*效\s*性|主题分类|信息来源|公开方式|"
    r"公开范围|生成日期))"
)
_INFO_DATE = re.compile(
    r"(?:发布时间|发布日期|成文日期|发文日期|日期)\s*[：:]?\s*(\d{4})\s*[年\-./]\s*(\d{1,2})\s*[月\-./]\s*(\d{1,2})"
)
_CONTACT = re.compile(
    r"如对本报告有(?:任何)?疑问，?请(?:与|联系)?(?P<unit>[^，。（(]{2,40}?)联系?"
    r"[（(](?P<details>(?:[^（）()]|[（(][^（）()]*[）)])*)[）)]。?"
)
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.、．])")
_CONTACT_FIELDS = {
    "地址": "address",
    "邮编": "postcode",
    "邮政编码": "postcode",
    "电话": "phone",
    "联系电话": "phone",
    "电子邮箱": "email",
    "邮箱": "email",
    "电子信箱": "email",
}


_CN_DIGIT = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0", "○": "0", "Ｏ": "0", "O": "0"}
_CN_YEAR = re.compile(r"[一二][〇零○ＯO一二三四五六七八九]{3}(?=\s*年)")


def _arabic_years(text: str) -> str:
    """“二〇二三年” → “2023年” (the same length, so positions in the text stay valid)."""
    return _CN_YEAR.sub(lambda m: "".join(_CN_DIGIT[c] for c in m.group()), text)


def _title(paras: list[str]) -> tuple[int, int, str, int, str] | None:
    """As :func:`_find_title`, the year also written in Chinese numerals (“二〇二三年度”); the title
    is returned as printed."""
    found = _find_title([_arabic_years(p) for p in paras])
    if found is None:
        return None
    start, end, _title_text, year, body = found
    return start, end, re.sub(r"\s+", "", "".join(paras[start : end + 1])), year, body


def _find_title(paras: list[str]) -> tuple[int, int, str, int, str] | None:
    """(first, last paragraph index of the title, title text, year, body) within ``paras``: the title
    may be broken over up to three lines, the body's name on a line of its own before the year."""
    for t in range(min(40, len(paras))):
        found = None
        for span in (1, 2, 3):
            chunk = paras[t : t + span]
            if len(chunk) < span or any(len(p) >= 80 for p in chunk):
                break
            joined = re.sub(r"\s+", "", "".join(chunk))
            if span > 1 and _TITLE.search(re.sub(r"\s+", "", "".join(chunk[1:]))):
                break  # the title starts on a later line (a portal's navigation before it)
            if _TITLE.search(joined):
                found = span
                break
            if (
                (m := _TITLE_YEAR_FIRST.search(joined))
                and m.start() == 0
                and not m.group("mid").startswith(("全", "本", "我", "各", "政府"))
            ):
                return t, t + span - 1, joined, int(m.group(1)), _year_first_body(m.group("mid"))
        if found is None:
            m = _TITLE_AFTER.search(re.sub(r"\s+", "", text)) if len(text := paras[t]) < 80 else None
            if m and m.start() > 1:
                title = re.sub(r"\s+", "", text)
                return t, t, title, int(m.group(1)), title[: m.start()].removesuffix("政府").removesuffix("政务")
            continue
        start, end = t, t + found - 1
        m = _TITLE.search(re.sub(r"\s+", "", "".join(paras[start : end + 1])))
        assert m is not None
        if m.start() == 0:  # the body's name on the line(s) before the year
            while (
                start > 0
                and t - start < 2
                and len(paras[start - 1]) <= 30
                and not paras[start - 1].endswith("。")
                and not re.search(r"\d|[：:>|]", paras[start - 1])
            ):
                start -= 1
        title = re.sub(r"\s+", "", "".join(paras[start : end + 1]))
        m = _TITLE.search(title)
        assert m is not None
        body = title[: m.start()].removeprefix("关于").strip("：: ").removesuffix("关于")
        if not body:
            m2 = re.search(r"\d{4}年度?(.+?)(?:政府)?信息公开工作年度报告", title)
            body = m2.group(1) if m2 else ""
        return start, end, title, int(m.group(1)), body
    return None


def _year_first_body(mid: str) -> str:
    """The body named between the year and 信息公开: “青禾县人民政府政府” → 青禾县人民政府,
    “上海市政府” → 上海市 (as “上海市2022年政府信息公开……” names it)."""
    mid = mid.removeprefix("的")
    if mid.endswith("政府") and not mid.endswith("人民政府"):
        mid = mid[:-2]
    return mid.removesuffix("的")


def _contact(paras: list[str]) -> tuple[list[str], dict[str, Any] | None]:
    """The paragraphs without the contact sentence, and the contact fields with the sentence as their
    template."""
    for i, text in enumerate(paras):
        m = _CONTACT.search(text)
        if not m:
            continue
        contact: dict[str, Any] = {"unit": m.group("unit")}
        sentence = m.group(0)
        template = sentence.replace(m.group("unit"), "{unit}", 1)
        for part in re.split(r"[，,；;]", m.group("details")):
            key, sep, val = re.sub(r"\s", "", part).partition("：") if "：" in part else part.partition(":")
            key, val = key.strip(), val.strip()
            if sep and key in _CONTACT_FIELDS and val and _CONTACT_FIELDS[key] not in contact:
                contact[_CONTACT_FIELDS[key]] = val
                template = template.replace(f"{key}：{val}", f"{key}：{{{_CONTACT_FIELDS[key]}}}", 1)
        if not template.endswith("。"):
            template += "。"
        if sentence.rstrip("。") != _standard_contact(contact).rstrip("。"):
            contact["template"] = [template]
        rest = (text[: m.start()] + text[m.end() :]).strip()
        out = [*paras[:i], *([rest] if rest else []), *paras[i + 1 :]]
        return out, contact
    return paras, None


def _standard_contact(contact: dict[str, Any]) -> str:
    """The sentence govreport writes for these contact fields when no template is given."""
    details = [
        f"{label}：{contact[key]}"
        for key, label in (("address", "地址"), ("postcode", "邮编"), ("phone", "电话"), ("email", "电子邮箱"))
        if contact.get(key)
    ]
    tail = f"（{'，'.join(details)}）" if details else ""
    return f"如对本报告有疑问，请与{contact['unit']}联系{tail}。"


_CN_DATE = re.compile(r"^(\d{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日$")


def _arabic_date(text: str) -> str:
    """“二〇二四年一月二十五日” → “2024年1月25日” (a date written in Chinese numerals)."""
    m = _CN_DATE.match(_arabic_years(re.sub(r"\s", "", text)))
    if not m:
        return text
    month, day = _cn_number(m.group(2)), _cn_number(m.group(3))
    return f"{m.group(1)}年{month}月{day}日" if month and day else text


def _signature(paras: list[str]) -> tuple[list[str], dict[str, Any] | None, dt.date | None]:
    """Trailing 署名 and date lines (the last two short paragraphs) taken off the last section."""
    if not paras:
        return paras, None, None
    m = _DATE_LINE.match(_arabic_date(paras[-1].strip()))
    if not m:
        return paras, None, None
    try:
        date = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return paras, None, None
    rest = paras[:-1]
    if rest and len(rest[-1]) <= 30 and not re.search(r"[。，；：]", rest[-1]):
        return rest[:-1], {"body": rest[-1].strip(), "date": date}, date
    return rest, None, date


# --------------------------------------------------------------------------------------------
# Assembly
# --------------------------------------------------------------------------------------------


def assemble(blocks: Sequence[Block], name: str) -> ReadResult:
    """The report data (and notes) of a document's blocks; see the module's doc."""
    blocks = [Para(normalize_text(_canonical_heading(b.text))) if isinstance(b, Para) else b for b in blocks]
    paras = [b.text for b in blocks if isinstance(b, Para) and b.text]
    found = _title(paras)
    if found is None:
        raise InputError(
            _("未找到报告标题（“××××年政府信息公开工作年度报告”）：无法确定报告年度和发布机关"),
            code="not-a-report",
            source=name,
        )
    _t_start, t_end, title, year, body = found
    notes: list[ReadNote] = []
    if not body:
        raise InputError(
            _("标题「{title}」中没有发布机关的名称").format(title=title[:60]), code="not-a-report", source=name
        )
    # walk the blocks after the title
    seen = 0
    body_blocks: list[Block] = []
    for b in blocks:
        if isinstance(b, Para) and b.text.strip():
            seen += 1
            if seen <= t_end + 1:
                continue
        if seen >= t_end + 1:
            body_blocks.append(b)
    body_blocks = cut_portal_tail(body_blocks)
    parts = _split_sections(body_blocks, parens=False)
    if len(parts) < 4:  # fewer than three parts found: maybe numbered （一）…（六）
        lenient = _split_sections(body_blocks, parens=True)
        if len(lenient) > len(parts):
            parts = lenient
    grids = [b for bs in parts.values() for b in bs if isinstance(b, Grid)]
    data: dict[str, Any] = {"body": body, "year": year}
    published: dt.date | None = None
    default_title = f"{body}{year}年政府信息公开工作年度报告"
    if title != default_title:
        data["title"] = title
    statutory = len([n for n in parts if n]) >= 3 or bool(grids)
    if not statutory or (year < 2019 and not any(classify(g) for g in grids)):
        preamble = _legacy(data, body_blocks, name)
        edition = Edition.LEGACY
    else:
        preamble = _texts(parts[0])
        edition = _statutory(data, parts, name, year, notes)
    data = {"edition": edition.value, **data}
    while preamble and (_DATE_LINE.match(preamble[0]) or _INFO_LINE.search(preamble[0])):
        # a date under the title, or a portal's line "发布时间：… 来源：… 浏览次数：…"
        first = preamble.pop(0)
        m = _DATE_LINE.match(first) or _INFO_DATE.search(first)
        if m and published is None:
            with contextlib.suppress(ValueError):
                published = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    preamble, contact = _contact(preamble)
    if contact is None and edition.statutory and data.get("other_matters"):
        data["other_matters"], contact = _contact_blocks(data["other_matters"])
    if preamble:
        data["preamble"] = preamble
    if contact is not None:
        data["contact"] = contact
    last_key = next((k for k in ("other_matters", "problems") if data.get(k)), None) if edition.statutory else None
    if last_key or (not edition.statutory and data.get("sections")):
        holder = data[last_key] if last_key else data["sections"][-1]["content"]
        texts = [x for x in holder if isinstance(x, str)]
        if texts and holder and isinstance(holder[-1], str):
            trimmed, signature, date = _signature(list(holder))
            if date is not None:
                holder[:] = trimmed
                published = published or date
                if signature:
                    data["signature"] = {k: v for k, v in signature.items() if k == "body" and v != body} or None
                    if data["signature"] is None:
                        del data["signature"]
    if published:
        data["published"] = published
    # The level from the body's name by the model's one rule (model.report.level_from_name); when the name
    # does not tell, it stays unset and the checks say so (LEVEL-MISSING).
    level = level_from_name(body)
    if level is not None:
        data["level"] = level.value
    order = ["edition", "body", "level", "year", "published", "title", "signature", "preamble", "contact"]
    out = {k: data[k] for k in order if k in data} | {k: v for k, v in data.items() if k not in order}
    return ReadResult(out, notes, published=True)


#: A portal's own lines after an article (share, print, related links, footer).
BOILERPLATE = re.compile(
    r"分享到|打印本页|【打印】|关闭窗口|【关闭】|相关链接|相关文章|上一篇|下一篇|网站地图|主办单位|主办：|"
    r"ICP备|网站标识码|公网安备|扫一扫"
)


def cut_portal_tail(blocks: Sequence[Block]) -> list[Block]:
    """The blocks up to a portal's own lines after the article (a page printed to PDF or copied
    from a browser carries them): the first short paragraph after the last part's heading (五、 or
    六、) with a share/print/footer mark ends the report; a date or signature before the mark on
    the same line is kept."""
    blocks = list(blocks)
    last = max(
        (i for i, b in enumerate(blocks) if isinstance(b, Para) and (n := section_number(b.text.strip())) and n >= 5),
        default=None,
    )
    if last is None:
        return blocks
    for i in range(last + 1, len(blocks)):
        b = blocks[i]
        if isinstance(b, Para) and len(b.text) < 80 and (m := BOILERPLATE.search(b.text)):
            head = b.text[: m.start()].strip()
            return [*blocks[:i], *([Para(head)] if head else [])]
    return blocks


def _split_sections(blocks: list[Block], *, parens: bool) -> dict[int, list[Block]]:
    """The blocks of each statutory part (0: before 一、), by the parts' headings in order."""
    section = 0
    parts: dict[int, list[Block]] = {0: []}
    for b in blocks:
        if isinstance(b, Para):
            found = split_section(b.text.strip(), parens)
            if found is not None and found[0] > section:
                section = found[0]
                parts[section] = [Para(found[1])] if found[1] else []
                continue
        parts[section].append(b)
    return parts


def _contact_blocks(blocks: list[Any]) -> tuple[list[Any], dict[str, Any] | None]:
    """Blocks with their contact sentence replaced by ``{insert: contact}``, and the contact fields."""
    for i, b in enumerate(blocks):
        if isinstance(b, str) and _CONTACT.search(b):
            rest, contact = _contact([b])
            return [*blocks[:i], *rest, {"insert": "contact"}, *blocks[i + 1 :]], contact
    return blocks, None


def _texts(blocks: list[Block]) -> list[str]:
    return [b.text.strip() for b in blocks if isinstance(b, Para) and b.text.strip()]


def _statutory(
    data: dict[str, Any], parts: dict[int, list[Block]], name: str, year: int, notes: list[ReadNote]
) -> Edition:
    by_kind: dict[int, list[Grid]] = {2: [], 3: [], 4: []}
    for n, bs in parts.items():
        # loose text without a single number is narrative after all
        bs[:] = [
            x
            for b in bs
            for x in (
                [Para(normalize_text(" ".join(r))) for r in b.rows]
                if isinstance(b, Grid) and b.loose and not _rows([b])
                else [b]
            )
        ]
        for b in bs:
            if isinstance(b, Grid):
                kind = classify(b) or (n if n in (2, 3, 4) else None)
                if kind:
                    by_kind[kind].append(b)
    for n, key in _TEXT_KEYS.items():
        if n in parts:
            data[key] = blocks_of(_texts(parts[n]))
    problems: list[Problem] = []
    editions: list[str] = []
    for n, (key, table) in _TABLE_KEYS.items():
        grids = by_kind[n]
        section: dict[str, Any] = {}
        # a piece of a table label left outside the table (a page break inside a merged cell) is no text
        texts = [
            t
            for t in _texts(parts.get(n, []))
            if not (len(t) <= 6 and _is_group_piece(t)) and not (grids and is_header_text(t))
        ]
        if texts:
            section["content"] = texts
        if grids:
            reader = _TableReader(name, table, section_title(n))
            if n == 2:
                t2, ed2 = read_t2(grids, reader)
                section["table"] = t2
                editions.append(ed2)
            elif n == 3:
                t3, ed3 = read_t3(grids, reader)
                section["table"] = t3
                if ed3:
                    editions.append(ed3)
            else:
                section["table"] = read_t4(grids, reader)
            notes.extend(reader.notes)
            problems.extend(reader.problems)
            if not section["table"]:
                del section["table"]
                by_kind[n] = []
        if section or n in parts:
            data[key] = section
    if problems:
        raise InputError(problems)
    if not any(by_kind.values()):
        raise InputError(
            _(
                "未找到表三（收到和处理政府信息公开申请情况）等法定表格：这份文件不像按〔2019〕60号或〔2021〕30号格式编写的年度报告"
            ),
            code="no-tables",
            source=name,
        )
    expected = edition_for_year(year)
    found = Edition("gb2019") if "gb2019" in editions else (Edition("gb2021") if editions else expected)
    if not expected.statutory:
        return found
    if found is not expected:
        notes.append(
            ReadNote(
                "READ-INFERRED",
                _("表格是{found}的格式，而 {year} 年度适用{expected}").format(
                    found=found.label, year=year, expected=expected.label
                ),
                field="edition",
            )
        )
    return expected


def _legacy(data: dict[str, Any], blocks: list[Block], name: str) -> list[str]:
    """A free-form report: every 一、… heading starts a section."""
    preamble: list[str] = []
    sections: list[dict[str, Any]] = []
    expected = 1
    for b in blocks:
        if not isinstance(b, Para) or not b.text.strip():
            continue
        text = b.text.strip()
        heading = legacy_heading(text, expected)
        if heading:
            sections.append({"heading": heading, "content": []})
            expected += 1
        elif sections:
            sections[-1]["content"].append(text)
        else:
            preamble.append(text)
    if not sections:
        raise InputError(_("未找到报告的章节（“一、总体情况”等标题）"), code="not-a-report", source=name)
    for s in sections:
        s["content"] = blocks_of(s["content"])
    data["sections"] = sections
    return preamble
