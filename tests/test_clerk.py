"""Issue 14, "a clerk writes the report without tripping": each Why bullet of the issue, reproduced.

The oracles are typed here: the official labels, the expected messages and numbers.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

import govreport
from _statutory import FIXTURES, clone, raw
from govreport.cli import app

runner = CliRunner()
MINIMAL = raw("minimal-gb2021.yaml")


def _write(tmp_path: Path, data: dict[str, Any], name: str = "report.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return path


def _flat(text: str) -> str:
    """Output without whitespace or table rules (a message wrapped over lines reads as one)."""
    return "".join(ch for ch in text if not ch.isspace() and not "\u2500" <= ch <= "\u257f")


def _said_17(data: dict[str, Any]) -> dict[str, Any]:
    """The minimal report (表三 本年新收 总计 12) whose text says 收到政府信息公开申请17件."""
    data = clone(data)
    data["overview"] = [*data["overview"], "全年收到政府信息公开申请17件，均按时答复。"]
    return data


# --- render shows what it rendered with -----------------------------------------------------


def test_render_prints_the_warnings_it_rendered_with(tmp_path: Path) -> None:
    """Why: a report whose text says 收到申请17件 while 表三 says otherwise rendered with only "已写入 …"."""
    path = _write(tmp_path, _said_17(MINIMAL))
    result = runner.invoke(app, ["render", str(path), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "NARRATIVE-MISMATCH" in result.stdout
    assert "「总计」为12" in _flat(result.stdout)
    assert "已写入" in result.stdout
    assert (tmp_path / "out" / "report.html").is_file()


def test_render_force_prints_the_errors(tmp_path: Path) -> None:
    path = FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml"
    refused = runner.invoke(app, ["render", str(path), "-f", "html", "-o", str(tmp_path / "a")])
    assert refused.exit_code == 1
    assert "T3-ROW-TOTAL" in refused.stdout
    forced = runner.invoke(app, ["render", str(path), "-f", "html", "-o", str(tmp_path / "b"), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "T3-ROW-TOTAL" in forced.stdout
    assert "已按 --force 输出" in forced.stderr
    assert any((tmp_path / "b").iterdir())


def test_render_api_refuses_a_report_with_errors(tmp_path: Path) -> None:
    """Why: govreport.render() returned bytes for a report with errors while the CLI refused it."""
    report = govreport.load(FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml")
    with pytest.raises(govreport.ReportInvalidError, match="T3-ROW-TOTAL") as info:
        govreport.render(report, "html")
    assert any(f.code == "T3-ROW-TOTAL" for f in info.value.findings)
    with pytest.raises(govreport.ReportInvalidError):
        govreport.render_to(report, tmp_path, ["html"])
    assert not any(tmp_path.iterdir())
    assert govreport.render(report, "html", force=True).startswith(b"<!DOCTYPE html>")
    assert govreport.render_to(report, tmp_path, ["html"], force=True)


def test_untouched_template_is_not_rendered(tmp_path: Path) -> None:
    """Why: the untouched template's PDF printed 某某市某某局 and 0000-0000000."""
    target = tmp_path / "new.yaml"
    assert runner.invoke(app, ["new", "-o", str(target)]).exit_code == 0
    result = runner.invoke(app, ["render", str(target), "-f", "html", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "PLACEHOLDER" in result.stdout
    assert not (tmp_path / "out").exists()


# --- publication date, level, typed ordinals ----------------------------------------------------


def _report(**changes: Any) -> govreport.Report:
    data = clone(MINIMAL)
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return govreport.load(data)


def test_publication_before_the_year_has_ended_is_an_error() -> None:
    """Why: a 2024 report with published: 2024-01-20 (before the year has ended) passed."""
    report = _report(year=2024, published="2024-01-20",
                     preamble=["本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。"])
    found = [f for f in govreport.check(report) if f.code == "PUBLISHED-EARLY"]
    assert len(found) == 1
    assert found[0].is_error
    assert found[0].message.startswith("发布日期为 2024年1月20日，早于 2024 年度结束（2024年12月31日）")
    on_time = _report(year=2024, published="2025-01-20",
                      preamble=["本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。"])
    assert "PUBLISHED-EARLY" not in {f.code for f in govreport.check(on_time)}


def test_signature_date_before_the_year_has_ended_is_an_error() -> None:
    report = _report(signature={"date": "2023-12-31"})
    found = [f for f in govreport.check(report) if f.code == "PUBLISHED-EARLY"]
    assert [f.location.field for f in found] == ["signature.date"]
    assert found[0].message.startswith("落款日期为 2023年12月31日")


@pytest.mark.parametrize(
    ("body", "level"),
    [
        ("示例市示例区人民政府", "县级"),
        ("示例县人民政府", "县级"),
        ("示例自治县人民政府", "县级"),
        ("示例市人民政府", "地市级"),
        ("示例自治州人民政府", "地市级"),
        ("示例省人民政府", "省级"),
        ("示例自治区人民政府", "省级"),
        ("上海市人民政府", "省级"),
        ("示例市示例区人民政府示例街道办事处", "乡镇街道"),
        ("示例县示例镇人民政府", "乡镇街道"),
        ("示例县示例乡人民政府", "乡镇街道"),
        ("示例市交通运输局", "部门"),
        ("示例市发展和改革委员会", "部门"),
        ("示例市人民政府办公室", "部门"),
        ("示例省教育厅", "部门"),
        ("示例工作组", None),
    ],
)
def test_level_follows_from_the_body_name(body: str, level: str | None) -> None:
    from govreport.model.report import level_from_name

    found = level_from_name(body)
    assert (found.value if found else None) == level


def test_missing_level_is_a_warning_unless_the_name_tells() -> None:
    """Why: a missing level silently picked a deadline."""
    unknown = _report(body="示例工作组", level=None)
    found = [f for f in govreport.check(unknown) if f.code == "LEVEL-MISSING"]
    assert len(found) == 1
    assert not found[0].is_error
    assert "暂按最晚的 2024年3月31日 计算" in found[0].message
    # 示例县人民政府 → 县级: no warning, and the 县级 deadline (2月20日) is the one used
    county = _report(level=None, published="2024-02-21")
    findings = govreport.check(county)
    assert "LEVEL-MISSING" not in {f.code for f in findings}
    (inferred,) = [f for f in findings if f.code == "LEVEL-INFERRED"]  # the guess is said, as info
    assert inferred.severity.value == "info"
    assert "按机关名称「示例县人民政府」推断为县级，发布期限为 2024年2月20日" in inferred.message
    (late,) = [f for f in findings if f.code == "DEADLINE"]
    assert "晚于县级机关（按机关名称推断）的发布期限 2024年2月20日" in late.message
    assert "逾期 1 天" in late.message


def test_hand_typed_ordinal_is_printed_once_with_a_warning() -> None:
    """Why: hand-typed numbering was printed twice ("（一）（一）主动公开情况")."""
    data = clone(MINIMAL)
    data["overview"] = [data["overview"][0], {"heading": "（一）主动公开情况", "content": ["正文。"]},
                        {"heading": "2. 依申请公开情况", "content": ["正文。"]}]
    report = govreport.load(data)
    found = [f for f in govreport.check(report) if f.code == "HEADING-ORDINAL"]
    assert [f.severity.value for f in found] == ["warning", "warning"]
    assert "手写了序号「（一）」" in found[0].message
    html = govreport.render(report, "html").decode("utf-8")
    import re

    text = re.sub(r"<[^>]+>", "", html)
    assert "（一）主动公开情况" in text
    assert "（一）（一）" not in text
    assert "（二）依申请公开情况" in text
    assert "2. 依申请公开情况" not in text


# --- the narrative check reads the wordings real reports use -------------------------------------

# The minimal report's 表三 (总计 column): 本年新收 12, 上年结转 1, 予以公开 6, 部分公开 1, 不予公开 0,
# 无法提供 3, 不予处理 1, 其他处理 0, （七）总计 11, 结转下年度 2.
NEW = "一、本年新收政府信息公开申请数量"
WORDINGS = [
    # (a sentence quoting a wrong number, the heading it stands under, the row named, the table's number)
    ("公民、法人和其他组织提出的政府信息公开申请17件。", None, NEW, 12),
    ("本年度申请共计17件。", "依申请公开", NEW, 12),
    ("全年依申请公开的申请量为17件。", None, NEW, 12),
    ("全年收到政府信息公开申请十七件。", None, NEW, 12),
    ("收到申请17件，均已办结。", "依申请公开情况", NEW, 12),
    ("予以公开及部分公开258件。", "依申请公开", "（一）予以公开＋（二）部分公开", 7),
    ("无法提供265件。", "依申请公开", "（四）无法提供", 3),
    ("不予处理158件。", "依申请公开", "（五）不予处理", 1),
    ("不予公开5件。", "依申请公开", "（三）不予公开", 0),
    ("办结政府信息公开申请二十件。", None, "（七）总计", 11),
    ("上年结转申请3件。", "依申请公开", "二、上年结转政府信息公开申请数量", 1),
    ("结转下年度继续办理的申请5件。", "依申请公开", "四、结转下年度继续办理", 2),
]


def _with_sentence(sentence: str, heading: str | None) -> govreport.Report:
    data = clone(MINIMAL)
    block: Any = sentence if heading is None else {"heading": heading, "content": [sentence]}
    data["overview"] = [data["overview"][0], block]
    return govreport.load(data)


@pytest.mark.parametrize(("sentence", "heading", "row", "actual"), WORDINGS, ids=[w[0] for w in WORDINGS])
def test_narrative_wording_is_read(sentence: str, heading: str | None, row: str, actual: int) -> None:
    """Why: the narrative-vs-table check missed these wordings and the summary sentences."""
    found = [f for f in govreport.check(_with_sentence(sentence, heading)) if f.code == "NARRATIVE-MISMATCH"]
    assert len(found) == 1, [f.message for f in found]
    assert found[0].location.row == row
    assert found[0].message.endswith(f"为 {actual}")


@pytest.mark.parametrize(("sentence", "heading", "row", "actual"), WORDINGS, ids=[w[0] for w in WORDINGS])
def test_narrative_wording_with_the_right_number_passes(sentence: str, heading: str | None, row: str,
                                                        actual: int) -> None:
    import re

    from govreport.text.zh import zh_number

    def right(m: re.Match[str]) -> str:
        return zh_number(actual) if not m.group(0).isdigit() and actual else str(actual)

    fixed = re.sub(r"\d+|[十二三五七]+(?=件)", right, sentence, count=1)
    assert fixed != sentence
    findings = govreport.check(_with_sentence(fixed, heading))
    assert "NARRATIVE-MISMATCH" not in {f.code for f in findings}, fixed


def test_plain_application_wording_needs_an_applications_context() -> None:
    """"申请共计17件" in a paragraph about 行政许可 is not about 政府信息公开申请."""
    findings = govreport.check(_with_sentence("行政许可申请共计17件。", None))
    assert "NARRATIVE-MISMATCH" not in {f.code for f in findings}


def test_one_table_of_wordings_each_with_an_example() -> None:
    from govreport.checks.narrative import WORDINGS as TABLE
    from govreport.checks.narrative import quoted_numbers

    assert len(TABLE) >= 15
    for wording in TABLE:
        assert wording.example
        found = quoted_numbers(wording.example)
        assert [w for _m, w, _n in found] == [wording], wording.example


# --- derived numbers: totals computed, narrative quoting the tables ------------------------------


def _without_totals() -> dict[str, Any]:
    """The minimal report with every 总计 of 表三 and 表四 left out (rows of 6 and 4 numbers)."""
    data = clone(MINIMAL)
    t3 = data["applications"]["table"]
    del t3["总计"]
    for key, row in list(t3.items()):
        if isinstance(row, list):
            t3[key] = row[:6]
        else:
            t3[key] = {k: v[:6] for k, v in row.items()}
    t4 = data["review_litigation"]["table"]
    for key, group in t4.items():
        t4[key] = group[:4]
    return data


def test_totals_left_out_are_computed_and_reported() -> None:
    """Why: the clerk computed every 总计 by hand although govreport knows the sums."""
    report = govreport.load(_without_totals())
    t3, t4 = report.table3, report.table4
    assert t3 is not None
    assert t4 is not None
    assert t3.new == (10, 2, 0, 0, 0, 0, 12)
    assert t3.total == (9, 2, 0, 0, 0, 0, 11)  # （七）总计, computed column by column from （一）…（六）
    assert t3.carried_forward == (2, 0, 0, 0, 0, 0, 2)
    assert t4.review == (1, 0, 1, 0, 2)
    assert t4.direct == (0, 0, 0, 1, 1)
    findings = govreport.check(report)
    assert {f.code for f in findings} == {"TOTAL-COMPUTED"}
    assert all(f.severity.value == "info" for f in findings)
    (f3,) = [f for f in findings if f.location.table == "表三"]
    assert "一、本年新收政府信息公开申请数量「总计」为 12" in f3.message
    # 24 row totals (the 25 rows of the 2021 form but （七）总计) + the 7 cells of （七）总计
    assert f3.message.startswith("表三有 31 个“总计”未填写")


def test_a_given_wrong_total_stays_an_error() -> None:
    data = _without_totals()
    data["applications"]["table"]["本年新收"] = [10, 2, 0, 0, 0, 0, 13]
    codes = {f.code for f in govreport.check(govreport.load(data)) if f.is_error}
    assert "T3-ROW-TOTAL" in codes


def test_narrative_quotes_table_cells_by_name() -> None:
    """Why: the clerk retyped the table numbers into the narrative, where they then disagreed."""
    data = clone(MINIMAL)
    data["overview"] = [
        data["overview"][0],
        "全年收到政府信息公开申请{表三.本年新收.总计}件，其中自然人{表三.本年新收.自然人}件；"
        "无法提供{表三.无法提供}件，行政复议{表四.行政复议.总计}件，行政许可{表二.行政许可}件。",
    ]
    report = govreport.load(data)
    assert govreport.check(report) == []  # the quoted numbers are the table's: no NARRATIVE-MISMATCH
    html = govreport.render(report, "html").decode("utf-8")
    assert "全年收到政府信息公开申请12件，其中自然人10件；无法提供3件，行政复议2件，行政许可3120件。" in html
    assert "{表三" not in html


def test_a_reference_naming_no_cell_is_an_error() -> None:
    report = govreport.load(FIXTURES / "invalid" / "NARRATIVE-REF.yaml")
    (found,) = [f for f in govreport.check(report) if f.code == "NARRATIVE-REF"]
    assert found.is_error
    assert "「{表三.本年收到.总计}」无法识别：表三没有「本年收到」这一行" in found.message


# --- new: the template filled in, last year carried forward --------------------------------------


def test_new_fills_year_body_level_and_period(tmp_path: Path) -> None:
    target = tmp_path / "2025.yaml"
    result = runner.invoke(app, ["new", "--year", "2025", "--body", "示例市交通运输局", "-o", str(target)])
    assert result.exit_code == 0, result.output
    report = govreport.load(target)
    assert report.edition.value == "gb2021"
    assert report.year == 2025
    assert report.body == "示例市交通运输局"
    assert report.level is not None
    assert report.level.value == "部门"  # follows from …局
    assert str(report.published) == "2026-01-20"
    assert "统计期限自2025年1月1日起至2025年12月31日止" in report.preamble[0]
    codes = {f.code for f in govreport.check(report) if f.is_error or f.is_warning}
    assert codes == {"PLACEHOLDER"}  # the prompts and the contact; not the body
    assert not [f for f in govreport.check(report) if f.location.field == "body"]


def test_new_edition_follows_the_year(tmp_path: Path) -> None:
    text = runner.invoke(app, ["new", "--year", "2020", "--body", "示例区人民政府", "--level", "县级"]).stdout
    report = govreport.load(text)
    assert report.edition.value == "gb2019"
    assert report.level is not None
    assert report.level.value == "县级"


def test_new_from_last_year_carries_what_the_statute_carries(tmp_path: Path) -> None:
    """Why: the clerk retyped last year's 结转下年度 row and the table numbers."""
    last = FIXTURES / "example-gb2021.yaml"  # 淮安市人民政府 2024: 结转下年度 [103, 0, 0, 0, 0, 0, 103]
    target = tmp_path / "2025.yaml"
    result = runner.invoke(app, ["new", "--from", str(last), "-o", str(target)])
    assert result.exit_code == 0, result.output
    report = govreport.load(target)
    assert report.year == 2025
    assert report.body == "淮安市人民政府"
    assert report.level is not None
    assert report.level.value == "地市级"
    t3, t2 = report.table3, report.table2
    assert t3 is not None
    assert t2 is not None
    assert t3.carried_over == (103, 0, 0, 0, 0, 0, 103)
    assert t2.rules[2] == 11  # 规章 现行有效件数 of 2024
    assert t2.normative_documents[2] == 66
    assert report.contact is not None
    assert report.contact.phone == "0517-83605210"
    assert report.signature is not None
    assert report.signature.body == "淮安市人民政府办公室"
    # the cross-year check agrees with what was carried
    previous = govreport.load(last)
    assert "CARRYOVER-MISMATCH" not in {f.code for f in govreport.check(report, previous)}


def test_new_from_a_2019_form_report(tmp_path: Path) -> None:
    last = govreport.load(FIXTURES / "example-gb2019.yaml")
    text = runner.invoke(app, ["new", "--from", str(FIXTURES / "example-gb2019.yaml")]).stdout
    report = govreport.load(text)
    assert report.year == last.year + 1
    assert report.edition.value == "gb2021"
    assert report.table3 is not None
    assert last.table3 is not None
    assert report.table3.carried_over == last.table3.carried_forward


def test_new_from_a_missing_file_is_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["new", "--from", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "找不到文件" in result.stderr


# --- input people type: dates ------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2025年1月20日", "2025/01/20", "2025-1-20", "2025.1.20", "２０２５年１月２０日",
                                   "2025 年 1 月 20 日"])
def test_unambiguous_dates_are_accepted_and_normalised(typed: str) -> None:
    """Why: unambiguous dates were refused: 2025年1月20日, 2025/01/20, 2025-1-20."""
    import datetime as dt

    report = _report(year=2024, published=typed, signature={"date": typed},
                     preamble=["本报告中所列数据统计期限自2024年1月1日起至2024年12月31日止。"])
    assert report.published == dt.date(2025, 1, 20)
    assert report.signature is not None
    assert report.signature.date == dt.date(2025, 1, 20)


def test_an_impossible_date_names_its_field_in_chinese(tmp_path: Path) -> None:
    """Why: 2025-01-32 gave "day is out of range for month" without the field."""
    path = tmp_path / "r.yaml"
    path.write_text("body: 示例县人民政府\nyear: 2024\npublished: 2025-01-32\n", "utf-8")
    with pytest.raises(govreport.InputError) as info:
        govreport.load(path)
    (problem,) = info.value.problems
    assert problem.path == "发布日期（published）"
    assert problem.message == "「2025-01-32」不是有效的日期：1月没有32日"
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "r.yaml：发布日期（published）：「2025-01-32」不是有效的日期：1月没有32日" in result.stderr
    assert "out of range" not in result.stderr


# --- check output at 80 columns; click's own messages in Chinese ---------------------------------


def test_check_output_is_readable_at_80_columns() -> None:
    """Why: check output was hard to read in an 80-column terminal (a four-column table in slivers)."""
    from rich.cells import cell_len

    path = FIXTURES / "invalid" / "T3-ROW-TOTAL.yaml"
    result = runner.invoke(app, ["check", str(path)], env={"COLUMNS": "80"})
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert all(cell_len(line.rstrip()) <= 80 for line in lines)
    assert not any(ch in result.stdout for ch in "┃│┏┡")  # no table
    # one block per finding: the level and code, then 位置 and 说明 indented
    assert "错误  T3-ROW-TOTAL" in lines
    joined = "".join(line.strip() for line in lines)
    assert "说明：表三「一、本年新收政府信息公开申请数量」行：总计为12，但各类申请人之和为13" in joined.replace(" ", "")
    wide = runner.invoke(app, ["check", str(path)], env={"COLUMNS": "160"})
    assert "┃" in wide.stdout  # a wide terminal keeps the table


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["check"], "缺少参数 FILE"),
        (["chek"], "没有这个命令：chek；是不是 check"),
        (["check", "--bogus", "x.yaml"], "没有这个选项：--bogus"),
        (["check", "--format", "xml", "x.yaml"], "'xml' 不是可选值"),
    ],
)
def test_click_messages_are_chinese(args: list[str], expected: str) -> None:
    """Why: typer's own messages were English (and a usage error is one line: issue 16)."""
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert expected in result.output
    assert result.output.startswith("错误：")
    assert len(result.output.strip().splitlines()) == 1
    assert "Usage" not in result.output
    assert "Missing" not in result.output


