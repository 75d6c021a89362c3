"""Archival PDF through WeasyPrint: the document's HTML, composed into justified lines, in GB/T 9704
geometry, with the resolved fonts embedded, as PDF/A-2b (or PDF/A-3b with the report's JSON inside).

One pass, stage by stage (one module each):

1. :mod:`.compose` — every printed string with its font role and place; paragraphs and headings broken
   into lines by :mod:`govreport.text.linebreak` and justified by per-line ``letter-spacing``;
2. :mod:`.faces` — the resolved font files as ``@font-face`` rules, their advances, and the refusal of
   any character no font can draw (:class:`~govreport.errors.EnvironmentProblem`, exit code 3);
3. :mod:`.fetcher` — the locked URL fetcher: only those font files, nothing else, no network;
4. WeasyPrint lays out and writes the PDF (one ``FontConfiguration`` and one parsed stylesheet per
   process and font plan, reused by every render);
5. :mod:`.archival` — XMP/info metadata from the report, ``report.json`` for PDF/A-3, and a structural
   self-check of the written bytes with pikepdf.

Options (``govreport.render(report, "pdf", **options)``):

``pdf_variant``  ``"pdf/a-2b"`` (default), ``"pdf/a-2u"``, ``"pdf/a-3b"``, ``"pdf/a-3u"`` (both embed
                 ``report.json``) or ``"pdf/ua-1"`` (tagged).
``font_dirs``    folders of the user's licensed fonts, searched before the system's.
``on_fonts``     a callable given the :class:`~govreport.style.fonts.FontSet` of each render (the CLI
                 prints its substitutions, e.g. ``body: 仿宋_GB2312 → FandolFang（替代）``).
``self_check``   re-read the PDF with pikepdf and raise :class:`~govreport.errors.RenderError` on a
                 structural problem (default True).

The options are declared in :class:`PdfOptions` (an unknown name or a wrong type is an
:class:`~govreport.errors.InputError`). The renderer keeps no state between renders: what a render
found out about its fonts reaches the caller through ``on_fonts``.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from govreport import document as d
from govreport.errors import EnvironmentProblem, InputError, RenderError
from govreport.i18n import _, join
from govreport.renderers.base import RendererOptions, parse_options
from govreport.renderers.html import stylesheet, to_html
from govreport.renderers.pdf.compose import Located, block_views, located_texts, text_by_role
from govreport.renderers.pdf.faces import FontPlan
from govreport.style.fonts import (
    HARFBUZZ_SUBSET_WARNING,
    FontSet,
    MissingGlyph,
    coverage,
    harfbuzz_subset_available,
    resolve_fonts,
)
from govreport.style.profile import Profile

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

    from govreport.renderers.pdf.fetcher import LockedFetcher

__all__ = ["DEFAULT_VARIANT", "VARIANTS", "PdfRenderer"]

DEFAULT_VARIANT = "pdf/a-2b"
#: The variants offered. PDF/A-1 is left out: it cannot embed the OpenType (CFF) CJK fonts.
VARIANTS = ("pdf/a-2b", "pdf/a-2u", "pdf/a-3b", "pdf/a-3u", "pdf/ua-1")
_WITH_DATA = ("pdf/a-3b", "pdf/a-3u")


def _load_engine() -> None:
    """Import WeasyPrint; exit code 3 when it cannot load."""
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError) as exc:  # Pango or WeasyPrint missing
        raise EnvironmentProblem(
            _("无法加载 WeasyPrint（{error}）：请安装 weasyprint 及其系统库").format(error=exc)
        ) from exc


@functools.lru_cache(maxsize=1)
def _font_config() -> FontConfiguration:
    _load_engine()
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    atexit.register(release_engine)
    return config


def release_engine() -> None:
    """Forget the process's WeasyPrint font configuration and the stylesheets parsed with it, and
    remove its folder of temporary font files now rather than whenever the garbage collector gets to
    it (the CLI skips the last collection at exit). Rendering again sets them up anew."""
    if _font_config.cache_info().currsize:
        config = _font_config()
        folder = getattr(config, "_folder", None)  # WeasyPrint's own __del__ removes the same folder
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
            config._folder = None
    _stylesheet.cache_clear()
    _fetcher.cache_clear()
    _font_config.cache_clear()


@functools.lru_cache(maxsize=8)
def _fontset(profile: Profile, font_dirs: tuple[Path, ...]) -> FontSet:
    return resolve_fonts(profile, font_dirs)


@functools.lru_cache(maxsize=1)
def _warn_harfbuzz() -> None:
    if not harfbuzz_subset_available():
        warnings.warn(_(HARFBUZZ_SUBSET_WARNING), RuntimeWarning, stacklevel=4)


@functools.lru_cache(maxsize=16)
def _fetcher(faces: tuple[tuple[str, Path, int, str], ...]) -> LockedFetcher:
    _load_engine()
    from govreport.renderers.pdf.faces import face_bytes
    from govreport.renderers.pdf.fetcher import LockedFetcher

    return LockedFetcher({url: (functools.partial(face_bytes, path, index), media)
                          for url, path, index, media in faces})


@functools.lru_cache(maxsize=16)
def _stylesheet(profile: Profile, key: tuple[Any, ...], face_css: str,
                families: tuple[tuple[str, str], ...], fetcher: LockedFetcher) -> Any:
    """The parsed stylesheet of a profile and a font plan (parsing @font-face loads the fonts)."""
    from weasyprint import CSS

    return CSS(string=face_css + "\n" + stylesheet(profile, families), font_config=_font_config(),
               url_fetcher=fetcher)


def _where(missing: Sequence[MissingGlyph], located: Sequence[Located]) -> list[str]:
    out: list[str] = []
    for glyph in missing:
        places = list(dict.fromkeys(item.where for item in located
                                    if item.role == glyph.role and glyph.char in item.text))
        shown = join(places[:3]) + (_("等") if len(places) > 3 else "")
        out.append(_("“{char}”（{code}）在{places}：…{context}…").format(
            char=glyph.char, code=glyph.label, places=shown, context=glyph.where))
    return out


def _check_coverage(located: Sequence[Located], missing: Sequence[MissingGlyph]) -> None:
    if missing:
        listed = _("；").join(_where(missing[:20], located)) + ("……" if len(missing) > 20 else "")
        raise EnvironmentProblem(
            _(
                "有 {count} 个字符没有任何已安装字体能显示，未生成 PDF：{characters}。"
                "请用 --font-dir 指定含这些字的字体目录，或改用常用字。"
            ).format(count=len(missing), characters=listed)
        )


class PdfOptions(RendererOptions):
    """The PDF renderer's options."""

    #: ``"pdf/a-2b"`` (default), ``"pdf/a-2u"``, ``"pdf/a-3b"``, ``"pdf/a-3u"`` (both embed
    #: ``report.json``) or ``"pdf/ua-1"`` (tagged).
    pdf_variant: str = DEFAULT_VARIANT
    #: Folders of the user's licensed fonts, searched before the system's (a list: a single string is refused).
    font_dirs: tuple[Path, ...] = ()
    #: Called with the :class:`~govreport.style.fonts.FontSet` of each render.
    on_fonts: Callable[[FontSet], None] | None = None
    #: Re-read the PDF with pikepdf and raise :class:`~govreport.errors.RenderError` on a structural problem.
    self_check: bool = True


