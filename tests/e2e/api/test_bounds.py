"""Values no ledger or store can hold are refused at the door, with the field named, and
nothing is recorded: amounts beyond thirteen digits of pounds or in exponent form, text with
NUL characters or unpaired surrogates, dates outside 1900 to 2199."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from adapters import dossier
from tests.e2e.api.conftest import DECISION, Api, approved_grant

PROBLEM = "application/problem+json"
AMOUNTS = ["99999999999999999999.99", "1e20", "1E3", "10000000000000.00", 10**20, "NaN",
           "1e3", "\uff11\uff10\uff10\uff10", "1_0.00", "\u00a31,0.00", ".5", 1000]
TEXTS = ["Drive\x00", "Drive \ud800", "\udfff"]
DATES = ["2200-01-01", "1899-12-31", "9999-12-31", "20160601", "2016-W01-1"]


def refused(api: Api, who: str, path: str, body: Any, field: list[str]) -> None:
    before = api.events()
    answer = api.post(who, path, body)
    assert (answer.status_code, answer.content_type) == (422, PROBLEM), answer.json
    errors = answer.json["errors"]["json"]
    for key in field:
        errors = errors[key]
    assert errors, answer.json
    assert api.events() == before


def with_authorisation_amount(amount: Any) -> dict[str, Any]:
    draft = copy.deepcopy(DECISION)
    draft["authorisations"][0]["amount"] = amount
    return draft


@pytest.mark.parametrize("amount", AMOUNTS)
def test_an_amount_beyond_the_ledgers_is_refused_and_nothing_recorded(
    api: Api, amount: Any
) -> None:
    refused(api, "greg", "/api/decisions", with_authorisation_amount(amount),
            ["authorisations", "0", "amount"])
    grant = approved_grant(api)
    refused(api, "tess", f"/api/grants/{grant}/payments", {"amount": amount}, ["amount"])
    assert api.post("tess", f"/api/grants/{grant}/payments", {"amount": "1.00",
                                                             "on": "2016-04-01"}).status_code == 200


@pytest.mark.parametrize("text", TEXTS)
def test_text_no_store_can_hold_is_refused_and_nothing_recorded(api: Api, text: str) -> None:
    refused(api, "greg", "/api/decisions", {**DECISION, "title": text}, ["title"])
    refused(api, "greg", "/api/decisions", {**DECISION, "summary": f"A {text}"}, ["summary"])
    assert api.post("greg", "/api/decisions", DECISION).status_code == 201


@pytest.mark.parametrize("day", DATES)
def test_a_date_outside_the_records_is_refused_and_nothing_recorded(api: Api, day: str) -> None:
    refused(api, "greg", "/api/decisions", {**DECISION, "on": day}, ["on"])
    grant = approved_grant(api)
    refused(api, "tess", f"/api/grants/{grant}/payments", {"amount": "1.00", "on": day},
            ["on"])


def dossier_path(where: list[Any]) -> str:
    """A field's place as dossier errors name it: grants[0].amount."""
    named = ""
    for key in where:
        named += f"[{key}]" if isinstance(key, int) else f".{key}" if named else key
    return named


def raw_dossier() -> dict[str, Any]:
    folder = dossier.resources.files("adapters") / "dossiers"
    loaded: dict[str, Any] = json.loads((folder / "1_essex_pcc_0128_15.json").read_text())
    return loaded


@pytest.mark.parametrize(("where", "value"), [
    (["grants", 0, "amount"], "1e20"),
    (["grants", 0, "amount"], "99999999999999999999.99"),
    (["decision", "title"], "Drive\x00"),
    (["decision", "title"], "\ud800"),
    (["grants", 0, "period_end"], "2200-03-31"),
])
def test_a_dossier_with_what_cannot_be_held_is_refused_whole(
    api: Api, where: list[Any], value: Any
) -> None:
    document = raw_dossier()
    target = document
    for key in where[:-1]:
        target = target[key]
    target[where[-1]] = value
    api.add("root", "admin")
    before = api.events()
    answer = api.post("root", "/api/dossiers", document)
    assert (answer.status_code, answer.content_type) == (422, PROBLEM), answer.json
    assert dossier_path(where) in answer.json["errors"]["json"], answer.json
    assert api.events() == before
    assert api.get("aud", "/api/decisions").status_code == 200


def test_a_payment_dated_after_today_by_the_servers_clock_is_refused(api: Api) -> None:
    grant_id = approved_grant(api)
    before = api.events()
    for on in ("2199-12-31", "2017-01-16"):
        answer = api.post("tess", f"/api/grants/{grant_id}/payments", {"on": on, "amount": "1"})
        assert (answer.status_code, answer.content_type) == (422, PROBLEM)
        assert "a date still to come: it must be today (2017-01-15)" in answer.json["detail"]
    assert api.events() == before


def test_json_nested_too_deep_is_a_problem_not_a_server_error(api: Api) -> None:
    for depth in (33, 100_000):
        answer = api.client.post("/api/decisions", data="[" * depth + "]" * depth,
                                 headers={**api.headers("greg"),
                                          "Content-Type": "application/json"})
        assert (answer.status_code, answer.content_type) == (400, PROBLEM)
        assert "nested more than 32 levels" in answer.json["detail"]


def test_pages_beyond_the_documented_bounds_are_refused(api: Api) -> None:
    for query in ({"page": "99999999999999999999"}, {"page": "0"},
                  {"page_size": "101"}, {"page_size": "99999999999999999999"}):
        answer = api.get(None, "/api/public/decisions", **query)
        assert (answer.status_code, answer.content_type) == (422, PROBLEM), query
    spec = api.get(None, "/api/openapi.json").json
    page = next(p for p in spec["paths"]["/api/public/decisions"]["get"]["parameters"]
                if p["name"] == "page")
    assert page["schema"]["maximum"] == 1_000_000


def test_a_method_not_allowed_names_those_that_are(api: Api) -> None:
    answer = api.client.delete("/api/public/decisions")
    assert (answer.status_code, answer.content_type) == (405, PROBLEM)
    assert answer.headers["Allow"] == "GET, HEAD, OPTIONS"


def test_the_pagination_header_is_documented_as_the_text_it_is(api: Api) -> None:
    spec = api.get(None, "/api/openapi.json").json
    header = spec["paths"]["/api/grants"]["get"]["responses"]["200"]["headers"]["X-Pagination"]
    assert header["schema"] == {"type": "string"}
    sent = api.get("tess", "/api/grants").headers["X-Pagination"]
    assert json.loads(sent)["total"] == 0


def test_a_query_parameter_the_document_does_not_give_is_refused(api: Api) -> None:
    misspelt = api.get("tess", "/api/grants", statuss="live")
    assert (misspelt.status_code, misspelt.content_type) == (422, PROBLEM)
    assert misspelt.json["errors"] == {"query": {"statuss": ["Unknown field."]}}
    assert api.get("tess", "/api/grants", status="approved", page="1").status_code == 200
    assert api.get("tess", "/api/grants/" + "0" * 8 + "-0000-0000-0000-" + "0" * 12,
                   as_at="2016-01-01").status_code == 422
