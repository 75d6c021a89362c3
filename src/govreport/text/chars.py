"""Which characters a report may hold, and how user text is shown safely in a message."""

from __future__ import annotations

import re

#: Characters refused anywhere in a report: C0 controls other than tab, newline and carriage return,
#: DEL and the C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF. XML (DOCX, PDF/A
#: metadata) cannot hold most of them, and none of them belongs in a printed report.
ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clip(text: str, n: int = 24) -> str:
    """A short, one-line, printable rendering of user text for a message."""
    flat = ILLEGAL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    flat = flat.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def line_col(text: str, pos: int) -> tuple[int, int]:
    """1-based line and column of offset ``pos`` in ``text``."""
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1
