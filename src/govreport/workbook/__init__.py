"""Excel workbooks of the statutory tables: a report or template out (:func:`export_workbook`), and
one summary workbook of many reports (:func:`summarize`). Reading a filled workbook back is the
``xlsx`` reader's job (:mod:`govreport.readers.xlsx`)."""

from __future__ import annotations

from govreport.workbook.export import export_workbook, template_workbook
from govreport.workbook.summary import SummaryItem, summarize

__all__ = ["SummaryItem", "export_workbook", "summarize", "template_workbook"]
