"""The workbook commands of the ``govreport`` CLI: ``export REPORT -f xlsx -o FILE``, ``summarize
REPORTS… -o 汇总.xlsx``, and ``new --format xlsx`` (:func:`write_template`).

They are registered on the typer app by :func:`register` (called by :mod:`govreport.cli`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from govreport._clihelp import TranslatedCommand
from govreport.cli._common import EditionChoice, MaxSize, _guard, _line, _warning, err, parse_size
from govreport.errors import InputError
from govreport.i18n import N_, _

__all__ = ["export", "register", "summarize", "write_template"]


def _write(path: Path, data: bytes) -> None:
    from govreport.output import write_atomic

    write_atomic(path, data)
    err.print(_("已写入 {path}").format(path=_line(path)), markup=False)


def write_template(edition: EditionChoice, output: Path | None) -> int:
    """``govreport new --format xlsx``: the blank workbook of ``edition`` (a file is required: a
    workbook is not printed to the screen)."""
    from govreport.workbook import template_workbook

    if output is None:
        raise InputError(_("Excel 模板需要用 -o 指定要写入的文件，例如 -o 年报.xlsx"))
    if output.exists():
        raise InputError(_("{path} 已存在，不会覆盖").format(path=output))
    _write(output, template_workbook(edition.value))
    return 0


def export(
    file: Annotated[Path, typer.Argument(help=N_("报告文件（YAML、JSON 或 Excel 工作簿）。"))],
    fmt: Annotated[str, typer.Option("--format", "-f", help=N_("导出格式：xlsx。"))] = "xlsx",
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("写入文件（默认：报告文件名改为 .xlsx）。"))]
    = None,
    max_size: MaxSize = "10MB",
) -> None:
    """Export a report as an Excel workbook (the official tables, the identity and the narrative)."""
    import govreport

    def run() -> int:
        if fmt.strip().lower() != "xlsx":
            raise InputError(_("不支持的导出格式：{format}（可用：xlsx）").format(format=fmt))
        target = output if output is not None else file.with_suffix(".xlsx")
        if target.resolve() == file.resolve():
            raise InputError(_("输出文件 {path} 就是输入文件，请用 -o 指定另一个文件").format(path=target))
        report = govreport.load(file, max_bytes=parse_size(max_size))
        _write(target, govreport.export_workbook(report))
        return 0

    raise typer.Exit(_guard(run))


def summarize(
    files: Annotated[list[Path], typer.Argument(help=N_("报告文件（任何可读取的格式），或包含报告文件的目录。"))],
    output: Annotated[Path, typer.Option("--output", "-o", help=N_("写入的汇总工作簿（.xlsx）。"))] = Path(
        "汇总.xlsx"),
    max_size: MaxSize = "10MB",
) -> None:
    """Sum the tables of many reports into one workbook, with each report's key figures and findings."""
    import govreport

    def run() -> int:
        from govreport.readers import load
        from govreport.workbook.summary import SummaryItem

        limit = parse_size(max_size)
        items: list[SummaryItem] = []
        for path in _expand(files):
            try:
                items.append(SummaryItem(path.name, load(path, max_bytes=limit)))
            except InputError as exc:
                items.append(SummaryItem(path.name, None, exc.problems))
                for problem in exc.with_source(path.name).problems[:3]:
                    _warning(problem.text())
        reports = [i.report for i in items if i.report is not None]
        if not reports:
            raise InputError(_("没有一份报告可以读取，未写入汇总"))
        _write(output, govreport.summarize(items))
        failed = len(items) - len(reports)
        message = _("共 {total} 份报告：汇总 {ok} 份，未能读取 {failed} 份。")
        err.print(message.format(total=len(items), ok=len(reports), failed=failed), markup=False)
        return 0

    raise typer.Exit(_guard(run))


def _expand(paths: list[Path]) -> list[Path]:
    """Files as given; a folder contributes every file some reader takes (sorted, not recursive)."""
    from govreport.readers import REPORT_SUFFIXES
    from govreport.readers.base import all_suffixes

    suffixes = {*REPORT_SUFFIXES, *all_suffixes()}
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in suffixes and p.is_file())
            if not found:
                raise InputError(_("目录 {folder} 中没有报告文件").format(folder=path))
            out.extend(found)
        else:
            out.append(path)
    return out


def register(app: typer.Typer) -> None:
    """Add ``export`` and ``summarize`` to the CLI."""
    app.command(
        cls=TranslatedCommand, help=N_("把报告导出为 Excel 工作簿（法定表格、基本信息和正文），可填写后再读取。"),
    )(export)
    app.command(
        cls=TranslatedCommand,
        help=N_("把多份报告的表格逐格相加，汇总为一个 Excel 工作簿，并列出每份报告的主要数字和校验结果。"),
    )(summarize)
