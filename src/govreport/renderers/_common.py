"""What several renderers share: font roles of the tree's blocks, and layout geometry computed from the
profile (never a number of their own)."""

from __future__ import annotations

from govreport import document as d
from govreport.style.profile import Profile
from govreport.text.linebreak import autospace
from govreport.text.zh import is_wide

#: Heading level → font role (7.3.3: 一、黑体 （一）楷体 1. and （1） 仿宋).
HEADING_ROLES = {1: "heading1", 2: "heading2", 3: "heading3", 4: "heading3"}


def heading_role(level: int) -> str:
    return HEADING_ROLES.get(level, "heading3")


def cell_role(cell: d.Cell) -> str:
    """The font role of a table cell: 表头 cells in the table-header face, all others in the table face."""
    return "table_header" if cell.role == "header" else "table"


def autospace_gap_pt(profile: Profile) -> float:
    """The room the 中西文间距 takes between a Han character and a digit or Latin letter of body text,
    in points: ``body.autospace`` of the font size, plus the tightening (``body.letter_spacing``) that
    the character before it then does without (measured in LibreOffice 7.4: 16 + 3.2 pt from 年 to the
    next digit, 8 + 3.2 pt from a digit to the next 年, against 15.75 and 7.75 pt elsewhere)."""
    return (profile.quantity("body.autospace").value * profile.pt("body.font_size")
            - profile.pt("body.letter_spacing"))


def estimated_width_pt(profile: Profile, text: str) -> float:
    """Estimated advance of ``text`` in the body font, without reading the font: 字 at the tightened
    pitch, half-width characters ``docx.narrow_advance`` em, and the 中西文间距 (``body.autospace``)
    between Han characters and digits (a renderer that has the font's advances measures instead)."""
    size = profile.pt("body.font_size")
    narrow = profile.quantity("docx.narrow_advance").value * size + profile.pt("body.letter_spacing")
    gaps = autospace(text, autospace_gap_pt(profile))
    return sum(profile.char_pitch_pt if is_wide(ch) else narrow for ch in text) + sum(gaps)


def signature_padding(profile: Profile, name_width: float, date_width: float) -> tuple[float, float]:
    """The right padding of the 署名 line and of the 成文日期 line (both set flush right), 7.3.5.2: the
    name 右空二字 and the date's first character two 字 right of the name's; when the date is longer
    than the name, the date 右空二字 and the name's right padding grows to keep that offset."""
    right = profile.pt("signature.right_indent")
    shift = profile.pt("signature.date_shift")
    if date_width <= name_width:
        return right, max(0.0, right + name_width - shift - date_width)
    return right + date_width + shift - name_width, right


def rows_kept_with_next(table: d.Table, placements: list[d.Placement] | None = None) -> set[int]:
    """Body rows that must not end a page: a row of 表头 cells only (表二's "第二十条第（六）项" and its
    column heads belong with their data), and the first row of a group label spanning several rows (so
    that "（五）不予处理" never stands with one row at a page's foot and the rest overleaf)."""
    placements = table.placements() if placements is None else placements
    keep = {pl.row for pl in placements if pl.cell.rowspan > 1 and pl.row >= table.header_rows}
    for r, row in enumerate(table.rows):
        if r >= table.header_rows and row and all(c.role == "header" for c in row):
            keep.add(r)
    return {r for r in keep if r < len(table.rows) - 1}
