"""The sample's PDF measured as a reader sees it: GB/T 9704 geometry, justified Chinese lines, 禁则,
page numbers, bookmarks. The sample is rendered once per session (conftest ``sample_outputs``)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

import govreport
from conftest import squash
from govreport import document as d
from govreport.text.linebreak import NO_END, NO_START
from pdfpages import (
    A4,
    BODY_SIZE,
    BOTTOM,
    LEFT,
    MM,
    PAGE_NUMBER_SIZE,
    PITCH,
    RIGHT,
    TOP,
    Page,
    TextLine,
    read_pages,
)


@pytest.fixture(scope="module")
def pdf_path(sample_outputs: dict[str, Path]) -> Path:
    return sample_outputs["pdf"]


@pytest.fixture(scope="module")
def pages(pdf_path: Path) -> list[Page]:
    return read_pages(pdf_path)


@pytest.fixture(scope="module")
def body_lines(pages: list[Page]) -> list[TextLine]:
    return [ln for page in pages for ln in page.lines if abs(ln.size - BODY_SIZE) < 0.1]


@pytest.fixture(scope="module")
def block_texts(sample_report: govreport.Report) -> list[str]:
    doc = govreport.to_document(sample_report)
    return [squash(b.full_text) for b in doc.blocks if isinstance(b, d.Paragraph | d.Heading)]


def _ends_a_block(line: TextLine, blocks: list[str]) -> bool:
    return any(b.endswith(squash(line.text)) for b in blocks)


def _starts_a_block(line: TextLine, blocks: list[str]) -> bool:
    return any(b.startswith(squash(line.text)) for b in blocks)


def test_pages_are_a4(pages: list[Page]) -> None:
    assert len(pages) >= 5
    for page in pages:
        assert (page.width, page.height) == pytest.approx(A4, abs=0.5)


def test_every_full_page_has_22_lines_on_the_grid(pages: list[Page]) -> None:
    full = [p for p in pages[1:-1]]  # page 1 carries the title (off the grid), the last page is short
    assert full
    for page in full:
        assert len(page.lines) == 22, (page.number, [ln.text[:10] for ln in page.lines])
        pitches = [b.top - a.top for a, b in itertools.pairwise(page.lines)]
        assert pitches == pytest.approx([PITCH] * 21, abs=0.05)
        # All 22 lines inside the 225 mm 版心.
        assert page.lines[-1].top + BODY_SIZE <= BOTTOM


def test_first_line_sits_in_the_first_grid_line_below_37mm(pages: list[Page]) -> None:
    for page in pages:
        first = page.lines[0]
        assert TOP <= first.top < TOP + PITCH
        if page.number > 1:  # body text: the whole glyph inside the first 28.95 pt grid line
            assert first.top + first.size <= TOP + PITCH


def test_left_edge_is_28mm(body_lines: list[TextLine]) -> None:
    left = min(ln.x0 for ln in body_lines)
    assert left == pytest.approx(LEFT, abs=1 * MM)
    assert left == pytest.approx(LEFT, abs=0.1)  # what we aim at, not only what the standard tolerates


def test_every_line_but_a_paragraphs_last_fills_the_measure(body_lines: list[TextLine],
                                                             block_texts: list[str]) -> None:
    short = [ln for ln in body_lines if ln.x1 < RIGHT - 2.0 and not _ends_a_block(ln, block_texts)]
    assert short == []
    # Justified, not overflowing: no line's ink passes the 版心's right edge.
    assert max(ln.x1 for ln in body_lines) <= RIGHT + 0.1
    filled = [ln for ln in body_lines if not _ends_a_block(ln, block_texts)]
    assert len(filled) > 80
    assert all(abs(ln.x1 - RIGHT) < 0.1 for ln in filled)


def test_full_lines_hold_28_characters_26_after_the_indent(body_lines: list[TextLine],
                                                           block_texts: list[str]) -> None:
    wide = [ln for ln in body_lines
            if not _ends_a_block(ln, block_texts) and all(w > 15 for w in ln.widths)]
    flush = [ln for ln in wide if abs(ln.x0 - LEFT) < 0.5]
    indented = [ln for ln in wide if abs(ln.x0 - (LEFT + 31.5)) < 0.5]
    assert len(flush) > 60
    assert indented
    assert {len(ln.text) for ln in flush} <= {27, 28}  # 27: a character pulled down by 禁则
    assert sum(len(ln.text) == 28 for ln in flush) / len(flush) > 0.9
    assert {len(ln.text) for ln in indented} <= {25, 26}


def test_first_line_indent_is_two_characters_at_the_tightened_pitch(body_lines: list[TextLine],
                                                                    block_texts: list[str]) -> None:
    starts = [ln for ln in body_lines if ln.x0 > LEFT + 1 and _starts_a_block(ln, block_texts)]
    assert starts
    assert {round(ln.x0 - LEFT, 1) for ln in starts} == {31.5}


def test_no_kinsoku_violation(body_lines: list[TextLine], block_texts: list[str]) -> None:
    for prev, line in itertools.pairwise(body_lines):
        if _starts_a_block(line, block_texts) and _ends_a_block(prev, block_texts):
            continue
        assert line.text[0] not in NO_START, (prev.text, line.text)
        assert prev.text[-1] not in NO_END, (prev.text, line.text)
        assert not (prev.text[-1] == line.text[0] == "—"), (prev.text, line.text)
        assert line.text[0] != "…", (prev.text, line.text)


def test_opening_quotes_are_not_glued_to_the_line_before(body_lines: list[TextLine]) -> None:
    # Pango's UAX #14 QU class would have pulled 老 down with “; our composition lets “单独二胎” stay.
    assert any("“单独二胎”" in ln.text for ln in body_lines)


def test_text_layer_is_the_report_text_without_inserted_spaces(sample_report: govreport.Report,
                                                              pages: list[Page],
                                                              body_lines: list[TextLine]) -> None:
    doc = govreport.to_document(sample_report)
    source_spaces = sum(t.count(" ") for t in doc.iter_text())
    printed_spaces = sum(ln.text.count(" ") for page in pages for ln in page.lines)
    assert printed_spaces <= source_spaces
    text = "".join(ln.text for ln in body_lines)
    for block in (b for b in doc.blocks if isinstance(b, d.Paragraph)):
        assert squash(block.full_text) in squash(text)


def test_page_numbers_right_on_odd_left_on_even_7mm_below(pages: list[Page]) -> None:
    for page in pages:
        assert len(page.folio) == 1, page.number  # one line: never wrapped
        folio = page.folio[0]
        assert re.fullmatch(r"— \d+ —|—\d+—", folio.text.strip()), folio.text
        assert int(re.sub(r"\D", "", folio.text)) == page.number
        assert folio.size == pytest.approx(PAGE_NUMBER_SIZE, abs=0.01)
        assert folio.top - BOTTOM == pytest.approx(7 * MM, abs=1.0)
        if page.number % 2:
            assert RIGHT - folio.x1 == pytest.approx(PAGE_NUMBER_SIZE, abs=1.0)  # 居右空一字
        else:
            assert folio.x0 - LEFT == pytest.approx(PAGE_NUMBER_SIZE, abs=1.0)  # 居左空一字


def test_bookmarks_follow_the_headings(pdf_path: Path, sample_report: govreport.Report) -> None:
    import pikepdf

    doc = govreport.to_document(sample_report)
    headings = [b.full_text for b in doc.blocks if isinstance(b, d.Heading)]
    with pikepdf.open(pdf_path) as pdf, pdf.open_outline() as outline:
        titles: list[str] = []
        stack = list(outline.root)
        while stack:
            item = stack.pop(0)
            titles.append(squash(item.title))
            stack[:0] = list(item.children)
    for heading in headings:
        assert squash(heading) in titles


def test_fonts_are_the_resolved_faces(pages: list[Page], pdf_path: Path) -> None:
    import pdfplumber

    with pdfplumber.open(pdf_path) as pdf:
        names = {c["fontname"].split("+", 1)[-1] for page in pdf.pages for c in page.chars}
    assert "FandolFang-GR" in names  # 仿宋 body
    assert "FandolHei-GR" in names  # 黑体 headings
    assert "FandolSong-GR" in names  # 宋体 page numbers
    assert not any("JP" in n for n in names)  # never the Japanese face of a CJK collection


# --- a gb2021 report with the statutory tables ---------------------------------------------------------


@pytest.fixture(scope="module")
def gb2021(tmp_path_factory: pytest.TempPathFactory) -> tuple[govreport.Report, list[Page]]:
    from conftest import FIXTURES

    report = govreport.load(FIXTURES / "example-gb2021.yaml")
    path = tmp_path_factory.mktemp("gb2021") / "gb2021.pdf"
    path.write_bytes(govreport.render(report, "pdf"))
    return report, read_pages(path)


def test_statutory_tables_render_with_repeated_header_rows(gb2021: tuple[govreport.Report, list[Page]]) -> None:
    report, pages = gb2021
    doc = govreport.to_document(report)
    t3 = next(b for b in doc.blocks if isinstance(b, d.Table) and b.name == "表三")
    header = squash(t3.rows[0][-1].text)  # 申请人情况
    first_row, last_row = squash(t3.rows[t3.header_rows][0].text)[:6], squash(t3.rows[-1][0].text)[:6]

    def page_text(p: Page) -> str:
        return squash("".join(ln.text for ln in p.lines))

    on = [p.number for p in pages if first_row in page_text(p)]
    end = [p.number for p in pages if last_row in page_text(p)]
    assert on
    assert end
    spanned = range(on[0], end[-1] + 1)
    assert len(spanned) >= 2  # 表三 runs over a page break in this example
    for number in spanned:  # its header on every page it is on
        assert header in page_text(pages[number - 1]), number


def test_gb2021_paragraphs_are_justified_without_kinsoku_violations(
        gb2021: tuple[govreport.Report, list[Page]]) -> None:
    report, pages = gb2021
    doc = govreport.to_document(report)
    blocks = [squash(b.full_text) for b in doc.blocks if isinstance(b, d.Paragraph | d.Heading)]
    text = [ln for p in pages for ln in p.lines  # body lines: flush left or indented 2 字
            if abs(ln.size - BODY_SIZE) < 0.1 and min(abs(ln.x0 - LEFT), abs(ln.x0 - LEFT - 31.5)) < 0.5
            and any(squash(ln.text) in b for b in blocks)]
    assert len(text) > 60
    short = [ln.text for ln in text if ln.x1 < RIGHT - 2.0 and not _ends_a_block(ln, blocks)]
    assert short == []
    for prev, line in itertools.pairwise(text):
        if not (_starts_a_block(line, blocks) and _ends_a_block(prev, blocks)):
            assert line.text[0] not in NO_START
            assert prev.text[-1] not in NO_END


def test_signature_stays_on_one_page_with_the_body(gb2021: tuple[govreport.Report, list[Page]]) -> None:
    report, pages = gb2021
    doc = govreport.to_document(report)
    sig = next(b for b in doc.blocks if isinstance(b, d.Signature))
    page = next(p for p in pages if any(squash(sig.date) in squash(ln.text) for ln in p.lines))
    texts = [squash(ln.text) for ln in page.lines]
    assert squash(sig.body) in texts
    assert len(texts) > 2  # never a page of signature only


def test_line_spacings_are_shared_classes_not_style_attributes(sample_report: govreport.Report) -> None:
    """The justified lines' letter-spacings are classes of one document stylesheet: a ``style``
    attribute would give every paragraph a computed style of its own in WeasyPrint (no sharing), which
    made the composed HTML lay out 1.3× slower than the flowing one at 238 pages."""
    from govreport.renderers.html import to_html
    from govreport.renderers.pdf.compose import block_views, located_texts, text_by_role
    from govreport.renderers.pdf.faces import FontPlan
    from govreport.style.fonts import resolve_fonts
    from govreport.style.profile import load_profile

    profile = load_profile()
    doc = govreport.to_document(sample_report)
    plan = FontPlan(resolve_fonts(profile), text_by_role(located_texts(doc)))
    views, css = block_views(doc, profile, plan)
    html = to_html(doc, profile, css=css, blocks=views)
    assert "letter-spacing" not in re.sub(r"<style>.*?</style>", "", html, flags=re.S)
    rules = dict(re.findall(r"\.(ls\d+) \{ letter-spacing: (-?[\d.]+px); \}", css))
    used = set(re.findall(r'class="[^"]*\b(ls\d+)\b', html))
    assert used
    assert used == set(rules)  # every class used is defined, and only those
    assert len(set(rules.values())) == len(rules)  # one class per distinct spacing
    composed = html.count('class="composed ')
    assert composed > 20
    assert len(rules) < composed / 2  # far fewer styles than composed blocks


def test_signature_date_starts_two_characters_right_of_the_name(gb2021: tuple[govreport.Report, list[Page]]) -> None:
    """7.3.5.2 (unsealed): the name 右空二字; the date's first character two 字 right of the name's."""
    report, pages = gb2021
    sig = next(b for b in govreport.to_document(report).blocks if isinstance(b, d.Signature))
    lines = {squash(ln.text): ln for p in pages for ln in p.lines}
    name, date = lines[squash(sig.body)], lines[squash(sig.date)]
    assert date.x0 - name.x0 == pytest.approx(31.5, abs=0.5)
    assert RIGHT - name.x1 == pytest.approx(31.5, abs=0.6)  # (less the last character's letter-spacing)


def test_signature_padding_when_the_date_is_longer_than_the_name() -> None:
    from govreport.renderers._common import signature_padding
    from govreport.style.profile import load_profile

    profile = load_profile()
    name_pad, date_pad = signature_padding(profile, 4 * 15.75, 10 * 15.75)
    assert date_pad == pytest.approx(31.5)  # the date 右空二字
    # and the name's first character stays two 字 left of the date's
    assert (RIGHT - date_pad - 10 * 15.75) - (RIGHT - name_pad - 4 * 15.75) == pytest.approx(31.5)


def test_table_cells_take_font_and_alignment_from_the_document_tree(tmp_path: Path) -> None:
    """As in the DOCX: a 表头 cell is set in the table-header face even where it is not a repeated header
    row (表二 has none), and a cell's alignment is the tree's (a 表三 group label is centred)."""
    import pdfplumber

    from conftest import FIXTURES

    report = govreport.load(FIXTURES / "example-gb2021.yaml")
    path = tmp_path / "gb2021.pdf"
    path.write_bytes(govreport.render(report, "pdf"))
    doc = govreport.to_document(report)
    table2 = next(b for b in doc.blocks if isinstance(b, d.Table) and b.header_rows == 0)
    header = next(c.text for row in table2.rows for c in row if c.role == "header" and len(c.text) >= 4)
    with pdfplumber.open(path) as pdf:
        chars = [c for page in pdf.pages for c in page.chars]
    text = "".join(c["text"] for c in chars)
    at = text.index(header)
    assert all("Hei" in c["fontname"] for c in chars[at:at + len(header)])
    label = "无法提供"  # （四）无法提供: a centred group label in 表三
    group = next(c for row in next(b for b in doc.blocks if isinstance(b, d.Table) and b.header_rows).rows
                 for c in row if label in c.text)
    assert group.align == "center"
    at = text.index(label)
    lines = {}  # the label wraps in its narrow cell: centred lines of different lengths start apart
    for c in chars[at:at + len(label)]:
        lines.setdefault(round(c["top"]), []).append(c["x0"])
    starts = [min(xs) for xs in lines.values()]
    assert len(starts) >= 2
    assert max(starts) - min(starts) > 4  # flush left, every line would start at the same x


def test_attachment_title_is_set_like_the_title(tmp_path: Path) -> None:
    """7.3.7: the attachment title takes the document title's format — its lines 35 pt apart
    (title.line_spacing), as in the DOCX — on line 3 of its page, below 附件N on line 1."""
    from _statutory import raw

    data = raw("keyuan-2016.yaml")
    title = "科苑街道二〇一六年政府信息公开工作统计数据汇总及有关说明附表"  # two lines of 二号
    data["attachments"] = [{"标题": title, "标签": "附件1", "内容": ["附件正文。"]}]
    path = tmp_path / "att.pdf"
    path.write_bytes(govreport.render(govreport.load(data), "pdf"))
    page = read_pages(path)[-1]
    label = next(ln for ln in page.lines if ln.text == "附件1")
    lines = [ln for ln in page.lines if ln.size > 20]
    assert len(lines) == 2
    assert lines[1].top - lines[0].top == pytest.approx(35.0, abs=0.3)
    assert lines[0].top - label.top > 2 * 28.95 - 1  # below the label line and the blank line 2
