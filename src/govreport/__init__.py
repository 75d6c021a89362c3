"""govreport — 政府信息公开工作年度报告: a checked model, and GB/T 9704 DOCX, PDF/A and HTML.

The public API::

    import govreport
    report = govreport.load("fixtures/keyuan-2016.yaml")
    findings = govreport.check(report)
    pdf = govreport.render(report, "pdf")
    govreport.render_to(report, "out/", ["docx", "pdf"])
    workbook = govreport.export_workbook(report)          # .xlsx bytes; govreport.load() reads it back
    summary = govreport.summarize(["a.yaml", "b.xlsx"])   # one workbook summing many reports

``import govreport`` imports neither WeasyPrint nor python-docx; a renderer imports its engine when
first used.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govreport._version import __version__
from govreport.errors import (
    EnvironmentProblem,
    GovReportError,
    InputError,
    RenderError,
    ReportInvalidError,
)

if TYPE_CHECKING:
    from govreport.batch import BatchResult, render_many
    from govreport.checks.finding import Finding, Location, Severity
    from govreport.document import Document
    from govreport.model import BodyLevel, Edition, Report
    from govreport.readers import load
    from govreport.workbook import export_workbook, summarize

# The rest of the API is imported when first used (PEP 562), so that ``import govreport`` stays cheap
# and a process that only renders a composed document never builds the Pydantic model.
_LAZY = {
    "BatchResult": "govreport.batch",
    "render_many": "govreport.batch",
    "Finding": "govreport.checks.finding",
    "Location": "govreport.checks.finding",
    "Severity": "govreport.checks.finding",
    "Document": "govreport.document",
    "Problem": "govreport.errors",
    "language": "govreport.i18n",
    "load": "govreport.readers",
    "BodyLevel": "govreport.model",
    "Edition": "govreport.model",
    "Report": "govreport.model",
    "export_workbook": "govreport.workbook",
    "summarize": "govreport.workbook",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "BatchResult",
    "BodyLevel",
    "Document",
    "Edition",
    "EnvironmentProblem",
    "Finding",
    "GovReportError",
    "InputError",
    "Location",
    "Problem",
    "RenderError",
    "Report",
    "ReportInvalidError",
    "Severity",
    "__version__",
    "check",
    "export_workbook",
    "formats",
    "language",
    "load",
    "render",
    "render_many",
    "render_to",
    "summarize",
    "to_document",
]


def check(report: Report, previous: Report | None = None) -> list[Finding]:
    """All findings for ``report``: errors first, then warnings.

    ``previous`` is last year's report, for the cross-year checks (上年结转 against 结转下年度, text
    repeated from last year).
    """
    from govreport.checks import run_checks

    return run_checks(report, previous)


def to_document(report: Report, profile: str = "gbt9704") -> Document:
    """The renderer-neutral document tree of ``report`` (what every renderer receives)."""
    from govreport.compose import compose as _compose
    from govreport.model.messages import check_report_text
    from govreport.style.profile import load_profile

    check_report_text(report)  # characters XML cannot hold never reach a renderer
    return _compose(report, load_profile(profile))


def formats() -> list[str]:
    """The output formats available: docx, html, pdf, and any registered through entry points."""
    from govreport.renderers.base import available_formats

    return available_formats()


def render(report: Report, fmt: str, *, profile: str = "gbt9704", **options: Any) -> bytes:
    """The bytes of ``report`` rendered as ``fmt`` (``"docx"``, ``"pdf"`` or ``"html"``).

    Options go to the renderer, which declares them (PDF: ``pdf_variant="pdf/a-3b"``,
    ``font_dirs=[…]``; see :class:`govreport.renderers.pdf.PdfOptions`); an option it does not declare
    is an :class:`InputError` naming the valid ones. Raises :class:`EnvironmentProblem` (missing
    fonts or libraries) or :class:`RenderError`.
    """
    from govreport.renderers.base import get_renderer, split_options
    from govreport.style.profile import load_profile

    renderer = get_renderer(fmt)
    (own,) = split_options([renderer], options)
    prof = load_profile(profile)
    return renderer.render(to_document(report, profile), prof, **own)


def _as_list(formats_: str | Iterable[str]) -> list[str]:
    items = formats_.split(",") if isinstance(formats_, str) else list(formats_)
    out = [f.strip().lower() for f in items if f.strip()]
    if not out:
        from govreport.i18n import _

        raise InputError(_("未指定输出格式"))
    return list(dict.fromkeys(out))


def render_to(
    report: Report,
    target: str | os.PathLike[str],
    formats: str | Sequence[str] = ("docx", "pdf"),
    *,
    stem: str | None = None,
    profile: str = "gbt9704",
    **options: Any,
) -> list[Path]:
    """Render ``report`` into files and return their paths.

    ``target`` is a folder (file names from ``stem`` or the report's title) or, for a single format,
    a file path with that format's extension. Every file is written atomically: on failure nothing is
    left behind and an existing file of the same name is untouched.
    """
    from govreport.output import safe_filename, write_many
    from govreport.renderers.base import get_renderer, split_options
    from govreport.style.profile import load_profile

    fmts = _as_list(formats)
    renderers = [get_renderer(f) for f in fmts]
    per_renderer = split_options(renderers, options)
    target_path = Path(target)
    single_file = len(fmts) == 1 and target_path.suffix.lower() == f".{renderers[0].extension}"
    doc = to_document(report, profile)
    prof = load_profile(profile)
    # Render everything first, then write: a failing format leaves no file of the batch behind.
    outputs: list[tuple[Path, bytes]] = []
    for renderer, own in zip(renderers, per_renderer, strict=True):
        data = renderer.render(doc, prof, **own)
        if single_file:
            path = target_path
        else:
            name = safe_filename(stem or doc.stem)
            path = target_path / f"{name}.{renderer.extension}"
        outputs.append((path, data))
    write_many(outputs)  # staged, then renamed: a failed write leaves none of the batch behind
    return [path for path, _ in outputs]
