"""The HTTP API of govreport serve, through the framework's test client."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient

from govreport.renderers.pdf.archival import structural_problems
from govreport.serve.app import create_app
from serve_helpers import HOST, ROW_NEW, report_data


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path / "data"), base_url=HOST) as c:
        yield c


def _findings(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.text
    return list(response.json()["findings"])


# --- check ----------------------------------------------------------------------------------------


def test_a_correct_report_has_no_findings(client: TestClient) -> None:
    body = client.post("/api/check", json={"report": report_data()}).json()
    assert (body["errors"], body["warnings"], body["findings"]) == (0, 0, [])


def test_a_wrong_total_is_found_at_its_cell(client: TestClient) -> None:
    report = report_data()
    report["applications"]["table"]["本年新收"][6] = 15  # 10 + 2 = 12 applicants
    findings = _findings(client.post("/api/check", json={"report": report}))
    row_total = [f for f in findings if f["code"] == "T3-ROW-TOTAL"]
    assert len(row_total) == 1
    assert row_total[0]["severity"] == "error"
    assert row_total[0]["location"]["table"] == "表三"
    assert row_total[0]["location"]["row"] == ROW_NEW
    assert row_total[0]["location"]["column"] == "总计"
    assert "15" in row_total[0]["message"]
    assert "12" in row_total[0]["message"]


def test_findings_come_in_the_language_asked_for(client: TestClient) -> None:
    report = report_data()
    report["applications"]["table"]["本年新收"][6] = 15
    zh = _findings(client.post("/api/check", json={"report": report}))
    en = _findings(client.post("/api/check?lang=en", json={"report": report}))
    header = _findings(client.post("/api/check", json={"report": report}, headers={"Accept-Language": "en-GB,en"}))
    assert zh[0]["message"].startswith("表三「")
    assert en[0]["message"].startswith("Table 3")
    assert header[0]["message"] == en[0]["message"]


def test_cross_year_check_uses_previous(client: TestClient) -> None:
    report = report_data()
    previous = report_data()
    previous["year"] = 2022
    previous["applications"]["table"]["结转下年度"] = [5, 0, 0, 0, 0, 0, 5]  # this year carried over 1
    findings = _findings(client.post("/api/check", json={"report": report, "previous": previous}))
    assert "CARRYOVER-MISMATCH" in {f["code"] for f in findings}


def test_a_blank_total_is_given_as_computed(client: TestClient) -> None:
    report = report_data()
    report["applications"]["table"]["本年新收"] = [10, 2, None, None, None, None, None]
    report["review_litigation"]["table"]["行政复议"] = [1, 0, 1, 0, None]
    body = client.post("/api/check", json={"report": report}).json()
    assert body["computed"]["applications.table.new.6"] == 12
    assert body["computed"]["review_litigation.table.review.4"] == 2
    assert "applications.table.carried_over.6" not in body["computed"]  # given, so not computed


def test_a_report_that_cannot_be_read_gets_422_with_problems(client: TestClient) -> None:
    report = report_data()
    del report["body"]
    response = client.post("/api/check", json={"report": report})
    assert response.status_code == 422
    problems = response.json()["problems"]
    assert problems
    assert {"code", "message", "source", "line", "column", "path", "text"} <= set(problems[0])
    assert problems[0]["code"] == "missing"
    assert problems[0]["path"] == "发布机关"
    assert "发布机关" in problems[0]["text"]
    assert "Traceback" not in response.text


@pytest.mark.parametrize(
    "body",
    [b"", b"[1", b"null", b'"text"', b'{"report": 5}', b'{"report": {}, "extra": 1}', b"\xff\xfe"],
)
def test_malformed_bodies_get_422_never_500(client: TestClient, body: bytes) -> None:
    response = client.post("/api/check", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 422
    assert response.json()["problems"][0]["message"]


# --- render ---------------------------------------------------------------------------------------


def test_render_pdf_is_pdfa(client: TestClient) -> None:
    response = client.post("/api/render/pdf", json={"report": report_data()})
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "attachment" in response.headers["content-disposition"]
    data = response.content
    assert data.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
    assert structural_problems(data, "pdf/a-2b", "zh-CN") == []


def test_render_docx_and_html(client: TestClient) -> None:
    docx = client.post("/api/render/docx", json={"report": report_data()})
    assert docx.status_code == 200
    assert docx.content.startswith(b"PK")
    html = client.post("/api/render/html", json={"report": report_data()})
    assert html.status_code == 200
    assert "示例县人民政府2023年政府信息公开工作年度报告" in html.text


def test_render_refuses_a_report_with_errors_unless_forced(client: TestClient) -> None:
    report = report_data()
    report["applications"]["table"]["本年新收"][6] = 15
    refused = client.post("/api/render/html", json={"report": report})
    assert refused.status_code == 422
    assert refused.json()["problems"][0]["code"] == "report-errors"
    assert "T3-ROW-TOTAL" in {f["code"] for f in refused.json()["findings"]}
    assert client.post("/api/render/html", json={"report": report, "force": True}).status_code == 200


def test_unknown_format_is_422(client: TestClient) -> None:
    response = client.post("/api/render/exe", json={"report": report_data()})
    assert response.status_code == 422


# --- import ---------------------------------------------------------------------------------------


def test_import_yaml_and_json(client: TestClient) -> None:
    raw = (Path(__file__).resolve().parents[1] / "fixtures" / "minimal-gb2021.yaml").read_bytes()
    got = client.post("/api/import", files={"file": ("2023.yaml", raw)})
    assert got.status_code == 200
    report = got.json()["report"]
    assert (report["body"], report["year"], report["edition"]) == ("示例县人民政府", 2023, "gb2021")
    assert report["applications"]["table"]["new"] == [10, 2, 0, 0, 0, 0, 12]
    gbk = client.post("/api/import", files={"file": ("gbk.yaml", raw.decode("utf-8").encode("gb18030"))})
    assert gbk.json()["report"]["body"] == "示例县人民政府"


def test_import_reads_the_bytes_never_the_named_path(client: TestClient) -> None:
    # The file name is only a name: a report sent as "/etc/passwd.yaml" is read from the upload.
    raw = b"body: \xe7\x94\xb2\xe5\x8e\xbf\nyear: 2023\nedition: gb2021\n"
    got = client.post("/api/import", files={"file": ("../../../../etc/passwd.yaml", raw)})
    assert got.status_code == 200
    assert got.json()["report"]["body"] == "甲县"


@pytest.mark.parametrize(
    ("name", "raw"),
    [("x.exe", b"MZ\x90\x00"), ("x.yaml", b"- a\n- b\n"), ("x.yaml", b"a: [1"), ("x.json", b"\x00\x01\x02")],
)
def test_import_refuses_what_is_not_a_report(client: TestClient, name: str, raw: bytes) -> None:
    response = client.post("/api/import", files={"file": (name, raw)})
    assert response.status_code == 422
    assert response.json()["problems"][0]["message"]


def test_templates_load_as_reports(client: TestClient) -> None:
    for edition in ("gb2021", "gb2019", "legacy"):
        template = client.get(f"/api/templates/{edition}")
        assert template.status_code == 200
        assert client.post("/api/check", json={"report": template.json()}).json()["errors"] == 0


def test_schema_is_the_report_schema(client: TestClient) -> None:
    schema = client.get("/api/schema").json()
    assert {"body", "year", "applications"} <= set(schema["properties"])


# --- drafts ---------------------------------------------------------------------------------------


def test_drafts_keep_their_history(client: TestClient) -> None:
    created = client.post("/api/drafts", json={"name": "甲县2023", "content": {"report": {"year": 2023}}})
    assert created.status_code == 201
    draft = created.json()
    assert draft["version"] == 1
    url = f"/api/drafts/{draft['id']}"
    second = client.put(url, json={"content": {"report": {"year": 2023, "body": "甲县"}}}).json()
    assert second["version"] == 2
    same = client.put(url, json={"content": {"report": {"year": 2023, "body": "甲县"}}}).json()
    assert same["version"] == 2  # nothing changed: no new version
    assert client.get(url).json()["content"] == {"report": {"year": 2023, "body": "甲县"}}
    assert client.get(url, params={"version": 1}).json()["content"] == {"report": {"year": 2023}}
    assert [v["version"] for v in client.get(url + "/versions").json()] == [2, 1]
    assert [d["id"] for d in client.get("/api/drafts").json()] == [draft["id"]]


def test_a_stale_save_is_refused(client: TestClient) -> None:
    draft = client.post("/api/drafts", json={"content": {"a": 1}}).json()
    url = f"/api/drafts/{draft['id']}"
    assert client.put(url, json={"content": {"a": 2}, "base_version": 1}).status_code == 200
    stale = client.put(url, json={"content": {"a": 3}, "base_version": 1})
    assert stale.status_code == 409
    assert stale.json()["version"] == 2


@pytest.mark.parametrize("draft_id", ["0" * 32, "../../etc/passwd", "..", "x" * 32])
def test_unknown_drafts_are_404(client: TestClient, draft_id: str) -> None:
    response = client.get(f"/api/drafts/{draft_id}")
    assert response.status_code == 404


def test_delete_a_draft(client: TestClient) -> None:
    draft = client.post("/api/drafts", json={"content": {}}).json()
    assert client.delete(f"/api/drafts/{draft['id']}").status_code == 204
    assert client.get(f"/api/drafts/{draft['id']}").status_code == 404


# --- the page -------------------------------------------------------------------------------------


def test_the_page_has_every_cell_of_table_3(client: TestClient) -> None:
    template = client.get("/api/templates/gb2021").json()
    draft = client.post("/api/drafts", json={"content": {"report": template}}).json()
    page = client.get(f"/edit/{draft['id']}")
    assert page.status_code == 200
    html = page.text
    assert html.count('data-table="表三"') >= 25 * 7
    assert f'data-row="{ROW_NEW}"' in html
    assert "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" in html
    assert 'rowspan="22"' in html  # 三、本年度办理结果 spans its 22 rows in the 2021 form
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert "http://" not in html.replace(HOST, "")  # nothing fetched from elsewhere


def test_the_page_speaks_english(client: TestClient) -> None:
    assert "新建报告" in client.get("/").text
    assert "新建报告" in client.get("/", headers={"Accept-Language": "en-US,en"}).text  # Chinese first
    assert "New report" in client.get("/?lang=en").text


def test_static_files_only_from_the_package(client: TestClient) -> None:
    assert client.get("/static/app.js").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fstore.py", "/static//etc/passwd"):
        assert client.get(path).status_code == 404, path


def test_an_internal_error_is_500_without_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import govreport

    def broken(*_args: Any) -> None:
        raise RuntimeError("secret detail")

    monkeypatch.setattr(govreport, "check", broken)
    with TestClient(create_app(tmp_path), base_url=HOST, raise_server_exceptions=False) as client:
        response = client.post("/api/check", json={"report": report_data()})
    assert response.status_code == 500
    assert response.json()["problems"][0]["code"] == "internal"
    assert "Traceback" not in response.text
    assert "secret detail" not in response.text


def test_start_from_last_years_report(client: TestClient) -> None:
    raw = (Path(__file__).resolve().parents[1] / "fixtures" / "minimal-gb2021.yaml").read_bytes()
    got = client.post("/api/import?start=next-year", files={"file": ("2023.yaml", raw)})
    assert got.status_code == 200
    body = got.json()
    report, previous = body["report"], body["previous"]
    assert previous["year"] == 2023
    identity = (report["year"], report["edition"], report["body"], report["level"])
    assert identity == (2024, "gb2021", "示例县人民政府", "县级")
    assert "published" not in report
    # 二、上年结转 = last year's 四、结转下年度 [2, 0, 0, 0, 0, 0, 2]; every other cell is left to fill
    assert report["applications"]["table"] == {"carried_over": [2, 0, 0, 0, 0, 0, 2]}
    assert "table" not in report.get("review_litigation", {})
    assert report["overview"] == previous["overview"]
    checked = client.post("/api/check", json={"report": report, "previous": previous}).json()
    codes = {f["code"] for f in checked["findings"]}
    assert "CARRYOVER-MISMATCH" not in codes
    assert "REPEATED-TEXT" in codes  # the text is last year's until the clerk rewrites it


def test_a_draft_with_chinese_keys_opens_in_the_form(client: TestClient) -> None:
    report = {
        "版本": "gb2021", "发布机关": "乙县人民政府", "年度": 2023,
        "依申请公开": {"表三": {"本年新收": [1, 0, 0, 0, 0, 0, 1]}},
    }
    draft = client.post("/api/drafts", json={"content": {"report": report}}).json()
    html = client.get(f"/edit/{draft['id']}").text
    data = json.loads(html.split('<script type="application/json" id="draft-data">', 1)[1].split("</script>", 1)[0])
    assert data["report"]["body"] == "乙县人民政府"
    assert data["report"]["applications"]["table"]["new"] == [1, 0, 0, 0, 0, 0, 1]


def test_a_legacy_draft_has_no_statutory_grids(client: TestClient) -> None:
    raw = (Path(__file__).resolve().parents[1] / "fixtures" / "keyuan-2016.yaml").read_bytes()
    report = client.post("/api/import", files={"file": ("keyuan-2016.yaml", raw)}).json()["report"]
    draft = client.post("/api/drafts", json={"content": {"report": report}}).json()
    html = client.get(f"/edit/{draft['id']}").text
    assert 'id="legacy-note"' in html
    assert 'data-table="表三"' not in html


def test_import_an_excel_workbook(client: TestClient) -> None:
    # The upload goes to the readers: a workbook exported by govreport comes back as the same report.
    import govreport
    from govreport.workbook.export import export_workbook

    raw = export_workbook(govreport.load(Path(__file__).resolve().parents[1] / "fixtures" / "minimal-gb2021.yaml"))
    got = client.post("/api/import", files={"file": ("2023年报.xlsx", raw)})
    assert got.status_code == 200, got.text
    report = got.json()["report"]
    assert report["body"] == "示例县人民政府"
    assert report["applications"]["table"]["new"] == [10, 2, 0, 0, 0, 0, 12]
