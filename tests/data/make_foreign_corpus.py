# ruff: noqa: E501  (HTML of a portal page, written out as such)
"""Write the foreign corpus (fixtures/foreign/): reports made the way real bodies make them, NOT by
govreport's renderers, from the hand-typed data in tests/data/foreign/*.yaml.

- ``<name>.docx``: a clerk's Word file filled in from the official template with python-docx:
  merged cells (gridSpan / vMerge) as in the template, long labels broken inside their cells (a
  second paragraph), blank cells written as "/", "—" or left empty, headings as plain bold text;
- ``<name>.pdf``: that Word file through LibreOffice (``soffice --headless --convert-to pdf``);
- ``<name>.pdf.txt``: text copied from the PDF (``pdftotext -layout``);
- ``<name>.html``: a portal page (GBK, ``<meta charset>``), navigation and footer around the article,
  tables with rowspan/colspan, ``&nbsp;`` blanks;
- ``<name>.html.txt``: text copied from that page in a browser (one line per paragraph, cells
  separated by tabs);
- ``<name>.print.pdf``: that page printed to PDF without the table borders (WeasyPrint straight from
  the page's HTML, as a browser prints): a PDF whose tables have no rules.

The generated files are committed, so the tests never need LibreOffice. Run from the repository
root: ``.venv/bin/python tests/data/make_foreign_corpus.py``. Planted defects are described in the
comment at the top of each YAML file; ``DOCUMENT_DEFECTS`` below adds the ones that only exist in a
document (a typo in a printed label).
"""

from __future__ import annotations

import html
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
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "tests" / "data" / "foreign"
OUT = ROOT / "fixtures" / "foreign"

# name → the formats written
FORMATS: dict[str, tuple[str, ...]] = {
    "qinghe-county-2023": ("docx", "pdf", "html"),
    "qinghe-county-2022": ("docx",),
    "qinghe-nature-2023": ("docx", "pdf"),
    "liuxi-town-2023": ("html",),
}
DOCUMENT_DEFECTS: dict[str, dict[str, str]] = {
    "qinghe-nature-2023": {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开"},
}
HEADINGS: dict[str, list[str]] = {
    "default": [
        "一、总体情况",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ],
    # wording variants seen in real reports
    "qinghe-nature-2023": [
        "一、总体情况",
        "二、主动公开政府信息的情况",
        "三、收到和处理政府信息公开申请的情况",
        "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
        "五、政府信息公开工作存在的主要问题及改进情况",
        "六、其他需要报告的事项",
    ],
}

# --- the official template, typed again here (国办公开办函〔2021〕30号 / 〔2019〕60号) ------------------

T3_ROWS_FIXED: list[tuple[str | None, str, tuple[str, ...]]] = [
    (None, "（一）予以公开", ("予以公开",)),
    (None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", ("部分公开",)),
    ("（三）不予公开", "1.属于国家秘密", ("不予公开", "属于国家秘密")),
    ("（三）不予公开", "2.其他法律行政法规禁止公开", ("不予公开", "其他法律行政法规禁止公开")),
    ("（三）不予公开", "3.危及“三安全一稳定”", ("不予公开", "危及三安全一稳定")),
    ("（三）不予公开", "4.保护第三方合法权益", ("不予公开", "保护第三方合法权益")),
    ("（三）不予公开", "5.属于三类内部事务信息", ("不予公开", "属于三类内部事务信息")),
    ("（三）不予公开", "6.属于四类过程性信息", ("不予公开", "属于四类过程性信息")),
    ("（三）不予公开", "7.属于行政执法案卷", ("不予公开", "属于行政执法案卷")),
    ("（三）不予公开", "8.属于行政查询事项", ("不予公开", "属于行政查询事项")),
    ("（四）无法提供", "1.本机关不掌握相关政府信息", ("无法提供", "本机关不掌握相关政府信息")),
    ("（四）无法提供", "2.没有现成信息需要另行制作", ("无法提供", "没有现成信息需要另行制作")),
    ("（四）无法提供", "3.补正后申请内容仍不明确", ("无法提供", "补正后申请内容仍不明确")),
    ("（五）不予处理", "1.信访举报投诉类申请", ("不予处理", "信访举报投诉类申请")),
    ("（五）不予处理", "2.重复申请", ("不予处理", "重复申请")),
    ("（五）不予处理", "3.要求提供公开出版物", ("不予处理", "要求提供公开出版物")),
    ("（五）不予处理", "4.无正当理由大量反复申请", ("不予处理", "无正当理由大量反复申请")),
    ("（五）不予处理", "5.要求行政机关确认或重新出具已获取信息", ("不予处理", "要求行政机关确认或重新出具已获取信息")),
]
T3_OTHER_2021 = [
    ("（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", ("其他处理", "逾期不补正")),
    (
        "（六）其他处理",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        ("其他处理", "逾期未缴费"),
    ),
    ("（六）其他处理", "3.其他", ("其他处理", "其他")),
]
T2_2021 = [
    (
        "第二十条第（一）项",
        ("本年制发件数", "本年废止件数", "现行有效件数"),
        [("规章", "规章"), ("行政规范性文件", "行政规范性文件")],
    ),
    ("第二十条第（五）项", ("本年处理决定数量",), [("行政许可", "行政许可")]),
    ("第二十条第（六）项", ("本年处理决定数量",), [("行政处罚", "行政处罚"), ("行政强制", "行政强制")]),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), [("行政事业性收费", "行政事业性收费")]),
]
T2_2019 = [
    (
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        [("规章", "规章"), ("规范性文件", "规范性文件")],
    ),
    (
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        [("行政许可", "行政许可"), ("其他对外管理服务事项", "其他对外管理服务事项")],
    ),
    (
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        [("行政处罚", "行政处罚"), ("行政强制", "行政强制")],
    ),
    ("第二十条第（八）项", ("上一年项目数量", "本年增/减"), [("行政事业性收费", "行政事业性收费")]),
    ("第二十条第（九）项", ("采购项目数量", "采购总金额"), [("政府集中采购", "政府集中采购")]),
]
T3_COLS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
T4_COLS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
BLANKS = ["/", "—", ""]


