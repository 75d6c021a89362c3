"""Hostile input, second round (issue 16): every class is refused with one clear message, or read
correctly; the oracles (messages, values) are typed here, not taken from the code under test."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

import govreport
from conftest import FIXTURES
from govreport.errors import InputError

BASE = (FIXTURES / "minimal-gb2021.yaml").read_text(encoding="utf-8")


def _with(old: str, new: str) -> str:
    assert old in BASE
    return BASE.replace(old, new, 1)


def _refused(text: str | dict[str, Any]) -> str:
    with pytest.raises(InputError) as info:
        govreport.load(text)
    return info.value.message


# -- 1. one bounded number type ----------------------------------------------------------------

FEE = "行政事业性收费: '126.35'"
FEE_PATH = "主动公开（active_disclosure） → 表二（table） → 行政事业性收费"


@pytest.mark.parametrize(("typed", "expected"), [
    ("'1e-999999999'", "小数位数过多（最多 6 位）"),
    ("'-1e-99999999'", "小数位数过多（最多 6 位）"),
    ("'1e999999999'", "数值太大"),
    ("'" + "9" * 5_000 + "'", "数字太长"),
    ("'" + "9" * 100_000 + "'", "太长（100000 字"),
    ("'1000000000000.5'", "数值太大"),
    ("'126.3500001'", "小数位数过多"),
    (".nan", "应为有限的数"),
    ("'NaN'", "应为数字"),
    ("'12万'", "应为数字"),
])
def test_amounts_are_bounded(typed: str, expected: str) -> None:
    message = _refused(_with(FEE, f"行政事业性收费: {typed}"))
    assert f"{FEE_PATH}：{expected}" in message
    assert "Traceback" not in message
    assert "Decimal" not in message


@pytest.mark.parametrize(("typed", "value"), [
    ("'１２６．３５'", "126.35"),
    ("'1,126.35'", "1126.35"),
    ("'1，126.35'", "1126.35"),
    ("' 126.35 '", "126.35"),
    ("126.35", "126.35"),
    ("'24252.311082'", "24252.311082"),  # 万元 to the 分, as real reports print
    ("'126.350000000'", "126.350000"),  # the places beyond 6 are zeros: kept to 6
    ("'1E+3'", "1000"),
    ("'-0'", "0"),
])
def test_amounts_accept_what_people_type(typed: str, value: str) -> None:
    report = govreport.load(_with(FEE, f"行政事业性收费: {typed}"))
    assert report.table2 is not None
    assert format(report.table2.fees, "f") == value


@pytest.mark.parametrize(("typed", "value"), [
    ("'３１２０'", 3120), ("'3,120'", 3120), ("'3，120'", 3120), ("' 3120 '", 3120), ("3120.0", 3120),
    ("'1,000,000'", 1_000_000), ("'－5'", -5),
])
def test_counts_accept_what_people_type(typed: str, value: int) -> None:
    report = govreport.load(_with("行政许可: 3120", f"行政许可: {typed}"))
    assert report.table2 is not None
    assert report.table2.licensing == value
    assert type(report.table2.licensing) is int


def test_whole_decimals_and_floats_are_counts() -> None:
    from govreport.model.tables import Table2_2021

    table = Table2_2021.model_validate({"行政许可": Decimal("17"), "行政处罚": 17.0, "行政强制": Decimal("1.7E1")})
    assert (table.licensing, table.penalty, table.coercion) == (17, 17, 17)


@pytest.mark.parametrize(("typed", "expected"), [
    ("1000000000001", "数值太大（绝对值不得超过 1000000000000）"),
    ("'3,12'", "应为整数"),
    ("3120.5", "应为整数"),
    ("true", "应为整数"),
    ("'" + "9" * 5000 + "'", "数字太长"),
])
def test_counts_are_bounded(typed: str, expected: str) -> None:
    message = _refused(_with("行政许可: 3120", f"行政许可: {typed}"))
    assert "主动公开（active_disclosure） → 表二（table） → 行政许可：" + expected in message


@pytest.mark.parametrize("digits", [200, 4000, 4301, 100_000])
def test_table3_cells_of_thousands_of_digits(digits: int) -> None:
    message = _refused(_with("本年新收: [10,", "本年新收: [" + "9" * digits + ","))
    assert "无效（整数位数过多）" in message or "数值太大" in message
    assert "Exceeds the limit" not in message


def test_json_integers_of_thousands_of_digits() -> None:
    message = _refused('{"body": "某某", "year": 2016, "统计表": {"指标": [{"指标": "a", "单位": "件", "数值": '
                       + "9" * 5000 + "}]}}")
    assert "整数位数过多" in message
    assert "limit" not in message


@pytest.mark.parametrize(("typed", "expected"), [
    ("1e999999999", "数值太大"),
    ("'1e-999999999'", "小数位数过多"),
    ("'" + "1" * 50 + "'", "数字太长"),
])
def test_legacy_statistics_values_are_bounded(typed: str, expected: str) -> None:
    text = f"body: 某某\nyear: 2016\n统计表:\n  指标:\n    - {{指标: 收到申请, 单位: 件, 数值: {typed}}}\n"
    message = _refused(text)
    assert "统计表 → 指标 → 第1项 → 数值：" + expected in message


def test_legacy_statistics_values_accept_pasted_numbers() -> None:
    text = "body: 某某\nyear: 2016\n统计表:\n  指标:\n    - {指标: 收费, 单位: 万元, 数值: '１，２３４．５'}\n"
    report = govreport.load(text)
    assert report.statistics is not None
    assert report.statistics.rows[0].value == Decimal("1234.5")


# -- 2. one rule for the characters of a report ------------------------------------------------

PASTED = "第一行\u2028第二行\u2029第三段，零宽\u200b空格、软\u00ad连字符、全角\u2003空格和\u1680欧甘空格。"


def test_separators_and_invisibles_are_normalised_at_load() -> None:
    report = govreport.load({"body": "某某\u200b街道", "year": 2016, "title": "年度\u2028报告", "preamble": [PASTED],
                             "sections": [{"heading": "概\u2060述", "content": ["正\u200d文\u202f。"]}]})
    assert report.body == "某某街道"
    assert report.title == "年度\n报告"
    assert report.preamble == ["第一行\n第二行\n第三段，零宽空格、软连字符、全角空格和欧甘空格。"]
    assert report.sections[0].heading == "概述"
    assert report.sections[0].content == ["正文。"]


def test_raw_line_separators_in_a_yaml_file_read_as_yaml_line_breaks() -> None:
    report = govreport.load("body: 某某\nyear: 2016\npreamble:\n  - 第一行\u2028第二行 a\u2029b\n")
    assert report.preamble == ["第一行第二行 a b"]  # a line break inside a YAML scalar folds to a space


@pytest.mark.parametrize("ch", ["\u202e", "\u202d", "\u2066", "\u2067", "\u2068", "\u200e", "\u200f", "\u061c"])
def test_bidi_controls_are_refused_naming_the_place(ch: str) -> None:
    message = _refused({"body": "某某", "year": 2016, "preamble": [f"共收到申请{ch}3119\u202c件"]})
    assert f"开头（preamble） → 第1项：第 6 个字符是双向文字控制符 U+{ord(ch):04X}" in message


def test_every_format_character_is_removed_or_refused() -> None:
    import sys
    import unicodedata

    cf = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert len(cf) > 150
    for ch in cf:
        try:
            report = govreport.load({"body": "某某", "year": 2016, "preamble": [f"甲{ch}乙"]})
        except InputError as exc:
            message = exc.message
        else:
            assert report.preamble == ["甲乙"], f"U+{ord(ch):04X}"
            continue
        assert f"U+{ord(ch):04X}" in message


def test_a_report_built_in_code_is_held_to_the_same_rule() -> None:
    from govreport.model.report import Report

    report = Report(body="某某", year=2016, preamble=["共收到\u202e3119件"])
    with pytest.raises(InputError, match="双向文字控制符 U\\+202E"):
        govreport.render(report, "html")
    assert Report(body="某某", year=2016, preamble=["第一\u2028行\u200b"]).preamble == ["第一\n行"]  # normalised
    assert Report(body="某某", year=2016, title="年度\u2028报告\u200b").title == "年度\n报告"
    report = Report.model_validate({"body": "某某", "year": 2016, "contact": {"template": ["电话\u2028{phone}"]}})
    with pytest.raises(InputError, match="U\\+2028"):  # a plain str field of a model built in code
        govreport.render(report, "html")


def test_pasted_separators_print_without_boxes_in_every_format(tmp_path: Any) -> None:
    from test_skeleton import docx_text, html_text, pdf_text

    report = govreport.load({"body": "某某街道办事处", "year": 2016, "preamble": [PASTED]})
    paths = govreport.render_to(report, tmp_path, ["pdf", "docx", "html"], stem="pasted")
    expected = "第一行第二行第三段，零宽空格、软连字符、全角空格和欧甘空格。"
    for path in paths:
        text = {".pdf": pdf_text, ".docx": docx_text, ".html": html_text}[path.suffix](path)
        assert expected in text, path.suffix
        for ch in "\u2028\u2029\u200b\u00ad\u2003\u1680":
            assert ch not in text


# -- 3. valid reports that crashed ---------------------------------------------------------------


def test_a_title_of_300_characters_is_printed_whole_and_its_metadata_shortened(tmp_path: Any) -> None:
    import docx

    from test_skeleton import docx_text

    title = "某某街道办事处关于" + "政府信息公开" * 48 + "的报告"
    assert len(title) > 255
    report = govreport.load({"body": "某某街道办事处" * 40, "year": 2016, "title": title})
    (path,) = govreport.render_to(report, tmp_path, ["docx"], stem="long")
    assert title in docx_text(path)
    props = docx.Document(str(path)).core_properties
    assert len(props.title) == 255
    assert props.title.endswith("…")
    assert props.title.startswith("某某街道办事处关于政府信息公开")
    assert len(props.author) == 255


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_extreme_dates_render_as_pdf_a(published: str, tmp_path: Any) -> None:
    import pikepdf

    report = govreport.load({"body": "某某", "year": 2016, "published": published})
    pdf = govreport.render(report, "pdf", pdf_variant="pdf/a-3b", force=True)  # (PUBLISHED-EARLY: on purpose)
    path = tmp_path / "r.pdf"
    path.write_bytes(pdf)
    with pikepdf.open(path) as doc:
        assert "report.json" in doc.attachments
        assert str(doc.docinfo["/CreationDate"]).startswith("D:" + published.replace("-", ""))


def test_a_long_title_with_many_break_points_is_cut_by_width() -> None:
    from govreport.compose.title import split_title

    title = "某某街道办事处关于" + "政府信息公开" * 48 + "的报告"  # 96 break points: billions of 15-line splits
    lines = split_title(title, 20)
    assert "".join(lines) == title
    assert all(len(line) <= 20 for line in lines)
    assert len(lines) == 15  # 300 characters, 20 a line


# -- 4. fonts read defensively -------------------------------------------------------------------

FANDOL = __import__("pathlib").Path("/usr/local/share/fonts/fandol/FandolFang-Regular.otf")


def _damaged_fonts(tmp_path: Any) -> dict[str, Any]:
    data = FANDOL.read_bytes()
    cases = {"truncated-header": data[:2000], "truncated-half": data[: len(data) // 2],
             "garbage-tables": data[:3000] + bytes((i * 7919) % 256 for i in range(len(data) - 3000)),
             "empty": b""}
    out = {}
    for name, content in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        (folder / FANDOL.name).write_bytes(content)  # the name of the face the profile asks for first
        out[name] = folder
    return out


@pytest.mark.skipif(not FANDOL.exists(), reason="Fandol fonts not installed")
def test_damaged_font_files_are_skipped_with_a_warning(tmp_path: Any, caplog: pytest.LogCaptureFixture) -> None:
    from govreport.style.fonts import resolve_fonts
    from govreport.style.profile import load_profile

    report = govreport.load(FIXTURES / "minimal-gb2021.yaml")
    for name, folder in _damaged_fonts(tmp_path).items():
        caplog.clear()
        pdf = govreport.render(report, "pdf", font_dirs=[str(folder)])
        assert pdf.startswith(b"%PDF"), name
        fonts = resolve_fonts(load_profile("gbt9704"), [folder])
        assert all(folder not in face.path.parents for face in fonts.roles.values()), name
        if name != "empty":
            assert any("跳过" in r.getMessage() and str(folder) in r.getMessage() for r in caplog.records), name


def test_a_font_dir_that_is_not_a_font_folder_is_refused() -> None:
    report = govreport.load(FIXTURES / "minimal-gb2021.yaml")
    with pytest.raises(InputError, match="字体目录 / 太大"):
        govreport.render(report, "pdf", font_dirs=["/"])


def test_the_font_dir_search_is_bounded_in_depth(tmp_path: Any) -> None:
    import shutil

    from govreport.style.fonts import MAX_FONT_DIR_DEPTH, resolve_fonts
    from govreport.style.profile import load_profile

    deep = tmp_path.joinpath(*[f"d{i}" for i in range(MAX_FONT_DIR_DEPTH + 1)])
    deep.mkdir(parents=True)
    shutil.copy(FANDOL, deep / FANDOL.name)
    shallow = tmp_path / "d0" / "d1"
    shutil.copy(FANDOL, shallow / FANDOL.name)
    fonts = resolve_fonts(load_profile("gbt9704"), [tmp_path])
    paths = {face.path for face in fonts.roles.values()}
    assert shallow / FANDOL.name in paths
    assert deep / FANDOL.name not in paths


# -- 6. limits that bound the work, not only the bytes -----------------------------------------

LIMIT_PARAGRAPH, LIMIT_TEXTS, LIMIT_TOTAL, LIMIT_ROWS = 20_000, 10_000, 1_000_000, 1_000  # docs/reliability.md


def test_a_paragraph_of_the_limit_loads_and_one_more_character_is_refused() -> None:
    govreport.load({"body": "某某", "year": 2016, "preamble": ["字" * LIMIT_PARAGRAPH]})
    message = _refused({"body": "某某", "year": 2016, "preamble": ["字" * (LIMIT_PARAGRAPH + 1)]})
    assert "开头（preamble） → 第1项：太长（20001 字，一段最多 20000 字）" in message


def test_a_title_is_held_to_the_same_length() -> None:
    message = _refused({"body": "某某", "year": 2016, "title": "题" * (LIMIT_PARAGRAPH + 1)})
    assert "标题（title）：太长" in message


def test_the_number_of_texts_is_limited() -> None:
    n = LIMIT_TEXTS - 2  # body and the section heading are texts too
    sections = [{"heading": "概述", "content": ["段。"] * (n - 1)}]
    govreport.load({"body": "某某", "year": 2016, "preamble": ["开头。"], "sections": sections})
    message = _refused({"body": "某某", "year": 2016, "preamble": ["开头。", "多一段。"], "sections": sections})
    assert "段落和标题太多（超过 10000 段）" in message


def test_all_the_text_together_is_limited() -> None:
    paragraphs = ["字" * LIMIT_PARAGRAPH] * (LIMIT_TOTAL // LIMIT_PARAGRAPH)
    govreport.load({"body": "某", "year": 2016, "preamble": [*paragraphs[:-1], "字" * (LIMIT_PARAGRAPH - 1)]})
    message = _refused({"body": "某", "year": 2016, "preamble": [*paragraphs, "字"]})
    assert "报告的文字太多（超过 1000000 字）" in message


def test_the_rows_of_a_legacy_table_are_limited() -> None:
    row = {"指标": "收到申请", "单位": "件", "数值": 1}
    govreport.load({"body": "某某", "year": 2016, "统计表": {"指标": [row] * LIMIT_ROWS}})
    message = _refused({"body": "某某", "year": 2016, "统计表": {"指标": [row] * (LIMIT_ROWS + 1)}})
    assert "统计表 → 指标：项数太多（最多 1000 项）" in message
