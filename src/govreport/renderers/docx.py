"""DOCX for filing: python-docx, GB/T 9704 layout in Word's terms (approach A of docs/layout.md).

Fixed 579-twip lines with ``snapToGrid`` off and a line-only ``docGrid``, −0.25 pt on every run,
official font names in ``w:eastAsia``, "— PAGE —" footers odd right / even left, ``w:tblHeader`` on
table header rows, and reproducible bytes (fixed core properties, sorted zip entries, fixed times).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, ClassVar

from govreport import document as d
from govreport.renderers import _ooxml as ox
from govreport.style.profile import Profile

_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def reproducible_zip(data: bytes) -> bytes:
    """Re-pack a DOCX with sorted entries and fixed timestamps, so equal input gives equal bytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(src.namelist()):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 0
            dst.writestr(info, src.read(name))
    return out.getvalue()


class _Builder:
    """Builds one DOCX from a document; all numbers from the profile."""

    def __init__(self, document: d.Document, profile: Profile) -> None:
        from docx import Document as new_docx

        self.doc = document
        self.p = profile
        self.word = new_docx()
        body = self.word.element.body
        for child in list(body):
            if child.tag.endswith("}p"):
                body.remove(child)

    # -- styles --------------------------------------------------------------------------------
    def _style_run(self, rpr: Any, role: str, size_pt: float, spacing: bool = True) -> None:
        font = self.p.font(role)
        ox.rpr_fonts(rpr, font.docx, font.latin)
        ox.rpr_size(rpr, round(size_pt * 2))
        ox.rpr_lang(rpr)
        if spacing:
            ox.rpr_spacing(rpr, round(self.p.pt("body.letter_spacing") * 20))

    def setup(self) -> None:
        p = self.p
        word = self.word
        ox.settings_east_asia(word.settings.element)
        word.settings.odd_and_even_pages_header_footer = True
        section = word.sections[0]
        section.page_width = _emu(p.pt("page.width"))
        section.page_height = _emu(p.pt("page.height"))
        section.top_margin = _emu(p.pt("page.margin_top"))
        section.bottom_margin = _emu(p.pt("page.margin_bottom"))
        section.left_margin = _emu(p.pt("page.margin_left"))
        section.right_margin = _emu(p.pt("page.margin_right"))
        # Footer: the page number's top 7 mm below the type area (7.5); the footer's bottom edge sits
        # one 4号 line below that.
        pn = p.pt("page_number.font_size")
        section.footer_distance = _emu(max(0.0, p.pt("page.margin_bottom") - p.pt("page_number.offset") - pn * 1.3))
        section.header_distance = _emu(p.pt("page.margin_top") / 2)
        ox.sectpr_line_grid(section._sectPr, p.twips("body.line_pitch"))

        styles = word.styles
        normal = styles["Normal"]
        self._style_run(normal.element.get_or_add_rPr(), "body", p.pt("body.font_size"))
        ppr = normal.element.get_or_add_pPr()
        ox.ppr_exact_line(ppr, p.twips("body.line_pitch"))
        ox.ppr_grid_and_breaking(ppr)
        ox.ppr_indent(ppr, first_line=p.twips("body.first_line_indent"))
        normal.paragraph_format.alignment = _jc("justify")
        # docDefaults: Chinese language and fonts for anything that is not styled.
        defaults = word.styles.element.find(ox.qn("w:docDefaults"))
        if defaults is not None:
            rpr_default = defaults.find(ox.qn("w:rPrDefault"))
            if rpr_default is not None:
                rpr = rpr_default.find(ox.qn("w:rPr"))
                if rpr is not None:
                    ox.rpr_fonts(rpr, p.font("body").docx, p.font("body").latin)
                    ox.rpr_lang(rpr)

        for level, role in ((1, "heading1"), (2, "heading2"), (3, "heading3"), (4, "heading3")):
            st = styles[f"Heading {level}"]
            rpr = st.element.get_or_add_rPr()
            self._style_run(rpr, role, p.pt("body.font_size"))
            ox.rpr_plain(rpr)
            hppr = st.element.get_or_add_pPr()
            ox.ppr_exact_line(hppr, p.twips("body.line_pitch"))
            ox.ppr_grid_and_breaking(hppr)
            ox.ppr_indent(hppr, first_line=p.twips("heading.indent"))
            ox.ppr_keep_next(hppr, True)
            ox.ppr_outline_level(hppr, level - 1)

        title = styles["Title"]
        rpr = title.element.get_or_add_rPr()
        self._style_run(rpr, "title", p.pt("title.font_size"), spacing=False)
        ox.rpr_plain(rpr)
        tppr = title.element.get_or_add_pPr()
        # The title's pBdr (a blue rule in the default template) is removed.
        border = tppr.find(ox.qn("w:pBdr"))
        if border is not None:
            tppr.remove(border)
        ox.ppr_exact_line(tppr, p.twips("title.line_spacing"))
        ox.ppr_grid_and_breaking(tppr)
        ox.ppr_indent(tppr, first_line=0)
        title.paragraph_format.alignment = _jc("center")

        self._footers()

    def _footers(self) -> None:
        p = self.p
        section = self.word.sections[0]
        side = round(p.quantity("page_number.side_indent").value * p.pt("page_number.font_size") * 20)
        for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
            footer.is_linked_to_previous = False
            para = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
            ppr = para._p.get_or_add_pPr()
            ox.ppr_indent(ppr, first_line=0, left=side if align == "left" else 0,
                          right=side if align == "right" else 0)
            ox.ppr_grid_and_breaking(ppr)
            spacing = ppr.find(ox.qn("w:spacing"))
            if spacing is not None:
                ppr.remove(spacing)
            para.paragraph_format.alignment = _jc(align)
            lead = para.add_run("— ")
            self._style_run(lead._r.get_or_add_rPr(), "page_number", p.pt("page_number.font_size"), spacing=False)
            ox.append_field(para, "PAGE", lead._r.find(ox.qn("w:rPr")))
            tail = para.add_run(" —")
            self._style_run(tail._r.get_or_add_rPr(), "page_number", p.pt("page_number.font_size"), spacing=False)

    # -- blocks --------------------------------------------------------------------------------
    def build(self) -> None:
        for block in self.doc.blocks:
            match block:
                case d.Title(lines=lines):
                    para = self.word.add_paragraph(style="Title")
                    for i, line in enumerate(lines):
                        run = para.add_run(line)
                        if i < len(lines) - 1:
                            run.add_break()
                    # 空一行 after the title (7.3.2)
                    self.word.add_paragraph()
                case d.Heading(level=level):
                    self.word.add_paragraph(block.full_text, style=f"Heading {level}")
                case d.Paragraph():
                    para = self.word.add_paragraph()
                    if block.lead:
                        lead = para.add_run(block.lead)
                        role = {1: "heading1", 2: "heading2"}.get(block.lead_level, "heading3")
                        self._style_run(lead._r.get_or_add_rPr(), role, self.p.pt("body.font_size"))
                    para.add_run(block.text)
                    if not block.indent:
                        ox.ppr_indent(para._p.get_or_add_pPr(), first_line=0)
                    if block.align != "justify":
                        para.paragraph_format.alignment = _jc(block.align)
                case d.Signature(body=body, date=date):
                    self._signature(body, date)
                case d.AttachmentHeader(label=label, title=title):
                    self._attachment(label, title)
                case d.Table():
                    self._table(block)
                case d.PageBreak():
                    from docx.enum.text import WD_BREAK

                    self.word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _signature(self, body: str, date: str) -> None:
        p = self.p
        self.word.add_paragraph()  # 空一行 (7.3.5.2)
        right = p.twips("signature.right_indent")
        name = self.word.add_paragraph(body)
        ox.ppr_indent(name._p.get_or_add_pPr(), first_line=0, right=right)
        name.paragraph_format.alignment = _jc("right")
        # The date starts date_shift 字 right of the name's first character.
        pitch = p.char_pitch_pt
        shift = p.pt("signature.date_shift")
        date_right = max(0, round((right / 20 + len(body) * pitch - shift - len(date) * pitch * 0.75) * 20))
        when = self.word.add_paragraph(date)
        ox.ppr_indent(when._p.get_or_add_pPr(), first_line=0, right=min(date_right, right))
        when.paragraph_format.alignment = _jc("right")

    def _attachment(self, label: str, title: str) -> None:
        from docx.enum.text import WD_BREAK

        para = self.word.add_paragraph()
        para.add_run().add_break(WD_BREAK.PAGE)
        run = para.add_run(label)
        self._style_run(run._r.get_or_add_rPr(), "heading1", self.p.pt("body.font_size"))
        ox.ppr_indent(para._p.get_or_add_pPr(), first_line=0)
        self.word.add_paragraph()  # line 2
        heading = self.word.add_paragraph(title, style="Title")  # line 3 (7.3.7)
        heading.paragraph_format.alignment = _jc("center")

    def _table(self, table: d.Table) -> None:
        p = self.p
        placements = table.placements()
        n_rows, n_cols = len(table.rows), len(table.widths)
        if table.caption:
            cap = self.word.add_paragraph(table.caption)
            ox.ppr_indent(cap._p.get_or_add_pPr(), first_line=0)
            cap.paragraph_format.alignment = _jc("center")
        grid = self.word.add_table(rows=n_rows, cols=n_cols)
        ox.tbl_borders(grid, max(2, round(p.pt("table.border_width") * 8)))
        ox.tbl_layout_fixed(grid)
        total = sum(table.widths) or 1.0
        width_pt = p.type_width_pt
        for i, col in enumerate(grid.columns):
            w = _emu(width_pt * table.widths[i] / total)
            col.width = w
            for cell in col.cells:
                cell.width = w
        for r in range(min(table.header_rows, n_rows)):
            ox.tr_header(grid.rows[r])
        size = p.pt("table.font_size")
        line = p.twips("table.line_height")
        for pl in placements:
            cell = grid.cell(pl.row, pl.col)
            if pl.cell.rowspan > 1 or pl.cell.colspan > 1:
                cell = cell.merge(grid.cell(pl.row + pl.cell.rowspan - 1, pl.col + pl.cell.colspan - 1))
            ox.tc_vertical_center(cell)
            para = cell.paragraphs[0]
            run = para.add_run(pl.cell.text)
            role = "table_header" if pl.cell.role == "header" else "table"
            self._style_run(run._r.get_or_add_rPr(), role, size, spacing=False)
            ppr = para._p.get_or_add_pPr()
            ox.ppr_indent(ppr, first_line=0)
            ox.ppr_exact_line(ppr, line)
            para.paragraph_format.alignment = _jc(pl.cell.align)

    def core_properties(self) -> None:
        import datetime as dt

        meta = self.doc.meta
        cp = self.word.core_properties
        stamp = dt.datetime.combine(meta.date, dt.time(0, 0))
        cp.title = meta.title
        cp.author = meta.author
        cp.last_modified_by = meta.author
        cp.subject = meta.subject
        cp.keywords = ", ".join(meta.keywords)
        cp.language = meta.language
        cp.created = stamp
        cp.modified = stamp
        cp.last_printed = stamp
        cp.revision = 1
        cp.comments = ""
        cp.category = "政府信息公开工作年度报告"

    def save(self) -> bytes:
        buf = io.BytesIO()
        self.word.save(buf)
        return reproducible_zip(buf.getvalue())


def _emu(pt: float) -> Any:
    from docx.shared import Emu

    return Emu(round(pt * 12700))


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
        builder = _Builder(document, profile)
        builder.setup()
        builder.build()
        builder.core_properties()
        return builder.save()
