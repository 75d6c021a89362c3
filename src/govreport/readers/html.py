"""HTML: a report published on a government portal (or saved from one).

The page is decoded by its declared charset (``<meta charset>`` / ``http-equiv``; GBK and GB18030
pages are common) and parsed with lxml. The article is what lies under the nearest common element of
the report's section headings, plus the title before it, so the portal's navigation, breadcrumbs,
share buttons, related links and footer are left out. ``<table>`` cells are placed on a grid by
their ``rowspan``/``colspan``; a blank cell (``&nbsp;``) is blank. A table that holds other tables
or long paragraphs is page layout, not data, and is read through.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from govreport.errors import InputError
from govreport.i18n import _
from govreport.readers._statutory import (
    _TITLE,
    BOILERPLATE,
    Block,
    Grid,
    Para,
    _arabic_years,
    assemble,
    section_number,
    split_section,
)
from govreport.readers.base import ReadResult
from govreport.readers.decode import decode

__all__ = ["HtmlReader", "html_blocks"]

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "object",
    "svg",
    "select",
    "button",
    "input",
    "textarea",
    "head",
)
_BLOCK = frozenset(
    (
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "aside",
        "nav",
        "blockquote",
        "pre",
        "center",
        "dl",
        "dt",
        "dd",
        "form",
        "hr",
        "tr",
        "td",
        "th",
        "tbody",
        "thead",
        "body",
        "html",
        "font",
    )
)
_BOILERPLATE = BOILERPLATE


def _norm_space(text: str) -> str:
    return re.sub(r"[ \t\r\n\f\v]+", " ", text.replace("\xa0", " ")).strip()


def _cell(el: Any) -> str:
    """A cell's text: its paragraphs and lines joined (a label broken inside its cell is one label)."""
    parts: list[str] = []
    for text in el.itertext():
        parts.append(text)
    return (
        _norm_space("".join(parts)).replace(" ", "")
        if re.search(r"[\u4e00-\u9fff]", "".join(parts))
        else _norm_space("".join(parts))
    )


def _grid(table: Any) -> Grid:
    rows = [tr for tr in table.iter("tr") if tr.getparent() is not None and _owner(tr) is table]
    occupied: dict[tuple[int, int], int] = {}
    texts: list[str] = []
    for r, tr in enumerate(rows):
        c = 0
        for td in tr:
            if not isinstance(td.tag, str) or td.tag not in ("td", "th"):
                continue
            while (r, c) in occupied:
                c += 1
            try:
                rowspan = max(1, min(int(td.get("rowspan", "1") or 1), 200))
                colspan = max(1, min(int(td.get("colspan", "1") or 1), 100))
            except ValueError:
                rowspan = colspan = 1
            texts.append(_cell(td))
            for dr in range(rowspan):
                for dc in range(colspan):
                    occupied[(r + dr, c + dc)] = len(texts) - 1
            c += colspan
    out: list[list[str]] = []
    for r in range(len(rows)):
        ids = [occupied[(rr, cc)] for rr, cc in sorted(k for k in occupied if k[0] == r)]
        seen: list[int] = []
        for i in ids:
            if not seen or seen[-1] != i:
                seen.append(i)
        out.append([texts[i] for i in seen])
    return Grid(out)


def _owner(tr: Any) -> Any:
    el = tr.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _is_layout(table: Any) -> bool:
    """A table used to lay out the page (it holds tables, or paragraphs of running text)."""
    if any(t is not table for t in table.iter("table")):
        return True
    return any(len(_norm_space(p.text_content())) > 80 for p in table.iter("p", "div"))


