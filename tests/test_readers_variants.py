"""The readers on layouts they were not first built for: the layout variants of the foreign corpus
(tests/data/make_variant_corpus.py) — whose every cell the corpus test compares with the hand-typed
YAML — and the mechanisms behind them, each on a document changed in one place. The oracles (bodies,
years, cells, paragraphs) are typed here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import govreport
from _statutory import FIXTURES
from govreport.errors import InputError
from govreport.readers._statutory import is_header_text

FOREIGN = FIXTURES / "foreign"
COPY = FOREIGN / "qinghe-county-2023.html.txt"
PAGE = FOREIGN / "qinghe-county-2023.html"


def _load_text(tmp_path: Path, text: str, name: str = "report.txt") -> govreport.Report:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return govreport.load(path)


# --- the variants really vary what they claim to ----------------------------------------------------


def test_layout_variant_has_its_layout() -> None:
    import docx

    document = docx.Document(str(FOREIGN / "qinghe-layout-2023.docx"))
    assert document.paragraphs[0].text == "2023年青禾县人民政府政府信息公开工作年度报告"
    assert any(p.text == "一、 总体情况" for p in document.paragraphs)
    t2 = document.tables[0]
    # 第二十条第（一）项 beside its rows (a merged first column), not a row of its own
    assert [t2.cell(r, 0).text for r in range(3)] == ["第二十条第（一）项"] * 3
    assert t2.cell(1, 1).text == "规章"
    t3 = document.tables[1]
    assert t3.cell(0, 3).text == "自然人"
    assert t3.cell(1, 3).text == "自然人"
    cells = {c.text for row in t3.rows for c in row.cells}
    assert "申请人情况" not in cells
    assert any(re.fullmatch(r"[０-９]+", c) for c in cells)  # full-width digits
    assert any(re.fullmatch(r" \d+ ", c) for c in cells)  # padded with spaces
    text = (FOREIGN / "qinghe-layout-2023.pdf.txt").read_text(encoding="utf-8")
    assert text.splitlines()[1].strip() == "报告"  # the title wraps in the PDF


def test_portal_variant_has_its_layout() -> None:
    raw = (FOREIGN / "qinghe-portal-2023.html").read_bytes()
    assert b'charset=gb2312"' in raw
    page = raw.decode("gb18030")
    assert "<th" in page
    assert "<h3>&nbsp;&nbsp;一、总体情况</h3>" in page
    assert '<table width="100%" class="layout">' in page
    assert "<thead>" in page
    assert b"\r\n" in (FOREIGN / "qinghe-portal-2023.html.txt").read_bytes()


def test_printed_portal_breaks_table_three_over_pages() -> None:
    import pdfplumber

    with pdfplumber.open(FOREIGN / "qinghe-portal-2023.print.pdf") as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    headed = [i for i, t in enumerate(pages) if "申请人情况" in t]
    assert len(headed) >= 2  # the header rows repeated
    assert "网站地图" in pages[-1]  # the portal's footer printed too
    # the row broken by the page break: its numbers on one page, its label on the next
    label = "2.申请人逾期未按收费通知要求缴纳费用"
    at = next(i for i, t in enumerate(pages) if label in t.replace("\n", ""))
    before = pages[at - 1].rstrip().splitlines()[-3:]
    assert any(re.fullmatch(r"0( 0){6}", ln.strip()) for ln in before), before


# --- titles -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "body", "year"),
    [
        ("青禾县人民政府2023年政府信息公开工作年度报告", "青禾县人民政府", 2023),
        ("2023年青禾县人民政府政府信息公开工作年度报告", "青禾县人民政府", 2023),
        ("2022年上海市政府信息公开工作年度报告", "上海市", 2022),
        ("2023年度青禾县教育局政府信息公开工作年度报告", "青禾县教育局", 2023),
        ("青禾县人民政府关于2023年度政府信息公开工作的年度报告", "青禾县人民政府", 2023),
        ("青禾县人民政府\n2023年政府信息公开工作年度报告", "青禾县人民政府", 2023),
        ("青禾县人民政府二〇二三年政府信息公开工作年度报告", "青禾县人民政府", 2023),
        ("二〇二三年度青禾县教育局政府信息公开工作年度报告", "青禾县教育局", 2023),
    ],
)
def test_title_wordings_give_body_and_year(tmp_path: Path, title: str, body: str, year: int) -> None:
    text = COPY.read_text(encoding="utf-8").replace("青禾县人民政府2023年政府信息公开工作年度报告", title, 1)
    report = _load_text(tmp_path, text)
    assert (report.body, report.year) == (body, year)
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.applications.table.new == (18, 5, 0, 0, 1, 0, 24)


def test_navigation_lines_before_the_title_are_not_the_body(tmp_path: Path) -> None:
    text = "首页|政务公开|互动交流\n当前位置：首页>政务公开>政府信息公开年报\n" + COPY.read_text(encoding="utf-8")
    assert _load_text(tmp_path, text).body == "青禾县人民政府"


# --- tables -------------------------------------------------------------------------------------------


def test_heading_pieces_are_no_text() -> None:
    pieces = (
        "科研机构社会公益组织",
        "（本列数据的勾稽关系为：第一项加第",
        "然 商 科 社 法",
        "结果维持 结果纠正",
        "第二十条第（五）项",
    )
    for piece in pieces:
        assert is_header_text(piece), piece
    for sentence in ("本年度未发生行政复议。", "全年共收到申请24件", "无", "其他需要说明的事项"):
        assert not is_header_text(sentence), sentence


def test_a_row_broken_by_a_page_break_is_one_row(tmp_path: Path) -> None:
    """表三 in two tables (a page break): the first ends with a row's numbers beside its merged group
    cell only, the second repeats the header and then holds that row's label with empty cells."""
    page = PAGE.read_bytes().decode("gbk")
    label = "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"
    row = f"<tr><td>{label}</td>" + "<td>0</td>" * 7 + "</tr>"
    assert row in page
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    head = f'<tr><td colspan="3">{note}</td><td colspan="7">申请人情况</td></tr>'
    split = (
        "<tr>" + "<td>0</td>" * 7 + "</tr></table>\n"
        f'<table border="1">{head}<tr><td colspan="2">{label}</td>' + "<td></td>" * 7 + "</tr>"
    )
    path = tmp_path / "split.html"
    path.write_bytes(page.replace(row, split).encode("gbk"))
    report = govreport.load(path)
    assert report.applications is not None
    assert report.applications.table is not None
    other = report.applications.table.other
    assert not isinstance(other, tuple)
    assert other.fee_unpaid == (0, 0, 0, 0, 0, 0, 0)
    assert other.no_correction == (1, 0, 0, 0, 0, 0, 1)
    assert other.other == (0, 0, 0, 0, 0, 0, 0)


