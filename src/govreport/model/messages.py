"""Pydantic's errors in the user's words, and the rules every report's plain data obeys.

A field path uses the user's own keys and names list items by their heading (章节 → 第2项「概述」 →
内容 → 第3项); :func:`validate_report` turns plain data from any reader into a
:class:`~govreport.model.Report` or one :class:`~govreport.errors.InputError` holding every problem.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ValidationError

from govreport.errors import InputError, Problem
from govreport.i18n import N_, _, get_locale, join
from govreport.model.report import Report
from govreport.text.chars import BIDI_CONTROLS, FORMAT_CHARS, ILLEGAL_CHARS, UNCLEAN_CHARS, clean_text
from govreport.text.chars import clip as _clip

#: Deepest nesting of mappings and lists accepted in an input (a report needs about a dozen).
MAX_DEPTH = 64
#: Limits that bound the work of a render, not only the bytes read (docs/reliability.md): the longest
#: single text (a paragraph, a heading, a title) in characters, the number of texts, and all their
#: characters together. A long real report has a few hundred paragraphs, none over 3,000 characters,
#: and 60,000 characters in all.
MAX_TEXT_CHARS = 20_000
MAX_TEXTS = 10_000
MAX_TOTAL_CHARS = 1_000_000



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
    "count_parsing": N_("应为整数（如 12 或 12,846）"),
    "number_too_large": N_("数值太大（绝对值不得超过 {max}）"),
    "number_too_long": N_("数字太长（最多 {max} 个字符）"),
    "amount_places": N_("小数位数过多（最多 {max} 位）"),
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
    if e["type"] == "report_date":  # already in the user's words (govreport.text.zh.parse_date)
        return str(e["ctx"]["reason"])
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


_CODES = {"missing": "missing", "extra_forbidden": "unknown-key", "invalid_key": "type", "union_type": "type"}


def _did_you_mean(e: Any) -> str:
    """ "did you mean" for an unknown key: the closest field names of the model at that place."""
    import difflib

    key = e["loc"][-1] if e.get("loc") else None
    if e["type"] != "extra_forbidden" or not isinstance(key, str):
        return ""
    names, _classes = _field_names()
    close = difflib.get_close_matches(key, list(names), n=2, cutoff=0.6)
    if not close:
        return ""
    return _("；是不是「{names}」？").format(names=_("」或「").join(close))


def validation_problems(exc: ValidationError, name: str, data: Any = None) -> list[Problem]:
    """Every problem of a pydantic ValidationError, one per wrong place, in the user's words.

    ``data`` is the input that failed; with it the field path uses the user's own keys and names
    list items by their heading (章节 → 第2项「概述」 → 内容 → 第3项).
    """
    errors = exc.errors(include_url=False)
    problems: list[Problem] = []
    for e in _collapse(errors, data):
        what = _describe_error(e) + _did_you_mean(e)
        value = e.get("input")
        shown = ""
        if e["type"] not in ("missing", "extra_forbidden", "invalid_key", "report_date") \
                and isinstance(value, (str, int, float)):
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            shown = _("，实际为「{value}」").format(value=_clip(text, 30))
        code = _CODES.get(e["type"], "value")
        problems.append(Problem(what + shown, code=code, source=name, path=_loc(tuple(e["loc"]), data)))
    return problems or [Problem(_("不是有效的报告"), source=name)]


def validation_message(exc: ValidationError, name: str, data: Any = None) -> str:
    """One readable line (the first problem, plus a count) for a pydantic ValidationError."""
    return InputError(validation_problems(exc, name, data)).message


# -- the whole input -----------------------------------------------------------------------------


def scan_data(data: Any, name: str | None = None) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and illegal characters in any key or string
    (those that YAML or JSON escapes such as ``"\\x07"`` or ``"\\u0000"`` put there), naming the field."""
    name = _("输入") if name is None else name
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    texts = chars = 0
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            raise InputError(_("嵌套层次过深（超过 {max} 层）").format(max=MAX_DEPTH), code="depth", source=name,
                             path=describe_path(path[:8], data) + " → …")
        if isinstance(value, str):
            texts += 1
            chars += len(value)
            if len(value) > MAX_TEXT_CHARS:
                raise InputError(
                    _("太长（{n} 字，一段最多 {max} 字）：请分成几段").format(n=len(value), max=MAX_TEXT_CHARS),
                    code="too-long", source=name, path=describe_path(path, data),
                )
            if texts > MAX_TEXTS:
                raise InputError(_("段落和标题太多（超过 {max} 段）").format(max=MAX_TEXTS), code="too-long",
                                 source=name)
            if chars > MAX_TOTAL_CHARS:
                raise InputError(_("报告的文字太多（超过 {max} 字）").format(max=MAX_TOTAL_CHARS), code="too-long",
                                 source=name)
            _refuse_chars(value, name, path, data)
        elif isinstance(value, Mapping):
            items = list(value.items())
            for key, item in reversed(items):
                stack.append((item, (*path, key)))
            for key, _item in items:
                if isinstance(key, str) and ILLEGAL_CHARS.search(key):
                    raise InputError(_("键「{key}」含有控制字符").format(key=_clip(key)), code="control-char",
                                     source=name, path=describe_path(path, data))
                if isinstance(key, str) and (m := FORMAT_CHARS.search(key) or UNCLEAN_CHARS.search(key)):
                    raise InputError(_("键「{key}」含有不可见的格式字符 {code}").format(
                        key=_clip(key), code=f"U+{ord(m.group()):04X}"), code="format-char",
                        source=name, path=describe_path(path, data))
        elif isinstance(value, (list, tuple)):
            for i in range(len(value) - 1, -1, -1):
                stack.append((value[i], (*path, i)))


