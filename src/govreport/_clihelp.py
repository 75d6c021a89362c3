"""CLI help and usage errors in the current language.

Usage errors (a missing argument, an unknown option, a bad value) are one line on stderr in the
current language — ``错误：没有这个选项：--bogus（用 govreport check --help 查看用法）`` — instead of
click's boxed English, exit code 2 (:meth:`TranslatedGroup.main`).

Typer stores help texts when the commands are declared, before ``--lang`` is parsed. The help texts
are therefore written as msgids (``help=N_("…")``) and translated when the help is printed: these
command classes swap every help text of the command (and of a group's subcommands) for its
translation while the help is formatted, then put the msgids back.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from typer import Abort
from typer.core import TyperCommand, TyperGroup

try:  # typer ≥ 0.24 carries its own copy of click
    from typer._click import exceptions as click
except ImportError:  # pragma: no cover - older typer uses click itself
    import click  # type: ignore[no-redef]

from govreport.i18n import N_, _, gettext


@contextlib.contextmanager
def translated_help(command: Any) -> Iterator[None]:
    """Within the block, ``command``'s help texts (its own, its parameters', its subcommands') are
    in the current language."""
    saved: list[tuple[Any, str, str]] = []

    def swap(obj: Any, attr: str) -> None:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            saved.append((obj, attr, value))
            translated = gettext(value)
            setattr(obj, attr, click_gettext(value) if translated == value else translated)  # click's --help

    commands = [command, *getattr(command, "commands", {}).values()]
    for cmd in commands:
        swap(cmd, "help")
        swap(cmd, "short_help")
        for param in getattr(cmd, "params", ()):
            swap(param, "help")
    try:
        yield
    finally:
        for obj, attr, value in reversed(saved):
            setattr(obj, attr, value)


def _help_option(option: Any) -> Any:
    if option is not None:
        option.help = click_gettext("Show this message and exit.")  # click's own, in the current language
    return option


class TranslatedCommand(TyperCommand):
    """A typer command whose ``--help`` is printed in the current language."""

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with translated_help(self):
            super().format_help(ctx, formatter)


class TranslatedGroup(TyperGroup):
    """A typer group whose ``--help`` (and its list of commands) is printed in the current language."""

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with translated_help(self):
            super().format_help(ctx, formatter)

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except click.NoArgsIsHelpError as exc:  # the help has been printed while the error was made
            sys.exit(exc.exit_code)
        except click.UsageError as exc:
            _print_error(usage_message(exc), exc.ctx)
            sys.exit(2)
        except Abort:
            sys.stderr.write(_("已中断") + "\n")
            sys.exit(130)
        except click.ClickException as exc:
            _print_error(_clean(exc.format_message()), None)
            sys.exit(exc.exit_code)
        sys.exit(rv if isinstance(rv, int) else 0)


# -- click's and typer's own messages ------------------------------------------------------------
#
# click translates its messages with the standard library's gettext (``from gettext import gettext
# as _`` in each module) and typer formats its help and error panels from strings it translated when
# it was imported. Both are English unless told otherwise. ``install()`` points click's ``_`` and
# ``ngettext`` at :func:`click_gettext` — a lookup that asks the current language each time, so no
# language is stored — and wraps typer's two formatting functions so that its panel titles follow
# the current language while they run.

#: click's and typer's English messages → Chinese (msgids of our catalogs: the English catalog
#: translates them back to click's English).
CLICK_MESSAGES: dict[str, str] = {
    "Usage:": N_("用法："),
    "Options": N_("选项"),
    "Arguments": N_("参数"),
    "Commands": N_("命令"),
    "Error": N_("错误"),
    "[OPTIONS]": N_("[选项]"),
    "COMMAND [ARGS]...": N_("命令 [参数]..."),
    "Show this message and exit.": N_("显示本帮助并退出。"),
    "Try '{command} {option}' for help.": N_("运行 '{command} {option}' 查看帮助。"),
    "Try [blue]'{command_path} {help_option}'[/] for help.": N_(
        "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"
    ),
    "Error: {message}": N_("错误：{message}"),
    "Missing argument": N_("缺少参数"),
    "Missing option": N_("缺少选项"),
    "Missing parameter": N_("缺少参数"),
    "Missing {param_type}": N_("缺少{param_type}"),
    "Missing command.": N_("缺少命令。"),
    "Missing parameter: {param_name}": N_("缺少参数：{param_name}"),
    "No such command {name!r}.": N_("没有命令 {name!r}。"),
    "No such option {name!r}.": N_("没有选项 {name!r}。"),
    "No such option: {name}": N_("没有选项：{name}"),
    "Invalid value for {param_hint}: {message}": N_("{param_hint} 的取值无效：{message}"),
    "Invalid value: {message}": N_("取值无效：{message}"),
    "{value!r} is not {choice}.": N_("{value!r} 不是 {choice}。"),
    "{value!r} is not one of {choices}.": N_("{value!r} 不是可选值 {choices} 之一。"),
    "{value!r} is not a valid {number_type}.": N_("{value!r} 不是有效的{number_type}。"),
    "{value} is not in the range {range}.": N_("{value} 不在范围 {range} 内。"),
    "Got unexpected extra argument ({args})": N_("多余的参数（{args}）"),
    "Got unexpected extra arguments ({args})": N_("多余的参数（{args}）"),
    "Option {name!r} requires an argument.": N_("选项 {name!r} 需要一个值。"),
    "Option {name!r} requires {nargs} arguments.": N_("选项 {name!r} 需要 {nargs} 个值。"),
    "Option {name!r} does not take a value.": N_("选项 {name!r} 不带值。"),
    "Did you mean {possibility}?": N_("是不是 {possibility}？"),
    "(Did you mean one of: {possibilities}?)": N_("（是不是以下之一：{possibilities}？）"),
    "Aborted!": N_("已中止！"),
    "Aborted.": N_("已中止。"),
    "{name} {filename!r} does not exist.": N_("{name} {filename!r} 不存在。"),
    "{name} {filename!r} is a directory.": N_("{name} {filename!r} 是目录。"),
    "{name} {filename!r} is a file.": N_("{name} {filename!r} 是文件。"),
    "file": N_("文件"),
    "directory": N_("目录"),
    "path": N_("路径"),
    "integer": N_("整数"),
    "default: {default}": N_("默认：{default}"),
    "[default: {}]": N_("[默认：{}]"),
    "[required]": N_("[必填]"),
    "(deprecated) ": N_("（已弃用）"),
    "[env var: {}]": N_("[环境变量：{}]"),
}

#: typer.rich_utils constants (computed at import, in English) and their msgids above.
_TYPER_CONSTANTS = {
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "OPTIONS_PANEL_TITLE": "Options",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "DEFAULT_STRING": "[default: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "DEPRECATED_STRING": "(deprecated) ",
    "ENVVAR_STRING": "[env var: {}]",
}


#: The messages typer's own copy of click writes in English (without gettext), as patterns → msgids.
_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Missing argument (?P<hint>.+?)\.(?: (?P<rest>.*))?"), N_("缺少参数 {hint}。{rest}")),
    (re.compile(r"Missing option (?P<hint>.+?)\.(?: (?P<rest>.*))?"), N_("缺少选项 {hint}。{rest}")),
    (re.compile(r"Missing parameter:? (?P<hint>.+?)\.?"), N_("缺少参数 {hint}。")),
    (re.compile(r"Invalid value for (?P<hint>.+?): (?:Value error, )?(?P<rest>.*)"), N_("{hint} 的取值无效：{rest}")),
    (re.compile(r"Invalid value: (?:Value error, )?(?P<rest>.*)"), N_("取值无效：{rest}")),
    (re.compile(r"(?P<value>.+?) is not one of (?P<choices>.+?)\."), N_("{value} 不是可选值（{choices}）之一。")),
    (re.compile(r"(?P<value>.+?) is not (?:a valid )?(?:integer|int)\."), N_("{value} 不是整数。")),
    (re.compile(r"(?P<value>.+?) is not in the range (?P<range>.+?)\."), N_("{value} 不在范围 {range} 内。")),
    (re.compile(r"No such option: (?P<name>\S+)(?: (?P<rest>.*))?"), N_("没有选项 {name}。{rest}")),
    (re.compile(r"(?P<head>.*?)\.? ?\(?Did you mean(?: one of:)? (?P<names>.+?)\?\)?"), N_("{head}是不是 {names}？")),
    (re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((?P<args>.+)\)"), N_("多余的参数（{args}）")),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), N_("应不小于 {n}")),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), N_("应不大于 {n}")),
    (re.compile(r"Option (?P<name>.+?) requires an argument\."), N_("选项 {name} 需要一个值。")),
    (re.compile(r"Option (?P<name>.+?) requires (?P<n>\d+) arguments\."), N_("选项 {name} 需要 {n} 个值。")),
    (re.compile(r"Option (?P<name>.+?) does not take a value\."), N_("选项 {name} 不带值。")),
)


def translate_click_message(text: str) -> str:
    """A message of typer's click in the current language (unknown messages stay English)."""
    from govreport.i18n import get_locale

    if not get_locale().startswith("zh"):
        return text
    for pattern, msgid in _PATTERNS:
        m = pattern.fullmatch(text.strip())
        if m is not None:
            parts = {k: translate_click_message(v) if k in ("rest", "head") and v else (v or "")
                     for k, v in m.groupdict().items()}
            return gettext(msgid).format(**parts)
    return text