def test_click_messages_follow_the_language() -> None:
    result = runner.invoke(app, ["--lang", "en", "check"], env={"COLUMNS": "200"})
    assert result.exit_code == 2
    assert "missing argument FILE" in result.output
    help_zh = runner.invoke(app, ["check", "--help"], env={"COLUMNS": "200"}).output
    assert "显示本帮助并退出。" in help_zh
    assert "用法：" in help_zh
    help_en = runner.invoke(app, ["--lang", "en", "check", "--help"], env={"COLUMNS": "200"}).output
    assert "Show this message and exit." in help_en


# --- render_many: paths, dicts and Reports, named outputs, a previous report per item ------------


def test_render_many_takes_paths_dicts_and_reports(tmp_path: Path) -> None:
    minimal = FIXTURES / "minimal-gb2021.yaml"
    as_dict = raw("minimal-gb2021.yaml")
    as_report = govreport.load(minimal)
    results = govreport.render_many([minimal, as_dict, as_report], "html", tmp_path, workers=1)
    assert [r.exit_code for r in results] == [0, 0, 0]
    names = sorted(p.name for r in results for p in r.paths)
    assert names == ["minimal-gb2021.html", "示例县人民政府2023年政府信息公开工作年度报告-2.html",
                     "示例县人民政府2023年政府信息公开工作年度报告.html"]