def _refuse_chars(value: str, name: str, path: tuple[Any, ...], data: Any) -> None:
    """The character rule of :mod:`govreport.text.chars`: name the first refused character and its place."""
    m = ILLEGAL_CHARS.search(value)
    if m:
        raise InputError(
            _("第 {n} 个字符是控制字符或非法字符 {code}，报告中不允许").format(
                n=m.start() + 1, code=f"U+{ord(m.group()):04X}"
            ),
            code="control-char", source=name, path=describe_path(path, data),
        )
    m = FORMAT_CHARS.search(value) or UNCLEAN_CHARS.search(value)
    if m:
        code = f"U+{ord(m.group()):04X}"
        if BIDI_CONTROLS.match(m.group()):
            what = _("第 {n} 个字符是双向文字控制符 {code}：它改变文字的显示顺序（印出的与校验的不同），"
                     "报告中不允许，请删除")
        elif UNCLEAN_CHARS.match(m.group()):  # only a report built in code still holds these
            what = _("第 {n} 个字符 {code} 是分隔符、特殊空格或不可见字符，应先用 govreport.load 规范化")
        else:
            what = _("第 {n} 个字符是不可见的格式字符 {code}，报告中不允许，请删除")
        raise InputError(what.format(n=m.start() + 1, code=code), code="format-char", source=name,
                         path=describe_path(path, data))


def clean_data(data: Any, name: str | None = None) -> Any:
    """A copy of plain data with every string and key under the character rule of
    :mod:`govreport.text.chars` (line separators → "\\n", odd spaces → " ", invisible characters
    removed); two keys that become one are refused. Deeper than :data:`MAX_DEPTH` is left as it is
    (:func:`scan_data` refuses it)."""
    name = _("输入") if name is None else name

    def walk(value: Any, depth: int) -> Any:
        if isinstance(value, str):
            return clean_text(value)
        if depth > MAX_DEPTH:
            return value
        if isinstance(value, Mapping):
            out: dict[Any, Any] = {}
            for key, item in value.items():
                new = clean_text(key) if isinstance(key, str) else key
                if new in out:
                    raise InputError(_("键「{key}」重复（去掉不可见字符后）").format(key=_clip(new)),
                                     code="duplicate-key", source=name)
                out[new] = walk(item, depth + 1)
            return out
        if isinstance(value, list):
            return [walk(item, depth + 1) for item in value]
        if isinstance(value, tuple):
            return tuple(walk(item, depth + 1) for item in value)
        return value

    return walk(data, 0)


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
                raise InputError(
                    _("「{field}」与「{alias}」是同一个字段，只能写一个").format(field=fname, alias=info.alias),
                    code="duplicate-key", source=name, path=describe_path(path, data) if path else None,
                )
        for key, item in value.items():
            if isinstance(key, str) and key in keys:
                stack.append((item, _submodels(model.model_fields[keys[key][0]].annotation), (*path, key)))


_TYPE_NAMES = {"list": N_("列表"), "str": N_("文字"), "int": N_("整数"), "float": N_("数字"), "bool": "true/false",
               "bytes": N_("二进制数据"), "date": N_("日期"), "datetime": N_("日期时间"), "set": N_("集合")}


def validate_report(data: Any, name: str) -> Report:
    """Plain data (from any reader) → a :class:`Report`, or an :class:`InputError` with every problem."""
    if not isinstance(data, dict):
        type_name = type(data).__name__
        kind = _("空文档") if data is None else (_(_TYPE_NAMES[type_name]) if type_name in _TYPE_NAMES else type_name)
        raise InputError(_("顶层应为键值对（映射），实际是{kind}").format(kind=kind), code="type", source=name)
    data = clean_data(data, name)  # stops at MAX_DEPTH: scan_data refuses what is deeper
    scan_data(data, name)
    _same_field_twice(data, name)
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(exc, name, data)) from None
    except RecursionError:
        raise InputError(_("嵌套层次过深"), code="depth", source=name) from None


def check_report_text(report: Report) -> None:
    """Refuse a report (however it was built) that holds characters XML cannot carry, naming the field.

    :func:`load` refuses them already; this guards reports built in code before a renderer sees them.
    """
    scan_data(report.model_dump(by_alias=True, mode="python"), _("报告"))


