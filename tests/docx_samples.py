"""Hand-built documents for the DOCX layout tests: signature, 附件 page, tables with merged cells that span
pages, and a landscape table (until the statutory tables arrive from composition)."""

from __future__ import annotations

import datetime as dt

from govreport import document as d

LONG_NAME = "张店区人民政府科苑街道办事处"
SHORT_NAME = "某某局"
DATE = "2017年1月20日"
BODY = ("本年报是根据政府信息公开条例要求编制的年度报告，在具体工作实施过程中，街道对政府信息公开工作高度重视，"
        "各职能室认真贯彻落实政府信息公开工作的有关制度，对上网发布信息的采集、分类、整理、审批等工作制定了相应的流程。")


def merged_table(n_rows: int = 40, landscape: bool = False, name: str = "表一") -> d.Table:
    """Two header rows (a 2-row label cell, a 3-column group), then ``n_rows`` body rows whose first
    column merges every 4 rows: enough to run onto a second page."""
    header = (
        (d.Cell("项目", rowspan=2, colspan=2, role="header"), d.Cell("申请人情况", colspan=3, role="header"),
         d.Cell("总计", rowspan=2, role="header")),
        (d.Cell("自然人", role="header"), d.Cell("商业企业", role="header"), d.Cell("科研机构", role="header")),
    )
    body: list[tuple[d.Cell, ...]] = []
    for r in range(n_rows):
        cells: list[d.Cell] = []
        if r % 4 == 0:
            cells.append(d.Cell(f"第{r // 4 + 1}组", rowspan=4, role="label"))
        cells.append(d.Cell(f"行{r + 1}", role="label", align="left"))
        cells.extend(d.Cell(str(r * 3 + k)) for k in range(4))
        body.append(tuple(cells))
    return d.Table(rows=(*header, *body), widths=(1.2, 2.0, 1.0, 1.0, 1.0, 1.0), header_rows=2,
                   caption=f"{name}　测试表格", landscape=landscape, name=name)


def features_document() -> d.Document:
    """Body, a long-name signature, a short-name signature, an attachment with a table that spans two
    pages, and a landscape table."""
    blocks: list[d.Block] = [
        d.Title(("某某街道办事处", "2016年政府信息公开工作年度报告")),
        d.Heading(1, "一、", "概述"),
        d.Paragraph(BODY),
        d.Paragraph(BODY, lead="（一）主动公开情况。", lead_level=2),
        d.Signature(LONG_NAME, DATE),
        d.Paragraph(BODY),
        d.Signature(SHORT_NAME, DATE),
        d.AttachmentHeader("附件1", "政府信息公开情况统计表"),
        merged_table(40),
        d.AttachmentHeader("附件2", "横排表格"),
        merged_table(28, landscape=True, name="表二"),
        d.Paragraph(BODY),
    ]
    meta = d.Metadata(title="某某街道办事处2016年政府信息公开工作年度报告", author="某某街道办事处",
                      keywords=("某某街道办事处",), date=dt.date(2017, 1, 20))
    return d.Document(meta=meta, blocks=tuple(blocks), stem="features")
