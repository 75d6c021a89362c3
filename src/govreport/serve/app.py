"""The web app and HTTP API of ``govreport serve`` (FastAPI; the page is Jinja2 plus one small script).

:func:`create_app` builds the ASGI application; :mod:`govreport.serve.command` runs it with uvicorn.
Every answer to bad input is JSON ``{"problems": [{code, message, path, line, column}, …]}`` with
HTTP 4xx; nothing a request carries is ever used as a file-system path.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import re
from collections.abc import AsyncIterator
from dataclasses import asdict, dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

import govreport
from govreport._version import __version__
from govreport.errors import InputError
from govreport.errors import Problem as PlainProblem
from govreport.i18n import _, language, normalize_locale
from govreport.model.tables import section_title
from govreport.serve.form import computed_totals, form_tables
from govreport.serve.messages import ui_text
from govreport.serve.prefill import next_year
from govreport.serve.security import LOOPBACK_NAMES, TOKEN_COOKIE, Guard, host_name
from govreport.serve.store import Conflict, DraftStore
from govreport.serve.workers import RenderPool

#: Default limit of a request body and of an uploaded file (bytes).
DEFAULT_MAX_BODY = 10 * 1024 * 1024

_PACKAGE = resources.files("govreport.serve")
_DRAFT_ID = r"^[0-9a-f]{32}$"
_MEDIA = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


class Format(StrEnum):
    docx = "docx"
    pdf = "pdf"
    html = "html"


class EditionName(StrEnum):
    gb2021 = "gb2021"
    gb2019 = "gb2019"
    legacy = "legacy"


# --- request and response bodies --------------------------------------------------------------

_BODY = ConfigDict(extra="forbid")


class CheckRequest(BaseModel):
    model_config = _BODY
    report: dict[str, Any] = Field(description="The report, as in a YAML/JSON report file (English or Chinese keys).")
    previous: dict[str, Any] | None = Field(default=None, description="Last year's report, for the cross-year checks.")


class RenderRequest(BaseModel):
    model_config = _BODY
    report: dict[str, Any]
    force: bool = Field(default=False, description="Render even when the checks find errors.")


class DraftIn(BaseModel):
    model_config = _BODY
    name: str | None = Field(default=None, max_length=200)
    content: dict[str, Any] = Field(
        default_factory=dict, description='What the page saves: {"report": {…}, "previous": {…} | null}.'
    )
    base_version: int | None = Field(
        default=None, ge=1, description="Refuse the save (409) when the draft is no longer at this version."
    )


class Problem(BaseModel):
    code: str
    message: str
    source: str | None = None
    line: int | None = None
    column: int | None = None
    path: str | None = None
    text: str | None = Field(default=None, description="The problem as one line (source, place, message).")


class Problems(BaseModel):
    problems: list[Problem]
    findings: list[govreport.Finding] = Field(default_factory=list)


class CheckResult(BaseModel):
    errors: int
    warnings: int
    findings: list[govreport.Finding]
    computed: dict[str, int] = Field(
        description="Totals left blank, as the other cells make them (data path → number)."
    )


class DraftSummary(BaseModel):
    id: str
    name: str
    created: float
    updated: float
    version: int


class DraftOut(DraftSummary):
    content: dict[str, Any]


class VersionInfo(BaseModel):
    version: int
    saved: float


class ImportResult(BaseModel):
    report: dict[str, Any]
    previous: dict[str, Any] | None = None


class Start(StrEnum):
    next_year = "next-year"


_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problems} for code in (400, 401, 403, 404, 409, 413, 421, 422)
}


# --- helpers ------------------------------------------------------------------------------------


def problems(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    body = {"problems": [PlainProblem(message, code).as_dict()], **extra}
    return JSONResponse(body, status_code=status)


def read_upload(data: bytes, filename: str, max_bytes: int) -> govreport.Report:
    """The report in an uploaded file, through the readers (the format from the suffix and the first
    bytes). Only the bytes are read: the file name gives the suffix and names the file in messages,
    and never reaches the file system."""
    from govreport.readers import read_bytes

    name = PurePosixPath(filename.replace("\\", "/")).name or _("上传的文件")
    return read_bytes(data, name, max_bytes=max_bytes)


def input_problems(exc: InputError) -> JSONResponse:
    """HTTP 422 with every problem of the input, as ``govreport check --format json`` prints them."""
    return JSONResponse({"problems": [p.as_dict() for p in exc.problems]}, status_code=422)


async def request_language(request: Request, lang: Annotated[str | None, Query(max_length=20)] = None) -> str:
    """The language of a request: ``?lang=``, else the ``lang`` cookie, else Accept-Language, else Chinese."""
    for candidate in (lang, request.cookies.get("lang")):
        if candidate and normalize_locale(candidate):
            return normalize_locale(candidate) or "zh_CN"
    for part in request.headers.get("accept-language", "").split(","):
        locale = normalize_locale(part.split(";")[0]) if part.strip() else None
        if locale:
            return locale
    return "zh_CN"


Lang = Annotated[str, Depends(request_language)]


async def page_language(request: Request, lang: Annotated[str | None, Query(max_length=20)] = None) -> str:
    """The language of the page: ``?lang=``, else the ``lang`` cookie, else Chinese (the page is Chinese
    first, whatever language the browser itself is in)."""
    for candidate in (lang, request.cookies.get("lang")):
        if candidate and normalize_locale(candidate):
            return normalize_locale(candidate) or "zh_CN"
    return "zh_CN"


PageLang = Annotated[str, Depends(page_language)]


def _load(data: dict[str, Any], max_bytes: int) -> govreport.Report:
    return govreport.load(data, max_bytes=max_bytes)


def _dump(report: govreport.Report) -> dict[str, Any]:
    return report.model_dump(mode="json", exclude_none=True, exclude_defaults=False)


def _filename(report: govreport.Report, fmt: str) -> str:
    from govreport.output import safe_filename

    return f"{safe_filename(report.display_title)}.{fmt}"


def _disposition(name: str) -> str:
    ascii_name = re.sub(r"[^A-Za-z0-9._-]", "_", name) or "report"
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


@dataclass
class Settings:
    data: Path
    token: str | None = None
    hosts: tuple[str, ...] = LOOPBACK_NAMES
    max_body: int = DEFAULT_MAX_BODY
    workers: int = 0


# --- the application ----------------------------------------------------------------------------


def create_app(
    data: Path | str,
    *,
    token: str | None = None,
    hosts: tuple[str, ...] = LOOPBACK_NAMES,
    max_body: int = DEFAULT_MAX_BODY,
    workers: int = 0,
) -> Any:
    """The ASGI application: drafts in ``data``, renders in ``workers`` processes (0: a thread).

    ``hosts`` are the names the server answers to (the Host header check); ``token``, when given, is
    required on every request (see :mod:`govreport.serve.security`).
    """
    settings = Settings(Path(data), token, tuple(hosts), max_body, workers)
    store = DraftStore(settings.data)
    pool = RenderPool(workers)

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(pool.start)
        await run_in_threadpool(form_tables, "gb2021")
        await run_in_threadpool(form_tables, "gb2019")
        try:
            yield
        finally:
            pool.close()

    api = FastAPI(
        title="govreport",
        version=__version__,
        description="政府信息公开工作年度报告：校验、排版（DOCX / PDF/A / HTML）与草稿。See docs/api-http.md.",
        lifespan=lifespan,
        docs_url=None,  # the interactive docs page would load scripts from a CDN
        redoc_url=None,
    )
    api.state.settings = settings
    api.state.store = store
    api.state.pool = pool
    api.mount("/static", StaticFiles(directory=str(_PACKAGE.joinpath("static"))), name="static")
    templates = Environment(
        loader=FileSystemLoader(str(_PACKAGE.joinpath("templates"))),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )

    @api.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        out = []
        for err in exc.errors()[:50]:
            loc = [str(p) for p in err.get("loc", ())]
            out.append({"code": "request", "message": str(err.get("msg", ""))[:300], "path": ".".join(loc) or None,
                        "line": None, "column": None})
        return JSONResponse({"problems": out}, status_code=422)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method"}.get(exc.status_code, "http")
        return problems(exc.status_code, code, str(exc.detail)[:300])

    @api.exception_handler(Exception)
    async def _internal(_request: Request, exc: Exception) -> JSONResponse:
        return problems(500, "internal", _("内部错误：{error}").format(error=type(exc).__name__))

    # --- API: check, render, import, schema, templates ---

    def check_now(body: CheckRequest, locale: str) -> JSONResponse | CheckResult:
        with language(locale):
            try:
                report = _load(body.report, max_body)
                previous = _load(body.previous, max_body) if body.previous is not None else None
            except InputError as exc:
                return input_problems(exc)
            findings = govreport.check(report, previous)
            errors = sum(1 for f in findings if f.is_error)
            return CheckResult(errors=errors, warnings=len(findings) - errors, findings=findings,
                               computed=computed_totals(report))

    @api.post("/api/check", response_model=CheckResult, responses=_ERRORS, tags=["reports"])
    async def check(body: CheckRequest, lang: Lang) -> Any:
        """Every finding of a report (errors first), each at its location, in the requested language."""
        # About 2 ms of work: done on the event loop (a hop to a thread costs as much under the GIL),
        # and answered as JSON directly (FastAPI would validate the findings a second time).
        result = check_now(body, lang)
        return result if isinstance(result, Response) else JSONResponse(result.model_dump(mode="json"))

    def prepare_render(body: RenderRequest, locale: str) -> JSONResponse | govreport.Report:
        with language(locale):
            try:
                report = _load(body.report, max_body)
            except InputError as exc:
                return input_problems(exc)
            if not body.force:
                findings = govreport.check(report)
                errors = [f for f in findings if f.is_error]
                if errors:
                    message = _("报告有 {errors} 个错误，未输出").format(errors=len(errors))
                    return problems(422, "report-errors", message,
                                    findings=[f.model_dump(mode="json") for f in errors])
            return report

    @api.post(
        "/api/render/{fmt}",
        responses={**_ERRORS, 200: {"content": {m: {} for m in _MEDIA.values()}}, 503: {"model": Problems}},
        response_class=Response,
        tags=["reports"],
    )
    async def render(fmt: Format, body: RenderRequest, lang: Lang) -> Response:
        """The report as DOCX, PDF/A or HTML. A report with errors is refused (422) unless ``force``."""
        prepared = await run_in_threadpool(prepare_render, body, lang)
        if isinstance(prepared, Response):
            return prepared
        outcome = await pool.render(prepared, fmt.value, lang)
        if outcome.data is None:
            return problems(503 if outcome.exit_code == 3 else 422, "render", outcome.message)
        return Response(outcome.data, media_type=_MEDIA[fmt.value],
                        headers={"Content-Disposition": _disposition(_filename(prepared, fmt.value))})

    def import_now(raw: bytes, name: str, locale: str, start: Start | None) -> JSONResponse | ImportResult:
        with language(locale):
            try:
                report = read_upload(raw, name, max_body)
            except InputError as exc:
                return input_problems(exc)
            if start is Start.next_year:
                return ImportResult(report=next_year(report), previous=_dump(report))
            return ImportResult(report=_dump(report))

    @api.post("/api/import", response_model=ImportResult, responses=_ERRORS, tags=["reports"])
    async def import_file(
        file: Annotated[UploadFile, File(description="A report file (YAML/JSON today).")],
        lang: Lang,
        start: Annotated[Start | None, Query(description="next-year: the file is last year's report; answer "
                                             "this year's report started from it, and it as `previous`.")] = None,
    ) -> Any:
        """Read an uploaded report file into report data (the file is parsed, never stored or run)."""
        raw = await file.read(max_body + 1)
        return await run_in_threadpool(import_now, raw, file.filename or "", lang, start)

    @api.get("/api/schema", tags=["reports"])
    async def schema() -> dict[str, Any]:
        """The JSON Schema of report data (as ``govreport schema``)."""
        return govreport.Report.model_json_schema(by_alias=False)

    def template_now(edition: str, locale: str) -> dict[str, Any]:
        from govreport.model.templates import new_report_yaml
        from govreport.readers.yaml_json import parse_text

        with language(locale):
            data = parse_text(new_report_yaml(edition))
            return _dump(_load(data, max_body))

    @api.get("/api/templates/{edition}", tags=["reports"])
    async def template(edition: EditionName, lang: Lang) -> dict[str, Any]:
        """The fill-in template of an edition (what ``govreport new`` writes), as report data."""
        return await run_in_threadpool(template_now, edition.value, lang)

    # --- API: drafts ---

    def summary(info: Any) -> DraftSummary:
        return DraftSummary(**asdict(info))

    @api.get("/api/drafts", response_model=list[DraftSummary], tags=["drafts"])
    def list_drafts() -> Any:
        """Every draft, the most recently saved first."""
        return [summary(i) for i in store.all()]

    @api.post("/api/drafts", response_model=DraftSummary, status_code=201, responses=_ERRORS, tags=["drafts"])
    def create_draft(body: DraftIn) -> Any:
        """A new draft with ``content`` as its first version."""
        return summary(store.create(body.name or _("未命名报告"), body.content))

    @api.get("/api/drafts/{draft_id}", response_model=DraftOut, responses=_ERRORS, tags=["drafts"])
    def read_draft(draft_id: Annotated[str, Depends(_draft_id)],
                   version: Annotated[int | None, Query(ge=1, le=2**62)] = None) -> Any:
        """A draft's newest version, or ``version``."""
        draft = store.get(draft_id, version)
        if draft is None:
            return problems(404, "not-found", _("没有这个草稿或版本"))
        return DraftOut(**asdict(draft.info), content=draft.content)

    @api.put("/api/drafts/{draft_id}", response_model=DraftSummary, responses=_ERRORS, tags=["drafts"])
    def save_draft(draft_id: Annotated[str, Depends(_draft_id)], body: DraftIn) -> Any:
        """Save a new version (one transaction: once answered, it survives a crash of the server)."""
        try:
            info = store.save(draft_id, body.content, name=body.name, base_version=body.base_version)
        except Conflict as exc:
            return problems(409, "conflict", _("草稿已在别处更新（当前版本 {version}）").format(version=exc.current),
                            version=exc.current)
        if info is None:
            return problems(404, "not-found", _("没有这个草稿或版本"))
        return summary(info)

    @api.delete("/api/drafts/{draft_id}", status_code=204, responses=_ERRORS, tags=["drafts"])
    def delete_draft(draft_id: Annotated[str, Depends(_draft_id)]) -> Response:
        """Delete a draft and its history."""
        if not store.delete(draft_id):
            return problems(404, "not-found", _("没有这个草稿或版本"))
        return Response(status_code=204)

    @api.get(
        "/api/drafts/{draft_id}/versions", response_model=list[VersionInfo], responses=_ERRORS, tags=["drafts"]
    )
    def draft_versions(draft_id: Annotated[str, Depends(_draft_id)]) -> Any:
        """The saved versions of a draft, newest first."""
        if store.info(draft_id) is None:
            return problems(404, "not-found", _("没有这个草稿或版本"))
        return [VersionInfo(version=v, saved=t) for v, t in store.versions(draft_id)]

    # --- the page ---

    def page(name: str, locale: str, **context: Any) -> HTMLResponse:
        with language(locale):
            text = ui_text()
            html = templates.get_template(name).render(
                t=text, lang="en" if locale == "en" else "zh-CN", locale=locale,
                ui_json=json.dumps(text, ensure_ascii=False), **context,
            )
        response = HTMLResponse(html)
        response.headers["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            "frame-src 'self' blob:; object-src 'self' blob:; "
            "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        )
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def with_token_cookie(request: Request, response: Response) -> Response:
        if settings.token is not None and request.query_params.get("token"):
            response.set_cookie(TOKEN_COOKIE, settings.token, httponly=True, samesite="strict")
        return response

    @api.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, lang: PageLang) -> Response:
        if settings.token is not None and request.query_params.get("token"):
            return with_token_cookie(request, RedirectResponse("/", status_code=303))
        drafts = [
            {**asdict(i), "updated_text": dt.datetime.fromtimestamp(i.updated).strftime("%Y-%m-%d %H:%M:%S")}
            for i in store.all()
        ]
        response = page("index.html", lang, drafts=drafts)
        response.set_cookie("lang", lang, samesite="strict")
        return response

    @api.get("/edit/{draft_id}", response_class=HTMLResponse, include_in_schema=False)
    def edit(draft_id: Annotated[str, Depends(_draft_id)], lang: PageLang) -> Response:
        draft = store.get(draft_id)
        if draft is None:
            return RedirectResponse("/", status_code=303)
        content = dict(draft.content)
        raw = content.get("report")
        report: dict[str, Any] = raw if isinstance(raw, dict) else {}
        with language(lang), contextlib.suppress(InputError):
            report = _dump(_load(report, max_body))  # Chinese keys and spellings → the form's field names
        content["report"] = report
        edition = str(report.get("edition") or "gb2021")
        legacy = edition not in ("gb2021", "gb2019")
        tables = form_tables("gb2021" if legacy else edition)
        paths = ("overview", "active_disclosure.content", "applications.content", "review_litigation.content",
                 "problems", "other_matters")
        sections = [] if legacy else [
            (section_title(i + 1), path, tables[i - 1] if 1 <= i <= 3 else None) for i, path in enumerate(paths)
        ]
        response = page("edit.html", lang, draft=asdict(draft.info), edition=edition, sections=sections,
                        legacy=legacy, draft_json=json.dumps(content, ensure_ascii=False).replace("</", "<\\/"))
        response.set_cookie("lang", lang, samesite="strict")
        return response

    @api.get("/healthz", include_in_schema=False)
    def healthz() -> dict[str, str]:
        return {"status": "ok", "version": __version__}

    return Guard(api, hosts=settings.hosts, token=settings.token, max_body=max_body)


def _draft_id(draft_id: str) -> str:
    """A draft id is 32 hex digits; anything else is 404 (it is never used to build a path)."""
    if not re.fullmatch(_DRAFT_ID, draft_id):
        raise StarletteHTTPException(404, _("没有这个草稿或版本"))
    return draft_id


def allowed_hosts(host: str, extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    """The names the server answers to when bound to ``host``: loopback, ``host`` itself, and for a
    wildcard address (0.0.0.0, ::) this machine's name; plus ``extra``."""
    import socket

    names = {*LOOPBACK_NAMES, host_name(host), *(host_name(e) for e in extra)}
    if host in ("0.0.0.0", "::", ""):
        with contextlib.suppress(OSError):
            names.add(socket.gethostname().lower())
            names.add(socket.getfqdn().lower())
    return tuple(sorted(names))
