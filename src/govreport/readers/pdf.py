"""PDF: a published report, or govreport's own PDF/A-3 (which carries ``report.json``).

govreport's PDF/A-3b embeds the report's own JSON as the associated file ``report.json``; when it is
there it is read exactly and the printed pages are not looked at. Any other PDF is read from its
text with pdfplumber (pdfminer.six):

- tables from their ruling lines (``find_tables``); every cell's box is placed on the table's grid,
  so a merged cell is one cell across its columns and repeats its text in every row it spans;
  a table without rules is read from the words' positions like laid-out text;
- the text outside the tables in lines; page furniture (page numbers “— 1 —”, “-1-”, “第1页”, in
  the top or bottom margin, and a running header or footer repeated on several pages) is dropped;
- lines joined into paragraphs by their x positions: a paragraph starts where a line is indented
  (the 2-字 first-line indent), centred or right-aligned, or after a line that ends short of the
  right margin — so a paragraph broken by a page break is joined again.

A PDF without any text (a scan) is refused: there is nothing to read without OCR.
"""

from __future__ import annotations

import io
import json
import re
from collections import Counter
from typing import Any, ClassVar

from govreport.errors import InputError
from govreport.i18n import _
from govreport.readers._statutory import Block, Grid, Para, assemble, split_section
from govreport.readers.base import ReadResult
from govreport.readers.text import is_table_line as _is_table_line

__all__ = ["PdfReader", "embedded_report", "pdf_blocks"]

ATTACHMENT = "report.json"
_END = tuple("。！？：；”’）」』…")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:[-—–－‒]\s*\d{1,3}\s*[-—–－‒]|第\s*\d{1,3}\s*页(?:\s*[，,/]?\s*共\s*\d{1,3}\s*页)?"
    r"|\d{1,3}\s*/\s*\d{1,3}|\d{1,3})\s*$"
)


def _resolve(obj: Any) -> Any:
    from pdfminer.pdftypes import resolve1

    return resolve1(obj)


def _file_specs(catalog: Any) -> list[Any]:
    """Every file specification of the document: the /AF array and the EmbeddedFiles name tree."""
    specs = list(_resolve(catalog.get("AF")) or [])
    names = _resolve(catalog.get("Names"))
    todo = [_resolve(names.get("EmbeddedFiles"))] if isinstance(names, dict) and names.get("EmbeddedFiles") else []
    while todo:
        node = todo.pop()
        if not isinstance(node, dict):
            continue
        pairs = _resolve(node.get("Names")) or []
        specs.extend(pairs[1::2])
        todo.extend(_resolve(kid) for kid in _resolve(node.get("Kids")) or [])
    return specs


def _spec_name(spec: dict[str, Any]) -> str:
    for key in ("UF", "F"):
        raw = _resolve(spec.get(key))
        if isinstance(raw, bytes):
            if raw.startswith((b"\xfe\xff", b"\xff\xfe")):
                return raw.decode("utf-16")
            return raw.decode("latin-1")
        if isinstance(raw, str):
            return raw
    return ""


def embedded_report(pdf: Any) -> Any | None:
    """The data of ``report.json`` attached to a pdfplumber PDF (govreport's PDF/A-3), else None."""
    try:
        catalog = pdf.doc.catalog
        for spec in _file_specs(catalog):
            spec = _resolve(spec)
            if not isinstance(spec, dict) or _spec_name(spec) != ATTACHMENT:
                continue
            stream = _resolve(_resolve(spec.get("EF") or {}).get("F"))
            data = json.loads(stream.get_data().decode("utf-8"))
            if isinstance(data, dict) and "body" in data and "year" in data:
                return data
    except (KeyError, AttributeError, TypeError, ValueError):
        return None
    return None


# --- tables ---------------------------------------------------------------------------------------


def _cluster(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > tol:
            out.append(v)
    return out


def _index(edges: list[float], v: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - v))


def _cell_text(words: list[dict[str, Any]]) -> str:
    words = sorted(words, key=lambda w: (round(w["top"] / 3), w["x0"]))
    out = ""
    for w in words:
        t = w["text"]
        if (
            out
            and out[-1].isascii()
            and out[-1].isalnum()
            and t[:1].isascii()
            and t[:1].isalnum()
            and not re.fullmatch(r"[\d.,]+", t)
        ):
            out += " "
        out += t
    return out


def _table_grid(table: Any, words: list[dict[str, Any]]) -> Grid:
    """A pdfplumber table → rows of logical cells (merged cells resolved through their boxes)."""
    cells = [c for c in table.cells if c]
    xs = _cluster([c[0] for c in cells] + [c[2] for c in cells])
    ys = _cluster([c[1] for c in cells] + [c[3] for c in cells])
    placed: list[tuple[int, int, int, int, str]] = []
    for x0, top, x1, bottom in cells:
        inside = [
            w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
        ]
        placed.append((_index(ys, top), _index(ys, bottom), _index(xs, x0), _index(xs, x1), _cell_text(inside)))
    rows: list[list[str]] = []
    for r in range(len(ys) - 1):
        row = sorted((c0, text) for r0, r1, c0, _c1, text in placed if r0 <= r < r1)
        if row:
            rows.append([text for _c, text in row])
    return Grid(rows)


