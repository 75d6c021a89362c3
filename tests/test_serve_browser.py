"""End to end in a real browser (Playwright driving Debian's chromium, never a downloaded one): a clerk
opens the page, gets 表三 wrong and sees it at the cell, fixes it, pastes a block copied from Excel,
downloads the PDF (valid PDF/A) — and the server is killed mid-edit and the draft comes back."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

pytest.importorskip("fastapi")
pytest.importorskip("playwright.sync_api")
from playwright import sync_api
from playwright.sync_api import Page, expect

from govreport.renderers.pdf.archival import structural_problems
from serve_helpers import ROW_NEW, Server

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
# 表三's labels, verbatim from the 〔2021〕30号 template
ROW_DISCLOSED = "（一）予以公开"
ROW_TOTAL = "（七）总计"

expect.set_options(timeout=20_000)  # a waiting time, not an assertion about speed: CI machines are busy

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (scripts/setup.sh)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    s = Server(tmp_path / "data", "--workers", "1").start()
    yield s
    s.stop()


def cell(page: Page, table: str, row: str, column: str) -> Any:
    return page.locator(f'input.cell[data-table="{table}"][data-row="{row}"][data-col="{column}"]')


def new_draft(page: Page, url: str) -> str:
    page.goto(url + "/")
    page.click("#create")
    page.wait_for_url(re.compile(r"/edit/[0-9a-f]{32}$"))
    expect(page.locator("#summary-line")).not_to_have_text(re.compile("正在校验"))
    return page.url.rsplit("/", 1)[1]


def paste(page: Page, target: Any, text: str) -> None:
    """What the browser does when the clerk presses Ctrl+V with cells copied from Excel (tab-separated
    rows on the clipboard)."""
    target.focus()
    target.evaluate(
        """(el, text) => {
            const data = new DataTransfer();
            data.setData("text/plain", text);
            el.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def wait_saved(page: Page) -> None:
    """Until everything typed so far is saved on the server (the page drops ``data-pending`` then)."""
    expect(page.locator("#save-status:not([data-pending])")).to_have_class(re.compile(r"\bok\b"))


def test_a_clerk_fills_table_3_sees_the_error_fixes_it_and_downloads_pdfa(browser: Any, server: Server) -> None:
    page = browser.new_page(accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    new_draft(page, server.url)

    # A row whose 总计 is wrong: 3 + 1 ≠ 5.
    cell(page, "表三", ROW_NEW, "自然人").fill("3")
    cell(page, "表三", ROW_NEW, "商业企业").fill("1")
    total = cell(page, "表三", ROW_NEW, "总计")
    total.fill("5")
    expect(total).to_have_class(re.compile(r"\berror\b"))
    near = page.locator('ul.findings[data-for-table="表三"] li[data-code="T3-ROW-TOTAL"]')
    expect(near).to_have_count(1)
    expect(near).to_contain_text(ROW_NEW)
    expect(page.locator("#summary-line")).to_have_class("error")
    # 一 + 二 ≠ （七） + 四 in the 总计 column: shown at the column's header, not at every cell of it
    head = page.locator('table.grid[data-table="表三"] th', has_text=re.compile("^总计$"))
    expect(head).to_have_class(re.compile(r"\berror\b"))
    expect(cell(page, "表三", "二、上年结转政府信息公开申请数量", "总计")).not_to_have_class(re.compile("error"))
    expect(page.locator("#summary-line")).to_contain_text("个错误")

    total.fill("4")
    expect(near).to_have_count(0)

    # The results, pasted as a block copied from Excel: （一）予以公开 and the next row, then （七）总计.
    paste(page, cell(page, "表三", ROW_DISCLOSED, "自然人"), "3\t1\t0\t0\t0\t0\t4\r\n0\t0\t0\t0\t0\t0\t0\r\n")
    expect(cell(page, "表三", ROW_DISCLOSED, "总计")).to_have_value("4")
    expect(cell(page, "表三", ROW_DISCLOSED, "商业企业")).to_have_value("1")
    paste(page, cell(page, "表三", ROW_TOTAL, "自然人"), "3\t1\t0\t0\t0\t0\t4")
    expect(cell(page, "表三", ROW_TOTAL, "总计")).to_have_value("4")
    expect(page.locator("#summary-line")).not_to_have_class("error")
    expect(page.locator("ul.findings li.error")).to_have_count(0)

    # Keyboard: Enter goes down a row, ArrowRight to the next column.
    cell(page, "表三", ROW_NEW, "自然人").focus()
    page.keyboard.press("Enter")
    expect(cell(page, "表三", "二、上年结转政府信息公开申请数量", "自然人")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(cell(page, "表三", "二、上年结转政府信息公开申请数量", "商业企业")).to_be_focused()

    with page.expect_download() as info:
        page.click('[data-download="pdf"]')
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    data = Path(download.path()).read_bytes()
    assert data.startswith(b"%PDF-")
    with pikepdf.open(io.BytesIO(data)) as pdf:
        meta = pdf.open_metadata()
        assert (meta["pdfaid:part"], meta["pdfaid:conformance"]) == ("2", "B")
    assert structural_problems(data, "pdf/a-2b", "zh-CN") == []
    for fmt, magic in (("docx", b"PK"), ("html", b"<!")):
        with page.expect_download() as info:
            page.click(f'[data-download="{fmt}"]')
        assert Path(info.value.path()).read_bytes().lstrip()[:2].upper() == magic.upper()
    assert errors == []
    page.close()


def test_the_draft_survives_a_killed_server(browser: Any, tmp_path: Path) -> None:
    first = Server(tmp_path / "data", "--workers", "0").start()
    page = browser.new_page()
    try:
        draft = new_draft(page, first.url)
        page.fill("#field-body", "测试县人民政府")
        cell(page, "表三", ROW_NEW, "自然人").fill("7")
        wait_saved(page)
        first.kill()  # kill -9 with the page open
    finally:
        first.stop()
    second = Server(tmp_path / "data", "--workers", "0").start()
    try:
        page.goto(f"{second.url}/edit/{draft}")
        expect(page.locator("#field-body")).to_have_value("测试县人民政府")
        expect(cell(page, "表三", ROW_NEW, "自然人")).to_have_value("7")
        page.goto(second.url + "/")
        expect(page.locator("#draft-list")).to_contain_text("测试县人民政府")
    finally:
        page.close()
        second.stop()


def test_the_page_in_english(browser: Any, server: Server) -> None:
    page = browser.new_page()
    page.goto(server.url + "/?lang=en")
    expect(page.locator("#create")).to_have_text("New report")
    page.click("#create")
    page.wait_for_url(re.compile(r"/edit/"))
    cell(page, "表三", ROW_NEW, "总计").fill("99")
    near = page.locator('ul.findings[data-for-table="表三"] li[data-code="T3-ROW-TOTAL"]')
    expect(near).to_contain_text("Table 3")
    page.close()


def test_start_from_last_year_restore_a_version_and_computed_totals(browser: Any, server: Server) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server.url + "/")
    last_year = Path(__file__).resolve().parents[1] / "fixtures" / "minimal-gb2021.yaml"
    page.set_input_files("#from-last-year", str(last_year))
    page.wait_for_url(re.compile(r"/edit/[0-9a-f]{32}$"))
    expect(page.locator("#field-year")).to_have_value("2024")
    expect(page.locator("#field-body")).to_have_value("示例县人民政府")
    expect(page.locator("#previous-status")).to_contain_text("2023")
    carried = "二、上年结转政府信息公开申请数量"
    expect(cell(page, "表三", carried, "自然人")).to_have_value("2")  # last year's 结转下年度
    expect(cell(page, "表三", ROW_NEW, "自然人")).to_have_value("")

    # A total left blank is shown as the other cells make it, and not written into the report.
    cell(page, "表三", ROW_NEW, "自然人").fill("6")
    cell(page, "表三", ROW_NEW, "商业企业").fill("3")
    total = cell(page, "表三", ROW_NEW, "总计")
    expect(total).to_have_attribute("placeholder", "9")
    expect(total).to_have_class(re.compile(r"\bcomputed\b"))
    expect(total).to_have_value("")
    wait_saved(page)

    # An earlier version comes back (as the newest one).
    version = int(page.locator("#save-status").get_attribute("data-version") or "0")
    assert version >= 2
    page.locator("#history").focus()
    expect(page.locator("#history option")).to_have_count(version + 1)
    page.locator("#history").select_option(str(1))
    page.wait_for_load_state("load")
    expect(cell(page, "表三", ROW_NEW, "自然人")).to_have_value("")
    expect(page.locator("#field-year")).to_have_value("2024")
    assert errors == []
    page.close()


def test_paragraphs_sub_headings_and_the_pdf_preview(browser: Any, server: Server) -> None:
    import httpx

    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    draft = new_draft(page, server.url)
    section = page.locator('section[data-section="五、存在的主要问题及改进情况"]')
    for button in section.locator("button.remove").all()[::-1]:
        button.click()  # the template's placeholder text
    section.locator('[data-add="h"]').click()
    page.keyboard.type("存在的问题")
    section.locator('[data-add="p"]').click()
    page.keyboard.type("政策解读形式不够丰富。")
    section.locator('[data-add="h"]').click()
    page.keyboard.type("改进措施")
    section.locator("select").nth(1).select_option("3")  # 1. under the first （一）
    section.locator('[data-add="p"]').click()
    page.keyboard.type("推出图解和视频解读。")
    wait_saved(page)
    saved = httpx.get(f"{server.url}/api/drafts/{draft}").json()["content"]["report"]["problems"]
    assert saved == [
        {
            "heading": "存在的问题",
            "content": ["政策解读形式不够丰富。", {"heading": "改进措施", "content": ["推出图解和视频解读。"]}],
        },
    ]

    with page.expect_response(lambda r: "/api/render/pdf" in r.url) as rendered:
        page.click("#preview")
    assert rendered.value.status == 200, rendered.value.text()
    assert rendered.value.header_value("content-type") == "application/pdf"
    expect(page.locator("#preview-card")).to_be_visible()
    expect(page.locator("#preview-frame")).to_have_attribute("src", re.compile(r"^blob:"))
    assert errors == []
    page.close()