def _blank(i: int) -> str:
    return BLANKS[i % len(BLANKS)]


def _cell_text(v: Any, i: int) -> str:
    return _blank(i) if v is None else str(v)


def _title(data: dict[str, Any]) -> list[str]:
    return [data["body"], f"{data['year']}年政府信息公开工作年度报告"]


def _paragraphs(blocks: list[Any]) -> list[tuple[str, bool]]:
    """(text, is_heading) of content blocks, ordinals written out as a clerk types them."""
    out: list[tuple[str, bool]] = []
    n = 0
    for b in blocks:
        if isinstance(b, str):
            out.append((b, False))
        elif "heading" in b:
            n += 1
            num = f"（{'一二三四五六七八九十'[n - 1]}）"
            content = list(b.get("content", []))
            if b.get("run_in") and content:
                out.append((num + b["heading"] + content.pop(0), False))
            else:
                out.append((num + b["heading"], True))
            out.extend((c, False) for c in content if isinstance(c, str))
    return out


def _contact(data: dict[str, Any]) -> str:
    c = data["contact"]
    details = "，".join(
        f"{label}：{c[key]}"
        for key, label in (("address", "地址"), ("postcode", "邮编"), ("phone", "电话"), ("email", "电子邮箱"))
        if c.get(key)
    )
    line: str = c["template"][0] if c.get("template") else f"如对本报告有疑问，请与{{unit}}联系（{details}）。"
    for key in ("unit", "address", "postcode", "phone", "email"):
        line = line.replace("{" + key + "}", str(c.get(key, "")))
    return line


def _t3_rows(t3: dict[str, Any]) -> list[tuple[str | None, str, list[Any]]]:
    """(group, label, 7 cells) for every data row of 表三 in printed order."""
    rows: list[tuple[str | None, str, list[Any]]] = [
        ("", "一、本年新收政府信息公开申请数量", t3["本年新收"]),
        ("", "二、上年结转政府信息公开申请数量", t3["上年结转"]),
    ]
    for group, label, path in T3_ROWS_FIXED:
        cells = t3[path[0]] if len(path) == 1 else t3[path[0]][path[1]]
        rows.append((group, label, cells))
    if isinstance(t3["其他处理"], list):
        rows.append((None, "（六）其他处理", t3["其他处理"]))
    else:
        rows.extend((g, label, t3["其他处理"][p[1]]) for g, label, p in T3_OTHER_2021)
    rows.append((None, "（七）总计", t3["总计"]))
    rows.append(("", "四、结转下年度继续办理", t3["结转下年度"]))
    return rows


