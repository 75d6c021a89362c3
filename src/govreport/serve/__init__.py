"""``govreport serve``: a local web app where a clerk fills in a report and sees every finding at its
cell, and an HTTP API (``/openapi.json``) for portals. Needs the ``serve`` extra
(``pip install 'govreport[serve]'``). See docs/serve.md and docs/api-http.md."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """The ASGI application (see :func:`govreport.serve.app.create_app`)."""
    from govreport.serve.app import create_app as _create_app

    return _create_app(*args, **kwargs)