def _usage(text: str) -> str:
    from govreport.i18n import get_locale

    if not get_locale().startswith("zh"):
        return text
    text = text.replace("Usage: ", click_gettext("Usage:"), 1).replace("[OPTIONS]", click_gettext("[OPTIONS]"))
    return text.replace("COMMAND [ARGS]...", click_gettext("COMMAND [ARGS]..."))


def click_gettext(message: str) -> str:
    """click's/typer's ``message`` in the current language (English when it has no Chinese here)."""
    from govreport.i18n import get_locale

    zh = CLICK_MESSAGES.get(message)
    return gettext(zh) if zh is not None and get_locale().startswith("zh") else message


def click_ngettext(singular: str, plural: str, n: int) -> str:
    return click_gettext(singular if n == 1 else plural)


def _in_language(fn: Any) -> Any:
    import functools

    from typer import rich_utils

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        restore: list[Any] = []
        for obj in (*args, *kwargs.values()):
            if isinstance(obj, Exception) and hasattr(obj, "format_message"):  # rich_format_error: one-shot
                message = obj.format_message
                obj.format_message = lambda message=message: translate_click_message(message())
                ctx = getattr(obj, "ctx", None)
                if ctx is not None:
                    usage = ctx.get_usage
                    ctx.get_usage = lambda usage=usage: _usage(usage())
            elif hasattr(obj, "get_usage") and hasattr(obj, "params"):  # rich_format_help: the command
                restore.append(obj)
                command_usage = type(obj).get_usage
                obj.get_usage = lambda ctx, obj=obj, command_usage=command_usage: _usage(command_usage(obj, ctx))
        saved = {name: getattr(rich_utils, name) for name in _TYPER_CONSTANTS}
        for name, english in _TYPER_CONSTANTS.items():
            setattr(rich_utils, name, click_gettext(english))
        try:
            return fn(*args, **kwargs)
        finally:
            for name, value in saved.items():
                setattr(rich_utils, name, value)
            for obj in restore:
                del obj.get_usage

    wrapper.__govreport_wrapped__ = True  # type: ignore[attr-defined]
    return wrapper


