"""PDF/A: metadata from the report, the report's JSON as an associated file, and a structural self-check.

- XMP and the document information carry the title, author (the issuing body), subject, keywords,
  ``dc:language`` zh-CN and the dates of the report — never the time of rendering — so identical input
  gives identical bytes (WeasyPrint derives ``/ID`` from the content).
- With PDF/A-3 the report's own JSON (``Document.data_json``) is embedded as ``report.json``
  (``AFRelationship /Source``): the archive carries the data it was made from.
- :func:`structural_problems` re-reads the written file with pikepdf: PDF/A identification in XMP,
  OutputIntent, every font embedded, no encryption, ``/Lang``, ``/ID``, the associated file. It is not
  a PDF/A validator: veraPDF is not available here (neither Debian nor PyPI nor npm carry it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from typing import Any

from govreport import document as d
from govreport._version import __version__
from govreport.i18n import _

#: The associated file of a PDF/A-3 report.
ATTACHMENT_NAME = "report.json"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_DC = "http://purl.org/dc/elements/1.1/"
_CST = dt.timezone(dt.timedelta(hours=8))


def report_datetime(document: d.Document) -> dt.datetime:
    """The report's date at 00:00 China Standard Time: every date the PDF carries."""
    date = document.meta.date
    return dt.datetime(date.year, date.month, date.day, tzinfo=_CST)


def set_metadata(metadata: Any, document: d.Document) -> None:
    """Fill WeasyPrint's :class:`~weasyprint.pdf.metadata.Metadata` from the document."""
    meta = document.meta
    stamp = report_datetime(document).isoformat()
    metadata.title = meta.title
    metadata.authors = [meta.author]
    metadata.description = meta.subject
    metadata.keywords = list(meta.keywords)
    metadata.lang = meta.language
    metadata.created = stamp
    metadata.modified = stamp
    metadata.generator = f"govreport {__version__}"
    _add_xmp_language(metadata, meta.language)


def _add_xmp_language(metadata: Any, language: str) -> None:
    """WeasyPrint writes ``/Lang`` but no ``dc:language``: add it to the XMP packet it generates."""
    generate: Callable[..., bytes] = metadata.generate_rdf_metadata

    def with_language(*args: Any, **kwargs: Any) -> bytes:
        root = ET.fromstring(generate(*args, **kwargs))
        description = ET.SubElement(root, f"{{{_RDF}}}Description", {f"{{{_RDF}}}about": ""})
        bag = ET.SubElement(ET.SubElement(description, f"{{{_DC}}}language"), f"{{{_RDF}}}Bag")
        ET.SubElement(bag, f"{{{_RDF}}}li").text = language
        return bytes(ET.tostring(root, encoding="utf-8"))

    metadata.generate_rdf_metadata = with_language


def data_attachment(document: d.Document) -> Any:
    """``report.json``: the report's JSON, dated like the report."""
    from weasyprint import Attachment

    local = report_datetime(document)
    # 0001-01-01 at 00:00 in China is in year 0 in UTC, which a datetime cannot hold
    stamp = local.astimezone(dt.UTC) if local.date() > dt.date.min else local.replace(tzinfo=dt.UTC)
    return Attachment(string=document.data_json, name=ATTACHMENT_NAME, description="报告数据 (report data, JSON)",
                      created=stamp, modified=stamp, relationship="Source")


# --- the self-check ---------------------------------------------------------------------------------


def _fonts(resources: Any, seen: set[tuple[int, int]]) -> Iterator[tuple[str, Any]]:
    if resources is None:
        return
    fonts = resources.get("/Font")
    if fonts is not None:
        for name, font in fonts.items():
            yield str(name), font
    xobjects = resources.get("/XObject")
    if xobjects is not None:
        for xobject in xobjects.values():
            key = xobject.objgen
            if key in seen or xobject.get("/Subtype") != "/Form":
                continue
            seen.add(key)
            yield from _fonts(xobject.get("/Resources"), seen)


