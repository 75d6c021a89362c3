"""The CLI's PDF engine in a second process (govreport._pdf_process): started from the command line
alone, used only when the parsed options agree, same bytes as an in-process render, errors and a dead
child handled. The forking runs in fresh single-threaded interpreters (pytest's workers have threads)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import SAMPLE
from govreport._pdf_process import Plan, sniff

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux") or len(os.sched_getaffinity(0)) < 2,
                                reason="the engine process runs on Linux with two or more cores")


@pytest.mark.parametrize(
    ("argv", "plan"),
    [
        (["render", str(SAMPLE)], Plan()),
        (["render", str(SAMPLE), "-f", "pdf"], Plan()),
        (["--lang", "en", "render", "-fdocx,pdf", str(SAMPLE), "-o", "out"], Plan()),
        (["render", str(SAMPLE), "--formats=html,PDF", "--force"], Plan()),
        (["render", str(SAMPLE), "--profile", "x", "--font-dir", "a", "--font-dir=b"], Plan("x", ("a", "b"))),
        (["render", "--", str(SAMPLE)], Plan()),
        (["render", str(SAMPLE), "-f", "docx"], None),  # no PDF
        (["render", str(SAMPLE), "-f", "docx,html"], None),
        (["render", str(SAMPLE), str(SAMPLE)], None),  # a batch
        (["render", str(SAMPLE.parent)], None),  # a folder
        (["render", "no-such-file.yaml"], None),
        (["render", str(SAMPLE), "--help"], None),
        (["--debug", "render", str(SAMPLE)], None),
        (["check", str(SAMPLE)], None),
        (["render", str(SAMPLE), "-f"], None),  # a value missing: Typer will say so
        ([], None),
    ],
)
def test_sniff(argv: list[str], plan: Plan | None) -> None:
    assert sniff(argv) == plan


def _run(code: str, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args], capture_output=True, text=True,
                          check=False, env=env, timeout=120)


def test_the_child_renders_the_same_bytes_as_this_process() -> None:
    proc = _run("""
        import sys
        from govreport import _pdf_process as P
        P.start_early(["render", sys.argv[1]])
        assert P._started is not None, "no child started"
        child = P._started.pid
        assert P.claim("other-profile", {}) is None  # prepared for another profile: not used
        process = P.claim("gbt9704", {"font_dirs": [], "pdf_variant": "pdf/a-2b"})
        assert process is not None and process.pid == child
        assert P.claim("gbt9704", {}) is None  # claimed once
        import govreport
        report = govreport.load(sys.argv[1])
        data = process.submit(govreport.to_document(report), "gbt9704",
                              {"font_dirs": [], "pdf_variant": "pdf/a-2b"}).result()
        assert data == govreport.render(report, "pdf"), "bytes differ"
        print("ok", child)
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("ok")


def test_errors_come_back_in_the_callers_language(tmp_path: Path) -> None:
    text = SAMPLE.read_text("utf-8").replace("科苑街道严格", "科苑街道𪚥严格", 1)  # U+2A6A5: no font has it
    report = tmp_path / "rare.yaml"
    report.write_text(text, "utf-8")
    proc = _run("""
        import sys
        import govreport
        from govreport import _pdf_process as P
        from govreport.i18n import set_locale
        P.start_early(["render", sys.argv[1]])
        set_locale("en")
        report = govreport.load(sys.argv[1])
        process = P.claim("gbt9704", {})
        try:
            process.submit(govreport.to_document(report), "gbt9704", {}).result()
        except govreport.EnvironmentProblem as exc:
            remote = exc.message
        try:
            govreport.render(report, "pdf")
        except govreport.EnvironmentProblem as exc:
            assert exc.message == remote, (exc.message, remote)
        print(remote)
    """, str(report))
    assert proc.returncode == 0, proc.stderr
    assert "U+2A6A5" in proc.stdout
    assert "font" in proc.stdout  # English


