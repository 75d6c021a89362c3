"""What keeps other pages and other machines from driving a clerk's server: the Host check (DNS
rebinding), cross-site writes, the token, size limits — and the command's refusal to listen beyond
this machine without a token."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from govreport.cli import app as cli_app
from govreport.serve.app import allowed_hosts, create_app
from serve_helpers import HOST, report_data


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    with TestClient(create_app(tmp_path, max_body=64 * 1024), base_url=HOST) as c:
        yield c


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "192.168.1.9"])
def test_a_foreign_host_header_is_refused(client: TestClient, host: str) -> None:
    response = client.get("/api/drafts", headers={"Host": host})
    assert response.status_code == 421
    assert response.json()["problems"][0]["code"] == "host"


@pytest.mark.parametrize("host", ["127.0.0.1:8000", "localhost:8000", "[::1]:8000", "LOCALHOST"])
def test_the_servers_own_names_are_accepted(client: TestClient, host: str) -> None:
    assert client.get("/api/drafts", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "http://127.0.0.1:9999"},  # another local service is another origin
        {"Origin": "null"},  # sandboxed frames, file:// pages
        {"Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
    ],
)
def test_cross_site_writes_are_refused(client: TestClient, headers: dict[str, str]) -> None:
    for method, url, body in [
        ("POST", "/api/check", {"report": report_data()}),
        ("POST", "/api/drafts", {"content": {}}),
    ]:
        response = client.request(method, url, json=body, headers=headers)
        assert response.status_code == 403, (headers, url)
        assert response.json()["problems"][0]["code"] == "cross-site"
    assert client.get("/api/drafts").json() == []  # nothing was created


def test_same_origin_writes_and_clients_without_origin_are_accepted(client: TestClient) -> None:
    same = {"Origin": HOST, "Sec-Fetch-Site": "same-origin"}
    assert client.post("/api/drafts", json={"content": {}}, headers=same).status_code == 201
    assert client.post("/api/drafts", json={"content": {}}).status_code == 201  # curl, a portal's back end


def test_a_body_over_the_limit_is_refused(client: TestClient) -> None:
    big = {"report": {"body": "甲" * 40_000, "year": 2023}}
    response = client.post("/api/check", json=big)
    assert response.status_code == 413
    assert response.json()["problems"][0]["code"] == "too-large"


def test_a_body_over_the_limit_without_a_length_is_refused(client: TestClient) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"report": {"body": "'
        for _i in range(100):
            yield b"x" * 1024
        yield b'"}}'

    response = client.post("/api/check", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


def test_an_upload_over_the_limit_is_refused(client: TestClient) -> None:
    response = client.post("/api/import", files={"file": ("big.yaml", b"# " + b"x" * 70_000)})
    assert response.status_code == 413


# --- the token --------------------------------------------------------------------------------------


@pytest.fixture
def guarded(tmp_path: Path) -> Iterator[TestClient]:
    app = create_app(tmp_path, token="s3cret-token", hosts=("127.0.0.1", "intranet.example"))
    with TestClient(app, base_url="http://intranet.example") as c:
        yield c


def test_without_the_token_nothing_but_static_files(guarded: TestClient) -> None:
    assert guarded.get("/api/drafts").status_code == 401
    assert guarded.get("/").status_code == 401
    assert guarded.get("/api/drafts", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert guarded.get("/static/app.css").status_code == 200


def test_the_token_as_bearer_or_as_cookie(guarded: TestClient) -> None:
    assert guarded.get("/api/drafts", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200
    first = guarded.get("/?token=s3cret-token", follow_redirects=False)
    assert first.status_code == 303
    assert first.headers["location"] == "/"
    assert "govreport_token=s3cret-token" in first.headers["set-cookie"]
    assert "httponly" in first.headers["set-cookie"].lower()
    assert guarded.get("/").status_code == 200  # the cookie now carries it
    assert guarded.post("/api/drafts", json={"content": {}}).status_code == 201


def test_the_token_in_a_query_is_not_accepted_for_writes(tmp_path: Path) -> None:
    with TestClient(create_app(tmp_path, token="t0ken"), base_url=HOST) as c:
        assert c.post("/api/drafts?token=t0ken", json={"content": {}}).status_code == 401


# --- the command --------------------------------------------------------------------------------------


runner = CliRunner()


def test_serve_refuses_another_host_without_a_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREPORT_TOKEN", raising=False)
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda *a, **k: started.append((a, k)))
    result = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path)])
    assert result.exit_code == 2
    assert "--token" in result.output
    assert "GOVREPORT_TOKEN" in result.output
    assert started == []


def test_serve_takes_the_token_from_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **k: started.append((app, k)))
    monkeypatch.setenv("GOVREPORT_TOKEN", "from-env")
    result = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0", "--port", "8123", "--data", str(tmp_path),
                                     "--workers", "0", "--allow-host", "reports.intranet"])
    assert result.exit_code == 0, result.output
    assert "需要访问令牌" in result.output  # said at start
    (app, kwargs), = started
    assert (kwargs["host"], kwargs["port"]) == ("0.0.0.0", 8123)
    assert app.token == "from-env"
    assert "reports.intranet" in app.hosts


def test_serve_on_loopback_needs_no_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVREPORT_TOKEN", raising=False)
    started: list[Any] = []
    monkeypatch.setattr("uvicorn.run", lambda app, **k: started.append((app, k)))
    result = runner.invoke(cli_app, ["serve", "--data", str(tmp_path), "--workers", "0"])
    assert result.exit_code == 0, result.output
    (app, kwargs), = started
    assert kwargs["host"] == "127.0.0.1"
    assert app.token is None
    assert set(app.hosts) == {"127.0.0.1", "localhost", "::1"}


def test_allowed_hosts() -> None:
    assert set(allowed_hosts("127.0.0.1")) == {"127.0.0.1", "localhost", "::1"}
    assert "10.0.0.5" in allowed_hosts("10.0.0.5")
    assert "evil.example" not in allowed_hosts("0.0.0.0")


def test_websockets_are_refused(client: TestClient) -> None:
    from starlette.websockets import WebSocketDisconnect

    with pytest.raises(WebSocketDisconnect), client.websocket_connect("/api/check") as ws:
        ws.receive_text()