def install() -> None:
    """Make click's and typer's own messages follow the current language (idempotent)."""
    import importlib

    names = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui", "utils")
    modules = [f"{package}.{name}" for package in ("click", "typer._click") for name in names]
    for qualified in (*modules, "typer.core"):  # typer carries its own copy of click (typer._click)
        try:
            module = importlib.import_module(qualified)
        except ImportError:
            continue
        if hasattr(module, "_"):
            module._ = click_gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = click_ngettext  # type: ignore[attr-defined]
    try:
        from typer import rich_utils
    except ImportError:  # pragma: no cover - typer without rich
        return
    for fname in ("rich_format_error", "rich_format_help", "rich_abort_error"):
        fn = getattr(rich_utils, fname, None)
        if fn is not None and not getattr(fn, "__govreport_wrapped__", False):
            setattr(rich_utils, fname, _in_language(fn))


_CJK = re.compile(r"[\u3400-\u9fff]")


def _clean(text: str) -> str:
    from govreport.text.chars import clip

    return clip(" ".join(str(text).split()), 200)


def _hint(exc: click.UsageError) -> str:
    param = getattr(exc, "param", None)
    if getattr(exc, "param_hint", None):
        hint = exc.param_hint  # type: ignore[attr-defined]
        return " / ".join(hint) if isinstance(hint, (list, tuple)) else str(hint)
    if param is not None:
        opts = [o for o in getattr(param, "opts", ()) if o.startswith("-")]
        return " / ".join(opts) if opts else str(getattr(param, "metavar", None) or getattr(param, "name", "") or
                                                  "").upper()
    return ""


