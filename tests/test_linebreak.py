"""Chinese line composition (text/linebreak.py): 禁则, unsplittable marks, fill, justification."""

from __future__ import annotations

import re
import unicodedata

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from govreport.text.linebreak import (
    NO_END,
    NO_START,
    Line,
    break_opportunities,
    compose,
    justified_spacing,
)

SIZE = 16.0
SPACING = -0.25
MEASURE = 442.2047  # 156 mm
INDENT = 31.5


def advance(ch: str) -> float:
    """Full-width characters take one em, narrow ones half (as in FandolFang), spaces a third."""
    if ch == " ":
        return SIZE / 3
    return SIZE if unicodedata.east_asian_width(ch) in {"W", "F", "A"} else SIZE / 2


def advances(text: str) -> list[float]:
    return [advance(ch) for ch in text]


def texts(lines: list[Line], text: str) -> list[str]:
    return [text[ln.start:ln.end] for ln in lines]


HAN = "政府信息公开工作年度报告科苑街道办事处切实提升了领导力量"
PUNCT = "，。、；：？！）》”“《（——……"
LATIN = "abc2016@.-"
alphabet = st.sampled_from(list(HAN * 3 + PUNCT + LATIN + " "))
# Natural Chinese: Han with punctuation; —— and …… come in pairs; Latin words short enough to fit.
token = st.one_of(
    st.text(st.sampled_from(list(HAN)), min_size=1, max_size=12),
    st.sampled_from(["，", "。", "、", "；", "：", "？", "！", "——", "……", "“", "”", "《", "》", "（", "）",
                     "2016年", "0533-3170799", " abc ", "“单独二胎”", "（以下简称《条例》）"]),
)
# (Narrow tokens that happen to meet make one longer word: keep every word shorter than a line.)
chinese = st.lists(token, min_size=1, max_size=80).map("".join).filter(
    lambda t: re.search(r"[!-~]{25,}", t) is None)


def compose_default(text: str, indent: float = INDENT) -> list[Line]:
    return compose(text, advances(text), MEASURE, first_indent=indent, spacing=SPACING)


@given(st.text(alphabet, max_size=200))
def test_lines_concatenate_to_the_text(text: str) -> None:
    lines = compose_default(text)
    assert "".join(texts(lines, text)) == text
    if text:
        assert lines[-1].last
        assert not any(ln.last for ln in lines[:-1])
        assert all(ln.end > ln.start for ln in lines)


@settings(max_examples=300)
@given(chinese)
def test_kinsoku_never_violated(text: str) -> None:
    lines = compose_default(text)
    for ln in lines:
        assert not ln.forced
        body = text[ln.start:ln.end]
        if ln.start > 0:
            assert body[0] not in NO_START, (body, texts(lines, text))
        if not ln.last:
            assert body.rstrip()[-1] not in NO_END, (body, texts(lines, text))


@settings(max_examples=300)
@given(chinese)
def test_dashes_and_ellipses_never_split(text: str) -> None:
    for ln in compose_default(text)[1:]:
        before, after = text[ln.start - 1], text[ln.start]
        assert not (before == after == "—")
        assert after != "…"


@settings(max_examples=300)
@given(chinese)
def test_lines_fit_and_are_greedy(text: str) -> None:
    lines = compose_default(text)
    ops = break_opportunities(text)
    for ln in lines:
        assert ln.width <= ln.available + 1e-6
        if ln.last:
            continue
        # The next break opportunity would have overflowed: nothing more could have gone on the line.
        nxt = next((i for i in range(ln.end + 1, len(text)) if ops[i]), len(text))
        longer = compose(text[ln.start:nxt], advances(text[ln.start:nxt]), ln.available, spacing=SPACING)
        assert len(longer) > 1


@settings(max_examples=300)
@given(chinese)
@example("了" * 13 + "0533-31707990533-3170799……")  # found by hypothesis: a number too wide to finish a line
def test_justified_lines_fill_the_measure(text: str) -> None:
    for ln in compose_default(text):
        ls = justified_spacing(ln, SPACING, max_stretch=SIZE)
        if ln.last:
            assert ls is None
            continue
        if ls is None:
            # Left ragged only when filling it would open more than one 字 between characters, which
            # happens only when the next line starts with an unbreakable run of digits or Latin
            # letters (a phone number, a URL) too wide for what is left of this one.
            assert ln.glyphs < 2 or (ln.available - ln.width) / (ln.glyphs - 1) > SIZE
            assert ord(text[ln.end]) < 0x2E80
            continue
        assert ls >= SPACING
        body = text[ln.start:ln.end].rstrip(" ")
        right = sum(advances(body)) + (len(body) - 1) * ls
        assert right == pytest.approx(ln.available, abs=1e-6)


