"""Free-text content of a report: paragraphs and nested sub-headings.

In YAML a block is either a plain string (a paragraph), ``{heading: …, content: […]}`` (a sub-heading
one level below its parent, ordinals （一） / 1. / （1） generated), or ``{insert: contact}`` (the
contact sentences, rendered from the report's ``contact`` fields).
"""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from govreport.text.normalize import normalize_text

_MODEL = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True, frozen=True)

#: A single report string, normalised like every report text (full-width punctuation, no stray spaces
#: between Chinese characters): the one mechanism for every such field.
Text = Annotated[str, AfterValidator(normalize_text)]


class WithContent(BaseModel):
    """A model holding content blocks (normalised like every report text)."""

    content: list[Block] = Field(default_factory=list, alias="内容")

    @field_validator("content", mode="before")
    @classmethod
    def _norm_content(cls, v: object) -> object:
        return normalize_blocks(v)


class HeadedContent(WithContent):
    """A heading with its content blocks (a top-level section, or a sub-heading)."""

    model_config = _MODEL

    heading: Text = Field(min_length=1, alias="标题")


class Subsection(HeadedContent):
    """A sub-heading (levels 2–4) with its content.

    With ``run_in`` the heading starts the first paragraph of its content, as in
    "（一）主动公开情况。2024年，……" (common in the 总体情况 of statutory reports).
    """

    run_in: bool = Field(default=False, alias="接排")


class Insert(BaseModel):
    """A placeholder replaced by generated text (``contact``: the report's contact details)."""

    model_config = _MODEL

    insert: Literal["contact"] = Field(alias="插入")


def _norm_paragraph(v: object) -> object:
    if isinstance(v, str):
        return normalize_text(v)
    return v


Paragraph = Annotated[str, Field(min_length=1)]
Block = Union[Paragraph, Subsection, Insert]  # noqa: UP007  (a runtime alias pydantic resolves)

WithContent.model_rebuild()
HeadedContent.model_rebuild()
Subsection.model_rebuild()


def normalize_blocks(value: object) -> object:
    """Normalise the strings of a raw block list before validation."""
    if isinstance(value, list):
        return [_norm_paragraph(item) for item in value]
    return value
