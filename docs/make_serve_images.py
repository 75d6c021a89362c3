"""Screenshots of the real page for docs/serve.md (docs/img/serve-*.png), taken with Playwright driving
Debian's chromium:

    .venv/bin/python docs/make_serve_images.py
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from serve_helpers import ROW_NEW, Server  # noqa: E402

OUT = ROOT / "docs" / "img"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        server = Server(Path(tmp), "--workers", "0").start()
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
                page = browser.new_page(viewport={"width": 1200, "height": 760}, device_scale_factor=1)
                page.goto(server.url + "/")
                page.click("#create")
                page.wait_for_url(re.compile(r"/edit/"))
                page.fill("#field-body", "示例县人民政府")
                page.fill("#field-year", "2024")
                expect(page.locator("#save-status")).to_have_class(re.compile(r"\bok\b"))
                page.goto(server.url + "/")
                page.screenshot(path=str(OUT / "serve-drafts.png"))
                page.click("#draft-list a")
                page.wait_for_url(re.compile(r"/edit/"))
                cells = 'input.cell[data-table="表三"][data-row="{row}"][data-col="{col}"]'
                page.fill(cells.format(row=ROW_NEW, col="自然人"), "10")
                page.fill(cells.format(row=ROW_NEW, col="商业企业"), "2")
                page.fill(cells.format(row=ROW_NEW, col="总计"), "13")
                expect(page.locator(cells.format(row=ROW_NEW, col="总计"))).to_have_class(re.compile("error"))
                page.evaluate("window.scrollTo(0, 0)")
                page.screenshot(path=str(OUT / "serve-form.png"))
                page.evaluate("""() => {
                    const s = document.querySelector('section[data-section="三、收到和处理政府信息公开申请情况"]');
                    const bar = document.getElementById("toolbar").offsetHeight;
                    window.scrollTo(0, s.getBoundingClientRect().top + window.scrollY - bar - 8);
                }""")
                page.locator(cells.format(row=ROW_NEW, col="总计")).hover()
                page.screenshot(path=str(OUT / "serve-table3.png"))
                browser.close()
        finally:
            server.stop()
    print("wrote", ", ".join(sorted(p.name for p in OUT.glob("serve-*.png"))))


if __name__ == "__main__":
    main()
