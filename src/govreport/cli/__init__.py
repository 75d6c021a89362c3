"""The ``govreport`` command: render, check, new, schema.

Exit codes: 0 ok (warnings allowed); 1 the report has errors; 2 the input could not be read or is
not a report; 3 rendering failed for an environment reason (fonts, libraries). One clear message,
no traceback unless ``--debug``.

Every message and help text goes through the catalogs (:mod:`govreport.i18n`): Chinese by default,
English with ``--lang en`` or an English locale. Help texts are msgids (``N_``), translated when the
help is printed (:mod:`govreport._clihelp`). One module per command; :mod:`govreport.cli._common`
holds what they share.
"""

from __future__ import annotations

from typing import Annotated

import typer

from govreport._clihelp import TranslatedCommand
from govreport._version import __version__
from govreport.cli import check as _check  # noqa: F401  (registers the command)
from govreport.cli import new as _new  # noqa: F401
from govreport.cli import render as _render  # noqa: F401
from govreport.cli import workbook as _workbook
from govreport.cli._common import _state, app, out
from govreport.cli.readers import import_command
from govreport.i18n import N_, _, locale_from_env, set_locale
from govreport.serve.command import serve

__all__ = ["app", "main"]

_workbook.register(app)
app.command(
    name="import",
    cls=TranslatedCommand,
    help=N_("读入已有的报告（Word、PDF、网页、纯文本），写成可编辑的报告文件（YAML），并列出读入时的推断和纠正。"),
)(import_command)
# The web app's command lives with it (serve/command.py imports the web framework only when it runs).
app.command("serve", cls=TranslatedCommand, help=N_("启动网页填报与 HTTP API（默认只在本机 127.0.0.1 上）。"))(serve)


def _version(value: bool) -> None:
    if value:
        out.print(f"govreport {__version__}")
        raise typer.Exit(0)


def _lang(value: str | None) -> str | None:
    """``--lang`` is eager, so that ``govreport --lang en --help`` is already in English."""
    if value is not None:
        try:
            set_locale(value)
        except ValueError:
            message = _("不支持的语言：{lang}（可用：zh_CN、en）").format(lang=value)
            raise typer.BadParameter(message, param_hint="--lang") from None
    return value


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=N_("显示版本号并退出。"))
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help=N_("出错时显示完整的 Python 回溯。"))] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh_CN|en",
            is_eager=True,
            callback=_lang,
            help=N_("消息语言：zh_CN（默认）或 en；不写时按环境变量 LANGUAGE、LC_ALL、LC_MESSAGES、LANG。"),
        ),
    ] = None,
) -> None:
    _state["debug"] = debug
    if lang is None:
        set_locale(locale_from_env())



def main() -> None:
    """Console-script entry point (the language comes from the environment until ``--lang`` says otherwise)."""
    _tolerant_streams()
    set_locale(locale_from_env())
    app()


def _tolerant_streams() -> None:
    """On a terminal or pipe that cannot show Chinese (``LANG=C``, ``PYTHONIOENCODING=ascii``) the
    messages are written with ``\\uXXXX`` escapes rather than failing: a valid report stays valid."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None) or "ascii"
        try:
            "政—".encode(encoding)
        except (UnicodeEncodeError, LookupError):
            reconfigure = getattr(stream, "reconfigure", None)
            if callable(reconfigure):
                reconfigure(errors="backslashreplace")
