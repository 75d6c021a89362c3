"""Word (.docx): a clerk's draft made from the official template, or a published Word file.

The body is read in order (paragraphs and tables, content controls opened) with python-docx's XML
tree: a table cell's paragraphs are joined (a long label broken inside its cell is one label again),
a horizontally merged cell (``gridSpan``) is one cell, and a vertically merged one (``vMerge``)
repeats its text in every row it spans, so 表三's group labels stand beside each of their rows.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any, ClassVar

from govreport.errors import InputError
from govreport.i18n import _
from govreport.readers._statutory import Block, Grid, Para, assemble
from govreport.readers.base import ReadResult

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


def _grid(tbl: Any) -> Grid:
    rows: list[list[str]] = []
    above: dict[int, str] = {}  # grid column → text of the cell that starts a vertical merge there
    for tr in tbl.iterchildren(f"{_W}tr"):
        cells: list[str] = []
        col = 0
        tr_pr = tr.find(f"{_W}trPr")
        before = tr_pr.find(f"{_W}gridBefore") if tr_pr is not None else None
        if before is not None:
            col += int(before.get(f"{_W}val", "0") or 0)
        for tc in tr.iterchildren(f"{_W}tc"):
            pr = tc.find(f"{_W}tcPr")
            span, merge = 1, None
            if pr is not None:
                gs = pr.find(f"{_W}gridSpan")
                if gs is not None:
                    span = max(1, int(gs.get(f"{_W}val", "1") or 1))
                vm = pr.find(f"{_W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{_W}val", "continue")
            text = "".join(_text(p) for p in tc.iterchildren(f"{_W}p")).strip()
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


def _walk(parent: Any, out: list[Block]) -> None:
    for el in parent.iterchildren():
        if el.tag == f"{_W}p":
            out.append(Para(_text(el)))
        elif el.tag == f"{_W}tbl":
            out.append(_grid(el))
        elif el.tag == f"{_W}sdt":
            content = el.find(f"{_W}sdtContent")
            if content is not None:
                _walk(content, out)


def docx_blocks(raw: bytes, name: str) -> list[Block]:
    """The blocks of a Word file's body."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(
            _("不是有效的 Word（.docx）文件：{error}").format(error=str(exc)[:80]), code="docx", source=name
        ) from None
    out: list[Block] = []
    _walk(document.element.body, out)
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
