"""The PDF as an archive: PDF/A identification, metadata, report.json inside PDF/A-3, the locked fetcher,
refusal of characters no font has, reproducible bytes, and the shared engine state."""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import warnings
from pathlib import Path
from typing import Any

import pikepdf
import pytest
import yaml
from typer.testing import CliRunner

import govreport
from conftest import ROOT, SAMPLE, squash
from govreport import document as d
from govreport.errors import EnvironmentProblem, InputError
from govreport.renderers import pdf as pdf_renderer
from govreport.renderers.pdf.archival import structural_problems
from govreport.renderers.pdf.fetcher import LockedFetcher, RefusedResource
from govreport.style.fonts import FontSet
from govreport.style.profile import load_profile

RARE = "\U0002A6A5"  # 𪚥: in no font Debian's CJK packages ship


def _report(edit: Any = None) -> govreport.Report:
    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    if edit is not None:
        edit(data)
    return govreport.load(data)


def _first_paragraph(text: str) -> Any:
    def edit(data: dict[str, Any]) -> None:
        data["sections"][0]["content"][0] = text + data["sections"][0]["content"][0]
    return edit


@pytest.fixture(scope="module")
def a2b(sample_outputs: dict[str, Path]) -> bytes:
    return sample_outputs["pdf"].read_bytes()


@pytest.fixture(scope="module")
def a3b(sample_report: govreport.Report) -> bytes:
    return govreport.render(sample_report, "pdf", pdf_variant="pdf/a-3b")


# --- PDF/A ---------------------------------------------------------------------------------------------


