"""What a report IS: the Pydantic model of the statutory report, independent of layout."""

from govreport.model.blocks import Block, Insert, Subsection
from govreport.model.editions import Edition, edition_for_year
from govreport.model.report import Attachment, BodyLevel, Contact, Report, Section, Signature

__all__ = [
    "Attachment",
    "Block",
    "BodyLevel",
    "Contact",
    "Edition",
    "Insert",
    "Report",
    "Section",
    "Signature",
    "Subsection",
    "edition_for_year",
]
