"""The fonts a PDF embeds: one ``@font-face`` per resolved face, their metrics, and coverage.

:func:`govreport.style.fonts.resolve_fonts` picks a file (and a face of a collection) for every role.
Here each face gets a private CSS family name (``"FandolFang GR"``) and an ``@font-face`` rule whose URL
only the locked fetcher serves, so WeasyPrint embeds exactly the resolved face — never whatever
fontconfig would match for ``仿宋_GB2312`` (it matched Noto Sans CJK **JP** for 黑体 before). A face of a
TrueType/OpenType collection (Noto CJK ``.ttc``) is served as a stand-alone font, the collection's other
faces left out. Fallback faces are declared only when a character of the document needs them.

The advances of each face (fontTools ``hmtx`` through the best ``cmap``) are read once per process:
they drive the line composition.
"""

from __future__ import annotations

import functools
import hashlib
import struct
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from govreport.renderers.html import css_string
from govreport.style.fonts import FALLBACK_ROLE, FontSet, ResolvedFont, coverage
from govreport.style.metrics import COLLECTION_SUFFIXES, cached_derivative, face_advances
from govreport.text.linebreak import Line

_MEDIA_TYPES = {".otf": "font/otf", ".ttf": "font/ttf", ".ttc": "font/otf", ".otc": "font/otf"}


@dataclass(frozen=True, slots=True)
class Face:
    """A resolved font face as the stylesheet and the fetcher know it."""

    path: Path
    index: int
    #: The private CSS family name, e.g. ``FandolFang GR`` (also the font's name inside the PDF).
    family: str
    url: str

    @property
    def media_type(self) -> str:
        return _MEDIA_TYPES.get(self.path.suffix.lower(), "font/otf")

    def css(self) -> str:
        return (f"@font-face {{ font-family: {css_string(self.family)}; src: url({css_string(self.url)}); "
                "font-weight: normal; font-style: normal; }")


@functools.lru_cache(maxsize=64)
def _ascii_name(path: Path, index: int, family: str) -> str:
    """An ASCII name for the face (it becomes the font's name inside the PDF): the family if it is ASCII,
    else the PostScript name (仿宋_GB2312 → FangSong_GB2312)."""
    if family.isascii():
        return family
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index if path.suffix.lower() in COLLECTION_SUFFIXES else -1, lazy=True)
    try:
        name = font["name"].getDebugName(6) or ""
    finally:
        font.close()
    clean = "".join(ch for ch in name if ch.isascii() and (ch.isalnum() or ch in "-_"))
    return clean or "Face" + hashlib.sha256(f"{family}/{index}".encode()).hexdigest()[:8]


def face_of(font: ResolvedFont) -> Face:
    name = _ascii_name(font.path, font.index, font.family) + (" Bold" if font.bold else "")
    collection = font.path.suffix.lower() in COLLECTION_SUFFIXES
    url = font.path.absolute().as_uri() + (f"#face={font.index}" if collection else "")
    return Face(font.path, font.index if collection else 0, f"{name} GR", url)


def face_bytes(path: Path, index: int) -> bytes:
    """The font program of one face: the file itself, or the face cut out of a collection.

    A cut face is kept in the font cache (:func:`govreport.style.metrics.cached_derivative`): cutting
    the 25 MB Noto CJK title face costs ≈ 75 ms a process, reading it back ≈ 10 ms. A cached cut is used
    only if its header and table directory are exactly those the collection gives and its size is
    theirs."""
    if path.suffix.lower() not in COLLECTION_SUFFIXES:
        return path.read_bytes()
    with path.open("rb") as fh:
        head, size = _cut_header(fh, index)
    return cached_derivative(path, index, "sfnt", lambda: _cut_from_collection(path.read_bytes(), index),
                             lambda data: data if len(data) == size and data.startswith(head) else None)


def _layout(read: Callable[[int, int], bytes], index: int) -> tuple[bytes, list[tuple[bytes, int, int, int]]]:
    """The sfnt header and the table records (tag, checksum, offset in the collection, length) of face
    ``index`` of a collection, ``read(offset, size)`` giving its bytes."""
    if read(0, 4) != b"ttcf":
        raise ValueError("not a font collection")
    count = struct.unpack(">I", read(8, 4))[0]
    if not 0 <= index < count:
        raise ValueError(f"face {index} not in a collection of {count}")
    offset = struct.unpack(">I", read(12 + 4 * index, 4))[0]
    sfnt_version, num_tables = struct.unpack(">4sH", read(offset, 6))
    directory = read(offset + 12, 16 * num_tables)
    records = sorted(struct.unpack_from(">4sIII", directory, 16 * i) for i in range(num_tables))
    entry_selector = max(0, num_tables.bit_length() - 1)
    search_range = 16 * (1 << entry_selector)
    header = struct.pack(">4sHHHH", sfnt_version, num_tables, search_range, entry_selector,
                         num_tables * 16 - search_range)
    return header, records


