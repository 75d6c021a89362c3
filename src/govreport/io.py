"""Safe, bounded loading of YAML/JSON reports, and atomic writing of output files.

Everything that can go wrong with an input becomes one :class:`~govreport.errors.InputError` with a
one-line message (exit code 2), Chinese unless :func:`govreport.i18n.set_locale` chose English.
``docs/reliability.md`` lists the limits and the reasons.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import re
import stat
import tempfile
import typing
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

import yaml
from pydantic import BaseModel, ValidationError

from govreport.errors import InputError
from govreport.i18n import N_, _, get_locale, join, ngettext
from govreport.model.report import Report

#: Default upper bound on the size of an input file (bytes).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Deepest nesting of mappings and lists accepted in an input (a report needs about a dozen).
MAX_DEPTH = 64

#: Characters refused anywhere in a report: C0 controls other than tab, newline and carriage return,
#: DEL and the C1 controls, lone surrogates and the non-characters U+FFFE/U+FFFF. XML (DOCX, PDF/A
#: metadata) cannot hold most of them, and none of them belongs in a printed report.
ILLEGAL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _clip(text: str, n: int = 24) -> str:
    """A short, one-line, printable rendering of user text for a message."""
    flat = ILLEGAL_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    flat = flat.replace("\r", "\\r").replace("\n", "\\n").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return flat if len(flat) <= n else flat[: n - 1] + "…"


def _show_path(path: Path | str) -> str:
    return _clip(str(path), 200)


# -- YAML ----------------------------------------------------------------------------------------


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader without aliases (no "billion laughs"), with a nesting limit, refusing duplicate keys,
    and turning bad scalars (2017-02-30, a 5000-digit integer) into messages that give their line."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise InputError(
                _("第 {line} 行：不支持 YAML 锚点/别名（*{anchor}）").format(
                    line=event.start_mark.line + 1, anchor=_clip(str(event.anchor))
                )
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                message = _("第 {line} 行：嵌套层次过深（超过 {max} 层）")
                raise InputError(message.format(line=mark.line + 1, max=MAX_DEPTH))
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _value_node in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                line = key_node.start_mark.line + 1
                try:
                    if key in seen:
                        raise InputError(
                            _("第 {line} 行：键「{key}」重复（第 {first} 行已有）").format(
                                line=line, key=_clip(str(key)), first=seen[key]
                            )
                        )
                    seen[key] = line
                except TypeError:
                    continue  # an unhashable key: the constructor reports it
        return super().construct_mapping(node, deep=deep)

    def _scalar(self, node: Any, construct: Any) -> Any:
        try:
            return construct(self, node)
        except (ValueError, OverflowError) as exc:
            raise InputError(
                _("第 {line} 行：取值「{value}」无效（{error}）").format(
                    line=node.start_mark.line + 1, value=_clip(str(node.value)), error=_clip(str(exc), 60)
                )
            ) from None

    def _timestamp(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_timestamp)

    def _int(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_int)

    def _float(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_float)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader._timestamp)
_SafeLoader.add_constructor("tag:yaml.org,2002:int", _SafeLoader._int)
_SafeLoader.add_constructor("tag:yaml.org,2002:float", _SafeLoader._float)


# -- bytes → text --------------------------------------------------------------------------------

# One valid UTF-8 multi-byte sequence (RFC 3629).
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}"
    rb"|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


def _line_col(text: str, pos: int) -> tuple[int, int]:
    line = text.count("\n", 0, pos) + 1
    return line, pos - (text.rfind("\n", 0, pos) + 1) + 1


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


def _decode(raw: bytes, name: str) -> str:
    """The text of a file: UTF-8 (with or without BOM), UTF-16 with a BOM, or GB18030/GBK.

    GB18030 (what Notepad on Chinese Windows calls ANSI) is accepted only when the result is plainly
    Chinese text; a damaged UTF-8 file or another legacy encoding is refused rather than read as
    mojibake.
    """
    advice = _("请用 UTF-8 编码另存")
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            message = _("{name}：第 {byte} 字节起不是有效的 UTF-16 文本，{advice}")
            raise InputError(message.format(name=name, byte=exc.start, advice=advice)) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(good, len(good))
        where = _("第 {line} 行第 {column} 列（第 {byte} 字节）").format(line=line, column=col, byte=exc.start + 1)
        if b"\x00" in raw:
            message = _("{name}：含有 NUL 字节：文件可能是 UTF-16（无 BOM）或二进制文件，{advice}")
            raise InputError(message.format(name=name, advice=advice)) from None
        if _mostly_utf8(raw):
            message = _("{name}：{where}不是有效的 UTF-8：文件似乎是 UTF-8 但已损坏，{advice}")
            raise InputError(message.format(name=name, where=where, advice=advice)) from None
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        message = _("{name}：{where}起既不是 UTF-8 也不是 GB18030 文本，{advice}")
        raise InputError(message.format(name=name, where=where, advice=advice)) from None
    if not _plausible_gb(text):
        message = _("{name}：{where}不是 UTF-8，也不像 GBK/GB18030 编码的中文，无法确定编码，{advice}")
        raise InputError(message.format(name=name, where=where, advice=advice))
    return text


def _check_controls(text: str, name: str) -> None:
    m = ILLEGAL_CHARS.search(text)
    if m:
        line, col = _line_col(text, m.start())
        hint = _("；文件可能是 UTF-16 或二进制文件") if m.group() == "\x00" else ""
        raise InputError(
            _("{name}：第 {line} 行第 {column} 列含有控制字符 {code}{hint}").format(
                name=name, line=line, column=col, code=f"U+{ord(m.group()):04X}", hint=hint
            )
        )


# -- parsing -------------------------------------------------------------------------------------


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(_("键「{key}」重复").format(key=_clip(key)))
        out[key] = value
    return out


def _named(name: str, message: str) -> str:
    """``message`` prefixed with the input's name (once)."""
    prefix = _("{name}：{message}").format(name=name, message="")
    return message if message.startswith(prefix) else _("{name}：{message}").format(name=name, message=message)


