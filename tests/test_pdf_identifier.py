"""The PDF file identifier is added after writing (archival.add_identifier) without breaking the file."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

import govreport
from govreport.renderers.pdf.archival import add_identifier


@pytest.fixture(scope="module")
def pdf_bytes(sample_report: govreport.Report) -> bytes:
    return govreport.render(sample_report, "pdf")


def test_identifier_present_and_derived_from_the_file(pdf_bytes: bytes) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        first, second = (bytes(x) for x in pdf.trailer.ID)
    assert first == second
    assert len(first) == 16
    without = pdf_bytes.replace(b" /ID [<" + first.hex().encode() + b"> <" + first.hex().encode() + b">]", b"")
    assert len(without) < len(pdf_bytes)
    assert hashlib.md5(without, usedforsecurity=False).digest() == first


def test_offsets_stay_valid(pdf_bytes: bytes, tmp_path: Path) -> None:
    with pikepdf.open(io.BytesIO(pdf_bytes)) as pdf:
        assert len(pdf.pages) == 6
        assert pdf.check_pdf_syntax() == []
    qpdf = shutil.which("qpdf")
    assert qpdf, "qpdf not found: run scripts/setup.sh (or apt-get install qpdf)"
    path = tmp_path / "x.pdf"
    path.write_bytes(pdf_bytes)
    out = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stdout + out.stderr


def test_unexpected_shapes_are_left_to_pydyf() -> None:
    assert add_identifier(b"%PDF-1.7\nnot a pdf") is None
    classic = b"%PDF-1.4\n1 0 obj\n<< >>\nendobj\nxref\n0 1\ntrailer\n<< /Size 1 >>\nstartxref\n9\n%%EOF\n"
    assert add_identifier(classic) is None
