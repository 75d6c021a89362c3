"""Word (.docx): a clerk's draft made from the official template, or a published Word file.

Headings numbered by Word itself (“一、” printed by the numbering, not typed) get their number from
numbering.xml (decimal and Chinese counting), so they are recognised like typed ones.

The body is read in order (paragraphs and tables, content controls opened) with python-docx's XML
tree: a table cell's paragraphs are joined (a long label broken inside its cell is one label again),
a horizontally merged cell (``gridSpan``) is one cell, and a vertically merged one (``vMerge``)
repeats its text in every row it spans, so 表三's group labels stand beside each of their rows.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any, ClassVar

from govreport.errors import InputError
from govreport.i18n import _
from govreport.readers._statutory import Block, Grid, Para, assemble
from govreport.readers.base import ReadResult
from govreport.text.zh import zh_number

__all__ = ["DocxReader", "docx_blocks"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(el: Any) -> str:
    """The text of a paragraph (or of every paragraph inside ``el``, joined): tabs as spaces."""
    out: list[str] = []
    for node in el.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr"):
        if node.tag == f"{_W}t":
            out.append(node.text or "")
        elif node.tag == f"{_W}tab":
            out.append("  ")
    return "".join(out)


def _children(el: Any, tag: str) -> list[Any]:
    """The ``tag`` children of ``el``, those inside content controls (``w:sdt``) and custom XML
    included (a template's rows or cells may be wrapped in them)."""
    out: list[Any] = []
    for child in el.iterchildren():
        if child.tag == f"{_W}{tag}":
            out.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent") if child.tag == f"{_W}sdt" else child
            if content is not None:
                out.extend(_children(content, tag))
    return out


def _grid(tbl: Any) -> Grid:
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column → text of the cell that starts a vertical merge there
    for tr in _children(tbl, "tr"):
        cells: list[str] = []
        col = 0
        tr_pr = tr.find(f"{_W}trPr")
        before = tr_pr.find(f"{_W}gridBefore") if tr_pr is not None else None
        if before is not None:
            col += int(before.get(f"{_W}val", "0") or 0)
        for tc in _children(tr, "tc"):
            pr = tc.find(f"{_W}tcPr")
            span, merge = 1, None
            if pr is not None:
                gs = pr.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{_W}val", "1") or 1))
                vm = pr.find(f"{_W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{_W}val", "continue")
            text = "".join(_text(p) for p in _children(tc, "p")).strip()
            if merge == "continue":
                text = above.get(col, "")
            elif merge == "restart":
                above[col] = text
            else:
                above.pop(col, None)
            cells.append(text)
            col += span
        rows.append(cells)
    return Grid(rows)


_CHINESE_FORMATS = frozenset(
    ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "chineseLegalSimplified")
)


