"""The ``govreport`` command: render, check, new, schema.

Exit codes: 0 ok (warnings allowed); 1 the report has errors; 2 the input could not be read or is
not a report; 3 rendering failed for an environment reason (fonts, libraries). One clear message,
no traceback unless ``--debug``.

Every message and help text goes through the catalogs (:mod:`govreport.i18n`): Chinese by default,
English with ``--lang en`` or an English locale. Help texts are msgids (``N_``), translated when the
help is printed (:mod:`govreport._clihelp`).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from govreport._clihelp import TranslatedCommand, TranslatedGroup
from govreport._cmd_readers import import_command
from govreport._version import __version__
from govreport.errors import GovReportError, InputError
from govreport.i18n import N_, _, locale_from_env, ngettext, set_locale

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
    """User-derived text made safe for one line of rich output: no markup, no line breaks."""
    return escape(" ".join(str(text).splitlines()))  # also \u2028, \x85 … that end a line


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
        where = _("{path}：").format(path=exc.filename) if exc.filename else ""
        _error(_("{where}文件操作失败（{error}）").format(where=where, error=exc.strerror or exc))
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
    except KeyboardInterrupt:
        err.print(_("已中断"), markup=False)
        raise typer.Exit(130) from None
    except Exception as exc:
        _fail(exc)


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


def _print_findings(findings: list[Any], fmt: CheckFormat, name: str) -> None:
    if fmt is CheckFormat.json:
        payload = {
            "file": name,
            "errors": sum(1 for f in findings if f.is_error),
            "warnings": sum(1 for f in findings if not f.is_error),
            "findings": [f.model_dump(mode="json") for f in findings],
        }
        out.print_json(json.dumps(payload, ensure_ascii=False))
        return
    name = _line(name)
    if not findings:
        out.print(_("{file}：未发现问题。").format(file=name))
        return
    from rich.table import Table

    table = Table(title=_("{file} 校验结果").format(file=name), show_lines=False, title_justify="left")
    table.add_column(_("级别"), no_wrap=True)
    table.add_column(_("代码"), no_wrap=True)
    table.add_column(_("位置"), overflow="fold")
    table.add_column(_("说明"), overflow="fold")
    for f in findings:
        level = _("[red]错误[/]") if f.is_error else _("[yellow]警告[/]")
        table.add_row(level, _line(f.code), _line(f.location), _line(f.message))
    out.print(table)
    n_err = sum(1 for f in findings if f.is_error)
    out.print(_("共 {errors} 个错误，{warnings} 个警告。").format(errors=n_err, warnings=len(findings) - n_err))


@app.command(
    cls=TranslatedCommand,
    help=N_("校验报告：表格勾稽关系、法定章节与期限、正文与表格数字是否一致。有错误时退出码为 1。"),
)
def check(
    files: Annotated[list[Path], typer.Argument(help=N_(
        "报告文件或文件夹：YAML/JSON、Word（.docx）、PDF、网页（.html）或纯文本（.txt）；"
        "多个文件或文件夹时逐个校验，每份报告一行并汇总。"))],
    previous: Annotated[
        Path | None, typer.Option("--previous", "-p", help=N_("上一年度的报告（任何格式），用于跨年度核对。"))
    ] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help=N_("输出格式：text、json 或 csv。"))] = CheckFormat.text,
    max_size: MaxSize = "10MB",
) -> None:
    """Check a report; exit code 1 when it has errors."""
    import govreport

    if len(files) > 1 or files[0].is_dir() or fmt is CheckFormat.csv:
        from govreport._cmd_readers import audit_command

        raise typer.Exit(audit_command(files, previous, fmt.value, max_size))
    file = files[0]

    def run() -> int:
        limit = parse_size(max_size)
        report = govreport.load(file, max_bytes=limit)
        last = govreport.load(previous, max_bytes=limit) if previous is not None else None
        findings = govreport.check(report, last)
        _print_findings(findings, fmt, file.name)
        return 1 if any(f.is_error for f in findings) else 0

    raise typer.Exit(_guard(run))


app.command(
    name="import",
    cls=TranslatedCommand,
    help=N_("读入已有的报告（Word、PDF、网页、纯文本），写成可编辑的报告文件（YAML），并列出读入时的推断和纠正。"),
)(import_command)


def _expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; a folder contributes its *.yaml, *.yml and *.json files (sorted, not recursive)."""
    from govreport.readers import REPORT_SUFFIXES

    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in REPORT_SUFFIXES and p.is_file())
            if not found:
                raise InputError(_("目录 {folder} 中没有 YAML/JSON 报告文件").format(folder=path))
            out.extend(found)
        else:
            out.append(path)
    return out


