"""The reader protocol and the registry (built-ins plus the ``govreport.readers`` entry points).

A reader turns one document a user already has (a YAML file, a Word draft, a published PDF, a portal
page, an Excel workbook …) into plain data in the shape of a report file, plus notes on what it
inferred or corrected. Validation into a :class:`~govreport.model.Report` happens once, after the
reader, in :func:`govreport.readers.load`, so every reader's output obeys the same rules.

Two shapes, as in pandoc: a *text* reader (``binary = False``) receives ``str`` decoded once by
:mod:`govreport.readers.decode`; a *binary* reader (``binary = True``: DOCX, PDF, XLSX) receives the
bytes. A reader is chosen by the format asked for, else by the file's suffix, else by sniffing the
first bytes; YAML/JSON is the fallback for text.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, ClassVar, Protocol, runtime_checkable

from govreport.errors import InputError
from govreport.i18n import _, join
from govreport.model.report import ReadNote

ENTRY_POINT_GROUP = "govreport.readers"

__all__ = ["ENTRY_POINT_GROUP", "CellKey", "ReadNote", "ReadResult", "Reader", "available_readers", "get_reader",
           "reader_for"]


CellKey = tuple[str | None, str | None, str | None]
"""A number's place in the report's own terms, as a finding names it: (table, row label, column label)."""


@dataclass
class ReadResult:
    """What a reader returns: ``data`` in the shape of a report file (the keys ``govreport new`` writes,
    Chinese or English), ``notes`` on what was inferred or corrected, and ``cells``: where in the
    document each number of a table was found (``("表三", "一、本年新收政府信息公开申请数量", "总计")`` →
    ``"表三!J4"``), so that a finding can name the spot in the user's own file."""

    data: Any
    notes: list[ReadNote] = field(default_factory=list)
    cells: dict[CellKey, str] = field(default_factory=dict)


@runtime_checkable
class Reader(Protocol):
    """What a reader provides. Register a third-party one as an entry point in ``govreport.readers``
    (``name = "package.module:ReaderClass"``); the class is instantiated without arguments and must
    keep no state between calls."""

    name: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]
    binary: ClassVar[bool]

    def sniff(self, head: bytes) -> bool:
        """True when ``head`` (the first 4 KiB of a file) is plainly this reader's format."""
        ...

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        """Read ``source`` (``str`` for a text reader, ``bytes`` for a binary one); ``name`` is the
        file name shown in messages. Raise :class:`~govreport.errors.InputError` for what cannot be read."""
        ...


_BUILTIN: dict[str, str] = {
    "yaml": "govreport.readers.yaml_json:YamlJsonReader",
    "xlsx": "govreport.readers.xlsx:XlsxReader",
    "text": "govreport.readers.text:TextReader",
    "docx": "govreport.readers.docx:DocxReader",
    "pdf": "govreport.readers.pdf:PdfReader",
    "html": "govreport.readers.html:HtmlReader",
}


def _entry_point_targets() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_readers() -> list[str]:
    """The names of every reader: built-in and registered through entry points."""
    return sorted({*_BUILTIN, *_entry_point_targets()})


def get_reader(name: str) -> Reader:
    """The reader registered under ``name`` (a new instance: readers keep no state)."""
    key = name.strip().lower()
    target: Any
    if key in _BUILTIN:
        module_name, _sep, attr = _BUILTIN[key].partition(":")
        target = getattr(importlib.import_module(module_name), attr)
    else:
        eps = _entry_point_targets()
        if key not in eps:
            raise InputError(
                _("不支持的输入格式：{format}（可用：{formats}）").format(
                    format=name, formats=join(available_readers())
                ),
                code="format",
            )
        try:
            target = eps[key].load()
        except Exception as exc:  # a broken plug-in must not look like our crash
            raise InputError(_("无法加载输入格式插件 {format}：{error}").format(format=name, error=exc),
                             code="format") from exc
    reader = target()
    if not isinstance(reader, Reader):
        raise InputError(_("输入格式插件 {format} 不符合 Reader 接口").format(format=name), code="format")
    return reader


def _all_readers() -> list[Reader]:
    return [get_reader(name) for name in available_readers()]


def reader_for(suffix: str, head: bytes) -> Reader:
    """The reader for a file with this suffix and these first bytes: by suffix, else by sniffing, else
    YAML/JSON."""
    suffix = suffix.lower()
    readers = _all_readers()
    for reader in readers:
        if suffix and suffix in reader.suffixes:
            return reader
    for reader in readers:
        if reader.sniff(head):
            return reader
    return get_reader("yaml")


def all_suffixes() -> tuple[str, ...]:
    """Every file suffix some reader takes (the CLI's folder expansion)."""
    return tuple(sorted({s for r in _all_readers() for s in r.suffixes}))
