"""Document → what the PDF template needs: each printed string with its font role and place, and the
paragraphs and headings broken into justified lines.

Only body paragraphs (``align="justify"``) and headings are composed; the title (already split into
梯形 lines), tables, the signature and attachment headers flow as in the HTML.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import Counter
from dataclasses import dataclass
from typing import Any

from govreport import document as d
from govreport.i18n import _
from govreport.renderers._common import autospace_gap_pt, cell_role, heading_role
from govreport.renderers.html import block_view
from govreport.renderers.pdf.faces import FontPlan, runs_of_line
from govreport.style.profile import Profile
from govreport.text.linebreak import Line, autospace, compose, justified_spacing

#: What every page number prints: — 1 — (7.5).
PAGE_NUMBER_TEXT = "— 0123456789 —"


@dataclass(frozen=True, slots=True)
class Located:
    """A printed string, the font role it is set in, and where it is (for messages)."""

    where: str
    role: str
    text: str


def located_texts(document: d.Document) -> list[Located]:
    """Every printed string in reading order, with its role and a place a person can find."""
    out: list[Located] = []
    heading = ""
    n_para = 0
    for block in document.blocks:
        match block:
            case d.Title(lines=lines):
                out.append(Located(_("文件标题"), "title", "".join(lines)))
            case d.Heading():
                heading = block.full_text
                n_para = 0
                out.append(Located(_("小标题“{heading}”").format(heading=heading),
                                   heading_role(block.level), block.full_text))
            case d.Paragraph():
                n_para += 1
                if heading:
                    where = _("“{heading}”下第 {n} 段").format(heading=heading, n=n_para)
                else:
                    where = _("正文第 {n} 段").format(n=n_para)
                if block.lead:
                    out.append(Located(_("小标题“{heading}”").format(heading=block.lead),
                                       heading_role(block.lead_level), block.lead))
                out.append(Located(where, "body", block.text))
            case d.Table(rows=rows, caption=caption, name=name):
                label = caption or name or _("表格")
                if caption:
                    out.append(Located(_("表格“{table}”标题").format(table=label), "heading3", caption))
                for r, row in enumerate(rows, start=1):
                    for cell in row:
                        if cell.text:
                            role = cell_role(cell)
                            where = _("表格“{table}”第 {row} 行").format(table=label, row=r)
                            out.append(Located(where, role, cell.text))
            case d.Signature(body=body, date=date):
                out.append(Located(_("署名与成文日期"), "body", f"{body}{date}"))
            case d.AttachmentHeader(label=label, title=title):
                out.append(Located(_("附件“{title}”").format(title=title), "heading1", label))
                out.append(Located(_("附件“{title}”标题").format(title=title), "title", title))
            case d.PageBreak():
                pass
    out.append(Located(_("页码"), "page_number", PAGE_NUMBER_TEXT))
    return out


def text_by_role(located: list[Located]) -> dict[str, str]:
    roles: dict[str, list[str]] = {}
    for item in located:
        roles.setdefault(item.role, []).append(item.text)
    return {role: "\n".join(texts) for role, texts in roles.items()}


class PrintedSpacing:
    """How WeasyPrint 70 (with Pango 1.50) prints a ``letter-spacing`` between two glyphs of one run.

    The spacing becomes whole Pango units (1/1024 px, truncated); Pango puts half of it (truncated) in
    front of each glyph but the first, as an x-offset, and the rest after each glyph; WeasyPrint writes
    each glyph's x-offset scaled by 1024/1000 and the remaining adjustment as a whole number of thousandths
    of an em (truncated toward zero). So −0.25 pt at 16 pt prints as a gap of −0.2395 pt, not −0.25. The
    justification asks this model for the spacing whose *printed* gaps fill the line, so a justified line
    ends on the 版心's edge to within 0.02 pt instead of up to 0.5 pt off.
    """

    def __init__(self, size_pt: float) -> None:
        self.size_px = size_pt * 4 / 3
        self.size_pt = size_pt
        self._c = 1000 / 1024 / self.size_px  # Pango units → thousandths of an em
        self._solved: dict[tuple[float, int], int] = {}

    def _halves(self, units: int) -> tuple[int, int]:
        left = int(units / 2)  # C integer division truncates toward zero
        if units % 1024 == 0:
            left = (left + 512) & ~1023  # PANGO_UNITS_ROUND for whole pixels
        return left, units - left

    def gaps(self, units: int, count: int) -> float:
        """The printed total of ``count`` gaps at ``units`` Pango units, in points."""
        if count < 1:
            return 0.0
        left, right = self._halves(units)
        offset = left / self.size_px  # WeasyPrint's x-offset, in its (mis-scaled) thousandths
        first = offset - int(-right * self._c)
        middle = offset - int(offset - (left + right) * self._c)
        return (first + (count - 1) * middle) * self.size_pt / 1000

    @staticmethod
    def units(spacing_pt: float) -> int:
        return int(spacing_pt * 4 / 3 * 1024)

    def solve(self, total_pt: float, count: int) -> int:
        """The Pango units whose printed ``count`` gaps come closest to ``total_pt`` (never over by more
        than the nearest under). Remembered: most full lines of a report ask the same question."""
        key = (total_pt, count)
        units = self._solved.get(key)
        if units is None:
            if len(self._solved) >= 8192:  # bounded: a long-lived process renders many reports
                self._solved.clear()
            units = self._solved[key] = self._solve(total_pt, count)
        return units

    def _solve(self, total_pt: float, count: int) -> int:
        guess = self.units(total_pt / count)
        lo, hi = guess - 64, guess + 64  # the printed gaps grow with the units: bisect
        while hi - lo > 1:
            mid = (lo + hi) // 2
            if self.gaps(mid, count) < total_pt:
                lo = mid
            else:
                hi = mid
        return min((lo, hi), key=lambda u: abs(self.gaps(u, count) - total_pt))

    @staticmethod
    def css(units: int) -> str:
        """A CSS length WeasyPrint turns back into exactly ``units`` (a binary fraction of a px)."""
        return f"{units / 1024:.10f}".rstrip("0").rstrip(".") + "px"


@functools.lru_cache(maxsize=16)
def _printer(size_pt: float) -> PrintedSpacing:
    return PrintedSpacing(size_pt)


#: CSS class of a character followed by the 中西文间距 (profile ``body.autospace``), where a line is not
#: justified by its letter-spacing (the signature).
AUTOSPACE_CLASS = "as"


def autospace_css(profile: Profile) -> str:
    """The printed 中西文间距: the character before it keeps its letter-spacing, and the margin adds the
    rest of :func:`~govreport.renderers._common.autospace_gap_pt`."""
    return f".{AUTOSPACE_CLASS} {{ margin-right: {autospace_gap_pt(profile):.4f}pt; }}"


def spaced_pieces(text: str, gaps: list[float]) -> list[tuple[str, str]]:
    """``text`` as (CSS class, text) pieces: a character followed by a gap is a piece of its own with
    :data:`AUTOSPACE_CLASS`, which prints the gap as its right margin."""
    out: list[tuple[str, str]] = []
    seg = 0
    for i in range(len(text)):
        if i + 1 < len(text) and gaps[i + 1]:
            if seg < i:
                out.append(("", text[seg:i]))
            out.append((AUTOSPACE_CLASS, text[i]))
            seg = i + 1
    if seg < len(text):
        out.append(("", text[seg:]))
    return out


def _unspaced(line: Line, gaps: list[float]) -> Line:
    """``line`` as if its 中西文间距 were not there: a justified line spreads that room evenly."""
    return dataclasses.replace(line, width=line.width - sum(gaps[line.start + 1:line.end]))


def _lines(runs: list[tuple[str, str, str]], plan: FontPlan, profile: Profile,
           indent: float) -> list[dict[str, Any]]:
    """Break (CSS class, role, text) runs into lines; each line's letter-spacing justifies it.

    The lines break where Word, WPS and LibreOffice break them: the 中西文间距 (``body.autospace``) counts
    in each line's width. A justified line spreads its whole slack, that room included, evenly between
    its characters (one letter-spacing a line); a paragraph's last line keeps the natural spacing."""
    size = profile.pt("body.font_size")
    printer = _printer(size)
    natural_units = printer.units(profile.pt("body.letter_spacing"))
    spacing = printer.gaps(natural_units, 2) - printer.gaps(natural_units, 1)  # a middle gap as printed
    text = "".join(t for _f, _r, t in runs)
    widths: list[float] = []
    for _face, role, t in runs:
        widths.extend(plan.advances(role, t, size))
    gaps = autospace(text, autospace_gap_pt(profile))
    lines = compose(text, widths, profile.type_width_pt, first_indent=indent, spacing=spacing, gaps=gaps)
    pieces = [(cls, t) for cls, _, t in runs]
    views: list[dict[str, Any]] = []
    for ln in lines:
        # A gap of more than one 字 between characters reads as a hole: such a line stays ragged.
        target = justified_spacing(_unspaced(ln, gaps), spacing, max_stretch=profile.pt("body.max_justify_gap"))
        units = natural_units if target is None else printer.solve(target * (ln.glyphs - 1), ln.glyphs - 1)
        views.append({"ls": printer.css(units), "pieces": runs_of_line(ln, pieces)})
    return views


