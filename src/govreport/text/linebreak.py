"""Chinese line composition: where a paragraph's lines break, and how each line is justified.

WeasyPrint 70 does not justify Chinese (it stretches only U+0020), and Pango treats “ ” as UAX #14
class QU, refusing breaks on both sides of them. So the PDF renderer composes its own lines and sets
each one as a ``white-space: nowrap`` block with its own ``letter-spacing``: the slack of a line is
spread evenly between its characters and the text layer stays exactly the report's text.

Line breaking is a tailored subset of UAX #14 (Unicode line breaking) with the 禁则 of
GB/T 15834-2011 §5.1 (and the zh-CN ``w:kinsoku`` lists of ECMA-376):

- a break is allowed between two wide (CJK) characters, between wide and narrow ones, and after a space;
- never before the characters of :data:`NO_START` (，。、；：？！）》” … and the like);
- never after the characters of :data:`NO_END` (（《“ and the like); an opening quote may start a line
  (UAX #14's QU is tailored to OP/CL for Chinese, as ICU does);
- never inside a run of narrow characters (a Latin word, a number such as ``0533-3170799``, an e-mail
  address), nor between the two halves of —— or of …… (…… also never starts a line);
- never before a combining mark or next to a no-break space or word joiner.

When a run that may not be broken is wider than the line (a very long URL), it is broken between
characters as late as fits: the line is marked ``forced``.

Everything here is pure: the caller supplies every character's advance (in points, font size
included); the letter spacing ``spacing`` is added after every character, as CSS ``letter-spacing``
is in WeasyPrint, and ``gaps[i]`` (optional) is the extra space between ``text[i-1]`` and ``text[i]``
when both stand on one line (:func:`autospace`), so the visible width of characters ``s … e-1`` is
``sum(advances[s:e]) + (e - s - 1) * spacing + sum(gaps[s+1:e])``.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate

__all__ = [
    "NO_END",
    "NO_START",
    "UNSPLITTABLE",
    "Line",
    "autospace",
    "break_opportunities",
    "compose",
    "justified_spacing",
]

#: Characters a line never starts with (GB/T 15834-2011 §5.1; ECMA-376 zh-CN ``noLineBreaksBefore``,
#: less the opening forms). The 省略号 … is here: …… stays with the character before it.
NO_START: frozenset[str] = frozenset(
    "!%),.:;?]}¢¨°·ˇˉ―‖’”…‰′″›℃∶、。〃〉》」』】〕〗〞︶︺︾﹀﹄﹚﹜﹞！＂％＇），．：；？］｀｜｝～￠"
    "⋯﹐﹑﹒﹔﹕﹖﹗"
)
#: Characters a line never ends with (ECMA-376 zh-CN ``noLineBreaksAfter``; GB/T 15834 opening marks).
NO_END: frozenset[str] = frozenset("$([{£¥‘“〈《「『【〔〖〝﹙﹛﹝＄（［｛￡￥")
#: Marks that take two 字 as a pair and are never split across lines (破折号 ——, 省略号 ……).
UNSPLITTABLE: frozenset[str] = frozenset("—―…⋯")

_SPACES = frozenset(" \t")
_GLUE = frozenset("\u00a0\u2060\u202f\ufeff\u2007")  # no-break space, word joiner …
_ZWSP = "\u200b"
_EPSILON = 1e-6


@functools.lru_cache(maxsize=8192)
def _is_mark(ch: str) -> bool:
    """Combining marks, ZWJ and variation selectors stay with the character before them."""
    cp = ord(ch)
    return (unicodedata.category(ch) in {"Mn", "Mc", "Me"} or cp == 0x200D
            or 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


@functools.lru_cache(maxsize=8192)
def _is_narrow(ch: str) -> bool:
    """Part of a Latin word or a number: narrow letters, digits and symbols (not spaces)."""
    if ch in _SPACES or ch in _GLUE or ch == _ZWSP:
        return False
    width = unicodedata.east_asian_width(ch)
    if width in {"Na", "H", "N"}:
        return True
    return width == "A" and unicodedata.category(ch).startswith("L")  # Greek, Cyrillic letters


# Character classes for break_opportunities, one bit each, worked out once per character.
_SPACE, _GLUED, _MARK, _NO_START, _NO_END, _PAIRED, _NARROW, _BREAK_AFTER = (1 << i for i in range(8))
_CLASSES: dict[str, int] = {}


def _classify(ch: str) -> int:
    c = ((_SPACE if ch in _SPACES else 0) | (_GLUED if ch in _GLUE else 0) | (_MARK if _is_mark(ch) else 0)
         | (_NO_START if ch in NO_START else 0) | (_NO_END if ch in NO_END else 0)
         | (_PAIRED if ch in UNSPLITTABLE else 0) | (_NARROW if _is_narrow(ch) else 0)
         | (_BREAK_AFTER if ch == _ZWSP or ch in _SPACES else 0))
    if len(_CLASSES) < 65536:
        _CLASSES[ch] = c
    return c


def break_opportunities(text: str) -> list[bool]:
    """``result[i]`` is True when a line may start at ``text[i]``; ``result[0]`` is always False."""
    n = len(text)
    ops = [False] * n
    known = _CLASSES
    classes = [known[ch] if ch in known else _classify(ch) for ch in text]
    last_non_space = 0  # the class of the last character before text[i] that is not a space
    refuse_b = _SPACE | _GLUED | _MARK | _NO_START
    for i in range(1, n):
        a, b = classes[i - 1], classes[i]
        if not a & _SPACE:
            last_non_space = a
        if b & refuse_b or a & _GLUED:
            continue
        if last_non_space & _NO_END:  # （ 文: spaces after an opening mark do not free it
            continue
        if a & _BREAK_AFTER:  # a space or a zero-width space
            ops[i] = True
            continue
        if a & _PAIRED and text[i - 1] == text[i]:
            continue
        if a & _NARROW and b & _NARROW:
            continue
        ops[i] = True
    return ops


@functools.lru_cache(maxsize=8192)
def _script_letter(ch: str) -> int:
    """0: not a letter or digit (punctuation, spaces, symbols); 1: an Asian one (Han, kana, full-width
    forms); 2: any other (Latin letters, digits)."""
    if unicodedata.category(ch)[0] not in "LN":
        return 0
    return 1 if unicodedata.east_asian_width(ch) in {"W", "F"} else 2


def autospace(text: str, gap: float) -> list[float]:
    """``gaps[i]`` = ``gap`` where ``text[i-1]`` and ``text[i]`` are a letter or digit of an Asian script
    and one of another script (in either order), else 0: "2016年" gets one, "（2016）" none.

    This is the space office suites put between Han characters and Latin letters or digits. LibreOffice
    adds one fifth of the font height wherever the script changes between Asian and Latin text and the
    characters on both sides are letters or digits (``SwTextFormatter::BuildPortions``,
    sw/source/core/text/itrform2.cxx); its DOCX import cannot be told not to (it ignores
    ``w:autoSpaceDE``/``w:autoSpaceDN``); Word and WPS add a similar space by default. The profile's
    ``body.autospace`` is the size."""
    kinds = [_script_letter(ch) for ch in text]
    gaps = [0.0] * len(text)
    for i in range(1, len(text)):
        a, b = kinds[i - 1], kinds[i]
        if a and b and a != b:
            gaps[i] = gap
    return gaps


@dataclass(frozen=True, slots=True)
class Line:
    """One composed line: ``text[start:end]`` (trailing spaces included, they print as nothing)."""

    start: int
    end: int
    #: Visible width at the composing letter spacing (trailing spaces excluded), in points.
    width: float
    #: The width the line had to fit in (the measure less the first line's indent).
    available: float
    #: Characters that print (``end - start`` less trailing spaces).
    glyphs: int
    #: True when the line was broken inside a run that may not be broken (it was wider than the line).
    forced: bool = False
    last: bool = False


def compose(text: str, advances: Sequence[float], width: float, *, first_indent: float = 0.0,
            spacing: float = 0.0, gaps: Sequence[float] | None = None) -> list[Line]:
    """Break ``text`` into lines no wider than ``width`` (the first one ``width - first_indent``).

    ``gaps`` (as many as characters) are extra spaces between neighbours on one line (:func:`autospace`);
    a gap at a line break takes no room.

    Greedy: each line takes as much as fits up to a break opportunity; a character that may not start a
    line pulls the character before it down (推出), never pushes beyond the measure. ``"".join`` of the
    lines' text is ``text``.
    """
    n = len(text)
    if len(advances) != n:
        raise ValueError(f"{len(advances)} advances for {n} characters")
    if n == 0:
        return []
    if gaps is not None and len(gaps) != n:
        raise ValueError(f"{len(gaps)} gaps for {n} characters")
    prefix = [0.0, *accumulate(advances)]
    # between[k]: the gaps before text[1] … text[k-1]; the gaps inside text[s:v] are between[v] - between[s + 1].
    between = [0.0, 0.0, *accumulate(gaps[1:])] if gaps is not None else [0.0] * (n + 2)
    ops = break_opportunities(text)
    candidates = [i for i in range(1, n) if ops[i]]
    candidates.append(n)
    count = len(candidates)
    # ends[e]: e less the spaces that end text[:e] (trailing spaces print as nothing); a line's visible
    # end is max(ends[e], start).
    ends = list(range(n + 1))
    for e in range(1, n + 1):
        if text[e - 1] in _SPACES:
            ends[e] = ends[e - 1]

    def extent(s: int, e: int) -> float:
        v = max(ends[e], s)
        return prefix[v] - prefix[s] + (v - s - 1) * spacing + between[v] - between[s + 1] if v > s else 0.0

    lines: list[Line] = []
    start = 0
    k = 0  # index into candidates
    while start < n:
        avail = width - (first_indent if not lines else 0.0)
        best: int | None = None
        while k < count and candidates[k] <= start:
            k += 1
        # The last candidate before the first that does not fit (extent() written out: the hot loop).
        j = k
        origin = prefix[start] + between[start + 1]
        limit = avail + _EPSILON
        while j < count:
            end = candidates[j]
            v = ends[end]
            if (prefix[v] + between[v] - origin + (v - start - 1) * spacing if v > start else 0.0) > limit:
                break
            best = end
            j += 1
        forced = False
        if best is None:  # the next unbreakable run alone is wider than the line: break inside it
            limit_end = candidates[j] if j < count else n
            best = start + 1
            for e in range(start + 2, limit_end):
                if extent(start, e) > avail + _EPSILON:
                    break
                if not _is_mark(text[e]):
                    best = e
            while best < n and _is_mark(text[best]):
                best += 1
            forced = True
        v = max(ends[best], start)
        lines.append(Line(start, best, extent(start, best), avail, v - start, forced, last=best >= n))
        start = best
    return lines


def justified_spacing(line: Line, spacing: float, *, max_stretch: float) -> float | None:
    """The uniform letter spacing that puts the right edge of ``line``'s last character exactly on the
    measure's edge, or None when the line keeps ``spacing`` (the composing spacing): a paragraph's last
    line, a one-character line, a line that would need more than ``max_stretch`` points between two
    characters. How a renderer prints a spacing (WeasyPrint positions in thousandths of an em) is the
    renderer's business."""
    gaps = line.glyphs - 1
    if line.last or gaps < 1:
        return None
    extra = (line.available - line.width) / gaps
    if extra > max_stretch:
        return None
    return spacing + extra
