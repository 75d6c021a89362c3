"""Rules checked against oracles typed here from their sources, not imported from the code under test:
GB/T 15834-2011 禁则 (which marks never start or end a line), GB/T 9704-2012 7.3.1 (a multi-line title is a
梯形 or 菱形: no line wider than the one below it before the widest, none wider than the one above after it),
and the Simplified Chinese face of a CJK font collection."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govreport.compose.title import split_title
from govreport.style import fonts
from govreport.text.linebreak import compose

# GB/T 15834-2011 §5.1.x and 4.x: 句号 问号 叹号 逗号 顿号 分号 冒号 (点号) and the closing marks
# 后引号 后括号 后书名号, the 省略号 and the 间隔号 never begin a line; the opening marks never end one.
NEVER_STARTS = "，。、；：？！）》」』】〕”’…·"
NEVER_ENDS = "（《「『【〔“‘"

HAN = "政府信息公开工作年度报告本机关主动依申请办理答复情况"


def _lines(text: str, per_line: int) -> list[str]:
    advances = [16.0] * len(text)
    return [text[ln.start:ln.end] for ln in compose(text, advances, 16.0 * per_line + 0.01)]


@pytest.mark.parametrize("mark", list(NEVER_STARTS))
def test_no_line_starts_with_a_closing_or_stop_mark(mark: str) -> None:
    text = HAN[:10] + mark + HAN[:20]  # the mark falls exactly at the start of the second line
    lines = _lines(text, 10)
    assert "".join(lines) == text
    assert all(not line.startswith(mark) for line in lines[1:]), lines


@pytest.mark.parametrize("mark", list(NEVER_ENDS))
def test_no_line_ends_with_an_opening_mark(mark: str) -> None:
    text = HAN[:9] + mark + HAN[:20]  # the mark falls exactly at the end of the first line
    lines = _lines(text, 10)
    assert all(not line.endswith(mark) for line in lines[:-1]), lines


def _legal_break(text: str, p: int) -> bool:
    """A break before text[p] is allowed by GB/T 15834: the next line does not start with a stop or closing
    mark, and this one does not end with an opening mark."""
    return text[p] not in NEVER_STARTS and text[p - 1] not in NEVER_ENDS


@given(st.text(alphabet=HAN + NEVER_STARTS + NEVER_ENDS, min_size=1, max_size=120), st.integers(4, 28))
@example(HAN[:27] + "。" + HAN, 28)
@example("‘主···", 4)  # no legal break at all: a forced one is the only way
def test_kinsoku_holds_for_any_text(text: str, per_line: int) -> None:
    lines = _lines(text, per_line)
    assert "".join(lines) == text
    start = 0
    for line in lines[:-1]:
        end = start + len(line)
        if not _legal_break(text, end):
            # only when the line had no legal break point at all (every break in it is forbidden)
            assert not any(_legal_break(text, p) for p in range(start + 1, end + 1)), lines
        start = end


def _width(line: str) -> int:
    return len(line)  # every character of these titles is a full 字


def _is_trapezoid_or_diamond(widths: list[int]) -> bool:
    """GB/T 9704-2012 7.3.1: 梯形 (each line at least as wide as the one above) or 菱形 (widening, then
    narrowing); never an inverted trapezoid (a two-line title whose first line is the longer)."""
    peak = widths.index(max(widths))
    if len(widths) == 2:
        return widths[0] <= widths[1]
    return (all(widths[i] <= widths[i + 1] for i in range(peak))
            and all(widths[i] >= widths[i + 1] for i in range(peak, len(widths) - 1)) and peak > 0)


TITLES = [
    "科苑街道办事处2016年政府信息公开工作年度报告",
    "淮安市人民政府2024年政府信息公开工作年度报告",
    "某某自治县某某乡人民政府关于2023年度政府信息公开工作的年度报告",
    "某某省某某市某某区人民政府办公室2022年政府信息公开工作年度报告",
    "中华人民共和国某某部某某司局2021年政府信息公开工作年度报告",
]


@pytest.mark.parametrize("title", TITLES)
def test_real_titles_keep_the_statutory_shape(title: str) -> None:
    lines = split_title(title, 20)
    assert "".join(lines) == title
    assert all(_width(line) <= 20 for line in lines)
    if len(lines) > 1:
        assert _is_trapezoid_or_diamond([_width(line) for line in lines]), lines


BODIES = ["某某市人民政府", "某某区某某街道办事处", "某某县人民政府办公室", "某某省交通运输厅",
          "某某市某某区某某镇人民政府", "某某市生态环境局某某分局", "某某自治州某某县人民政府"]


@given(st.sampled_from(BODIES), st.sampled_from(BODIES), st.integers(2008, 2030))
def test_generated_titles_keep_the_statutory_shape(body: str, other: str, year: int) -> None:
    title = f"{body}{other}{year}年政府信息公开工作年度报告"
    lines = split_title(title, 20)
    assert "".join(lines) == title
    if len(lines) > 1:
        assert _is_trapezoid_or_diamond([len(line) for line in lines]), lines


def _face(family: str, index: int) -> object:
    key = "".join(family.split()).casefold()
    return fonts._Face(families=(family, "Noto Serif CJK"), names=frozenset({key, "notoserifcjk"}),
                       path=Path("/fonts/NotoSerifCJK-Regular.ttc"), index=index, bold=False, italic=False,
                       weight=400, source="system")


def test_the_simplified_chinese_face_of_a_collection_is_chosen() -> None:
    # Noto CJK collections list the Japanese face first; a name that all faces share must pick SC.
    faces = [_face("Noto Serif CJK JP", 0), _face("Noto Serif CJK KR", 1), _face("Noto Serif CJK SC", 2),
             _face("Noto Serif CJK TC", 3)]
    picked = fonts._pick(faces, "Noto Serif CJK", False)  # type: ignore[arg-type]
    assert picked is not None
    assert picked.index == 2
