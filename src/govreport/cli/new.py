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
    MaxSize,
    _guard,
    _line,
    app,
    err,
    parse_size,
)
from govreport.errors import InputError
from govreport.i18n import N_, _


class LevelChoice(StrEnum):
    department = "部门"
    township = "乡镇街道"
    county = "县级"
    prefecture = "地市级"
    province = "省级"


class NewFormat(StrEnum):
    yaml = "yaml"
    xlsx = "xlsx"


@app.command(cls=TranslatedCommand, help=N_("生成一份带注释的报告模板，填写后即可校验和排版。"))
def new(
    edition: Annotated[
        EditionChoice | None,
        typer.Option("--edition", "-e", help=N_("版本：gb2021、gb2019 或 legacy（默认按年度确定）。")),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", "-y", min=2008, max=2100, help=N_("报告年度（默认：上年报告的次年）。"))
    ] = None,
    body: Annotated[str | None, typer.Option("--body", "-b", help=N_("发布机关全称。"))] = None,
    level: Annotated[
        LevelChoice | None,
        typer.Option("--level", "-l", help=N_("机关层级：部门、乡镇街道、县级、地市级、省级（默认按机关名称推断）。")),
    ] = None,
    previous: Annotated[
        Path | None,
        typer.Option(
            "--from", help=N_("上一年度的报告（任何可读的格式）：结转上年结转、表二现行有效件数、联系方式、落款。")
        ),
    ] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help=N_("写入文件（默认输出到屏幕）。"))] = None,
    max_size: MaxSize = "10MB",
    fmt: Annotated[NewFormat, typer.Option("--format", "-f", help=N_("模板格式：yaml 或 xlsx（Excel 工作簿）。"))]
    = NewFormat.yaml,
) -> None:
    """Print (or write) a commented template to fill in."""
    from govreport.model.templates import new_report_yaml

    def run() -> int:
        if fmt is NewFormat.xlsx:  # the blank workbook of the edition (of the year): nothing else is filled in
            from govreport.cli.workbook import write_template
            from govreport.model.editions import edition_for_year

            chosen = edition or EditionChoice(edition_for_year(year).value if year else "gb2021")
            return write_template(chosen, output)
        last = None
        if previous is not None:
            import govreport

            last = govreport.load(previous, max_bytes=parse_size(max_size))
        text = new_report_yaml(
            edition.value if edition else None, year=year, body=body, level=level.value if level else None,
            previous=last, source=previous.name if previous is not None else None,
        )
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
    from govreport.model.schema import report_schema

    def run() -> int:
        sys.stdout.write(json.dumps(report_schema(), ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return 0

    raise typer.Exit(_guard(run))


