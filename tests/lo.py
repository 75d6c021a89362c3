"""Test helper: convert a DOCX to PDF with LibreOffice, using a given fontconfig file.

The library does not ship LibreOffice conversion; tests use it to measure our DOCX. Each call gets its own
LibreOffice profile directory so parallel runs (pytest-xdist) do not collide.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE_NAMES = ("soffice", "libreoffice")


class LibreOfficeMissing(RuntimeError):
    pass


def soffice() -> str:
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise LibreOfficeMissing(
        "找不到 LibreOffice（soffice）：请运行 scripts/setup.sh 或安装 libreoffice-writer-nogui。"
        " (soffice not found; run scripts/setup.sh or apt-get install libreoffice-writer-nogui)"
    )


def libreoffice_to_pdf(docx_path: Path, out_dir: Path, fontconfig_path: Path | None = None,
                       timeout: float = 180) -> Path:
    """Convert ``docx_path`` to ``out_dir/<stem>.pdf`` and return that path."""
    exe = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    if fontconfig_path is not None:
        env["FONTCONFIG_FILE"] = str(fontconfig_path)
    with tempfile.TemporaryDirectory(prefix="govreport-lo-") as profile:
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(out_dir), str(docx_path)]
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    pdf = out_dir / (docx_path.stem + ".pdf")
    if result.returncode != 0 or not pdf.exists():
        raise RuntimeError(
            f"LibreOffice failed to convert {docx_path.name} (exit {result.returncode}):\n"
            f"{result.stdout}\n{result.stderr}"
        )
    return pdf


#: LibreOffice's setting "recalculation on file load" for Excel 2007 and newer (0 = always): by default
#: it shows the values stored in the file, which would not test that it computes the same totals.
_RECALC_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
</oor:items>
"""
#: The CSV filter: UTF-8 (76), comma-separated, every sheet to its own file (the last token, LO ≥ 7.2).
_CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def libreoffice_to_csv(paths: list[Path], out_dir: Path, timeout: float = 300) -> None:
    """Convert workbooks with LibreOffice Calc, recalculating every formula on load, to
    ``out_dir/<stem>-<sheet>.csv`` (one file per sheet). Raises when LibreOffice fails or writes nothing."""
    exe = soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="govreport-lo-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        (user / "registrymodifications.xcu").write_text(_RECALC_XCU, encoding="utf-8")
        cmd = [exe, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
               "--convert-to", _CSV_FILTER, "--outdir", str(out_dir), *map(str, paths)]
        result = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    missing = [p.name for p in paths if not list(out_dir.glob(f"{p.stem}-*.csv"))]
    if result.returncode != 0 or missing:
        raise RuntimeError(f"LibreOffice failed to convert {missing} (exit {result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")
