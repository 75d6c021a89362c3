"""Rendering many reports: a process pool by default, or any ``concurrent.futures.Executor``.

Workers load, check and render; the calling process writes every file (atomically), so a Dask
cluster (``distributed.Client.get_executor()``) needs no shared file system. Output names are unique
within a batch, one failing report does not stop the others, and each report gets a result.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govreport.checks.finding import Finding
from govreport.errors import GovReportError, InputError, Problem, os_error_text
from govreport.i18n import _, get_locale
from govreport.model.report import Report
from govreport.readers import DEFAULT_MAX_BYTES
from govreport.text.chars import clip

#: One report of a batch: a file path, a :class:`Report`, or a mapping (the data of a report).
Source = Report | str | os.PathLike[str] | Mapping[str, Any]


@dataclass(frozen=True)
class BatchResult:
    """The outcome for one report of a batch: the files written, or the error and its exit code."""

    source: str
    paths: tuple[Path, ...] = ()
    error: str | None = None
    exit_code: int = 0
    #: What the checks found (empty when the report could not be read or ``check=False``).
    findings: tuple[Finding, ...] = ()
    #: Every problem of an input that could not be read (empty otherwise).
    problems: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.is_warning)

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.is_error)


@dataclass(frozen=True)
class _Job:
    index: int
    source: Report | str | dict[str, Any]
    label: str
    formats: tuple[str, ...]
    profile: str
    check: bool
    options: dict[str, Any] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    locale: str = "zh_CN"  # the caller's message language, set in the worker
    force: bool = False  # render despite errors (they stay in the findings)
    previous: Report | str | dict[str, Any] | None = None  # last year's report, for the cross-year checks


@dataclass(frozen=True)
class _Output:
    index: int
    label: str
    files: dict[str, bytes] | None
    error: str | None
    exit_code: int
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()


def _render_job(job: _Job) -> _Output:
    """Runs in a worker: load (if a path), check, render every format. Never raises."""
    from govreport.i18n import language

    with language(job.locale):
        return _render_job_here(job)


def _render_job_here(job: _Job) -> _Output:
    import govreport

    try:
        report = _load(job.source, job.max_bytes)
        last = _load(job.previous, job.max_bytes) if job.previous is not None else None
        findings = tuple(govreport.check(report, last)) if job.check else ()
        n_err = sum(1 for f in findings if f.is_error)
        if n_err and not job.force:
            message = _("报告有 {errors} 个错误，未输出（请运行 govreport check 查看）")
            return _Output(job.index, job.label, None, message.format(errors=n_err), 1, findings)
        return _Output(job.index, job.label, _render_formats(report, job), None, 0, findings)
    except InputError as exc:
        return _Output(job.index, job.label, None, exc.message, exc.exit_code, problems=exc.problems)
    except GovReportError as exc:
        return _Output(job.index, job.label, None, exc.message, exc.exit_code)
    except Exception as exc:  # one broken report must not stop the batch
        message = _("内部错误：{error}").format(error=f"{type(exc).__name__}: {exc}")
        return _Output(job.index, job.label, None, message, 3)


def _load(source: Report | str | dict[str, Any], max_bytes: int) -> Report:
    from govreport.readers import load

    if isinstance(source, Report):
        return source
    # a batch item given as a string is a path, always: a file named "{body: x, year: 2024} #.yaml" is read,
    # not parsed
    return load(Path(source) if isinstance(source, str) else source, max_bytes=max_bytes)


def _render_formats(report: Report, job: _Job) -> dict[str, bytes]:
    """Every format of one report, from one composed document."""
    import govreport
    from govreport.renderers.base import get_renderer, split_options
    from govreport.style.profile import load_profile

    document = govreport.to_document(report, job.profile)
    profile = load_profile(job.profile)
    renderers = [get_renderer(fmt) for fmt in job.formats]
    options = split_options(renderers, job.options)
    return {r.name: r.render(document, profile, **own) for r, own in zip(renderers, options, strict=True)}


#: The title a report's data gives when it has none (as :attr:`Report.display_title`): a file name here.
_DEFAULT_TITLE = "{body}{year}年政府信息公开工作年度报告"


def _stem_for(source: Source, index: int) -> str:
    """The output name of a report not named by the caller: the file's stem, the report's title, or
    the title a mapping's 发布机关 and 年度 give (``report-N`` without them)."""
    if isinstance(source, Report):
        return source.display_title
    if isinstance(source, Mapping):
        title, body, year = (source.get(k) or source.get(z) for k, z in
                             (("title", "标题"), ("body", "发布机关"), ("year", "年度")))
        if isinstance(title, str) and title.strip():
            return title
        if isinstance(body, str) and body.strip() and isinstance(year, int):
            return _DEFAULT_TITLE.format(body=body, year=year)
        return f"report-{index + 1}"
    return Path(source).stem


