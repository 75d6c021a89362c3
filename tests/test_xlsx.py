"""Excel workbooks: export → load gives the same report; a workbook edited as a clerk would (with
openpyxl) loads with the edits, and the checks name the wrong cell by sheet!cell and its label."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl.worksheet.cell_range import CellRange
from typer.testing import CliRunner

import govreport
from govreport.cli import app
from govreport.errors import InputError
from govreport.model.templates import new_report_yaml
from govreport.workbook import export_workbook, template_workbook
from test_properties import reports as legacy_reports

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = sorted((ROOT / "fixtures").glob("*.yaml"))
runner = CliRunner()

# Official labels, typed from the templates of 国办公开办函〔2021〕30号 (oracles, not imported).
NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _book(data: bytes, **kw: bool) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data), **kw)


def _save(wb: openpyxl.Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _find(ws: object, text: str) -> tuple[int, int]:
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    raise AssertionError(f"{text!r} not on sheet")


def insert_row(ws: object, idx: int) -> None:
    """Insert a blank row as Excel does: the cells and the merged ranges below move down (openpyxl's
    insert_rows leaves merged ranges where they were, which Excel never does)."""
    merged = [CellRange(str(r)) for r in ws.merged_cells.ranges]  # type: ignore[attr-defined]
    for rng in merged:
        ws.unmerge_cells(rng.coord)  # type: ignore[attr-defined]
    ws.insert_rows(idx)  # type: ignore[attr-defined]
    for rng in merged:
        if rng.min_row >= idx:
            rng.shift(row_shift=1)
        elif rng.max_row >= idx:
            rng.expand(down=1)
        ws.merge_cells(rng.coord)  # type: ignore[attr-defined]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_round_trip_every_fixture(path: Path) -> None:
    report = govreport.load(path)
    again = govreport.load(export_workbook(report))
    assert again.model_dump() == report.model_dump()
    assert again.display_title == report.display_title


def _reports(folder: Path) -> list[Path]:
    out = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            govreport.load(path)
        except InputError:
            continue  # an input error, not a report
        out.append(path)
    return out


INVALID = _reports(ROOT / "fixtures" / "invalid")


@pytest.mark.parametrize("path", INVALID, ids=[p.stem for p in INVALID])
def test_round_trip_keeps_every_mistake(path: Path) -> None:
    """A report with errors (a wrong total, a blank cell …) comes back with the same errors: a total
    that does not add up is written as given, not replaced by a formula."""
    report = govreport.load(path)
    again = govreport.load(export_workbook(report))
    assert again.model_dump() == report.model_dump()
    # errors and warnings alike; not TOTAL-COMPUTED (info): the workbook holds the computed totals as numbers
    assert [(f.code, f.message) for f in govreport.check(again) if f.is_error or f.is_warning] == [
        (f.code, f.message) for f in govreport.check(report) if f.is_error or f.is_warning]


@pytest.mark.parametrize("edition", ["gb2021", "gb2019", "legacy"])
def test_template_workbook_is_the_yaml_template(edition: str) -> None:
    expected = govreport.load(new_report_yaml(edition))
    assert govreport.load(template_workbook(edition)).model_dump() == expected.model_dump()


def test_export_is_deterministic() -> None:
    report = govreport.load(ROOT / "fixtures" / "example-gb2021.yaml")
    assert export_workbook(report) == export_workbook(report)


def test_layout_labels_merges_protection_validation() -> None:
    data = export_workbook(govreport.load(ROOT / "fixtures" / "example-gb2021.yaml"))
    wb = _book(data)
    assert wb.sheetnames == ["基本信息", "正文", "表二", "表三", "表四"]
    t3 = wb["表三"]
    assert t3["A1"].value == NOTE
    merged = {str(r) for r in t3.merged_cells.ranges}
    assert {"A1:C3", "D1:J1", "D2:D3", "E2:I2", "J2:J3", "A4:C4"} <= merged
    assert t3["A4"].value == NEW
    assert [t3.cell(3, c).value for c in range(5, 10)] == [
        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    assert t3["D4"].value == 3001
    assert t3.protection.sheet is True
    assert not t3.protection.password
    assert t3["A4"].protection.locked is True
    assert t3["D4"].protection.locked is False
    kinds = {(dv.type, dv.operator) for dv in t3.data_validations.dataValidation}
    assert ("whole", "greaterThanOrEqual") in kinds
    t2 = wb["表二"]
    fees = _find(t2, "行政事业性收费")
    fee_cell = t2.cell(*fees).offset(column=1)
    assert fee_cell.value == pytest.approx(96171.6)
    assert ("decimal", "greaterThanOrEqual") in {(dv.type, dv.operator) for dv in t2.data_validations.dataValidation}
    t4 = wb["表四"]
    assert [t4["A1"].value, t4["F1"].value, t4["F2"].value] == ["行政复议", "行政诉讼", "未经复议直接起诉"]
    assert "A1:E2" in {str(r) for r in t4.merged_cells.ranges}
    assert wb.defined_names["表三_new_总计"].attr_text == "'表三'!$J$4"
    # 本年增/减 of the 2019 form may be negative: its validation has no lower bound of 0.
    t2019 = _book(export_workbook(govreport.load(ROOT / "fixtures" / "example-gb2019.yaml")))["表二"]
    r, c = _find(t2019, "行政许可")
    change = t2019.cell(r, c + 2).coordinate
    rules = [dv for dv in t2019.data_validations.dataValidation if change in str(dv.sqref)]
    assert [(dv.type, dv.operator) for dv in rules] in ([("whole", None)], [("whole", "between")])  # the default
    assert int(rules[0].formula1) < 0


def test_totals_are_formulas_with_stored_values() -> None:
    data = export_workbook(govreport.load(ROOT / "fixtures" / "example-gb2021.yaml"))
    formulas, values = _book(data)["表三"], _book(data, data_only=True)["表三"]
    assert formulas["J4"].value == "=SUM(D4,E4,F4,G4,H4,I4)"
    assert values["J4"].value == 3119  # 淮安市 2024: 本年新收 总计
    total_row = _find(values, "（七）总计")[0]
    assert values.cell(total_row, 10).value == 3050
    assert str(formulas.cell(total_row, 4).value).startswith("=SUM(")
    assert values["K4"].value == "正确"  # the 勾稽 status cell
    t4 = _book(data, data_only=True)["表四"]
    assert [t4["E4"].value, t4["P4"].value] == [351, "正确"]


def test_a_wrong_total_is_written_as_given_and_its_status_shows_the_difference() -> None:
    report = govreport.load(ROOT / "fixtures" / "minimal-gb2021.yaml")
    table = report.applications.table  # type: ignore[union-attr]
    assert table is not None
    data = report.model_dump(by_alias=True)
    data["依申请公开"]["表三"]["本年新收"] = [10, 2, 0, 0, 0, 0, 15]
    wrong = govreport.load(data)
    values = _book(export_workbook(wrong), data_only=True)["表三"]
    assert values["J4"].value == 15
    assert values["K4"].value == "差3"
    assert govreport.load(export_workbook(wrong)).model_dump() == wrong.model_dump()


def _clerk_workbook() -> bytes:
    """The 2021 template filled in with openpyxl as a clerk would: numbers typed (some as text, one in
    full-width digits), one 总计 typed wrong, one cell left blank, a blank row inserted in 表三 and in
    表四, rows of 表二 and 表三 re-sorted."""
    wb = _book(template_workbook("gb2021"))
    t3 = wb["表三"]
    t3["D4"], t3["E4"], t3["J4"] = 10, 2, 13  # 本年新收: 总计 should be 12
    t3["D5"], t3["E5"] = 1, None  # 上年结转: 商业企业 left blank
    r = _find(t3, "（一）予以公开")[0]
    t3.cell(r, 4).value = "５"  # full-width digits, typed as text
    t3.cell(r, 5).value = "1"
    r = _find(t3, "4.无正当理由大量反复申请")[0]
    t3.cell(r, 4).value = 6
    r = _find(t3, "四、结转下年度继续办理")[0]
    t3.cell(r, 4).value, t3.cell(r, 5).value = 0, 1
    # Re-sort two rows of （五）不予处理: swap the rows 2.重复申请 and 4.无正当理由大量反复申请.
    a, b = _find(t3, "2.重复申请")[0], _find(t3, "4.无正当理由大量反复申请")[0]
    for c in range(3, 11):
        t3.cell(a, c).value, t3.cell(b, c).value = t3.cell(b, c).value, t3.cell(a, c).value
    insert_row(t3, 6)
    t2 = wb["表二"]
    r = _find(t2, "行政处罚")[0]
    t2.cell(r, 2).value = 415
    r2 = _find(t2, "行政强制")[0]
    t2.cell(r2, 2).value = 37
    for c in (1, 2):  # re-sort: 行政强制 above 行政处罚
        t2.cell(r, c).value, t2.cell(r2, c).value = t2.cell(r2, c).value, t2.cell(r, c).value
    t4 = wb["表四"]
    t4["A4"], t4["B4"], t4["E4"] = 1, 1, 2
    insert_row(t4, 4)
    return _save(wb)


def test_clerk_edits_load_and_the_checks_name_sheet_cell_and_label(tmp_path: Path) -> None:
    report = govreport.load(_clerk_workbook())
    t3 = report.applications.table  # type: ignore[union-attr]
    assert t3 is not None
    assert t3.new == (10, 2, 0, 0, 0, 0, 13)
    assert t3.carried_over[:2] == (1, None)
    assert t3.disclosed[:2] == (5, 1)
    assert t3.not_processed.excessive[0] == 6  # the value moved with its label
    assert t3.carried_forward[:2] == (0, 1)
    assert t3.total[0] == 5 + 6  # the template's formula, recomputed (openpyxl stores no results)
    t2 = report.active_disclosure.table  # type: ignore[union-attr]
    assert (t2.penalty, t2.coercion) == (415, 37)  # type: ignore[union-attr]
    assert report.review_litigation.table.review == (1, 1, 0, 0, 2)  # type: ignore[union-attr]
    codes = {n.code for n in report.read_notes}
    assert {"XLSX-TEXT-NUMBER", "XLSX-FORMULA-COMPUTED"} <= codes

    findings = govreport.check(report)
    row_total = [f for f in findings if f.code == "T3-ROW-TOTAL"]
    assert len(row_total) == 1
    assert str(row_total[0].location) == f"表三!J4（{NEW} / 总计）"
    blank = [f for f in findings if f.code == "BLANK-CELL" and f.location.row == CARRIED]
    assert str(blank[0].location) == f"表三!E5（{CARRIED} / 商业企业）"

    path = tmp_path / "填好的.xlsx"
    path.write_bytes(_clerk_workbook())
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output
    payload = json.loads(result.output)
    cells = {(f["code"], f["location"]["cell"]) for f in payload["findings"]}
    assert ("T3-ROW-TOTAL", "表三!J4") in cells
    assert ("BLANK-CELL", "表三!E5") in cells
    # The text output, in a real process with a wide terminal (rich folds long cells at 80 columns).
    env = {**os.environ, "COLUMNS": "400", "LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": ""}
    proc = subprocess.run([sys.executable, "-m", "govreport", "check", str(path)], capture_output=True, text=True,
                          env=env, check=False, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert f"表三!J4（{NEW} / 总计）" in proc.stdout


def test_every_problem_names_sheet_cell_and_label() -> None:
    wb = _book(template_workbook("gb2021"))
    t3 = wb["表三"]
    r = _find(t3, "1.属于国家秘密")[0]
    t3.cell(r, 9).value = "若干"  # column I: 其他
    t3.cell(_find(t3, CARRIED)[0], 4).value = 1.5
    t3.cell(*_find(t3, "3.危及“三安全一稳定”")).value = None  # a row label deleted
    with pytest.raises(InputError) as info:
        govreport.load(_save(wb))
    paths = {p.path for p in info.value.problems}
    assert f"表三!I{r}（1.属于国家秘密 / 其他）" in paths
    assert f"表三!D5（{CARRIED} / 自然人）" in paths
    texts = [p.text() for p in info.value.problems]
    assert any("若干" in t and "应为数字" in t for t in texts)
    assert any("找不到「3.危及“三安全一稳定”」这一行" in t for t in texts)


def test_not_a_workbook_is_an_input_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip at all")
    with pytest.raises(InputError, match="xlsx"):
        govreport.load(bad)
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        z.writestr("word/document.xml", "<w/>")
    bad.write_bytes(other.getvalue())
    with pytest.raises(InputError, match=r"xl/workbook\.xml"):
        govreport.load(bad)
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_narrative_sheet_structure_and_edits() -> None:
    wb = _book(export_workbook(govreport.load(ROOT / "fixtures" / "example-gb2021.yaml")))
    ws = wb["正文"]
    assert [c.value for c in ws[1]] == ["部分", "类型", "层级", "接排", "文字"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert rows[0][:3] == ["开头", "段落", 1]
    sub = next(r for r in rows if r[4] == "主动公开情况。")
    assert sub[:4] == ["一、总体情况", "标题", 2, "是"]
    insert_row(ws, 3)  # a blank row between paragraphs changes nothing
    ws.append(["六、其他需要报告的事项", "段落", 1, None, "新增的一段。"])
    report = govreport.load(_save(wb))
    assert report.other_matters is not None
    assert report.other_matters[-1] == "新增的一段。"


def test_gb2019_workbook_negative_change_and_procurement_unit() -> None:
    wb = _book(template_workbook("gb2019"))
    t2 = wb["表二"]
    r, c = _find(t2, "行政许可")
    t2.cell(r, c + 1).value, t2.cell(r, c + 2).value, t2.cell(r, c + 3).value = 12, -3, 40  # 本年增/减 −3
    r, c = _find(t2, "政府集中采购")
    t2.cell(r, c + 1).value, t2.cell(r, c + 2).value = 2, 1234.5
    t2.cell(r, 5).value = "元"
    t3 = wb["表三"]
    r = _find(t3, "（六）其他处理")[0]
    t3.cell(r, 4).value = 2
    report = govreport.load(_save(wb))
    table2 = report.active_disclosure.table  # type: ignore[union-attr]
    assert table2.licensing == (12, -3, 40)  # type: ignore[union-attr]
    assert str(table2.procurement[1]) == "1234.5"  # type: ignore[union-attr]
    assert table2.procurement_unit == "元"  # type: ignore[union-attr]
    assert report.applications.table.other[0] == 2  # type: ignore[union-attr,index]
    codes = {f.code for f in govreport.check(report)}
    assert "NEGATIVE" not in codes  # 本年增/减 may be negative in the 2019 form
    assert "T3-ROW-TOTAL" not in codes  # the 总计 formula of （六）其他处理 was recomputed


def test_a_stray_cell_far_away_changes_nothing() -> None:
    wb = _book(export_workbook(govreport.load(ROOT / "fixtures" / "minimal-gb2021.yaml")))
    wb["表三"]["XFD1048576"] = "x"  # the last cell of the sheet: the reader never walks the whole grid
    wb["正文"]["XFD1048576"] = None
    report = govreport.load(_save(wb))
    assert report.model_dump() == govreport.load(ROOT / "fixtures" / "minimal-gb2021.yaml").model_dump()


def test_the_workbook_messages_are_translated() -> None:
    """Every message of the workbook modules has an English translation with the same placeholders (the
    whole catalog is checked by tests/test_i18n.py)."""
    import runpy
    import string

    from babel.messages.pofile import read_po

    from govreport import i18n

    script = runpy.run_path(str(ROOT / "scripts" / "update_catalogs.py"))
    with i18n.catalog_path("en").open("rb") as fh:
        catalog = read_po(fh, locale="en", domain=i18n.DOMAIN)
    mine = ("readers/xlsx.py", "cli/workbook.py", "workbook/")
    checked = 0
    for message in script["extract"]():
        if not message.id or not any(any(m in loc[0] for m in mine) for loc in message.locations):
            continue
        found = catalog.get(message.id)
        assert found is not None, message.id
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = found.string if isinstance(found.string, tuple) else (found.string,)
        assert all(strings), message.id
        fields = {n for _, n, _, _ in string.Formatter().parse(ids[0]) if n}
        assert all({n for _, n, _, _ in string.Formatter().parse(s) if n} == fields for s in strings), message.id
        checked += 1
    assert checked >= 30


def test_identity_cells_are_checked_where_they_are() -> None:
    wb = _book(template_workbook("gb2021"))
    info = wb["基本信息"]
    rows = {info.cell(r, 1).value: r for r in range(1, info.max_row + 1)}
    info.cell(rows["年度"], 2).value = "二〇二四"
    info.cell(rows["发布日期"], 2).value = "2025年2月30日"
    info.cell(rows["机关层级"], 2).value = "市级"
    with pytest.raises(InputError) as caught:
        govreport.load(_save(wb))
    paths = {p.path for p in caught.value.problems}
    assert {f"基本信息!B{rows['年度']}（年度）", f"基本信息!B{rows['发布日期']}（发布日期）",
            f"基本信息!B{rows['机关层级']}（机关层级）"} <= paths
    info.cell(rows["年度"], 2).value = "２０２４"  # full-width digits
    info.cell(rows["发布日期"], 2).value = "2025年2月3日"
    info.cell(rows["机关层级"], 2).value = "县级"
    report = govreport.load(_save(wb))
    assert (report.year, report.published, report.level) == (2024, dt.date(2025, 2, 3), "县级")


# -- property: any report survives the workbook ------------------------------------------------------

_FAST = settings(deadline=None, max_examples=15, suppress_health_check=[HealthCheck.too_slow])
_cell = st.one_of(st.none(), st.integers(-5, 10**11))  # a computed total stays within 10^12
_row7 = st.lists(_cell, min_size=7, max_size=7)
#: 万元 amounts typed with 0 to 6 decimals (the workbook keeps the decimals as typed), or blank; bounded
#: to 10^12 like every amount (model/numbers.py).
_fee = st.none() | st.integers(0, 6).flatmap(
    lambda places: st.decimals(min_value=0, max_value=10**12, places=places, allow_nan=False, allow_infinity=False))
_MINIMAL = yaml.safe_load((ROOT / "fixtures" / "minimal-gb2021.yaml").read_text(encoding="utf-8"))


@_FAST
@given(data=legacy_reports)
def test_any_legacy_report_round_trips(data: dict[str, object]) -> None:
    report = govreport.load(data)
    assert govreport.load(export_workbook(report)).model_dump() == report.model_dump()


@_FAST
@given(new=_row7, total=_row7, excessive=_row7, review=st.lists(_cell, min_size=5, max_size=5), fee=_fee)
@example(new=[10**12, 0, 0, 0, 0, 0, 10**12], total=[None] * 7, excessive=[0] * 7, review=[1, 2, 3, 4, 10],
         fee=Decimal("999999999999.123450"))  # 18 digits: more than a spreadsheet number holds
def test_any_table_numbers_round_trip(new: list[int | None], total: list[int | None],
                                      excessive: list[int | None], review: list[int | None],
                                      fee: Decimal | None) -> None:
    data = yaml.safe_load(yaml.safe_dump(_MINIMAL, allow_unicode=True))
    t3 = data["applications"]["table"]
    t3["本年新收"], t3["总计"], t3["不予处理"]["无正当理由大量反复申请"] = new, total, excessive
    data["review_litigation"]["table"]["行政复议"] = review
    data["active_disclosure"]["table"]["行政事业性收费"] = None if fee is None else str(fee)
    report = govreport.load(data)
    again = govreport.load(export_workbook(report))
    assert again.model_dump() == report.model_dump()
    fees = [r.active_disclosure.table.fees for r in (report, again)]  # type: ignore[union-attr]
    assert str(fees[1]) == str(fees[0])  # decimals as typed: 5.10 stays 5.10 (5.10 == 5.1 for Decimal)


def test_export_workbook_of_an_edition_is_its_template() -> None:
    assert govreport.export_workbook("gb2019") == template_workbook("gb2019")
    with pytest.raises(InputError):
        govreport.export_workbook("gb2030")


def test_renamed_sheets_are_found_by_their_labels_and_quoted_labels_are_not_tables() -> None:
    report = govreport.load(ROOT / "fixtures" / "minimal-gb2021.yaml")
    wb = _book(export_workbook(report))
    wb["表三"].title = "依申请公开"
    wb["基本信息"].title = "封面"
    assert govreport.load(_save(wb)).model_dump() == report.model_dump()
    legacy = govreport.load({"body": "A", "year": 2010, "sections": [
        {"heading": "概述", "content": ["第二十条第（一）项", "一、本年新收政府信息公开申请数量"]}]})
    assert govreport.load(export_workbook(legacy)).model_dump() == legacy.model_dump()


def test_a_paragraph_longer_than_a_cell_is_refused_not_cut() -> None:
    from govreport.model.report import Report

    # load() refuses a text of more than 20,000 characters; a report built in code is not loaded
    section = {"heading": "概述", "content": ["字" * 40000]}
    report = Report.model_validate({"body": "A", "year": 2010, "sections": [section]})
    with pytest.raises(InputError, match="32767"):
        export_workbook(report)
