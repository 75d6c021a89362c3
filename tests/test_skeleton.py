"""The walking skeleton: the sample from YAML to DOCX, PDF and HTML, by API and by CLI."""

from __future__ import annotations

import html.parser
import re
import subprocess
import sys
from pathlib import Path

import pytest

import govreport
from conftest import SAMPLE, assert_in_order, source_paragraphs, source_sentences, squash
from govreport import document as d


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "title", "script"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "title", "script"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(path: Path) -> str:
    parser = _Text()
    parser.feed(path.read_text("utf-8"))
    return squash("".join(parser.parts))


def docx_text(path: Path) -> str:
    import docx

    return squash("".join(p.text for p in docx.Document(str(path)).paragraphs))


def pdf_text(path: Path) -> str:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    return re.sub(r"—\d+—", "", squash(text))


def test_fixture_keeps_every_source_paragraph(sample_report: govreport.Report) -> None:
    doc = govreport.to_document(sample_report)
    composed = [squash(t) for t in doc.iter_text()]
    source = [squash(p) for p in source_paragraphs()]
    # The title (split in two lines) loses the source's stray spaces; every other paragraph,
    # heading and contact sentence is identical and in the same order.
    assert "".join(composed[:2]) == source[0]
    assert composed[2:] == source[1:]


def test_sections_and_ordinals_generated(sample_report: govreport.Report) -> None:
    doc = govreport.to_document(sample_report)
    headings = [b for b in doc.blocks if isinstance(b, d.Heading)]
    assert [h.ordinal for h in headings] == ["一、", "二、", "三、", "四、", "五、", "六、", "七、", "八、",
                                              "九、", "十、", "十一、", "十二、"]
    assert headings[0].text == "概述"
    assert headings[-1].text == "需要说明的事项与附表"


def test_title_split_as_trapezoid(sample_report: govreport.Report) -> None:
    doc = govreport.to_document(sample_report)
    title = doc.blocks[0]
    assert isinstance(title, d.Title)
    assert title.lines == ("张店区人民政府科苑街道办事处", "2016年政府信息公开工作年度报告")


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_every_sentence_in_order(sample_outputs: dict[str, Path], fmt: str) -> None:
    extract = {"docx": docx_text, "pdf": pdf_text, "html": html_text}[fmt]
    assert_in_order(source_sentences()[1:], extract(sample_outputs[fmt]))


def test_check_sample_is_clean(sample_report: govreport.Report) -> None:
    assert [f for f in govreport.check(sample_report) if f.is_error] == []


def test_render_returns_bytes_of_each_format(sample_report: govreport.Report) -> None:
    assert govreport.render(sample_report, "docx")[:2] == b"PK"
    assert govreport.render(sample_report, "html").startswith(b"<!DOCTYPE html>")
    assert govreport.render(sample_report, "pdf")[:5] == b"%PDF-"


def test_render_to_single_file(tmp_path: Path, sample_report: govreport.Report) -> None:
    target = tmp_path / "r.html"
    assert govreport.render_to(sample_report, target, "html") == [target]
    assert target.read_bytes().startswith(b"<!DOCTYPE html>")


def test_import_does_not_load_engines() -> None:
    code = "import sys, govreport; print('weasyprint' in sys.modules, 'docx' in sys.modules)"
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.split() == ["False", "False"]


def test_load_from_dict_and_text() -> None:
    data = {"发布机关": "某某街道办事处", "年度": 2016, "章节": [{"标题": "概述", "内容": ["正 文 。"]}]}
    report = govreport.load(data)
    assert report.body == "某某街道办事处"
    assert report.sections[0].content == ["正文。"]
    assert govreport.load(SAMPLE.read_text("utf-8")).body == "张店区人民政府科苑街道办事处"


def test_unknown_keys_are_errors() -> None:
    with pytest.raises(govreport.InputError, match="不认识的字段"):
        govreport.load({"body": "x", "year": 2016, "colour": "red"})


def test_title_width_counts_chinese_quotes_as_whole_characters() -> None:
    """“ ” — … take a whole 字 in a Chinese font (as the DOCX and PDF renderers count them): a title of
    19 characters and a pair of quotes is 21 字, wider than a 20-字 line, so it is split."""
    from govreport.compose.title import split_title
    from govreport.style.profile import load_profile

    title = "科苑街道“政务公开”工作情况年度报告汇编稿"
    assert len(title) == 21
    assert len(split_title(title, load_profile().count("title.max_chars_per_line"))) > 1