class SpacingClasses:
    """One CSS class per distinct ``letter-spacing`` of a document (``ls0``, ``ls1``… in order of first use).

    A class, unlike a ``style`` attribute, lets WeasyPrint share one computed style among every element
    that uses it (it keys its style cache on the declarations' identity, and each ``style`` attribute is
    parsed into declarations of its own): the composed sample styles 2.4× fewer elements from scratch
    and lays out about as fast as the flowing web HTML.
    """

    def __init__(self) -> None:
        self._names: dict[str, str] = {}

    def name(self, spacing: str) -> str:
        return self._names.setdefault(spacing, f"ls{len(self._names)}")

    def css(self) -> str:
        return "\n".join(f".{name} {{ letter-spacing: {spacing}; }}" for spacing, name in self._names.items())


def _with_lines(view: dict[str, Any], lines: list[dict[str, Any]], classes: SpacingClasses) -> None:
    """The block takes its lines' most common spacing; only the other lines get a span of their own
    (about four times fewer elements for WeasyPrint to style and lay out)."""
    common = Counter(ln["ls"] for ln in lines).most_common(1)[0][0]
    view["ls"] = classes.name(common)
    view["lines"] = [{"ls": None if ln["ls"] == common else classes.name(ln["ls"]), "pieces": ln["pieces"]}
                     for ln in lines]