def parse_text(text: str, name: str | None = None) -> Any:
    """Parse YAML (a superset of JSON) safely into plain data; ``name`` (default: 输入) is shown in messages."""
    name = _("输入") if name is None else name
    _check_controls(text, name)
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            try:
                return json.loads(text, object_pairs_hook=_json_pairs)
            except json.JSONDecodeError:
                pass  # YAML flow style: fall through
        return yaml.load(text, Loader=_SafeLoader)
    except InputError as exc:
        raise InputError(_named(name, exc.message)) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _("第 {line} 行第 {column} 列：").format(line=mark.line + 1, column=mark.column + 1) if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        message = _("{name}：{where}YAML/JSON 格式错误（{problem}）")
        raise InputError(message.format(name=name, where=where, problem=_clip(str(problem), 80))) from None
    except RecursionError:
        raise InputError(_("{name}：嵌套层次过深").format(name=name)) from None
    except (ValueError, OverflowError) as exc:  # e.g. a JSON integer of more than 4300 digits
        raise InputError(_("{name}：取值无效（{error}）").format(name=name, error=_clip(str(exc), 80))) from None


#: The file suffixes of a report.
REPORT_SUFFIXES = (".yaml", ".yml", ".json")


def _looks_like_path(text: str) -> bool:
    """A one-line string is a path if it ends like a report file or holds a separator, and does not
    look like YAML/JSON itself ("body: …", "{…}")."""
    if "\n" in text or len(text) >= 4096 or text.lstrip().startswith(("{", "[")) or ": " in text:
        return False
    return text.endswith(REPORT_SUFFIXES) or os.sep in text or (os.altsep or os.sep) in text


