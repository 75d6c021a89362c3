"""Readers: what users already have → a checked :class:`~govreport.model.Report`.

``load(source)`` takes a path, YAML/JSON text, bytes or a dict, picks a reader (by the format asked
for, the file's suffix, or the first bytes), decodes text once, and validates the reader's plain data
into a report. Everything that can go wrong becomes one :class:`~govreport.errors.InputError` that
holds every problem found (exit code 2). ``docs/reliability.md`` lists the limits.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from govreport.errors import InputError
from govreport.i18n import _
from govreport.model.messages import validate_report
from govreport.model.report import Report
from govreport.readers.base import ReadResult, get_reader, reader_for
from govreport.readers.decode import decode
from govreport.text.chars import clip

#: Default upper bound on the size of an input file (bytes).
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
#: Upper bound accepted for ``max_bytes`` itself (1 GiB): beyond it the bound bounds nothing.
MAX_MAX_BYTES = 1 << 30
#: The suffixes of a report file written for govreport (what a folder given to the CLI is searched for
#: first; the document readers add theirs through :func:`govreport.readers.base.all_suffixes`).
REPORT_SUFFIXES = (".yaml", ".yml", ".json")

__all__ = ["DEFAULT_MAX_BYTES", "REPORT_SUFFIXES", "load", "read_bytes", "read_file", "to_yaml"]


def _looks_like_path(text: str) -> bool:
    """A one-line string is a path if it ends like a report file or holds a separator, and does not
    look like YAML/JSON itself ("body: …", "{…}")."""
    if "\n" in text or len(text) >= 4096 or text.lstrip().startswith(("{", "[")) or ": " in text:
        return False
    return text.lower().endswith(REPORT_SUFFIXES) or os.sep in text or (os.altsep or os.sep) in text \
        or Path(text).suffix.lower() in _document_suffixes()


def _document_suffixes() -> tuple[str, ...]:
    from govreport.readers.base import all_suffixes

    return all_suffixes()


def _check_max(max_bytes: object) -> int:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or not 0 < max_bytes <= MAX_MAX_BYTES:
        raise InputError(
            _("大小上限应为 1 到 {max} 之间的整数（字节），实际为 {value}").format(
                max=MAX_MAX_BYTES, value=clip(repr(max_bytes), 40)
            ),
            code="value",
        )
    return max_bytes


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a regular file, at most ``max_bytes`` (a FIFO, a device or a folder is refused)."""
    shown = clip(str(path), 200)
    name = clip(path.name or str(path), 60)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise InputError(_("找不到文件 {path}").format(path=shown), code="not-found") from None
    except IsADirectoryError:
        raise InputError(_("{path} 是目录，不是报告文件").format(path=shown), code="not-a-file") from None
    except PermissionError:
        raise InputError(_("无权读取 {path}").format(path=shown), code="permission") from None
    except OSError as exc:
        raise InputError(_("无法读取 {path}（错误号 {errno}）").format(path=shown, errno=exc.errno),
                         code="os-error") from None
    except ValueError:  # an embedded NUL in the path
        raise InputError(_("文件名无效：{path}").format(path=shown), code="not-found") from None
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        if stat.S_ISDIR(st.st_mode):
            raise InputError(_("{path} 是目录，不是报告文件").format(path=shown), code="not-a-file")
        raise InputError(_("{path} 不是普通文件（管道、设备等不能作为报告）").format(path=shown), code="not-a-file")
    with os.fdopen(fd, "rb") as fh:
        if st.st_size > max_bytes:
            raise InputError(
                _("文件过大（{size} 字节，上限 {max} 字节，可用 --max-size 调整）").format(
                    size=st.st_size, max=max_bytes
                ),
                code="size", source=name,
            )
        try:
            raw = fh.read(max_bytes + 1)
        except OSError as exc:
            raise InputError(_("无法读取 {path}（错误号 {errno}）").format(path=shown, errno=exc.errno),
                             code="os-error") from None
    if len(raw) > max_bytes:
        raise InputError(_("输入超过上限 {max} 字节，可用 --max-size 调整").format(max=max_bytes), code="size",
                         source=name)
    return raw


def _parse(raw: bytes | str, name: str, suffix: str, format: str | None) -> ReadResult:
    head = raw[:4096] if isinstance(raw, bytes) else b""
    reader = get_reader(format) if format else reader_for(suffix, head)
    if reader.binary:
        data: str | bytes = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    else:
        data = decode(raw, name) if isinstance(raw, bytes) else raw
    try:
        return reader.read(data, name=name)
    except InputError as exc:
        raise exc.with_source(name) from None
    except RecursionError:
        raise InputError(_("嵌套层次过深"), code="depth", source=name) from None


def read_bytes(raw: bytes, name: str | None = None, *, format: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> Report:
    """A report from the bytes of a file (an upload); ``name`` (its file name) gives the suffix."""
    max_bytes = _check_max(max_bytes)
    shown = clip(name, 60) if name else _("输入")
    if len(raw) > max_bytes:
        raise InputError(_("输入超过上限 {max} 字节").format(max=max_bytes), code="size", source=shown)
    suffix = Path(name).suffix if name else ""
    return _to_report(_parse(raw, shown, suffix, format), shown)


def _to_report(result: ReadResult, name: str) -> Report:
    report = validate_report(result.data, name)
    if result.cells:
        report.with_cells(result.cells)
    return report.with_read_notes(tuple(result.notes)) if result.notes else report


def load(
    source: str | bytes | os.PathLike[str] | Mapping[str, Any],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    format: str | None = None,
) -> Report:
    """Load a report from a file path, YAML/JSON text, the bytes of a file, or a dict.

    A :class:`os.PathLike` is always a path; a ``str`` is a path when it is one line ending in a known
    suffix or holding a path separator, else YAML/JSON text. ``format`` names the reader (``"yaml"``,
    or any in :func:`govreport.readers.base.available_readers`) instead of choosing by suffix and
    content. ``max_bytes`` bounds the size of a file or text (default 10 MB). Raises
    :class:`~govreport.errors.InputError` (exit code 2) holding every problem found.
    """
    if isinstance(source, Mapping):
        return validate_report(dict(source), _("输入"))
    max_bytes = _check_max(max_bytes)
    if isinstance(source, bytes):
        return read_bytes(source, None, format=format, max_bytes=max_bytes)
    if isinstance(source, os.PathLike) or (isinstance(source, str) and _looks_like_path(source)):
        path = Path(source)
        name = clip(path.name or str(path), 60)
        return _to_report(_parse(read_file(path, max_bytes), name, path.suffix, format), name)
    if not isinstance(source, str):
        raise InputError(_("不能读取类型为 {kind} 的输入").format(kind=type(source).__name__), code="type")
    name = _("输入")
    if len(source.encode("utf-8", errors="surrogatepass")) > max_bytes:
        raise InputError(_("输入过大（上限 {max} 字节）").format(max=max_bytes), code="size", source=name)
    return _to_report(_parse(source, name, "", format), name)


def to_yaml(report: Report, notes: Any = None, *, source: str | None = None) -> str:
    """The report as an editable report file (what ``govreport import`` writes); see
    :func:`govreport.readers.export.to_yaml`."""
    from govreport.readers.export import to_yaml as _to_yaml

    return _to_yaml(report, notes, source=source)
