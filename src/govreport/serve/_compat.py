"""The three places where the server meets interfaces that the architecture refactor (issue 12) is
changing. Everything else in :mod:`govreport.serve` goes through these functions, so the switch at
merge is made here and nowhere else.

* :func:`language` — ``govreport.language(lang)`` (a ContextVar: this task/thread only) when it
  exists; until then the process-wide :func:`govreport.i18n.using_locale` held under one lock, so
  that two requests in different languages never interleave (they run one after the other).
* :func:`problems_of` — ``InputError.problems`` when it exists; until then one problem built from
  the message.
* :func:`load_upload` — the bytes and the file name of an upload, given to one reader function
  (``govreport.load`` once it takes bytes and dispatches DOCX/PDF/HTML/XLSX by suffix and content);
  until then YAML/JSON decoded and parsed here with :mod:`govreport.io`'s safe parser.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import PurePosixPath
from typing import Any

import govreport
from govreport.errors import InputError
from govreport.i18n import _, normalize_locale

_LOCALE_LOCK = threading.RLock()


@contextlib.contextmanager
def language(lang: str) -> Iterator[str]:
    """Messages in ``lang`` for the code inside the block, and for no other request."""
    locale = normalize_locale(lang) or "zh_CN"
    native = getattr(govreport, "language", None)
    if native is not None:  # pragma: no cover - arrives with issue 12
        with native(locale):
            yield locale
        return
    from govreport.i18n import using_locale

    with _LOCALE_LOCK, using_locale(locale):
        yield locale


def problems_of(exc: InputError) -> list[dict[str, Any]]:
    """The structured problems of an input error: ``code, message, path, line, column``."""
    problems = getattr(exc, "problems", None)
    if problems:  # pragma: no cover - arrives with issue 12
        return [
            {
                "code": str(getattr(p, "code", None) or "INPUT"),
                "message": str(getattr(p, "message", "")),
                "path": _path_text(getattr(p, "path", None)),
                "line": getattr(p, "line", None),
                "column": getattr(p, "column", None),
            }
            for p in problems
        ]
    return [{"code": "INPUT", "message": exc.message, "path": None, "line": None, "column": None}]


def _path_text(path: object) -> str | None:
    if path is None:
        return None
    if isinstance(path, list | tuple):
        return ".".join(str(p) for p in path)
    return str(path)


#: What :func:`load_upload` reads today (the readers issue adds .docx, .pdf, .html, .xlsx).
UPLOAD_SUFFIXES = (".yaml", ".yml", ".json")


def load_upload(data: bytes, filename: str, max_bytes: int) -> govreport.Report:
    """The report in an uploaded file. Only the bytes are read: ``filename`` names the format and
    the file in messages, and never reaches the file system."""
    name = PurePosixPath(filename.replace("\\", "/")).name or _("上传的文件")
    suffix = PurePosixPath(name).suffix.lower()
    if suffix and suffix not in UPLOAD_SUFFIXES:
        raise InputError(
            _("{name}：暂不支持这种文件（可上传：{formats}）").format(name=name, formats="、".join(UPLOAD_SUFFIXES))
        )
    if len(data) > max_bytes:
        raise InputError(_("{name}：文件过大（上限 {max} 字节）").format(name=name, max=max_bytes))
    from govreport.io import _decode, parse_text

    parsed = parse_text(_decode(data, name), name)
    if not isinstance(parsed, dict):
        raise InputError(_("{name}：不是报告（顶层应为键值对）").format(name=name))
    return govreport.load(parsed, max_bytes=max_bytes)
