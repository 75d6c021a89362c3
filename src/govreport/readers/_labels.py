"""Official labels as the table readers match them: normalised, and matched tolerantly.

The labels themselves are the model's (:mod:`govreport.model.tables`, typed from the templates of
国办公开办函〔2019〕60号 and 〔2021〕30号). A document's label is compared after :func:`norm` (NFKC:
full-width digits and brackets become half-width; spaces, quotes and the ordinal's separator
``、``/``．`` are unified), then by the share of the official label found in the document's text
(:func:`containment`), which survives a dropped or mistyped character (洪泽区 prints
"2.其他法律行政止公开" for "2.其他法律行政法规禁止公开"). Every match that is not exact is reported
by the caller.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from decimal import Decimal, InvalidOperation
from difflib import SequenceMatcher

__all__ = ["BLANKS", "containment", "exact_in", "is_value", "norm", "parse_value"]

_DROP = re.compile(r"[\s\u3000“”\"'‘’「」『』]")
_ORD_SEP = re.compile(r"(?<=\d)[、.．,，](?=\D)")
_CN_ORD_SEP = re.compile(r"(?<=[一二三四五六七八九十])[.．,，](?=\D)")

#: What a blank cell is written as: nothing, a slash or a dash (never silently 0).
BLANKS = frozenset(
    {"", "/", "／", "\\", "-", "－", "—", "——", "–", "―", "─", "━", "…", "……", "空", "N/A", "n/a", "NA", "na"}
)

#: A blank written as a run of dashes, slashes or dots of any length ("--", "——", "//", "...").
_BLANK_RUN = re.compile(r"^(?:[-－—–―─━‒_]+|[/／\\]+|[.…·]+)$")

_NUMBER = re.compile(r"^[+\-－]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?$|^[+\-－]?\d+(?:\.\d+)?$")


@functools.lru_cache(maxsize=8192)
def norm(text: str) -> str:
    """A label in comparable form: NFKC, no spaces or quotes, ``1、``/``1．`` → ``1.``, ``一.`` → ``一、``."""
    text = unicodedata.normalize("NFKC", text)
    text = _DROP.sub("", text)
    text = _ORD_SEP.sub(".", text)
    return _CN_ORD_SEP.sub("、", text)


def containment(label: str, text: str, floor: float = 0.0) -> float:
    """The share (0–1) of ``label``'s characters found, in order, in ``text`` (both normalised); 0
    when it is certainly below ``floor`` (the characters they share bound it, cheaply)."""
    if not label:
        return 0.0
    if label in text:
        return 1.0
    if floor > 0:
        shared = sum((Counter(label) & Counter(text)).values())
        if shared < floor * len(label):
            return 0.0
    matcher = SequenceMatcher(None, label, text, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(label)


def exact_in(label: str, text: str) -> bool:
    """True when the normalised official ``label`` is in ``text`` as written."""
    return norm(label) in norm(text)


def is_value(cell: str) -> bool:
    """True when a cell holds a number or is blank ("", "/", "-", "—")."""
    cell = unicodedata.normalize("NFKC", cell).strip().replace(" ", "")
    return cell in BLANKS or bool(_BLANK_RUN.match(cell)) or bool(_NUMBER.match(cell))


def parse_value(cell: str) -> int | Decimal | None:
    """A cell's number (``None`` when blank); decimals stay :class:`~decimal.Decimal`."""
    cell = unicodedata.normalize("NFKC", cell).strip().replace(" ", "")
    if cell in BLANKS or _BLANK_RUN.match(cell):
        return None
    cell = cell.replace(",", "").replace("，", "").replace("－", "-").lstrip("+")
    try:
        number = Decimal(cell)
    except InvalidOperation:
        return None
    return int(number) if "." not in cell else number