def test_a_dead_child_means_an_in_process_render(tmp_path: Path) -> None:
    proc = _run("""
        import os, signal, sys
        from govreport import _pdf_process as P
        from govreport.batch import _Job, _render_formats
        import govreport
        P.start_early(["render", sys.argv[1]])
        os.kill(P._started.pid, signal.SIGKILL)
        report = govreport.load(sys.argv[1])
        job = _Job(0, sys.argv[1], "x", ("docx", "pdf"), "gbt9704", True, {})
        files = _render_formats(report, job)
        assert list(files) == ["docx", "pdf"]
        assert files["pdf"] == govreport.render(report, "pdf")
        assert P._started is None  # claimed, found dead, not offered again
        print("ok")
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr


def test_an_unclaimed_child_stops_when_discarded() -> None:
    proc = _run("""
        import os, sys, time
        from govreport import _pdf_process as P
        P.start_early(["render", sys.argv[1]])
        pid = P._started.pid
        P.discard()
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                assert os.waitstatus_to_exitcode(status) == 0
                print("stopped")
                break
            time.sleep(0.05)
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "stopped"


def test_switched_off_by_the_environment() -> None:
    env = dict(os.environ, GOVREPORT_PDF_PROCESS="0")
    proc = _run("""
        import sys
        from govreport import _pdf_process as P
        P.start_early(["render", sys.argv[1]])
        print(P._started)
    """, str(SAMPLE), env=env)
    assert proc.stdout.strip() == "None"


def test_cli_writes_the_in_process_bytes_with_the_engine_process(tmp_path: Path) -> None:
    import govreport

    proc = subprocess.run([sys.executable, "-m", "govreport", "render", str(SAMPLE), "-f", "docx,pdf", "-o",
                           str(tmp_path)], capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "FandolFang" in proc.stderr  # the substitutions are still reported
    assert (tmp_path / "keyuan-2016.pdf").read_bytes() == govreport.render(govreport.load(SAMPLE), "pdf")
    assert (tmp_path / "keyuan-2016.docx").read_bytes() == govreport.render(govreport.load(SAMPLE), "docx")


def test_the_self_check_runs_in_the_parent_on_the_bytes_sent_back() -> None:
    proc = _run("""
        import sys
        import govreport
        from govreport import _pdf_process as P
        from govreport.renderers.pdf import archival
        P.start_early(["render", sys.argv[1]])
        archival.structural_problems = lambda *a, **k: ["planted problem"]  # in this process only
        report = govreport.load(sys.argv[1])
        pending = P.claim("gbt9704", {}).submit(govreport.to_document(report), "gbt9704", {})
        try:
            pending.result()
        except govreport.RenderError as exc:
            print(exc.message)
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert "planted problem" in proc.stdout


def test_ctrl_c_while_the_child_renders_stops_it() -> None:
    proc = _run("""
        import os, signal, sys, threading, time
        import govreport
        from govreport import _pdf_process as P
        P._render = lambda *args: time.sleep(3600)  # (forked with it) a child that would never finish
        P.start_early(["render", sys.argv[1]])
        report = govreport.load(sys.argv[1])
        process = P.claim("gbt9704", {})
        pending = process.submit(govreport.to_document(report), "gbt9704", {})
        threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start()
        try:
            pending.result()
        except KeyboardInterrupt:
            try:
                os.kill(process.pid, 0)
            except ProcessLookupError:
                print("child stopped")
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "child stopped"


def test_sniff_knows_every_render_option_that_takes_a_value() -> None:
    """A new option of ``render`` that takes a value must be known to the sniffing, or its value would
    be taken for a second input (and the engine process silently not started)."""
    import typer

    from govreport._pdf_process import _WITH_VALUE
    from govreport.cli import app

    def with_value(command: typer.core.TyperCommand | typer.core.TyperGroup) -> set[str]:
        return {name for p in command.params if p.param_type_name == "option" and not p.is_flag
                for name in (*p.opts, *p.secondary_opts)}

    group = typer.main.get_command(app)
    assert "--formats" in with_value(group.commands["render"])  # type: ignore[attr-defined]
    assert with_value(group.commands["render"]) == _WITH_VALUE  # type: ignore[attr-defined]
    assert with_value(group) == {"--lang"}  # the one global option the sniffing skips with its value