def _walk(el: Any, out: list[tuple[Block, Any]], buffer: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag == "table" and not _is_layout(el):
        _flush(buffer, out, el)
        out.append((_grid(el), el))
        if el.tail:
            buffer.append(el.tail)
        return
    block = tag in _BLOCK or tag == "table"
    if block or tag == "br":
        _flush(buffer, out, el)
    if tag != "br" and el.text:
        buffer.append(el.text)
    for child in el:
        if isinstance(child.tag, str):
            _walk(child, out, buffer)
        elif child.tail:
            buffer.append(child.tail)
    if block:
        _flush(buffer, out, el)
    if el.tail:
        buffer.append(el.tail)


def _flush(buffer: list[str], out: list[tuple[Block, Any]], el: Any) -> None:
    text = _norm_space("".join(buffer))
    buffer.clear()
    if text:
        out.append((Para(text), el))


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _hidden(el: Any) -> bool:
    """True when the element is hidden by its own attributes (``hidden``, ``style="display:none"``)."""
    return el.get("hidden") is not None or bool(_HIDDEN_STYLE.search(el.get("style") or ""))


def _ancestors(el: Any) -> list[Any]:
    out = []
    while el is not None:
        out.append(el)
        el = el.getparent()
    return out[::-1]


def html_blocks(raw: bytes, name: str) -> list[Block]:
    """The blocks of a portal page's article."""
    import lxml.etree  # type: ignore[import-untyped]
    import lxml.html  # type: ignore[import-untyped]

    m = _CHARSET.search(raw[:8192])
    text = decode(raw, name, m.group(1).decode("ascii") if m else None)
    text = _XML_DECL.sub("", text)
    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(_("无法解析网页：{error}").format(error=str(exc)[:80]), code="html", source=name) from None
    page_title = _norm_space(doc.findtext(".//title") or "")
    attachments = [
        _norm_space(a.text_content()) or a.get("href", "")
        for a in doc.iter("a")
        if re.search(r"\.(?:pdf|docx?|wps|ofd|xlsx?)(?:$|[?#])", a.get("href", ""), re.I)
    ]
    # an article shown in a frame is another page: name it when the page has no text of its own
    frames = [f.get("src") or f.get("data") or "" for f in doc.iter("iframe", "embed", "object")]
    attachments += [f for f in frames if f]
    for bad in list(doc.iter(*_DROP)):
        if bad.getparent() is not None:
            bad.drop_tree()
    # what the browser does not show (a hidden copy of the article, a print-only block)
    for hidden in [el for el in doc.iter() if isinstance(el.tag, str) and _hidden(el)]:
        if hidden.getparent() is not None:
            hidden.drop_tree()
    items: list[tuple[Block, Any]] = []
    _walk(doc.body if doc.find("body") is not None else doc, items, [])
    # the article: under the nearest common element of the section headings
    heads = [el for block, el in items if isinstance(block, Para) and section_number(block.text) is not None]
    if len(heads) >= 2:
        paths = [_ancestors(el) for el in heads]
        root = None
        for level in zip(*paths, strict=False):
            if all(x is level[0] for x in level):
                root = level[0]
            else:
                break
        if root is not None:
            first = next(i for i, (_b, el) in enumerate(items) if root in _ancestors(el))
            title = _title_before(items[:first])
            body = [b for b, el in items[first:] if root in _ancestors(el)]
            titled = any(
                isinstance(b, Para) and len(b.text) < 80 and _TITLE.search(re.sub(r"\s", "", _arabic_years(b.text)))
                for b in body[:8]
            )
            if not title and not titled and page_title:
                title = [Para(re.split(r"[_|－—]| - ", page_title)[0])]
            return _join_wrapped([*title, *_cut(body)], items)
    text_length = sum(len(b.text) for b, _el in items if isinstance(b, Para))
    if not heads and attachments and text_length < 400:
        # the report itself is an attachment (or images): the page holds only its title and a link
        raise InputError(
            _("网页中没有报告正文（未找到“一、总体情况”等章节），报告可能以附件发布：{attachment}；请下载附件后读入").format(
                attachment=attachments[0][:60]
            ),
            code="html-attachment",
            source=name,
        )
    return _join_wrapped(_cut([b for b, _el in items]), items)


_INDENT_STYLE = re.compile(r"text-indent\s*:\s*[1-9]")


def _join_wrapped(blocks: list[Block], items: list[tuple[Block, Any]]) -> list[Block]:
    """Paragraphs put on the page one printed line each (text pasted from a PDF into the portal's
    editor: most ``<p>`` full and ending without punctuation) joined again: a line continues the
    paragraph before it unless it is indented (``text-indent``, leading spaces), a heading, or the
    line before it ended short."""
    from govreport.readers.text import _SUB_START, _width, _wrapped

    width = _wrapped([b.text for b in blocks if isinstance(b, Para)])
    if not width:
        return blocks
    where = {id(b): el for b, el in items}
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (
            isinstance(b, Para)
            and isinstance(prev, Para)
            and _width(prev.text) >= 0.8 * width
            and section_number(prev.text) is None
            and split_section(b.text) is None
            and not _SUB_START.match(b.text)
            and not _indented(where.get(id(b)))
        ):
            out[-1] = Para(prev.text + b.text)
            continue
        out.append(b)
    return out


def _indented(el: Any) -> bool:
    if el is None:
        return False
    if _INDENT_STYLE.search(el.get("style") or ""):
        return True
    text = el.text or ""
    return text.startswith(("\u3000", "\xa0\xa0", "  "))


def _title_before(items: list[tuple[Block, Any]]) -> list[Block]:
    """The title (and a date line under it) among the blocks before the article."""
    for i in range(len(items) - 1, -1, -1):
        block = items[i][0]
        if (
            isinstance(block, Para)
            and "报告" in block.text
            and re.search(r"\d{4}\s*年", _arabic_years(block.text))
            and len(block.text) < 80
        ):
            prev = items[i - 1][0] if i else None
            start = (
                i - 1 if isinstance(prev, Para) and len(prev.text) <= 30 and not re.search(r"[>：:|]", prev.text) else i
            )
            found: list[Block] = [b for b, _el in items[start:] if isinstance(b, Para)]
            return found[:4]
    return []


def _cut(blocks: list[Block]) -> list[Block]:
    """Blocks up to the portal's own lines after the article (share, print, related links, footer)."""
    out: list[Block] = []
    seen_heading = False
    for b in blocks:
        if isinstance(b, Para):
            if section_number(b.text) is not None:
                seen_heading = True
            if seen_heading and _BOILERPLATE.search(b.text) and len(b.text) < 60:
                break
        out.append(b)
    return out


class HtmlReader:
    """HTML pages (``.html``, ``.htm``, ``.shtml``)."""

    name: ClassVar[str] = "html"
    suffixes: ClassVar[tuple[str, ...]] = (".html", ".htm", ".shtml", ".xhtml")
    binary: ClassVar[bool] = True

    def sniff(self, head: bytes) -> bool:
        start = head.lstrip()[:200].lower()
        return start.startswith((b"<!doctype html", b"<html")) or b"<html" in start

    def read(self, source: str | bytes, *, name: str) -> ReadResult:
        assert isinstance(source, bytes)
        return assemble(html_blocks(source, name), name)