def _fix(label: str, defects: dict[str, str]) -> str:
    return defects.get(label, label)


# --- DOCX ---------------------------------------------------------------------------------------


def _set(cell: Any, text: str, *, bold: bool = False, size: float = 10.5) -> None:
    """A cell's text; a long label is broken into two paragraphs inside the cell (as clerks do)."""
    parts = [text]
    if len(text) > 18:
        cut = len(text) // 2
        parts = [text[:cut], text[cut:]]
    cell.text = ""
    first = cell.paragraphs[0]
    for k, part in enumerate(parts):
        p = first if k == 0 else cell.add_paragraph()
        run = p.add_run(part)
        run.bold = bold
        run.font.size = Pt(size)


def _docx_t2(doc: Any, data: dict[str, Any], edition: str) -> None:
    spec = T2_2021 if edition == "gb2021" else T2_2019
    t2 = data["active_disclosure"]["table"]
    rows = sum(2 + len(r) for _h, _c, r in spec)
    table = doc.add_table(rows=rows, cols=4)
    table.style = "Table Grid"
    i = 0
    for heading, columns, items in spec:
        row = table.rows[i].cells
        row[0].merge(row[3])
        _set(table.cell(i, 0), heading, bold=True)
        i += 1
        _set(table.cell(i, 0), "信息内容", bold=True)
        span = 3 // len(columns) if len(columns) < 3 else 1
        for k, col in enumerate(columns):
            start = 1 + k * span
            end = 3 if k == len(columns) - 1 else start + span - 1
            if end > start:
                table.cell(i, start).merge(table.cell(i, end))
            _set(table.cell(i, start), col, bold=True)
        i += 1
        for label, key in items:
            _set(table.cell(i, 0), label)
            value = t2.get(key)
            values = value if isinstance(value, list) else [value]
            for k, v in enumerate(values):
                start = 1 + k * span
                end = 3 if k == len(values) - 1 else start + span - 1
                if end > start:
                    table.cell(i, start).merge(table.cell(i, end))
                _set(table.cell(i, start), _cell_text(v, i + k))
            i += 1


def _docx_t3(doc: Any, data: dict[str, Any], defects: dict[str, str]) -> None:
    t3 = data["applications"]["table"]
    rows = _t3_rows(t3)
    table = doc.add_table(rows=3 + len(rows), cols=10)
    table.style = "Table Grid"
    c = table.cell
    c(0, 0).merge(c(2, 2))
    _set(c(0, 0), "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", size=9)
    c(0, 3).merge(c(0, 9))
    _set(c(0, 3), "申请人情况", bold=True)
    c(1, 3).merge(c(2, 3))
    _set(c(1, 3), "自然人", bold=True)
    c(1, 4).merge(c(1, 8))
    _set(c(1, 4), "法人或其他组织", bold=True)
    c(1, 9).merge(c(2, 9))
    _set(c(1, 9), "总计", bold=True)
    for k, col in enumerate(T3_COLS):
        _set(c(2, 4 + k), col, bold=True, size=9)
    first_result = 3 + 2
    last_result = 3 + len(rows) - 2
    c(first_result, 0).merge(c(last_result, 0))
    _set(c(first_result, 0), "三、本年度办理结果")
    groups: dict[str, list[int]] = {}
    for r, (group, label, cells) in enumerate(rows):
        i = 3 + r
        label = _fix(label, defects)
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
            _set(c(i, 3 + k), _cell_text(v, i + k))
    for group, idx in groups.items():
        c(idx[0], 1).merge(c(idx[-1], 1))
        _set(c(idx[0], 1), group)