def usage_message(exc: click.UsageError) -> str:
    """A click usage error in the current language (one line)."""
    hint = _clean(_hint(exc))
    if isinstance(exc, click.MissingParameter):
        return _("缺少参数 {name}").format(name=hint) if hint else _("缺少参数")
    if isinstance(exc, click.NoSuchOption):
        close = ""
        if exc.possibilities:
            close = _("；是不是 {names}？").format(names=_("、").join(sorted(exc.possibilities)[:3]))
        return _("没有这个选项：{name}").format(name=_clean(exc.option_name)) + close
    if isinstance(exc, click.BadOptionUsage):
        return _("选项 {name} 的用法不对（是否缺少取值？）").format(name=_clean(exc.option_name))
    if isinstance(exc, click.BadParameter):
        message = _clean(exc.message)
        if _CJK.search(message):  # our own callbacks' messages are translated already
            return message
        message = re.sub(r"^Value error, ", "", message)
        detail = translate_click_message(message)  # e.g. 'xml' is not one of 'text', 'json', 'csv'.
        if _CJK.search(detail) or detail != message:
            return _("{name} 的取值无效：{detail}").format(name=hint, detail=_clean(detail))
        return _("{name} 的取值无效").format(name=hint) if hint else _("取值无效")
    message = str(exc.message)
    m = re.match(r"(?:No such command|没有命令) '(.*?)'", message)  # click's own text, or as install() put it
    if m:
        suggested = re.search(r"Did you mean (.*?)\?", message)
        names = _("、").join(n.strip(" '") for n in suggested.group(1).split(",")) if suggested else ""
        more = _("；是不是 {names}？").format(names=_clean(names)) if names else ""
        return _("没有这个命令：{name}").format(name=_clean(m.group(1))) + more
    m = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if m:
        return _("多余的参数：{args}").format(args=_clean(m.group(1)))
    return _("命令行用法不对：{message}").format(message=_clean(message))


def _print_error(message: str, ctx: Any) -> None:
    path = getattr(ctx, "command_path", None) or "govreport"
    where = _("（用 {command} --help 查看用法）").format(command=_clean(path))
    sys.stderr.write(_("错误：") + message + where + "\n")
