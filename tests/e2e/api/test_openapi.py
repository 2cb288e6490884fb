"""The OpenAPI document, the docs served without a CDN, and a bounded schemathesis run."""

from __future__ import annotations

import json
import re
from itertools import count
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.config import SchemathesisConfig
from schemathesis.generation import GenerationMode

from adapters.users import digest
from domain.commands import EnrolStaff
from tests.e2e.api.conftest import TODAY, Api, approved_grant, make_api
from tests.stores import registered
from webapp import create_app

EXAMPLES = 15
STATEFUL_EXAMPLES = 30


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


def config(token: str) -> SchemathesisConfig:
    return SchemathesisConfig.from_dict({
        "auth": {"openapi": {"bearer": {"bearer": token}}},
        "checks": {"positive_data_acceptance": {
            # A request the document allows may still be refused by a rule of the domain (422
            # without field errors, 409, 412) or name a record that does not exist (404);
            # refusing it for its fields is what `the_document_is_what_is_accepted` catches.
            "expected-statuses": ["2xx", "401", "403", "404", "409", "412", "422"]}},
    })


@schemathesis.check
def the_document_is_what_is_accepted(ctx: Any, response: Any, case: Any) -> bool | None:
    """A request generated to satisfy the document is never refused for its fields."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code in (400, 422) and "errors" in (response.json() or {}):
        raise AssertionError(f"Refused what the document allows: {response.json()['errors']}")
    return None


def store_with_an_admin(path: Path, token: str) -> Api:
    api = Api(create_app({"DATABASE_URL": f"sqlite:///{path}", "TODAY": lambda: TODAY}))
    registered(api.runtime.app, "Essex PCC")
    api.runtime.app.handle(EnrolStaff(name="ada", roles=["admin"], body="Essex PCC",
                                      token_hash=digest(token)), "test")
    return api


@pytest.fixture
def served(sqlite_url: str) -> Any:
    api = make_api(sqlite_url)
    approved_grant(api)
    yield api, schemathesis.openapi.from_wsgi("/api/openapi.json", api.app,
                                              config=config(api.tokens["ada"]))
    api.runtime.close()


@pytest.mark.api
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
                         ids=["positive", "negative"])
def test_schemathesis_finds_nothing_in_any_operation_with_every_check(
    served: Any, mode: GenerationMode,
) -> None:
    _, schema = served
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers_within_its_schema(case: Any) -> None:
            case.call_and_validate()

        answers_within_its_schema()


@pytest.mark.api
def test_schemathesis_finds_nothing_along_the_documents_links(tmp_path: Path) -> None:
    """Each sequence of calls starts from a store of its own, so that what one creates cannot
    change what the next may do (hypothesis replays sequences and needs them to repeat)."""
    token = "glt_" + "links" * 8
    first = store_with_an_admin(tmp_path / "first.sqlite", token)
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", first.app, config=config(token))
    stores = count()

    class Staff(schema.as_state_machine()):  # type: ignore[misc]
        def setup(self) -> None:
            self.api = store_with_an_admin(tmp_path / f"{next(stores)}.sqlite", token)

        def teardown(self) -> None:
            self.api.runtime.close()

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"app": self.api.app}

    Staff.run(settings=settings(
        max_examples=STATEFUL_EXAMPLES, stateful_step_count=6, deadline=None, derandomize=True,
        database=None, suppress_health_check=list(HealthCheck)))
    assert next(stores) > 1
    assert first.events() == 2, "every call went to a store of its own sequence"
    first.runtime.close()
