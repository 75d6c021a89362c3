"""Output: atomic writes, no partial files after a failure, safe names, file modes."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, ClassVar

import pytest
from typer.testing import CliRunner

import govreport
import govreport.output as gio
from conftest import SAMPLE
from govreport.cli import app
from govreport.output import atomic_writer, safe_filename, write_atomic, write_many
from govreport.renderers import base

runner = CliRunner()


# -- names ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stem", "expected"),
    [
        ("张店区2016年报告", "张店区2016年报告"),
        ("../../etc/passwd", "etc_passwd"),
        ("..", "report"),
        ("", "report"),
        ("...", "report"),
        (".hidden", "hidden"),
        ("-rf", "rf"),
        ("CON", "_CON"),
        ("con.txt", "_con.txt"),
        ("LPT1", "_LPT1"),
        ("COM9 ", "_COM9"),
        ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"),
        ("报告\u202egpj.exe", "报告_gpj.exe"),
        ("第一行\n第二行\t\x00", "第一行_第二行"),
        ("零宽\u200b字符", "零宽_字符"),
    ],
)
def test_safe_filename(stem: str, expected: str) -> None:
    assert safe_filename(stem) == expected


@pytest.mark.parametrize("stem", ["长" * 300, "a" * 1000, "𠀾" * 100, "x" * 149 + "长"])
def test_safe_filename_is_bounded_in_bytes(stem: str, tmp_path: Path) -> None:
    name = safe_filename(stem)
    assert 0 < len(name.encode("utf-8")) <= gio.MAX_STEM_BYTES
    # the longest output name (extension and temporary-file affixes included) can be created
    write_atomic(tmp_path / f"{name}.docx", b"x")
    assert (tmp_path / f"{name}.docx").read_bytes() == b"x"


def test_names_from_report_content_stay_in_the_target(tmp_path: Path, sample_report: govreport.Report) -> None:
    hostile = sample_report.model_copy(update={"title": "../../逃逸/CON"})
    target = tmp_path / "out"
    paths = govreport.render_to(hostile, target, ["html"])
    assert len(paths) == 1
    assert paths[0].parent == target
    assert paths[0].name == "逃逸_CON.html"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# -- atomic writes ----------------------------------------------------------------------------------


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_failure_after_bytes_were_written_leaves_old_file(tmp_path: Path) -> None:
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")

    def half_write() -> None:
        with atomic_writer(target) as fh:
            fh.write(b"new, but only half of it")
            raise RuntimeError("renderer died")

    with pytest.raises(RuntimeError):
        half_write()
    assert target.read_bytes() == b"old"
    assert _listing(tmp_path) == ["报告.docx"]


@pytest.mark.parametrize("where", ["fsync", "chmod", "replace"])
def test_failure_inside_atomic_writer_leaves_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      where: str) -> None:
    target = tmp_path / "报告.pdf"
    target.write_bytes(b"old")

    def boom(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(28, "No space left on device")

    if where == "fsync":
        monkeypatch.setattr(gio.os, "fsync", boom)
    else:
        monkeypatch.setattr(Path, where, boom)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, b"new" * 1000)
    monkeypatch.undo()
    assert target.read_bytes() == b"old"
    assert _listing(tmp_path) == ["报告.pdf"]


def test_interrupt_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "a.html"

    def interrupted() -> None:
        with atomic_writer(target) as fh:
            fh.write(b"<html>")
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        interrupted()
    assert _listing(tmp_path) == []


def test_write_many_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    old = {name: f"old {name}".encode() for name in ("a.docx", "a.pdf")}
    for name, data in old.items():
        (tmp_path / name).write_bytes(data)
    calls = {"n": 0}
    real_fsync = os.fsync

    def fsync_fails_second(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(gio.os, "fsync", fsync_fails_second)
    with pytest.raises(OSError, match="No space"):
        write_many([(tmp_path / "a.docx", b"new docx"), (tmp_path / "a.pdf", b"new pdf"),
                    (tmp_path / "a.html", b"new html")])
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == old


def test_new_files_get_normal_permissions_and_existing_modes_are_kept(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "new.html", b"x")
        assert stat.S_IMODE((tmp_path / "new.html").stat().st_mode) == 0o644
        kept = tmp_path / "kept.html"
        kept.write_bytes(b"old")
        kept.chmod(0o600)
        write_atomic(kept, b"new")
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    finally:
        os.umask(mask)


# -- a renderer that fails midway ---------------------------------------------------------------------


class HalfRenderer:
    """Produces part of its output, then fails (a plug-in with a bug, a library that crashes)."""

    name: ClassVar[str] = "half"
    extension: ClassVar[str] = "html"  # same name as the html output: the old file must survive
    media_type: ClassVar[str] = "text/html"
    produced: ClassVar[list[bytes]] = []

    def render(self, document: Any, profile: Any, **options: Any) -> bytes:
        self.produced.append(b"<html><body>half")
        raise RuntimeError("renderer crashed halfway")


@pytest.fixture
def half_renderer() -> Any:
    base.register("half", HalfRenderer())
    yield
    base._instances.pop("half", None)


@pytest.mark.usefixtures("half_renderer")
def test_failing_renderer_leaves_no_file_and_older_files_intact(tmp_path: Path,
                                                                sample_report: govreport.Report) -> None:
    (tmp_path / "keyuan.html").write_bytes(b"old html")
    (tmp_path / "keyuan.docx").write_bytes(b"old docx")
    with pytest.raises(RuntimeError, match="halfway"):
        govreport.render_to(sample_report, tmp_path, ["docx", "half"], stem="keyuan")
    assert HalfRenderer.produced
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == {"keyuan.html": b"old html",
                                                                    "keyuan.docx": b"old docx"}


@pytest.mark.usefixtures("half_renderer")
def test_failing_renderer_through_the_cli(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keyuan-2016.html").write_bytes(b"old html")
    result = runner.invoke(app, ["render", str(SAMPLE), "-f", "docx,half", "-o", str(out)])
    assert result.exit_code == 3
    assert "halfway" in result.stderr
    assert "Traceback" not in result.output
    assert _listing(out) == ["keyuan-2016.html"]
    assert (out / "keyuan-2016.html").read_bytes() == b"old html"


def test_unwritable_output_is_exit_3_with_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(tmp_path / "out"))

    monkeypatch.setattr(gio, "_stage", denied)
    result = runner.invoke(app, ["render", str(SAMPLE), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 3
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1
    assert "没有权限" in lines[0]  # in the message language, not the C library's English
    assert "Permission denied" not in lines[0]
    with pytest.raises(PermissionError):
        govreport.render_to(govreport.load(SAMPLE), tmp_path / "out2", ["html"])


def test_output_that_is_a_file_is_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_bytes(b"not a folder")
    result = runner.invoke(app, ["render", str(SAMPLE), "-f", "html", "-o", str(blocker)])
    assert result.exit_code == 2
    assert "不是目录" in result.stderr
    assert blocker.read_bytes() == b"not a folder"
