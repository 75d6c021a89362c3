"""What the clerk has not filled in yet: the placeholder texts of ``govreport new``'s templates."""

from __future__ import annotations

from collections.abc import Iterator

from govreport.checks._common import narrative
from govreport.checks.finding import Finding, error
from govreport.i18n import N_, _
from govreport.model.report import Report
from govreport.model.templates import PLACEHOLDERS, Placeholder
from govreport.text.normalize import normalize_text

_FIELD_NAMES = {
    "body": N_("发布机关"),
    "signature.body": N_("落款 → 署名"),
    "contact.unit": N_("联系方式 → 联系单位"),
    "contact.phone": N_("联系方式 → 电话"),
    "contact.email": N_("联系方式 → 电子邮箱"),
    "contact.address": N_("联系方式 → 地址"),
    "contact.postcode": N_("联系方式 → 邮编"),
}

_BY_TEXT = {normalize_text(p.text): p for p in PLACEHOLDERS}
_PARAGRAPHS = tuple((normalize_text(p.text), p) for p in PLACEHOLDERS if p.field == "text")


def _fields(report: Report) -> Iterator[tuple[str, str | None]]:
    yield "body", report.body
    if report.signature is not None:
        yield "signature.body", report.signature.body
    if report.contact is not None:
        c = report.contact
        yield from (("contact.unit", c.unit), ("contact.phone", c.phone), ("contact.email", c.email),
                    ("contact.address", c.address), ("contact.postcode", c.postcode))


def _in_text(text: str) -> Placeholder | None:
    exact = _BY_TEXT.get(text)
    if exact is not None and exact.field in ("text", "heading"):
        return exact
    return next((p for t, p in _PARAGRAPHS if t in text), None)


def check_placeholders(report: Report) -> list[Finding]:
    """Every field and paragraph that still holds a template's placeholder text (an error each)."""
    out: list[Finding] = []
    for field, value in _fields(report):
        found = _BY_TEXT.get(value) if value else None
        if found is not None and found.field not in ("text", "heading"):
            out.append(error(
                "PLACEHOLDER",
                _("「{field}」仍是模板中的示例「{text}」：{hint}").format(
                    field=_(_FIELD_NAMES[field]), text=found.text, hint=_(found.hint)),
                field=field,
            ))
    for text in narrative(report):
        found = _in_text(text.text)
        if found is not None:
            out.append(error(
                "PLACEHOLDER",
                _("“{section}”中仍有模板的提示文字「{text}」：{hint}").format(
                    section=text.section, text=found.text, hint=_(found.hint)),
                section=text.section,
            ))
    return out
