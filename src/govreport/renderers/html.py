"""HTML for web publication: one self-contained, autoescaped file with the CSS generated from the profile."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Callable
from typing import Any, ClassVar

import jinja2
from markupsafe import Markup

from govreport import document as d
from govreport.renderers._common import estimated_width_pt, rows_kept_with_next, signature_padding
from govreport.style.profile import Profile, styles_dir


@functools.lru_cache(maxsize=1)
def _env() -> jinja2.Environment:
    loader = jinja2.ChoiceLoader(
        [jinja2.PackageLoader("govreport.renderers", "templates"), jinja2.FileSystemLoader(str(styles_dir()))]
    )
    return jinja2.Environment(
        loader=loader,
        # Report text is text, never markup: every HTML template is autoescaped. The CSS template is not
        # (HTML escaping would turn its quotes into &#34; and void every font-family); it holds only
        # profile numbers and font names, which css_string() cleans.
        autoescape=lambda name: name is None or not name.endswith(".css.j2"),
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
        keep_trailing_newline=True,
    )


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string, the rule or a ``<style>`` element."""
    clean = "".join(ch for ch in text if ch not in '"\\<>{};\n\r\f' and ch.isprintable())
    return f'"{clean}"'


def css_family(names: tuple[str, ...] | list[str]) -> str:
    """A CSS font-family list; ":bold" suffixes (bold faces in the profile) are dropped here."""
    seen: list[str] = []
    for raw in names:
        name = raw.split(":", 1)[0]
        if name not in seen:
            seen.append(name)
    quoted = ", ".join(css_string(n) for n in seen)
    return f"{quoted}, serif"


def _fmt(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".")


@functools.lru_cache(maxsize=16)
def stylesheet(profile: Profile, families: tuple[tuple[str, str], ...] | None = None) -> str:
    """The CSS of ``profile`` (cached per profile and font families).

    ``families`` overrides the font-family list of roles (role, CSS family list), e.g. with the fonts
    the PDF renderer resolved.
    """
    fam = dict(families or ())

    def family(role: str) -> str:
        if role in fam:
            return fam[role]
        font = profile.font(role)
        fallback = profile.font("fallback").pdf if role != "fallback" else ()
        return css_family([font.docx, *font.pdf, *fallback])

    context: dict[str, Any] = {
        "p": profile,
        "mm": lambda key: _fmt(profile.mm(key)),
        "pt": lambda key: _fmt(profile.pt(key)),
        "family": family,
        # 7.5: the number's top sits page_number.offset below the type area; one 字 of the 4号 number in.
        "pn_top": _fmt(profile.pt("page_number.offset")),
        "pn_side": _fmt(profile.pt("page_number.side_indent")),
        # 7.3.7: the attachment title on line attachment.title_line; the label takes line 1.
        "att_title_gap": _fmt(profile.pt("attachment.title_line") - 2 * profile.line_pitch_pt),
    }
    return _env().get_template(f"{profile.name}.css.j2" if (styles_dir() / f"{profile.name}.css.j2").exists()
                               else "gbt9704.css.j2").render(context)


def block_view(block: d.Block, index: int, profile: Profile,
               measure: Callable[[str], float] | None = None) -> dict[str, Any]:
    """What the template needs of ``block``. ``measure`` gives a body text's width in points (the PDF
    renderer measures with the embedded fonts); without it widths are estimated from the profile."""
    kind = {
        d.Title: "title", d.Heading: "heading", d.Paragraph: "paragraph", d.Table: "table",
        d.Signature: "signature", d.AttachmentHeader: "attachment", d.PageBreak: "pagebreak",
    }[type(block)]
    view: dict[str, Any] = {"kind": kind}
    if dataclasses.is_dataclass(block):
        view.update({f.name: getattr(block, f.name) for f in dataclasses.fields(block)})
    if isinstance(block, d.Heading):
        view["anchor"] = f"h{index}"
    if isinstance(block, d.Table):
        view["head"] = block.rows[: block.header_rows]
        view["body"] = block.rows[block.header_rows:]
        total = sum(block.widths) or 1.0
        view["widths"] = [100.0 * w / total for w in block.widths]
        view["keep"] = rows_kept_with_next(block)
    if isinstance(block, d.Signature):
        width = measure or (lambda text: estimated_width_pt(profile, text))
        view["name_pad"], view["date_pad"] = (
            _fmt(pad) for pad in signature_padding(profile, width(block.body), width(block.date)))
    return view


def to_html(document: d.Document, profile: Profile, css: str | None = None,
            blocks: list[dict[str, Any]] | None = None) -> str:
    """The HTML text of ``document``. ``css`` and pre-built block views let the PDF renderer reuse it."""
    views = blocks if blocks is not None else [block_view(b, i, profile) for i, b in enumerate(document.blocks)]
    raw_css = css if css is not None else stylesheet(profile)
    # Raw text inside <style>: only "</" could end the element early, so it is neutralised.
    safe_css = Markup(raw_css.replace("</", "<\\/"))
    return template().render(doc=document, blocks=views, css=safe_css)


def template() -> jinja2.Template:
    """The compiled report template (compiled once per process)."""
    return _env().get_template("report.html.j2")


class HtmlRenderer:
    name: ClassVar[str] = "html"
    extension: ClassVar[str] = "html"
    media_type: ClassVar[str] = "text/html"

    def render(self, document: d.Document, profile: Profile, **options: Any) -> bytes:
        from govreport.renderers.base import NoOptions, parse_options

        parse_options(NoOptions, options, self.name)
        return to_html(document, profile).encode("utf-8")