def _docx_t4(doc: Any, data: dict[str, Any]) -> None:
    t4 = data["review_litigation"]["table"]
    table = doc.add_table(rows=4, cols=15)
    table.style = "Table Grid"
    c = table.cell
    c(0, 0).merge(c(0, 4))
    _set(c(0, 0), "行政复议", bold=True)
    c(0, 5).merge(c(0, 14))
    _set(c(0, 5), "行政诉讼", bold=True)
    for k, col in enumerate(T4_COLS):
        c(1, k).merge(c(2, k))
        _set(c(1, k), col, size=9)
    c(1, 5).merge(c(1, 9))
    _set(c(1, 5), "未经复议直接起诉", size=9)
    c(1, 10).merge(c(1, 14))
    _set(c(1, 10), "复议后起诉", size=9)
    for g in range(2):
        for k, col in enumerate(T4_COLS):
            _set(c(2, 5 + 5 * g + k), col, size=9)
    cells = [*t4["行政复议"], *t4["未经复议直接起诉"], *t4["复议后起诉"]]
    for k, v in enumerate(cells):
        _set(c(3, k), _cell_text(v, k))


def write_docx(name: str, data: dict[str, Any], path: Path) -> None:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "FangSong"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "仿宋")
    style.font.size = Pt(16)
    defects = DOCUMENT_DEFECTS.get(name, {})
    headings = HEADINGS.get(name, HEADINGS["default"])
    for line in _title(data):
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = p.add_run(line)
        run.bold = True
        run.font.size = Pt(22)
    doc.add_paragraph()

    def para(text: str, bold: bool = False) -> None:
        p = doc.add_paragraph()
        p.paragraph_format.first_line_indent = Pt(32)
        run = p.add_run(text)
        run.bold = bold

    for text in data.get("preamble", []):
        para(text)
    if data.get("contact"):
        para(_contact(data))
    edition = "gb2019" if "规范性文件" in data["active_disclosure"]["table"] else "gb2021"
    for n, heading in enumerate(headings, start=1):
        para(heading, bold=True)
        if n == 1:
            for text, is_heading in _paragraphs(data.get("overview", [])):
                para(text, bold=is_heading)
        elif n == 2:
            _docx_t2(doc, data, edition)
        elif n == 3:
            _docx_t3(doc, data, defects)
        elif n == 4:
            _docx_t4(doc, data)
        else:
            key = "problems" if n == 5 else "other_matters"
            for text, is_heading in _paragraphs(data.get(key, [])):
                para(text, bold=is_heading)
    if data.get("signature") or data.get("published"):
        for line in (data.get("signature", {}).get("body", data["body"]), _date(data["published"])):
            p = doc.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.add_run(line)
    # fixed metadata so that the committed file does not change on every run
    props = doc.core_properties
    props.author = "办公室"
    props.title = "".join(_title(data))
    import datetime as dt

    props.created = props.modified = dt.datetime(int(data["year"]) + 1, 1, 10)
    props.revision = 1
    doc.save(str(path))


def _date(d: Any) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


# --- HTML ---------------------------------------------------------------------------------------

NAV = """<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a>
| <a href="/bsfw/">办事服务</a></div>
<div class="nav"><ul><li><a href="/zwgk/zfxxgkzd/">政府信息公开制度</a></li><li><a href="/zwgk/ndbg/">政府信息公开年报</a></li>
<li><a href="/zwgk/fdzdgknr/">法定主动公开内容</a></li></ul></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a> &gt; 政府信息公开年报</div>"""
FOOTER = """<div class="footer"><p>主办：{body}办公室　承办：{body}大数据中心</p>
<p>网站标识码：3609000001　赣ICP备12345678号-1　赣公网安备 36090002000123号</p>
<p><a href="/wzdt/">网站地图</a> | <a href="/lxwm/">联系我们</a></p></div>"""


def _td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attrs}>{html.escape(text) if text else '&nbsp;'}</td>"


def _html_cell(v: Any, i: int) -> str:
    return _td("" if v is None and i % 2 == 0 else ("—" if v is None else str(v)))


