"""The commands of the readers: ``govreport import`` and the audit form of ``govreport check``
(many files or folders, ``--format text|json|csv``). The library does the work
(:func:`govreport.readers.to_yaml`, :func:`govreport.readers.audit.audit`); this module only parses
options and prints."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from govreport.errors import InputError
from govreport.i18n import N_, _

if TYPE_CHECKING:
    from govreport.readers.audit import AuditRow

__all__ = ["AuditFormat", "audit_command", "import_command"]


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"


def import_command(
    file: Annotated[Path, typer.Argument(help=N_("已有的报告：Word（.docx）、PDF、网页（.html）或纯文本（.txt）。"))],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help=N_("写入 YAML 文件（默认输出到屏幕）。"))
    ] = None,
    max_size: Annotated[str, typer.Option("--max-size", help=N_("输入文件大小上限，如 10MB。"))] = "10MB",
) -> None:
    """Read a report in any format and write it as an editable report file."""
    from govreport.cli import _common as cli

    def run() -> int:
        import govreport
        from govreport.readers import to_yaml

        report = govreport.load(file, max_bytes=cli.parse_size(max_size))
        text = to_yaml(report, source=file.name)
        if output is None:
            sys.stdout.write(text)
        else:
            from govreport.output import write_atomic

            if output.exists():
                raise InputError(_("{path} 已存在，不会覆盖").format(path=output))
            write_atomic(output, text.encode("utf-8"))
            cli.err.print(_("已写入 {path}").format(path=cli._line(output)))
        if report.read_notes:
            cli.err.print(_("读入时有 {n} 处推断或纠正，已列在文件末尾，请核对。").format(n=len(report.read_notes)))
        return 0

    raise typer.Exit(cli._guard(run))


def audit_command(files: list[Path], previous: Path | None, fmt: str, max_size: str) -> int:
    """Check every report of ``files`` (folders expanded): one row per report and a summary. Exit 1
    when some report has errors or could not be read."""
    from govreport.cli import _common as cli
    from govreport.readers import audit as a

    def run() -> int:
        import govreport

        limit = cli.parse_size(max_size)
        last = govreport.load(previous, max_bytes=limit) if previous is not None else None
        base = files[0] if len(files) == 1 and files[0].is_dir() else None
        for path in files:
            if not path.exists():
                raise InputError(_("找不到文件 {path}").format(path=path), code="not-found")
        rows = a.audit(files, previous=last, max_bytes=limit, base=base)
        if not rows:
            raise InputError(_("没有找到报告文件（.yaml .json .docx .pdf .html .txt）"), code="not-found")
        if fmt == "json":
            sys.stdout.write(a.audit_json(rows) + "\n")
        elif fmt == "csv":
            sys.stdout.write(a.audit_csv(rows))
        else:
            _print_audit(rows)
        return 1 if any(r.status != "ok" for r in rows) else 0

    return cli._guard(run)


def _print_audit(rows: list[AuditRow]) -> None:
    from rich.table import Table

    from govreport.cli import _common as cli
    from govreport.readers import audit as a

    table = Table(title=_("校验结果（{n} 个文件）").format(n=len(rows)), title_justify="left")
    for header in (_("文件"), _("结论"), _("发布机关"), _("年度"), _("版本"), _("错误"), _("警告"), _("代码或原因")):
        table.add_column(header, overflow="fold")
    for cells in a.audit_text(rows):
        table.add_row(*(cli._line(c) for c in cells))
    cli.out.print(table)
    s = a.summary(rows)
    cli.out.print(
        _(
            "共 {files} 个文件：读入 {read} 个，其中有错误的 {errors} 个、无错误的 {clean} 个；无法读取 {bad} 个。"
        ).format(
            files=s["files"], read=s["read"], errors=s["with_errors"], clean=s["without_errors"], bad=s["unreadable"]
        )
    )
    if s["codes"]:
        cli.out.print(
            _("出现最多的问题：{codes}").format(
                codes="，".join(f"{code} × {n}" for code, n in list(s["codes"].items())[:8])
            )
        )