def _label_for(source: Source, index: int, name: str | None) -> str:
    if isinstance(source, Report):
        return source.display_title
    if isinstance(source, Mapping):
        return name or _("第 {n} 份报告").format(n=index + 1)
    return str(source)


def _plain(source: Source) -> Report | str | dict[str, Any]:
    if isinstance(source, Report):
        return source
    if isinstance(source, Mapping):
        return dict(source)
    return str(source)


def _unique(stem: str, used: set[str]) -> str:
    from govreport.output import safe_filename

    base = safe_filename(stem)
    name, n = base, 1
    while name.casefold() in used:
        n += 1
        name = f"{base}-{n}"
    used.add(name.casefold())
    return name


def _is_report_data(value: Mapping[Any, Any]) -> bool:
    """A mapping that is one report's data (it has 发布机关/body or 年度/year), not name → report."""
    return any(k in value for k in ("body", "发布机关", "year", "年度"))


def _previous_per_item(
    previous: Sequence[Source | None] | Mapping[str, Source] | None, names: list[str | None], n: int
) -> list[Source | None]:
    if previous is None:
        return [None] * n
    if isinstance(previous, Mapping) and not _is_report_data(previous):
        return [previous.get(name) if name else None for name in names]
    if isinstance(previous, (str, os.PathLike, Report, Mapping)):
        raise InputError(_("previous 应按报告逐项给出（列表，或按输出名称的映射）"))
    out = list(previous)
    if len(out) != n:
        raise InputError(_("previous 有 {given} 项，报告有 {items} 份，应一一对应").format(given=len(out), items=n))
    return out


def _own_worker(scratch: str | None) -> None:
    """A worker of our pool: its temporary files (WeasyPrint's font folder) go into the batch's
    ``scratch`` folder, which the parent removes whatever happens; SIGTERM ends it at once (the parent
    stops its workers when it is interrupted); on Linux it dies with its parent, so that no worker can
    run on as an orphan; and at a normal exit it removes its WeasyPrint folder itself."""
    import multiprocessing.util
    import signal
    import tempfile

    if scratch is not None:
        tempfile.tempdir = scratch  # this worker process only
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, 9)  # PR_SET_PDEATHSIG = 1, SIGKILL = 9
    except (OSError, AttributeError):
        pass

    def release() -> None:
        from govreport.renderers.pdf import release_engine

        release_engine()

    multiprocessing.util.Finalize(None, release, exitpriority=10)