@app.command(
    cls=TranslatedCommand,
    help=N_("把报告排版为 DOCX / PDF / HTML。报告有错误时不输出（除非 --force），退出码为 1。"),
)
def render(
    files: Annotated[list[Path], typer.Argument(help=N_("报告文件（YAML 或 JSON），或包含报告文件的目录。"))],
    formats: Annotated[
        str, typer.Option("--formats", "-f", help=N_("输出格式，逗号分隔：docx,pdf,html。"))
    ] = "docx,pdf",
    output: Annotated[Path, typer.Option("--output", "-o", help=N_("输出目录。"))] = Path("out"),
    profile: Annotated[
        str, typer.Option("--profile", help=N_("版式配置（styles/ 中的名称或 .toml 路径）。"))
    ] = "gbt9704",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help=N_("并行进程数（默认：多份报告时为 CPU 核数）。"))
    ] = None,
    force: Annotated[bool, typer.Option("--force", help=N_("报告有错误时仍然输出。"))] = False,
    font_dir: Annotated[
        list[Path] | None,
        typer.Option("--font-dir", help=N_("存放已授权字体的目录（可多次指定），优先于系统字体。")),
    ] = None,
    pdf_variant: Annotated[
        str,
        typer.Option("--pdf-variant", help=N_("PDF 版本：pdf/a-2b（默认）、pdf/a-3b（内嵌 report.json）、pdf/ua-1。")),
    ] = "pdf/a-2b",
    max_size: MaxSize = "10MB",
) -> None:
    """Render reports to DOCX / PDF / HTML; nothing is written for a report with errors unless --force."""

    def run() -> int:
        limit = parse_size(max_size)
        if output.exists() and not output.is_dir():
            raise InputError(_("输出位置 {path} 已存在且不是目录").format(path=output))
        inputs = _expand_inputs(files)
        if len(inputs) > 1:  # a batch: the collector the entry point paused runs again (govreport._entry),
            from govreport import _pdf_process  # and no PDF engine waits for a single report
            from govreport._entry import resume_collection

            _pdf_process.discard()
            resume_collection()
        workers = jobs if jobs is not None else (1 if len(inputs) == 1 else None)
        options: dict[str, Any] = {}
        if "pdf" in formats.lower():
            options = {"font_dirs": [str(d) for d in font_dir or ()], "pdf_variant": pdf_variant}
        results = _render_with_progress(inputs, formats, output, profile, workers, check=not force,
                                        max_bytes=limit, **options)
        if options and any(r.ok for r in results):  # (a refused input gets its one line only)
            _print_pdf_fonts(profile, font_dir or [])
        if len(inputs) == 1 and results[0].exit_code == 1 and results[0].findings:
            _print_findings(list(results[0].findings), CheckFormat.text, inputs[0].name)
        for result in results:
            for path in result.paths:
                out.print(_("已写入 {path}").format(path=_line(path)))
            if result.problems:
                _problems(InputError(result.problems), result.source)
            elif result.error:
                _error(_("{source}：{error}").format(source=result.source, error=result.error))
        if len(results) > 1:
            failed = sum(1 for r in results if not r.ok)
            summary = _("共 {total} 份报告：成功 {ok} 份，失败 {failed} 份。")
            out.print(summary.format(total=len(results), ok=len(results) - failed, failed=failed))
        return max((r.exit_code for r in results), default=0)

    raise typer.Exit(_guard(run))


def _print_pdf_fonts(profile: str, font_dirs: list[Path]) -> None:
    """The fonts the PDF will embed where they are substitutes, and a missing libharfbuzz-subset."""
    from govreport.style.fonts import HARFBUZZ_SUBSET_WARNING, harfbuzz_subset_available, resolve_fonts
    from govreport.style.profile import load_profile

    fontset = resolve_fonts(load_profile(profile), font_dirs)
    for face in fontset.substitutions():
        err.print(_("字体替代 {role}: {font}").format(role=face.role, font=face.describe()), markup=False)
    if not harfbuzz_subset_available():
        _warning(_(HARFBUZZ_SUBSET_WARNING))


def _render_with_progress(
    inputs: list[Path], formats: str, output: Path, profile: str, workers: int | None, *, check: bool,
    max_bytes: int,
    **options: Any,
) -> list[Any]:
    import govreport

    if len(inputs) < 2 or not err.is_terminal:
        return govreport.render_many(inputs, formats, output, workers=workers, profile=profile, check=check,
                                     max_bytes=max_bytes, **options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(_("排版中")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("render", total=len(inputs))
        return govreport.render_many(
            inputs, formats, output, workers=workers, profile=profile, check=check, max_bytes=max_bytes,
            on_result=lambda _r: progress.advance(task), **options,
        )


@app.command(cls=TranslatedCommand, help=N_("生成一份带注释的报告模板，填写后即可校验和排版。"))
def new(
    edition: Annotated[
        EditionChoice, typer.Option("--edition", "-e", help=N_("版本：gb2021、gb2019 或 legacy。"))
    ] = EditionChoice.gb2021,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("写入文件（默认输出到屏幕）。"))] = None,
) -> None:
    """Print (or write) a commented template to fill in."""
    from govreport.model.templates import new_report_yaml

    def run() -> int:
        text = new_report_yaml(edition.value)
        if output is None:
            sys.stdout.write(text)
        else:
            from govreport.output import write_atomic

            if output.exists():
                raise InputError(_("{path} 已存在，不会覆盖").format(path=output))
            write_atomic(output, text.encode("utf-8"))
            err.print(_("已写入 {path}").format(path=_line(output)))
        return 0

    raise typer.Exit(_guard(run))


@app.command(cls=TranslatedCommand, help=N_("输出报告数据的 JSON Schema（供编辑器补全与校验）。"))
def schema() -> None:
    """Print the JSON Schema of the report data."""
    from govreport.model import Report

    def run() -> int:
        sys.stdout.write(json.dumps(Report.model_json_schema(by_alias=False), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return 0

    raise typer.Exit(_guard(run))


def main() -> None:
    """Console-script entry point (the language comes from the environment until ``--lang`` says otherwise)."""
    set_locale(locale_from_env())
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
