"""DOCX for filing: GB/T 9704 layout in Word's terms (approach A: fixed lines plus tightened runs).

* Page: A4, margins 37/35/28/26 mm; a line-only ``w:docGrid`` (Word's character grid is misread by
  LibreOffice); every paragraph on an exact 579-twip line with ``snapToGrid`` and widow control off, so
  22 lines fill the 版心; −0.25 pt on every body run, so 28 字 of 3号 fill a line.
* Fonts by role in ``w:eastAsia`` with ``w:hint="eastAsia"``, Latin and digits per profile, ``w:lang``
  zh-CN; none of python-docx's Japanese template fonts left anywhere in the package.
* Page numbers "— PAGE —" in 4号 宋体, odd pages right and even pages left, one 字 in, the 一字线 7 mm
  below the 版心 (7.5); on landscape table pages the number is turned and stays where a portrait page has
  it (8), in a floating one-cell table with ``tbRl`` text.
* 禁则 (``w:kinsoku``) on, no hanging punctuation in Word, WPS and LibreOffice (``w:overflowPunct`` in
  ``mc:AlternateContent``: LibreOffice reads it inverted; docs/layout-docx.md); Word's 中西文间距 kept on,
  as LibreOffice cannot turn it off and the PDF composes with it.
* Tables: single rules, cell margins and row heights as in the PDF, the left rule on the 版心's edge,
  columns that add up, header rows repeated (``w:tblHeader``), rows of 表头 cells and a group label's
  first row kept with the next row, merged cells from the document tree.
* Signature (7.3.5.2, unsealed) and 附件 pages (7.3.7).
* Reproducible bytes: core properties from the report, sorted zip entries, fixed timestamps.

Every number comes from the style profile; every piece of XML python-docx cannot write comes from
:mod:`govreport.renderers._ooxml`.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import zipfile
from typing import Any, ClassVar

from govreport import document as d
from govreport._version import __version__
from govreport.renderers import _ooxml as ox
from govreport.renderers._common import (
    HEADING_ROLES,
    cell_role,
    estimated_width_pt,
    heading_role,
    rows_kept_with_next,
    signature_padding,
)
from govreport.renderers.base import NoOptions, parse_options
from govreport.style.profile import Profile
from govreport.style.units import EMU_PER_PT, pt_to_half_points, pt_to_twips

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(data: bytes) -> bytes:
    """Re-pack a DOCX with sorted entries and fixed timestamps, so equal input gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()



#: The longest string a DOCX core property may hold (python-docx refuses more; Word shows no more).
CORE_PROPERTY_MAX = 255


def _fit(text: str) -> str:
    """A core property value: the metadata is shortened, never the printed text (a title of 300
    characters is printed whole; its ``dc:title`` ends in "…")."""
    text = " ".join(text.split())
    return text if len(text) <= CORE_PROPERTY_MAX else text[: CORE_PROPERTY_MAX - 1] + "…"