def _read_file(path: Path, max_bytes: int) -> bytes:
    shown = _show_path(path)
    try:
        with path.open("rb") as fh:
            st = os.fstat(fh.fileno())
            if stat.S_ISDIR(st.st_mode):
                raise IsADirectoryError
            if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
                raise InputError(
                    _("{name}：文件过大（{size} 字节，上限 {max} 字节，可用 --max-size 调整）").format(
                        name=_clip(path.name, 60), size=st.st_size, max=max_bytes
                    )
                )
            raw = fh.read(max_bytes + 1)  # bounded even for /dev/zero and pipes
    except FileNotFoundError:
        raise InputError(_("找不到文件 {path}").format(path=shown)) from None
    except IsADirectoryError:
        raise InputError(_("{path} 是目录，不是报告文件").format(path=shown)) from None
    except PermissionError:
        raise InputError(_("无权读取 {path}").format(path=shown)) from None
    except OSError as exc:
        raise InputError(_("无法读取 {path}：{error}").format(path=shown, error=exc.strerror or exc)) from None
    except ValueError as exc:  # an embedded NUL in the path
        raise InputError(_("文件名无效：{path}（{error}）").format(path=shown, error=exc)) from None
    if len(raw) > max_bytes:
        raise InputError(
            _("{name}：输入超过上限 {max} 字节，可用 --max-size 调整").format(name=_clip(path.name, 60), max=max_bytes)
        )
    return raw


