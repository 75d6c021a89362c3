"""``govreport new`` and ``govreport schema``: what a clerk starts from."""

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from govreport._clihelp import TranslatedCommand
from govreport.cli._common import (
    EditionChoice,
    _guard,
    _line,
    app,
    err,
)
from govreport.errors import InputError
from govreport.i18n import N_, _


class NewFormat(StrEnum):
    yaml = "yaml"
    xlsx = "xlsx"


@app.command(cls=TranslatedCommand, help=N_("生成一份带注释的报告模板，填写后即可校验和排版。"))
def new(
    edition: Annotated[
        EditionChoice, typer.Option("--edition", "-e", help=N_("版本：gb2021、gb2019 或 legacy。"))
    ] = EditionChoice.gb2021,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("写入文件（默认输出到屏幕）。"))] = None,
    fmt: Annotated[NewFormat, typer.Option("--format", "-f", help=N_("模板格式：yaml 或 xlsx（Excel 工作簿）。"))]
    = NewFormat.yaml,
) -> None:
    """Print (or write) a commented template to fill in."""
    from govreport.model.templates import new_report_yaml

    def run() -> int:
        if fmt is NewFormat.xlsx:
            from govreport.cli.workbook import write_template

            return write_template(edition, output)
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


