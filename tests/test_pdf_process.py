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

    proc = _run("""
        import sys
        from govreport import _entry, _pdf_process as P
        claim = P.claim
        def claimed(*args):
            process = claim(*args)
            print("claimed" if process else "not claimed", file=sys.stderr)
            return process
        P.claim = claimed
        sys.argv = ["govreport", "render", sys.argv[1], "-f", "docx,pdf", "-o", sys.argv[2]]
        _entry.main()
    """, str(SAMPLE), str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    assert "not claimed" not in proc.stderr
    assert "claimed" in proc.stderr  # the CLI used the engine process
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


def test_ctrl_c_while_the_child_renders_stops_it(tmp_path: Path) -> None:
    env = dict(os.environ, TMPDIR=str(tmp_path))
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
    """, str(SAMPLE), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "child stopped"
    assert list(tmp_path.iterdir()) == []  # the killed child's copies of the fonts are gone too


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


def test_a_document_that_cannot_be_sent_is_rendered_in_process() -> None:
    proc = _run("""
        import sys
        from govreport import _pdf_process as P
        P.start_early(["render", sys.argv[1]])
        process = P.claim("gbt9704", {})
        assert process.submit(lambda: None, "gbt9704", {}) is None  # a lambda does not pickle
        process.close()
        print("ok")
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr


def test_a_failing_format_stops_the_child_at_once(tmp_path: Path) -> None:
    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = _run("""
        import os, sys, time
        import govreport
        from govreport import _pdf_process as P
        from govreport.batch import _Job, _render_formats
        P._render = lambda *args: time.sleep(3600)  # (forked with it) a child that would never finish
        P.start_early(["render", sys.argv[1]])
        child = P._started.pid
        from govreport.renderers.docx import DocxRenderer
        def render(self, document, profile, **options):
            raise govreport.RenderError("docx failed")
        DocxRenderer.render = render
        job = _Job(0, sys.argv[1], "x", ("docx", "pdf"), "gbt9704", True, {})
        try:
            _render_formats(govreport.load(sys.argv[1]), job)
        except govreport.RenderError as exc:
            print(exc.message)
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            print("child stopped")
    """, str(SAMPLE), env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["docx", "failed", "child", "stopped"]
    assert list(tmp_path.iterdir()) == []


def test_the_child_ends_when_the_parent_is_killed(tmp_path: Path) -> None:
    import time

    env = dict(os.environ, TMPDIR=str(tmp_path))
    proc = _run("""
        import os, signal, sys, time
        import govreport
        from govreport import _pdf_process as P
        P._render = lambda *args: time.sleep(3600)  # (forked with it) a child that would never finish
        P.start_early(["render", sys.argv[1]])
        process = P.claim("gbt9704", {})
        process.submit(govreport.to_document(govreport.load(sys.argv[1])), "gbt9704", {})
        time.sleep(1.0)  # the child has the job
        print(process.pid, flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
    """, str(SAMPLE), env=env)
    child = Path(f"/proc/{proc.stdout.split()[0]}")
    deadline = time.monotonic() + 60
    while child.exists() and "Z" not in (child / "stat").read_text().split()[2] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not child.exists() or "Z" in (child / "stat").read_text().split()[2]
    deadline = time.monotonic() + 30
    while any(tmp_path.iterdir()) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.iterdir()) == []  # it cleaned up on its way out


def test_closed_standard_streams_do_not_turn_the_engine_off(tmp_path: Path) -> None:
    script = tmp_path / "s.py"
    script.write_text(textwrap.dedent("""
        import sys
        import govreport
        from govreport import _pdf_process as P
        P.start_early(["render", sys.argv[1]])
        report = govreport.load(sys.argv[1])
        data = P.claim("gbt9704", {}).submit(govreport.to_document(report), "gbt9704", {}).result()
        open(sys.argv[2], "w").write("ok" if data == govreport.render(report, "pdf") else "differ")
    """), "utf-8")
    marker = tmp_path / "result"
    proc = subprocess.run(["sh", "-c", f'exec "{sys.executable}" "{script}" "{SAMPLE}" "{marker}" <&-'],
                          capture_output=True, text=True, check=False, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert marker.read_text() == "ok"


def test_warnings_and_log_records_of_the_child_reach_the_parent() -> None:
    proc = _run("""
        import logging, sys, warnings
        import govreport
        from govreport import _pdf_process as P
        from govreport.renderers.pdf import PdfRenderer
        render = PdfRenderer.render
        def noisy(self, *args, **kwargs):
            warnings.warn("planted warning", RuntimeWarning)
            logging.getLogger("weasyprint").warning("planted log record")
            return render(self, *args, **kwargs)
        PdfRenderer.render = noisy  # (forked with it)
        P.start_early(["render", sys.argv[1]])
        pending = P.claim("gbt9704", {}).submit(govreport.to_document(govreport.load(sys.argv[1])), "gbt9704", {})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            pending.result()
        print([(str(w.message), w.category.__name__) for w in caught])
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert "('planted warning', 'RuntimeWarning')" in proc.stdout
    assert "planted log record" in proc.stderr  # logged in the parent, as an in-process render would


def test_an_unexpected_exception_is_raised_again_as_in_process() -> None:
    proc = _run("""
        import sys
        import govreport
        from govreport import _pdf_process as P
        from govreport.renderers.pdf import PdfRenderer
        def broken(self, *args, **kwargs):
            raise LookupError("planted")
        PdfRenderer.render = broken  # (forked with it)
        P.start_early(["render", sys.argv[1]])
        pending = P.claim("gbt9704", {}).submit(govreport.to_document(govreport.load(sys.argv[1])), "gbt9704", {})
        try:
            pending.result()
        except LookupError as exc:
            print("LookupError", exc)
    """, str(SAMPLE))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "LookupError planted"
