"""govreport import (an editable report file from any document) and the audit form of govreport check
(a folder of reports in any format: one row per report, unreadable files as rows)."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import govreport
from _statutory import FIXTURES
from govreport.cli import app
from govreport.readers import to_yaml
from govreport.readers.audit import audit, summary

FOREIGN = FIXTURES / "foreign"
runner = CliRunner()


@pytest.mark.parametrize(
    "name", ["qinghe-nature-2023.pdf", "huaian-city-2024.txt", "liuxi-town-2023.html", "qinghe-county-2023.docx"]
)
def test_import_gives_the_same_model(name: str, tmp_path: Path) -> None:
    out = tmp_path / "report.yaml"
    result = runner.invoke(app, ["import", str(FOREIGN / name), "-o", str(out)])
    assert result.exit_code == 0, result.output
    read = govreport.load(FOREIGN / name)
    assert govreport.load(out).model_dump() == read.model_dump()


def test_import_lists_what_was_corrected(tmp_path: Path) -> None:
    text = to_yaml(govreport.load(FOREIGN / "qinghe-nature-2023.docx"), source="x.docx")
    tail = text.split("读入时推断或纠正的内容", 1)[1]
    assert "READ-CORRECTED" in tail
    assert "2.其他法律行政止公开" in tail
    # the same shape and comments as govreport new
    assert "本年新收: [80, 15, 0, 0, 0, 0, 95]" in text
    assert "# 一、本年新收政府信息公开申请数量" in text
    assert '行政事业性收费: "88.5"' in text


def test_import_refuses_to_overwrite(tmp_path: Path) -> None:
    out = tmp_path / "report.yaml"
    out.write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["import", str(FOREIGN / "huaian-city-2024.txt"), "-o", str(out)])
    assert result.exit_code == 2
    assert out.read_text(encoding="utf-8") == "x"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in [
        "qinghe-county-2023.pdf",
        "qinghe-county-2022.docx",
        "qinghe-nature-2023.docx",
        "liuxi-town-2023.html",
    ]:
        shutil.copy(FOREIGN / name, folder / name)
    (folder / "sub").mkdir()
    shutil.copy(FIXTURES / "minimal-gb2021.yaml", folder / "sub" / "minimal.yaml")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing here")
    (folder / "notes.txt").write_text("会议纪要\n今天开会。\n", encoding="utf-8")
    return folder


def test_audit_rows_and_summary(tmp_path: Path) -> None:
    rows = audit([_folder(tmp_path)], base=tmp_path / "reports")
    by_file = {r.file: r for r in rows}
    assert set(by_file) == {
        "qinghe-county-2023.pdf",
        "qinghe-county-2022.docx",
        "qinghe-nature-2023.docx",
        "liuxi-town-2023.html",
        "sub/minimal.yaml",
        "broken.pdf",
        "notes.txt",
    }
    assert by_file["qinghe-county-2023.pdf"].status == "ok"
    # last year's report in the same folder is found and used for the cross-year checks
    assert by_file["qinghe-county-2023.pdf"].previous == "qinghe-county-2022.docx"
    assert by_file["qinghe-nature-2023.docx"].status == "errors"
    assert "T4-GROUP-TOTAL" in by_file["qinghe-nature-2023.docx"].codes
    assert by_file["liuxi-town-2023.html"].edition == "gb2021"
    assert {"TABLE-EDITION", "T3-OLD-FORMAT"} <= set(by_file["liuxi-town-2023.html"].codes)
    assert by_file["broken.pdf"].status == "unreadable"
    assert by_file["notes.txt"].status == "unreadable"
    assert "未找到报告标题" in (by_file["notes.txt"].reason or "")
    s = summary(rows)
    assert (s["files"], s["read"], s["unreadable"], s["with_errors"]) == (7, 5, 2, 2)


def test_check_folder_csv_and_json(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    result = runner.invoke(app, ["check", str(folder), "--format", "csv"])
    assert result.exit_code == 1  # some reports have errors
    table = list(csv.DictReader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert len(table) == 7
    nature = next(r for r in table if r["file"] == "qinghe-nature-2023.docx")
    assert nature["body"] == "青禾县自然资源局"
    assert nature["year"] == "2023"
    assert "NARRATIVE-MISMATCH" in nature["codes"].split()
    result = runner.invoke(
        app, ["check", str(folder / "qinghe-county-2023.pdf"), str(folder / "broken.pdf"), "--format", "json"]
    )
    payload = json.loads(result.stdout)
    assert [r["status"] for r in payload["reports"]] == ["ok", "unreadable"]
    assert payload["summary"]["unreadable"] == 1


def test_check_folder_text(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_folder(tmp_path))], env={"COLUMNS": "200"})
    assert "Traceback" not in result.output
    assert "共 7 个文件：读入 5 个" in result.stdout


def test_previous_of_another_body_is_a_warning(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "check",
            str(FOREIGN / "qinghe-county-2023.docx"),
            "--previous",
            str(FOREIGN / "liuxi-town-2023.html"),
            "--format",
            "json",
        ],
    )
    payload = json.loads(result.stdout)
    assert "PREVIOUS-MISMATCH" in {f["code"] for f in payload["findings"]}


def test_check_a_pdf_and_exit_codes() -> None:
    assert runner.invoke(app, ["check", str(FOREIGN / "qinghe-county-2023.pdf")]).exit_code == 0
    assert runner.invoke(app, ["check", str(FOREIGN / "qinghe-nature-2023.pdf")]).exit_code == 1