def read_source(source: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, str]:
    """Read a file (or YAML/JSON text) into plain data; returns (data, display name)."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise InputError(_("大小上限应为正整数（字节），实际为 {value}").format(value=repr(max_bytes)))
    if isinstance(source, os.PathLike) or _looks_like_path(str(source)):
        path = Path(source)
        name = _clip(path.name or str(path), 60)
        text = _decode(_read_file(path, max_bytes), name)
    else:
        text = str(source)
        name = _("输入")
        if len(text.encode("utf-8", errors="surrogatepass")) > max_bytes:
            raise InputError(_("输入过大（上限 {max} 字节）").format(max=max_bytes))
    return parse_text(text, name), name


# -- field paths in the user's terms -------------------------------------------------------------


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []
    todo: list[Any] = [root]
    while todo:
        tp = todo.pop()
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                continue
            seen.append(tp)
            todo.extend(f.annotation for f in tp.model_fields.values())
        else:
            todo.extend(typing.get_args(tp))
    return seen


@functools.lru_cache(maxsize=1)
def _field_names() -> tuple[dict[str, str], frozenset[str]]:
    """(English field name → Chinese alias where unambiguous, names of model classes)."""
    aliases: dict[str, set[str]] = {}
    models = _models(Report)
    for model in models:
        for fname, info in model.model_fields.items():
            if info.alias:
                aliases.setdefault(fname, set()).add(info.alias)
    unique = {k: next(iter(v)) for k, v in aliases.items() if len(v) == 1}
    return unique, frozenset(m.__name__ for m in models)


def _alternatives(key: str) -> list[str]:
    names, _classes = _field_names()
    alts = [names[key]] if key in names else []
    alts.extend(k for k, v in names.items() if v == key)
    return alts


_TYPE_TAGS = {"str", "int", "float", "bool", "date", "datetime", "none", "list", "dict", "tuple", "decimal"}


def _is_tag(item: object) -> bool:
    """A union member pydantic names in an error location (not a key of the input)."""
    if not isinstance(item, str):
        return False
    _names, classes = _field_names()
    return item in _TYPE_TAGS or item in classes or "[" in item or "-" in item


def _step(cur: Any, item: Any) -> tuple[bool, Any, Any]:
    """Follow one location item into the input: (found, the value there, the key or index used)."""
    if isinstance(cur, Mapping):
        if item in cur:
            return True, cur[item], item
        if isinstance(item, str):
            alt = next((a for a in _alternatives(item) if a in cur), None)
            if alt is not None:
                return True, cur[alt], alt
    elif isinstance(cur, (list, tuple)) and isinstance(item, int) and 0 <= item < len(cur):
        return True, cur[item], item
    return False, None, item


def _is_tag_at(loc: Sequence[Any], i: int, cur: Any) -> bool:
    """Whether ``loc[i]`` names a union member rather than a place in the input. A name that is not
    in the input is a member when more of the location follows (a missing field or an unknown key
    always ends a location)."""
    if _is_tag(loc[i]):
        return True
    return i < len(loc) - 1 and isinstance(cur, (Mapping, list, tuple))


def _raw_path(loc: Sequence[int | str], data: Any) -> list[Any]:
    """The pydantic location ``loc`` as a path of the keys and indexes actually in ``data``."""
    path: list[Any] = []
    cur: Any = data
    for i, item in enumerate(loc):
        found, nxt, key = _step(cur, item)
        if found:
            path.append(key)
            cur = nxt
        elif not _is_tag_at(loc, i, cur):
            path.append(item)
            cur = None
    return path


def _heading_of(item: Any) -> str | None:
    if isinstance(item, Mapping):
        for key in ("heading", "标题", "title"):
            value = item.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
    return None


def _submodels(annotation: Any) -> list[type[BaseModel]]:
    """The models an annotation can hold (``list[Section]`` → Section; a block union → two models)."""
    return list(_submodels_of(annotation))


@functools.lru_cache(maxsize=1024)
def _submodels_of(annotation: Any) -> tuple[type[BaseModel], ...]:
    # Cached: the walk ran for every mapping of every input; the annotations are the models' own, so few.
    # _same_field_twice on the example gb2021 report: 1.6 → 0.95 ms, load() −25 % (measured side by side).
    out: list[type[BaseModel]] = []
    todo = [annotation]
    while todo:
        tp = todo.pop(0)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            out.append(tp)
        else:
            todo.extend(typing.get_args(tp))
    return tuple(out)


@functools.lru_cache(maxsize=256)
def _keys_of(model: type[BaseModel]) -> dict[str, tuple[str, str | None]]:
    """Every key ``model`` accepts (field names and aliases) → (field name, alias)."""
    out: dict[str, tuple[str, str | None]] = {}
    for fname, info in model.model_fields.items():
        out[fname] = (fname, info.alias)
        if info.alias:
            out[info.alias] = (fname, info.alias)
    return out


def _choose(models: list[type[BaseModel]], value: Any) -> type[BaseModel] | None:
    """Of the models a value may be, the one whose keys match most of the value's keys."""
    if not models:
        return None
    keys = list(value) if isinstance(value, Mapping) else []
    return max(models, key=lambda m: sum(1 for k in keys if isinstance(k, str) and k in _keys_of(m)))


def describe_path(path: Sequence[Any], data: Any) -> str:
    """A path into the input data in the user's terms: 章节 → 第2项「概述」 → 内容 → 第3项.

    A key is shown as the user wrote it; an English field name is followed by its Chinese name.
    """
    parts: list[str] = []
    cur: Any = data
    models: list[type[BaseModel]] = [Report]
    for step in path:
        if isinstance(cur, (list, tuple)) and isinstance(step, int) and not isinstance(step, bool):
            cur = cur[step] if 0 <= step < len(cur) else None
            heading = _heading_of(cur)
            item = _("第{n}项").format(n=step + 1)
            parts.append(item + (_("「{heading}」").format(heading=_clip(heading, 16)) if heading else ""))
            continue
        model = _choose(models, cur)
        known = _keys_of(model).get(step) if model is not None and isinstance(step, str) else None
        if known is not None:
            fname, alias = known
            if alias and step == alias and get_locale() != "zh_CN" and not (isinstance(cur, Mapping) and step in cur):
                parts.append(fname)  # a missing field: English messages name it by its English key
            elif step == alias or not alias:
                parts.append(step)
            else:
                parts.append(_("{alias}（{key}）").format(alias=alias, key=step))
            models = _submodels(model.model_fields[fname].annotation) if model is not None else []
        else:
            parts.append(_clip(step, 30) if isinstance(step, str) else _("键 {key}").format(key=_clip(repr(step), 30)))
            models = []
        cur = cur.get(step) if isinstance(cur, Mapping) else None
    return " → ".join(parts) or _("报告")