def test_render_many_names_outputs_as_asked(tmp_path: Path) -> None:
    minimal = FIXTURES / "minimal-gb2021.yaml"
    results = govreport.render_many([minimal, raw("minimal-gb2021.yaml")], "html", tmp_path, workers=1,
                                    names=["县政府2023", None])
    assert results[0].paths == (tmp_path / "县政府2023.html",)
    assert results[1].paths == (tmp_path / "示例县人民政府2023年政府信息公开工作年度报告.html",)
    by_name = govreport.render_many({"甲": minimal, "乙": govreport.load(minimal)}, "html", tmp_path / "m", workers=1)
    assert [r.paths for r in by_name] == [(tmp_path / "m" / "甲.html",), (tmp_path / "m" / "乙.html",)]
    with pytest.raises(govreport.InputError, match="应一一对应"):
        govreport.render_many([minimal], "html", tmp_path, workers=1, names=["a", "b"])


def test_render_many_checks_each_item_against_its_previous_report(tmp_path: Path) -> None:
    now = FIXTURES / "invalid" / "CARRYOVER-MISMATCH.yaml"
    last = FIXTURES / "invalid" / "CARRYOVER-MISMATCH.previous.yaml"
    results = govreport.render_many([now, now], "html", tmp_path, workers=1, previous=[last, None],
                                    names=["with", "without"])
    assert "CARRYOVER-MISMATCH" in {f.code for f in results[0].findings}
    assert "CARRYOVER-MISMATCH" not in {f.code for f in results[1].findings}
    by_name = govreport.render_many({"with": now}, "html", tmp_path / "m", workers=1, previous={"with": last})
    assert "CARRYOVER-MISMATCH" in {f.code for f in by_name[0].findings}


