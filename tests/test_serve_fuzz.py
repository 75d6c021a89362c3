"""Property tests of the HTTP API from its own OpenAPI schema (schemathesis): whatever a client sends,
the server never answers 500. Bounded (15 examples per operation, derandomized) so that it runs in
seconds."""

from __future__ import annotations

import tempfile

import pytest

pytest.importorskip("schemathesis")
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from govreport.serve.app import create_app

HOST = {"Host": "127.0.0.1:8000"}
app = create_app(tempfile.mkdtemp(prefix="govreport-fuzz-"))
schema = schemathesis.openapi.from_asgi("/openapi.json", app, headers=HOST)


@schema.parametrize()
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_no_request_gets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error], headers=HOST)