def _html_t2(data: dict[str, Any], edition: str) -> str:
    spec = T2_2021 if edition == "gb2021" else T2_2019
    t2 = data["active_disclosure"]["table"]
    out = ['<table border="1" cellspacing="0" cellpadding="0" style="width:100%">']
    for heading, columns, items in spec:
        out.append(f"<tr>{_td(heading, colspan=4)}</tr>")
        span = 3 // len(columns) if len(columns) < 3 else 1
        tds = [_td("信息内容")]
        for k, col in enumerate(columns):
            tds.append(_td(col, colspan=3 - span * k if k == len(columns) - 1 else span))
        out.append("<tr>" + "".join(tds) + "</tr>")
        for label, key in items:
            value = t2.get(key)
            values = value if isinstance(value, list) else [value]
            tds = [_td(label)]
            for k, v in enumerate(values):
                cs = 3 - span * k if k == len(values) - 1 else span
                tds.append(_td(_cell_text(v, 1) if v is not None else "", colspan=cs))
            out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _html_t3(data: dict[str, Any]) -> str:
    rows = _t3_rows(data["applications"]["table"])
    out = [
        '<table border="1" cellspacing="0" cellpadding="0">',
        "<tr>"
        + _td("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3)
        + _td("申请人情况", colspan=7)
        + "</tr>",
        "<tr>" + _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2) + "</tr>",
        "<tr>" + "".join(_td(c) for c in T3_COLS) + "</tr>",
    ]
    n_results = len(rows) - 3
    seen: set[str] = set()
    group_size = {g: sum(1 for gg, _l, _c in rows if gg == g) for g, _l, _c in rows if g}
    for r, (group, label, cells) in enumerate(rows):
        tds = []
        if r == 2:
            tds.append(_td("三、本年度办理结果", rowspan=n_results))
        if group == "":
            tds.append(_td(label, colspan=3))
        elif group is None:
            tds.append(_td(label, colspan=2))
        else:
            if group not in seen:
                seen.add(group)
                tds.append(_td(group, rowspan=group_size[group]))
            tds.append(_td(label))
        tds.extend(_html_cell(v, k) for k, v in enumerate(cells))
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def _html_t4(data: dict[str, Any]) -> str:
    t4 = data["review_litigation"]["table"]
    cells = [*t4["行政复议"], *t4["未经复议直接起诉"], *t4["复议后起诉"]]
    return "\n".join(
        [
            '<table border="1" cellspacing="0">',
            "<tr>" + _td("行政复议", colspan=5) + _td("行政诉讼", colspan=10) + "</tr>",
            "<tr>"
            + "".join(_td(c, rowspan=2) for c in T4_COLS)
            + _td("未经复议直接起诉", colspan=5)
            + _td("复议后起诉", colspan=5)
            + "</tr>",
            "<tr>" + "".join(_td(c) for c in T4_COLS * 2) + "</tr>",
            "<tr>" + "".join(_html_cell(v, k) for k, v in enumerate(cells)) + "</tr>",
            "</table>",
        ]
    )


def write_html(name: str, data: dict[str, Any], path: Path) -> str:
    """The page (GBK bytes written to ``path``); returns its text as a browser copies it."""
    headings = HEADINGS.get(name, HEADINGS["default"])
    edition = "gb2019" if "规范性文件" in data["active_disclosure"]["table"] else "gb2021"
    title = "".join(_title(data))
    body: list[str] = [
        f'<h1 class="title">{html.escape(title)}</h1>',
        f'<div class="info">发布时间：{data["published"]}　来源：{data["body"]}　'
        '浏览次数：<span id="count">1024</span>　【字体：大 中 小】</div>',
        '<div class="article" id="zoom">',
    ]
    copy: list[str] = [title, f"发布时间：{data['published']}　来源：{data['body']}"]

    def p(text: str) -> None:
        body.append(f'<p style="text-indent:2em">{html.escape(text)}</p>')
        copy.append(text)

    for text in data.get("preamble", []):
        p(text)
    if data.get("contact"):
        p(_contact(data))
    for n, heading in enumerate(headings, start=1):
        body.append(f"<p><strong>{html.escape(heading)}</strong></p>")
        copy.append(heading)
        if n in (1, 5, 6):
            key = {1: "overview", 5: "problems", 6: "other_matters"}[n]
            for text, _h in _paragraphs(data.get(key, [])):
                p(text)
        else:
            table = {2: lambda: _html_t2(data, edition), 3: lambda: _html_t3(data), 4: lambda: _html_t4(data)}[n]()
            body.append(table)
            copy.extend(_table_copy(table))
    if data.get("published"):
        for line in (data.get("signature", {}).get("body", data["body"]), _date(data["published"])):
            body.append(f'<p style="text-align:right">{html.escape(line)}</p>')
            copy.append(line)
    body.append("</div>")
    page = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" />