# --- rows as pasted from a spreadsheet or typed with a Chinese IME --------------------------------


@pytest.mark.parametrize(
    "row",
    [
        "本年新收: 10\t2\t0\t0\t0\t0\t12",  # pasted from Excel: tab-separated, unquoted
        '本年新收: "10\t2\t0\t0\t0\t0"',  # quoted, total left out
        "本年新收: [10，2，0，0，0，0，12]",  # full-width commas (one YAML item)
        "本年新收: 10、2、0、0、0、0",
        "本年新收: 10 2 0 0 0 0 12",
    ],
)
def test_pasted_and_ime_rows_are_read(row: str) -> None:
    """Why: tab-separated rows and full-width commas were refused without a hint."""
    text = (FIXTURES / "minimal-gb2021.yaml").read_text("utf-8")
    assert "本年新收: [10, 2, 0, 0, 0, 0, 12]" in text
    report = govreport.load(text.replace("本年新收: [10, 2, 0, 0, 0, 0, 12]", row))
    assert report.table3 is not None
    assert report.table3.new == (10, 2, 0, 0, 0, 0, 12)
    assert not [f for f in govreport.check(report) if f.is_error or f.is_warning]


# --- the walkthrough of docs/writing.md: last year's report → a checked DOCX and PDF -------------


