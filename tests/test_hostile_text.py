"""Text is text in every renderer: markup and template syntax in a report come out literally."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from conftest import squash
from test_skeleton import docx_text, html_text, pdf_text

HOSTILE = [
    '<img src="file:///etc/passwd">',
    "<script>alert('x')</script>",
    "{{ 7*7 }}",
    "{% for x in range(3) %}循环{% endfor %}",
    "${7*7} #{7*7} <%= 7*7 %>",
    "<![CDATA[ ]]> &amp; &lt;b&gt; <!-- 注释 -->",
    '<link rel="stylesheet" href="http://127.0.0.1:9/x.css"><style>@import "file:///etc/passwd";</style>',
]
TEMPLATE = ["联系：{unit}；{unit.__class__}；{{ 7*7 }}；{phone!r}；{email:>99999}；{0}"]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    report = govreport.load({
        "body": "某某街道办事处",
        "year": 2016,
        "title": "<b>某某街道</b>{{ 7*7 }}年度报告",
        "preamble": HOSTILE,
        "contact": {"unit": "党政办<i>公室</i>", "phone": "0533-1234567", "template": TEMPLATE},
        "sections": [{"heading": "<h1>标题</h1>{{ config }}", "content": [
            "正文<script>document.write(1)</script>。",
            {"heading": "<u>小标题</u>", "content": ["{{ ''.__class__.__mro__ }}"]},
        ]}],
    })
    out = tmp_path_factory.mktemp("hostile")
    paths = govreport.render_to(report, out, ["html", "docx", "pdf"], stem="hostile")
    return {p.suffix[1:]: p for p in paths}


EXPECTED = [
    *HOSTILE,
    "<b>某某街道</b>{{ 7*7 }}年度报告",
    "联系：党政办<i>公室</i>；{unit.__class__}；{{ 7*7 }}；{phone!r}；{email:>99999}；{0}",
    "<h1>标题</h1>{{ config }}",
    "正文<script>document.write(1)</script>。",
    "<u>小标题</u>",
    "{{ ''.__class__.__mro__ }}",
]


@pytest.mark.parametrize("fmt", ["html", "docx", "pdf"])
def test_markup_and_template_syntax_appear_literally(hostile: dict[str, Path], fmt: str) -> None:
    text = {"html": html_text, "docx": docx_text, "pdf": pdf_text}[fmt](hostile[fmt])
    for expected in EXPECTED:
        assert squash(expected) in text, f"{fmt}: {expected!r} not found literally"
    assert "49" not in text  # no {{ 7*7 }} was evaluated


def test_html_has_no_live_markup_from_the_report(hostile: dict[str, Path]) -> None:
    raw = hostile["html"].read_text("utf-8")
    for tag in ("<img", "<script", "<link", "<b>", "<i>", "<u>", "<h1>标题", "<![CDATA", "<!--"):
        assert tag not in raw, tag
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in raw
    assert raw.count("<style>") == 1  # only the stylesheet of the profile


def test_pdf_did_not_read_the_file(hostile: dict[str, Path]) -> None:
    import pdfplumber

    with pdfplumber.open(hostile["pdf"]) as pdf:
        assert not any(page.images for page in pdf.pages)
    passwd = Path("/etc/passwd")
    if passwd.exists():
        first = passwd.read_text("utf-8", errors="replace").split(":", 1)[0]  # "root"
        assert squash(f"{first}:x:0:0") not in pdf_text(hostile["pdf"])


@pytest.mark.parametrize("char", ["\x00", "\x08", "\x1b", "\x7f", "\x9b", "\ufffe"])
@pytest.mark.parametrize("fmt", ["docx", "html", "pdf"])
def test_characters_xml_cannot_hold_are_refused_before_the_renderer(fmt: str, char: str, tmp_path: Path) -> None:
    """A report built in code (not through load) still cannot smuggle them into python-docx."""
    report = govreport.Report(body="某机关", year=2016, sections=[
        govreport.model.Section(heading="概述", content=["正常段落。", f"坏{char}段落。"])])
    with pytest.raises(govreport.InputError, match=r"章节 → 第1项「概述」 → 内容 → 第2项：第 2 个字符"):
        govreport.render(report, fmt)
    with pytest.raises(govreport.InputError):
        govreport.render_to(report, tmp_path, [fmt])
    assert list(tmp_path.iterdir()) == []
