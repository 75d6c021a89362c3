"""The document readers (DOCX, PDF, HTML, text) on the foreign corpus — documents made the way real
bodies make them, not by govreport (tests/data/make_foreign_corpus.py) — and on govreport's own
output. The oracle of every cell is the hand-typed YAML in tests/data/foreign/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from _statutory import DATA, FIXTURES
from govreport.cli import app
from govreport.compose import contact_sentences
from govreport.errors import InputError

FOREIGN = FIXTURES / "foreign"
CORPUS = sorted(p for p in FOREIGN.iterdir() if not p.name.startswith("huaian"))
runner = CliRunner()


def _expected(path: Path) -> govreport.Report:
    return govreport.load(DATA / "foreign" / f"{path.name.split('.')[0]}.yaml")


def _codes(report: govreport.Report) -> set[str]:
    return {f.code for f in govreport.check(report)}


def test_the_corpus_has_every_format() -> None:
    kinds = {"".join(p.suffixes) for p in CORPUS}
    assert {".docx", ".pdf", ".pdf.txt", ".html", ".html.txt", ".print.pdf"} <= kinds


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_foreign_document_reads_exactly(path: Path) -> None:
    read = govreport.load(path)
    expected = _expected(path)
    got, want = read.model_dump(), expected.model_dump()
    for key in want:
        assert got[key] == want[key], key


def test_gbk_page_is_read_by_its_meta_charset() -> None:
    raw = (FOREIGN / "liuxi-town-2023.html").read_bytes()
    assert b"charset=gbk" in raw
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert govreport.load(FOREIGN / "liuxi-town-2023.html").body == "青禾县柳溪镇人民政府"


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".html", ".pdf.txt", ".html.txt", ".print.pdf"])
def test_clean_report_gives_no_error_in_any_format(suffix: str) -> None:
    path = FOREIGN / f"qinghe-county-2023{suffix}"
    findings = govreport.check(govreport.load(path))
    assert [f for f in findings if f.is_error] == []


@pytest.mark.parametrize("suffix", [".docx", ".pdf", ".pdf.txt"])
def test_planted_defects_are_found(suffix: str) -> None:
    codes = _codes(govreport.load(FOREIGN / f"qinghe-nature-2023{suffix}"))
    # 表四 总计 left 0 while 结果维持 is 10; a 总计 cell left blank; the narrative's 17 vs 表三's 95;
    # the printed typo 「2.其他法律行政止公开」
    assert {"T4-GROUP-TOTAL", "BLANK-CELL", "T3-ROW-TOTAL", "NARRATIVE-MISMATCH", "READ-CORRECTED"} <= codes


@pytest.mark.parametrize("suffix", [".html", ".html.txt"])
def test_a_2023_report_on_the_2019_table_is_an_error(suffix: str) -> None:
    report = govreport.load(FOREIGN / f"liuxi-town-2023{suffix}")
    assert report.year == 2023
    codes = _codes(report)
    assert {"TABLE-EDITION", "T3-OLD-FORMAT"} <= codes
    assert "READ-INFERRED" in codes  # "表格是〔2019〕60号的格式，而 2023 年度适用〔2021〕30号"


def test_previous_year_from_a_word_file() -> None:
    now = govreport.load(FOREIGN / "qinghe-county-2023.pdf")
    before = govreport.load(FOREIGN / "qinghe-county-2022.docx")
    codes = {f.code for f in govreport.check(now, previous=before)}
    assert "CARRYOVER-MISMATCH" not in codes
    assert "T2-CONTINUITY" not in codes  # 34 + 6 − 2 = 38
    assert before.active_disclosure is not None
    assert before.active_disclosure.table is not None
    broken = before.model_copy(
        update={
            "active_disclosure": before.active_disclosure.model_copy(
                update={"table": before.active_disclosure.table.model_copy(update={"normative_documents": (4, 1, 30)})}
            )
        }
    )
    found = [f for f in govreport.check(now, previous=broken) if f.code == "T2-CONTINUITY"]
    assert len(found) == 1
    for number in ("30", "38", "34"):
        assert number in found[0].message


# --- govreport's own output reads back ---------------------------------------------------------------

FIXTURE_NAMES = ["example-gb2021.yaml", "example-gb2019.yaml", "minimal-gb2021.yaml", "example-gb2019-previous.yaml"]


def _same_report(read: govreport.Report, original: govreport.Report) -> None:
    got, want = read.model_dump(exclude={"contact"}), original.model_dump(exclude={"contact"})
    for key in want:
        assert got[key] == want[key], key
    if original.contact:
        assert read.contact is not None
        assert contact_sentences(read.contact, read.body) == contact_sentences(original.contact, original.body)


@pytest.mark.parametrize("name", FIXTURE_NAMES)
@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_round_trip_docx_html(name: str, fmt: str, tmp_path: Path) -> None:
    original = govreport.load(FIXTURES / name)
    path = tmp_path / f"report.{fmt}"
    path.write_bytes(govreport.render(original, fmt))
    _same_report(govreport.load(path), original)


@pytest.mark.slow
@pytest.mark.parametrize("name", FIXTURE_NAMES)
def test_round_trip_pdf_text(name: str, tmp_path: Path) -> None:
    original = govreport.load(FIXTURES / name)
    path = tmp_path / "report.pdf"
    path.write_bytes(govreport.render(original, "pdf"))
    _same_report(govreport.load(path), original)


def test_round_trip_pdf_a3_reads_the_embedded_json_exactly(tmp_path: Path) -> None:
    original = govreport.load(FIXTURES / "example-gb2021.yaml")
    path = tmp_path / "report.pdf"
    path.write_bytes(govreport.render(original, "pdf", pdf_variant="pdf/a-3b"))
    read = govreport.load(path)
    assert read.model_dump() == original.model_dump()
    assert read.read_notes == ()


def test_legacy_report_reads_back_as_sections(tmp_path: Path) -> None:
    original = govreport.load(FIXTURES / "keyuan-2016.yaml")
    path = tmp_path / "report.docx"
    path.write_bytes(govreport.render(original, "docx"))
    read = govreport.load(path)
    assert read.edition.value == "legacy"
    assert [s.heading for s in read.sections] == [s.heading for s in original.sections]
    assert read.sections[1].content == original.sections[1].content


# --- what is not a report is refused, with one message ---------------------------------------------


def _refused(path: Path) -> str:
    with pytest.raises(InputError) as info:
        govreport.load(path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    return str(info.value)


def test_image_only_pdf_is_refused(tmp_path: Path) -> None:
    from PIL import Image

    path = tmp_path / "scan.pdf"
    Image.new("RGB", (600, 800), "white").save(path, "PDF")
    assert "没有可读取的文字" in _refused(path)


def test_unrelated_pdf_is_refused(tmp_path: Path) -> None:
    from weasyprint import HTML

    path = tmp_path / "notice.pdf"
    HTML(string="<p>关于召开安全生产工作会议的通知</p><p>各单位：定于下周一召开会议。</p>").write_pdf(path)
    assert "未找到报告标题" in _refused(path)


def test_docx_without_tables_is_refused(tmp_path: Path) -> None:
    from docx import Document

    doc = Document()
    for text in [
        "示例县人民政府2023年政府信息公开工作年度报告",
        "一、总体情况",
        "我县做好了公开工作。",
        "二、主动公开政府信息情况",
        "全年主动公开信息100条。",
        "三、收到和处理政府信息公开申请情况",
        "全年收到申请5件。",
        "四、政府信息公开行政复议、行政诉讼情况",
        "无。",
    ]:
        doc.add_paragraph(text)
    buffer = io.BytesIO()
    doc.save(buffer)
    path = tmp_path / "draft.docx"
    path.write_bytes(buffer.getvalue())
    assert "未找到表三（收到和处理政府信息公开申请情况）" in _refused(path)


def test_broken_files_are_refused(tmp_path: Path) -> None:
    bad_pdf = tmp_path / "bad.pdf"
    bad_pdf.write_bytes(b"%PDF-1.7\n garbage")
    _refused(bad_pdf)
    bad_docx = tmp_path / "bad.docx"
    bad_docx.write_bytes(b"PK\x03\x04 not a zip")
    assert "Word" in _refused(bad_docx)
    old_doc = tmp_path / "old.doc"
    old_doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    assert ".docx" in _refused(old_doc)


def test_word_numbering_is_read_as_typed_ordinals(tmp_path: Path) -> None:
    """Headings numbered by Word (“一、” from numbering.xml, not in the text) are recognised."""
    from docx import Document
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    doc = Document(str(FOREIGN / "qinghe-county-2023.docx"))
    numbering = doc.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    changed = 0
    for p in doc.paragraphs:
        text = p.text
        if text[:2] in ("一、", "二、", "三、", "四、", "五、", "六、"):
            for run in p.runs:
                run.text = ""
            p.runs[0].text = text[2:]
            p._p.get_or_add_pPr().insert(0, parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="90"/></w:numPr>'))
            changed += 1
    assert changed == 6
    path = tmp_path / "numbered.docx"
    doc.save(str(path))
    assert "一、总体情况" not in "\n".join(p.text for p in Document(str(path)).paragraphs)
    read = govreport.load(path)
    assert read.model_dump() == govreport.load(DATA / "foreign" / "qinghe-county-2023.yaml").model_dump()


@pytest.mark.parametrize("variant", ["title inside the article", "title only in <title>"])
def test_portal_title_variants(variant: str) -> None:
    import re

    from govreport.readers import read_bytes

    page = (FOREIGN / "qinghe-county-2023.html").read_bytes().decode("gbk")
    h1 = '<h1 class="title">青禾县人民政府2023年政府信息公开工作年度报告</h1>'
    assert h1 in page
    if variant == "title inside the article":
        article = '<div class="article" id="zoom">'
        page = page.replace(h1, "").replace(article, article + h1.replace("h1", "h2"))
    else:
        page = re.sub(r'<h1 class="title">.*?</h1>', "", page)
    read = read_bytes(page.encode("gbk"), "page.html")
    assert read.model_dump() == govreport.load(DATA / "foreign" / "qinghe-county-2023.yaml").model_dump()