def test_walkthrough_from_last_year_to_docx_and_pdf(tmp_path: Path) -> None:
    """Done when: a clerk goes from new --from last year to a checked DOCX and PDF without touching a total."""
    import re

    import pdfplumber

    last = FIXTURES / "example-gb2021.yaml"  # 淮安市人民政府 2024, 结转下年度 [103, 0, 0, 0, 0, 0, 103]
    draft = tmp_path / "2025.yaml"
    assert runner.invoke(app, ["new", "--from", str(last), "-o", str(draft)]).exit_code == 0

    # 2. the text: every prompt replaced, the number of applications quoted from 表三
    text = draft.read_text("utf-8")
    prompts = re.findall(r"^( *)- （请.*）$", text, flags=re.MULTILINE)
    assert prompts
    filler = "本年度持续推进政府信息公开工作，全年未收取信息处理费。"
    text = re.sub(r"^( *)- （请.*）$", rf"\1- {filler}", text, flags=re.MULTILINE)
    quoted = "全年收到政府信息公开申请{表三.本年新收.总计}件，其中自然人{表三.本年新收.自然人}件。"
    heading = "- heading: 依申请公开\n    content:\n      - "
    text = text.replace(heading + filler, heading + quoted)
    assert quoted in text
    # 3. the tables: six numbers a row, no total typed anywhere
    rows = {
        "    本年新收: [0, 0, 0, 0, 0, 0]": "    本年新收: [50, 5, 0, 0, 0, 0]",
        "    予以公开: [0, 0, 0, 0, 0, 0]": "    予以公开: [120, 5, 0, 0, 0, 0]",
        "    结转下年度: [0, 0, 0, 0, 0, 0]": "    结转下年度: [33, 0, 0, 0, 0, 0]",
    }
    for old, new in rows.items():
        assert old in text
        text = text.replace(old, new)
    draft.write_text(text, "utf-8")

    # 4. check against last year: no error, no warning; the totals are reported as computed
    checked = runner.invoke(app, ["check", str(draft), "--previous", str(last), "--format", "json"])
    assert checked.exit_code == 0, checked.stdout
    import json

    payload = json.loads(checked.stdout)
    assert payload["errors"] == 0
    assert payload["warnings"] == 0
    assert {f["code"] for f in payload["findings"]} == {"TOTAL-COMPUTED"}

    # 5. render: a DOCX and a PDF whose text carries the quoted numbers and the computed totals
    out = tmp_path / "out"
    rendered = runner.invoke(app, ["render", str(draft), "-f", "docx,pdf", "-o", str(out)])
    assert rendered.exit_code == 0, rendered.output
    assert (out / "2025.docx").read_bytes()[:2] == b"PK"
    with pdfplumber.open(out / "2025.pdf") as pdf:
        pdf_text = "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)
    assert "全年收到政府信息公开申请55件，其中自然人50件。" in pdf_text
    assert "{表三" not in pdf_text
    assert "某某" not in pdf_text
    report = govreport.load(draft)
    assert report.table3 is not None
    assert report.table3.total == (120, 5, 0, 0, 0, 0, 125)  # （七）总计, never typed
    assert report.table3.carried_over == (103, 0, 0, 0, 0, 0, 103)


