"""The DOCX's XML: what Word reads (fonts by role, language, grid, 禁则, fields, tables, properties, bytes)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree  # type: ignore[import-untyped]

import govreport
from conftest import SAMPLE
from docx_samples import features_document, merged_table
from govreport import document as d

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _render(document: d.Document, profile: str = "gbt9704") -> bytes:
    from govreport.renderers.docx import DocxRenderer
    from govreport.style.profile import load_profile

    return DocxRenderer().render(document, load_profile(profile))


@pytest.fixture(scope="module")
def sample_docx() -> bytes:
    return govreport.render(govreport.load(SAMPLE), "docx")


@pytest.fixture(scope="module")
def features_docx() -> bytes:
    return _render(features_document())


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    return etree.fromstring(parts(data)[name])


def style(styles: etree._Element, style_id: str) -> etree._Element:
    (found,) = styles.xpath(f"w:style[@w:styleId='{style_id}']", namespaces=NS)
    return found


def east_asia(element: etree._Element) -> str:
    (fonts,) = element.xpath("w:rPr/w:rFonts", namespaces=NS)
    assert fonts.get(q("hint")) == "eastAsia"
    return str(fonts.get(q("eastAsia")))


# -- fonts and language -----------------------------------------------------------------------------

def test_fonts_by_role_in_east_asia_with_hint(sample_docx: bytes) -> None:
    styles = xml(sample_docx, "word/styles.xml")
    assert east_asia(style(styles, "Normal")) == "仿宋_GB2312"
    assert east_asia(style(styles, "Title")) == "方正小标宋简体"
    assert east_asia(style(styles, "Heading1")) == "黑体"
    assert east_asia(style(styles, "Heading2")) == "楷体_GB2312"
    assert east_asia(style(styles, "Heading3")) == "仿宋_GB2312"
    (normal_fonts,) = style(styles, "Normal").xpath("w:rPr/w:rFonts", namespaces=NS)
    # Digits and Latin letters in 仿宋 too (5.2.2), as the PDF sets them: not a Latin serif.
    assert normal_fonts.get(q("ascii")) == normal_fonts.get(q("hAnsi")) == "仿宋_GB2312"
    for name in ("word/footer1.xml", "word/footer2.xml"):
        runs = xml(sample_docx, name).xpath("//w:r", namespaces=NS)
        assert runs
        assert {east_asia(r) for r in runs} == {"宋体"}


def test_every_east_asian_font_has_the_hint(features_docx: bytes) -> None:
    for name, blob in parts(features_docx).items():
        if name.endswith(".xml") and name.startswith("word/"):
            for fonts in etree.fromstring(blob).iter(q("rFonts")):
                if fonts.get(q("eastAsia")):
                    assert fonts.get(q("hint")) == "eastAsia", name


def test_language_zh_cn(sample_docx: bytes) -> None:
    styles = xml(sample_docx, "word/styles.xml")
    langs = styles.xpath("w:docDefaults//w:lang | w:style[@w:styleId='Normal']//w:lang", namespaces=NS)
    assert len(langs) == 2
    assert {lang.get(q("eastAsia")) for lang in langs} == {"zh-CN"}
    (tfl,) = xml(sample_docx, "word/settings.xml").xpath("w:themeFontLang", namespaces=NS)
    assert tfl.get(q("eastAsia")) == "zh-CN"


def test_no_trace_of_the_japanese_template(features_docx: bytes) -> None:
    for name, blob in parts(features_docx).items():
        text = blob.decode("utf-8", "replace")
        needles = ("ja-JP", 'script="Jpan"', "Theme=", 'theme="', "ＭＳ", "Macintosh", 'typeface="Cambria"', "Calibri")
        for needle in needles:
            assert needle not in text, (name, needle)
    names = set(parts(features_docx))
    assert not any("stylesWithEffects" in n or "customXml" in n or "thumbnail" in n for n in names), names


def test_fonts_overridable_by_profile(tmp_path: Path) -> None:
    local = tmp_path / "local.toml"
    local.write_text('extends = "gbt9704"\nname = "local"\n[fonts.body]\ndocx = "仿宋"\nlatin = "仿宋"\n',
                     encoding="utf-8")
    data = _render(features_document(), str(local))
    styles = xml(data, "word/styles.xml")
    assert east_asia(style(styles, "Normal")) == "仿宋"
    assert east_asia(style(styles, "Heading1")) == "黑体"


# -- page, grid, breaking ---------------------------------------------------------------------------

def test_page_margins_and_line_grid(sample_docx: bytes) -> None:
    (sect,) = xml(sample_docx, "word/document.xml").xpath("//w:sectPr", namespaces=NS)
    pg = sect.find(q("pgSz"))
    assert (pg.get(q("w")), pg.get(q("h"))) == ("11906", "16838")
    mar = sect.find(q("pgMar"))
    assert [mar.get(q(k)) for k in ("top", "bottom", "left", "right")] == ["2098", "1984", "1587", "1474"]
    grid = sect.find(q("docGrid"))
    assert grid.get(q("type")) == "lines"
    assert grid.get(q("linePitch")) == "579"
    assert grid.get(q("charSpace")) is None
    assert xml(sample_docx, "word/settings.xml").find(q("evenAndOddHeaders")) is not None


def test_body_style_exact_line_spacing_tightening_indent_breaking(sample_docx: bytes) -> None:
    normal = style(xml(sample_docx, "word/styles.xml"), "Normal")
    ppr, rpr = normal.find(q("pPr")), normal.find(q("rPr"))
    spacing = ppr.find(q("spacing"))
    assert (spacing.get(q("line")), spacing.get(q("lineRule"))) == ("579", "exact")
    assert ppr.find(q("ind")).get(q("firstLine")) == "630"  # 2 × 15.75 pt
    assert ppr.find(q("jc")).get(q("val")) == "both"
    assert ppr.find(q("kinsoku")).get(q("val")) == "1"
    # No hanging punctuation for every consumer (docs/layout-docx.md): Word and WPS take the Choice
    # (val 0, ECMA-376's meaning); LibreOffice, which reads the value inverted, takes the Fallback (val 1).
    assert ppr.find(q("overflowPunct")) is None
    mc = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
    (alternate,) = ppr.findall(f"{mc}AlternateContent")
    choice, fallback = list(alternate)
    assert (choice.tag, choice.get("Requires")) == (f"{mc}Choice", "w")
    assert [(c.tag, c.get(q("val"))) for c in choice] == [(q("overflowPunct"), "0")]
    assert fallback.tag == f"{mc}Fallback"
    assert [(c.tag, c.get(q("val"))) for c in fallback] == [(q("overflowPunct"), "1")]
    # It stands where w:overflowPunct stands in CT_PPrBase (after w:kinsoku, before w:snapToGrid).
    names = [c.tag for c in ppr]
    assert names.index(q("kinsoku")) < names.index(f"{mc}AlternateContent") < names.index(q("snapToGrid"))
    assert ppr.find(q("widowControl")).get(q("val")) == "0"
    assert ppr.find(q("snapToGrid")).get(q("val")) == "0"
    assert rpr.find(q("spacing")).get(q("val")) == "-5"  # −0.25 pt
    assert rpr.find(q("sz")).get(q("val")) == "32"  # 3号


def test_title_style(sample_docx: bytes) -> None:
    title = style(xml(sample_docx, "word/styles.xml"), "Title")
    assert title.find(q("rPr")).find(q("sz")).get(q("val")) == "44"  # 2号
    assert title.find(q("pPr")).find(q("jc")).get(q("val")) == "center"
    assert title.find(q("pPr")).find(q("pBdr")) is None
    body = xml(sample_docx, "word/document.xml").find(q("body"))
    first, blank = body[0], body[1]
    assert first.xpath("string(w:pPr/w:pStyle/@w:val)", namespaces=NS) == "Title"
    assert len(first.xpath(".//w:br", namespaces=NS)) == 1  # two lines (梯形)
    assert not blank.xpath(".//w:t", namespaces=NS)  # 空一行


def test_children_in_schema_order(features_docx: bytes) -> None:
    from govreport.renderers._ooxml import SEQUENCES

    for name, blob in parts(features_docx).items():
        if not name.startswith("word/") or not name.endswith(".xml"):
            continue
        root = etree.fromstring(blob)
        for parent_tag, order in SEQUENCES.items():
            for parent in root.iter(q(parent_tag[2:])):
                seen = [f"w:{etree.QName(c).localname}" for c in parent if etree.QName(c).namespace == W]
                ranks = [order.index(t) for t in seen if t in order]
                assert ranks == sorted(ranks), (name, parent_tag, seen)


# -- page numbers ------------------------------------------------------------------------------------

def test_page_number_fields(sample_docx: bytes) -> None:
    document = xml(sample_docx, "word/document.xml")
    assert not document.xpath("//w:pgNumType[@w:fmt]", namespaces=NS)  # not numberInDash
    for name, align in (("word/footer1.xml", "right"), ("word/footer2.xml", "left")):
        footer = xml(sample_docx, name)
        assert footer.xpath("string(//w:instrText)", namespaces=NS).strip() == "PAGE"
        kinds = [f.get(q("fldCharType")) for f in footer.iter(q("fldChar"))]
        assert kinds == ["begin", "separate", "end"]
        texts = [t.text for t in footer.iter(q("t"))]
        assert texts[0] == "— "
        assert texts[-1] == " —"
        assert footer.xpath("string(//w:jc/@w:val)", namespaces=NS) == align
        ind = footer.find(f".//{q('ind')}")
        assert ind.get(q(align)) == "280"  # 1 字 of 4号
    rels = parts(sample_docx)["word/_rels/document.xml.rels"].decode()
    assert rels.count("relationships/footer") == 2


# -- tables -----------------------------------------------------------------------------------------

def _tables(data: bytes) -> list[etree._Element]:
    return list(xml(data, "word/document.xml").find(q("body")).iter(q("tbl")))


def test_table_header_rows_repeat(features_docx: bytes) -> None:
    tables = _tables(features_docx)
    assert len(tables) == 2
    for tbl in tables:
        flags = [bool(tr.xpath("w:trPr/w:tblHeader[@w:val='1']", namespaces=NS)) for tr in tbl.iter(q("tr"))]
        assert flags[:2] == [True, True]
        assert not any(flags[2:])


def test_table_merged_cells_follow_the_tree(features_docx: bytes) -> None:
    table = merged_table(40)
    tbl = _tables(features_docx)[0]
    rows = tbl.findall(q("tr"))
    assert len(rows) == len(table.rows)
    spans = {(r, c): (p.cell.rowspan, p.cell.colspan) for p, (r, c) in
             ((p, (p.row, p.col)) for p in table.placements())}
    for r, tr in enumerate(rows):
        c = 0
        for tc in tr.findall(q("tc")):
            span = int(tc.xpath("string(w:tcPr/w:gridSpan/@w:val)", namespaces=NS) or 1)
            vmerge = tc.find(f"{q('tcPr')}/{q('vMerge')}")
            if (r, c) in spans:
                rowspan, colspan = spans[(r, c)]
                assert span == colspan, (r, c)
                if rowspan > 1:
                    assert vmerge is not None, (r, c)
                    assert vmerge.get(q("val")) == "restart", (r, c)
                else:
                    assert vmerge is None, (r, c)
            else:  # covered by a cell above
                assert vmerge is not None, (r, c)
                assert vmerge.get(q("val")) in (None, "continue"), (r, c)
            c += span
        assert c == len(table.widths)


def test_table_borders_width_and_font(features_docx: bytes) -> None:
    tbl = _tables(features_docx)[0]
    borders = tbl.find(f"{q('tblPr')}/{q('tblBorders')}")
    assert {b.get(q("val")) for b in borders} == {"single"}
    assert len(borders) == 6
    assert tbl.find(f"{q('tblPr')}/{q('tblW')}").get(q("w")) == "8844"  # 156 mm
    header_run = tbl.find(f".//{q('r')}")
    assert east_asia(header_run) == "黑体"
    assert header_run.find(f"{q('rPr')}/{q('sz')}").get(q("val")) == "24"  # profile table.font_size


def test_landscape_section(features_docx: bytes) -> None:
    sections = xml(features_docx, "word/document.xml").xpath("//w:sectPr", namespaces=NS)
    assert len(sections) == 3  # portrait, landscape (附件2 and 表二), portrait
    land = sections[1]
    pg = land.find(q("pgSz"))
    assert (pg.get(q("w")), pg.get(q("h")), pg.get(q("orient"))) == ("16838", "11906", "landscape")
    mar = land.find(q("pgMar"))
    # The margins turn with the page: the table's head at the 订口 (28 mm), the foot at 26 mm.
    assert [mar.get(q(k)) for k in ("top", "bottom", "left", "right")] == ["1587", "1474", "1984", "2098"]
    refs = {r.get(q("type")): r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
            for r in land.findall(q("footerReference"))}
    first_refs = {r.get(q("type")) for r in sections[0].findall(q("footerReference"))}
    last_refs = [r.get("{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id")
                 for r in sections[2].findall(q("footerReference"))]
    assert set(refs) == first_refs == {"default", "even"}
    assert not set(refs.values()) & set(last_refs)  # the portrait pages after it get their own numbers back
    rels = parts(features_docx)["word/_rels/document.xml.rels"].decode()
    for rid in refs.values():
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels) or re.search(
            rf'Target="([^"]+)"[^>]*Id="{rid}"', rels)
        assert target
        footer = xml(features_docx, f"word/{target.group(1)}")
        assert footer.xpath("//w:tcPr/w:textDirection/@w:val", namespaces=NS) == ["tbRl"]
        assert footer.xpath("//w:tblpPr/@w:vertAnchor", namespaces=NS) == ["page"]
        assert footer.xpath("string(//w:instrText)", namespaces=NS).strip() == "PAGE"


# -- signature --------------------------------------------------------------------------------------

def _para(data: bytes, text: str) -> etree._Element:
    body = xml(data, "word/document.xml").find(q("body"))
    return next(p for p in body.iter(q("p")) if "".join(p.itertext()) == text)


def test_signature_indents(features_docx: bytes) -> None:
    name = _para(features_docx, "张店区人民政府科苑街道办事处")
    assert name.xpath("string(w:pPr/w:jc/@w:val)", namespaces=NS) == "right"
    assert name.xpath("string(w:pPr/w:ind/@w:right)", namespaces=NS) == "630"  # 右空二字
    date = name.getnext()
    assert "".join(date.itertext()) == "2017年1月20日"
    # Flush right, its first character 2 字 right of the name's: right padding = 2 字 + 14 字 − 2 字 − the
    # date's width; 2017年1月20日 is 7 digits of 8 − 0.25 pt, 3 字 and five 中西文间距 of 3.2 + 0.25 pt
    # (what Word, WPS and LibreOffice set: docs/layout-docx.md).
    assert date.xpath("string(w:pPr/w:jc/@w:val)", namespaces=NS) == "right"
    width = 7 * 7.75 + 3 * 15.75 + 5 * 3.45
    assert date.xpath("string(w:pPr/w:ind/@w:right)", namespaces=NS) == str(round((14 * 15.75 - width) * 20))


# -- properties and bytes ---------------------------------------------------------------------------

def test_core_properties_from_the_report(sample_docx: bytes) -> None:
    import docx

    cp = docx.Document(io.BytesIO(sample_docx)).core_properties
    assert cp.title == "张店区人民政府科苑街道办事处2016年政府信息公开工作年度报告"
    assert cp.author == "张店区人民政府科苑街道办事处"
    assert cp.language == "zh-CN"
    assert cp.created == cp.modified == dt.datetime(2017, 1, 1, tzinfo=dt.UTC)  # the report's date
    app = parts(sample_docx)["docProps/app.xml"].decode()
    assert "<Application>govreport" in app


def test_byte_identical(sample_docx: bytes) -> None:
    again = govreport.render(govreport.load(SAMPLE), "docx")
    assert again == sample_docx
    with zipfile.ZipFile(io.BytesIO(sample_docx)) as zf:
        infos = zf.infolist()
    names = [i.filename for i in infos]
    assert names[0] == "[Content_Types].xml"
    assert names[1:] == sorted(names[1:])
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_gb2021_statutory_tables_merge_as_composed() -> None:
    report = govreport.load(SAMPLE.parent / "example-gb2021.yaml")
    tables = [b for b in govreport.to_document(report).blocks if isinstance(b, d.Table)]
    assert tables
    body = xml(govreport.render(report, "docx"), "word/document.xml").find(q("body"))
    rendered = list(body.iter(q("tbl")))
    assert len(rendered) == len(tables)
    for table, tbl in zip(tables, rendered, strict=True):
        placements = table.placements()
        restarts = tbl.xpath(".//w:vMerge[@w:val='restart']", namespaces=NS)
        assert len(restarts) == sum(1 for p in placements if p.cell.rowspan > 1), table.name
        spans = [int(v) for v in tbl.xpath(".//w:gridSpan/@w:val", namespaces=NS)]
        # a merged block's every row carries the gridSpan of its columns
        assert sum(spans) == sum(p.cell.colspan * p.cell.rowspan for p in placements if p.cell.colspan > 1)
        headers = [tr for tr in tbl.iter(q("tr")) if tr.xpath("w:trPr/w:tblHeader", namespaces=NS)]
        assert len(headers) == table.header_rows, table.name


def test_a_zi_counted_in_another_font_size(tmp_path: Path) -> None:
    """``per`` names the size a 字 is counted in: the page number's 空一字 is one 4号 字 (14 pt), not the
    body's 15.75 pt, and a local profile's 4号 → 小四 moves it."""
    from govreport.style.profile import load_profile

    assert load_profile().pt("page_number.side_indent") == 14.0
    local = tmp_path / "local.toml"
    local.write_text('extends = "gbt9704"\nname = "local"\n[page_number.font_size]\nvalue = 12\nunit = "pt"\n',
                     "utf-8")
    assert load_profile(str(local)).pt("page_number.side_indent") == 12.0
    assert load_profile().pt("signature.right_indent") == 31.5  # no per: the body's tightened pitch


def test_gb2021_tables_sit_in_the_type_area_with_the_pdf_geometry() -> None:
    """Every statutory table: columns that add up to the table's width (表四 used to add up to 8850 twips
    in an 8844 table), the left rule on the 版心's edge (Word 2010 compatibility mode measures tblInd to
    the first cell's text: tblInd = the 2 pt cell margin), 2 pt cell margins on all four sides (a row is
    18 + 4 pt, as in the PDF), cells not tightened."""
    report = govreport.load(SAMPLE.parent / "example-gb2021.yaml")
    body = xml(govreport.render(report, "docx"), "word/document.xml").find(q("body"))
    tables = list(body.iter(q("tbl")))
    assert len(tables) == 3
    for tbl in tables:
        pr = tbl.find(q("tblPr"))
        cols = [int(w) for w in tbl.xpath("w:tblGrid/w:gridCol/@w:w", namespaces=NS)]
        assert sum(cols) == int(pr.find(q("tblW")).get(q("w"))) == 8844
        assert (pr.find(q("tblInd")).get(q("w")), pr.find(q("tblInd")).get(q("type"))) == ("40", "dxa")
        mar = pr.find(q("tblCellMar"))
        assert {side: mar.find(q(side)).get(q("w")) for side in ("top", "left", "bottom", "right")} == {
            "top": "40", "left": "40", "bottom": "40", "right": "40"}
        for tr in tbl.iter(q("tr")):  # each row's cells fill the grid exactly
            assert sum(int(tc.find(f"{q('tcPr')}/{q('tcW')}").get(q("w"))) for tc in tr.findall(q("tc"))) == 8844
        assert set(tbl.xpath(".//w:r/w:rPr/w:spacing/@w:val", namespaces=NS)) == {"0"}


def test_gb2021_table_rows_that_must_not_end_a_page() -> None:
    """表二's item rows (第二十条第（X）项) and their column heads keep with their data; a label spanning
    several rows keeps its first row with the second (no "（五）不予处理" split after one row)."""
    report = govreport.load(SAMPLE.parent / "example-gb2021.yaml")
    body = xml(govreport.render(report, "docx"), "word/document.xml").find(q("body"))
    two, three, _ = list(body.iter(q("tbl")))

    def kept(tbl: etree._Element) -> list[str]:
        return ["".join(tr.itertext()) for tr in tbl.iter(q("tr"))
                if tr.xpath(".//w:pPr/w:keepNext[@w:val='1']", namespaces=NS)]

    rows_two = kept(two)
    assert "第二十条第（一）项" in rows_two
    assert "第二十条第（六）项" in rows_two
    assert "信息内容本年处理决定数量" in rows_two  # the column heads of （五）/（六）
    assert not any(r.startswith(("行政处罚", "行政强制", "规章")) for r in rows_two)  # data rows are free
    rows_three = kept(three)
    assert any(r.startswith("（五）不予处理") for r in rows_three)
    assert not any(r.startswith("2.重复申请") for r in rows_three)
