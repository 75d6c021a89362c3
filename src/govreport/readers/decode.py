"""Bytes → text, once, before a text reader runs: UTF-8 (BOM or not), UTF-16 with a BOM, GB18030/GBK.

GB18030 (what Notepad on Chinese Windows calls ANSI) is accepted only when the result is plainly
Chinese text; a damaged UTF-8 file or another legacy encoding is refused rather than read as mojibake.
"""

from __future__ import annotations

import re
import unicodedata

from govreport.errors import InputError
from govreport.i18n import _
from govreport.text.chars import ILLEGAL_CHARS, line_col

# One valid UTF-8 multi-byte sequence (RFC 3629).
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _mostly_utf8(raw: bytes) -> bool:
    """True when most non-ASCII bytes form valid UTF-8 sequences: a damaged UTF-8 file, not GBK."""
    high = sum(1 for b in raw if b >= 0x80)
    valid = sum(len(m.group()) for m in _UTF8_SEQ.finditer(raw))
    return high > 0 and valid >= 0.8 * high


def _plausible_gb(text: str) -> bool:
    """True when text decoded as GB18030 reads as Chinese: no private-use characters and at least
    nine in ten non-ASCII characters in GB 2312 (mojibake from Big5 or damaged UTF-8 fails this)."""
    wide = [c for c in text if ord(c) >= 0x80]
    if any(unicodedata.category(c) in ("Co", "Cn") for c in wide):
        return False
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.9 * len(wide)


def decode(raw: bytes, name: str, encoding: str | None = None) -> str:
    """The text of a file (see the module's doc). ``encoding``, when the format declares one (an HTML
    page's meta charset), is tried first."""
    advice = _("请用 UTF-8 编码另存")
    if encoding:
        try:
            return raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration: fall back to the rules below
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            message = _("第 {byte} 字节起不是有效的 UTF-16 文本，{advice}")
            raise InputError(message.format(byte=exc.start, advice=advice), code="encoding", source=name) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = line_col(good, len(good))
        where = _("（第 {byte} 字节）").format(byte=exc.start + 1)
        if b"\x00" in raw:
            message = _("含有 NUL 字节：文件可能是 UTF-16（无 BOM）或二进制文件，{advice}")
            raise InputError(message.format(advice=advice), code="encoding", source=name) from None
        if _mostly_utf8(raw):
            message = _("{where}不是有效的 UTF-8：文件似乎是 UTF-8 但已损坏，{advice}")
            raise InputError(message.format(where=where, advice=advice), code="encoding", source=name,
                             line=line, column=col) from None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        message = _("{where}起既不是 UTF-8 也不是 GB18030 文本，{advice}")
        raise InputError(message.format(where=where, advice=advice), code="encoding", source=name,
                         line=line, column=col) from None
    if not _plausible_gb(text):
        message = _("{where}不是 UTF-8，也不像 GBK/GB18030 编码的中文，无法确定编码，{advice}")
        raise InputError(message.format(where=where, advice=advice), code="encoding", source=name,
                         line=line, column=col)
    return text


def check_controls(text: str, name: str) -> None:
    """Refuse control characters in decoded text, naming line and column."""
    m = ILLEGAL_CHARS.search(text)
    if m:
        line, col = line_col(text, m.start())
        hint = _("；文件可能是 UTF-16 或二进制文件") if m.group() == "\x00" else ""
        raise InputError(
            _("含有控制字符 {code}{hint}").format(code=f"U+{ord(m.group()):04X}", hint=hint),
            code="control-char", source=name, line=line, column=col,
        )
