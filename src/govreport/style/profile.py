"""Style profiles: every GB/T 9704 number in one place, with its clause and strength.

A profile is a TOML file in ``styles/`` (shipped inside the wheel). A local variant names
``extends = "gbt9704"`` and overrides a few keys. Both renderers read the same :class:`Profile`.
"""

from __future__ import annotations

import difflib
import functools
import math
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from govreport.errors import InputError
from govreport.i18n import _, join
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


_LENGTHS = {"mm", "pt", "twip", "字", "行"}
_TOP_LEVEL = {"name", "description", "extends"}
_QUANTITY_KEYS = {"value", "unit", "clause", "strength", "note", "per"}
_FONT_KEYS = {"docx", "latin", "pdf", "clause"}
#: The largest absolute number a profile may hold (mm, pt, twip …): beyond it nothing can be laid out.
_MAX_VALUE = 100_000.0


def _bad(source: str, key: str, message: str) -> InputError:
    return InputError(message, code="profile", source=source, path=key)


def _did_you_mean(key: str, known: Sequence[str]) -> str:
    close = difflib.get_close_matches(key, list(known), n=1, cutoff=0.6)
    return _("；是不是「{name}」？").format(name=close[0]) if close else ""


def _number(value: object, source: str, key: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _bad(source, key, _("value 应为数字，实际为「{value}」").format(value=str(value)[:30]))
    number = float(value)
    if not math.isfinite(number) or abs(number) > _MAX_VALUE:
        raise _bad(source, key, _("value 应为有限且不超过 {max} 的数，实际为 {value}").format(
            max=int(_MAX_VALUE), value=value))
    return number


def _parse(
    data: Mapping[str, Any], source: str, schema: Profile | None = None
) -> tuple[dict[str, Quantity], dict[str, FontRole]]:
    """The numbers and font roles of one profile file. With ``schema`` (the shipped profile) every key
    must be one of its keys, every unit compatible with its unit and every positive number stay positive."""
    quantities: dict[str, Quantity] = {}
    fonts: dict[str, FontRole] = {}
    known = [k for k, _q in schema.items()] if schema is not None else []
    problems: list[InputError] = []
    for group, entries in data.items():
        if not isinstance(entries, dict):
            if group not in _TOP_LEVEL:
                problems.append(_bad(source, str(group), _("不认识的设置{hint}").format(
                    hint=_did_you_mean(str(group), sorted(_TOP_LEVEL)))))
            continue
        for key, spec in entries.items():
            full = f"{group}.{key}"
            try:
                if not isinstance(spec, dict):
                    raise _bad(source, full, _("格式不对（应为一个 [{key}] 表）").format(key=full))
                if group == "fonts":
                    if schema is not None and key not in schema.font_roles:
                        raise _bad(source, full, _("不认识的字体角色{hint}").format(
                            hint=_did_you_mean(key, sorted(schema.font_roles))))
                    extra = sorted(set(spec) - _FONT_KEYS)
                    if extra or not isinstance(spec.get("docx"), str) or not spec["docx"].strip():
                        raise _bad(source, full,
                                   _("字体角色应有 docx（字体名）、可选 latin、pdf（字体名列表）、clause"))
                    pdf = spec.get("pdf", [])
                    if not isinstance(pdf, list) or not all(isinstance(x, str) for x in pdf):
                        raise _bad(source, full, _("pdf 应为字体名列表"))
                    fonts[key] = FontRole(docx=spec["docx"], latin=str(spec.get("latin", spec["docx"])),
                                          pdf=tuple(pdf), clause=str(spec.get("clause", "")))
                    continue
                base = None
                if schema is not None:
                    if full not in known:
                        raise _bad(source, full, _("不认识的设置{hint}").format(hint=_did_you_mean(full, known)))
                    base = schema.quantity(full)
                extra = sorted(set(spec) - _QUANTITY_KEYS)
                if extra:
                    raise _bad(source, full, _("不认识的字段 {fields}").format(fields=join(extra)))
                unit = spec.get("unit", base.unit if base else "")
                if unit not in _UNITS or "value" not in spec:
                    units = join(sorted(_UNITS))
                    raise _bad(source, full, _("缺少数值或单位无效（单位可为 {units}）").format(units=units))
                value = _number(spec["value"], source, full)
                if base is not None:
                    if unit != base.unit and not (unit in _LENGTHS and base.unit in _LENGTHS):
                        raise _bad(source, full, _("单位应为 {unit}").format(unit=base.unit))
                    if base.value > 0 and value <= 0:
                        raise _bad(source, full, _("应为正数，实际为 {value}").format(value=spec["value"]))
                    if base.unit == "count" and value != int(value):
                        raise _bad(source, full, _("应为整数，实际为 {value}").format(value=spec["value"]))
                per = str(spec.get("per", base.per if base else ""))
                if per and schema is not None and per not in known:
                    raise _bad(source, full, _("per 应为另一个设置的名字，实际为「{per}」").format(per=per))
                quantities[full] = Quantity(
                    value=value,
                    unit=str(unit),
                    clause=str(spec.get("clause", "")),
                    strength=str(spec.get("strength", "")),
                    note=str(spec.get("note", "")),
                    per=per,
                )
            except InputError as exc:
                problems.append(exc)
    if problems:
        raise InputError.merge(problems)
    return quantities, fonts


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise InputError(_("找不到样式文件 {file}").format(file=path.name), code="not-found") from None
    except IsADirectoryError:
        raise InputError(_("{path} 是目录，不是样式文件").format(path=path.name), code="not-a-file") from None
    except OSError as exc:
        raise InputError(_("无法读取样式文件 {file}（错误号 {errno}）").format(file=path.name, errno=exc.errno),
                         code="os-error") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(_("不是有效的 TOML：{error}").format(error=str(exc)[:120]), code="profile",
                         source=path.name) from None


#: How many profiles an ``extends`` chain may pass through.
MAX_EXTENDS = 8


@functools.lru_cache(maxsize=16)
def load_profile(name_or_path: str = "gbt9704") -> Profile:
    """Load a profile by name (a file in styles/) or by path; ``extends`` chains are followed.

    Every profile is checked against the shipped ``gbt9704``: an unknown key, a wrong unit, a value that
    is not a finite number (or not positive where the standard's is), a missing number, or an
    ``extends`` cycle is an :class:`InputError` naming the key and the file (exit code 2).
    """
    return _load(name_or_path, ())


def _path_of(name_or_path: str) -> Path:
    path = Path(name_or_path)
    return path if path.suffix == ".toml" else styles_dir() / f"{name_or_path}.toml"


def _load(name_or_path: str, chain: tuple[Path, ...]) -> Profile:
    path = _path_of(name_or_path)
    resolved = path.resolve()
    if resolved in chain:
        names = " → ".join(p.name for p in (*chain, resolved))
        raise InputError(_("extends 形成循环：{chain}").format(chain=names), code="profile", source=path.name)
    if len(chain) >= MAX_EXTENDS:
        raise InputError(_("extends 层次过多（超过 {max} 层）").format(max=MAX_EXTENDS), code="profile",
                         source=path.name)
    data = _read_toml(path)
    shipped = resolved == _path_of("gbt9704").resolve()
    schema = None if shipped else load_profile("gbt9704")
    quantities: dict[str, Quantity] = {}
    fonts: dict[str, FontRole] = {}
    parent = data.get("extends")
    if parent is not None:
        if not isinstance(parent, str) or not parent.strip():
            raise InputError(_("extends 应为样式名或 .toml 路径"), code="profile", source=path.name)
        beside = path.parent / parent  # a relative .toml path is read beside the file that names it
        ref = str(beside) if parent.endswith(".toml") and not Path(parent).is_absolute() and beside.exists() \
            else parent
        base = _load(ref, (*chain, resolved))
        quantities.update(dict(base.items()))
        fonts.update(base.font_roles)
    q, f = _parse(data, path.name, schema)
    for key, override in q.items():
        if key in quantities and not override.clause:
            base_q = quantities[key]
            override = Quantity(override.value, override.unit, base_q.clause, override.strength,
                                override.note, override.per)
        quantities[key] = override
    fonts.update(f)
    if schema is not None:
        missing = sorted({k for k, _q in schema.items()} - set(quantities)) + sorted(
            set(schema.font_roles) - set(fonts))
        if missing:
            shown = join(missing[:5]) + ("…" if len(missing) > 5 else "")
            raise InputError(_("缺少设置 {keys}（可写 extends = \"gbt9704\" 继承其余设置）").format(keys=shown),
                             code="profile", source=path.name)
    return Profile(str(data.get("name", path.stem)), quantities, fonts, str(data.get("description", "")))
