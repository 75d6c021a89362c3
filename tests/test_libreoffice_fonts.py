"""LibreOffice, given our fontconfig file, sets the official font names in the free substitutes."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.text.paragraph import Paragraph

from govreport.style.fonts import resolve_fonts, write_fontconfig
from govreport.style.profile import load_profile
from lo import libreoffice_to_pdf

pytestmark = pytest.mark.slow


def _run(paragraph: Paragraph, text: str, east_asia: str) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(16)
    rfonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for slot in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(slot), east_asia)
    rfonts.set(qn("w:hint"), "eastAsia")


def test_libreoffice_uses_fandol_for_official_names(tmp_path: Path) -> None:
    docx_path = tmp_path / "fonts.docx"
    document = Document()
    _run(document.add_paragraph(), "本年报是根据政府信息公开条例要求编制的。", "仿宋_GB2312")
    _run(document.add_paragraph(), "一、概述", "黑体")
    document.save(str(docx_path))

    conf = write_fontconfig(resolve_fonts(load_profile("gbt9704")), tmp_path / "fonts.conf")
    pdf = libreoffice_to_pdf(docx_path, tmp_path / "out", conf)

    with pdfplumber.open(pdf) as doc:
        chars = doc.pages[0].chars
    by_text = {c["text"]: c["fontname"].split("+")[-1] for c in chars}
    assert by_text["政"].startswith("FandolFang"), by_text["政"]
    assert by_text["概"] == "FandolHei-Regular", by_text["概"]
