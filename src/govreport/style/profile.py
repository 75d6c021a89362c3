"""Style profiles: every GB/T 9704 number in one place, with its clause and strength.

A profile is a TOML file in ``styles/`` (shipped inside the wheel). A local variant names
``extends = "gbt9704"`` and overrides a few keys. Both renderers read the same :class:`Profile`.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from govreport.errors import InputError
from govreport.i18n import _
from govreport.style.units import mm_to_pt, pt_to_mm, pt_to_twips, twips_to_pt

_UNITS = {"mm", "pt", "twip", "字", "行", "count", "ratio"}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A layout number with its provenance."""

    value: float
    unit: str
    clause: str = ""
    strength: str = ""
    note: str = ""
    #: For 字: the key of the font size the 字 is counted in (default: the body's tightened pitch).
    per: str = ""


@dataclass(frozen=True, slots=True)
class FontRole:
    """The fonts of one role (body, title, heading1 …)."""

    docx: str
    latin: str
    pdf: tuple[str, ...]
    clause: str = ""


def styles_dir() -> Path:
    """The folder holding the shipped profiles (inside the wheel, or the source tree's ``styles/``)."""
    packaged = resources.files("govreport").joinpath("styles")
    if packaged.is_dir():
        return Path(str(packaged))
    source_tree = Path(__file__).resolve().parents[3] / "styles"
    if source_tree.is_dir():
        return source_tree
    raise InputError(_("找不到样式目录 styles/，govreport 可能没有正确安装"))


class Profile:
    """A resolved style profile.

    Numbers are read with :meth:`pt`, :meth:`twips` …, fonts with :meth:`font`.
    """

    def __init__(self, name: str, quantities: Mapping[str, Quantity], fonts: Mapping[str, FontRole],
                 description: str = "") -> None:
        self.name = name
        self.description = description
        self._q = dict(quantities)
        self._fonts = dict(fonts)

    # -- raw access ----------------------------------------------------------------------------
    def quantity(self, key: str) -> Quantity:
        try:
            return self._q[key]
        except KeyError:
            raise KeyError(f"style profile {self.name!r} has no number {key!r}") from None

    def items(self) -> list[tuple[str, Quantity]]:
        return sorted(self._q.items())

    def font(self, role: str) -> FontRole:
        try:
            return self._fonts[role]
        except KeyError:
            raise KeyError(f"style profile {self.name!r} has no font role {role!r}") from None

    @property
    def font_roles(self) -> dict[str, FontRole]:
        return dict(self._fonts)

    # -- derived units -------------------------------------------------------------------------
    @property
    def char_pitch_pt(self) -> float:
        """One 字 at the tightened pitch: body size + letter spacing (16 − 0.25 = 15.75 pt)."""
        return self.pt("body.font_size") + self.pt("body.letter_spacing")

    @property
    def line_pitch_pt(self) -> float:
        return self.pt("body.line_pitch")

    def pt(self, key: str) -> float:
        """The number in points (字 and 行 are converted at the body's tightened pitch)."""
        q = self.quantity(key)
        match q.unit:
            case "pt":
                return float(q.value)
            case "mm":
                return mm_to_pt(q.value)
            case "twip":
                return twips_to_pt(q.value)
            case "字":
                return q.value * (self.pt(q.per) if q.per else self.char_pitch_pt)
            case "行":
                return q.value * self.line_pitch_pt
            case _:
                raise ValueError(f"{key} is a {q.unit}, not a length")

    def mm(self, key: str) -> float:
        q = self.quantity(key)
        return float(q.value) if q.unit == "mm" else pt_to_mm(self.pt(key))

    def twips(self, key: str) -> int:
        q = self.quantity(key)
        return int(q.value) if q.unit == "twip" else pt_to_twips(self.pt(key))

    def count(self, key: str) -> int:
        return int(self.quantity(key).value)

    @property
    def type_width_pt(self) -> float:
        return self.pt("page.type_width")

    @property
    def type_height_pt(self) -> float:
        return self.pt("page.type_height")


def _parse(data: Mapping[str, Any], source: str) -> tuple[dict[str, Quantity], dict[str, FontRole]]:
    quantities: dict[str, Quantity] = {}
    fonts: dict[str, FontRole] = {}
    for group, entries in data.items():
        if not isinstance(entries, dict):
            continue
        for key, spec in entries.items():
            if not isinstance(spec, dict):
                raise InputError(_("样式文件 {file} 中 {key} 格式不对").format(file=source, key=f"{group}.{key}"))
            if group == "fonts":
                fonts[key] = FontRole(
                    docx=str(spec["docx"]),
                    latin=str(spec.get("latin", spec["docx"])),
                    pdf=tuple(str(s) for s in spec.get("pdf", ())),
                    clause=str(spec.get("clause", "")),
                )
                continue
            unit = str(spec.get("unit", ""))
            if unit not in _UNITS or "value" not in spec:
                raise InputError(
                    _("样式文件 {file} 中 {key} 缺少数值或单位无效").format(file=source, key=f"{group}.{key}")
                )
            quantities[f"{group}.{key}"] = Quantity(
                value=float(spec["value"]),
                unit=unit,
                clause=str(spec.get("clause", "")),
                strength=str(spec.get("strength", "")),
                note=str(spec.get("note", "")),
                per=str(spec.get("per", "")),
            )
    return quantities, fonts


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InputError(_("找不到样式文件 {file}").format(file=path.name)) from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(_("样式文件 {file} 不是有效的 TOML：{error}").format(file=path.name, error=exc)) from None


@functools.lru_cache(maxsize=16)
def load_profile(name_or_path: str = "gbt9704") -> Profile:
    """Load a profile by name (a file in styles/) or by path; ``extends`` chains are followed."""
    path = Path(name_or_path)
    if path.suffix != ".toml":
        path = styles_dir() / f"{name_or_path}.toml"
    data = _read_toml(path)
    quantities: dict[str, Quantity] = {}
    fonts: dict[str, FontRole] = {}
    parent = data.get("extends")
    if parent:
        base = load_profile(str(parent))
        quantities.update(dict(base.items()))
        fonts.update(base.font_roles)
    q, f = _parse(data, path.name)
    for key, override in q.items():
        if key in quantities and not override.clause:
            base_q = quantities[key]
            override = Quantity(override.value, override.unit, base_q.clause, override.strength,
                                override.note, override.per)
        quantities[key] = override
    fonts.update(f)
    return Profile(str(data.get("name", path.stem)), quantities, fonts, str(data.get("description", "")))