def _loc(loc: tuple[int | str, ...], data: Any = None) -> str:
    return describe_path(_raw_path(loc, data), data)


# -- pydantic errors → one Chinese line ----------------------------------------------------------

_MESSAGES = {
    "missing": N_("缺少必填字段"),
    "extra_forbidden": N_("不认识的字段（拼写有误？可用字段见 govreport schema）"),
    "invalid_key": N_("键应为文字（数字、日期或 yes/no/true/false 作键时请加引号）"),
    "int_parsing": N_("应为整数"),
    "int_type": N_("应为整数"),
    "int_from_float": N_("应为整数（不能有小数）"),
    "int_parsing_size": N_("整数位数过多"),
    "finite_number": N_("应为有限的数"),
    "float_parsing": N_("应为数字"),
    "float_type": N_("应为数字"),
    "decimal_parsing": N_("应为数字"),
    "decimal_type": N_("应为数字"),
    "string_type": N_("应为文字"),
    "string_unicode": N_("含有无法编码的字符（孤立的代理项）"),
    "string_too_short": N_("不能为空"),
    "string_too_long": N_("太长（最多 {max_length} 字）"),
    "string_pattern_mismatch": N_("格式不对"),
    "date_from_datetime_parsing": N_("应为日期（如 2017-01-20）"),
    "date_from_datetime_inexact": N_("应为日期，不含时刻（如 2017-01-20）"),
    "date_parsing": N_("应为日期（如 2017-01-20）"),
    "date_type": N_("应为日期（如 2017-01-20）"),
    "greater_than_equal": N_("数值太小（不得小于 {ge}）"),
    "greater_than": N_("数值太小（应大于 {gt}）"),
    "less_than_equal": N_("数值太大（不得大于 {le}）"),
    "less_than": N_("数值太大（应小于 {lt}）"),
    "enum": N_("取值不在允许范围内（可选：{expected}）"),
    "literal_error": N_("取值不在允许范围内（可选：{expected}）"),
    "list_type": N_("应为列表"),
    "tuple_type": N_("应为列表"),
    "set_type": N_("应为列表"),
    "too_short": N_("项数太少（至少 {min_length} 项）"),
    "too_long": N_("项数太多（最多 {max_length} 项）"),
    "model_type": N_("应为键值对（映射）"),
    "model_attributes_type": N_("应为键值对（映射）"),
    "dict_type": N_("应为键值对（映射）"),
    "bool_parsing": N_("应为 true 或 false"),
    "bool_type": N_("应为 true 或 false"),
    "none_required": N_("应为空"),
    "recursion_loop": N_("嵌套层次过深"),
    "union_tag_invalid": N_("类型不对"),
    "union_tag_not_found": N_("类型不对"),
}
_ROOT_TYPE_ERRORS = {
    "string_type", "model_type", "model_attributes_type", "dict_type", "int_type", "list_type", "tuple_type",
    "none_required", "date_type", "float_type", "bool_type", "is_instance_of", "literal_error", "enum",
}
_KINDS = {"str": N_("文字"), "int": N_("整数"), "float": N_("数字"), "bool": "true/false", "date": N_("日期"),
          "none": N_("空值"), "list": N_("列表"), "tuple": N_("列表"), "dict": N_("键值对")}


def _kind(tag: str) -> str:
    _names, classes = _field_names()
    if tag in classes:
        return _("键值对")
    base = re.sub(r"^(constrained|function-\w+|nullable|lax-or-strict|json-or-python)[-\[]?", "", tag)
    base = base.split("[", 1)[0].strip("[]-") or tag
    return _(_KINDS[base]) if base in _KINDS else tag


