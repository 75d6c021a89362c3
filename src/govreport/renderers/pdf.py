"""Archival PDF through WeasyPrint: the HTML of the document, laid out in GB/T 9704 geometry.

One FontConfiguration and one parsed stylesheet are reused for every render in a process. Resources
are fetched only through :func:`_fetcher`, which refuses everything (no file://, no network).
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, ClassVar

from govreport import document as d
from govreport.errors import EnvironmentProblem, RenderError
from govreport.renderers.html import stylesheet, to_html
from govreport.style.profile import Profile

if TYPE_CHECKING:
    from weasyprint.text.fonts import FontConfiguration

DEFAULT_VARIANT = "pdf/a-2b"


def _fetcher(url: str, timeout: int = 10, ssl_context: Any = None) -> dict[str, Any]:
    """Refuse every external resource: report text must never make the renderer read a file or the net."""
    raise ValueError(f"govreport: external resources are not fetched ({url[:80]})")


@functools.lru_cache(maxsize=1)
def _font_config() -> FontConfiguration:
    try:
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as exc:  # Pango or WeasyPrint missing
        raise EnvironmentProblem(
            f"无法加载 WeasyPrint（{exc}）：请安装 weasyprint 及其系统库 (WeasyPrint unavailable)"
        ) from exc
    return FontConfiguration()


@functools.lru_cache(maxsize=8)
def _css(profile: Profile) -> Any:
    from weasyprint import CSS

    return CSS(string=stylesheet(profile), font_config=_font_config(), url_fetcher=_fetcher)


class PdfRenderer:
    name: ClassVar[str] = "pdf"
    extension: ClassVar[str] = "pdf"
    media_type: ClassVar[str] = "application/pdf"

    def render(self, document: d.Document, profile: Profile, **options: Any) -> bytes:
        from weasyprint import HTML

        variant = options.get("pdf_variant", DEFAULT_VARIANT)
        html = to_html(document, profile, css="")
        try:
            doc = HTML(string=html, url_fetcher=_fetcher, base_url=None).render(
                stylesheets=[_css(profile)], font_config=_font_config()
            )
            meta = doc.metadata
            meta.title = document.meta.title
            meta.authors = [document.meta.author]
            meta.description = document.meta.subject
            meta.keywords = list(document.meta.keywords)
            meta.lang = document.meta.language
            stamp = f"{document.meta.date.isoformat()}T00:00:00+08:00"
            meta.created = stamp
            meta.modified = stamp
            meta.generator = "govreport"
            pdf = doc.write_pdf(pdf_variant=variant, uncompressed_pdf=False)
        except (EnvironmentProblem, RenderError):
            raise
        except Exception as exc:
            raise RenderError(f"PDF 生成失败：{exc} (PDF rendering failed)") from exc
        if pdf is None:
            raise RenderError("PDF 生成失败：WeasyPrint 未返回内容 (no output)")
        return bytes(pdf)
