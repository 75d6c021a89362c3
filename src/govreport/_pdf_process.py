"""The CLI's PDF engine in a second process, started before the report is even read.

``govreport render report.yaml`` spends most of its time on the PDF: importing WeasyPrint (≈ 0.3 s),
loading the fonts into it (≈ 0.1 s), then laying out and writing. None of that depends on the report
until the layout, so on a machine with two or more cores the command's entry point forks a child that
does it at once (:func:`start_early`), while the parent process imports the CLI and the model, reads
and checks the report and renders the DOCX. The parent then hands the composed document to the
child (:func:`claim`, :meth:`PdfProcess.submit`) and receives the PDF's bytes; files are written by the
parent, atomically, as always. The bytes are those an in-process render gives (same code, same fonts).

Only the CLI starts it, only for ``render`` with exactly one report file and ``pdf`` among the formats,
only on Linux (``fork`` without ``exec`` is only safe there for these libraries) and only with at least
two usable cores; ``GOVREPORT_PDF_PROCESS=0`` turns it off. The command line is only *sniffed* here,
to start early; whether the child is used is decided from the options Typer parsed: when they differ
(another profile or font folders, several reports, errors in the report), the child is told to stop
and the PDF is rendered in-process. A child that dies is replaced by an in-process render as well.
The child ignores Ctrl-C (the parent kills it then); it exits when its pipe closes, and when the parent
dies (``PR_SET_PDEATHSIG``). Its temporary files live in a folder of its own, removed by whichever of
the two ends last. WARNING log records and warnings of the child's render are logged and warned again
in the parent; an exception is raised again in the parent as it would have been in-process.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import signal
import struct
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_HEADER = struct.Struct("<Q")
#: ``render`` options that take a value (``--name value``, ``--name=value``; short ones also ``-fpdf``).
_WITH_VALUE = {"-f", "--formats", "-o", "--output", "--profile", "-j", "--jobs", "--font-dir", "--pdf-variant",
               "--max-size"}
#: The options a claimed child can render with (the CLI's); anything else renders in-process.
_OPTIONS = {"font_dirs", "pdf_variant"}


@dataclass(frozen=True)
class Plan:
    """What the command line says the PDF will need: the profile and the font folders."""

    profile: str = "gbt9704"
    font_dirs: tuple[str, ...] = ()


def sniff(argv: Sequence[str]) -> Plan | None:
    """The plan of ``govreport [global options] render FILE [options]`` rendering one file to PDF, or None
    for anything else (another command, ``--help``, ``--debug``, several inputs, a folder, no PDF)."""
    args = list(argv)
    i = 0
    while i < len(args) and args[i].startswith("-"):  # global options
        if args[i] in ("--help", "--version", "--debug"):
            return None
        i += 2 if args[i] == "--lang" else 1
    if i >= len(args) or args[i] != "render":
        return None
    formats, profile, font_dirs, inputs = "docx,pdf", "gbt9704", [], []
    rest = args[i + 1:]
    j = 0
    while j < len(rest):
        arg = rest[j]
        if arg == "--":
            inputs.extend(rest[j + 1:])
            break
        if not arg.startswith("-") or arg == "-":
            inputs.append(arg)
            j += 1
            continue
        if arg == "--help":
            return None
        if arg.startswith("--") and "=" in arg:
            name, value, j = *arg.split("=", 1), j + 1
        elif arg in _WITH_VALUE:
            if j + 1 >= len(rest):
                return None
            name, value, j = arg, rest[j + 1], j + 2
        elif arg[:2] in _WITH_VALUE and not arg.startswith("--"):
            name, value, j = arg[:2], arg[2:], j + 1
        else:  # a flag (--force)
            j += 1
            continue
        if name in ("-f", "--formats"):
            formats = value
        elif name == "--profile":
            profile = value
        elif name == "--font-dir":
            font_dirs.append(value)
    if len(inputs) != 1 or not Path(inputs[0]).is_file():
        return None
    if "pdf" not in {f.strip().lower() for f in formats.split(",")}:
        return None
    return Plan(profile, tuple(font_dirs))


def _usable() -> bool:
    if os.environ.get("GOVREPORT_PDF_PROCESS", "1").strip() in ("0", "no", "false", "off"):
        return False
    if not sys.platform.startswith("linux") or threading.active_count() != 1:
        return False
    try:
        return len(os.sched_getaffinity(0)) >= 2
    except (AttributeError, OSError):  # pragma: no cover - Linux has it
        return (os.cpu_count() or 1) >= 2


# --- framing: a length, then a pickle ------------------------------------------------------------------


def _write(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _read(fd: int, size: int) -> bytes | None:
    chunks: list[bytes] = []
    while size:
        chunk = os.read(fd, min(size, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _send(fd: int, obj: object) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    _write(fd, _HEADER.pack(len(data)) + data)


def _receive(fd: int) -> Any:
    """The next message, or None at end of file (the other side is gone)."""
    header = _read(fd, _HEADER.size)
    if header is None:
        return None
    data = _read(fd, _HEADER.unpack(header)[0])
    return None if data is None else pickle.loads(data)


# --- the child ----------------------------------------------------------------------------------------


class _Records:
    """WARNING and worse log records of the child (WeasyPrint's included), sent back to be logged in the
    parent, where an in-process render would have logged them."""

    def __init__(self) -> None:
        import logging

        class Handler(logging.Handler):
            def emit(inner, record: logging.LogRecord) -> None:
                self.records.append((record.name, record.levelno, record.getMessage()))

        self.records: list[tuple[str, int, str]] = []
        logging.getLogger().addHandler(Handler(logging.WARNING))


def _exit_with(parent: int) -> None:
    """Have the kernel send SIGTERM when the parent dies (it might be killed while the child renders);
    SIGTERM ends the child through its clean-up."""
    signal.signal(signal.SIGTERM, lambda _signum, _frame: sys.exit(0))
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # pragma: no cover - Linux has prctl
        pass
    if os.getppid() != parent:  # it died before the request took effect
        sys.exit(0)


def _child(jobs: int, results: int, plan: Plan, folder: str, parent: int) -> None:
    """Prepare the engine, render the one document the parent sends, send back the bytes or the error.
    Temporary files (WeasyPrint's copies of the fonts) go in ``folder``, removed on the way out, and by
    the parent if the child is killed."""
    import shutil
    import tempfile

    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):  # never write to the parent's terminal, nor keep its output pipes open
        os.dup2(devnull, fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        _exit_with(parent)
        tempfile.tempdir = folder
        records = _Records()
        from govreport.renderers.pdf import PdfRenderer, release_engine
        from govreport.style.profile import load_profile

        try:
            with contextlib.suppress(Exception):
                PdfRenderer().prepare(load_profile(plan.profile), font_dirs=list(plan.font_dirs),
                                      self_check=False)
            job = _receive(jobs)
            if job is None:
                return
            document, profile, options, locale = job
            _send(results, (*_render(document, profile, options, locale), records.records))
        finally:
            release_engine()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _render(document: Any, profile: str, options: dict[str, Any], locale: str) -> tuple[Any, ...]:
    import warnings

    from govreport.errors import GovReportError, RenderError
    from govreport.i18n import _, set_locale
    from govreport.renderers.pdf import PdfRenderer
    from govreport.style.profile import load_profile

    set_locale(locale)
    with warnings.catch_warnings(record=True) as caught:  # recorded as the filters would show them
        try:
            data = PdfRenderer().render(document, load_profile(profile), **options)
        except GovReportError as exc:
            return ("error", exc)
        except Exception as exc:
            try:
                pickle.dumps(exc)
            except Exception:
                exc = RenderError(_("PDF 生成失败：{error}").format(error=f"{type(exc).__name__}: {exc}"))
            return ("error", exc)
    return ("ok", data, [(str(w.message), w.category.__name__) for w in caught])


# --- the parent ---------------------------------------------------------------------------------------


@dataclass
class PdfProcess:
    """The parent's handle on the child."""

    pid: int
    jobs: int
    results: int
    plan: Plan
    folder: str
    parent: int = field(default_factory=os.getpid)
    used: bool = False

    def submit(self, document: Any, profile: str, options: dict[str, Any]) -> Pending | None:
        """Send the document (from a thread: the child reads it only once prepared, and a large document
        does not fit in the pipe's buffer) and return at once; None when it cannot be sent (the caller
        renders in-process and closes this)."""
        from govreport.i18n import get_locale

        # The structural self-check runs here, on the bytes sent back: this process is idle meanwhile,
        # and importing pikepdf is then off the child's critical path.
        job = (document, profile, {**options, "self_check": False}, get_locale())
        try:
            data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return None
        self.used = True
        payload = _HEADER.pack(len(data)) + data

        def send() -> None:
            try:
                _write(self.jobs, payload)
            except OSError:
                pass  # the child is gone: the result says so
            finally:
                with contextlib.suppress(OSError):
                    os.close(self.jobs)

        sender = threading.Thread(target=send, name="govreport-pdf-job", daemon=True)
        sender.start()
        return Pending(self, sender, document, options)

    def close(self) -> None:
        """Tell an unused child to stop (end of file on its pipe; it cleans up after itself)."""
        if self.used:
            return
        self.used = True
        for fd in (self.jobs, self.results):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(OSError):
            os.waitpid(self.pid, os.WNOHANG)


@dataclass
class Pending:
    """A document being rendered by the child."""

    process: PdfProcess
    sender: threading.Thread
    document: Any
    options: dict[str, Any]
    done: bool = False

    def _finish(self, kill: bool) -> None:
        """Reap the child (killed first if asked) and remove its temporary files; once."""
        import shutil

        self.done = True
        if kill:
            with contextlib.suppress(OSError):
                os.kill(self.process.pid, signal.SIGKILL)
        self.sender.join()  # (its write ends: the job was read, or the child is dead)
        with contextlib.suppress(OSError):
            os.close(self.process.results)
        with contextlib.suppress(OSError):
            os.waitpid(self.process.pid, 0)
        shutil.rmtree(self.process.folder, ignore_errors=True)

    def cancel(self) -> None:
        """Stop the child now (another format failed, or Ctrl-C)."""
        if not self.done:
            self._finish(kill=True)

    def result(self) -> bytes | None:
        """The PDF's bytes (self-checked here); raises the render's error; None when the child died
        (render in-process)."""
        if self.done:
            raise RuntimeError("the PDF of this job was already collected")
        checking = self.options.get("self_check", True)
        if checking:
            with contextlib.suppress(ImportError):
                import pikepdf  # noqa: F401  (while the child renders)
        message = None
        try:
            message = _receive(self.process.results)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError):
            message = None
        finally:
            self._finish(kill=message is None)  # interrupted (Ctrl-C), or the child is gone
        if not message:
            return None
        *outcome, records = message
        _log(records)
        if outcome[0] == "error":
            raise outcome[1]
        _status, data, caught = outcome
        _warn(caught)
        if checking:
            from govreport.renderers.pdf import self_check

            self_check(bytes(data), self.document, **self.options)
        return bytes(data)


def _log(records: list[tuple[str, int, str]]) -> None:
    import logging

    for name, level, text in records:
        logging.getLogger(name).log(level, "%s", text)


def _warn(caught: list[tuple[str, str]]) -> None:
    import builtins
    import warnings

    for text, category in caught:
        kind = getattr(builtins, category, UserWarning)
        warnings.warn(text, kind if isinstance(kind, type) and issubclass(kind, Warning) else UserWarning,
                      stacklevel=3)


_started: PdfProcess | None = None


def start_early(argv: Sequence[str]) -> None:
    """Fork the child when ``argv`` renders one report to PDF and the machine allows it (see above)."""
    plan = sniff(argv)
    if plan is not None and _usable():
        _spawn(plan)


def _above_stdio(fd: int) -> int:
    """``fd``, moved above 2 if it took the place of a closed standard stream (the child points 0–2 at
    /dev/null)."""
    if fd > 2:
        return fd
    import fcntl

    high = fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 3)
    os.close(fd)
    return high