class _Numbering:
    """Word's automatic numbering (“一、” typed by the numbering, not in the text), so that a
    heading numbered by Word is recognised like a typed one. Decimal and Chinese counting only."""

    def __init__(self, document: Any) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.style_num: dict[str, tuple[str, int]] = {}
        self.counts: dict[str, list[int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for an in numbering.iterchildren(f"{_W}abstractNum"):
            lvls: dict[int, tuple[str, str, int]] = {}
            for lvl in an.iterchildren(f"{_W}lvl"):
                fmt, text, start = lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText"), lvl.find(f"{_W}start")
                lvls[int(lvl.get(f"{_W}ilvl", "0"))] = (
                    fmt.get(f"{_W}val", "") if fmt is not None else "",
                    text.get(f"{_W}val", "") if text is not None else "",
                    int(start.get(f"{_W}val", "1")) if start is not None else 1,
                )
            abstract[an.get(f"{_W}abstractNumId", "")] = lvls
        for num in numbering.iterchildren(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None:
                self.levels[num.get(f"{_W}numId", "")] = abstract.get(ref.get(f"{_W}val", ""), {})
        for style in document.styles.element.iterchildren(f"{_W}style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                found = self._num_pr(num_pr)
                if found:
                    self.style_num[style.get(f"{_W}styleId", "")] = found

    @staticmethod
    def _num_pr(num_pr: Any) -> tuple[str, int] | None:
        num_id = num_pr.find(f"{_W}numId")
        ilvl = num_pr.find(f"{_W}ilvl")
        if num_id is None:
            return None
        return num_id.get(f"{_W}val", ""), int(ilvl.get(f"{_W}val", "0")) if ilvl is not None else 0

    def prefix(self, p: Any) -> str:
        """The number Word prints before paragraph ``p`` ("" when none or not understood)."""
        ppr = p.find(f"{_W}pPr")
        found = None
        if ppr is not None:
            num_pr = ppr.find(f"{_W}numPr")
            if num_pr is not None:
                found = self._num_pr(num_pr)
            elif (style := ppr.find(f"{_W}pStyle")) is not None:
                found = self.style_num.get(style.get(f"{_W}val", ""))
        if not found or found[0] == "0" or found[0] not in self.levels:
            return ""
        num_id, ilvl = found
        levels = self.levels[num_id]
        counts = self.counts.setdefault(num_id, [0] * 9)
        if not 0 <= ilvl < 9:
            return ""
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        fmt, text, _start = levels.get(ilvl, ("", "", 1))
        if not text:
            return ""
        out = text
        for k in range(ilvl + 1):
            kfmt, _t, kstart = levels.get(k, ("decimal", "", 1))
            n = counts[k] + kstart - 1
            if kfmt in _CHINESE_FORMATS and 1 <= n <= 99:
                shown = zh_number(n)
            elif kfmt in ("decimal", "decimalZero", "decimalFullWidth"):
                shown = str(n)
            else:
                return ""
            out = out.replace(f"%{k + 1}", shown)
        return out if fmt else ""


def _is_layout(tbl: Any) -> bool:
    """A table used to lay out the page (a report pasted into a frame): it holds tables, or a
    paragraph of running text (a data table's cells hold labels and numbers)."""
    for tc in tbl.iter(f"{_W}tc"):
        if tc.find(f".//{_W}tbl") is not None:
            return True
        if any(len(_text(p)) > 80 for p in tc.iterchildren(f"{_W}p")):
            return True
    return False


def _walk(parent: Any, out: list[Block], numbering: _Numbering | None = None) -> None:
    for el in parent.iterchildren():
        if el.tag == f"{_W}p":
            text = _text(el)
            prefix = numbering.prefix(el) if numbering is not None and text.strip() else ""
            out.append(Para(prefix + text))
        elif el.tag == f"{_W}tbl" and _is_layout(el):
            for tr in _children(el, "tr"):  # a table that lays out the page: its cells are the text
                for tc in _children(tr, "tc"):
                    _walk(tc, out, numbering)
        elif el.tag == f"{_W}tbl":
            out.append(_grid(el))
        elif el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                _walk(content, out, numbering)


def docx_blocks(raw: bytes, name: str) -> list[Block]:
    """The blocks of a Word file's body."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, zlib.error, EOFError, OSError) as exc:
        raise InputError(
            _("不是有效的 Word（.docx）文件：{error}").format(error=str(exc)[:80]), code="docx", source=name
        ) from None
    out: list[Block] = []
    _walk(document.element.body, out, _Numbering(document))
    return out


class DocxReader:
    """Word 2007+ (.docx)."""

    name: ClassVar[str] = "docx"
    suffixes: ClassVar[tuple[str, ...]] = (".docx", ".doc")
    binary: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        return head.startswith(b"PK\x03\x04") and b"word/" in head

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        assert isinstance(source, bytes)
        if source.startswith(b"\xd0\xcf\x11\xe0"):
            raise InputError(
                _("这是 Word 97-2003（.doc）文件，无法读取：请在 Word 或 WPS 中另存为 .docx"), code="docx", source=name
            )
        return assemble(docx_blocks(source, name), name)