@given(st.text(st.sampled_from(list(HAN)), min_size=1, max_size=300))
def test_pure_han_fills_28_a_line_26_after_the_indent(text: str) -> None:
    lines = compose_default(text)
    assert [ln.glyphs for ln in lines[:-1]] == [26] + [28] * (len(lines) - 2) if len(lines) > 1 else True
    assert lines[-1].glyphs <= (26 if len(lines) == 1 else 28)


def test_comma_at_line_start_pulls_a_character_down() -> None:
    text = "政" * 28 + "，" + "府" * 5
    lines = compose_default(text, indent=0)
    assert [text[ln.start:ln.end] for ln in lines] == ["政" * 27, "政，" + "府" * 5]


def test_opening_quote_may_start_a_line_and_never_ends_one() -> None:
    text = "政" * 28 + "“单独二胎”"
    lines = compose_default(text, indent=0)
    assert texts(lines, text) == ["政" * 28, "“单独二胎”"]  # Pango would have glued 政“ together
    text = "政" * 27 + "“单独二胎”"
    lines = compose_default(text, indent=0)
    assert texts(lines, text) == ["政" * 27, "“单独二胎”"]


def test_numbers_words_and_emails_are_not_broken() -> None:
    text = "政" * 20 + "联系电话0533-3170799。"
    lines = compose_default(text, indent=0)
    assert texts(lines, text) == ["政" * 20 + "联系电话", "0533-3170799。"]


def test_an_overlong_word_is_broken_where_it_must() -> None:
    text = "x" * 100
    lines = compose_default(text, indent=0)
    assert "".join(texts(lines, text)) == text
    assert all(ln.forced for ln in lines[:-1])
    assert all(ln.width <= MEASURE for ln in lines)


def test_space_after_an_opening_mark_does_not_free_it() -> None:
    ops = break_opportunities("政（ 府")
    assert ops == [False, True, False, False]


def test_stretch_limit_leaves_a_nearly_empty_line_ragged() -> None:
    line = Line(0, 2, 31.75, MEASURE, 2)
    assert justified_spacing(line, SPACING, max_stretch=SIZE) is None
    line = Line(0, 28, 441.25, MEASURE, 28)
    assert justified_spacing(line, SPACING, max_stretch=SIZE) == pytest.approx(SPACING + 0.9547 / 27, abs=1e-4)


@given(st.text(alphabet, max_size=60))
def test_no_break_before_closing_or_after_opening(text: str) -> None:
    ops = break_opportunities(text)
    for i in range(1, len(text)):
        if ops[i]:
            assert text[i] not in NO_START
            assert text[:i].rstrip(" ")[-1:] not in NO_END


@given(st.integers(min_value=20, max_value=60), st.sampled_from(["——", "……", "。”", "”。", "》，", "“《"]))
def test_pairs_at_every_position_of_the_line_end(prefix: int, pair: str) -> None:
    text = "政" * prefix + pair + "府" * 30
    lines = compose_default(text, indent=0)
    for ln in lines[1:]:
        assert not (text[ln.start - 1] == text[ln.start] and text[ln.start] in "—…")
        assert text[ln.start] not in NO_START
        assert text[ln.start - 1] not in NO_END


# -- 中西文间距 ---------------------------------------------------------------------------------------

def test_autospace_between_han_and_digits_or_latin_letters_only() -> None:
    from govreport.text.linebreak import autospace

    text = "现将2016年度（2020）APP上线，5%"
    gaps = autospace(text, 3.45)
    spaced = [text[i - 1:i + 1] for i, g in enumerate(gaps) if g]
    # Not next to punctuation or symbols: （2020） and 5% get none.
    assert spaced == ["将2", "6年", "P上"]
    assert gaps[0] == 0.0
    assert set(gaps) == {0.0, 3.45}


def test_compose_counts_gaps_inside_a_line_not_at_its_break() -> None:
    text = "政" * 27 + "1" + "府" * 5
    plain = compose(text, advances(text), MEASURE, spacing=SPACING)
    gaps = [0.0] * len(text)
    gaps[27] = gaps[28] = 3.45  # 政|1 and 1|府
    spaced = compose(text, advances(text), MEASURE, spacing=SPACING, gaps=gaps)
    # 27 Han + "1" fit (27 × 16 + 8 − 27 × 0.25 = 433.25 pt); with the gap before "1" (+3.45) still;
    # "1府" no longer does, with or without a gap after a break.
    assert texts(plain, text)[0] == "政" * 27 + "1"
    assert spaced[0].width == pytest.approx(plain[0].width + 3.45)
    text2 = "政" * 27 + "12"
    gaps2 = [0.0] * len(text2)
    gaps2[27] = 12.0  # a gap wider than what is left pushes the number down …
    lines = compose(text2, advances(text2), MEASURE, spacing=SPACING, gaps=gaps2)
    assert texts(lines, text2) == ["政" * 27, "12"]
    assert lines[1].width == pytest.approx(16 - 0.25)  # … and takes no room at the start of the next line
    with pytest.raises(ValueError, match="gaps"):
        compose(text, advances(text), MEASURE, gaps=[0.0])