# --- text -----------------------------------------------------------------------------------------


def _lines(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words → lines (by their vertical position), each with its text, x0, x1, top, size."""
    lines: list[dict[str, Any]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - lines[-1]["top"]) <= max(2.0, 0.3 * lines[-1]["size"]):
            lines[-1]["words"].append(w)
        else:
            lines.append({"top": w["top"], "size": w["bottom"] - w["top"], "words": [w]})
    for ln in lines:
        ws = sorted(ln["words"], key=lambda w: w["x0"])
        ln["x0"], ln["x1"], ln["bottom"] = ws[0]["x0"], ws[-1]["x1"], max(w["bottom"] for w in ws)
        text = ""
        for a, b in zip([None, *ws], ws, strict=False):
            if a is not None:
                gap = b["x0"] - a["x1"]
                if gap > ln["size"] * 1.5:  # a gap between columns: kept for tables without rules
                    text += " " * max(3, round(gap / max(ln["size"] / 2, 1)))
                elif (
                    gap > ln["size"] * 0.2
                    and _latin(a["text"][-1:])
                    and _latin(b["text"][:1])
                    and not (a["text"][-1:].isdigit() and b["text"][:1].isdigit())
                ):
                    text += " "  # a space between two Latin words (justified digits are one number)
            text += b["text"]
        ln["text"] = text
        ln["ws"] = ws
    return lines


def _first_word_width(text: str, size: float) -> float:
    """About how wide the first unbreakable piece of ``text`` is: a run of Latin letters, digits
    and their punctuation (a phone number, a web address), else one character."""
    m = re.match(r"[A-Za-z0-9@._:/\-]+[）)。，；、]*", text)
    return 0.55 * size * len(m.group()) if m else size


def _latin(ch: str) -> bool:
    return bool(ch) and ch.isascii() and ch.isalnum()


def _layout_row(line: dict[str, Any], left: float, unit: float) -> str:
    """A line as laid-out text: each word at the column of its x position (tables without rules)."""
    out = ""
    for w in line["ws"]:
        col = max(0, round((w["x0"] - left) / unit))
        if out and col <= len(out):
            col = len(out) + 1 if w["x0"] - line["ws"][0]["x0"] > 0 and not out.endswith(" ") else len(out)
        out = out.ljust(col) + w["text"]
    return out


def pdf_blocks(raw: bytes, name: str) -> tuple[list[Block], Any | None]:
    """The blocks of a PDF's pages, or (when govreport made it) the embedded report data."""
    import logging

    import pdfplumber

    # pdfminer logs every damaged stream it skips; the reader reports what matters itself
    pdfminer_log = logging.getLogger("pdfminer")
    if not pdfminer_log.handlers:
        pdfminer_log.addHandler(logging.NullHandler())
    try:
        pdf = pdfplumber.open(io.BytesIO(raw))
    except Exception as exc:  # pdfminer raises anything on a damaged file: it is the file's fault
        raise InputError(
            _("不是有效的 PDF 文件：{error}").format(error=str(exc)[:80] or type(exc).__name__), code="pdf", source=name
        ) from None
    with pdf:
        data = embedded_report(pdf)
        if data is not None:
            return [], data
        try:
            pages = [_page_items(page) for page in pdf.pages]
        except Exception as exc:  # as above: a damaged page
            raise InputError(
                _("PDF 文件已损坏，无法读取：{error}").format(error=str(exc)[:80]), code="pdf", source=name
            ) from None
    if not any(items for items in pages):
        raise InputError(
            _("PDF 中没有可读取的文字（可能是扫描件或图片）：请提供文字版 PDF、Word 文件或网页"),
            code="pdf-no-text",
            source=name,
        )
    return _paragraphs(pages), None


def _is_rule(obj: dict[str, Any]) -> bool:
    """Drop filled boxes (a background, a highlighted block) from what table rules are found in: a
    rectangle is a rule when it is stroked or thin (Word prints borders as thin filled boxes)."""
    if obj.get("object_type") != "rect":
        return True
    return bool(obj.get("stroke")) or min(obj["width"], obj["height"]) < 2.5


def _page_items(page: Any) -> list[dict[str, Any]]:
    """A page's lines (outside tables) and tables, top to bottom, furniture dropped."""
    words = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
    if not words:
        return []
    ruled = page.filter(_is_rule)
    tables = [t for t in ruled.find_tables() if len(t.cells) >= 4]
    boxes = [t.bbox for t in tables]

    def in_table(w: dict[str, Any]) -> bool:
        cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
        return any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in boxes)

    items: list[dict[str, Any]] = []
    for line in _lines([w for w in words if not in_table(w)]):
        margin = line["top"] < 0.08 * page.height or line["bottom"] > 0.92 * page.height
        if margin and _PAGE_NUMBER.match(line["text"].strip()):
            continue
        if _PAGE_NUMBER.match(line["text"].strip()) and re.search(r"[-—–－‒第/]", line["text"]):
            continue
        line.update(kind="line", page_width=page.width,
                    header=line["top"] < 0.1 * page.height or line["bottom"] > 0.9 * page.height)
        items.append(line)
    for t in tables:
        x0, top, x1, bottom = t.bbox
        inside = [
            w for w in words if x0 <= (w["x0"] + w["x1"]) / 2 <= x1 and top <= (w["top"] + w["bottom"]) / 2 <= bottom
        ]
        items.append({"kind": "table", "top": t.bbox[1], "grid": _table_grid(t, inside)})
    return sorted(items, key=lambda it: it["top"])