def test_default_is_pdfa_2b_with_metadata_from_the_report(a2b: bytes, sample_report: govreport.Report) -> None:
    doc = govreport.to_document(sample_report)
    with pikepdf.open(io.BytesIO(a2b)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
        assert meta["dc:title"] == doc.meta.title
        assert doc.meta.author in str(meta["dc:creator"])
        assert meta["dc:description"] == doc.meta.subject
        assert "zh-CN" in str(meta["dc:language"])
        assert meta["xmp:CreateDate"].startswith(doc.meta.date.isoformat())
        assert str(pdf.Root.Lang) == "zh-CN"
        assert str(pdf.docinfo["/Title"]) == doc.meta.title
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1"
        assert "/DestOutputProfile" in intent
        assert not pdf.is_encrypted
        assert "/ID" in pdf.trailer
    assert structural_problems(a2b, "pdf/a-2b", "zh-CN") == []


def test_every_font_is_embedded(a2b: bytes) -> None:
    with pikepdf.open(io.BytesIO(a2b)) as pdf:
        fonts = [f for page in pdf.pages for f in page.Resources.Font.values()]
        assert fonts
        for font in fonts:
            descendant = font.DescendantFonts[0] if "/DescendantFonts" in font else font
            descriptor = descendant.FontDescriptor
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font.BaseFont


def test_self_check_catches_a_missing_identification(a2b: bytes) -> None:
    with pikepdf.open(io.BytesIO(a2b)) as pdf:
        del pdf.Root["/Lang"]
        del pdf.Root["/OutputIntents"]
        out = io.BytesIO()
        pdf.save(out)
    problems = structural_problems(out.getvalue(), "pdf/a-2b", "zh-CN")
    assert any("/Lang" in p for p in problems)
    assert any("OutputIntent" in p for p in problems)
    assert structural_problems(a2b, "pdf/a-3b", "zh-CN")  # the part says 2, not 3


def test_pdfa_3b_carries_the_reports_json(a3b: bytes, sample_report: govreport.Report) -> None:
    doc = govreport.to_document(sample_report)
    with pikepdf.open(io.BytesIO(a3b)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("3", "B")
        spec = pdf.attachments["report.json"]
        data = spec.get_file().read_bytes()
        assert data.decode("utf-8") == doc.data_json
        assert json.loads(data) == json.loads(sample_report.model_dump_json(by_alias=False, exclude_none=True))
        assert spec.obj.AFRelationship == "/Source"
        assert spec.obj.objgen in {af.objgen for af in pdf.Root.AF}
        assert spec.get_file().obj.Subtype == "/application#2Fjson" or "json" in str(spec.get_file().obj.Subtype)
    assert structural_problems(a3b, "pdf/a-3b", "zh-CN", "report.json") == []


def test_pdfa_2b_carries_no_attachment(a2b: bytes) -> None:
    with pikepdf.open(io.BytesIO(a2b)) as pdf:
        assert len(pdf.attachments) == 0


def test_pdf_ua_1_is_tagged(sample_report: govreport.Report) -> None:
    data = govreport.render(sample_report, "pdf", pdf_variant="pdf/ua-1")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert pdf.Root.MarkInfo.Marked
        assert pdf.open_metadata()["pdfuaid:part"] == "1"
    assert structural_problems(data, "pdf/ua-1", "zh-CN") == []


def test_unknown_or_unsuitable_variant_is_refused(sample_report: govreport.Report) -> None:
    with pytest.raises(InputError, match="pdf/a-1b"):
        govreport.render(sample_report, "pdf", pdf_variant="pdf/a-1b")  # cannot embed CFF CJK fonts


# --- reproducibility -----------------------------------------------------------------------------------

_RENDER = ("import sys, govreport; "
           "sys.stdout.buffer.write(govreport.render(govreport.load(sys.argv[1]), 'pdf', pdf_variant=sys.argv[2]))")


def _render_in_new_process(variant: str) -> bytes:
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "random"}
    return subprocess.run([sys.executable, "-c", _RENDER, str(SAMPLE), variant], capture_output=True,
                          check=True, env=env, timeout=120).stdout


def test_identical_input_gives_identical_bytes(a2b: bytes, a3b: bytes, sample_report: govreport.Report) -> None:
    assert govreport.render(sample_report, "pdf") == a2b
    assert govreport.render(sample_report, "pdf", pdf_variant="pdf/a-3b") == a3b
    other = [_render_in_new_process(v) for v in ("pdf/a-2b", "pdf/a-3b")]
    assert hashlib.sha256(other[0]).hexdigest() == hashlib.sha256(a2b).hexdigest()
    assert hashlib.sha256(other[1]).hexdigest() == hashlib.sha256(a3b).hexdigest()


def test_different_input_gives_a_different_identifier(a2b: bytes) -> None:
    changed = govreport.render(_report(_first_paragraph("另外，")), "pdf")
    with pikepdf.open(io.BytesIO(a2b)) as one, pikepdf.open(io.BytesIO(changed)) as two:
        assert bytes(one.trailer.ID[0]) != bytes(two.trailer.ID[0])


# --- missing glyphs ------------------------------------------------------------------------------------


def test_character_no_font_has_is_refused_with_its_place() -> None:
    report = _report(_first_paragraph(f"{RARE}字"))
    with pytest.raises(EnvironmentProblem) as info:
        govreport.render(report, "pdf")
    message = info.value.message
    assert RARE in message
    assert "U+2A6A5" in message
    assert "“一、概述”下第 1 段" in message
    assert info.value.exit_code == 3


def test_cli_exits_3_naming_the_character(tmp_path: Path) -> None:
    from govreport.cli import app

    data = yaml.safe_load(SAMPLE.read_text("utf-8"))
    data["sections"][1]["heading"] = f"政务信息公开的组织领导{RARE}"
    source = tmp_path / "rare.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    result = CliRunner().invoke(app, ["render", str(source), "-f", "pdf", "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    assert RARE in result.output
    assert "小标题“二、政务信息公开的组织领导" in result.output
    assert not (tmp_path / "out" / "rare.pdf").exists()


# --- fonts: substitutions, user folders, HarfBuzz ------------------------------------------------------


def test_substitutions_are_reported(sample_report: govreport.Report) -> None:
    seen: list[FontSet] = []
    renderer = pdf_renderer.PdfRenderer()
    renderer.render(govreport.to_document(sample_report), load_profile(), on_fonts=seen.append)
    assert len(seen) == 1
    assert "body: 仿宋_GB2312 → FandolFang（替代）" in [f"{f.role}: {f.describe()}" for f in seen[0].substitutions()]
    assert not hasattr(renderer, "last_fonts")  # a shared renderer keeps nothing of one render


def test_licensed_font_in_a_user_folder_is_embedded(tmp_path: Path, sample_report: govreport.Report) -> None:
    from test_fonts import _renamed_subset

    doc = govreport.to_document(sample_report)
    body_text = "".join(b.text for b in doc.blocks if isinstance(b, d.Paragraph))
    source = pdf_renderer._fontset(load_profile(), ()).roles["body"].path
    _renamed_subset(source, tmp_path / "fs.otf", "仿宋_GB2312", "FangSong_GB2312", body_text)
    renderer = pdf_renderer.PdfRenderer()
    seen: list[FontSet] = []
    data = renderer.render(doc, load_profile(), font_dirs=[tmp_path], on_fonts=seen.append)
    assert not any(f.role == "body" for f in seen[0].substitutions())
    with pikepdf.open(io.BytesIO(data)) as pdf:
        names = {str(f.BaseFont).split("+", 1)[-1] for page in pdf.pages for f in page.Resources.Font.values()}
    assert "FangSong_GB2312-GR" in names


def test_missing_harfbuzz_subset_is_warned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pdf_renderer, "harfbuzz_subset_available", lambda: False)
    pdf_renderer._warn_harfbuzz.cache_clear()
    try:
        with pytest.warns(RuntimeWarning, match="libharfbuzz-subset0"):
            pdf_renderer._warn_harfbuzz()
    finally:
        pdf_renderer._warn_harfbuzz.cache_clear()


