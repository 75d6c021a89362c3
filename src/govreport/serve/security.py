"""What stands between the server and a hostile page or network: one ASGI middleware.

* **Host** (DNS rebinding): a request whose ``Host`` header is not one of the server's own names is
  refused (421). A page on ``evil.example`` that rebinds its name to 127.0.0.1 sends
  ``Host: evil.example``.
* **Cross-site writes**: a POST/PUT/DELETE whose ``Origin`` is not the server's own, whose
  ``Origin`` is ``null``, or that a browser marks ``Sec-Fetch-Site: cross-site``/``same-site`` is
  refused (403). Browsers send these headers on every cross-origin write and pages cannot forge them;
  clients that are not browsers (curl, a portal's back end) send none and are judged by the token.
* **Token**: when the server has one (required on any host but loopback), every request but the
  static assets must carry it: ``Authorization: Bearer …``, or the cookie set when the page is first
  opened with ``?token=…``.
* **Size**: a body larger than ``max_body`` bytes is refused (413), whether or not it says its length.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import parse_qs, urlsplit

from govreport.errors import Problem
from govreport.i18n import _

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "govreport_token"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
_UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def host_name(value: str) -> str:
    """``example.org:8000`` → ``example.org``; ``[::1]:8000`` → ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1 : value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _cookie(header: str, name: str) -> str | None:
    for part in header.split(";"):
        key, _sep, val = part.strip().partition("=")
        if key == name:
            return val
    return None


class Guard:
    def __init__(self, app: ASGIApp, *, hosts: Iterable[str], token: str | None, max_body: int) -> None:
        self.app = app
        self.hosts = frozenset(h.lower() for h in hosts)
        self.token = token
        self.max_body = max_body

    async def _refuse(self, send: Send, status: int, code: str, message: str) -> None:
        body = json.dumps({"problems": [Problem(message, code).as_dict()]}, ensure_ascii=False).encode("utf-8")
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json; charset=utf-8"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})

    def _token_given(self, scope: Scope, headers: dict[str, str]) -> bool:
        assert self.token is not None
        given: list[str] = []
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer "):
            given.append(auth[7:].strip())
        cookie = _cookie(headers.get("cookie", ""), TOKEN_COOKIE)
        if cookie:
            given.append(cookie)
        if scope.get("method") == "GET":
            given += parse_qs(scope.get("query_string", b"").decode("latin-1")).get("token", [])
        expected = self.token.encode("utf-8")
        return any(hmac.compare_digest(g.encode("utf-8"), expected) for g in given)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self.app(scope, receive, send)
            return
        if scope["type"] != "http":  # no WebSocket endpoint: refused before the application sees it
            await send({"type": "websocket.close", "code": 1008})
            return
        headers = _headers(scope)
        host = headers.get("host", "")
        if host_name(host) not in self.hosts:
            await self._refuse(send, 421, "host", _("主机名 {host} 不是本服务的地址").format(host=host[:100]))
            return
        if scope.get("method") in _UNSAFE:
            origin = headers.get("origin")
            site = headers.get("sec-fetch-site", "")
            cross = site in ("cross-site", "same-site")
            if origin is not None:
                parts = urlsplit(origin)
                cross = cross or origin == "null" or parts.netloc.lower() != host.lower()
            if cross:
                await self._refuse(send, 403, "cross-site", _("拒绝来自其他网站的写请求"))
                return
        path = scope.get("path", "")
        if self.token is not None and not path.startswith("/static/") and not self._token_given(scope, headers):
            await self._refuse(send, 401, "token", _("需要访问令牌（启动服务时给出的 --token）"))
            return
        length = headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await self._refuse(send, 413, "too-large", _("请求过大（上限 {max} 字节）").format(max=self.max_body))
            return

        # The whole body is read here, before the application sees it, so that a body over the limit
        # is refused whether or not it declared its length.
        chunks: list[bytes] = []
        received = 0
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            received += len(chunk)
            if received > self.max_body:
                await self._refuse(send, 413, "too-large", _("请求过大（上限 {max} 字节）").format(max=self.max_body))
                return
            chunks.append(chunk)
            more = bool(message.get("more_body", False))
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
