"""Everything python-docx has no API for, in one place, named after the OOXML schema (ECMA-376 Part 1).

python-docx keeps raw XML behind its ``oxml`` layer: each element class declares its children in schema
order (``ZeroOrOne("w:rFonts", successors=…)``) and its attributes by name. This module does the same for
what that layer lacks, without patching python-docx's own classes:

* :data:`SEQUENCES` declares, per parent element, the schema order of its children (17.3.1.26 ``w:pPr``,
  17.3.2.28 ``w:rPr``, 17.4.82 ``w:trPr``, 17.4.60 ``w:tblPr``, 17.4.70 ``w:tcPr``, 17.6.17 ``w:sectPr`` …);
  :func:`child` finds or creates a child at its schema position, so Word accepts the file.
* one function per concern, named after the element it writes: East Asian fonts (``w:rFonts/@w:eastAsia``,
  ``@w:hint``), ``w:lang``, run ``w:spacing``, ``w:kinsoku`` / ``w:overflowPunct`` (in ``mc:AlternateContent``,
  for LibreOffice) / ``w:autoSpaceDE``, ``w:tblInd``, ``w:gridCol`` / ``w:tcW``,
  ``w:docGrid``, ``w:tblHeader``, ``w:tblBorders``, floating tables (``w:tblpPr``), ``w:textDirection``,
  complex fields (``w:fldChar`` / ``w:instrText``), ``w:themeFontLang``;
* package-level clean-up of python-docx's default template (:func:`clean_package`): its Japanese theme
  fonts, font table, Word 2010 ``stylesWithEffects`` part, bibliography custom XML, preview thumbnail and
  "Microsoft Macintosh Word" application properties.

No other module of govreport builds or edits WordprocessingML.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import nsmap
from docx.oxml.ns import qn as qn
from lxml import etree  # type: ignore[import-untyped]

__all__ = [
    "SEQUENCES",
    "child",
    "clean_package",
    "field_runs",
    "qn",
]

W_NS = nsmap["w"]
#: Markup Compatibility (ECMA-376 Part 3 = ISO/IEC 29500-3): mc:AlternateContent, mc:Choice, mc:Fallback.
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_EP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_RT_PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships/"

#: Children of each parent element, in the order the schema requires (ECMA-376 Part 1).
SEQUENCES: Mapping[str, tuple[str, ...]] = {
    # 17.3.2.28 CT_RPr (EG_RPrBase)
    "w:rPr": (
        "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike",
        "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid",
        "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz",
        "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd", "w:fitText", "w:vertAlign",
        "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath",
    ),
    # 17.3.1.26 CT_PPr (CT_PPrBase)
    "w:pPr": (
        "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
        "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
        "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
        "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
        "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
        "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
    ),
    # 17.4.82 CT_TrPr (CT_TrPrBase)
    "w:trPr": (
        "w:cnfStyle", "w:divId", "w:gridBefore", "w:gridAfter", "w:wBefore", "w:wAfter", "w:cantSplit",
        "w:trHeight", "w:tblHeader", "w:tblCellSpacing", "w:jc", "w:hidden", "w:ins", "w:del", "w:trPrChange",
    ),
    # 17.4.60 CT_TblPr (CT_TblPrBase)
    "w:tblPr": (
        "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders", "w:shd",
        "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription", "w:tblPrChange",
    ),
    # 17.4.39 CT_TblBorders, 17.4.43 CT_TblCellMar
    "w:tblBorders": ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"),
    "w:tblCellMar": ("w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end"),
    # 17.4.70 CT_TcPr
    "w:tcPr": (
        "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap",
        "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns",
        "w:cellDel", "w:cellMerge", "w:tcPrChange",
    ),
    # 17.6.17 CT_SectPr
    "w:sectPr": (
        "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type", "w:pgSz",
        "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType", "w:cols", "w:formProt",
        "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid",
        "w:printerSettings", "w:sectPrChange",
    ),
}


def _prefixed(element: Any) -> str:
    tag = str(element.tag)
    return f"w:{tag[len(W_NS) + 2:]}" if tag.startswith(f"{{{W_NS}}}") else tag


def _place(parent: Any, element: Any, tag: str) -> None:
    """Insert ``element`` into ``parent`` where the schema puts ``tag`` among its siblings."""
    order = SEQUENCES.get(_prefixed(parent), ())
    successors = set(order[order.index(tag) + 1:]) if tag in order else set()
    for sibling in parent:
        if _prefixed(sibling) in successors or _holds_one_of(sibling, successors):
            sibling.addprevious(element)
            return
    parent.append(element)


def _holds_one_of(element: Any, tags: set[str]) -> bool:
    """An ``mc:AlternateContent`` stands where the element its choices hold would stand."""
    if element.tag != f"{{{MC_NS}}}AlternateContent":
        return False
    return any(_prefixed(inner) in tags for branch in element for inner in branch)


def child(parent: Any, tag: str, **attrs: str | int) -> Any:
    """The ``tag`` child of ``parent`` (created at its schema position when missing), with ``attrs`` set.

    Attribute names are given without prefix (``val=1`` sets ``w:val``).
    """
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        _place(parent, found, tag)
    return set_attrs(found, **attrs)


def set_attrs(element: Any, **attrs: str | int) -> Any:
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def drop_attrs(element: Any, *names: str) -> None:
    for name in names:
        element.attrib.pop(qn(f"w:{name}"), None)


def remove_child(parent: Any, tag: str) -> None:
    for found in parent.findall(qn(tag)):
        parent.remove(found)


# -- w:rPr: run properties ------------------------------------------------------------------------

_THEME_FONT_ATTRS = ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme")


def rFonts(rpr: Any, east_asia: str, latin: str) -> None:
    """``w:rFonts``: Latin and digits in ``latin`` (ascii, hAnsi, cs), Chinese in ``east_asia``, and
    ``w:hint="eastAsia"`` so that characters of ambiguous width (“ ” — … ·) take the Chinese font in Word.
    Theme font references (which point at the theme's fonts) are removed."""
    fonts = child(rpr, "w:rFonts")
    drop_attrs(fonts, *_THEME_FONT_ATTRS)
    set_attrs(fonts, ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin, hint="eastAsia")


def sz(rpr: Any, half_points: int) -> None:
    """``w:sz`` and ``w:szCs`` in half-points."""
    child(rpr, "w:sz", val=half_points)
    child(rpr, "w:szCs", val=half_points)


def char_spacing(rpr: Any, twips: int) -> None:
    """Run ``w:spacing/@w:val``: added to every character's advance, in twips (−5 = −0.25 pt)."""
    child(rpr, "w:spacing", val=twips)


def lang(rpr: Any, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    """``w:lang``: the East Asian language decides line breaking and glyph forms."""
    child(rpr, "w:lang", val=latin, eastAsia=east_asia, bidi="ar-SA")


def plain(rpr: Any) -> None:
    """Not bold, not italic, black: the default template's headings are bold, coloured and themed."""
    for tag in ("w:b", "w:bCs", "w:i", "w:iCs"):
        child(rpr, tag, val=0)
    color = child(rpr, "w:color", val="000000")
    drop_attrs(color, "themeColor", "themeShade", "themeTint")


# -- w:pPr: paragraph properties ------------------------------------------------------------------

def exact_line(ppr: Any, line_twips: int, before: int = 0, after: int = 0) -> None:
    """``w:spacing`` with ``w:lineRule="exact"``: a fixed line pitch whatever the font's metrics."""
    spacing = child(ppr, "w:spacing")
    drop_attrs(spacing, "beforeLines", "afterLines", "beforeAutospacing", "afterAutospacing")
    set_attrs(spacing, before=before, after=after, line=line_twips, lineRule="exact")


def line_breaking(ppr: Any, *, auto_space: bool | None = None) -> None:
    """East Asian line breaking for a strict grid.

    ``w:widowControl=0`` (widow/orphan control would move lines and break 22 lines a page),
    ``w:kinsoku=1`` (禁则: no line starts with ，。、 … or ends with （《“), no punctuation hanging into the
    margin (:func:`overflowPunct_off`), ``w:snapToGrid=0`` (line height from the fixed spacing only).
    ``auto_space`` set to True/False writes ``w:autoSpaceDE``/``w:autoSpaceDN`` (the extra space Word puts
    between Han characters and Latin letters / digits); None leaves Word's default (on).
    """
    child(ppr, "w:widowControl", val=0)
    child(ppr, "w:kinsoku", val=1)
    overflowPunct_off(ppr)
    if auto_space is not None:
        child(ppr, "w:autoSpaceDE", val=int(auto_space))
        child(ppr, "w:autoSpaceDN", val=int(auto_space))
    child(ppr, "w:snapToGrid", val=0)


#: The namespace prefix an ``mc:Choice`` asks for so that Word and WPS take it and LibreOffice does not.
#: ``w`` is the main WordprocessingML namespace, which every consumer understands (so a conforming one
#: selects the Choice, ISO/IEC 29500-3 §7.6); LibreOffice's DOCX import (writerfilter,
#: ``OOXMLFastContextHandler::prepareMceContext``) does not resolve the prefix but compares the string
#: with a fixed list ("wps", "wpg", "w14", "wpc"), so it takes the Fallback.
CHOICE_REQUIRES = "w"


def overflowPunct_off(ppr: Any) -> None:
    """No punctuation hanging past the right indent (17.3.1.21 ``w:overflowPunct``), for every consumer.

    Word and WPS read ``w:overflowPunct w:val="0"`` as the standard says (no hanging). LibreOffice's DOCX
    import reads the value inverted (``ParaIsHangingPunctuation = (val == 0)``, up to at least 7.4) and
    then, in a justified line of one run, drops the hung mark instead of painting it. So the element is
    written twice inside ``mc:AlternateContent`` (ISO/IEC 29500-3 §7.5–7.7): the Choice (``val="0"``)
    for consumers that resolve :data:`CHOICE_REQUIRES`, the Fallback (``val="1"``, which LibreOffice
    turns into "no hanging") for LibreOffice. See docs/layout-docx.md.
    """
    remove_child(ppr, "w:overflowPunct")
    for old in ppr.findall(f"{{{MC_NS}}}AlternateContent"):
        if _holds_one_of(old, {"w:overflowPunct"}):
            ppr.remove(old)
    alternate = etree.SubElement(ppr, f"{{{MC_NS}}}AlternateContent")
    choice = etree.SubElement(alternate, f"{{{MC_NS}}}Choice", Requires=CHOICE_REQUIRES)
    etree.SubElement(choice, qn("w:overflowPunct")).set(qn("w:val"), "0")
    fallback = etree.SubElement(alternate, f"{{{MC_NS}}}Fallback")
    etree.SubElement(fallback, qn("w:overflowPunct")).set(qn("w:val"), "1")
    ppr.remove(alternate)
    _place(ppr, alternate, "w:overflowPunct")


def ind(ppr: Any, *, first_line: int = 0, left: int = 0, right: int = 0) -> None:
    """``w:ind`` in twips (character-based variants removed: they depend on Word's grid)."""
    element = child(ppr, "w:ind")
    drop_attrs(element, "firstLineChars", "leftChars", "rightChars", "hanging", "hangingChars", "start", "end")
    set_attrs(element, left=left, right=right, firstLine=first_line)


def keep_next(ppr: Any, on: bool = True) -> None:
    child(ppr, "w:keepNext", val=int(on))


def page_break_before(ppr: Any) -> None:
    child(ppr, "w:pageBreakBefore", val=1)


def outline_lvl(ppr: Any, level: int) -> None:
    child(ppr, "w:outlineLvl", val=level)


def no_border(ppr: Any) -> None:
    """Remove ``w:pBdr`` (the default template's Title has a blue rule under it)."""
    remove_child(ppr, "w:pBdr")


# -- settings, sections ---------------------------------------------------------------------------

def themeFontLang(settings: Any, east_asia: str = "zh-CN", latin: str = "en-US") -> None:
    """``w:themeFontLang``: python-docx's template says ja-JP, which makes Word pick the theme's
    Japanese fonts for anything not given a font. Also drops ``w:savePreviewPicture`` (no thumbnail)."""
    found = settings.find(qn("w:themeFontLang"))
    if found is None:
        found = OxmlElement("w:themeFontLang")
        anchor = settings.find(qn("w:clrSchemeMapping"))
        if anchor is not None:
            anchor.addprevious(found)
        else:
            settings.append(found)
    set_attrs(found, val=latin, eastAsia=east_asia)
    remove_child(settings, "w:savePreviewPicture")


def docGrid(sect_pr: Any, line_pitch_twips: int) -> None:
    """``w:docGrid type="lines"``: a line grid only. Word's character grid (linesAndChars with charSpace)
    is avoided: LibreOffice lays each 16 pt character into two cells with it (14 a line)."""
    grid = child(sect_pr, "w:docGrid", type="lines", linePitch=line_pitch_twips)
    drop_attrs(grid, "charSpace")


def copy_footer_references(dst_sect_pr: Any, src_sect_pr: Any) -> None:
    """Give ``dst`` the footers of ``src`` (a section without references inherits the previous one's)."""
    remove_child(dst_sect_pr, "w:footerReference")
    refs = src_sect_pr.findall(qn("w:footerReference"))
    anchor = dst_sect_pr[0] if len(dst_sect_pr) else None
    for ref in refs:
        clone = copy.deepcopy(ref)
        if anchor is not None:
            anchor.addprevious(clone)
        else:
            dst_sect_pr.append(clone)


# -- fields ---------------------------------------------------------------------------------------

def field_runs(instruction: str, rpr: Any | None, placeholder: str = "1") -> list[Any]:
    """The runs of a complex field (17.16.18): ``w:fldChar`` begin, ``w:instrText``, separate, the cached
    result ``placeholder``, end. Each run carries a copy of ``rpr``."""

    def run(content: Any) -> Any:
        element = OxmlElement("w:r")
        if rpr is not None:
            element.append(copy.deepcopy(rpr))
        element.append(content)
        return element

    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    result = OxmlElement("w:t")
    result.text = placeholder
    return [
        run(set_attrs(OxmlElement("w:fldChar"), fldCharType="begin")),
        run(instr),
        run(set_attrs(OxmlElement("w:fldChar"), fldCharType="separate")),
        run(result),
        run(set_attrs(OxmlElement("w:fldChar"), fldCharType="end")),
    ]


# -- tables ---------------------------------------------------------------------------------------

def tblHeader(tr: Any) -> None:
    """Repeat this row at the top of every page the table spans (``w:trPr/w:tblHeader``)."""
    child(tr.get_or_add_trPr(), "w:tblHeader", val=1)


def cantSplit(tr: Any) -> None:
    """Keep the row on one page."""
    child(tr.get_or_add_trPr(), "w:cantSplit", val=1)


def trHeight(tr: Any, twips: int, rule: str = "exact") -> None:
    child(tr.get_or_add_trPr(), "w:trHeight", val=twips, hRule=rule)


def tblBorders(tbl: Any, size_eighths: int, color: str = "000000") -> None:
    """Single lines on every edge and between all cells, ``size_eighths`` in eighths of a point."""
    borders = child(tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        child(borders, f"w:{edge}", val="single", sz=size_eighths, space=0, color=color)


def tblNoBorders(tbl: Any) -> None:
    borders = child(tbl.tblPr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        child(borders, f"w:{edge}", val="nil")


def tblStyle_none(tbl: Any) -> None:
    remove_child(tbl.tblPr, "w:tblStyle")


def tblLayout_fixed(tbl: Any) -> None:
    child(tbl.tblPr, "w:tblLayout", type="fixed")


def tblW(tbl: Any, twips: int) -> None:
    child(tbl.tblPr, "w:tblW", w=twips, type="dxa")


def tblInd(tbl: Any, twips: int) -> None:
    """``w:tblInd`` (17.4.51): the table's indent from the left margin. In Word's 2010 compatibility mode
    (python-docx's template), and in LibreOffice, which follows that mode, the indent is measured to the
    first cell's text, so a table with ``tblInd`` 0 has its left rule one cell margin into the 订口: an
    indent equal to the left cell margin puts the rule on the 版心's edge."""
    child(tbl.tblPr, "w:tblInd", w=twips, type="dxa")


def gridCol_widths(tbl: Any, twips: list[int]) -> None:
    """``w:tblGrid/w:gridCol`` widths (17.4.16) in twips, exactly as given."""
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        col.set(qn("w:w"), str(width))


def tcW(tc: Any, twips: int) -> None:
    """``w:tcW`` (17.4.72) in twips."""
    child(tc.get_or_add_tcPr(), "w:tcW", w=twips, type="dxa")


def tblCellMar(tbl: Any, left: int, right: int, top: int = 0, bottom: int = 0) -> None:
    mar = child(tbl.tblPr, "w:tblCellMar")
    for side, value in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        child(mar, f"w:{side}", w=value, type="dxa")


def tblpPr(tbl: Any, x_twips: int, y_twips: int) -> None:
    """A floating table placed at (x, y) from the page's top-left corner, not wrapping text."""
    child(tbl.tblPr, "w:tblpPr", leftFromText=0, rightFromText=0, topFromText=0, bottomFromText=0,
          vertAnchor="page", horzAnchor="page", tblpX=x_twips, tblpY=y_twips)
    child(tbl.tblPr, "w:tblOverlap", val="overlap")


def textDirection(tc: Any, direction: str) -> None:
    """``w:tcPr/w:textDirection``: ``tbRl`` turns the cell's text 90° clockwise."""
    child(tc.get_or_add_tcPr(), "w:textDirection", val=direction)


def vAlign(tc: Any, value: str = "center") -> None:
    child(tc.get_or_add_tcPr(), "w:vAlign", val=value)


# -- package clean-up -----------------------------------------------------------------------------

def clean_package(document: Any, fonts: Iterable[str], major: str, minor: str, latin: str,
                  application: str) -> None:
    """Remove every trace of python-docx's default template that is not ours.

    * theme: the Japanese (Jpan) and every other script font entry go; ``a:ea`` and the Hans entry name
      ``major`` (headings) and ``minor`` (body), ``a:latin`` names ``latin``;
    * styles: theme font attributes (``w:eastAsiaTheme`` …) stripped from every style and docDefaults;
    * font table: only ``fonts`` (charset 86 = GB 2312), no ＭＳ 明朝 / ＭＳ ゴシック;
    * parts dropped: ``stylesWithEffects`` (Word 2010), the bibliography custom XML, the preview thumbnail;
    * application properties: ``application`` instead of "Microsoft Macintosh Word", no page counts.
    """
    part = document.part
    package = part.package
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml")):
            part.drop_rel(rel_id)
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == _RT_PACKAGE + "metadata/thumbnail":
            del package.rels[rel_id]

    for style_fonts in document.styles.element.iter(qn("w:rFonts")):
        drop_attrs(style_fonts, *_THEME_FONT_ATTRS)

    for rel in part.rels.values():
        if rel.is_external:
            continue
        target = rel.target_part
        if rel.reltype == _RT + "theme":
            target._blob = _theme_fonts(target.blob, major, minor, latin)
        elif rel.reltype == _RT + "fontTable":
            target._blob = _font_table(fonts)
    for rel in package.rels.values():
        if rel.reltype == _RT + "extended-properties":
            rel.target_part._blob = _app_properties(application)


def _serialize(root: Any) -> bytes:
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))


def _theme_fonts(blob: bytes, major: str, minor: str, latin: str) -> bytes:
    root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False))
    a = f"{{{_A_NS}}}"
    for kind, name in (("majorFont", major), ("minorFont", minor)):
        for font in root.iter(a + kind):
            for script in font.findall(a + "font"):
                font.remove(script)
            for slot, typeface in (("latin", latin), ("ea", name)):
                found = font.find(a + slot)
                if found is not None:
                    found.set("typeface", typeface)
            etree.SubElement(font, a + "font", script="Hans", typeface=name)
    return _serialize(root)


