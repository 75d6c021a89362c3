"""Requests for different people at once, in different languages, never mix; renders run in the
warmed worker pool."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import httpx
from fastapi.testclient import TestClient

from govreport.serve.app import create_app
from serve_helpers import HOST, report_data


def _wrong_report() -> dict[str, object]:
    report = report_data()
    report["applications"]["table"]["本年新收"][6] = 15  # type: ignore[index]
    report["review_litigation"]["table"]["行政复议"][4] = 9  # type: ignore[index]
    return report


def test_two_clients_at_once_each_get_their_language(tmp_path: Path) -> None:
    app = create_app(tmp_path)
    report = _wrong_report()

    async def run() -> list[tuple[str, list[str]]]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=HOST) as client:

            async def one(lang: str) -> tuple[str, list[str]]:
                response = await client.post(f"/api/check?lang={lang}", json={"report": report})
                assert response.status_code == 200
                return lang, [f["message"] for f in response.json()["findings"]]

            return await asyncio.gather(*(one("zh" if i % 2 else "en") for i in range(40)))

    results = asyncio.run(run())
    assert len(results) == 40
    for lang, messages in results:
        assert len(messages) == 3
        for message in messages:
            if lang == "zh":
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