def _paragraphs(pages: list[list[dict[str, Any]]]) -> list[Block]:
    lines = [it for items in pages for it in items if it["kind"] == "line"]
    # a running header or footer: the same text in the top or bottom margin of several pages
    tops = Counter(it["text"].strip() for it in lines if it.get("header"))
    running = {t for t, n in tops.items() if n >= 2 and len(pages) >= 2}
    body = [it for it in lines if not (it.get("header") and it["text"].strip() in running)]
    if not body:
        return [Grid(it["grid"].rows) for items in pages for it in items if it["kind"] == "table"]
    size = sorted(it["size"] for it in body)[len(body) // 2] or 10.0
    # the left margin: the leftmost x where lines often start (a paragraph's first line is indented)
    starts_at = Counter(round(it["x0"]) for it in body)
    left = min((x for x, n in starts_at.items() if n >= max(2, 0.05 * len(body))), default=min(starts_at))
    right = Counter(round(it["x1"]) for it in body if it["x1"] - it["x0"] > 10 * size)
    right_edge = right.most_common(1)[0][0] if right else max(it["x1"] for it in body)
    blocks: list[Block] = []
    para: list[str] = []
    loose: list[list[str]] = []
    prev: dict[str, Any] | None = None

    def flush() -> None:
        nonlocal para, loose
        if para:
            blocks.append(Para("".join(para)))
        if loose:
            blocks.append(Grid(loose, loose=True))
        para, loose = [], []

    section = 0
    for items in pages:
        for it in items:
            if it["kind"] == "table":
                flush()
                blocks.append(it["grid"])
                prev = None
                continue
            if it not in body:
                continue
            text = it["text"].strip()
            indented = it["x0"] > left + 1.2 * size
            # a line that ends early ends its paragraph — unless the next line's first word would
            # not have fitted there (a long number or address wrapped as a whole)
            room = right_edge - prev["x1"] if prev is not None else 0.0
            fits = room >= _first_word_width(text, size)
            short = prev is not None and room > 4 * size and fits  # clearly ended early
            ended = short or (prev is not None and room > 1.5 * size and fits and prev["text"].rstrip().endswith(_END))
            starts = prev is None or indented or ended or abs(it["size"] - prev["size"]) > 1.5
            found = split_section(text) if starts or not para else None
            if found is not None and found[0] > section:
                flush()
                section = found[0]
                blocks.append(Para(text))
                prev = it
                continue
            row = _layout_row(it, left, size / 2)
            if section in (2, 3, 4) and (loose or not para or starts) and _is_table_line(row):
                # a table without rules (its rows keep their columns), or one read past its rules
                if para:
                    blocks.append(Para("".join(para)))
                    para = []
                loose.append([row])
                prev = it
                continue
            if loose:
                blocks.append(Grid(loose, loose=True))
                loose = []
            if starts and para:
                blocks.append(Para("".join(para)))
                para = []
            if (
                para
                and para[-1][-1:].isascii()
                and para[-1][-1:].isalnum()
                and text[:1].isascii()
                and text[:1].isalnum()
            ):
                para.append(" ")
            para.append(text)
            prev = it
    flush()
    return blocks


class PdfReader:
    """PDF: published reports, and govreport's PDF/A-3 with ``report.json``."""

    name: ClassVar[str] = "pdf"
    suffixes: ClassVar[tuple[str, ...]] = (".pdf",)
    binary: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        return head.lstrip()[:5] == b"%PDF-"

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        assert isinstance(source, bytes)
        if not source.lstrip()[:5] == b"%PDF-":
            raise InputError(_("不是 PDF 文件（缺少 %PDF- 文件头）"), code="pdf", source=name)
        blocks, data = pdf_blocks(source, name)
        if data is not None:
            return ReadResult(data)
        return assemble(blocks, name)
