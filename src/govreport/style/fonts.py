"""Which font files the PDF renderer embeds, and whether they can draw every character of a report.

The DOCX names the official fonts (仿宋_GB2312, 黑体 …) and leaves them to the filing machine. A PDF must
embed real files, so each font role of the style profile lists candidates (``[fonts.ROLE] pdf = [...]``):
the official names first, then free substitutes. :func:`resolve_fonts` picks the first candidate that is
installed, looking in the user's font folders before fontconfig, and records whether it is a substitute
so the CLI can say "仿宋_GB2312 → FandolFang（替代）".

:func:`missing_characters` checks coverage with the fonts' cmaps (a character is covered if the role's
font or one of the ``fallback`` role's fonts has it): a report is never printed with a missing-glyph box.

:func:`write_fontconfig` writes a fontconfig file mapping the official names to the resolved free families,
for LibreOffice (``FONTCONFIG_FILE=… soffice --convert-to pdf``) and anything else that asks fontconfig.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govreport.errors import EnvironmentProblem, InputError
from govreport.i18n import N_, _
from govreport.style.metrics import COLLECTION_SUFFIXES, cached_derivative, face_advances
from govreport.style.profile import Profile
from govreport.text.chars import clip

__all__ = [
    "FALLBACK_ROLE",
    "HARFBUZZ_SUBSET_WARNING",
    "FontSet",
    "MissingGlyph",
    "ResolvedFont",
    "coverage",
    "ensure_covered",
    "harfbuzz_subset_available",
    "missing_characters",
    "resolve_fonts",
    "write_fontconfig",
]

log = logging.getLogger(__name__)

#: The role whose candidates draw what a role's own font lacks.
FALLBACK_ROLE = "fallback"

#: Printed by the CLI when :func:`harfbuzz_subset_available` is false (the msgid: print it through
#: :func:`govreport.i18n.gettext`).
HARFBUZZ_SUBSET_WARNING = N_(
    "未找到 libharfbuzz-subset0：PDF 字体子集化将慢约 13 倍且输出不可复现（请安装 libharfbuzz-subset0，"
    "或设置 SOURCE_DATE_EPOCH）。"
)

_FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".otc"}
# Families known to ship a Bold face whose weight says 400, so fontconfig cannot tell it from Regular.
_KNOWN_FLAT_BOLD_FAMILIES = ("FandolSong", "FandolHei")
_REGULAR, _BOLD = 400, 700


# --- public data ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ResolvedFont:
    """The font face one role renders with."""

    role: str
    #: The name the profile asks for (the role's DOCX name, e.g. 仿宋_GB2312).
    requested: str
    #: The family name as installed (e.g. FandolFang, Noto Serif CJK SC).
    family: str
    path: Path
    #: The face inside a TrueType/OpenType collection (0 for a single font file).
    index: int
    #: The candidate asks for the bold face (``"Noto Serif CJK SC:bold"``).
    bold: bool
    #: True when the face is not the profile's first (official) candidate.
    substituted: bool
    #: Names this face stands in for: the DOCX name and the candidates before it that are not installed.
    aliases: tuple[str, ...] = ()
    #: "fontconfig" or the user font folder the file was found in.
    source: str = "fontconfig"

    def describe(self) -> str:
        """One line for the CLI, e.g. ``仿宋_GB2312 → FandolFang（替代）``."""
        face = f"{self.family} Bold" if self.bold else self.family
        if not self.substituted and face == self.requested:
            return face
        if self.substituted:
            return _("{requested} → {face}（替代）").format(requested=self.requested, face=face)
        return f"{self.requested} → {face}"


@dataclass(frozen=True, slots=True)
class FontSet:
    """The resolved face of every role, plus the fallback chain."""

    roles: Mapping[str, ResolvedFont]
    #: Every installed candidate of the ``fallback`` role, in profile order.
    fallback: tuple[ResolvedFont, ...] = ()
    font_dirs: tuple[Path, ...] = ()

    def __getitem__(self, role: str) -> ResolvedFont:
        try:
            return self.roles[role]
        except KeyError:
            raise KeyError(f"font set has no role {role!r}") from None

    def chain(self, role: str) -> tuple[ResolvedFont, ...]:
        """The role's face followed by the fallback faces (without repeating a face)."""
        first = () if role == FALLBACK_ROLE else (self[role],)
        seen: set[tuple[Path, int]] = set()
        out: list[ResolvedFont] = []
        for face in (*first, *self.fallback):
            if (face.path, face.index) not in seen:
                seen.add((face.path, face.index))
                out.append(face)
        return tuple(out)

    def substitutions(self) -> list[ResolvedFont]:
        return [face for role, face in self.roles.items() if face.substituted and role != FALLBACK_ROLE]

    def report_lines(self) -> list[str]:
        """What the CLI prints: one line per role, e.g. ``body: 仿宋_GB2312 → FandolFang（替代）``."""
        return [f"{role}: {face.describe()}" for role, face in self.roles.items() if role != FALLBACK_ROLE]