def _cut_directory(header: bytes, records: list[tuple[bytes, int, int, int]]) -> tuple[bytes, list[int]]:
    """The stand-alone font's header and table directory, and where each table goes in it."""
    position = len(header) + 16 * len(records)
    directory = bytearray(header)
    places: list[int] = []
    for tag, checksum, _offset, length in records:
        directory += struct.pack(">4sIII", tag, checksum, position, length)
        places.append(position)
        position += length + (-length % 4)
    places.append(position)  # the total size
    return bytes(directory), places


def _cut_header(fh: BinaryIO, index: int) -> tuple[bytes, int]:
    """The header and directory a cut of face ``index`` starts with, and its size (a few small reads)."""

    def read(offset: int, size: int) -> bytes:
        fh.seek(offset)
        data = fh.read(size)
        if len(data) != size:
            raise ValueError("truncated font collection")
        return data

    directory, places = _cut_directory(*_layout(read, index))
    return directory, places[-1]


def _cut_from_collection(data: bytes, index: int) -> bytes:
    """A stand-alone sfnt of face ``index`` of a TrueType/OpenType collection: its table directory and
    tables copied byte for byte (≈ 30–75 ms for a 25 MB Noto CJK face; fontTools' save takes 0.6 s). The
    tables keep their checksums; nothing in them, dates included, changes."""
    if data[:4] != b"ttcf":
        raise ValueError("not a font collection")
    header, records = _layout(lambda offset, size: data[offset:offset + size], index)
    directory, places = _cut_directory(header, records)
    out = bytearray(places[-1])
    out[:len(directory)] = directory
    for (_tag, _checksum, offset, length), place in zip(records, places, strict=False):
        out[place:place + length] = data[offset:offset + length]
    return bytes(out)


def advances(path: Path, index: int) -> Mapping[int, float]:
    """Code point → advance width in em (1.0 = the font size), for every character the face maps."""
    return face_advances(path, index)


class FontPlan:
    """The faces of one render: per role the CSS family list, the ``@font-face`` rules, and metrics."""

    def __init__(self, fontset: FontSet, text_by_role: Mapping[str, str],
                 fallbacks: tuple[ResolvedFont, ...] | None = None) -> None:
        """``fallbacks``: the fallback faces the text needs, when the caller has walked the coverage
        already (:func:`govreport.style.fonts.coverage`)."""
        self.fontset = fontset
        # The fallbacks in profile order, the same list for every role (one stylesheet for most reports).
        self.fallbacks = fallbacks if fallbacks is not None else coverage(text_by_role, fontset)[1]
        self._chains: dict[str, tuple[Face, ...]] = {}
        for role, font in fontset.roles.items():
            if role == FALLBACK_ROLE:
                continue
            chain = [face_of(font)]
            chain.extend(face_of(f) for f in self.fallbacks if face_of(f) not in chain)
            self._chains[role] = tuple(chain)
        self._widths: dict[str, dict[str, float]] = {}

    @property
    def key(self) -> tuple[tuple[str, tuple[Face, ...]], ...]:
        return tuple(sorted(self._chains.items()))

    def chain(self, role: str) -> tuple[Face, ...]:
        return self._chains[role]

    def faces(self) -> tuple[Face, ...]:
        """Every face to declare, each once."""
        return tuple(dict.fromkeys(face for chain in self._chains.values() for face in chain))

    def families(self) -> tuple[tuple[str, str], ...]:
        """(role, CSS ``font-family`` value) for :func:`govreport.renderers.html.stylesheet`."""
        return tuple((role, ", ".join(css_string(face.family) for face in chain))
                     for role, chain in sorted(self._chains.items()))

    def font_face_css(self) -> str:
        return "\n".join(face.css() for face in self.faces())

    def advances(self, role: str, text: str, size: float) -> list[float]:
        """Each character's advance in points in the face Pango will use (the first in the role's list
        that has it)."""
        table = self._widths.get(role)
        if table is None:
            table = self._widths[role] = {}
        chain = self._chains[role]
        out: list[float] = []
        for ch in text:
            em = table.get(ch)
            if em is None:
                cp = ord(ch)
                em = next((adv[cp] for adv in (advances(f.path, f.index) for f in chain) if cp in adv), None)
                if em is None:  # a space or control no face maps: what Pango would roughly give it
                    em = 1.0 if unicodedata.east_asian_width(ch) in {"W", "F"} else 0.0
                table[ch] = em
            out.append(em * size)
        return out


def runs_of_line(line: Line, runs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    """The (CSS class, text) pieces of ``runs`` that fall on ``line`` (offsets into the runs' text)."""
    out: list[tuple[str, str]] = []
    pos = 0
    for cls, text in runs:
        start, end = max(line.start, pos), min(line.end, pos + len(text))
        if start < end:
            out.append((cls, text[start - pos:end - pos]))
        pos += len(text)
    return out