class _Builder:
    """Builds one DOCX from a document; all numbers from the profile."""

    def __init__(self, document: d.Document, profile: Profile) -> None:
        from docx import Document as new_docx

        self.doc = document
        self.p = profile
        self.word = new_docx()
        body = self.word.element.body
        for element in list(body):
            if element.tag == ox.qn("w:p"):
                body.remove(element)
        self._in_landscape = False
        self._portrait_refs: Any = None

    def _add_paragraph(self, text: str = "", style: str | None = None) -> Any:
        """``Document.add_paragraph`` in constant time: python-docx looks for the body's ``w:sectPr``
        from the first child for every new paragraph (quadratic in the paragraph count: 100,000
        paragraphs took minutes); the ``w:sectPr`` is always the body's last child."""
        from docx.oxml import OxmlElement
        from docx.text.paragraph import Paragraph

        body = self.word.element.body
        element = OxmlElement("w:p")
        last = next(body.iterchildren(reversed=True), None)  # len() and find() walk every child
        if last is not None and last.tag == ox.qn("w:sectPr"):
            last.addprevious(element)
        else:
            body.append(element)
        para = Paragraph(element, self.word._body)
        if text:
            para.add_run(text)
        if style is not None:
            para.style = style
        return para

    # -- geometry ------------------------------------------------------------------------------
    def _page_number_line_top(self) -> float:
        """Top of the page-number line, from the top of a portrait page (pt): the 一字线's top edge lies
        ``page_number.offset`` below the 版心 (7.5)."""
        p = self.p
        size = p.pt("page_number.font_size")
        baseline = (p.pt("page.margin_top") + p.type_height_pt + p.pt("page_number.offset")
                    + p.quantity("page_number.dash_rise").value * size)
        return baseline - p.quantity("docx.exact_baseline").value * p.pt("page_number.line_height")

    def _page_setup(self, section: Any, landscape: bool) -> None:
        from docx.enum.section import WD_ORIENT

        p = self.p
        top, bottom = p.pt("page.margin_top"), p.pt("page.margin_bottom")
        left, right = p.pt("page.margin_left"), p.pt("page.margin_right")
        width, height = p.pt("page.width"), p.pt("page.height")
        if landscape:
            # 8: the table's head faces the 订口 on odd pages and the 切口 on even ones, i.e. the physical
            # left edge of a page turned 90° clockwise: the portrait margins turn with it.
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = _emu(height), _emu(width)
            section.top_margin, section.bottom_margin = _emu(left), _emu(right)
            section.left_margin, section.right_margin = _emu(bottom), _emu(top)
            section.footer_distance = _emu(p.pt("page_number.line_height"))
        else:
            section.orientation = WD_ORIENT.PORTRAIT
            section.page_width, section.page_height = _emu(width), _emu(height)
            section.top_margin, section.bottom_margin = _emu(top), _emu(bottom)
            section.left_margin, section.right_margin = _emu(left), _emu(right)
            line_top = self._page_number_line_top()
            section.footer_distance = _emu(height - line_top - p.pt("page_number.line_height"))
        section.header_distance = _emu(p.pt("page.margin_top") / 2)
        section.gutter = 0
        ox.docGrid(section._sectPr, p.twips("body.line_pitch"))

    # -- styles --------------------------------------------------------------------------------
    def _style_run(self, rpr: Any, role: str, size_pt: float, spacing: bool = True) -> None:
        font = self.p.font(role)
        ox.rFonts(rpr, font.docx, font.latin)
        ox.sz(rpr, pt_to_half_points(size_pt))
        ox.lang(rpr)
        if spacing:
            ox.char_spacing(rpr, pt_to_twips(self.p.pt("body.letter_spacing")))

    def setup(self) -> None:
        p = self.p
        word = self.word
        ox.themeFontLang(word.settings.element)
        word.settings.odd_and_even_pages_header_footer = True
        self._page_setup(word.sections[0], landscape=False)

        line = p.twips("body.line_pitch")
        defaults = word.styles.element.find(ox.qn("w:docDefaults"))
        if defaults is not None:  # anything not styled: Chinese, 3号, on the grid
            rpr = defaults.find(f"{ox.qn('w:rPrDefault')}/{ox.qn('w:rPr')}")
            if rpr is not None:
                self._style_run(rpr, "body", p.pt("body.font_size"), spacing=False)
            ppr = defaults.find(f"{ox.qn('w:pPrDefault')}/{ox.qn('w:pPr')}")
            if ppr is not None:
                ox.exact_line(ppr, line)

        styles = word.styles
        normal = styles["Normal"]
        self._style_run(normal.element.get_or_add_rPr(), "body", p.pt("body.font_size"))
        ppr = normal.element.get_or_add_pPr()
        ox.exact_line(ppr, line)
        ox.line_breaking(ppr)
        ox.ind(ppr, first_line=p.twips("body.first_line_indent"))
        normal.paragraph_format.alignment = _jc("justify")

        for level, role in HEADING_ROLES.items():
            st = styles[f"Heading {level}"]
            rpr = st.element.get_or_add_rPr()
            self._style_run(rpr, role, p.pt("body.font_size"))
            ox.plain(rpr)
            hppr = st.element.get_or_add_pPr()
            ox.exact_line(hppr, line)
            ox.line_breaking(hppr)
            ox.ind(hppr, first_line=p.twips("heading.indent"))
            ox.keep_next(hppr, True)
            ox.outline_lvl(hppr, level - 1)
            st.paragraph_format.alignment = _jc("justify")

        title = styles["Title"]
        rpr = title.element.get_or_add_rPr()
        self._style_run(rpr, "title", p.pt("title.font_size"), spacing=False)
        ox.plain(rpr)
        ox.remove_child(rpr, "w:kern")
        tppr = title.element.get_or_add_pPr()
        ox.no_border(tppr)
        ox.exact_line(tppr, p.twips("title.line_spacing"))
        ox.line_breaking(tppr)
        ox.ind(tppr, first_line=0)
        ox.keep_next(tppr, True)
        title.paragraph_format.alignment = _jc("center")

        footer_style = styles["Footer"] if "Footer" in [s.name for s in styles] else None
        if footer_style is not None:
            self._style_run(footer_style.element.get_or_add_rPr(), "page_number",
                            p.pt("page_number.font_size"), spacing=False)

        self._portrait_footers(word.sections[0])
        self._portrait_refs = copy.deepcopy(word.sections[0]._sectPr)

    # -- page numbers --------------------------------------------------------------------------
    def _page_number_runs(self, para: Any) -> None:
        """"— PAGE —": 一字线 (U+2014) either side of a real PAGE field, half-width spaces (7.5)."""
        size = self.p.pt("page_number.font_size")
        lead = para.add_run("— ")
        rpr = lead._r.get_or_add_rPr()
        self._style_run(rpr, "page_number", size, spacing=False)
        for run in ox.field_runs("PAGE", rpr):
            para._p.append(run)
        tail = para.add_run(" —")
        self._style_run(tail._r.get_or_add_rPr(), "page_number", size, spacing=False)

    def _footer_paragraph(self, para: Any, align: str, side_twips: int) -> None:
        ppr = para._p.get_or_add_pPr()
        ox.exact_line(ppr, self.p.twips("page_number.line_height"))
        ox.line_breaking(ppr)
        ox.ind(ppr, first_line=0, left=side_twips if align == "left" else 0,
               right=side_twips if align == "right" else 0)
        para.paragraph_format.alignment = _jc(align)

    def _portrait_footers(self, section: Any) -> None:
        side = pt_to_twips(self.p.pt("page_number.side_indent"))
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            for run in list(para.runs):
                para._p.remove(run._r)
            self._footer_paragraph(para, align, side)
            self._page_number_runs(para)

    def _rotated_footers(self, section: Any) -> None:
        """Landscape pages (8): the number stays where the portrait page has it, turned 90° with the page:
        odd pages at the table's lower left, even pages at its upper left, in a floating one-cell table
        with ``tbRl`` text, anchored to the page."""
        p = self.p
        portrait_height = p.pt("page.height")
        line = p.pt("page_number.line_height")
        length = p.pt("page_number.rotated_length")
        # Landscape x = distance from the portrait page's bottom edge; landscape y = portrait x.
        x = portrait_height - self._page_number_line_top() - line
        side = self.p.pt("page_number.side_indent")
        odd_y = p.pt("page.margin_left") + p.type_width_pt - side - length
        even_y = p.pt("page.margin_left") + side
        for footer, align, y in ((section.footer, "right", odd_y), (section.even_page_footer, "left", even_y)):
            footer.is_linked_to_previous = True  # drop the inherited (portrait) reference …
            footer.is_linked_to_previous = False  # … and start a footer of this section's own
            anchor = footer.paragraphs[0]
            table = footer.add_table(1, 1, _emu(line))
            tbl = table._tbl
            ox.tblStyle_none(tbl)
            ox.tblpPr(tbl, pt_to_twips(x), pt_to_twips(y))
            ox.tblW(tbl, pt_to_twips(line))
            ox.tblLayout_fixed(tbl)
            ox.tblNoBorders(tbl)
            ox.tblCellMar(tbl, 0, 0)
            ox.trHeight(table.rows[0]._tr, pt_to_twips(length))
            cell = table.cell(0, 0)
            cell.width = _emu(line)
            ox.textDirection(cell._tc, "tbRl")
            ox.vAlign(cell._tc, "top")
            para = cell.paragraphs[0]
            self._footer_paragraph(para, align, 0)
            self._page_number_runs(para)
            # The footer's closing paragraph (a footer must end with one) stays empty and tiny.
            anchor._p.getparent().remove(anchor._p)
            closing = footer.add_paragraph()
            cppr = closing._p.get_or_add_pPr()
            ox.exact_line(cppr, pt_to_twips(1.0))  # a 1 pt line: the empty closing paragraph
            ox.ind(cppr, first_line=0)

    # -- blocks --------------------------------------------------------------------------------
    def build(self) -> None:
        blocks = self.doc.blocks
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            match block:
                case d.Title(lines=lines):
                    self._title(lines)
                case d.Heading(level=level):
                    self._add_paragraph(block.full_text, style=f"Heading {min(level, 4)}")
                case d.Paragraph():
                    self._paragraph(block)
                case d.Signature(body=body, date=date):
                    self._signature(body, date)
                case d.AttachmentHeader(label=label, title=title):
                    if isinstance(following, d.Table) and following.landscape:
                        self._landscape_begin()  # the attachment's heading goes on the table's page
                        self._attachment(label, title, new_page=False)
                    else:
                        self._attachment(label, title)
                case d.Table():
                    if block.landscape:
                        if not self._in_landscape:
                            self._landscape_begin()
                        self._table(block, width_pt=self.p.type_height_pt)
                        self._landscape_end()
                    else:
                        self._table(block)
                case d.PageBreak():
                    para = self._add_paragraph()
                    ox.page_break_before(para._p.get_or_add_pPr())

    def _blank_line(self) -> Any:
        para = self._add_paragraph()
        ox.ind(para._p.get_or_add_pPr(), first_line=0)
        return para

    def _title(self, lines: tuple[str, ...] | list[str]) -> None:
        """The title (7.3.1), its lines already split as a 梯形/菱形, then 空一行 (7.3.2)."""
        para = self._add_paragraph(style="Title")
        for i, line in enumerate(lines):
            run = para.add_run(line)
            if i < len(lines) - 1:
                run.add_break()
        for _ in range(round(self.p.quantity("title.space_after").value)):
            self._blank_line()

    def _paragraph(self, block: d.Paragraph) -> None:
        para = self._add_paragraph()
        if block.lead:
            lead = para.add_run(block.lead)
            role = heading_role(block.lead_level)
            self._style_run(lead._r.get_or_add_rPr(), role, self.p.pt("body.font_size"))
        para.add_run(block.text)
        if not block.indent:
            ox.ind(para._p.get_or_add_pPr(), first_line=0)
        if block.align != "justify":
            para.paragraph_format.alignment = _jc(block.align)

    def _signature(self, body: str, date: str) -> None:
        """署名 and 成文日期, unsealed (7.3.5.2): 空一行 below the body; the name 右空二字; the date on the
        next line starting two 字 right of the name's first character. A date longer than the name is
        set 右空二字 and the name's right indent grows to keep the two-字 offset."""
        p = self.p
        for _ in range(round(p.quantity("signature.space_before").value)):
            ox.keep_next(self._blank_line()._p.get_or_add_pPr())
        w_name, w_date = estimated_width_pt(p, body), estimated_width_pt(p, date)
        name = self._add_paragraph(body)
        nppr = name._p.get_or_add_pPr()
        ox.line_breaking(nppr)
        ox.keep_next(nppr)
        name.paragraph_format.alignment = _jc("right")
        when = self._add_paragraph(date)
        wppr = when._p.get_or_add_pPr()
        ox.line_breaking(wppr)
        # Both lines flush right with the paddings the PDF uses (renderers/_common.signature_padding):
        # the name 右空二字 and the date's first character two 字 right of the name's, or, for a date
        # longer than the name, the date 右空二字. The widths are estimated with the 中西文间距 that
        # Word, WPS and LibreOffice put between Han characters and digits; a date set from a fixed
        # left indent would wrap its last character where the estimate falls short.
        name_pad, date_pad = signature_padding(p, w_name, w_date)
        ox.ind(nppr, first_line=0, right=pt_to_twips(name_pad))
        ox.ind(wppr, first_line=0, right=pt_to_twips(date_pad))
        when.paragraph_format.alignment = _jc("right")

    def _attachment(self, label: str, title: str, new_page: bool = True) -> None:
        """附件 (7.3.7): a new page; "附件N" in 3号 黑体 flush left on line 1; the title centred on line 3,
        formatted like the document title; then 空一行."""
        p = self.p
        para = self._add_paragraph()
        ppr = para._p.get_or_add_pPr()
        if new_page:
            ox.page_break_before(ppr)
        ox.ind(ppr, first_line=0)
        ox.keep_next(ppr)
        run = para.add_run(label)
        self._style_run(run._r.get_or_add_rPr(), "heading1", p.pt("body.font_size"))
        for _ in range(round(p.quantity("attachment.title_line").value) - 2):
            ox.keep_next(self._blank_line()._p.get_or_add_pPr())
        self._title((title,))

    def _table(self, table: d.Table, width_pt: float | None = None) -> None:
        p = self.p
        placements = table.placements()
        n_rows, n_cols = len(table.rows), len(table.widths)
        if table.caption:
            cap = self._add_paragraph(table.caption)
            cppr = cap._p.get_or_add_pPr()
            ox.ind(cppr, first_line=0)
            ox.keep_next(cppr)
            cap.paragraph_format.alignment = _jc("center")
        grid = self.word.add_table(rows=n_rows, cols=n_cols)
        tbl = grid._tbl
        ox.tblStyle_none(tbl)
        width = width_pt if width_pt is not None else p.type_width_pt
        ox.tblW(tbl, pt_to_twips(width))
        ox.tblBorders(tbl, max(2, round(p.pt("table.border_width") * 8)))
        ox.tblLayout_fixed(tbl)
        padding = pt_to_twips(p.pt("table.cell_padding"))
        # The profile's padding on all four sides, as in the PDF (a row is its line plus 2 × padding).
        ox.tblCellMar(tbl, padding, padding, top=padding, bottom=padding)
        ox.tblInd(tbl, padding)  # the left rule on the 版心's edge (see ox.tblInd)
        # Column widths in whole twips that add up to the table's width exactly.
        columns = _shares(pt_to_twips(width), table.widths)
        ox.gridCol_widths(tbl, columns)
        # Every cell, row by row, taken once before any merge: python-docx rebuilds this list at each
        # grid.cell(r, c), which made a 表三 (28 × 10) take ≈1 s. Merges never touch another cell's
        # corners (the placements tile the grid), so the list stays valid for them.
        cells = grid._cells
        for r in range(n_rows):
            for i in range(n_cols):
                ox.tcW(cells[r * n_cols + i]._tc, columns[i])
        for r, row in enumerate(grid.rows):
            ox.cantSplit(row._tr)
            if r < table.header_rows:
                ox.tblHeader(row._tr)
        size = p.pt("table.font_size")
        line = p.twips("table.line_height")
        keep = rows_kept_with_next(table, placements)
        for pl in placements:
            cell = cells[pl.row * n_cols + pl.col]
            if pl.cell.rowspan > 1 or pl.cell.colspan > 1:
                cell = cell.merge(cells[(pl.row + pl.cell.rowspan - 1) * n_cols + pl.col + pl.cell.colspan - 1])
            ox.vAlign(cell._tc, "center")
            para = cell.paragraphs[0]
            if pl.cell.text:
                run = para.add_run(pl.cell.text)
                role = cell_role(pl.cell)
                rpr = run._r.get_or_add_rPr()
                self._style_run(rpr, role, size, spacing=False)
                ox.char_spacing(rpr, 0)  # not the body's −0.25 pt (Normal's): cells are set as in the PDF
            ppr = para._p.get_or_add_pPr()
            ox.ind(ppr, first_line=0)
            ox.exact_line(ppr, line)
            if pl.row in keep:
                ox.keep_next(ppr)
            para.paragraph_format.alignment = _jc(pl.cell.align)

    def _landscape_begin(self) -> None:
        """Start a landscape section (8) on a new page, with the turned page numbers."""
        from docx.enum.section import WD_SECTION

        land = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._page_setup(land, landscape=True)
        self._rotated_footers(land)
        self._in_landscape = True

    def _landscape_end(self) -> None:
        """Back to portrait pages, with the document's own footers."""
        from docx.enum.section import WD_SECTION

        back = self.word.add_section(WD_SECTION.NEW_PAGE)
        self._page_setup(back, landscape=False)
        ox.copy_footer_references(back._sectPr, self._portrait_refs)
        self._in_landscape = False

    # -- package -------------------------------------------------------------------------------
    def core_properties(self) -> None:
        meta = self.doc.meta
        cp = self.word.core_properties
        stamp = dt.datetime.combine(meta.date, dt.time(0, 0))
        cp.title = _fit(meta.title)
        cp.author = _fit(meta.author)
        cp.last_modified_by = _fit(meta.author)
        cp.subject = _fit(meta.subject)
        cp.keywords = _fit(", ".join(meta.keywords))
        cp.language = _fit(meta.language)
        cp.created = stamp
        cp.modified = stamp
        cp.last_printed = stamp
        cp.revision = 1
        cp.comments = ""
        cp.category = _fit(meta.subject)

    def finish(self) -> None:
        roles = self.p.font_roles
        fonts = [f for role in roles.values() for f in (role.docx, role.latin)]
        ox.clean_package(self.word, fonts, major=self.p.font("title").docx, minor=self.p.font("body").docx,
                         latin=self.p.font("body").latin, application=f"govreport {__version__}")

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.word.save(buf)
        return reproducible_zip(buf.getvalue())


def _shares(total: int, weights: tuple[float, ...] | list[float]) -> list[int]:
    """``total`` split in proportion to ``weights`` into whole numbers that add up to ``total``
    (largest remainders get the leftover units, ties to the left)."""
    weight = sum(weights) or 1.0
    exact = [total * w / weight for w in weights]
    out = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - out[i]), i))
    for i in order[: total - sum(out)]:
        out[i] += 1
    return out


def _emu(pt: float) -> Any:
    from docx.shared import Emu

    return Emu(round(pt * EMU_PER_PT))


def _jc(align: str) -> Any:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    return {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    }[align]


class DocxRenderer:
    name: ClassVar[str] = "docx"
    extension: ClassVar[str] = "docx"
    media_type: ClassVar[str] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

    def render(self, document: d.Document, profile: Profile, **options: Any) -> bytes:
        parse_options(NoOptions, options, self.name)
        builder = _Builder(document, profile)
        builder.setup()
        builder.build()
        builder.core_properties()
        builder.finish()
        return builder.save()