@dataclass(frozen=True, slots=True)
class MissingGlyph:
    """A character of the report that no font of its role (nor the fallback chain) can draw."""

    char: str
    codepoint: int
    role: str
    #: A short excerpt around the character's first occurrence.
    where: str

    @property
    def label(self) -> str:
        return f"U+{self.codepoint:04X}"

    def __str__(self) -> str:
        return f"{self.char}（{self.label}，{self.role}）：…{self.where}…"


# --- faces: what is installed -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Face:
    families: tuple[str, ...]
    names: frozenset[str]  # normalised family, full and PostScript names
    path: Path
    index: int
    bold: bool
    italic: bool
    weight: int  # CSS scale
    source: str
    #: A Bold face whose weight says Regular (FandolSong/FandolHei Bold report 400).
    flat_bold: bool = False


def _norm(name: str) -> str:
    """fontconfig compares family names ignoring case and blanks."""
    return "".join(name.split()).casefold()


def _split_fc(value: str) -> tuple[str, ...]:
    """Split a fontconfig list value ("a,b\\,c") into its items."""
    items: list[str] = []
    current: list[str] = []
    chars = iter(value)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, ""))
        elif ch == ",":
            items.append("".join(current))
            current = []
        else:
            current.append(ch)
    items.append("".join(current))
    return tuple(item for item in items if item)


def _fc_weight_to_css(weight: int) -> int:
    # FcWeightToOpenType's anchor points.
    table = ((0, 100), (40, 200), (50, 300), (75, 350), (80, 400), (100, 500), (180, 600), (200, 700),
             (205, 800), (210, 900))
    best = min(table, key=lambda pair: abs(pair[0] - weight))
    return best[1]


_FC_FORMAT = "%{family}\t%{style}\t%{weight}\t%{slant}\t%{file}\t%{index}\t%{postscriptname}\t%{fullname}\n"