# --- bullets the readers refactor already answers (kept here so each Why bullet has its test) -----


def test_full_width_colon_is_named_on_its_own_line(tmp_path: Path) -> None:
    """Why: `year：2024` on line 5 was reported at line 6 "could not find expected ':'"."""
    path = tmp_path / "r.yaml"
    path.write_text("edition: gb2021\nbody: 示例县人民政府\nlevel: 县级\npublished: 2025-01-20\nyear：2024\n", "utf-8")
    with pytest.raises(govreport.InputError) as info:
        govreport.load(path)
    problem = info.value.problems[0]
    assert problem.line == 5
    assert "全角冒号" in problem.message
    assert "could not find" not in info.value.message


def test_unknown_key_gets_did_you_mean() -> None:
    """Why: no "did you mean" (overveiw → overview)."""
    with pytest.raises(govreport.InputError) as info:
        govreport.load({"body": "示例县人民政府", "year": 2024, "overveiw": ["正文。"]})
    assert "是不是「overview」？" in info.value.message


def test_a_reference_in_a_sub_heading_is_printed_as_the_number() -> None:
    data = clone(MINIMAL)
    data["overview"] = [data["overview"][0], {"heading": "收到申请{表三.本年新收}件", "content": ["正文。"]}]
    html = govreport.render(govreport.load(data), "html").decode("utf-8")
    assert "收到申请12件" in html
    assert "{表三" not in html
