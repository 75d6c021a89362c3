"""The PDF font plan declares a fallback face exactly when the text needs one, judged by the same rule
as the missing-glyph check (style.fonts.needs_glyph), so a covered character is never left undrawn."""

from __future__ import annotations

import pytest

from govreport.renderers.pdf.faces import FontPlan
from govreport.style.fonts import missing_characters, resolve_fonts
from govreport.style.metrics import face_advances
from govreport.style.profile import load_profile


@pytest.fixture(scope="module")
def fontset():  # type: ignore[no-untyped-def]
    return resolve_fonts(load_profile())


def _only_in_fallback(fontset, chars: str) -> str:  # type: ignore[no-untyped-def]
    body, fallback = fontset.roles["body"], fontset.fallback[0]
    mine, theirs = face_advances(body.path, body.index), face_advances(fallback.path, fallback.index)
    found = [c for c in chars if ord(c) not in mine and ord(c) in theirs]
    if not found:
        pytest.skip("the installed body font already covers these characters")
    return found[0]


def test_no_fallback_for_text_the_body_font_covers(fontset) -> None:  # type: ignore[no-untyped-def]
    assert FontPlan(fontset, {"body": "政府信息公开工作年度报告"}).fallbacks == ()


@pytest.mark.parametrize("chars", ["喆堃镕珺", "\u0301\u0300\u0304"], ids=["rare-han", "combining-mark"])
def test_fallback_declared_when_needed(fontset, chars: str) -> None:  # type: ignore[no-untyped-def]
    ch = _only_in_fallback(fontset, chars)
    text = f"张{ch}同志"
    assert missing_characters({"body": text}, fontset) == []  # the check says it can be drawn …
    plan = FontPlan(fontset, {"body": text})
    assert fontset.fallback[0] in plan.fallbacks  # … so the plan must declare the face that draws it
    assert len(plan.chain("body")) >= 2


def test_a_render_walks_the_coverage_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The missing-glyph check and the font plan's fallbacks come from one walk of the text."""
    import govreport
    from conftest import SAMPLE
    from govreport.renderers import pdf
    from govreport.style import fonts

    calls = []

    def counted(*args: object) -> object:
        calls.append(1)
        return fonts.coverage(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(pdf, "coverage", counted)
    monkeypatch.setattr("govreport.renderers.pdf.faces.coverage", counted)
    govreport.render(govreport.load(SAMPLE), "pdf")
    assert len(calls) == 1