def _spawn(plan: Plan) -> None:
    global _started
    import tempfile

    try:
        folder = tempfile.mkdtemp(prefix="govreport-pdf-")
        jobs_r, jobs_w = (_above_stdio(fd) for fd in os.pipe())
        results_r, results_w = (_above_stdio(fd) for fd in os.pipe())
    except OSError:
        return
    parent = os.getpid()
    try:
        pid = os.fork()
    except OSError:
        for fd in (jobs_r, jobs_w, results_r, results_w):
            os.close(fd)
        Path(folder).rmdir()
        return
    if pid == 0:  # the child never returns into the command
        try:
            os.close(jobs_w)
            os.close(results_r)
            _child(jobs_r, results_w, plan, folder, parent)
        finally:
            os._exit(0)
    os.close(jobs_r)
    os.close(results_w)
    _started = PdfProcess(pid, jobs_w, results_r, plan, folder, parent)


def claim(profile: str, options: dict[str, Any]) -> PdfProcess | None:
    """The child started for this process, if it was prepared for ``profile`` and these options and is
    unused; it is then this caller's. Any other caller gets None (and renders in-process)."""
    global _started
    process = _started
    if process is None or process.used or process.parent != os.getpid():
        return None
    if set(options) - _OPTIONS or profile != process.plan.profile:
        return None
    wanted = [str(Path(p).expanduser().resolve()) for p in options.get("font_dirs") or ()]
    if wanted != [str(Path(p).expanduser().resolve()) for p in process.plan.font_dirs]:
        return None
    _started = None
    return process


def discard() -> None:
    """Stop the child if nobody claimed it (before a batch forks its pool, and at exit)."""
    global _started
    process, _started = _started, None
    if process is not None and process.parent == os.getpid():
        process.close()
