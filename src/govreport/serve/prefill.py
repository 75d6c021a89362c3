"""Start this year's report from last year's: what carries over and what the clerk must fill anew.

Carried: the issuing body, its level, the contact details, the signature's body and every text block
(the clerk rewrites them; the checks warn about paragraphs left as they were, ``REPEATED-TEXT``).
Moved on: the year (+1) and the edition that applies to it. Emptied: the dates, the title (it
defaults to body + year) and every table cell — except 表三's 二、上年结转, which is last year's
四、结转下年度 by definition.
"""

from __future__ import annotations

from typing import Any

from govreport.model.editions import edition_for_year
from govreport.model.report import Report


def next_year(previous: Report) -> dict[str, Any]:
    """Report data for the year after ``previous`` (JSON-ready, English keys)."""
    data = previous.model_dump(mode="json", exclude_none=True)
    year = previous.year + 1
    data["year"] = year
    data["edition"] = edition_for_year(year).value
    for key in ("published", "title"):
        data.pop(key, None)
    signature = data.get("signature")
    if isinstance(signature, dict):
        signature.pop("date", None)
    if data["edition"] != "legacy":
        data.pop("statistics", None)
    for section in ("active_disclosure", "applications", "review_litigation"):
        if isinstance(data.get(section), dict):
            data[section].pop("table", None)
    table = previous.applications.table if previous.applications else None
    if table is not None:
        data.setdefault("applications", {})["table"] = {"carried_over": list(table.carried_forward)}
    return data