def _variant(opts: PdfOptions) -> str:
    variant = opts.pdf_variant.strip().lower() or DEFAULT_VARIANT
    if variant not in VARIANTS:
        message = _("不支持的 PDF 版本：{variant}（可用：{variants}）")
        raise InputError(message.format(variant=variant, variants=join(VARIANTS)), code="option")
    return variant


def _font_dirs(opts: PdfOptions) -> tuple[Path, ...]:
    return tuple(Path(p).expanduser().resolve() for p in opts.font_dirs)


def self_check(data: bytes, document: d.Document, **options: Any) -> None:
    """Re-read a written PDF with pikepdf; :class:`RenderError` on a structural problem."""
    from govreport.renderers.pdf.archival import ATTACHMENT_NAME, structural_problems

    variant = _variant(parse_options(PdfOptions, options, "pdf"))
    attached = variant in _WITH_DATA and bool(document.data_json)
    problems = structural_problems(data, variant, document.meta.language, ATTACHMENT_NAME if attached else None)
    if problems:
        raise RenderError(_("PDF 自检未通过：{problems}").format(problems=_("；").join(problems)))


class PdfRenderer:
    name: ClassVar[str] = "pdf"
    extension: ClassVar[str] = "pdf"
    media_type: ClassVar[str] = "application/pdf"

    Options: ClassVar[type[PdfOptions]] = PdfOptions

    def prepare(self, profile: Profile, **options: Any) -> None:
        """Do now what a first render would do whatever the document: import WeasyPrint and pikepdf,
        resolve the fonts, parse the stylesheet with the profile's faces (which loads them into the
        engine) and compile the template — ≈ 0.45 s cold, of which a later render of a document that
        needs no fallback face then pays nothing. Raises nothing: a problem shows in the render."""
        try:
            opts = parse_options(PdfOptions, options, "pdf")
            font_dirs = _font_dirs(opts)
            plan = FontPlan(_fontset(profile, font_dirs), {})
            fetcher = _fetcher(tuple((f.url, f.path, f.index, f.media_type) for f in plan.faces()))
            _stylesheet(profile, plan.key, plan.font_face_css(), plan.families(), fetcher)
            from govreport.renderers.html import template

            template()
            if opts.self_check:
                import pikepdf  # noqa: F401  (the self-check's engine)
        except Exception:
            return

    def render(self, document: d.Document, profile: Profile, **options: Any) -> bytes:
        opts = parse_options(PdfOptions, options, "pdf")
        variant = _variant(opts)
        font_dirs = _font_dirs(opts)
        on_fonts = opts.on_fonts
        _warn_harfbuzz()

        located = located_texts(document)
        by_role = text_by_role(located)
        fontset = _fontset(profile, font_dirs)
        if on_fonts is not None:
            on_fonts(fontset)
        missing, fallbacks = coverage(by_role, fontset)
        _check_coverage(located, missing)

        plan = FontPlan(fontset, by_role, fallbacks)
        faces = plan.faces()
        fetcher = _fetcher(tuple((f.url, f.path, f.index, f.media_type) for f in faces))
        try:
            from weasyprint import HTML

            css = _stylesheet(profile, plan.key, plan.font_face_css(), plan.families(), fetcher)
            views, spacing_css = block_views(document, profile, plan)
            html = to_html(document, profile, css=spacing_css, blocks=views)
            doc = HTML(string=html, url_fetcher=fetcher, base_url=None).render(
                stylesheets=[css], font_config=_font_config()
            )
            from govreport.renderers.pdf.archival import add_identifier, data_attachment, set_metadata

            set_metadata(doc.metadata, document)
            attachments = [data_attachment(document)] if variant in _WITH_DATA and document.data_json else []
            # /ID (required by PDF/A; PDF/UA sets none) is added after writing, from the written bytes:
            # see archival.add_identifier. Should the file not have the expected shape, pydyf computes it.
            written = doc.write_pdf(pdf_variant=variant, attachments=attachments, uncompressed_pdf=False,
                                    pdf_identifier=False)
            pdf = add_identifier(bytes(written)) if written is not None else None
            if pdf is None:
                pdf = doc.write_pdf(pdf_variant=variant, attachments=attachments, uncompressed_pdf=False,
                                    pdf_identifier=True)
        except (EnvironmentProblem, RenderError, InputError):
            raise
        except Exception as exc:
            raise RenderError(_("PDF 生成失败：{error}").format(error=exc)) from exc
        if pdf is None:
            raise RenderError(_("PDF 生成失败：WeasyPrint 未返回内容"))
        data = bytes(pdf)
        if opts.self_check:
            self_check(data, document, pdf_variant=variant)
        return data