def _warm_worker(formats: tuple[str, ...], profile: str, options: dict[str, Any] | None = None,
                 scratch: str | None = None) -> None:
    """Pool initializer: before its first report, each worker does what every render needs — a
    renderer's ``prepare`` (the PDF one imports WeasyPrint and loads the batch's fonts, ``font_dirs``
    included) or else a one-line document rendered once (imports, templates)."""
    _own_worker(scratch)
    from govreport import document as d
    from govreport.renderers.base import get_renderer, split_options
    from govreport.style.profile import load_profile

    tiny = d.Document(meta=d.Metadata(title="预热", author="govreport"), blocks=(d.Paragraph("预热。"),))
    try:
        renderers = [get_renderer(name) for name in formats]
        per_renderer = split_options(renderers, options or {})
    except Exception:
        return
    for renderer, own in zip(renderers, per_renderer, strict=True):
        try:
            prepare = getattr(renderer, "prepare", None)
            if callable(prepare):
                prepare(load_profile(profile), **own)
            else:
                renderer.render(tiny, load_profile(profile), **own)
        except Exception:
            continue
    # What is alive now (modules, engines, fonts, caches) lives as long as the worker: the collector need
    # not walk it again at every full collection (≈ 8 → 3.5 ms of collection a render).
    gc.freeze()


def default_executor(
    workers: int | None = None, formats: Sequence[str] = ("pdf",), profile: str = "gbt9704",
    options: dict[str, Any] | None = None, scratch: str | None = None,
) -> ProcessPoolExecutor:
    """A process pool of ``workers`` (CPU count by default).

    Workers are forked when this process runs no other thread (cheap, and no ``if __name__ ==
    "__main__"`` guard needed in the caller's script); otherwise they come from a fork server, which
    is safe with threads. Each worker prepares the ``formats`` with ``profile`` and the renderer
    ``options`` of the batch (PDF: its ``font_dirs``) before its first report, then freezes what is
    alive for the garbage collector. ``scratch`` is the folder for the workers' temporary files (the
    caller removes it).
    """
    import threading

    n = workers or os.cpu_count() or 1
    method = "fork" if threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods() \
        else "forkserver"
    ctx = multiprocessing.get_context(method)
    if method == "forkserver":
        ctx.set_forkserver_preload(["govreport", "govreport.renderers.pdf", "govreport.renderers.docx"])
    return ProcessPoolExecutor(
        max_workers=n, mp_context=ctx, initializer=_warm_worker,
        initargs=(tuple(formats), profile, options, scratch),
    )


def _stop_workers(pool: Executor) -> None:
    """Kill the worker processes of our own pool (their temporary files are in the batch's scratch
    folder, which the caller removes)."""
    processes = getattr(pool, "_processes", None) or {}
    for process in list(processes.values()):
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()


