"""Bad input, unknown records and refused rules: a problem document, and nothing recorded."""

from __future__ import annotations

from tests.e2e.api.conftest import DECISION, Api, approved_decision, approved_grant

PROBLEM = "application/problem+json"


def test_a_draft_missing_its_fields_lists_each_one_and_records_nothing(api: Api) -> None:
    before = api.events()
    refused = api.post("greg", "/api/decisions", {"summary": "no reference or title"})
    assert refused.status_code == 422
    assert refused.content_type == PROBLEM
    assert set(refused.json["errors"]["json"]) == {"reference", "title"}
    assert api.events() == before


def test_money_as_a_float_or_with_fractions_of_a_penny_is_refused(api: Api) -> None:
    draft = {**DECISION, "authorisations": [{**DECISION["authorisations"][0], "amount": 765000.5}]}
    refused = api.post("greg", "/api/decisions", draft)
    assert refused.status_code == 422
    assert "not a number" in str(refused.json["errors"])
    draft["authorisations"][0]["amount"] = "765000.001"
    assert "fractions of a penny" in str(api.post("greg", "/api/decisions", draft).json["errors"])


def test_unknown_fields_and_malformed_json_are_refused(api: Api) -> None:
    assert api.post("greg", "/api/decisions", {**DECISION, "colour": "red"}).status_code == 422
    malformed = api.client.post("/api/decisions", data="{not json",
                                headers={**api.headers("greg"), "Content-Type": "application/json"})
    assert malformed.status_code == 400
    assert malformed.content_type == PROBLEM


def test_bad_query_parameters_are_refused(api: Api) -> None:
    assert api.get("aud", "/api/grants", financial_year="the year before last").status_code == 422
    assert api.get("aud", "/api/grants", page_size=0).status_code == 422
    assert api.get("aud", "/api/ledgers/grants", as_at="2200-01-01").status_code == 422


def test_unknown_records_are_not_found(api: Api) -> None:
    missing = "00000000-0000-0000-0000-000000000001"
    for path in (f"/api/decisions/{missing}", f"/api/grants/{missing}",
                 f"/api/funds/{missing}", f"/api/programmes/{missing}", "/api/decisions/x"):
        response = api.get("aud", path)
        assert (response.status_code, response.content_type) == (404, PROBLEM), path
    assert api.post("tess", f"/api/grants/{missing}/payments", {"amount": "1"}).status_code == 404


def test_a_rule_of_the_domain_refuses_with_its_own_message(api: Api) -> None:
    decision_id = approved_decision(api)
    again = api.post("pcc", f"/api/decisions/{decision_id}/approval", {"maker_role": "PCC"})
    assert again.status_code == 409
    assert "is approved: it can no longer be approved" in again.json["detail"]


def test_paying_more_than_awarded_is_refused_and_records_nothing(api: Api) -> None:
    grant_id = approved_grant(api)
    before = api.events()
    refused = api.post("tess", f"/api/grants/{grant_id}/payments",
                       {"on": "2016-04-05", "amount": "765000.01"})
    assert refused.status_code == 422
    assert refused.json["detail"].startswith("Grant 'SafeLives Drive pilot' cannot pay £765,000.01")
    assert api.events() == before


def test_a_duplicate_reference_is_a_conflict(api: Api) -> None:
    assert api.post("greg", "/api/decisions", DECISION).status_code == 201
    duplicate = api.post("greg", "/api/decisions", DECISION)
    assert duplicate.status_code == 409
    assert "already exists" in duplicate.json["detail"]