def _tag_index(loc: Sequence[Any], data: Any, start: int = 0) -> int | None:
    """The index of the first union-member name in ``loc`` at or after ``start``."""
    cur: Any = data
    for i, item in enumerate(loc):
        found, nxt, _key = _step(cur, item)
        if found:
            cur = nxt
        elif _is_tag_at(loc, i, cur):
            if i >= start:
                return i
        else:
            cur = None
    return None


def _collapse(errors: list[Any], data: Any, start: int = 0) -> list[Any]:
    """One error per wrong place. For a union (a block is a paragraph, a sub-heading or an insert)
    the alternative that came closest stands for the place, or a synthetic "expected one of" when
    the value fits none of them."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for e in errors:
        loc = tuple(e["loc"])
        idx = _tag_index(loc, data, start)
        groups.setdefault(loc if idx is None else (*loc[:idx], None), []).append((idx, e))
    out: list[Any] = []
    for members in groups.values():
        idx = members[0][0]
        if idx is None:
            out.extend(e for _i, e in members)
            continue
        branches: dict[str, list[Any]] = {}
        for _i, e in members:
            branches.setdefault(str(e["loc"][idx]), []).append(e)
        deep = {
            tag: errs for tag, errs in branches.items()
            if not (len(errs) == 1 and errs[0]["type"] in _ROOT_TYPE_ERRORS and len(errs[0]["loc"]) == idx + 1)
        }
        if not deep:
            first = members[0][1]
            kinds = list(dict.fromkeys(_kind(t) for t in branches))
            out.append({"type": "union_type", "loc": tuple(first["loc"][:idx]), "input": first.get("input"),
                        "msg": "Input matches none of the allowed types", "ctx": {"kinds": _("或").join(kinds)}})
            continue

        def misfit(errs: list[Any], idx: int = idx) -> tuple[int, int]:
            # a branch whose keys are wrong (missing / unknown) fits worse than one wrong deep inside
            shape = sum(1 for e in errs if e["type"] in ("missing", "extra_forbidden") and len(e["loc"]) == idx + 2)
            return shape, len(_collapse(errs, data, idx + 1))

        out.extend(_collapse(min(deep.values(), key=misfit), data, idx + 1))
    return out


def _zh_list(text: str) -> str:
    """"'a', 'b' or 'c'" (pydantic's list of allowed values) → "a、b、c" (a, b, c in English)."""
    if "'" not in text:
        return text
    return join(re.findall(r"'([^']*)'", text))


def _describe_error(e: Any) -> str:
    if e["type"] == "union_type":
        return _("应为{kinds}").format(kinds=e["ctx"]["kinds"])
    kind = e["type"]
    template = _(_MESSAGES[kind]) if kind in _MESSAGES else None
    ctx = {k: _clip(_zh_list(str(v)), 60) for k, v in (e.get("ctx") or {}).items()}
    if template is None:
        msg = str(e.get("msg", ""))
        msg = re.sub(r"^(Value error|Assertion failed), ", "", msg)
        return _("取值无效：{error}").format(error=_clip(msg, 120))
    try:
        return template.format(**ctx)
    except (KeyError, IndexError):
        return re.sub(r"（[^（）]*\{.*", "", template)


def validation_message(exc: ValidationError, name: str, data: Any = None) -> str:
    """One readable line (the first problem, plus a count) for a pydantic ValidationError.

    ``data`` is the input that failed; with it the field path uses the user's own keys and names
    list items by their heading (章节 → 第2项「概述」 → 内容 → 第3项).
    """
    errors = exc.errors(include_url=False)
    if not errors:  # pragma: no cover - pydantic always reports at least one
        return _("{name}：不是有效的报告").format(name=name)
    places = _collapse(errors, data)
    first = places[0]
    what = _describe_error(first)
    value = first.get("input")
    shown = ""
    if first["type"] not in ("missing", "extra_forbidden", "invalid_key") and isinstance(value, (str, int, float)):
        shown = _("，实际为「{value}」").format(value=_clip(str(value), 30))
    n = len(places)
    more = ngettext("（另有 {n} 处错误）", "（另有 {n} 处错误）", n - 1).format(n=n - 1) if n > 1 else ""
    return _("{name}：{where}：{problem}{value}{more}").format(
        name=name, where=_loc(tuple(first["loc"]), data), problem=what, value=shown, more=more
    )


# -- the whole input -----------------------------------------------------------------------------


def scan_data(data: Any, name: str | None = None) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and illegal characters in any key or string
    (those that YAML or JSON escapes such as ``"\\x07"`` or ``"\\u0000"`` put there), naming the field."""
    name = _("输入") if name is None else name
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            message = _("{name}：{where} → …：嵌套层次过深（超过 {max} 层）")
            raise InputError(message.format(name=name, where=describe_path(path[:8], data), max=MAX_DEPTH))
        if isinstance(value, str):
            m = ILLEGAL_CHARS.search(value)
            if m:
                raise InputError(
                    _("{name}：{where}：第 {n} 个字符是控制字符或非法字符 {code}，报告中不允许").format(
                        name=name, where=describe_path(path, data), n=m.start() + 1, code=f"U+{ord(m.group()):04X}"
                    )
                )
        elif isinstance(value, Mapping):
            items = list(value.items())
            for key, item in reversed(items):
                stack.append((item, (*path, key)))
            for key, _item in items:
                if isinstance(key, str) and ILLEGAL_CHARS.search(key):
                    message = _("{name}：{where}：键「{key}」含有控制字符")
                    raise InputError(message.format(name=name, where=describe_path(path, data), key=_clip(key)))
        elif isinstance(value, (list, tuple)):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], (*path, i)))


def _same_field_twice(data: Any, name: str) -> None:
    """Refuse a mapping that gives one field under both its names (``body`` and ``发布机关``)."""
    stack: list[tuple[Any, list[type[BaseModel]], tuple[Any, ...]]] = [(data, [Report], ())]
    while stack:
        value, models, path = stack.pop()
        if isinstance(value, (list, tuple)):
            stack.extend((item, models, (*path, i)) for i, item in enumerate(value))
            continue
        model = _choose(models, value) if isinstance(value, Mapping) else None
        if model is None:
            continue
        keys = _keys_of(model)
        for fname, info in model.model_fields.items():
            if info.alias and fname in value and info.alias in value:
                where = _("{where}：").format(where=describe_path(path, data)) if path else ""
                raise InputError(
                    _("{name}：{where}「{field}」与「{alias}」是同一个字段，只能写一个").format(
                        name=name, where=where, field=fname, alias=info.alias
                    )
                )
        for key, item in value.items():
            if isinstance(key, str) and key in keys:
                stack.append((item, _submodels(model.model_fields[keys[key][0]].annotation), (*path, key)))


_TYPE_NAMES = {"list": N_("列表"), "str": N_("文字"), "int": N_("整数"), "float": N_("数字"), "bool": "true/false",
               "bytes": N_("二进制数据"), "date": N_("日期"), "datetime": N_("日期时间"), "set": N_("集合")}


def load(source: str | os.PathLike[str] | Mapping[str, Any], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Load a report from a YAML/JSON file path, YAML/JSON text, or a dict.

    ``max_bytes`` bounds the size of a file or text (default 10 MB). Raises
    :class:`~govreport.errors.InputError` (exit code 2) with one message (Chinese unless
    :func:`govreport.i18n.set_locale` chose English) when the input cannot be read or is not a report.
    """
    if isinstance(source, Mapping):
        data: Any = source
        name = _("输入")
    else:
        data, name = read_source(source, max_bytes)
    if not isinstance(data, dict):
        type_name = type(data).__name__
        kind = _("空文档") if data is None else (_(_TYPE_NAMES[type_name]) if type_name in _TYPE_NAMES else type_name)
        raise InputError(_("{name}：顶层应为键值对（映射），实际是{kind}").format(name=name, kind=kind))
    scan_data(data, name)
    _same_field_twice(data, name)
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_message(exc, name, data)) from None
    except RecursionError:
        raise InputError(_("{name}：嵌套层次过深").format(name=name)) from None


