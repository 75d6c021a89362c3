"""Requests for different people at once, in different languages, never mix; renders run in the
warmed worker pool."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import httpx
from fastapi.testclient import TestClient

from govreport.serve.app import create_app
from serve_helpers import HOST, ROOT, report_data


def _wrong_report() -> dict[str, object]:
    report = report_data()
    report["applications"]["table"]["本年新收"][6] = 15  # type: ignore[index]
    report["review_litigation"]["table"]["行政复议"][4] = 9  # type: ignore[index]
    return report


def test_two_clients_at_once_each_get_their_language(tmp_path: Path) -> None:
    """Checks (on the event loop) and imports (in threads of the pool) for a Chinese and an English
    client at once: every message is in its client's language."""
    app = create_app(tmp_path)
    report = _wrong_report()
    broken = (ROOT / "fixtures" / "invalid" / "input-missing-body.yaml").read_bytes()

    async def run() -> list[tuple[str, str, list[str]]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=HOST) as client:

            async def check(lang: str) -> tuple[str, str, list[str]]:
                response = await client.post(f"/api/check?lang={lang}", json={"report": report})
                assert response.status_code == 200
                return "check", lang, [f["message"] for f in response.json()["findings"]]

            async def upload(lang: str) -> tuple[str, str, list[str]]:
                response = await client.post(f"/api/import?lang={lang}", files={"file": ("x.yaml", broken)})
                assert response.status_code == 422
                return "import", lang, [p["text"] for p in response.json()["problems"]]

            jobs = [job("zh" if i % 2 else "en") for i in range(150) for job in (check, upload)]
            return await asyncio.gather(*jobs)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch as often as possible: any shared language state would show
    try:
        results = asyncio.run(run())
    finally:
        sys.setswitchinterval(interval)
    assert len(results) == 300
    for kind, lang, messages in results:
        assert messages
        for message in messages:
            if kind == "import":
                expected = "发布机关：缺少必填字段" if lang == "zh" else "body: required field missing"
                assert expected in message, (lang, message)
            elif lang == "zh":
                assert message.startswith("表"), message
            else:
                assert message.startswith("Table"), message


def test_renders_run_in_the_warmed_process_pool(tmp_path: Path) -> None:
    app = create_app(tmp_path, workers=1)
    with TestClient(app, base_url=HOST) as client:
        pool = app.app.state.pool  # the FastAPI app inside the guard
        assert pool._pool is not None  # started and warmed by the lifespan, before the first request
        html = client.post("/api/render/html?lang=en", json={"report": report_data()})
        assert html.status_code == 200
        assert "示例县人民政府" in html.text
        pdf = client.post("/api/render/pdf", json={"report": report_data()})
        assert pdf.content.startswith(b"%PDF-")


def test_a_killed_render_worker_is_replaced(tmp_path: Path) -> None:
    import os
    import signal

    app = create_app(tmp_path, workers=1)
    with TestClient(app, base_url=HOST) as client:
        pool = app.app.state.pool._pool
        for pid in list(pool._processes):
            os.kill(pid, signal.SIGKILL)  # out of memory, or an administrator's kill
        html = client.post("/api/render/html", json={"report": report_data()})
        assert html.status_code == 200
        assert "示例县人民政府" in html.text
