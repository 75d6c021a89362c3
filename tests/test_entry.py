"""The command's entry point: garbage collection paused for one report, resumed for a batch, and the
engine's temporary files removed explicitly (the last collection at exit is skipped)."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from conftest import SAMPLE
from govreport.cli import app


@pytest.fixture
def collector_paused() -> Iterator[None]:
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


@pytest.mark.parametrize("engine_process", ["0", "1"])
def test_cli_process_leaves_no_temporary_font_folder(tmp_path: Path, engine_process: str) -> None:
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = dict(os.environ, TMPDIR=str(tmp), GOVREPORT_PDF_PROCESS=engine_process)
    proc = subprocess.run([sys.executable, "-m", "govreport", "render", str(SAMPLE), "-f", "pdf", "-o",
                           str(tmp_path / "out")], capture_output=True, text=True, env=env, check=False)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "keyuan-2016.pdf").stat().st_size > 10_000
    assert list(tmp.iterdir()) == []  # WeasyPrint's weasyprint-* font folder is gone


def test_release_engine_removes_the_font_folder_and_rendering_still_works() -> None:
    from govreport.renderers import pdf

    report = govreport.load(SAMPLE)
    govreport.render(report, "pdf")
    folder = pdf._font_config()._folder
    assert folder is not None
    assert Path(folder).is_dir()
    pdf.release_engine()
    assert not Path(folder).exists()
    assert govreport.render(report, "pdf")[:5] == b"%PDF-"
    assert Path(pdf._font_config()._folder).is_dir()  # a new configuration, with a folder of its own


@pytest.mark.usefixtures("collector_paused")
def test_single_report_keeps_the_collector_paused(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["render", str(SAMPLE), "-f", "html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_paused")
def test_a_batch_resumes_the_collector(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(SAMPLE, inputs / name)
    result = CliRunner().invoke(app, ["render", str(inputs), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()


def test_the_command_runs_with_the_collector_paused() -> None:
    code = ("import gc, sys\n"
            "import govreport.cli\n"
            "govreport.cli.main = lambda: print('collecting' if gc.isenabled() else 'paused')\n"
            "from govreport import _entry\n"
            "_entry.main()\n"
            "print(gc.get_freeze_count() > 0)\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["paused", "True"]  # and frozen on the way out