@functools.cache
def _fontconfig_faces() -> tuple[_Face, ...]:
    """Every face fontconfig knows (one ``fc-list`` call per process)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        log.warning("fc-list not found; only user font folders are searched")
        return ()
    out = subprocess.run([fc_list, "--format", _FC_FORMAT], capture_output=True, check=False, text=True,
                         encoding="utf-8", errors="replace").stdout
    faces: list[_Face] = []
    for line in out.splitlines():
        parts = line.split("\t")
        if len(parts) != 8 or not parts[4]:
            continue
        family, style, weight, slant, file, index, psname, fullname = parts
        families = _split_fc(family)
        styles = " ".join(_split_fc(style)).casefold()
        try:
            fc_weight = int(float(weight or 80))
            raw_index = int(index or 0)
        except ValueError:
            continue
        bold = fc_weight >= 180 or any(word in styles for word in ("bold", "black", "heavy"))
        css_weight = _fc_weight_to_css(fc_weight)
        flat_bold = bold and css_weight < 600  # FandolSong/FandolHei Bold say 400
        if flat_bold:
            css_weight = _BOLD
        faces.append(_Face(
            families=families,
            names=frozenset(_norm(n) for n in (*families, *_split_fc(fullname), psname) if n),
            path=Path(file),
            index=raw_index & 0xFFFF,  # the high bits number variable-font instances
            bold=bold,
            italic=slant not in ("", "0") or "italic" in styles or "oblique" in styles,
            weight=css_weight,
            source="fontconfig",
            flat_bold=flat_bold,
        ))
    return tuple(faces)


def _name_strings(font: Any, *name_ids: int) -> list[str]:
    out: list[str] = []
    for record in font["name"].names:
        if record.nameID in name_ids:
            try:
                text = record.toUnicode()
            except UnicodeDecodeError:
                continue
            if text and text not in out:
                out.append(text)
    return out


def _face_from_ttfont(font: Any, path: Path, index: int, source: str) -> _Face:
    families = _name_strings(font, 16, 1)
    styles = " ".join(_name_strings(font, 17, 2)).casefold()
    os2 = font.get("OS/2")
    weight = int(os2.usWeightClass) if os2 is not None else _REGULAR
    fs_selection = int(os2.fsSelection) if os2 is not None else 0
    mac_style = int(font["head"].macStyle) if "head" in font else 0
    bold = bool(fs_selection & 0x20) or bool(mac_style & 0x1) or weight >= 600 or "bold" in styles
    if bold and weight < 600:
        weight = _BOLD
    italic = bool(fs_selection & 0x1) or bool(mac_style & 0x2) or "italic" in styles
    names = (*families, *_name_strings(font, 4, 6))
    normalised = frozenset(_norm(n) for n in names)
    return _Face(tuple(families), normalised, path, index, bold, italic, weight, source)


@functools.lru_cache(maxsize=256)
def _faces_in_file(path: Path, mtime_ns: int, source: str) -> tuple[_Face, ...]:
    from fontTools.ttLib import TTCollection, TTFont

    try:
        if path.suffix.lower() in COLLECTION_SUFFIXES:
            collection = TTCollection(str(path), lazy=True)
            return tuple(_face_from_ttfont(font, path, i, source) for i, font in enumerate(collection.fonts))
        return (_face_from_ttfont(TTFont(str(path), lazy=True), path, 0, source),)
    except Exception:  # fontTools raises anything on a damaged file: skip it
        log.warning(_("跳过无法读取的字体文件 {path}（文件被截断或内容无效）").format(path=clip(str(path), 200)))
        return ()


#: Bounds of the search of a ``--font-dir``: folders below it, entries looked at, font files read, and
#: the size of one font file. A folder of fonts is far within them; ``--font-dir /`` is not.
MAX_FONT_DIR_DEPTH = 4
MAX_FONT_DIR_ENTRIES = 20_000
MAX_FONT_FILES = 2_000
MAX_FONT_FILE_BYTES = 256 * 1024 * 1024


def _font_files(folder: Path) -> list[Path]:
    """The font files under ``folder`` (at most :data:`MAX_FONT_DIR_DEPTH` folders deep, symbolic links
    to folders not followed), or an InputError when the folder is far larger than a font folder."""
    found: list[Path] = []
    seen = 0
    todo: list[tuple[Path, int]] = [(folder, 0)]
    while todo:
        current, depth = todo.pop()
        try:
            entries = list(os.scandir(current))
        except OSError:
            continue
        seen += len(entries)
        if seen > MAX_FONT_DIR_ENTRIES or len(found) > MAX_FONT_FILES:
            raise InputError(
                _("字体目录 {folder} 太大（超过 {entries} 个条目或 {files} 个字体文件）：请指定只存放字体的目录")
                .format(
                    folder=clip(str(folder), 200), entries=MAX_FONT_DIR_ENTRIES, files=MAX_FONT_FILES
                ),
                code="font-dir",
            )
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth < MAX_FONT_DIR_DEPTH:
                        todo.append((Path(entry.path), depth + 1))
                elif Path(entry.name).suffix.lower() in _FONT_SUFFIXES and entry.is_file():
                    if entry.stat().st_size <= MAX_FONT_FILE_BYTES:
                        found.append(Path(entry.path))
                    else:
                        log.warning(_("跳过过大的字体文件 {path}").format(path=clip(entry.path, 200)))
            except OSError:
                continue
    return sorted(found)


def _faces_in_dir(folder: Path) -> tuple[_Face, ...]:
    if not folder.is_dir():
        raise InputError(_("字体目录不存在：{folder}").format(folder=clip(str(folder), 200)), code="font-dir")
    faces: list[_Face] = []
    for path in _font_files(folder):
        try:
            mtime = path.stat().st_mtime_ns
        except OSError:
            continue
        faces.extend(_faces_in_file(path.absolute(), mtime, str(folder)))
    return tuple(faces)


def _usable(face: _Face) -> bool:
    """Whether a face from a user's font folder can be read whole (its metrics read and cached): a
    damaged file is skipped with a warning, and the next candidate is tried. The faces fontconfig
    lists have been read by fontconfig already; their metrics are read when first needed."""
    if face.source == "fontconfig":
        return True
    try:
        mtime = face.path.stat().st_mtime_ns
    except OSError:
        return False
    return _usable_file(face.path, face.index, mtime)


@functools.lru_cache(maxsize=256)
def _usable_file(path: Path, index: int, mtime_ns: int) -> bool:
    try:
        face_advances(path, index)
    except Exception:  # fontTools raises anything on a damaged file
        log.warning(_("跳过损坏的字体文件 {path}（文件被截断或内容无效）").format(path=clip(str(path), 200)))
        return False
    return True


# --- resolution -------------------------------------------------------------------------------------


def _parse_candidate(candidate: str) -> tuple[str, bool]:
    """``"Noto Serif CJK SC:bold"`` → ``("Noto Serif CJK SC", True)``."""
    name, sep, modifier = candidate.rpartition(":")
    if sep and modifier.strip().casefold() in {"bold", "regular"}:
        return name.strip(), modifier.strip().casefold() == "bold"
    return candidate.strip(), False


def _simplified_chinese_rank(face: _Face) -> int:
    """Prefer the Simplified Chinese face of a CJK collection (Noto CJK TTCs put JP first)."""
    text = " ".join(face.families)
    words = set(text.replace("-", " ").split())
    if words & {"SC", "CN", "GB"} or "简" in text:
        return 0
    if words & {"JP", "KR", "TC", "HK", "K", "J"}:
        return 2
    return 1


def _pick(faces: Iterable[_Face], name: str, bold: bool) -> _Face | None:
    key = _norm(name)
    matches = [face for face in faces if key in face.names]
    if not matches:
        return None
    target = _BOLD if bold else _REGULAR
    return min(matches, key=lambda f: (f.bold != bold, f.italic, _simplified_chinese_rank(f),
                                       abs(f.weight - target), str(f.path), f.index))


def _family_lists(data: bytes) -> list[list[str]] | None:
    try:
        value = json.loads(data)
    except ValueError:
        return None
    if isinstance(value, list) and all(isinstance(v, list) and all(isinstance(n, str) for n in v) for v in value):
        return value
    return None


@functools.lru_cache(maxsize=64)
def _collection_face_families(path: Path) -> tuple[tuple[str, ...], ...]:
    """The family names of each face of a collection, kept in the font cache (reading them imports
    fontTools' ``name`` table code, ≈ 50 ms a process)."""

    def compute() -> bytes:
        from fontTools.ttLib import TTCollection

        collection = TTCollection(str(path), lazy=True)
        return json.dumps([_name_strings(font, 16, 1) for font in collection.fonts], ensure_ascii=False).encode()

    return tuple(tuple(names) for names in cached_derivative(path, -1, "families-v1.json", compute, _family_lists))


def _checked_index(face: _Face) -> int:
    """For a collection, confirm with fontTools that the face index names the family we chose."""
    if face.path.suffix.lower() not in COLLECTION_SUFFIXES:
        return face.index
    try:
        per_face = _collection_face_families(face.path)
    except Exception as exc:  # a broken collection is fontconfig's word against ours
        log.warning("cannot read collection %s: %s", face.path, exc)
        return face.index
    wanted = {_norm(f) for f in face.families}
    if face.index < len(per_face) and wanted & {_norm(f) for f in per_face[face.index]}:
        return face.index
    for i, families in enumerate(per_face):
        if wanted & {_norm(f) for f in families}:
            return i
    return face.index


def resolve_fonts(profile: Profile, font_dirs: Sequence[Path] = ()) -> FontSet:
    """Pick, for each font role of ``profile``, the first ``pdf`` candidate that is installed.

    For each candidate the user's ``font_dirs`` are searched first (fontTools reads the names), then
    fontconfig. Raises :class:`EnvironmentProblem` when a role has no installed candidate.
    """
    dirs = tuple(Path(d).expanduser().resolve() for d in font_dirs)
    sources: list[tuple[_Face, ...]] = [_faces_in_dir(d) for d in dirs]
    sources.append(_fontconfig_faces())

    roles: dict[str, ResolvedFont] = {}
    fallback: list[ResolvedFont] = []
    unresolved: list[str] = []
    for role, spec in profile.font_roles.items():
        for position, candidate in enumerate(spec.pdf):
            name, bold = _parse_candidate(candidate)
            face = next((f for f in (_pick(faces, name, bold) for faces in sources) if f is not None and _usable(f)),
                        None)
            if face is None:
                continue
            family = next((f for f in face.families if _norm(f) == _norm(name)), face.families[0]
                          if face.families else name)
            before = [_parse_candidate(c)[0] for c in spec.pdf[:position]]
            aliases = tuple(n for n in dict.fromkeys([spec.docx, *before]) if _norm(n) not in face.names)
            resolved = ResolvedFont(
                role=role, requested=spec.docx, family=family, path=face.path, index=_checked_index(face),
                bold=bold, substituted=position > 0, aliases=aliases, source=face.source,
            )
            if role == FALLBACK_ROLE:
                if fallback:  # only the first fallback face stands in for the role's DOCX name
                    resolved = ResolvedFont(role, spec.docx, family, resolved.path, resolved.index, bold,
                                            substituted=False, aliases=(), source=face.source)
                fallback.append(resolved)
                roles.setdefault(role, resolved)
                continue
            roles[role] = resolved
            break
        else:
            if role != FALLBACK_ROLE:
                candidates = " / ".join(spec.pdf) or _("未列出候选字体")
                unresolved.append(_("{role}（{candidates}）").format(role=role, candidates=candidates))
    if unresolved:
        raise EnvironmentProblem(
            _(
                "找不到可用字体：{roles}。请运行 scripts/setup.sh 安装免费替代字体，"
                "或用 --font-dir 指定存放已授权字体的目录。"
            ).format(roles=_("；").join(unresolved))
        )
    return FontSet(roles=roles, fallback=tuple(fallback), font_dirs=dirs)


# --- coverage ---------------------------------------------------------------------------------------


def _cmap(path: Path, index: int) -> Mapping[int, float]:
    """The code points a face maps (read once, then from the metrics cache: see style/metrics.py)."""
    return face_advances(path, index)


def needs_glyph(ch: str) -> bool:
    """Whether ``ch`` must be in a font to be printed: everything that can reach the page except the
    line breaks and tabs the layout consumes, and the variation selectors (which select a glyph of the
    character before them and are dropped by the shaper when the font has no such variant). Spaces,
    format and control characters are checked like letters: the loader normalises or refuses them
    (:mod:`govreport.text.chars`), so one that still arrives would print as a box."""
    if ch in "\n\r\t":
        return False
    cp = ord(ch)
    return not (0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF)


def _excerpt(text: str, pos: int, width: int = 8) -> str:
    return " ".join(text[max(0, pos - width): pos + width + 1].split())


def coverage(text_by_role: Mapping[str, str], fontset: FontSet) -> tuple[list[MissingGlyph], tuple[ResolvedFont, ...]]:
    """One walk of every role's text through its chain (the role's face, then the fallbacks): the
    characters no face can draw (:func:`missing_characters`), and the fallback faces that draw some
    character of the text, in profile order (the PDF declares only those)."""
    missing: list[MissingGlyph] = []
    needed: set[ResolvedFont] = set()
    for role, text in text_by_role.items():
        first_seen: dict[str, int] = {}
        for pos, ch in enumerate(text):
            if ch not in first_seen and needs_glyph(ch):
                first_seen[ch] = pos
        uncovered = set(first_seen)
        for face in fontset.chain(role):  # a fallback cmap is read only if something is still uncovered
            if not uncovered:
                break
            cmap = _cmap(face.path, face.index)
            still = {ch for ch in uncovered if ord(ch) not in cmap}
            if len(still) < len(uncovered) and role != FALLBACK_ROLE and face is not fontset[role]:
                needed.add(face)
            uncovered = still
        missing.extend(MissingGlyph(ch, ord(ch), role, _excerpt(text, pos))
                       for ch, pos in first_seen.items() if ch in uncovered)
    return missing, tuple(f for f in fontset.fallback if f in needed)


def missing_characters(text_by_role: Mapping[str, str], fontset: FontSet) -> list[MissingGlyph]:
    """Characters that neither the role's font nor the fallback chain can draw, in order of appearance.

    Each (character, role) pair is reported once, with an excerpt around its first occurrence.
    """
    return coverage(text_by_role, fontset)[0]


def ensure_covered(text_by_role: Mapping[str, str], fontset: FontSet) -> None:
    """Raise :class:`EnvironmentProblem` listing every character that would print as a missing glyph."""
    missing = missing_characters(text_by_role, fontset)
    if missing:
        listed = _("；").join(str(m) for m in missing[:20]) + ("……" if len(missing) > 20 else "")
        raise EnvironmentProblem(
            _(
                "有 {count} 个字符没有任何已安装字体能显示，未生成 PDF：{characters}。"
                "请用 --font-dir 指定含这些字的字体，或安装 fonts-noto-cjk。"
            ).format(count=len(missing), characters=listed)
        )


# --- HarfBuzz subsetting ----------------------------------------------------------------------------


def harfbuzz_subset_available() -> bool:
    """Whether WeasyPrint can subset fonts with HarfBuzz (fast, reproducible) instead of fontTools:
    WeasyPrint's own probe (``weasyprint.text.ffi.harfbuzz_subset``), so the answer is the engine's."""
    try:
        from weasyprint.text.ffi import harfbuzz_subset
    except (ImportError, OSError):
        return False
    return harfbuzz_subset is not None


# --- fontconfig file --------------------------------------------------------------------------------


def _flat_bold_families(fontset: FontSet) -> list[str]:
    """Families whose Bold face fontconfig cannot tell from Regular by weight (FandolSong, FandolHei)."""
    used = {face.family for face in (*fontset.roles.values(), *fontset.fallback)}
    flat = set(_KNOWN_FLAT_BOLD_FAMILIES)
    flat.update(f.families[0] for f in _fontconfig_faces()
                if f.flat_bold and f.families and f.families[0] in used)
    return sorted(flat)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    element.text = text
    return element


def _family_rule(root: ET.Element, official: str, face: ResolvedFont) -> None:
    match = _sub(root, "match", target="pattern")
    test = _sub(match, "test", name="family", qual="any")
    _sub(test, "string", official)
    edit = _sub(match, "edit", name="family", mode="assign", binding="strong")
    _sub(edit, "string", face.family)
    if face.bold:
        weight = _sub(match, "edit", name="weight", mode="assign", binding="strong")
        _sub(weight, "const", "bold")


def _style_rules(root: ET.Element, family: str) -> None:
    # A bold request keeps "Bold" first; every request gets "Regular" as the last choice, so a plain
    # request matches the Regular file although both files report weight 400.
    bold = _sub(root, "match", target="pattern")
    _sub(_sub(bold, "test", name="family", qual="any"), "string", family)
    _sub(_sub(bold, "test", name="weight", compare="more_eq"), "const", "bold")
    _sub(_sub(bold, "edit", name="style", mode="assign_replace", binding="strong"), "string", "Bold")
    regular = _sub(root, "match", target="pattern")
    _sub(_sub(regular, "test", name="family", qual="any"), "string", family)
    _sub(_sub(regular, "edit", name="style", mode="append_last", binding="strong"), "string", "Regular")


def write_fontconfig(fonts: FontSet | Profile, path: Path, font_dirs: Sequence[Path] = ()) -> Path:
    """Write a fontconfig file that maps the profile's official names to the resolved free families.

    Use it as ``FONTCONFIG_FILE`` for LibreOffice (or any fontconfig client): it includes the system's
    ``/etc/fonts/fonts.conf``, adds the user font folders, assigns every DOCX name and uninstalled
    candidate (仿宋_GB2312, 黑体, 方正小标宋简体 …) to its substitute, and makes FandolSong/FandolHei choose
    Regular unless bold is asked for.
    """
    fontset = fonts if isinstance(fonts, FontSet) else resolve_fonts(fonts, font_dirs)
    root = ET.Element("fontconfig")
    ET.SubElement(root, "include", {"ignore_missing": "yes"}).text = "/etc/fonts/fonts.conf"
    for folder in dict.fromkeys((*fontset.font_dirs, *(Path(d).resolve() for d in font_dirs))):
        _sub(root, "dir", str(folder))
    mapped: set[str] = set()
    ordered = sorted(fontset.roles.values(), key=lambda face: face.role == FALLBACK_ROLE)
    for face in ordered:
        for official in face.aliases:
            if _norm(official) not in mapped and _norm(official) != _norm(face.family):
                mapped.add(_norm(official))
                _family_rule(root, official, face)
    for family in _flat_bold_families(fontset):
        _style_rules(root, family)
    ET.indent(root)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    body = ET.tostring(root, encoding="unicode")
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<!-- written by govreport: official font names → installed free substitutes -->\n{body}\n",
        encoding="utf-8",
    )
    return path


