# ruff: noqa: E501  (HTML of a portal page, written out as such)
"""Write the layout variants of the foreign corpus (fixtures/foreign/qinghe-layout-2023.*,
qinghe-portal-2023.*): the clean report of tests/data/foreign/qinghe-county-2023.yaml laid out the
other ways real bodies lay it out, so that the readers are not tuned to one layout.

``qinghe-layout-2023`` — a Word file as another clerk makes it, its PDF through LibreOffice and
the text copied from that PDF (``pdftotext -layout``):

- the title on one line with the year first (“2023年青禾县人民政府政府信息公开工作年度报告”);
- the section headings with a space after the ordinal (“一、 总体情况”);
- 表二 with each “第二十条第（…）项” in a vertically merged first column beside its rows, not as a row
  of its own;
- 表三 with a two-row header (自然人 and 总计 merged down, 法人或其他组织 over its five columns, no
  申请人情况 row), “三、本年度办理结果” in a merged column of its own, then the group label, then the
  item label; the table's columns of uneven widths;
- numbers written with full-width digits in some cells and padded with spaces in others.

``qinghe-portal-2023`` — a portal page laid out differently from qinghe-county-2023.html: GB2312
declared only in ``<meta http-equiv>``, the article inside a layout table and nested ``<div>``s,
headings in ``<h3>`` with ``&nbsp;`` before them, heading cells as ``<th>``, every cell's text inside
``<p><span>``; the page printed to PDF by WeasyPrint with its navigation and footer, at a large font so
that 表三 breaks across pages with its header rows repeated (``<thead>``) and a row broken by the page
break; and the text a browser copies from the page.

Run from the repository root after make_foreign_corpus.py: ``.venv/bin/python
tests/data/make_variant_corpus.py``. The generated files are committed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import yaml
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_foreign_corpus as base

ROOT = base.ROOT
OUT = base.OUT
DATA = base.SOURCE / "qinghe-county-2023.yaml"
FULL = str.maketrans("0123456789", "０１２３４５６７８９")


def _num(v: Any, i: int) -> str:
    """A cell as the clerk typed it: blanks as in the base corpus, some digits full-width, some
    numbers padded with spaces."""
    if v is None:
        return base._blank(i)
    text = str(v)
    if i % 3 == 0:
        return text.translate(FULL)
    if i % 3 == 1:
        return f" {text} "
    return text


def _set(cell: Any, text: str, *, bold: bool = False, size: float = 10.5) -> None:
    cell.text = ""
    run = cell.paragraphs[0].add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


def _widths(table: Any, widths: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths, strict=False):
            cell.width = Cm(w)


def _docx_t2(doc: Any, data: dict[str, Any]) -> None:
    t2 = data["active_disclosure"]["table"]
    spec = base.T2_2021
    table = doc.add_table(rows=sum(1 + len(items) for _h, _c, items in spec), cols=5)
    table.style = "Table Grid"
    c = table.cell
    i = 0
    for heading, columns, items in spec:
        top = i
        _set(c(i, 1), "信息内容", bold=True)
        span = 3 // len(columns) if len(columns) < 3 else 1
        for k, col in enumerate(columns):
            start = 2 + k * span
            end = 4 if k == len(columns) - 1 else start + span - 1
            if end > start:
                c(i, start).merge(c(i, end))
            _set(c(i, start), col, bold=True)
        i += 1
        for label, key in items:
            _set(c(i, 1), label)
            value = t2.get(key)
            values = value if isinstance(value, list) else [value]
            for k, v in enumerate(values):
                start = 2 + k * span
                end = 4 if k == len(values) - 1 else start + span - 1
                if end > start:
                    c(i, start).merge(c(i, end))
                _set(c(i, start), _num(v, i + k))
            i += 1
        c(top, 0).merge(c(i - 1, 0))
        _set(c(top, 0), heading, bold=True)
    _widths(table, [3.2, 3.6, 2.6, 2.6, 2.6])


def _docx_t3(doc: Any, data: dict[str, Any]) -> None:
    rows = base._t3_rows(data["applications"]["table"])
    table = doc.add_table(rows=2 + len(rows), cols=10)
    table.style = "Table Grid"
    c = table.cell
    c(0, 0).merge(c(1, 2))
    _set(c(0, 0), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", size=9)
    c(0, 3).merge(c(1, 3))
    _set(c(0, 3), "自然人", bold=True)
    c(0, 4).merge(c(0, 8))
    _set(c(0, 4), "法人或其他组织", bold=True)
    c(0, 9).merge(c(1, 9))
    _set(c(0, 9), "总计", bold=True)
    for k, col in enumerate(base.T3_COLS):
        _set(c(1, 4 + k), col, bold=True, size=9)
    first, last = 2 + 2, 2 + len(rows) - 2
    c(first, 0).merge(c(last, 0))
    _set(c(first, 0), "三、本年度办理结果")
    groups: dict[str, list[int]] = {}
    for r, (group, label, cells) in enumerate(rows):
        i = 2 + r
        if group == "":
            c(i, 0).merge(c(i, 2))
            _set(c(i, 0), label)
        elif group is None:
            c(i, 1).merge(c(i, 2))
            _set(c(i, 1), label)
        else:
            groups.setdefault(group, []).append(i)
            _set(c(i, 2), label)
        for k, v in enumerate(cells):
            _set(c(i, 3 + k), _num(v, i + k))
    for group, idx in groups.items():
        c(idx[0], 1).merge(c(idx[-1], 1))
        _set(c(idx[0], 1), group)
    _widths(table, [1.2, 1.6, 5.0, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1, 1.1])


def write_layout_docx(data: dict[str, Any], path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    style.font.size = Pt(15)
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(f"{data['year']}年{data['body']}政府信息公开工作年度报告")
    run.bold = True
    run.font.size = Pt(20)

    def para(text: str, bold: bool = False) -> None:
        q = doc.add_paragraph()
        q.paragraph_format.first_line_indent = Pt(30)
        q.add_run(text).bold = bold

    for text in data.get("preamble", []):
        para(text)
    para(base._contact(data))
    for n, heading in enumerate(base.HEADINGS["default"], start=1):
        para(re.sub(r"^([一二三四五六])、", r"\1、 ", heading), bold=True)
        if n == 2:
            _docx_t2(doc, data)
        elif n == 3:
            _docx_t3(doc, data)
        elif n == 4:
            base._docx_t4(doc, data)
        else:
            key = {1: "overview", 5: "problems", 6: "other_matters"}[n]
            for text, is_heading in base._paragraphs(data.get(key, [])):
                para(text, bold=is_heading)
    for line in (data["signature"]["body"], base._date(data["published"])):
        q = doc.add_paragraph()
        q.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        q.add_run(line)
    import datetime as dt

    props = doc.core_properties
    props.author = "综合股"
    props.title = "年报"
    props.created = props.modified = dt.datetime(int(data["year"]) + 1, 1, 12)
    props.revision = 1
    doc.save(str(path))


# --- the portal page ---------------------------------------------------------------------------

_HEAD_CELLS = (
    "信息内容|本年制发件数|本年废止件数|现行有效件数|本年处理决定数量|本年收费金额（单位：万元）|申请人情况|自然人|"
    "法人或其他组织|商业企业|科研机构|社会公益组织|法律服务机构|其他|总计|行政复议|行政诉讼|结果维持|结果纠正|"
    "其他结果|尚未审结|未经复议直接起诉|复议后起诉"
)


def portal_page(text: str) -> str:
    """qinghe-county-2023.html's text laid out the other way (see the module's doc)."""
    text = text.replace("charset=gbk", "charset=gb2312")
    text = text.replace(
        '<div class="article" id="zoom">',
        '<table width="100%" class="layout"><tr><td><div class="wrap"><div class="con">'
        '<div class="TRS_Editor"><div class="article" id="zoom">',
    )
    text = text.replace('<div class="share">', '</div></div></div></td></tr></table>\n<div class="share">', 1)
    text = re.sub(r"<p><strong>([一二三四五六])、(.*?)</strong></p>", r"<h3>&nbsp;&nbsp;\1、\2</h3>", text)
    text = re.sub(rf"<td([^>]*)>({_HEAD_CELLS})</td>", r"<th\1>\2</th>", text)
    text = re.sub(r"<t([dh])([^>]*)>([^<]*)</t\1>", r'<t\1\2><p style="text-align:center"><span style="font-size:12px">\3</span></p></t\1>', text)

    def thead(m: re.Match[str]) -> str:
        table = m.group(0)
        rows = re.findall(r"<tr>.*?</tr>", table, flags=re.S)
        if len(rows) < 8:
            return table
        head = "".join(rows[:2])
        for r in rows[:2]:
            table = table.replace(r, "", 1)
        return re.sub(r"(<table[^>]*>)", lambda t: t.group(1) + "<thead>" + head + "</thead>", table, count=1)

    # 表三's header rows are repeated on every page it spans
    return re.sub(r'<table border="1".*?</table>', thead, text, flags=re.S)


def thead_page(text: str) -> str:
    """qinghe-county-2023.html with the header rows of its tables in ``<thead>`` (repeated on every
    page a table spans)."""

    def thead(m: re.Match[str]) -> str:
        table = m.group(0)
        rows = re.findall(r"<tr>.*?</tr>", table, flags=re.S)
        if len(rows) < 8:
            return table
        head = "".join(rows[:2])
        for r in rows[:2]:
            table = table.replace(r, "", 1)
        return re.sub(r"(<table[^>]*>)", lambda t: t.group(1) + "<thead>" + head + "</thead>", table, count=1)

    return re.sub(r'<table border="1".*?</table>', thead, text, flags=re.S)


def print_portal(page: Path, out: Path) -> None:
    """The page as a browser prints it, navigation and footer included, at a large font."""
    from weasyprint import HTML

    text = page.read_bytes().decode("gb18030")
    css = (
        "<style>@page{size:A4;margin:25mm} body{font-family:FandolSong;font-size:16pt} "
        "td,th{border:1px solid #000;font-size:13pt;padding:4pt} table{border-collapse:collapse} "
        "table.layout td{border:none}</style>"
    )
    HTML(string=text.replace("</head>", css + "</head>")).write_pdf(out)


def main() -> int:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    name = "qinghe-layout-2023"
    write_layout_docx(data, OUT / f"{name}.docx")
    soffice = shutil.which("soffice")
    if soffice:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run(
                [soffice, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "pdf",
                 "--outdir", tmp, str(OUT / f"{name}.docx")],
                check=True, capture_output=True, timeout=300,
            )
            shutil.copy(Path(tmp) / f"{name}.pdf", OUT / f"{name}.pdf")
        text = subprocess.run(
            ["pdftotext", "-layout", str(OUT / f"{name}.pdf"), "-"], check=True, capture_output=True
        ).stdout.decode("utf-8")
        (OUT / f"{name}.pdf.txt").write_text(text, encoding="utf-8")
    else:
        print("soffice not found: PDFs not written", file=sys.stderr)
    name = "qinghe-portal-2023"
    with tempfile.TemporaryDirectory() as tmp:
        copy = base.write_html("qinghe-county-2023", data, Path(tmp) / "page.html")
        page = portal_page((Path(tmp) / "page.html").read_bytes().decode("gbk"))
        # the first page printed at a large font: 表三 breaks across pages with its header rows
        # repeated, and the page break cuts a row (its numbers on one page, its label on the next)
        printed = Path(tmp) / "printed.html"
        printed.write_bytes(thead_page((Path(tmp) / "page.html").read_bytes().decode("gbk")).encode("gbk"))
        print_portal(printed, OUT / f"{name}.print.pdf")
    (OUT / f"{name}.html").write_bytes(page.encode("gb18030"))
    # copied on Windows: CRLF line ends
    (OUT / f"{name}.html.txt").write_bytes(copy.replace("\n", "\r\n").encode("utf-8"))
    print_portal(OUT / f"{name}.html", OUT / f"{name}.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
