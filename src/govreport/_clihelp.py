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

from govreport.i18n import _, gettext


@contextlib.contextmanager
def translated_help(command: Any) -> Iterator[None]:
    """Within the block, ``command``'s help texts (its own, its parameters', its subcommands') are
    in the current language."""
    saved: list[tuple[Any, str, str]] = []

    def swap(obj: Any, attr: str) -> None:
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value:
            saved.append((obj, attr, value))
            setattr(obj, attr, gettext(value))

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


class TranslatedCommand(TyperCommand):
    """A typer command whose ``--help`` is printed in the current language."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        with translated_help(self):
            super().format_help(ctx, formatter)


class TranslatedGroup(TyperGroup):
    """A typer group whose ``--help`` (and its list of commands) is printed in the current language."""

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
        return " / ".join(opts) if opts else str(getattr(param, "name", "") or "").upper()
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
        return _("{name} 的取值无效").format(name=hint) if hint else _("取值无效")
    message = str(exc.message)
    m = re.match(r"No such command '(.*)'", message)
    if m:
        return _("没有这个命令：{name}").format(name=_clean(m.group(1)))
    m = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.*)\)", message)
    if m:
        return _("多余的参数：{args}").format(args=_clean(m.group(1)))
    return _("命令行用法不对：{message}").format(message=_clean(message))


def _print_error(message: str, ctx: Any) -> None:
    path = getattr(ctx, "command_path", None) or "govreport"
    where = _("（用 {command} --help 查看用法）").format(command=_clean(path))
    sys.stderr.write(_("错误：") + message + where + "\n")
