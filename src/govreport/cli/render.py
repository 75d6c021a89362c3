"""``govreport render``: reports to DOCX / PDF / HTML files."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Annotated, Any

import typer

from govreport._clihelp import TranslatedCommand
from govreport.cli._common import (
    CheckFormat,
    MaxSize,
    _error,
    _guard,
    _line,
    _print_findings,
    _problems,
    _warning,
    app,
    err,
    out,
    parse_size,
)
from govreport.errors import InputError
from govreport.i18n import N_, _


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
    help=N_(
        "把报告排版为 DOCX / PDF / HTML，并列出排版所依据报告的警告。报告有错误时不输出（除非 --force），退出码为 1。"
    ),
)
def render(
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE", help=N_("报告文件（YAML 或 JSON），或包含报告文件的目录。"))],
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
        if len(inputs) > 1:  # a batch: the collector the entry point paused runs again (govreport._entry)
            gc.enable()
        workers = jobs if jobs is not None else (1 if len(inputs) == 1 else None)
        options: dict[str, Any] = {}
        if "pdf" in formats.lower():
            options = {"font_dirs": [str(d) for d in font_dir or ()], "pdf_variant": pdf_variant}
        results = _render_with_progress(inputs, formats, output, profile, workers, force=force,
                                        max_bytes=limit, **options)
        if options and any(r.ok for r in results):  # (a refused input gets its one line only)
            _print_pdf_fonts(profile, font_dir or [])
        for source, result in zip(inputs, results, strict=True):
            if result.findings:  # what it was rendered with (warnings; errors with --force), or refused for
                _print_findings(list(result.findings), CheckFormat.text, source.name)
            if result.paths and result.errors:
                _warning(_("{source} 有 {errors} 个错误，已按 --force 输出").format(source=_line(source.name),
                                                                              errors=result.errors))
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
    inputs: list[Path], formats: str, output: Path, profile: str, workers: int | None, *, force: bool,
    max_bytes: int,
    **options: Any,
) -> list[Any]:
    import govreport

    if len(inputs) < 2 or not err.is_terminal:
        return govreport.render_many(inputs, formats, output, workers=workers, profile=profile, force=force,
                                     max_bytes=max_bytes, **options)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn(_("排版中")), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("render", total=len(inputs))
        return govreport.render_many(
            inputs, formats, output, workers=workers, profile=profile, force=force, max_bytes=max_bytes,
            on_result=lambda _r: progress.advance(task), **options,
        )