<title>{html.escape(title)}_{html.escape(data["body"])}门户网站</title>
<script type="text/javascript">var _hmt = _hmt || []; /* 统计代码 */</script>
<style>.nav li{{display:inline}} td{{border:1px solid #000}}</style></head>
<body>{NAV}
<div class="main">{chr(10).join(body)}</div>
<div class="share">分享到：微信 微博 <a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
<div class="related"><h3>相关链接</h3><ul><li><a href="/a.html">{data["year"] - 1}年政府信息公开工作年度报告</a></li></ul></div>
{FOOTER.format(body=data["body"])}</body></html>
"""
    path.write_bytes(page.encode("gbk"))
    return "\n".join(copy) + "\n"


def _table_copy(table: str) -> list[str]:
    """A browser's copy of a table: each row's cell texts joined by tabs (spanned cells once)."""
    import re

    lines = []
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [
            html.unescape(re.sub(r"<[^>]+>", "", c)).replace("\xa0", "")
            for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        lines.append("\t".join(cells))
    return lines


def print_without_rules(page: Path, out: Path) -> None:
    """The portal page printed to PDF with its navigation hidden and no table borders."""
    from weasyprint import HTML

    text = page.read_bytes().decode("gbk")
    text = text.replace("td{border:1px solid #000}", "td{border:none; padding:2px 6px} body{font-family:FandolSong; "
                        "font-size:12pt} .nav,.top,.crumb,.share,.related,.footer{display:none}")
    HTML(string=text.replace('border="1"', "")).write_pdf(out)


# --- fixtures/invalid/READ-*.txt: one reading note each ----------------------------------------------


def make_read_fixtures() -> None:
    """The minimal report copied from a web page, changed in one place per reading code."""
    data = yaml.safe_load((ROOT / "fixtures" / "minimal-gb2021.yaml").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        text = write_html("minimal", data, Path(tmp) / "page.html")
    row = "一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t0\t0\t12"
    label = "2.其他法律行政法规禁止公开\t"
    assert row in text
    assert label in text
    variants = {
        # the digits of a row run together; its sum (10+2 = 12) makes the split unique
        "READ-INFERRED": text.replace(row, "一、本年新收政府信息公开申请数量102000012"),
        # 洪泽区's typo
        "READ-CORRECTED": text.replace(label, "2.其他法律行政止公开\t"),
        # a name that does not say the level
        "READ-LEVEL-UNSET": text.replace("示例县人民政府", "示例县数据资源中枢"),
    }
    for code, variant in variants.items():
        (ROOT / "fixtures" / "invalid" / f"{code}.txt").write_text(variant, encoding="utf-8")


# --- main ---------------------------------------------------------------------------------------


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    make_read_fixtures()
    soffice = shutil.which("soffice")
    for name, formats in FORMATS.items():
        data = yaml.safe_load((SOURCE / f"{name}.yaml").read_text(encoding="utf-8"))
        if "docx" in formats:
            write_docx(name, data, OUT / f"{name}.docx")
        if "pdf" in formats:
            if not soffice:
                print("soffice not found: PDFs not written", file=sys.stderr)
                continue
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run(
                    [
                        soffice,
                        "--headless",
                        f"-env:UserInstallation=file://{tmp}/profile",
                        "--convert-to",
                        "pdf",
                        "--outdir",
                        tmp,
                        str(OUT / f"{name}.docx"),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                shutil.copy(Path(tmp) / f"{name}.pdf", OUT / f"{name}.pdf")
            text = subprocess.run(
                ["pdftotext", "-layout", str(OUT / f"{name}.pdf"), "-"], check=True, capture_output=True
            ).stdout.decode("utf-8")
            (OUT / f"{name}.pdf.txt").write_text(text, encoding="utf-8")
        if "html" in formats:
            copy = write_html(name, data, OUT / f"{name}.html")
            (OUT / f"{name}.html.txt").write_text(copy, encoding="utf-8")
            if name == "qinghe-county-2023":
                print_without_rules(OUT / f"{name}.html", OUT / f"{name}.print.pdf")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
