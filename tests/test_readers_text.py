"""The plain-text reader: real `pdftotext -layout` output (淮安市 2024) reads exactly as the same report
typed by hand (fixtures/example-gb2021.yaml); labels with typos, flattened rows, furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

import govreport
from _statutory import FIXTURES
from govreport.compose import contact_sentences
from govreport.errors import InputError
from govreport.readers._statutory import split_run

FOREIGN = FIXTURES / "foreign"
HUAIAN = FOREIGN / "huaian-city-2024.txt"


def _same_except(a: govreport.Report, b: govreport.Report, *skip: str) -> None:
    da, db = a.model_dump(exclude=set(skip)), b.model_dump(exclude=set(skip))
    for key in db:
        assert da[key] == db[key], key


def test_huaian_reads_exactly_as_typed_by_hand() -> None:
    read = govreport.load(HUAIAN)
    typed = govreport.load(FIXTURES / "example-gb2021.yaml")
    # the PDF has no signature and no date: the typed file assumes both
    _same_except(read, typed, "published", "signature", "contact")
    # the contact fields, and the sentence they print (the typed file spells govreport's own as a template)
    assert read.contact is not None
    assert typed.contact is not None
    assert read.contact.model_dump(exclude={"template"}) == typed.contact.model_dump(exclude={"template"})
    assert contact_sentences(read.contact, read.body) == contact_sentences(typed.contact, typed.body)
    assert read.edition.value == "gb2021"
    assert read.level is not None
    assert read.level.value == "地市级"


def test_huaian_cells_spot_checked() -> None:
    t = govreport.load(HUAIAN)
    assert t.applications is not None
    assert t.applications.table is not None
    t3 = t.applications.table
    assert t3.partly_disclosed == (447, 7, 0, 0, 0, 0, 454)  # label broken over three lines
    assert t3.withheld.prohibited_by_law == (30, 1, 0, 0, 0, 0, 31)  # a vertical group label beside it
    assert t3.unable.needs_creation == (11, 0, 0, 0, 0, 0, 11)  # after the page break
    assert t3.carried_forward == (103, 0, 0, 0, 0, 0, 103)  # "四、…" is a row, not section 四
    assert t.review_litigation is not None
    assert t.review_litigation.table is not None
    assert t.review_litigation.table.after_review == (12, 1, 1, 6, 20)
    assert t.overview is not None
    # a paragraph split by the page break ("-1-") is one paragraph again
    assert any("新闻发布会12场，努力传递政府声音" in str(b) for b in t.overview)


def test_read_report_checks_clean() -> None:
    findings = govreport.check(govreport.load(HUAIAN))
    assert [f for f in findings if f.is_error] == []


def _minimal_text(
    t3_new: str = "一、本年新收政府信息公开申请数量\t6\t4\t0\t0\t2\t0\t12",
    withheld_2: str = "2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0",
    body: str = "示例县人民政府",
) -> str:
    rows = [
        t3_new,
        "二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0",
        "（一）予以公开\t6\t4\t0\t0\t2\t0\t12",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0",
        "1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0",
        withheld_2,
        "（七）总计\t6\t4\t0\t0\t2\t0\t12",
        "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0",
    ]
    return (
        "\n".join(
            [
                f"{body}2023年政府信息公开工作年度报告",
                "一、总体情况",
                "本年度依法做好政府信息公开工作。",
                "二、主动公开政府信息情况",
                "第二十条第（一）项",
                "信息内容\t本年制发件数\t本年废止件数\t现行有效件数",
                "规章\t0\t0\t0",
                "行政规范性文件\t2\t1\t9",
                "三、收到和处理政府信息公开申请情况",
                *rows,
                "四、政府信息公开行政复议、行政诉讼情况",
                "行政复议\t行政诉讼",
                "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
                "五、存在的主要问题及改进情况",
                "问题是有的。",
                "六、其他需要报告的事项",
                "本年度未收取信息处理费。",
            ]
        )
        + "\n"
    )


def _read(text: str, tmp_path: Path) -> govreport.Report:
    path = tmp_path / "r.txt"
    path.write_text(text, encoding="utf-8")
    return govreport.load(path)


def test_typo_in_label_is_matched_and_reported(tmp_path: Path) -> None:
    # 洪泽区's real typo
    report = _read(_minimal_text(withheld_2="2.其他法律行政止公开\t1\t0\t0\t0\t0\t0\t1"), tmp_path)
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.applications.table.withheld.prohibited_by_law == (1, 0, 0, 0, 0, 0, 1)
    notes = [n for n in report.read_notes if n.code == "READ-CORRECTED"]
    assert len(notes) == 1
    assert "2.其他法律行政止公开" in notes[0].message
    assert "2.其他法律行政法规禁止公开" in notes[0].message
    assert "READ-CORRECTED" in {f.code for f in govreport.check(report)}


def test_flattened_row_is_split_when_its_sums_make_it_unique(tmp_path: Path) -> None:
    report = _read(_minimal_text(t3_new="一、本年新收政府信息公开申请数量640020470"), tmp_path)
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.applications.table.new == (64, 0, 0, 2, 0, 4, 70)
    assert any(n.code == "READ-INFERRED" and "640020470" in n.message for n in report.read_notes)


def test_ambiguous_flattened_row_is_refused_naming_the_row(tmp_path: Path) -> None:
    text = _minimal_text().replace("行政规范性文件\t2\t1\t9", "行政规范性文件\t2119")
    with pytest.raises(InputError) as info:
        _read(text, tmp_path)
    assert "行政规范性文件" in str(info.value)
    assert "拆分不唯一" in str(info.value)


def test_split_run_is_unique_or_nothing() -> None:
    assert split_run(["640020470"], 7, ((0, 7),)) == [[64, 0, 0, 2, 0, 4, 70]]
    assert len(split_run(["2119"], 3, ())) == 2  # 2|1|19, 2|11|9, 21|1|9 …: ambiguous
    assert split_run(["1", "2"], 2, ()) == [[1, 2]]


def test_level_unset_is_a_warning(tmp_path: Path) -> None:
    report = _read(_minimal_text(body="示例县数据资源管理中枢"), tmp_path)
    assert report.level is None
    assert "READ-LEVEL-UNSET" in {f.code for f in govreport.check(report)}


def test_not_a_report_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        _read("会议纪要\n今天开会。\n", tmp_path)
    assert "未找到报告标题" in str(info.value)
    with pytest.raises(InputError) as info:
        _read(
            "示例县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n好。\n二、主动公开政府信息情况\n"
            "很好。\n三、收到和处理政府信息公开申请情况\n没有。\n",
            tmp_path,
        )
    assert "未找到表三" in str(info.value)


def test_a_cell_per_line_copy_reads_like_the_table(tmp_path: Path) -> None:
    # a PDF viewer's copy: every cell of a table on a line of its own
    text = "\n".join(cell for line in _minimal_text().split("\n") for cell in line.split("\t"))
    report = _read(text, tmp_path)
    assert report.applications is not None
    assert report.applications.table is not None
    t3 = report.applications.table
    assert t3.new == (6, 4, 0, 0, 2, 0, 12)
    assert t3.partly_disclosed == (0, 0, 0, 0, 0, 0, 0)
    assert t3.total == (6, 4, 0, 0, 2, 0, 12)
    assert report.active_disclosure is not None
    assert report.active_disclosure.table is not None
    assert report.active_disclosure.table.normative_documents == (2, 1, 9)


def test_heading_variants_and_a_title_over_three_lines(tmp_path: Path) -> None:
    text = _minimal_text().replace("示例县人民政府2023年政府信息公开工作年度报告",
                                   "示例县人民政府\n2023年政府信息公开工作\n年度报告")
    run_in = "一、总体情况。本年度依法做好政府信息公开工作。"
    text = text.replace("一、总体情况\n本年度依法做好政府信息公开工作。", run_in)
    text = text.replace("五、存在的主要问题及改进情况", "五、政府信息公开工作存在的主要问题及改进情况")
    report = _read(text, tmp_path)
    assert report.body == "示例县人民政府"
    assert report.year == 2023
    assert report.overview == ["本年度依法做好政府信息公开工作。"]
    assert report.problems == ["问题是有的。"]


def test_parts_numbered_in_brackets(tmp_path: Path) -> None:
    text = _minimal_text()
    for heading in ("一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"):
        text = text.replace(f"\n{heading}\n", f"\n（{heading[0]}）{heading[2:]}\n")
    assert "\n（六）其他需要报告的事项\n" in text
    report = _read(text, tmp_path)
    assert report.other_matters == ["本年度未收取信息处理费。"]
    assert report.applications is not None
    assert report.applications.table is not None
    assert report.applications.table.new == (6, 4, 0, 0, 2, 0, 12)


def test_a_free_form_report_before_2019_reads_as_its_sections() -> None:
    read = govreport.load(Path(__file__).parent / "data" / "keyuan-2016.txt")
    typed = govreport.load(FIXTURES / "keyuan-2016.yaml")
    assert read.edition.value == "legacy"
    assert read.level is not None
    assert read.level.value == "乡镇街道"  # …街道办事处
    assert [s.heading for s in read.sections] == [s.heading for s in typed.sections]
    # every sentence of the typed sections is in the same section of the read report
    for got, want in zip(read.sections, typed.sections, strict=True):
        got_text = "".join(str(b) for b in got.content)
        for block in want.content:
            if isinstance(block, str):
                assert block in got_text or all(part in got_text for part in block.split("。") if part)
