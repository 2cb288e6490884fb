"""The OpenAPI document, the docs served without a CDN, and a bounded schemathesis run."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.e2e.api.conftest import Api, approved_grant, make_api

EXAMPLES = 15


def test_the_openapi_document_describes_every_resource(api: Api) -> None:
    spec = api.get(None, "/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/api/decisions/{decision_id}/approval", "/api/grants/{grant_id}/payments",
                 "/api/programmes/{programme_id}/pledges", "/api/funds/{fund_id}",
                 "/api/ledgers/grants", "/api/exposure", "/api/audit", "/api/verify",
                 "/api/dossiers", "/api/public/decisions"):
        assert path in spec["paths"], path
    payment = spec["paths"]["/api/grants/{grant_id}/payments"]["post"]
    assert {p["name"] for p in payment["parameters"]} >= {"Idempotency-Key", "If-Match"}
    assert "application/problem+json" in spec["components"]["responses"]["DEFAULT_ERROR"][
        "content"]


def test_every_schema_the_document_refers_to_is_defined(api: Api) -> None:
    spec = api.get(None, "/api/openapi.json").json
    referred = set(re.findall(r"#/components/schemas/(\w+)", json.dumps(spec)))
    assert referred - set(spec["components"]["schemas"]) == set()


def test_the_docs_are_served_from_the_installed_package(api: Api) -> None:
    page = api.client.get("/api/docs")
    assert page.status_code == 200
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.get_data(as_text=True))
    assert sources and all(s.startswith("/api/docs/assets/") for s in sources)
    for source in sources:
        assert api.client.get(source).status_code == 200, source


@pytest.mark.api
def test_no_request_gets_a_server_error_or_an_answer_outside_its_schema(sqlite_url: str) -> None:
    api = make_api(sqlite_url)
    approved_grant(api)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", api.app)
    checks = [not_a_server_error, response_schema_conformance, content_type_conformance]
    headers = api.headers("ada")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_within_its_schema(case: Any) -> None:
            case.call_and_validate(headers=headers, checks=checks)

        answers_within_its_schema()
    api.runtime.close()
