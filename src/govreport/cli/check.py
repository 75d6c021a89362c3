"""``govreport check``: the findings of one report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from govreport._clihelp import TranslatedCommand
from govreport.cli._common import (
    CheckFormat,
    MaxSize,
    _guard,
    _print_findings,
    app,
    out,
    parse_size,
)
from govreport.errors import InputError
from govreport.i18n import N_


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
    """Check a report; exit code 1 when it has errors. Several files or a folder: one row per report."""
    import govreport

    if len(files) > 1 or files[0].is_dir() or fmt is CheckFormat.csv:
        from govreport.cli.readers import audit_command

        raise typer.Exit(audit_command(files, previous, fmt.value, max_size))
    file = files[0]

    def run() -> int:
        limit = parse_size(max_size)
        try:
            report = govreport.load(file, max_bytes=limit)
            last = govreport.load(previous, max_bytes=limit) if previous is not None else None
        except InputError as exc:
            if fmt is not CheckFormat.json:
                raise
            # The same JSON object as for a report, with the input's problems instead of findings.
            payload = {"file": file.name, "readable": False, "errors": len(exc.problems), "warnings": 0,
                       "findings": [], "problems": [p.as_dict() for p in exc.problems]}
            out.print_json(json.dumps(payload, ensure_ascii=False))
            return exc.exit_code
        findings = govreport.check(report, last)
        _print_findings(findings, fmt, file.name)
        return 1 if any(f.is_error for f in findings) else 0

    raise typer.Exit(_guard(run))


