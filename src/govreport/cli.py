"""The ``govreport`` command: render, check, new, schema.

Exit codes: 0 ok (warnings allowed); 1 the report has errors; 2 the input could not be read or is
not a report; 3 rendering failed for an environment reason (fonts, libraries). One clear message,
Chinese first, no traceback unless ``--debug``.
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
from rich.table import Table

from govreport._version import __version__
from govreport.errors import GovReportError, InputError
from govreport.i18n import N_, _, locale_from_env, set_locale

app = typer.Typer(
    name="govreport",
    help="政府信息公开工作年度报告：校验与 GB/T 9704 版式输出（DOCX / PDF / HTML）。",
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
    if isinstance(exc, GovReportError):
        err.print(f"[bold red]错误[/]：{_line(exc.message)}", markup=True, highlight=False)
        raise typer.Exit(exc.exit_code)
    if isinstance(exc, OSError):  # the output folder is not writable, the disk is full …
        where = f"{exc.filename}：" if exc.filename else ""
        err.print(f"[bold red]错误[/]：{_line(where)}文件操作失败（{_line(exc.strerror or exc)}） (I/O error)",
                  markup=True, highlight=False)
        raise typer.Exit(3)
    err.print(
        f"[bold red]内部错误[/]：{_line(type(exc).__name__)}: {_line(exc)}（请加 --debug 查看详情并报告此问题）"
        " (internal error; rerun with --debug)",
        markup=True,
    )
    raise typer.Exit(3)


_SIZE = {"": 1, "b": 1, "k": 1024, "kb": 1024, "m": 1024**2, "mb": 1024**2, "g": 1024**3, "gb": 1024**3}


def parse_size(text: str) -> int:
    """``--max-size``: bytes, or a number with KB / MB / GB (binary multiples), e.g. 20MB."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?b?)\s*", text, re.IGNORECASE)
    if not m or float(m.group(1)) * _SIZE[m.group(2).lower()] < 1:
        raise InputError(f"--max-size：无效的大小「{text}」（例如 10MB、512KB） (invalid size)")
    return int(float(m.group(1)) * _SIZE[m.group(2).lower()])


MaxSize = Annotated[
    str, typer.Option("--max-size", help="输入文件的大小上限（如 10MB、512KB），超过则拒绝读取。")
]


def _guard(fn: Callable[[], T]) -> T:
    try:
        return fn()
    except typer.Exit:
        raise
    except KeyboardInterrupt:
        err.print("已中断 (interrupted)")
        raise typer.Exit(130) from None
    except Exception as exc:
        _fail(exc)


def _version(value: bool) -> None:
    if value:
        out.print(f"govreport {__version__}")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号并退出。")
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="出错时显示完整的 Python 回溯。")] = False,
    lang: Annotated[
        str | None,
        typer.Option(
            "--lang",
            metavar="zh_CN|en",
            help=N_("消息语言：zh_CN（默认）或 en；不写时按环境变量 LANGUAGE、LC_ALL、LC_MESSAGES、LANG。"),
        ),
    ] = None,
) -> None:
    _state["debug"] = debug
    try:
        set_locale(lang if lang is not None else locale_from_env())
    except ValueError:
        message = _("不支持的语言：{lang}（可用：zh_CN、en）").format(lang=lang)
        raise typer.BadParameter(message, param_hint="--lang") from None


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
        out.print(f"{name}：未发现问题。")
        return
    table = Table(title=f"{name} 校验结果", show_lines=False, title_justify="left")
    table.add_column("级别", no_wrap=True)
    table.add_column("代码", no_wrap=True)
    table.add_column("位置", overflow="fold")
    table.add_column("说明", overflow="fold")
    for f in findings:
        level = "[red]错误[/]" if f.is_error else "[yellow]警告[/]"
        table.add_row(level, _line(f.code), _line(f.location), _line(f.message))
    out.print(table)
    n_err = sum(1 for f in findings if f.is_error)
    out.print(f"共 {n_err} 个错误，{len(findings) - n_err} 个警告。")


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="报告文件（YAML 或 JSON）。")],
    previous: Annotated[
        Path | None, typer.Option("--previous", "-p", help="上一年度的报告，用于跨年度核对。")
    ] = None,
    fmt: Annotated[CheckFormat, typer.Option("--format", help="输出格式：text 或 json。")] = CheckFormat.text,
    max_size: MaxSize = "10MB",
) -> None:
    """校验报告：表格勾稽关系、法定章节与期限、正文与表格数字是否一致。有错误时退出码为 1。"""
    import govreport

    def run() -> int:
        limit = parse_size(max_size)
        report = govreport.load(file, max_bytes=limit)
        last = govreport.load(previous, max_bytes=limit) if previous is not None else None
        findings = govreport.check(report, last)
        _print_findings(findings, fmt, file.name)
        return 1 if any(f.is_error for f in findings) else 0

    raise typer.Exit(_guard(run))