def _embedded(font: Any) -> bool:
    subtype = font.get("/Subtype")
    if subtype == "/Type3":
        return True  # glyphs are content streams
    if subtype == "/Type0":
        font = font["/DescendantFonts"][0]
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))


_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_XREF_DICT = re.compile(rb"\d+ 0 obj\s*<<\s*/Type /XRef\b")


def add_identifier(data: bytes) -> bytes | None:
    """The PDF with a file identifier (``/ID``, required by PDF/A) derived from its own bytes.

    pydyf computes ``/ID`` by serialising every object a second time, which re-compresses every stream
    (≈ 27 ms of a 210 ms render of the sample). Instead the PDF is written without it and the MD5 of
    the written bytes is put into the cross-reference stream's dictionary, the last object: nothing
    before it moves, so every offset stays valid. Returns None when the file does not end in a
    cross-reference stream as expected (the caller then lets pydyf compute the identifier).
    """
    tail = _STARTXREF.search(data[-64:])
    if tail is None:
        return None
    start = int(tail.group(1))
    head = _XREF_DICT.match(data, start)
    if head is None:
        return None
    end = data.find(b"stream", head.end())
    if end < 0 or b"/ID" in data[head.end():end]:
        return None
    digest = hashlib.md5(data, usedforsecurity=False).hexdigest().encode("ascii")
    ident = b" /ID [<" + digest + b"> <" + digest + b">]"
    return data[: head.end()] + ident + data[head.end():]


def structural_problems(data: bytes, variant: str, language: str, attachment: str | None = None) -> list[str]:
    """What is structurally wrong with the PDF ``data`` for ``variant`` (empty when nothing is)."""
    import pikepdf

    problems: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if pdf.is_encrypted:
            problems.append(_("PDF 已加密"))
        if "/ID" not in pdf.trailer:
            problems.append(_("缺少文件标识 /ID"))
        root = pdf.Root
        if str(root.get("/Lang", "")) != language:
            problems.append(_("文档语言 /Lang 不是 {language}").format(language=language))
        meta = pdf.open_metadata()
        if variant.startswith("pdf/a-"):
            part, conformance = variant[len("pdf/a-"):-1], variant[-1].upper()
            if meta.get("pdfaid:part") != part or meta.get("pdfaid:conformance") != conformance:
                problems.append(_("XMP 缺少 PDF/A-{level} 标识（pdfaid）").format(level=f"{part}{conformance}"))
            intents = root.get("/OutputIntents")
            if not intents or not any(i.get("/S") == "/GTS_PDFA1" and "/DestOutputProfile" in i for i in intents):
                problems.append(_("缺少 PDF/A 输出意图（带 ICC 配置文件的 OutputIntent）"))
        if variant.startswith("pdf/ua-"):
            if meta.get("pdfuaid:part") != variant[-1]:
                problems.append(_("XMP 缺少 PDF/UA 标识（pdfuaid）"))
            if "/StructTreeRoot" not in root:
                problems.append(_("PDF/UA 缺少结构树（无标签）"))
        if not meta.get("dc:title"):
            problems.append(_("XMP 缺少 dc:title"))
        seen: set[tuple[int, int]] = set()
        for page in pdf.pages:
            for name, font in _fonts(page.obj.get("/Resources"), seen):
                if not _embedded(font):
                    problems.append(_("字体未嵌入：{font}").format(font=font.get("/BaseFont", name)))
        if attachment is not None:
            files = {name: spec for name, spec in pdf.attachments.items()}
            spec = files.get(attachment)
            if spec is None:
                problems.append(_("缺少关联文件 {file}").format(file=attachment))
            else:
                af = root.get("/AF")
                if af is None or len(af) == 0:
                    problems.append(_("缺少关联文件数组 /AF"))
                if spec.obj.get("/AFRelationship") is None:
                    problems.append(_("{file} 缺少 AFRelationship").format(file=attachment))
    return list(dict.fromkeys(problems))
