"""The DOCX as LibreOffice lays it out: GB/T 9704 measured on the PDF LibreOffice makes of our DOCX.

Each document is converted once per session; many measurements are made on it. Fonts: our fontconfig file
maps the official names (仿宋_GB2312 …) to the Fandol families, so LibreOffice sets what Word would set.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import govreport
from conftest import SAMPLE
from docx_samples import DATE, LONG_NAME, SHORT_NAME, features_document
from pdfmeasure import MM, Line, chars, ink_box, lines, page_sizes

pytestmark = pytest.mark.slow

# GB/T 9704 numbers in pt, as the standard states them (not read back from the renderer).
LEFT = 28 * MM  # 订口
TOP = 37 * MM  # 天头
RIGHT_EDGE = (28 + 156) * MM  # right edge of the 版心
BOTTOM_EDGE = (37 + 225) * MM  # bottom edge of the 版心
PITCH = 579 / 20  # line pitch: 225 mm / 22, rounded down to twips
ZI = 16 - 0.25  # one 字 of 3号 at the tightened pitch
PN_ZI = 14  # one 字 of the 4号 page number
PAGE_W, PAGE_H = 210 * MM, 297 * MM
NO_START = set("，。、；：？！）》”’〉」』】〕")
NO_END = set("（《“‘〈「『【〔")
TOL = 1.0  # pt


def _convert(tmp: Path, name: str, data: bytes) -> Path:
    from govreport.style.fonts import write_fontconfig
    from govreport.style.profile import load_profile
    from lo import LibreOfficeMissing, libreoffice_to_pdf

    path = tmp / f"{name}.docx"
    path.write_bytes(data)
    try:
        return libreoffice_to_pdf(path, tmp, write_fontconfig(load_profile("gbt9704"), tmp / "fonts.conf"))
    except LibreOfficeMissing as exc:  # pragma: no cover - environment
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def sample_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = govreport.render(govreport.load(SAMPLE), "docx")
    return _convert(tmp_path_factory.mktemp("docx-sample"), "keyuan", data)


@pytest.fixture(scope="session")
def features_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from govreport.renderers.docx import DocxRenderer
    from govreport.style.profile import load_profile

    data = DocxRenderer().render(features_document(), load_profile("gbt9704"))
    return _convert(tmp_path_factory.mktemp("docx-features"), "features", data)


def _body(pdf: Path) -> list[Line]:
    return lines(pdf, size=16)


def _full_lines(body: list[Line]) -> list[tuple[Line, Line]]:
    """(line, next line) for every line that is not its paragraph's last: the next line starts flush left
    (paragraphs and headings start indented 2 字)."""
    return [(a, b) for a, b in itertools.pairwise(body) if abs(b.x0 - LEFT) < 2]


def _is_cjk(text: str) -> bool:
    return all(ord(ch) >= 0x2E80 or ch in "“”‘’—…·" for ch in text)


# -- the sample: the grid ---------------------------------------------------------------------------

def test_every_full_page_has_22_lines(sample_pdf: Path) -> None:
    body = _body(sample_pdf)
    pages = sorted({ln.page for ln in body})
    assert len(pages) >= 4
    counts = {p: sum(1 for ln in body if ln.page == p) for p in pages}
    # Page 1 carries the title (2 lines of 2号 and a blank line); the last page is not full.
    assert all(counts[p] == 22 for p in pages[1:-1]), counts
    pitches = [b.top - a.top for a, b in itertools.pairwise(body) if a.page == b.page]
    assert all(abs(p - PITCH) < 0.6 for p in pitches), sorted(set(round(p, 2) for p in pitches))


def test_full_lines_have_28_characters(sample_pdf: Path) -> None:
    full = [(a, b) for a, b in _full_lines(_body(sample_pdf)) if _is_cjk(a.text)]
    assert len(full) > 60
    # 28 字, or 26 after the 2-字 first-line indent, unless 禁则 moved one character down: the line would
    # end with an opening mark, or the next line would start with a closing one.
    short = [(a, b) for a, b in full if len(a.text) != (28 if abs(a.x0 - LEFT) < 2 else 26)]
    unexplained = [a.text for a, b in short
                   if not (b.text[0] in NO_END or (len(b.text) > 1 and b.text[1] in NO_START))]
    assert unexplained == []
    assert len(short) <= len(full) // 10


def test_lines_justified_to_the_right_edge(sample_pdf: Path) -> None:
    full = _full_lines(_body(sample_pdf))
    off = [(a.text, round(a.x1, 2)) for a, _ in full if abs(a.x1 - RIGHT_EDGE) > 1.5]
    assert off == []


def test_left_edge_and_first_line_indent(sample_pdf: Path) -> None:
    body = _body(sample_pdf)
    flush = [ln.x0 for ln in body if ln.x0 < LEFT + 10]
    assert flush
    assert all(abs(x - LEFT) <= MM for x in flush)
    indented = [ln.x0 for ln in body if ln.x0 >= LEFT + 10]
    assert indented
    assert all(abs(x - (LEFT + 2 * ZI)) < TOL for x in indented)


def test_first_line_in_first_grid_line(sample_pdf: Path) -> None:
    body = _body(sample_pdf)
    for page in sorted({ln.page for ln in body})[1:]:
        first = min(ln.top for ln in body if ln.page == page)
        assert TOP <= first < TOP + PITCH, (page, first)


def test_kinsoku(sample_pdf: Path) -> None:
    body = _body(sample_pdf)
    assert not [ln.text for ln in body if ln.text[0] in NO_START]
    assert not [ln.text for ln in body if ln.text[-1] in NO_END]


# -- page numbers (7.5) -----------------------------------------------------------------------------

def _page_numbers(pdf: Path) -> list[Line]:
    return [ln for ln in lines(pdf, size=14) if ln.top > BOTTOM_EDGE]


def test_page_numbers_alternate_one_zi_in(sample_pdf: Path) -> None:
    numbers = _page_numbers(sample_pdf)
    assert [ln.text for ln in numbers] == [f"—{n}—" for n in range(1, len(numbers) + 1)]
    assert len(numbers) == len(page_sizes(sample_pdf))
    for ln in numbers:
        if ln.page % 2:  # 单页码居右空一字
            assert abs(ln.x1 - (RIGHT_EDGE - PN_ZI)) < TOL, ln
        else:  # 双页码居左空一字
            assert abs(ln.x0 - (LEFT + PN_ZI)) < TOL, ln
        assert {f for f in ln.fonts} == {"FandolSong-Regular"}  # 宋体, through our fontconfig file


def test_page_number_dash_7mm_below_type_area(sample_pdf: Path) -> None:
    for ln in _page_numbers(sample_pdf)[:2]:
        dash = next(c for c in chars(sample_pdf, ln.page) if c["text"] == "—" and c["top"] > BOTTOM_EDGE)
        ink = ink_box(sample_pdf, ln.page, (dash["x0"], dash["top"] - 4, dash["x1"], dash["bottom"] + 4))
        assert ink is not None
        assert abs(ink[1] - (BOTTOM_EDGE + 7 * MM)) <= 0.5 * MM, (ln.page, ink[1] - BOTTOM_EDGE)


# -- the features document: signature, 附件, tables ------------------------------------------------

def _find(all_lines: list[Line], text: str) -> list[Line]:
    return [ln for ln in all_lines if ln.text == text]


def test_signature_long_name(features_pdf: Path) -> None:
    body = _body(features_pdf)
    (name,) = _find(body, LONG_NAME)
    date = next(ln for ln in body if ln.text == DATE and ln.page == name.page and ln.top > name.top)
    assert abs(name.x1 - (RIGHT_EDGE - 2 * ZI)) < TOL  # 署名右空二字
    assert abs(date.x0 - (name.x0 + 2 * ZI)) < TOL  # 日期首字比署名首字右移二字
    assert abs(date.top - name.top - PITCH) < TOL  # the next line
    above = max(ln.top for ln in body if ln.page == name.page and ln.top < name.top)
    assert abs(name.top - above - 2 * PITCH) < TOL  # 空一行


def test_signature_date_longer_than_name(features_pdf: Path) -> None:
    body = _body(features_pdf)
    (name,) = _find(body, SHORT_NAME)
    date = next(ln for ln in body if ln.text == DATE and ln.page == name.page and ln.top > name.top)
    assert abs(date.x1 - (RIGHT_EDGE - 2 * ZI)) < TOL  # 日期右空二字
    assert name.x1 < date.x1 - 2 * ZI  # 署名右空字数相应增加
    # The name's padding counts the 中西文间距 LibreOffice (and Word) put into 2017年1月20日 (five gaps):
    # the date starts 2 字 right of the name (docs/layout-docx.md; it used to be 0.9 字).
    assert abs(date.x0 - (name.x0 + 2 * ZI)) < TOL


def test_attachment_page(features_pdf: Path) -> None:
    body = _body(features_pdf)
    (label,) = _find(body, "附件1")
    assert not [ln for ln in body if ln.page == label.page and ln.top < label.top]  # new page, line 1
    assert abs(label.x0 - LEFT) < TOL
    assert TOP <= label.top < TOP + PITCH
    assert "FandolHei-Regular" in label.fonts  # 黑体
    (title,) = _find(lines(features_pdf, size=22), "政府信息公开情况统计表")
    assert title.page == label.page
    assert TOP + 2 * PITCH <= title.top < TOP + 3 * PITCH  # line 3
    assert abs((title.x0 + title.x1) / 2 - (LEFT + RIGHT_EDGE) / 2) < TOL  # centred


def test_table_header_repeats_and_cells_merge(features_pdf: Path) -> None:
    sizes = page_sizes(features_pdf)
    small = lines(features_pdf, size=12)
    for landscape in (False, True):  # 表一 on portrait pages, 表二 on landscape ones
        pages = sorted({ln.page for ln in small if ln.text.startswith("行")
                        and (sizes[ln.page - 1][0] > sizes[ln.page - 1][1]) == landscape})
        assert len(pages) >= 2, "the table should run onto a second page"
        for page in pages:  # the header rows repeat on every page of the table
            page_lines = [ln.text for ln in small if ln.page == page]
            assert "申请人情况" in page_lines, page
            assert "自然人商业企业科研机构" in page_lines, page
    # Merged cells: "第1组" spans four rows: once, vertically between rows 2 and 3.
    page = min(ln.page for ln in small if ln.text == "第1组")
    rows = [ln for ln in small if ln.page == page and ln.text.startswith("行")]
    (label,) = [ln for ln in small if ln.page == page and ln.text == "第1组"]
    assert rows[1].top < label.top < rows[2].top
    # "申请人情况" spans three columns: centred over 自然人 … 科研机构; "项目" spans two columns and two rows.
    header = next(ln for ln in small if ln.page == page and ln.text == "自然人商业企业科研机构")
    group = next(ln for ln in small if ln.page == page and ln.text == "申请人情况")
    assert abs((group.x0 + group.x1) / 2 - (header.x0 + header.x1) / 2) < 12
    item = next(c for c in chars(features_pdf, page) if c["text"] == "项")
    assert group.top < item["top"] < header.top


def test_landscape_table_pages(features_pdf: Path) -> None:
    sizes = page_sizes(features_pdf)
    small = lines(features_pdf, size=12)
    land_pages = sorted({ln.page for ln in small if sizes[ln.page - 1][0] > sizes[ln.page - 1][1]})
    assert land_pages, "表二 is not on a landscape page"
    (label,) = _find(_body(features_pdf), "附件2")
    assert label.page == land_pages[0]  # the attachment heading goes on the table's page
    for page in land_pages:
        turned = [c for c in chars(features_pdf, page) if not c.get("upright", True) and c["text"].strip()]
        text = "".join(c["text"] for c in sorted(turned, key=lambda c: c["top"]))
        assert text == f"—{page}—"
        # The portrait page's position turned with the page (GB/T 9704 8): the 一字线 7 mm below the 版心
        # (landscape x from the left = distance from the portrait page's bottom edge) …
        dash = min(turned, key=lambda c: c["top"])
        ink = ink_box(features_pdf, page, (dash["x0"] - 4, dash["top"], dash["x1"] + 4, dash["bottom"]))
        assert ink is not None
        assert abs((PAGE_H - ink[2]) - (BOTTOM_EDGE + 7 * MM)) <= 0.5 * MM
        # … odd pages at the 切口 end (lower left), even pages at the 订口 end (upper left), 1 字 in.
        if page % 2:
            assert abs(max(c["bottom"] for c in turned) - (RIGHT_EDGE - PN_ZI)) < TOL
        else:
            assert abs(min(c["top"] for c in turned) - (LEFT + PN_ZI)) < TOL
    after = land_pages[-1] + 1
    assert sizes[after - 1][0] < sizes[after - 1][1]  # back to portrait …
    assert [ln.text for ln in _page_numbers(features_pdf) if ln.page == after] == [f"—{after}—"]  # … upright


# -- the gb2021 example: the statutory tables -------------------------------------------------------

GB2021 = SAMPLE.parent / "example-gb2021.yaml"


@pytest.fixture(scope="session")
def gb2021_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = govreport.render(govreport.load(GB2021), "docx")
    return _convert(tmp_path_factory.mktemp("docx-gb2021"), "gb2021", data)


def test_gb2021_table_three_repeats_its_header(gb2021_pdf: Path) -> None:
    small = lines(gb2021_pdf, size=12)

    def pages_of(text: str) -> set[int]:
        return {ln.page for ln in small if text in ln.text}

    first, last = min(pages_of("予以公开")), max(pages_of("（七）总计"))
    assert last > first, "表三 should run onto a second page in this example"
    for page in range(first, last + 1):
        assert page in pages_of("申请人情况"), page
        assert page in pages_of("法人或其他组织"), page
