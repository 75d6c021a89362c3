"""Safe, bounded loading of YAML/JSON reports, and atomic writing of output files."""

from __future__ import annotations

import contextlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO, Any

import yaml
from pydantic import ValidationError

from govreport.errors import InputError
from govreport.model.report import Report

#: Default upper bound on the size of an input file (bytes).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
_MAX_DEPTH = 64


class _SafeLoader(yaml.SafeLoader):
    """SafeLoader without aliases (no "billion laughs") and with a nesting limit."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise InputError(
                f"第 {event.start_mark.line + 1} 行：不支持 YAML 锚点/别名（*{event.anchor}）"
                " (YAML aliases are not accepted in reports)"
            )
        self._depth = getattr(self, "_depth", 0) + 1
        try:
            if self._depth > _MAX_DEPTH:
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise InputError(f"第 {mark.line + 1} 行：嵌套层次过深 (nesting deeper than {_MAX_DEPTH})")
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _decode(raw: bytes, name: str) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        try:
            return raw.decode("gb18030")
        except UnicodeDecodeError:
            raise InputError(
                f"{name}：第 {exc.start} 字节起不是有效的 UTF-8 或 GB18030 文本 (not UTF-8 or GB18030 text)"
            ) from None


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def _check_controls(text: str, name: str) -> None:
    m = _CONTROL.search(text)
    if m:
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise InputError(
            f"{name}：第 {line} 行第 {col} 列含有控制字符 U+{ord(m.group()):04X}"
            f" (control character not allowed in report text)"
        )


def parse_text(text: str, name: str = "输入") -> Any:
    """Parse YAML (a superset of JSON) safely."""
    _check_controls(text, name)
    stripped = text.lstrip()
    try:
        if stripped.startswith(("{", "[")):
            try:
                return json.loads(text)
            except json.JSONDecodeError:
                pass  # YAML flow style: fall through
        return yaml.load(text, Loader=_SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行第 {mark.column + 1} 列：" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise InputError(f"{name}：{where}YAML 格式错误（{problem}） (invalid YAML)") from None
    except RecursionError:
        raise InputError(f"{name}：嵌套层次过深 (input nested too deeply)") from None


def _looks_like_path(text: str) -> bool:
    return "\n" not in text and len(text) < 4096 and (
        text.endswith((".yaml", ".yml", ".json")) or os.sep in text
    )


def read_source(source: str | os.PathLike[str], max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, str]:
    """Read a file (or YAML/JSON text) into plain data; returns (data, display name)."""
    if isinstance(source, os.PathLike) or _looks_like_path(str(source)):
        path = Path(source)
        name = path.name
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"{name}：文件过大（{size} 字节，上限 {max_bytes} 字节） (input larger than the limit)"
                )
            raw = path.read_bytes()
        except FileNotFoundError:
            raise InputError(f"找不到文件 {path} (file not found)") from None
        except IsADirectoryError:
            raise InputError(f"{path} 是目录，不是报告文件 (is a directory)") from None
        except PermissionError:
            raise InputError(f"无权读取 {path} (permission denied)") from None
        text = _decode(raw, name)
    else:
        text = str(source)
        name = "输入"
        if len(text.encode("utf-8")) > max_bytes:
            raise InputError(f"输入过大（上限 {max_bytes} 字节） (input larger than the limit)")
    return parse_text(text, name), name


_LOC_NAMES = {
    "body": "发布机关", "year": "年度", "edition": "版本", "published": "发布日期", "title": "标题",
    "preamble": "开头", "sections": "章节", "heading": "标题", "content": "内容", "contact": "联系方式",
    "signature": "落款", "attachments": "附件", "level": "机关层级",
}


def _loc(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for item in loc:
        if isinstance(item, int):
            parts.append(f"第{item + 1}项")
        elif item in ("str", "Subsection", "Insert") or item.startswith(("function-", "constrained-")):
            continue
        else:
            parts.append(f"{item}（{_LOC_NAMES[item]}）" if item in _LOC_NAMES else item)
    return " → ".join(parts) or "报告"


_MESSAGES = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不认识的字段",
    "int_parsing": "应为整数",
    "int_type": "应为整数",
    "string_type": "应为文字",
    "date_from_datetime_parsing": "应为日期（如 2017-01-20）",
    "date_parsing": "应为日期（如 2017-01-20）",
    "date_type": "应为日期（如 2017-01-20）",
    "greater_than_equal": "数值太小",
    "less_than_equal": "数值太大",
    "enum": "取值不在允许范围内",
    "literal_error": "取值不在允许范围内",
    "list_type": "应为列表",
    "model_type": "应为键值对（映射）",
    "dict_type": "应为键值对（映射）",
    "string_too_short": "不能为空",
    "bool_parsing": "应为 true 或 false",
    "decimal_parsing": "应为数字",
}


def validation_message(exc: ValidationError, name: str) -> str:
    """One readable Chinese line (first error, plus a count) for a pydantic ValidationError."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    what = _MESSAGES.get(first["type"], first["msg"])
    more = f"（另有 {len(errors) - 1} 处错误）" if len(errors) > 1 else ""
    detail = f"{first['msg']}"
    return f"{name}：{_loc(tuple(first['loc']))}：{what}{more} ({detail})"


def load(source: str | os.PathLike[str] | Mapping[str, Any], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """Load a report from a YAML/JSON file path, YAML/JSON text, or a dict.

    Raises :class:`~govreport.errors.InputError` (exit code 2) with one Chinese message when the
    input cannot be read or is not a report.
    """
    if isinstance(source, Mapping):
        data: Any = source
        name = "输入"
    else:
        data, name = read_source(source, max_bytes)
    if not isinstance(data, dict):
        kind = type(data).__name__ if data is not None else "空文档"
        raise InputError(f"{name}：顶层应为键值对（映射），实际是 {kind} (top level must be a mapping)")
    try:
        return Report.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_message(exc, name)) from None
    except RecursionError:
        raise InputError(f"{name}：嵌套层次过深 (input nested too deeply)") from None


# -- atomic writes -------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_filename(stem: str, default: str = "report") -> str:
    """A file name stem derived from report content: no separators, no '..', bounded length."""
    name = unicodedata.normalize("NFC", stem)
    name = _UNSAFE.sub("_", name).strip(" ._")
    name = name.replace("..", "_")
    return name[:120] or default


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """Write to a temporary file beside ``path`` and rename it over ``path`` only on success.

    On any failure the temporary file is removed and an existing ``path`` is left untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            Path(tmp).unlink()
        raise


def write_atomic(path: Path, data: bytes) -> None:
    with atomic_writer(path) as fh:
        fh.write(data)