# --- the portal's lines, contact ------------------------------------------------------------------------


def test_portal_footer_copied_with_the_text_is_cut(tmp_path: Path) -> None:
    text = COPY.read_text(encoding="utf-8").rstrip("\n")
    text = text.replace("2024年1月25日", "2024年1月25日　分享到：微信 微博 【打印本页】【关闭窗口】")
    text += "\n相关链接\n2022年政府信息公开工作年度报告\n主办：青禾县人民政府办公室\n网站标识码：3609000001\n"
    report = _load_text(tmp_path, text)
    assert report.model_dump()["other_matters"] == ["2023年，我县未收取政府信息公开信息处理费。"]
    assert str(report.published) == "2024-01-25"


def test_contact_address_may_hold_brackets(tmp_path: Path) -> None:
    text = COPY.read_text(encoding="utf-8").replace("青禾县府前路8号，", "青禾县府前路8号（行政中心3楼），", 1)
    contact = _load_text(tmp_path, text).contact
    assert contact is not None
    assert contact.address == "青禾县府前路8号（行政中心3楼）"
    assert (contact.postcode, contact.phone) == ("336500", "0790-7123456")


def test_page_with_only_an_attachment_names_it(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><meta charset="utf-8"><title>青禾县人民政府2023年政府信息公开工作年度报告</title></head><body>'
        "<h1>青禾县人民政府2023年政府信息公开工作年度报告</h1><p>发布时间：2024-01-25</p>"
        '<p>附件：<a href="/files/nb2023.pdf">青禾县2023年年报.pdf</a></p></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        govreport.load(path)
    message = str(info.value)
    assert "附件" in message
    assert "青禾县2023年年报.pdf" in message


# --- Word: content controls around rows and cells; blanks of any length -------------------------------


def test_word_rows_and_cells_in_content_controls(tmp_path: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(FOREIGN / "qinghe-county-2023.docx"))
    t3 = document.tables[1]._tbl
    rows = t3.findall(qn("w:tr"))
    # rows 4…8 inside one content control, and the cells of row 3 inside another (a template's fields)
    sdt = t3.makeelement(qn("w:sdt"), {})
    content = sdt.makeelement(qn("w:sdtContent"), {})
    sdt.append(content)
    rows[4].addprevious(sdt)
    for tr in rows[4:9]:
        content.append(tr)
    cells = rows[3].findall(qn("w:tc"))
    cell_sdt = t3.makeelement(qn("w:sdt"), {})
    cell_content = cell_sdt.makeelement(qn("w:sdtContent"), {})
    cell_sdt.append(cell_content)
    cells[0].addprevious(cell_sdt)
    for tc in cells:
        cell_content.append(tc)
    path = tmp_path / "controls.docx"
    document.save(str(path))
    read = govreport.load(path).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    assert read["applications"] == want["applications"]


@pytest.mark.parametrize("blank", ["--", "---", "//", "...", "——"])
def test_blank_cells_written_as_runs_of_dashes(tmp_path: Path, blank: str) -> None:
    page = PAGE.read_bytes().decode("gbk")
    assert page.count("<td>—</td>") == 6
    path = tmp_path / "page.html"
    path.write_bytes(page.replace("<td>—</td>", f"<td>{blank}</td>").encode("gbk"))
    report = govreport.load(path)
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.applications.table.not_processed.publications == (None,) * 7
    assert report.applications.table.not_processed.excessive == (None,) * 7
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml")
    assert report.model_dump()["applications"] == want.model_dump()["applications"]
    assert "BLANK-CELL" in {f.code for f in govreport.check(report)}


def test_page_title_in_chinese_numerals_before_the_article(tmp_path: Path) -> None:
    page = PAGE.read_bytes().decode("gbk").replace(
        '<h1 class="title">青禾县人民政府2023年', '<h1 class="title">青禾县人民政府二〇二三年'
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    report = govreport.load(path)
    assert (report.body, report.year, report.title) == (
        "青禾县人民政府",
        2023,
        "青禾县人民政府二〇二三年政府信息公开工作年度报告",
    )


def test_signature_date_in_chinese_numerals(tmp_path: Path) -> None:
    text = COPY.read_text(encoding="utf-8").replace("\n2024年1月25日\n", "\n二〇二四年一月二十五日\n")
    text = text.replace("发布时间：2024-01-25　", "")
    report = _load_text(tmp_path, text)
    assert str(report.published) == "2024-01-25"
    assert report.model_dump()["other_matters"] == ["2023年，我县未收取政府信息公开信息处理费。"]


def test_table_two_as_sub_tables_with_their_headings_between(tmp_path: Path) -> None:
    """表二 as four tables, each “第二十条第（…）项” a paragraph above its table (common on portals)."""
    page = PAGE.read_bytes().decode("gbk")
    split, n = re.subn(
        r'<tr><td colspan="4">(第二十条第（.）项)</td></tr>',
        r'</table><p style="text-align:center"><strong>\1</strong></p><table border="1">',
        page,
    )
    assert n == 4
    path = tmp_path / "page.html"
    path.write_bytes(split.encode("gbk"))
    read = govreport.load(path).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    assert read["active_disclosure"] == want["active_disclosure"]  # the headings are not text of 二、


def test_hidden_copy_of_the_article_is_not_read(tmp_path: Path) -> None:
    page = PAGE.read_bytes().decode("gbk")
    start, end = page.index('<div class="article" id="zoom">'), page.index('<div class="share">')
    hidden = f'<div style="display: none">{page[start:end]}</div><div hidden>{page[start:end]}</div>'
    path = tmp_path / "page.html"
    path.write_bytes(page.replace('<div class="share">', hidden + '<div class="share">', 1).encode("gbk"))
    read = govreport.load(path).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    for key in ("overview", "applications", "problems", "other_matters"):
        assert read[key] == want[key], key


def test_page_with_a_p_per_printed_line_joins_its_paragraphs(tmp_path: Path) -> None:
    """Text pasted from a PDF into the portal's editor: every printed line of 30 characters is a
    ``<p>`` of its own; a paragraph's first line keeps its text-indent."""
    page = PAGE.read_bytes().decode("gbk")

    def lines(m: re.Match[str]) -> str:
        text = m.group(1)
        parts = [text[i : i + 30] for i in range(0, len(text), 30)]
        return "".join(f"<p>{p}</p>" if k else f'<p style="text-indent:2em">{p}</p>' for k, p in enumerate(parts))

    path = tmp_path / "page.html"
    path.write_bytes(re.sub(r'<p style="text-indent:2em">(.*?)</p>', lines, page).encode("gbk"))
    read = govreport.load(path).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    for key in ("preamble", "contact", "overview", "problems", "other_matters", "applications"):
        assert read[key] == want[key], key


@pytest.mark.parametrize(
    ("title", "body", "level"),
    [
        ("青禾县2023年政府信息公开工作年度报告", "青禾县", "县级"),
        ("2023年科尔沁右翼前旗政府信息公开工作年度报告", "科尔沁右翼前旗", "县级"),
        ("青禾县教育局2023年政府信息公开工作年度报告", "青禾县教育局", "部门"),
        ("2022年上海市政府信息公开工作年度报告", "上海市", None),  # a city's name alone does not say its level
    ],
)
def test_level_from_a_name_printed_alone(tmp_path: Path, title: str, body: str, level: str | None) -> None:
    text = COPY.read_text(encoding="utf-8").replace("青禾县人民政府2023年政府信息公开工作年度报告", title, 1)
    report = _load_text(tmp_path, text)
    assert report.body == body
    assert (report.level.value if report.level else None) == level


def test_portal_index_table_copied_before_the_text(tmp_path: Path) -> None:
    """The 索引号 / 发布机构 / 发文日期 table under a portal's title, copied as text (no colons)."""
    text = COPY.read_text(encoding="utf-8").replace(
        "发布时间：2024-01-25　来源：青禾县人民政府\n",
        "索 引 号\t014416330/2024-00012\t分 类\t政府信息公开年报\n发布机构\t县政府办\t发文日期\t2024-01-25\n",
        1,
    )
    report = _load_text(tmp_path, text)
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml")
    assert report.preamble == want.preamble
    assert str(report.published) == "2024-01-25"


@pytest.mark.parametrize("style", ["第{n}部分 {rest}", "第{n}部分：{rest}", "{n} {rest}", "{n}、 {rest}", "{n}．{rest}"])  # noqa: E501
def test_section_headings_numbered_other_ways(tmp_path: Path, style: str) -> None:
    headings = [
        ("一", "总体情况"),
        ("二", "主动公开政府信息情况"),
        ("三", "收到和处理政府信息公开申请情况"),
        ("四", "政府信息公开行政复议、行政诉讼情况"),
        ("五", "存在的主要问题及改进情况"),
        ("六", "其他需要报告的事项"),
    ]
    text = COPY.read_text(encoding="utf-8")
    for n, rest in headings:
        assert f"\n{n}、{rest}\n" in text
        text = text.replace(f"\n{n}、{rest}\n", "\n" + style.format(n=n, rest=rest) + "\n", 1)
    read = _load_text(tmp_path, text).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    for key in ("overview", "active_disclosure", "applications", "review_litigation", "problems", "other_matters"):
        assert read[key] == want[key], key


@pytest.mark.parametrize("form", ["bare", "markdown"])
def test_table_cells_separated_by_pipes(tmp_path: Path, form: str) -> None:
    """Tables copied as “规章 | 0 | 0 | 0 |” (as some tools copy a page), or as Markdown tables."""
    lines = []
    for line in COPY.read_text(encoding="utf-8").split("\n"):
        if "\t" not in line:
            lines.append(line)
        elif form == "bare":
            lines.append(line.replace("\t", " | ") + " |")
        else:
            lines.append("| " + line.replace("\t", " | ") + " |")
            if line.startswith("信息内容"):
                lines.append("|" + "---|" * (line.count("\t") + 1))
    read = _load_text(tmp_path, "\n".join(lines)).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    for key in ("active_disclosure", "applications", "review_litigation"):
        assert read[key] == want[key], key


def _one_cell_per_line(text: str) -> str:
    """Text copied from a PDF viewer: every cell on a line of its own, empty cells gone."""
    return "\n".join("\n".join(c for c in ln.split("\t") if c) if "\t" in ln else ln for ln in text.split("\n"))


def test_pdf_viewer_copy_one_cell_per_line(tmp_path: Path) -> None:
    text = COPY.read_text(encoding="utf-8")
    for label in ("3.要求提供公开出版物", "4.无正当理由大量反复申请"):
        row = f"{label}\t\t—\t\t—\t\t—\t"
        assert row in text
        text = text.replace(row, label + "\t0" * 7)
    report = _load_text(tmp_path, _one_cell_per_line(text))
    read = report.model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    assert read["active_disclosure"] == want["active_disclosure"]
    assert read["review_litigation"] == want["review_litigation"]
    want["applications"]["table"]["not_processed"]["publications"] = (0,) * 7
    want["applications"]["table"]["not_processed"]["excessive"] = (0,) * 7
    assert read["applications"] == want["applications"]


def test_pdf_viewer_copy_with_invisible_blanks_is_refused_naming_the_row(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        _load_text(tmp_path, _one_cell_per_line(COPY.read_text(encoding="utf-8")))
    assert "3.要求提供公开出版物" in str(info.value)


def test_word_report_inside_a_layout_table(tmp_path: Path) -> None:
    """The whole report pasted into a one-cell table (a frame), its tables nested in that cell."""
    import copy as copying

    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(FOREIGN / "qinghe-county-2023.docx"))
    body = document.element.body
    content = [el for el in body.iterchildren() if el.tag in (qn("w:p"), qn("w:tbl"))]
    frame = copying.deepcopy(document.tables[0]._tbl)
    for tr in frame.findall(qn("w:tr"))[1:]:
        frame.remove(tr)
    cell = frame.find(qn("w:tr")).findall(qn("w:tc"))
    for extra in cell[1:]:
        extra.getparent().remove(extra)
    for p in cell[0].findall(qn("w:p")):
        cell[0].remove(p)
    for el in content:
        cell[0].append(el)
    cell[0].append(cell[0].makeelement(qn("w:p"), {}))
    body.insert(0, frame)
    path = tmp_path / "framed.docx"
    document.save(str(path))
    read = govreport.load(path).model_dump()
    want = govreport.load(Path(__file__).parent / "data" / "foreign" / "qinghe-county-2023.yaml").model_dump()
    for key in ("body", "year", "overview", "active_disclosure", "applications", "review_litigation", "problems"):
        assert read[key] == want[key], key


def test_a_row_with_numbers_matching_no_official_row_is_refused(tmp_path: Path) -> None:
    """A relabelled total row (“办理结果合计” for “（七）总计”) is not dropped silently."""
    text = COPY.read_text(encoding="utf-8").replace("（七）总计\t", "办理结果合计\t", 1)
    with pytest.raises(InputError) as info:
        _load_text(tmp_path, text)
    message = str(info.value)
    assert "办理结果合计" in message
    assert "19 5 0 0 1 0 25" in message


def test_blank_cells_written_as_words(tmp_path: Path) -> None:
    text = COPY.read_text(encoding="utf-8")
    row = "3.要求提供公开出版物\t\t—\t\t—\t\t—\t"
    assert row in text
    report = _load_text(tmp_path, text.replace(row, "3.要求提供公开出版物\t0\t空\t0\tN/A\t0\tNA\t0"))
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.applications.table.not_processed.publications == (0, None, 0, None, 0, None, 0)


def test_page_with_the_article_in_a_frame_names_it(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        '<html><head><meta charset="utf-8"></head><body>'
        "<h1>青禾县人民政府2023年政府信息公开工作年度报告</h1>"
        '<iframe src="/zwgk/nb/2023/content.html" width="100%"></iframe></body></html>',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        govreport.load(path)
    assert "/zwgk/nb/2023/content.html" in str(info.value)