def block_views(document: d.Document, profile: Profile, plan: FontPlan) -> tuple[list[dict[str, Any]], str]:
    """The template's block views, with ``lines`` for composed paragraphs and headings, and the CSS of
    their spacing classes (:class:`SpacingClasses`)."""
    views: list[dict[str, Any]] = []
    classes = SpacingClasses()
    size, spacing = profile.pt("body.font_size"), profile.pt("body.letter_spacing")

    gap = autospace_gap_pt(profile)

    def measure(text: str) -> float:  # a body text as the embedded fonts set it, 中西文间距 included
        return sum(plan.advances("body", text, size)) + spacing * len(text) + sum(autospace(text, gap))

    for i, block in enumerate(document.blocks):
        view = block_view(block, i, profile, measure)
        if isinstance(block, d.Paragraph) and block.align == "justify" and block.full_text:
            runs: list[tuple[str, str, str]] = []
            if block.lead:
                runs.append((f"lead lead-{block.lead_level}", heading_role(block.lead_level),
                             block.lead))
            runs.append(("", "body", block.text))
            indent = profile.pt("body.first_line_indent") if block.indent else 0.0
            _with_lines(view, _lines(runs, plan, profile, indent), classes)
        elif isinstance(block, d.Signature):
            view["body_pieces"] = spaced_pieces(block.body, autospace(block.body, gap))
            view["date_pieces"] = spaced_pieces(block.date, autospace(block.date, gap))
        elif isinstance(block, d.Heading):
            role = heading_role(block.level)
            _with_lines(view, _lines([("", role, block.full_text)], plan, profile, profile.pt("heading.indent")),
                        classes)
        views.append(view)
    return views, classes.css() + "\n" + autospace_css(profile)