def _font_table(fonts: Iterable[str]) -> bytes:
    root = etree.Element(qn("w:fonts"), nsmap={"w": W_NS})
    for name in dict.fromkeys(fonts):
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        # 86 = GB2312_CHARSET: the fonts of a Chinese document; Word fills in the rest when it saves.
        etree.SubElement(font, qn("w:charset")).set(qn("w:val"), "86" if _has_han(name) else "00")
        etree.SubElement(font, qn("w:family")).set(qn("w:val"), "auto")
        etree.SubElement(font, qn("w:pitch")).set(qn("w:val"), "variable")
    return _serialize(root)


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _app_properties(application: str) -> bytes:
    root = etree.Element(f"{{{_EP_NS}}}Properties", nsmap={None: _EP_NS})
    etree.SubElement(root, f"{{{_EP_NS}}}Application").text = application
    etree.SubElement(root, f"{{{_EP_NS}}}DocSecurity").text = "0"
    etree.SubElement(root, f"{{{_EP_NS}}}ScaleCrop").text = "false"
    etree.SubElement(root, f"{{{_EP_NS}}}LinksUpToDate").text = "false"
    etree.SubElement(root, f"{{{_EP_NS}}}SharedDoc").text = "false"
    etree.SubElement(root, f"{{{_EP_NS}}}HyperlinksChanged").text = "false"
    return _serialize(root)
