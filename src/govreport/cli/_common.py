"""What every command of the CLI shares: the app, the consoles, error printing, size options.

Exit codes: 0 ok (warnings allowed); 1 the report has errors; 2 the input could not be read or is
not a report; 3 rendering failed for an environment reason (fonts, libraries). One clear message,
no traceback unless ``--debug``.

Every message and help text goes through the catalogs (:mod:`govreport.i18n`): Chinese by default,
English with ``--lang en`` or an English locale. Help texts are msgids (``N_``), translated when the
help is printed (:mod:`govreport._clihelp`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from govreport._clihelp import TranslatedGroup, install
from govreport.errors import GovReportError, InputError, Terminated, os_error_text
from govreport.i18n import N_, _, ngettext
from govreport.text.chars import clip

install()  # click's and typer's own messages in the current language (govreport._clihelp)

app = typer.Typer(
    name="govreport",
    help=N_("政府信息公开工作年度报告：校验与 GB/T 9704 版式输出（DOCX / PDF / HTML）。"),
    cls=TranslatedGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
out = Console(highlight=False, soft_wrap=True)

_state: dict[str, bool] = {"debug": False}
T = TypeVar("T")


class CheckFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


class EditionChoice(StrEnum):
    gb2021 = "gb2021"
    gb2019 = "gb2019"
    legacy = "legacy"


def _line(text: object) -> str:
    """User-derived text made safe for one line of rich output: no markup, no line breaks, and no
    control or format character (a file name's ESC [31m, a U+202E) reaching the terminal raw."""
    flat = " ".join(str(text).splitlines())  # also \u2028, \x85 … that end a line
    return escape(clip(flat, 1 << 30))


def _fail(exc: BaseException) -> NoReturn:
    if _state["debug"]:
        raise exc
    if isinstance(exc, InputError):
        _problems(exc)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, GovReportError):
        _error(exc.message)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, OSError):  # the output folder is not writable, the disk is full …
        where = _("{path}：").format(path=clip(str(exc.filename), 200)) if exc.filename else ""
        _error(_("{where}文件操作失败（{error}）").format(where=where, error=os_error_text(exc)))
        raise typer.Exit(3)
    message = _("[bold red]内部错误[/]：{error}（请加 --debug 查看详情并报告此问题）")
    err.print(message.format(error=_line(f"{type(exc).__name__}: {exc}")), markup=True, highlight=False)
    raise typer.Exit(3)


def _error(message: str) -> None:
    """One line on stderr: 错误：message (Error: … in English)."""
    err.print(_("[bold red]错误[/]：{message}").format(message=_line(message)), markup=True, highlight=False)


#: At most this many problems of one input are printed; the rest are counted.
MAX_PROBLEMS_SHOWN = 20


def _problems(exc: InputError, source: str | None = None) -> None:
    """Every problem of an input error, one line each (at most :data:`MAX_PROBLEMS_SHOWN`, then the count)."""
    problems = exc.with_source(source).problems if source else exc.problems
    for problem in problems[:MAX_PROBLEMS_SHOWN]:
        _error(problem.text())
    rest = len(problems) - MAX_PROBLEMS_SHOWN
    if rest > 0:
        err.print(ngettext("……另有 {n} 处错误", "……另有 {n} 处错误", rest).format(n=rest), markup=False)


def _warning(message: str) -> None:
    err.print(_("[yellow]警告[/]：{message}").format(message=_line(message)), markup=True, highlight=False)


_SIZE = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def parse_size(text: str) -> int:
    """``--max-size``: bytes, or a number with KB / MB / GB (binary multiples), e.g. 20MB."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", text, re.IGNORECASE)
    if not m or float(m.group(1)) * _SIZE[m.group(2).lower()] < 1:
        raise InputError(_("--max-size：无效的大小「{size}」（例如 10MB、512KB）").format(size=text))
    return int(float(m.group(1)) * _SIZE[m.group(2).lower()])


MaxSize = Annotated[
    str, typer.Option("--max-size", help=N_("输入文件的大小上限（如 10MB、512KB），超过则拒绝读取。"))
]


def _guard(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except typer.Exit:
        raise
    except KeyboardInterrupt as exc:
        err.print(_("已中断"), markup=False)
        raise typer.Exit(143 if isinstance(exc, Terminated) else 130) from None
    except Exception as exc:
        _fail(exc)



def _print_findings(findings: list[Any], fmt: CheckFormat, name: str) -> None:
    if fmt is CheckFormat.json:
        payload = {
            "file": name,
            "readable": True,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if f.is_warning),
            "infos": sum(1 for f in findings if not f.is_error and not f.is_warning),
            "findings": [f.model_dump(mode="json") for f in findings],
        }
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    name = _line(name)
    if not findings:
        out.print(_("{file}：未发现问题。").format(file=name))
        return
    width = _width()
    if width < WIDE_TERMINAL:
        _print_blocks(findings, name, width)
        return
    from rich.table import Table

    table = Table(title=_("{file} 校验结果").format(file=name), show_lines=False, title_justify="left")
    table.add_column(_("级别"), no_wrap=True)
    table.add_column(_("代码"), no_wrap=True)
    table.add_column(_("位置"), overflow="fold")
    table.add_column(_("说明"), overflow="fold")
    for f in findings:
        table.add_row(_level(f), _line(f.code), _line(f.location), _line(f.message))
    out.print(table, width=width)
    _summary(findings)


#: From this many columns on, the findings are a four-column table; below, one block per finding.
WIDE_TERMINAL = 120


def _width() -> int:
    """The terminal's width now (``COLUMNS`` first: the console measured it when it was created)."""
    import os

    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else out.size.width


def _print_blocks(findings: list[Any], name: str, width: int) -> None:
    """One block per finding (level and code; 位置; 说明), wrapped to the terminal with an indent."""
    from rich.padding import Padding
    from rich.text import Text

    out.print(_("{file} 校验结果").format(file=name))
    for f in findings:
        out.print()
        out.print(f"{_level(f)}  {_line(f.code)}", markup=True, highlight=False)
        if str(f.location):
            out.print(Padding(Text(_("位置：{where}").format(where=" ".join(str(f.location).splitlines()))),
                              (0, 0, 0, 2)), soft_wrap=False, width=width)
        message = _("说明：{message}").format(message=" ".join(f.message.splitlines()))
        out.print(Padding(Text(message), (0, 0, 0, 2)), soft_wrap=False, width=width)
    out.print()
    _summary(findings)


def _level(finding: Any) -> str:
    if finding.is_error:
        return _("[red]错误[/]")
    return _("[yellow]警告[/]") if finding.is_warning else _("[cyan]提示[/]")


def _summary(findings: list[Any]) -> None:
    n_err = sum(1 for f in findings if f.is_error)
    n_warn = sum(1 for f in findings if f.is_warning)
    n_info = len(findings) - n_err - n_warn
    line = _("共 {errors} 个错误，{warnings} 个警告。").format(errors=n_err, warnings=n_warn)
    if n_info:
        line += _("另有 {infos} 条提示。").format(infos=n_info)
    out.print(line)


