"""Per-face character metrics (code point → advance in em), read once and kept in a disk cache.

Reading the ``cmap`` and ``hmtx`` tables of a CJK font with fontTools costs 0.1–0.3 s a face (≈ 0.6 s
for the faces of a report: most of a cold ``govreport render``). The result depends only on the font
file, so it is stored under the user's cache folder (``$GOVREPORT_CACHE_DIR``, else
``$XDG_CACHE_HOME/govreport``, else ``~/.cache/govreport``), keyed by the file's path, face index, size
and modification time, and read back in about a millisecond. A cache that cannot be read or written is
simply not used. :func:`cached_derivative` keeps other facts derived from a font file the same way (the
names of a collection's faces, a face cut out of a collection).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import struct
import tempfile
from array import array
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

_MAGIC = b"GRM1"
#: File suffixes of font collections (TrueType/OpenType .ttc/.otc: several faces in one file).
COLLECTION_SUFFIXES = frozenset({".ttc", ".otc"})


def cache_dir() -> Path | None:
    """The folder of the metrics cache, or None when caching is off (``GOVREPORT_CACHE_DIR=""``)."""
    explicit = os.environ.get("GOVREPORT_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None
    base = os.environ.get("XDG_CACHE_HOME")
    if not base:
        try:
            home = Path.home()
        except (RuntimeError, KeyError):
            return None
        if not home.is_dir():  # a missing $HOME is not created for a cache (the cache is simply off)
            return None
        base = str(home / ".cache")
    return Path(base) / "govreport" / "fonts"


def _cache_file(path: Path, index: int, kind: str = "metrics") -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    # <which face>-<which version of the file>.<kind>: storing a new version removes the older ones.
    face = hashlib.sha256(f"{path.resolve()}|{index}".encode()).hexdigest()[:24]
    version = hashlib.sha256(f"{st.st_size}|{st.st_mtime_ns}".encode()).hexdigest()[:16]
    return folder / f"{face}-{version}.{kind}"


#: The tables a face is read and checked with before it is used (plus every table's length).
_CHECKED_TABLES = ("head", "hhea", "maxp", "name", "cmap", "hmtx", "OS/2", "post")


def check_face(font: Any) -> None:
    """Raise when a face is damaged: a table shorter than its directory says (a truncated file), or
    one of the tables every render reads (and the CFF header) that does not parse."""
    reader = font.reader
    for tag, entry in reader.tables.items():
        if len(reader[tag]) != entry.length:
            raise ValueError(f"table {tag} is truncated")
    for tag in _CHECKED_TABLES:
        if tag in font:
            font[tag]  # decompiles the table
    if "CFF " in font:
        font["CFF "].cff.topDictIndex[0]
    if "glyf" not in font and "CFF " not in font and "CFF2" not in font:
        raise ValueError("no outlines")


def _read_font(path: Path, index: int) -> tuple[int, dict[int, int]]:
    from fontTools.ttLib import TTFont

    collection = path.suffix.lower() in COLLECTION_SUFFIXES
    font = TTFont(str(path), fontNumber=index if collection else -1, lazy=True)
    try:
        check_face(font)
        upem = int(font["head"].unitsPerEm)
        if not 16 <= upem <= 16384:
            raise ValueError("unitsPerEm out of range")
        metrics = font["hmtx"].metrics
        return upem, {cp: int(metrics[glyph][0]) for cp, glyph in (font.getBestCmap() or {}).items()
                      if glyph in metrics}
    finally:
        font.close()


def _encode(upem: int, units: Mapping[int, int]) -> bytes:
    cps = sorted(units)
    codepoints = array("I", cps)
    widths = array("I", (units[cp] for cp in cps))
    return _MAGIC + struct.pack("<II", upem, len(cps)) + codepoints.tobytes() + widths.tobytes()


def _decode(data: bytes) -> tuple[int, dict[int, int]] | None:
    if data[:4] != _MAGIC or len(data) < 12:
        return None
    upem, count = struct.unpack_from("<II", data, 4)
    item = array("I").itemsize
    if upem <= 0 or len(data) != 12 + 2 * count * item:
        return None
    codepoints = array("I")
    codepoints.frombytes(data[12:12 + count * item])
    widths = array("I")
    widths.frombytes(data[12 + count * item:])
    return upem, dict(zip(codepoints, widths, strict=True))


def _store(target: Path, payload: bytes) -> None:
    with contextlib.suppress(OSError):
        target.parent.mkdir(parents=True, exist_ok=True)
        face, _, kind = target.name.partition(".")
        for older in target.parent.glob(f"{face.split('-')[0]}-*.{kind}"):  # the font file has changed
            if older != target:
                older.unlink(missing_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
            Path(tmp).replace(target)
        except OSError:
            Path(tmp).unlink(missing_ok=True)


@functools.lru_cache(maxsize=64)
def face_advances(path: Path, index: int) -> Mapping[int, float]:
    """Code point → advance width in em (1.0 = the font size), for every character the face maps.

    The keys are the face's coverage (its best ``cmap``).
    """
    upem, units = cached_derivative(path, index, "metrics", lambda: _encode(*_read_font(path, index)), _decode)
    return {cp: width / upem for cp, width in units.items()}


def cached_derivative(path: Path, index: int, kind: str, compute: Callable[[], bytes],
                      decode: Callable[[bytes], T | None]) -> T:
    """``decode(compute())`` for face ``index`` of the font file ``path`` (``kind`` names the derivation):
    the bytes are computed once and kept in the disk cache, keyed by the file's path, face index, size and
    modification time. Cached bytes that ``decode`` rejects (returns None for) are computed again."""
    cached = _cache_file(path, index, kind)
    if cached is not None:
        with contextlib.suppress(OSError):
            value = decode(cached.read_bytes())
            if value is not None:
                return value
    data = compute()
    if cached is not None:
        _store(cached, data)
    value = decode(data)
    if value is None:
        raise ValueError(f"{kind} of {path} cannot be decoded")
    return value