def _expand_inputs(paths: list[Path]) -> list[Path]:
    """Files as given; a folder contributes its *.yaml, *.yml and *.json files (sorted, not recursive)."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml", ".json") and p.is_file())
            if not found:
                raise InputError(f"目录 {path} 中没有 YAML/JSON 报告文件 (no report files in folder)")
            out.extend(found)
        else:
            out.append(path)
    return out


@app.command()
def render(
    files: Annotated[list[Path], typer.Argument(help="报告文件（YAML 或 JSON），或包含报告文件的目录。")],
    formats: Annotated[str, typer.Option("--formats", "-f", help="输出格式，逗号分隔：docx,pdf,html。")] = "docx,pdf",
    output: Annotated[Path, typer.Option("--output", "-o", help="输出目录。")] = Path("out"),
    profile: Annotated[str, typer.Option("--profile", help="版式配置（styles/ 中的名称或 .toml 路径）。")] = "gbt9704",
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", min=1, help="并行进程数（默认：多份报告时为 CPU 核数）。")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="报告有错误时仍然输出。")] = False,
    font_dir: Annotated[
        list[Path] | None, typer.Option("--font-dir", help="存放已授权字体的目录（可多次指定），优先于系统字体。")
    ] = None,
    pdf_variant: Annotated[
        str,
        typer.Option("--pdf-variant", help="PDF 版本：pdf/a-2b（默认）、pdf/a-3b（内嵌 report.json）、pdf/ua-1。"),
    ] = "pdf/a-2b",
    max_size: MaxSize = "10MB",
) -> None:
    """把报告排版为 DOCX / PDF / HTML。报告有错误时不输出（除非 --force），退出码为 1。"""
    import govreport

    def run() -> int:
        limit = parse_size(max_size)
        if output.exists() and not output.is_dir():
            raise InputError(f"输出位置 {output} 已存在且不是目录 (output is not a folder)")
        inputs = _expand_inputs(files)
        workers = jobs if jobs is not None else (1 if len(inputs) == 1 else None)
        options: dict[str, Any] = {}
        if "pdf" in formats.lower():
            options = {"font_dirs": [str(d) for d in font_dir or ()], "pdf_variant": pdf_variant}
        results = _render_with_progress(inputs, formats, output, profile, workers, check=not force,
                                        max_bytes=limit, **options)
        if options and any(r.ok for r in results):  # (a refused input gets its one line only)
            _print_pdf_fonts(profile, font_dir or [])
        if len(inputs) == 1 and results[0].exit_code == 1:
            found = govreport.check(govreport.load(inputs[0], max_bytes=limit))
            if found:  # (an error found only while composing has no findings to list)
                _print_findings(found, CheckFormat.text, inputs[0].name)
        for result in results:
            for path in result.paths:
                out.print(f"已写入 {_line(path)}")
            if result.error:
                err.print(f"[bold red]错误[/]：{_line(result.source)}：{_line(result.error)}", markup=True)
        if len(results) > 1:
            failed = sum(1 for r in results if not r.ok)
            out.print(f"共 {len(results)} 份报告：成功 {len(results) - failed} 份，失败 {failed} 份。")
        return max((r.exit_code for r in results), default=0)

    raise typer.Exit(_guard(run))


def _print_pdf_fonts(profile: str, font_dirs: list[Path]) -> None:
    """The fonts the PDF will embed where they are substitutes, and a missing libharfbuzz-subset."""
    from govreport.style.fonts import HARFBUZZ_SUBSET_WARNING, harfbuzz_subset_available, resolve_fonts
    from govreport.style.profile import load_profile

    fontset = resolve_fonts(load_profile(profile), font_dirs)
    for face in fontset.substitutions():
        err.print(f"字体替代 {face.role}: {face.describe()}", markup=False)
    if not harfbuzz_subset_available():
        err.print(f"[yellow]警告[/]：{HARFBUZZ_SUBSET_WARNING}", markup=True)


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
        TextColumn("排版中"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("render", total=len(inputs))
        return govreport.render_many(
            inputs, formats, output, workers=workers, profile=profile, check=check, max_bytes=max_bytes,
            on_result=lambda _r: progress.advance(task), **options,
        )


@app.command()
def new(
    edition: Annotated[
        EditionChoice, typer.Option("--edition", "-e", help="版本：gb2021、gb2019 或 legacy。")
    ] = EditionChoice.gb2021,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件（默认输出到屏幕）。")] = None,
) -> None:
    """生成一份带注释的报告模板，填写后即可校验和排版。"""
    from govreport.model.templates import new_report_yaml

    def run() -> int:
        text = new_report_yaml(edition.value)
        if output is None:
            sys.stdout.write(text)
        else:
            from govreport.io import write_atomic

            if output.exists():
                raise InputError(f"{output} 已存在，不会覆盖 (file exists)")
            write_atomic(output, text.encode("utf-8"))
            err.print(f"已写入 {_line(output)}")
        return 0

    raise typer.Exit(_guard(run))


@app.command()
def schema() -> None:
    """输出报告数据的 JSON Schema（供编辑器补全与校验）。"""
    from govreport.model import Report

    def run() -> int:
        sys.stdout.write(json.dumps(Report.model_json_schema(by_alias=False), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return 0

    raise typer.Exit(_guard(run))


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
