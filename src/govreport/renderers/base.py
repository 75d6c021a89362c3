"""The renderer protocol and the registry (built-ins plus the ``govreport.renderers`` entry points).

A renderer knows only the :class:`~govreport.document.Document` and the style
:class:`~govreport.style.profile.Profile`; it never imports the report model. Built-in renderers are
imported on first use, so ``import govreport`` stays free of WeasyPrint and python-docx.
"""

from __future__ import annotations

import importlib
from importlib.metadata import entry_points
from typing import Any, ClassVar, Protocol, runtime_checkable

from govreport.document import Document
from govreport.errors import EnvironmentProblem, InputError, RenderError
from govreport.i18n import _, join
from govreport.style.profile import Profile

ENTRY_POINT_GROUP = "govreport.renderers"


@runtime_checkable
class Renderer(Protocol):
    """What a renderer provides. Register a third-party one as an entry point in ``govreport.renderers``
    (``name = "package.module:RendererClass"``); the class is instantiated without arguments."""

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]

    def render(self, document: Document, profile: Profile, **options: Any) -> bytes:
        """The rendered file's bytes."""
        ...


_BUILTIN: dict[str, str] = {
    "docx": "govreport.renderers.docx:DocxRenderer",
    "html": "govreport.renderers.html:HtmlRenderer",
    "pdf": "govreport.renderers.pdf:PdfRenderer",
}
_instances: dict[str, Renderer] = {}


def _entry_point_targets() -> dict[str, Any]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def available_formats() -> list[str]:
    """The names of every renderer: built-in and registered through entry points."""
    return sorted({*_BUILTIN, *_entry_point_targets()})


def get_renderer(name: str) -> Renderer:
    """The renderer registered under ``name`` (instantiated once per process)."""
    key = name.strip().lower()
    if key in _instances:
        return _instances[key]
    if key in _BUILTIN:
        module_name, _sep, attr = _BUILTIN[key].partition(":")
        try:
            cls = getattr(importlib.import_module(module_name), attr)
        except (ImportError, OSError) as exc:  # python-docx / WeasyPrint or a system library missing
            raise EnvironmentProblem(
                _("无法加载 {format} 输出所需的库（{error}）：请按 README 安装依赖").format(format=key, error=exc)
            ) from exc
    else:
        eps = _entry_point_targets()
        if key not in eps:
            message = _("不支持的输出格式：{format}（可用：{formats}）")
            raise InputError(message.format(format=name, formats=join(available_formats())))
        try:
            cls = eps[key].load()
        except Exception as exc:  # a broken plug-in must not look like our crash
            raise RenderError(_("无法加载输出格式插件 {format}：{error}").format(format=name, error=exc)) from exc
    renderer = cls()
    if not isinstance(renderer, Renderer):
        raise RenderError(_("输出格式插件 {format} 不符合 Renderer 接口").format(format=name))
    _instances[key] = renderer
    return renderer


def register(name: str, renderer: Renderer) -> None:
    """Register a renderer instance in this process (tests, embedding applications)."""
    _instances[name.lower()] = renderer
