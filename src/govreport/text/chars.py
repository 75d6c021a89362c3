"""Which characters a report may hold, and how user text is shown safely in a message."""

from __future__ import annotations

import re

#: Characters refused anywhere in a report: C0 controls other than tab, newline and carriage return,
#: DEL and the C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF. XML (DOCX, PDF/A
#: metadata) cannot hold most of them, and none of them belongs in a printed report.
ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


# -- the one rule for the characters of a report's text (applied at load, to every reader's data) --------
#
# * the line and paragraph separators U+2028 and U+2029 (pasted from web pages and Word) are read as
#   "\n" — exactly as if the line had been broken there (U+0085 NEL is a C1 control: refused, as are
#   the vertical tab and the form feed);
# * the typographic spaces other than U+0020, U+00A0 and U+3000 (U+1680, U+2000–U+200A, U+202F,
#   U+205F) are read as U+0020: no font needs to have them, none can print as a box;
# * invisible characters that change nothing a reader sees — zero-width space, zero-width (non-)joiner,
#   word joiner, zero-width no-break space/BOM, soft hyphen, Mongolian vowel separator — are removed;
# * every other format character (Unicode category Cf) is refused with the field and the code point:
#   the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E/U+200F, U+061C) make a
#   renderer print "9113" for the "3119" the checks read; the rest (invisible operators, tags,
#   interlinear annotation, prepended concatenation marks, U+FFFC) have no place in a printed report.

_LINE_BREAKS = "\u2028\u2029"
_SPACES = "\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f"
#: The invisible characters removed from a report's text.
STRIPPED_CHARS = "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"
_CLEAN = str.maketrans({**dict.fromkeys(_LINE_BREAKS, "\n"), **dict.fromkeys(_SPACES, " "),
                        **dict.fromkeys(STRIPPED_CHARS)})

#: The bidirectional controls: they change the order in which characters are shown.
BIDI_CONTROLS = re.compile(r"[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
#: Every character refused in a report's text besides :data:`ILLEGAL_CHARS`: the format characters
#: (Cf) that :func:`clean_text` does not remove, and U+FFFC (an embedded object's placeholder).
FORMAT_CHARS = re.compile(
    "[\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u200e\u200f\u202a-\u202e\u2061-\u2064"
    "\u2066-\u206f\ufff9-\ufffc\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
#: What :func:`clean_text` changes (a report built in code must not hold it either).
UNCLEAN_CHARS = re.compile(f"[{_LINE_BREAKS}{_SPACES}{STRIPPED_CHARS}]")


def clean_text(text: str) -> str:
    """``text`` under the rule above: separators → "\n", odd spaces → " ", invisible characters removed.
    Refused characters (:data:`FORMAT_CHARS`, :data:`ILLEGAL_CHARS`) are left for the caller to name."""
    return text.translate(_CLEAN)


def clip(text: str, n: int = 24) -> str:
    """A short, one-line, printable rendering of user text for a message (control, format and
    separator characters shown as ``\\uXXXX``, so that none reaches a terminal raw)."""
    flat = ILLEGAL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    flat = _SHOWN_ESCAPED.sub(lambda m: f"\\u{ord(m.group()):04x}", flat)
    flat = flat.replace("\r", "\\r").replace("\n", "\\n")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


_SHOWN_ESCAPED = re.compile(f"[{_LINE_BREAKS}{STRIPPED_CHARS}]|{FORMAT_CHARS.pattern}")


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of offset ``pos`` in ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
