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
