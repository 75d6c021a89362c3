"""Everything python-docx has no API for, in one place, named after the OOXML schema (ECMA-376).

East Asian fonts (``w:rFonts/@w:eastAsia`` + ``@w:hint``), ``w:lang``, the line grid (``w:docGrid``),
``w:snapToGrid``, ``w:kinsoku`` / ``w:overflowPunct``, character spacing (``w:spacing/@w:val``), table
header rows (``w:tblHeader``), borders, PAGE fields, ``w:evenAndOddHeaders`` and ``w:themeFontLang``.
No other module builds XML.
"""

from __future__ import annotations

from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn as qn

# Children order of w:rPr and w:pPr (ECMA-376 Part 1, 17.3.2.28 / 17.3.1.26): new children are
# inserted before the first existing successor so that Word accepts the file.
_RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
    "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
    "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
    "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
    "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
)
_PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
    "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
    "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
    "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
    "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
    "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)


def _child(parent: Any, tag: str, order: tuple[str, ...]) -> Any:
    """The ``tag`` child of ``parent``, created in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    element = OxmlElement(tag)
    successors = order[order.index(tag) + 1:] if tag in order else ()
    for succ in successors:
        nxt = parent.find(qn(succ))
        if nxt is not None:
            nxt.addprevious(element)
            return element
    parent.append(element)
    return element


def _set(element: Any, **attrs: str | int) -> Any:
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


# -- run properties ------------------------------------------------------------------------------

def rpr_fonts(rpr: Any, east_asia: str, latin: str) -> None:
    """``w:rFonts`` with ascii/hAnsi (Latin, digits), eastAsia (Chinese) and ``w:hint="eastAsia"`` so
    quotes, dashes and ellipses take the Chinese font; theme font attributes removed."""
    fonts = _child(rpr, "w:rFonts", _RPR_ORDER)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    _set(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def rpr_size(rpr: Any, half_points: int) -> None:
    _set(_child(rpr, "w:sz", _RPR_ORDER), val=half_points)
    _set(_child(rpr, "w:szCs", _RPR_ORDER), val=half_points)


def rpr_spacing(rpr: Any, twips: int) -> None:
    """Character spacing (``w:spacing/@w:val``, twentieths of a point; −5 = −0.25 pt)."""
    _set(_child(rpr, "w:spacing", _RPR_ORDER), val=twips)


def rpr_lang(rpr: Any, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    _set(_child(rpr, "w:lang", _RPR_ORDER), val=latin, eastAsia=east_asia, bidi="ar-SA")


def rpr_plain(rpr: Any) -> None:
    """Not bold, not italic, black (headings of the default template are coloured and bold)."""
    for tag in ("w:b", "w:bCs", "w:i", "w:iCs"):
        _set(_child(rpr, tag, _RPR_ORDER), val=0)
    color = _child(rpr, "w:color", _RPR_ORDER)
    for attr in ("themeColor", "themeShade", "themeTint"):
        color.attrib.pop(qn(f"w:{attr}"), None)
    _set(color, val="000000")


# -- paragraph properties ------------------------------------------------------------------------

def ppr_exact_line(ppr: Any, line_twips: int, before: int = 0, after: int = 0) -> None:
    """Fixed line spacing (``w:lineRule="exact"``) and no space around the paragraph."""
    spacing = _child(ppr, "w:spacing", _PPR_ORDER)
    for attr in ("beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing"):
        spacing.attrib.pop(qn(f"w:{attr}"), None)
    _set(spacing, before=before, after=after, line=line_twips, lineRule="exact")


def ppr_grid_and_breaking(ppr: Any) -> None:
    """Line height from the fixed spacing only (snapToGrid off), no widow control (keeps 22 lines a
    page), 禁则 on (``w:kinsoku``) and no hanging punctuation (``w:overflowPunct=0``)."""
    _set(_child(ppr, "w:widowControl", _PPR_ORDER), val=0)
    _set(_child(ppr, "w:kinsoku", _PPR_ORDER), val=1)
    _set(_child(ppr, "w:overflowPunct", _PPR_ORDER), val=0)
    _set(_child(ppr, "w:snapToGrid", _PPR_ORDER), val=0)


def ppr_indent(ppr: Any, *, first_line: int = 0, left: int = 0, right: int = 0) -> None:
    ind = _child(ppr, "w:ind", _PPR_ORDER)
    for attr in ("firstLineChars", "leftChars", "rightChars", "hanging", "hangingChars"):
        ind.attrib.pop(qn(f"w:{attr}"), None)
    _set(ind, left=left, right=right, firstLine=first_line)


def ppr_keep_next(ppr: Any, on: bool = True) -> None:
    _set(_child(ppr, "w:keepNext", _PPR_ORDER), val=1 if on else 0)


def ppr_outline_level(ppr: Any, level: int) -> None:
    _set(_child(ppr, "w:outlineLvl", _PPR_ORDER), val=level)


# -- document and section settings ---------------------------------------------------------------

def settings_east_asia(settings: Any, lang: str = "zh-CN") -> None:
    """``w:themeFontLang`` East Asian language (python-docx's template says ja-JP) and
    ``w:evenAndOddHeaders`` (odd pages right, even pages left, GB/T 9704 7.5)."""
    tfl = settings.find(qn("w:themeFontLang"))
    if tfl is None:
        tfl = OxmlElement("w:themeFontLang")
        settings.append(tfl)
    _set(tfl, val="en-US", eastAsia=lang)


def sectpr_line_grid(sect_pr: Any, line_pitch_twips: int) -> None:
    """``w:docGrid type="lines"``: a line grid only. Word's character grid (linesAndChars) is
    avoided: LibreOffice lays 16 pt characters into two cells with it (14 a line)."""
    grid = sect_pr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect_pr.append(grid)
    grid.attrib.pop(qn("w:charSpace"), None)
    _set(grid, type="lines", linePitch=line_pitch_twips)


# -- fields ---------------------------------------------------------------------------------------

def append_field(paragraph: Any, instruction: str, rpr_source: Any | None = None) -> None:
    """Append a complex field (``w:fldChar`` begin / ``w:instrText`` / separate / result / end)."""
    import copy

    def run_with(*children: Any) -> None:
        run = OxmlElement("w:r")
        if rpr_source is not None:
            run.append(copy.deepcopy(rpr_source))
        for child in children:
            run.append(child)
        paragraph._p.append(run)

    begin = _set(OxmlElement("w:fldChar"), fldCharType="begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = _set(OxmlElement("w:fldChar"), fldCharType="separate")
    result = OxmlElement("w:t")
    result.text = "1"
    end = _set(OxmlElement("w:fldChar"), fldCharType="end")
    run_with(begin)
    run_with(instr)
    run_with(separate)
    run_with(result)
    run_with(end)


# -- tables ---------------------------------------------------------------------------------------

def tr_header(row: Any) -> None:
    """Repeat this row at the top of every page the table spans (``w:trPr/w:tblHeader``)."""
    tr_pr = row._tr.get_or_add_trPr()
    if tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(_set(OxmlElement("w:tblHeader"), val=1))
    if tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.append(_set(OxmlElement("w:cantSplit"), val=1))


def tbl_borders(table: Any, size_eighths: int) -> None:
    """Single black borders on every edge and inner line (``w:tblBorders``, size in 1/8 pt)."""
    tbl_pr = table._tbl.tblPr
    borders = tbl_pr.find(qn("w:tblBorders"))
    if borders is None:
        borders = OxmlElement("w:tblBorders")
        tbl_pr.append(borders)
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = borders.find(qn(f"w:{edge}"))
        if el is None:
            el = OxmlElement(f"w:{edge}")
            borders.append(el)
        _set(el, val="single", sz=size_eighths, space=0, color="000000")


def tbl_layout_fixed(table: Any) -> None:
    tbl_pr = table._tbl.tblPr
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        tbl_pr.append(layout)
    _set(layout, type="fixed")


def tc_vertical_center(cell: Any) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    v = tc_pr.find(qn("w:vAlign"))
    if v is None:
        v = OxmlElement("w:vAlign")
        tc_pr.append(v)
    _set(v, val="center")
