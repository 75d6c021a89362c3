"""The renderer protocol and the registry (built-ins plus the ``govreport.renderers`` entry points).

A renderer knows only the :class:`~govreport.document.Document` and the style
:class:`~govreport.style.profile.Profile`; it never imports the report model. Built-in renderers are
imported on first use, so ``import govreport`` stays free of WeasyPrint and python-docx.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from importlib.metadata import entry_points
from typing import Any, ClassVar, Protocol, TypeVar, runtime_checkable

from pydantic import BaseModel, ConfigDict, ValidationError

from govreport.document import Document
from govreport.errors import EnvironmentProblem, InputError, RenderError
from govreport.i18n import _, join
from govreport.style.profile import Profile

ENTRY_POINT_GROUP = "govreport.renderers"


class RendererOptions(BaseModel):
    """The options a renderer declares (as its ``Options`` class attribute): typed, unknown names refused.

    A renderer without an ``Options`` attribute takes no options.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True)


class NoOptions(RendererOptions):
    """A renderer that takes no options."""


OptionsT = TypeVar("OptionsT", bound=RendererOptions)


def options_of(renderer: object) -> type[RendererOptions]:
    """The ``Options`` class a renderer declares (:class:`NoOptions` if none)."""
    declared = getattr(renderer, "Options", None)
    return declared if isinstance(declared, type) and issubclass(declared, RendererOptions) else NoOptions


def parse_options(options_cls: type[OptionsT], options: Mapping[str, Any], fmt: str) -> OptionsT:
    """``options`` checked against ``options_cls``: an unknown name or a wrong value is an
    :class:`InputError` naming the format, the option and the valid names."""
    valid = join(sorted(options_cls.model_fields)) or _("无")
    try:
        return options_cls.model_validate(dict(options))
    except ValidationError as exc:
        problems = []
        for e in exc.errors(include_url=False):
            name = ".".join(str(p) for p in e["loc"]) or "?"
            if e["type"] == "extra_forbidden":
                message = _("{format} 输出没有选项 {name}（可用：{valid}）").format(format=fmt, name=name, valid=valid)
            else:
                message = _("{format} 输出的选项 {name} 取值无效：{error}").format(
                    format=fmt, name=name, error=str(e.get("msg", ""))[:120]
                )
            problems.append(message)
        raise InputError(_("；").join(problems), code="option") from None


def split_options(renderers: Sequence[Renderer], options: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``options`` given for several formats at once, divided among the renderers that declare them.
    An option that none of them declares is an :class:`InputError` naming the valid ones."""
    declared = [set(options_of(r).model_fields) for r in renderers]
    for name in options:
        if not any(name in names for names in declared):
            valid = join(sorted(set().union(*declared))) or _("无")
            formats = join(r.name for r in renderers)
            raise InputError(_("{format} 输出没有选项 {name}（可用：{valid}）").format(format=formats, name=name,
                                                                                   valid=valid), code="option")
    return [{k: v for k, v in options.items() if k in names} for names in declared]


@runtime_checkable
class Renderer(Protocol):
    """What a renderer provides. Register a third-party one as an entry point in ``govreport.renderers``
    (``name = "package.module:RendererClass"``); the class is instantiated without arguments."""

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]

    def render(self, document: Document, profile: Profile, **options: Any) -> bytes:
        """The rendered file's bytes. A renderer that takes options declares them as a
        :class:`RendererOptions` subclass in its ``Options`` attribute and checks them with
        :func:`parse_options`; :func:`govreport.render` refuses an option the renderer does not declare."""
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