def check_report_text(report: Report) -> None:
    """Refuse a report (however it was built) that holds characters XML cannot carry, naming the field.

    :func:`load` refuses them already; this guards reports built in code before a renderer sees them.
    """
    scan_data(report.model_dump(by_alias=True, mode="python"), _("报告"))


# -- output file names ---------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|]+')
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{p}{n}" for p in ("COM", "LPT") for n in "0123456789¹²³")}
)
#: Upper bound (UTF-8 bytes) of a file name stem; with an extension and the temporary-file affixes
#: the name stays well under the 255 bytes most file systems allow.
MAX_STEM_BYTES = 150


def safe_filename(stem: str, default: str = "report", max_bytes: int = MAX_STEM_BYTES) -> str:
    """A file name stem derived from report content, safe on Linux, macOS and Windows.

    No path separators or characters Windows forbids, no control or invisible format characters
    (e.g. U+202E, which can disguise an extension), no ``..``, no leading dot or dash, no reserved
    Windows device name (CON, NUL, COM1 …), at most ``max_bytes`` bytes of UTF-8.
    """
    name = unicodedata.normalize("NFC", str(stem))
    name = "".join("_" if unicodedata.category(c)[0] in ("C", "Z") and c != " " else c for c in name)
    name = _UNSAFE.sub("_", name)
    name = re.sub(r"\.{2,}", "_", name)
    name = re.sub(r"_{2,}", "_", name).strip(" ._-")
    cut = name.encode("utf-8")[:max_bytes].decode("utf-8", errors="ignore")
    name = cut.rstrip(" ._")
    if not name:
        return default
    if name.split(".", 1)[0].strip().upper() in _WINDOWS_RESERVED:
        name = f"_{name}"
    return name


