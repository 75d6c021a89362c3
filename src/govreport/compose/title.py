"""Splitting a title into lines (GB/T 9704 7.3.1).

A wrapped title keeps "词意完整，排列对称", and is laid out as a 梯形 (each line no longer than the
next) or, with three lines or more, a 菱形 (the middle line longest); never a rectangle broken at
random, never an inverted trapezoid. A line holds at most ``max_units`` 字 (20 for a 2号 title in a
156 mm 版心); a digit or Latin letter counts half. Breaks happen only at word boundaries: never inside
a 书名号 pair, a number ("2016年"), or a word. A title typed with line breaks is kept as typed.
"""

from __future__ import annotations

import itertools
import math
import re

from govreport.text.zh import is_wide

# Places a title may break *after* (suffixes of administrative names and words of the fixed phrase).
_BREAK_AFTER = (
    "人民政府", "政府", "办事处", "委员会", "办公室", "办公厅", "管理委员会", "街道", "管理局", "管理处",
    "中心", "信息", "公开", "工作", "年度",
    "省", "市", "区", "县", "旗", "州", "盟", "镇", "乡", "局", "厅",
)
# A single-character suffix is no boundary when one of these follows ("市场", "区域", "县级" …).
_NOT_BEFORE = set("场域级委属直容貌民政长貌")
_OPEN, _CLOSE = "《〈（“", "》〉）”"
#: The most splits of a title weighed one by one (a title of two or three lines has a few hundred; one
#: of 300 characters would have billions, and is cut by width instead).
MAX_SPLITS = 20_000


def _units(text: str) -> float:
    """The width of ``text`` in 字 of the title font."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def _break_points(text: str) -> dict[int, float]:
    """Allowed break positions (index of the first character of the next line) → cost (lower = better)."""
    points: dict[int, float] = {}
    for word in _BREAK_AFTER:
        for m in re.finditer(re.escape(word), text):
            end = m.end()
            if end >= len(text):
                continue
            if len(word) == 1 and text[end] in _NOT_BEFORE:
                continue
            points[end] = min(points.get(end, 9.0), 1.0 if len(word) > 1 else 2.0)
    for m in re.finditer(r"\d+年", text):  # before a year and after "2016年"
        if m.start() > 0:
            points[m.start()] = -1.0
        if m.end() < len(text):
            points[m.end()] = min(points.get(m.end(), 9.0), 2.0)
    # Forbidden: inside a bracket pair or a number.
    depth = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth and (i + 1) in points:
            del points[i + 1]
    for i in range(1, len(text)):
        if text[i - 1].isdigit() and (text[i].isdigit() or text[i] in "年月日号.%"):
            points.pop(i, None)
    return points


def _shape_ok(widths: list[float]) -> bool:
    if len(widths) == 2:
        return widths[0] <= widths[1]
    peak = widths.index(max(widths))
    rising = all(widths[i] <= widths[i + 1] for i in range(peak))
    falling = all(widths[i] >= widths[i + 1] for i in range(peak, len(widths) - 1))
    return rising and falling and (peak > 0 or len(widths) == 1)


def split_title(title: str, max_units: int) -> tuple[str, ...]:
    """The title's lines: as typed when it contains line breaks, else the best 梯形/菱形 split."""
    if "\n" in title:
        return tuple(line.strip() for line in title.splitlines() if line.strip())
    if _units(title) <= max_units:
        return (title,)
    points = _break_points(title)
    positions = sorted(points)
    best: tuple[float, tuple[str, ...]] | None = None
    min_lines = max(2, int(-(-_units(title) // max_units)))
    for n_lines in range(min_lines, min_lines + 2):
        if math.comb(len(positions), n_lines - 1) > MAX_SPLITS:
            break  # a title too long to weigh every split: cut by width below
        for cut in itertools.combinations(positions, n_lines - 1):
            bounds = (0, *cut, len(title))
            lines = [title[a:b] for a, b in itertools.pairwise(bounds)]
            widths = [_units(line) for line in lines]
            if max(widths) > max_units:
                continue
            mean = sum(widths) / len(widths)
            cost = sum(points[c] for c in cut) * 4 + sum((w - mean) ** 2 for w in widths) / 4
            cost += 10 * (n_lines - min_lines)
            if not _shape_ok(widths):
                cost += 100
            if best is None or cost < best[0]:
                best = (cost, tuple(lines))
    if best is None:  # no word boundary fits: cut by width, keeping the trapezoid
        lines_out: list[str] = []
        rest = title
        while _units(rest) > max_units:
            take = 0
            while _units(rest[: take + 1]) <= max_units:
                take += 1
            lines_out.append(rest[:take])
            rest = rest[take:]
        lines_out.append(rest)
        return tuple(lines_out)
    return best[1]