# --- the locked fetcher --------------------------------------------------------------------------------


def test_fetcher_serves_only_its_urls(tmp_path: Path) -> None:
    font = tmp_path / "f.otf"
    font.write_bytes(b"OTTO")
    fetcher = LockedFetcher({font.as_uri(): (font.read_bytes, "font/otf")})
    assert fetcher(font.as_uri()).read() == b"OTTO"
    for url in ("file:///etc/passwd", font.as_uri() + "?x", font.as_uri().replace("f.otf", "../f.otf"),
                "http://127.0.0.1/", "https://example.com/x.css", "data:text/css,body{}", "ftp://x/y",
                (tmp_path / "other.otf").as_uri()):
        with pytest.raises(RefusedResource):
            fetcher(url)
    assert len(fetcher.refused) == 8
    assert fetcher.handlers == []  # no file, http or redirect handler to fall back on


def test_report_text_with_markup_is_printed_literally(monkeypatch: pytest.MonkeyPatch) -> None:
    fetched: list[str] = []
    original = LockedFetcher.fetch

    def spy(self: LockedFetcher, url: str, headers: Any = None) -> Any:
        fetched.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(LockedFetcher, "fetch", spy)
    pdf_renderer._stylesheet.cache_clear()  # make the fonts go through the (spied) fetcher again
    pdf_renderer._font_config.cache_clear()
    evil = '<img src="file:///etc/passwd"><link rel="stylesheet" href="file:///etc/passwd">'
    data = govreport.render(_report(_first_paragraph(evil)), "pdf")
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = squash("".join(page.extract_text() or "" for page in pdf.pages))
    assert squash(evil) in text
    assert b"root:x:0:0" not in data
    assert fetched
    assert all(url.startswith("file://") and "/etc/" not in url and "font" in url.lower() for url in fetched)


def test_markup_that_reaches_weasyprint_cannot_read_files() -> None:
    """If HTML or CSS ever asked for a file, the fetcher the renderer uses would refuse it."""
    from weasyprint import CSS, HTML

    renderer_fetcher = pdf_renderer._fetcher(())
    html = ('<html><head><link rel="stylesheet" href="file:///etc/passwd"></head><body>'
            '<img src="file:///etc/passwd"><p style="background: url(file:///etc/hostname)">正文</p>'
            '<object data="http://127.0.0.1:9/x"></object></body></html>')
    css = CSS(string='@import url("file:///etc/passwd"); @font-face { font-family: x; src: url(file:///etc/shadow) }',
              url_fetcher=renderer_fetcher, font_config=pdf_renderer._font_config())
    data = HTML(string=html, url_fetcher=renderer_fetcher, base_url=None).write_pdf(
        stylesheets=[css], font_config=pdf_renderer._font_config())
    assert data is not None
    assert b"root:x:0:0" not in data
    refused = set(renderer_fetcher.refused)
    assert {"file:///etc/passwd", "file:///etc/hostname", "file:///etc/shadow"} <= refused


# --- one engine state per process ----------------------------------------------------------------------


def test_font_configuration_and_stylesheet_are_reused(sample_report: govreport.Report) -> None:
    doc = govreport.to_document(sample_report)
    renderer = pdf_renderer.PdfRenderer()
    renderer.render(doc, load_profile())
    config = pdf_renderer._font_config()
    before = pdf_renderer._stylesheet.cache_info()
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # e.g. the HarfBuzz warning twice
        renderer.render(doc, load_profile())
    after = pdf_renderer._stylesheet.cache_info()
    assert pdf_renderer._font_config() is config
    assert after.hits == before.hits + 1
    assert after.misses == before.misses


def test_a_face_cut_from_a_collection_is_that_face(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    from govreport.renderers.pdf.faces import face_bytes

    title = pdf_renderer._fontset(load_profile(), ()).roles["title"]
    assert title.path.suffix == ".ttc"
    cut = TTFont(io.BytesIO(face_bytes(title.path, title.index)))
    whole = TTFont(str(title.path), fontNumber=title.index, lazy=True)
    assert cut["name"].getDebugName(1) == "Noto Serif CJK SC"
    assert cut.getBestCmap() == whole.getBestCmap()
    assert cut["head"].modified == whole["head"].modified  # no date of today inside