def render_many(
    reports: Iterable[Source] | Mapping[str, Source],
    formats: str | Sequence[str] = ("docx", "pdf"),
    out_dir: str | os.PathLike[str] = "out",
    *,
    workers: int | None = None,
    executor: Executor | None = None,
    profile: str = "gbt9704",
    check: bool = True,
    force: bool = False,
    on_result: Callable[[BatchResult], None] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    names: Sequence[str | None] | None = None,
    previous: Sequence[Source | None] | Mapping[str, Source] | None = None,
    **options: Any,
) -> list[BatchResult]:
    """Render many reports into ``out_dir``; returns one :class:`BatchResult` per report, in input order.

    ``reports`` are paths (loaded in the workers) or :class:`Report` objects. ``workers`` sizes the
    default process pool (CPU count when None; ``workers=1`` renders in this process). Pass
    ``executor`` to run elsewhere, e.g. ``distributed.Client(...).get_executor()``. With ``check`` a
    report with errors is not rendered (exit code 1 in its result) unless ``force`` (then it is, and
    its errors stay in the result's ``findings``); ``check=False`` skips the checks. ``on_result`` is called as each
    report finishes (progress bars). ``max_bytes`` bounds the size of each input file.

    ``reports`` may also be a mapping from output name to report (``{"交通局2024": "a.yaml"}``), and
    an item a mapping (the data of a report, as :func:`govreport.load` takes it). ``names`` names the
    outputs of the items in order (``None`` for the default: the file's stem or the report's title);
    ``previous`` gives last year's report of each item (in order, ``None`` where there is none, or a
    mapping by output name), for the cross-year checks.
    """
    from govreport import _as_list
    from govreport.output import write_many
    from govreport.renderers.base import get_renderer, options_of, parse_options, split_options

    fmts = tuple(_as_list(formats))
    renderers = [get_renderer(fmt) for fmt in fmts]  # unknown formats and options fail up front
    for renderer, given in zip(renderers, split_options(renderers, options), strict=True):
        parse_options(options_of(renderer), given, renderer.name)
    extensions = {r.name: r.extension for r in renderers}
    target = Path(out_dir)
    # One path or report is one item (a string is not a sequence of one-letter paths).
    given_names: list[str | None]
    if isinstance(reports, Mapping) and all(isinstance(k, str) for k in reports) and not _is_report_data(reports):
        items: list[Source] = list(reports.values())
        given_names = list(reports.keys())
    else:
        items = [reports] if isinstance(reports, (str, os.PathLike, Report, Mapping)) else list(reports)
        given_names = list(names) if names is not None else [None] * len(items)
    if len(given_names) != len(items):
        raise InputError(_("names 有 {names} 项，报告有 {items} 份，应一一对应").format(
            names=len(given_names), items=len(items)))
    lasts = _previous_per_item(previous, given_names, len(items))
    jobs: list[_Job] = []
    for i, src in enumerate(items):
        last = lasts[i]
        jobs.append(_Job(i, _plain(src), _label_for(src, i, given_names[i]), fmts, profile, check, dict(options),
                         max_bytes, get_locale(), force, _plain(last) if last is not None else None))

    # Names are fixed up front, in input order, so that a batch always writes the same files.
    used: set[str] = set()
    stems = [_unique(given_names[i] or _stem_for(src, i), used) for i, src in enumerate(items)]
    results: list[BatchResult | None] = [None] * len(jobs)

    def finish(output: _Output) -> None:
        if output.files is None:
            result = BatchResult(output.label, error=output.error, exit_code=output.exit_code, problems=output.problems,
                                 findings=output.findings)
        else:
            stem = stems[output.index]
            files = [(target / f"{stem}.{extensions[fmt]}", data) for fmt, data in output.files.items()]
            try:
                write_many(files)  # all formats of a report, or none of them
                result = BatchResult(output.label, tuple(p for p, _ in files), findings=output.findings)
            except OSError as exc:
                where = clip(str(exc.filename), 200) if exc.filename else ""
                result = BatchResult(output.label, error=_("写入失败：{path}（{error}）").format(
                    path=where, error=os_error_text(exc)), exit_code=3)
        results[output.index] = result
        if on_result is not None:
            on_result(result)

    if executor is None and (workers == 1 or len(jobs) <= 1):
        for job in jobs:
            finish(_render_job(job))
    else:
        own = executor is None
        cores = os.cpu_count() or 1
        n_workers = min(workers or cores, len(jobs), cores)  # never more than the work or the cores
        scratch = tempfile.mkdtemp(prefix="govreport-batch-") if own else None
        try:
            pool = executor if executor is not None else default_executor(n_workers, fmts, profile, dict(options),
                                                                          scratch)
            try:
                futures: list[Future[_Output]] = [pool.submit(_render_job, job) for job in jobs]
                for fut in as_completed(futures):
                    try:
                        finish(fut.result())
                    except Exception:  # a worker that died (killed, out of memory)
                        idx = futures.index(fut)
                        finish(_Output(idx, jobs[idx].label, None, _("工作进程意外退出（被终止或内存不足）"), 3))
            except BaseException:  # Ctrl-C, SIGTERM: stop the workers now rather than after their reports
                if own:
                    _stop_workers(pool)
                raise
            finally:
                if own:
                    pool.shutdown(wait=True, cancel_futures=True)
        finally:
            if scratch is not None:
                shutil.rmtree(scratch, ignore_errors=True)
    out = [r for r in results if r is not None]
    if len(out) != len(jobs):  # pragma: no cover - every job reports
        raise InputError(_("批量排版结果不完整"))
    return out