# -- atomic writes -------------------------------------------------------------------------------


def _new_file_mode(path: Path) -> int:
    """The mode the output should get: an existing file's mode, else what the umask allows."""
    with contextlib.suppress(OSError):
        return stat.S_IMODE(path.stat().st_mode)
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _stage(path: Path) -> tuple[int, str]:
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = "." + path.name.encode("utf-8")[:40].decode("utf-8", errors="ignore") + "."
    return tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)


@contextlib.contextmanager
def _staged(path: Path) -> Iterator[tuple[IO[bytes], str]]:
    """A temporary file beside ``path`` for the block to write: then flushed to disk and given the mode a
    new ``path`` would have. Removed if the block fails; the caller renames (or removes) it."""
    mode = _new_file_mode(path)
    fd, tmp = _stage(path)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh, tmp
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).chmod(mode)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only on success.

    On any failure the temporary file is removed and an existing ``path`` is left untouched.
    """
    path = Path(path)
    with _staged(path) as (fh, tmp):
        yield fh
    try:
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path) as fh:
        fh.write(data)


def write_many(outputs: Sequence[tuple[Path, bytes]]) -> None:
    """Write several files as one step: all are staged as temporary files first and renamed into
    place only when every one was written, so a failure (a full disk) leaves none of them behind and
    every existing file untouched."""
    staged: list[tuple[str, Path]] = []
    try:
        for path, data in outputs:
            with _staged(Path(path)) as (fh, tmp):
                fh.write(data)
            staged.append((tmp, Path(path)))
        for tmp, path in staged:
            Path(tmp).replace(path)
    except BaseException:
        for tmp, _target in staged:
            with contextlib.suppress(FileNotFoundError):
                Path(tmp).unlink()
        raise

