"""Report → Document: ordinals, the title's lines, contact sentences, signature, attachments.

Composition is the only place that knows both the statutory model and the neutral document tree.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from govreport import document as d
from govreport.compose.statutory import compose_statistics, compose_statutory_sections
from govreport.compose.title import split_title
from govreport.errors import ReportInvalidError
from govreport.i18n import _
from govreport.model.blocks import Block, Insert, Subsection
from govreport.model.refs import resolve_text
from govreport.model.report import Contact, Report
from govreport.style.profile import Profile
from govreport.text.zh import format_date, ordinal, split_typed_ordinal

__all__ = ["compose", "compose_blocks", "contact_sentences"]

_PLACEHOLDER = re.compile(r"\{(unit|phone|email|address|postcode)\}")


def contact_sentences(contact: Contact, body: str) -> list[str]:
    """The contact paragraph(s): the report's own ``template`` lines, or one standard sentence.

    Placeholders are replaced by plain substitution ({unit} {phone} {email} {address} {postcode});
    report text is never evaluated as a template.
    """
    values = {
        "unit": contact.unit or body,
        "phone": contact.phone or "",
        "email": contact.email or "",
        "address": contact.address or "",
        "postcode": contact.postcode or "",
    }
    if contact.template:
        return [_PLACEHOLDER.sub(lambda m: values[m.group(1)], line) for line in contact.template]
    details = [
        f"{label}：{values[key]}"
        for key, label in (("address", "地址"), ("postcode", "邮编"), ("phone", "电话"), ("email", "电子邮箱"))
        if values[key]
    ]
    tail = f"（{'，'.join(details)}）" if details else ""
    return [f"如对本报告有疑问，请与{values['unit']}联系{tail}。"]


def compose_blocks(blocks: Sequence[Block], level: int, report: Report) -> list[d.Block]:
    """Content blocks at heading ``level`` (the level their sub-headings take) → document blocks."""
    out: list[d.Block] = []
    n = 0
    for block in blocks:
        if isinstance(block, str):
            out.append(d.Paragraph(resolve_text(block, report)))  # {表三.本年新收.总计} → the number
        elif isinstance(block, Insert):
            if report.contact is not None:
                out.extend(d.Paragraph(s) for s in contact_sentences(report.contact, report.body))
        elif isinstance(block, Subsection):
            n += 1
            if level > 4:
                raise ReportInvalidError(
                    _("小标题「{heading}」位于第 {level} 级：标题最多四级（一、（一）1.（1）），请减少嵌套").format(
                        heading=block.heading[:20], level=level
                    )
                )
            num = ordinal(level, n)
            heading = resolve_text(split_typed_ordinal(block.heading)[1], report)  # a typed （一）: HEADING-ORDINAL
            content = list(block.content)
            first = content[0] if content else None
            if block.run_in and isinstance(first, str):
                content.pop(0)
                out.append(d.Paragraph(resolve_text(first, report), lead=f"{num}{heading}", lead_level=level))
            else:
                out.append(d.Heading(level, num, heading))
            out.extend(compose_blocks(content, level + 1, report))
    return out


def _uses_contact_insert(report: Report) -> bool:
    def walk(blocks: Sequence[Block]) -> bool:
        return any(
            isinstance(b, Insert) or (isinstance(b, Subsection) and walk(b.content)) for b in blocks
        )

    return walk([*[b for s in report.sections for b in s.content]])


def compose(report: Report, profile: Profile) -> d.Document:
    """The renderer-neutral document of ``report``."""
    blocks: list[d.Block] = [
        d.Title(split_title(report.display_title, profile.count("title.max_chars_per_line")))
    ]
    blocks.extend(d.Paragraph(resolve_text(p, report)) for p in report.preamble)
    if report.contact is not None and not _uses_contact_insert(report):
        blocks.extend(d.Paragraph(s) for s in contact_sentences(report.contact, report.body))
    for i, section in enumerate(report.sections, start=1):
        blocks.append(d.Heading(1, ordinal(1, i), split_typed_ordinal(section.heading)[1]))
        blocks.extend(compose_blocks(section.content, 2, report))
    blocks.extend(compose_statutory_sections(report, lambda content, level: compose_blocks(content, level, report)))
    date = report.signature_date
    if date is not None:
        blocks.append(d.Signature(report.signature_body, format_date(date)))
    for attachment in report.attachments:
        blocks.append(d.AttachmentHeader(attachment.label, attachment.title))
        blocks.extend(compose_blocks(attachment.content, 1, report))
    if report.statistics is not None:  # the legacy 附表 统计表 on its own page (GB/T 9704 7.3.7)
        table = compose_statistics(report.statistics)
        blocks.append(d.AttachmentHeader("附表", table.caption))
        blocks.append(dataclasses.replace(table, caption=""))
    meta = d.Metadata(
        title=report.display_title,
        author=report.body,
        keywords=(report.body, f"{report.year}年", "政府信息公开"),
        date=report.document_date,
    )
    return d.Document(
        meta=meta,
        blocks=tuple(blocks),
        data_json=report.model_dump_json(by_alias=False, exclude_none=True),
        stem=report.display_title,
    )
