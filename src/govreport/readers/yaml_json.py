"""The YAML/JSON reader: what ``govreport new`` writes and a program sends.

YAML is read with a SafeLoader that refuses aliases ("billion laughs"), merge keys, duplicate keys,
tags other than the plain scalars and collections, and nesting deeper than :data:`MAX_DEPTH`. Syntax
errors are explained in Chinese with the offending line shown.
"""

from __future__ import annotations

import json
import re
from typing import Any, ClassVar

import yaml

from govreport.errors import InputError
from govreport.i18n import N_, _
from govreport.readers.base import ReadResult
from govreport.readers.decode import check_controls
from govreport.text.chars import clip

#: Deepest nesting of mappings and lists accepted in an input (a report needs about a dozen).
MAX_DEPTH = 64

_ALLOWED_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map", "merge")
)


#: Longest integer (in digits) a YAML/JSON number may have: far beyond any report's (10^12), and far
#: below Python's int-string limit (4300 digits).
_MAX_INT_DIGITS = 100
_INT = N_("应为整数")
_TOO_MANY_DIGITS = N_("整数位数过多")
_FLOAT = N_("应为数字")
_BOOL = N_("应为 true 或 false")
_NULL = N_("应为空")
_DATE = N_("不是有效的日期")


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader without aliases, merge keys or exotic tags, with a nesting limit, refusing duplicate
    keys, and turning bad scalars (2017-02-30, a 5000-digit integer) into messages that give their line."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise InputError(
                _("不支持 YAML 锚点/别名（*{anchor}）").format(anchor=clip(str(event.anchor))),
                code="yaml-alias", line=event.start_mark.line + 1,
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise InputError(_("嵌套层次过深（超过 {max} 层）").format(max=MAX_DEPTH), code="depth",
                                 line=mark.line + 1)
            node = super().compose_node(parent, index)
        finally:
            self._depth -= 1
        if node is not None and node.tag not in _ALLOWED_TAGS:
            raise InputError(
                _("不支持 YAML 标签 {tag}（报告只用文字、数字、日期、列表和键值对）").format(
                    tag=clip(str(node.tag), 40)
                ),
                code="yaml-tag", line=node.start_mark.line + 1,
            )
        return node

    def construct_mapping(self, node: Any, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, _value_node in node.value:
                line = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge":
                    raise InputError(_("不支持 YAML 合并键「<<」，请把各项直接写出"), code="yaml-merge", line=line)
                key = self.construct_object(key_node, deep=True)
                try:
                    if key in seen:
                        raise InputError(
                            _("键「{key}」重复（第 {first} 行已有）").format(key=clip(str(key)), first=seen[key]),
                            code="duplicate-key", line=line,
                        )
                    seen[key] = line
                except TypeError:
                    continue  # an unhashable key: the constructor reports it
        return super().construct_mapping(node, deep=deep)

    def flatten_mapping(self, node: Any) -> None:
        """Merge keys are refused in :meth:`construct_mapping`; never expand them."""

    def _scalar(self, node: Any, construct: Any, what: str) -> Any:
        value = str(node.value)
        try:
            if what == _INT and sum(ch.isdigit() for ch in value) > _MAX_INT_DIGITS:
                raise ValueError(value)  # int() would refuse beyond 4300 digits, and work hard before
            return construct(self, node)
        except (ValueError, OverflowError, TypeError, KeyError, IndexError, AttributeError, yaml.YAMLError):
            # Python's own words ("invalid literal for int() with base 10") stay out of the message
            if what == _INT and sum(ch.isdigit() for ch in value) > _MAX_INT_DIGITS:
                what = _TOO_MANY_DIGITS
            raise InputError(
                _("取值「{value}」无效（{what}）").format(value=clip(value), what=_(what)),
                code="value", line=node.start_mark.line + 1,
            ) from None

    def _timestamp(self, node: Any) -> Any:
        """A date stays the text written: the model reads it (2025-01-32 is then refused naming its field)."""
        return self.construct_scalar(node)

    def _int(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_int, _INT)

    def _float(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_float, _FLOAT)

    def _bool(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_bool, _BOOL)

    def _null(self, node: Any) -> Any:
        return self._scalar(node, yaml.SafeLoader.construct_yaml_null, _NULL)


_SafeLoader.add_constructor("tag:yaml.org,2002:timestamp", _SafeLoader._timestamp)
_SafeLoader.add_constructor("tag:yaml.org,2002:int", _SafeLoader._int)
_SafeLoader.add_constructor("tag:yaml.org,2002:float", _SafeLoader._float)
_SafeLoader.add_constructor("tag:yaml.org,2002:bool", _SafeLoader._bool)
_SafeLoader.add_constructor("tag:yaml.org,2002:null", _SafeLoader._null)


def _json_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise InputError(_("键「{key}」重复").format(key=clip(key)), code="duplicate-key")
        out[key] = value
    return out


_YAML_SEPARATORS = str.maketrans({"\u2028": " ", "\u2029": " "})


def _json_int(text: str) -> int:
    if len(text) > _MAX_INT_DIGITS:
        raise InputError(_("取值「{value}」无效（{what}）").format(value=clip(text), what=_(_TOO_MANY_DIGITS)),
                         code="value")
    return int(text)


# PyYAML's problems, in Chinese. Anything else is shown as PyYAML says it.
_YAML_PROBLEMS = {
    "could not find expected ':'": N_("找不到键后面的冒号「:」"),
    "mapping values are not allowed here": N_("这里不能写「键: 值」（冒号后要有空格，或该行缩进不对）"),
    "found character '\\t' that cannot start any token": N_("含有制表符（Tab）：YAML 只能用空格缩进"),
    "did not find expected key": N_("缩进不对或少了「- 」，这里应是一个键"),
    "expected <block end>, but found '-'": N_("列表项「- 」的缩进与上一行不一致"),
    "found unexpected end of stream": N_("文件意外结束（引号或括号没有闭合？）"),
    "did not find expected node content": N_("这里缺少内容"),
    "found unknown escape character": N_("引号中有无效的转义字符（反斜杠 \\）"),
    "expected ',' or ']', but got": N_("方括号列表中缺少逗号「,」或右方括号"),
    "expected ',' or '}', but got": N_("花括号中缺少逗号「,」或右花括号"),
    "found undefined tag handle": N_("未定义的标签（「!」开头的写法）"),
    "did not find expected comment or line break": N_("值后面多了内容（需要加引号？）"),
    "found unexpected ':'": N_("冒号「:」的位置不对（值中含冒号时请加引号）"),
}
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?[^\s:#\"'][^:#]*?：")


def _yaml_problem(exc: yaml.YAMLError, text: str) -> InputError:
    mark = getattr(exc, "problem_mark", None)
    problem = str(getattr(exc, "problem", None) or str(exc).splitlines()[0])
    lines = text.splitlines()
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    # A full-width colon after a key (year：2024) is the commonest slip of a Chinese IME; PyYAML
    # reports it a line late. Name the line that has it.
    if line is not None:
        for candidate in (line - 1, line - 2, line):
            if 1 <= candidate <= len(lines) and _FULLWIDTH_KEY.match(lines[candidate - 1]) \
                    and ":" not in lines[candidate - 1].split("#", 1)[0]:
                where = lines[candidate - 1].index("：") + 1
                shown = clip(lines[candidate - 1].strip(), 60)
                return InputError(
                    _("用了全角冒号「：」，键后面应为半角冒号「:」加空格：{line}").format(line=shown),
                    code="yaml-syntax", line=candidate, column=where,
                )
    zh = next((v for k, v in _YAML_PROBLEMS.items() if problem.startswith(k)), None)
    what = _(zh) if zh else clip(problem, 80)
    shown = ""
    if line is not None and 1 <= line <= len(lines) and lines[line - 1].strip():
        shown = _("：{line}").format(line=clip(lines[line - 1].strip(), 60))
    return InputError(_("YAML/JSON 格式错误（{problem}）{shown}").format(problem=what, shown=shown),
                      code="yaml-syntax", line=line, column=column)


#: A line's text after its indentation: when a tab there makes the YAML invalid (a row pasted from a
#: spreadsheet, ``10	2	0`` unquoted), it is read as a space; a tab in the indentation stays a syntax
#: error (YAML indents with spaces only), and a tab inside valid YAML (a quoted text) is kept.
_MIDLINE_TAB = re.compile(r"(?m)^([ ]*[^ \t\n][^\n]*)$")


def _spaces(m: re.Match[str]) -> str:
    return m.group(1).replace("\t", " ")  # same length: line and column numbers are unchanged


def parse_text(text: str, name: str | None = None) -> Any:
    """Parse YAML (a superset of JSON) safely into plain data; ``name`` (default: 输入) is shown in messages."""
    name = _("输入") if name is None else name
    check_controls(text, name)
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            try:
                return json.loads(text, object_pairs_hook=_json_pairs, parse_int=_json_int)
            except json.JSONDecodeError:
                pass  # YAML flow style: fall through
        # YAML reads a raw U+2028/U+2029 (pasted from web pages and Word) as a line break, so that the
        # rest of the line would need its own indentation; inside a scalar YAML folds a line break to a
        # space, and that is what they become here.
        return yaml.load(text.translate(_YAML_SEPARATORS), Loader=_SafeLoader)
    except InputError as exc:
        raise exc.with_source(name) from None
    except yaml.YAMLError as exc:
        if "\t" in text:  # a row pasted with its tabs: read them as spaces, else report the first error
            try:
                return yaml.load(_MIDLINE_TAB.sub(_spaces, text), Loader=_SafeLoader)
            except (InputError, yaml.YAMLError):
                pass
        raise _yaml_problem(exc, text).with_source(name) from None
    except RecursionError:
        raise InputError(_("嵌套层次过深"), code="depth", source=name) from None
    except (ValueError, OverflowError, TypeError):  # e.g. a JSON integer of more than 4300 digits
        raise InputError(_("取值无效（数字位数过多或无法识别）"), code="value", source=name) from None


class YamlJsonReader:
    """YAML and JSON (JSON is read as JSON first, then as YAML flow style)."""

    name: ClassVar[str] = "yaml"
    suffixes: ClassVar[tuple[str, ...]] = (".yaml", ".yml", ".json")
    binary: ClassVar[bool] = False

    def sniff(self, head: bytes) -> bool:
        return False  # the fallback for text: the registry tries it last

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        assert isinstance(source, str)
        return ReadResult(parse_text(source, name))
