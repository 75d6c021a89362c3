"""The only way WeasyPrint may read anything: a fetcher that serves a fixed list of URLs.

WeasyPrint's default fetcher reads ``file://`` URLs, the network, and follows redirects
(CVE-2025-68616 was an SSRF through redirects). Report text is escaped, so it never becomes markup;
but the stylesheet and every ``@font-face`` pass through here too, so the fetcher itself is locked:
it answers exactly the URLs it was built with (the resolved font files) and refuses everything else
— other files, ``data:``, ``http(s):``, even the allowed URLs with a query or ``..`` added. It opens no
connection and so follows no redirect.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import Any
from urllib import request

from weasyprint.urls import URLFetcher, URLFetcherResponse

from govreport.i18n import _

log = logging.getLogger(__name__)

#: What a served URL answers: its bytes (read when first asked for) and its media type.
Resource = tuple[Callable[[], bytes], str]


class RefusedResource(ValueError):
    """A URL the locked fetcher does not serve (WeasyPrint logs it and leaves the resource out)."""


class LockedFetcher(URLFetcher):  # type: ignore[misc]
    """Serve only ``resources`` (URL → (reader, media type)); refuse every other URL."""

    def __init__(self, resources: Mapping[str, Resource]) -> None:
        # No handlers at all: not file, not http, not data, not redirects. Only fetch() below answers.
        request.OpenerDirector.__init__(self)
        self._fail_on_errors = False
        self._timeout = 0
        self._http_headers: dict[str, str] = {}
        self._allowed_protocols = ()
        self._request = None
        self._resources = dict(resources)
        #: Every URL refused, in order (tests and diagnostics).
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        entry = self._resources.get(url)
        if entry is None:
            self.refused.append(url)
            log.warning("govreport: refused to fetch %s", url[:120])
            raise RefusedResource(_("govreport 不读取外部资源：{url}").format(url=url[:120]))
        read, media_type = entry
        return URLFetcherResponse(url, read(), {"Content-Type": media_type})

    def open(self, url: Any, data: Any = None, timeout: Any = None) -> URLFetcherResponse:
        full_url = url.full_url if isinstance(url, request.Request) else str(url)
        return self.fetch(full_url)

    def __call__(self, url: str) -> URLFetcherResponse:
        return self.fetch(url)
