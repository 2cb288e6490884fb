"""Decision steps, grants' variations and repayments, programmes and funds, and dossiers."""

from __future__ import annotations

import json
from pathlib import Path

from tests.e2e.api.conftest import DECISION, GRANT, Api, approved_decision, approved_grant

DOSSIERS = Path(__file__).resolve().parents[3] / "adapters" / "dossiers"


def test_a_decision_is_considered_refused_or_withdrawn(api: Api) -> None:
    refused_id = api.post("greg", "/api/decisions", DECISION).json["id"]
    considered = api.post("fiona", f"/api/decisions/{refused_id}/implications",
                          {"area": "financial", "considered": True, "details": "7.1"})
    assert considered.json["implications"] == [
        {"area": "financial", "considered": True, "details": "7.1"}]
    refused = api.post("pcc", f"/api/decisions/{refused_id}/refusal",
                       {"on": "2015-11-23", "maker_role": "PCC", "reasons": "Too costly"})
    assert (refused.json["status"], refused.json["refusal_reasons"]) == ("refused", "Too costly")

    other = api.post("greg", "/api/decisions", {**DECISION, "reference": "PCC/0200/15"}).json
    withdrawn = api.post("greg", f"/api/decisions/{other['id']}/withdrawal",
                         {"reason": "Superseded"})
    assert withdrawn.json["status"] == "withdrawn"
    assert withdrawn.json["withdrawal_reason"] == "Superseded"
    statuses = {d["reference"]: d["status"] for d in api.get("aud", "/api/decisions").json}
    assert statuses == {"PCC/0128/15": "refused", "PCC/0200/15": "withdrawn"}
    assert [d["reference"] for d in api.get("aud", "/api/decisions", status="refused").json] \
        == ["PCC/0128/15"]


def test_a_redacted_decision_is_published_once_the_redaction_is_signed_off(api: Api) -> None:
    decision_id = approved_decision(api)
    path = f"/api/decisions/{decision_id}"
    api.post("greg", f"{path}/publication", {"for_publication": True, "redaction_required": True,
                                             "significant_public_interest": True})
    early = api.post("greg", f"{path}/publication", {"published_on": "2015-11-30"})
    assert early.status_code == 409
    assert "Redaction" in early.json["detail"]
    sign_off = {"role": "chief_finance_officer", "name": "C G", "signed_on": "2015-11-29"}
    unredacted = api.post("fiona", f"{path}/redaction", sign_off)
    assert unredacted.status_code == 409 and "carried out" in unredacted.json["detail"]
    redacted = api.post("greg", f"{path}/redaction/carried-out", {"on": "2015-11-28"})
    assert redacted.json["redacted_on"] == "2015-11-28"
    signed = api.post("fiona", f"{path}/redaction", sign_off)
    assert signed.status_code == 200, signed.json
    nowhere = api.post("greg", f"{path}/publication",
                       {"published_on": "2015-11-30", "url": "not an address"})
    assert nowhere.status_code == 422 and "url" in nowhere.json["errors"]["json"]
    url = "https://www.essex.pfcc.police.uk/decision/pcc-0128-15"
    published = api.post("greg", f"{path}/publication", {"published_on": "2015-11-30",
                                                          "url": url})
    assert (published.json["published_on"], published.json["published_url"]) == (
        "2015-11-30", url)
    assert published.json["publication"]["significant_public_interest"] is True


def test_a_grant_is_published_once_the_register_has_every_fact_it_must_give(
        api: Api) -> None:
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}"
    lacking = api.post("greg", f"{path}/publication", {"on": "2016-03-02"})
    assert lacking.status_code == 409
    assert "without its purpose, conditions, crime reduction reasons" in lacking.json["detail"]
    assert api.get("aud", path).json["unpublishable"] == [
        "purpose", "conditions", "crime_reduction_reasons"]
    stated = api.post("greg", f"{path}/publication-facts", {
        "purpose": "The Drive pilot: work with high-harm perpetrators of domestic abuse",
        "conditions": "Quarterly monitoring returns to the OPCC",
        "crime_reduction_reasons": "It reduces repeat domestic abuse by the perpetrators"})
    assert stated.status_code == 200, stated.json
    published = api.post("greg", f"{path}/publication", {"on": "2016-03-02"})
    assert published.status_code == 200, published.json
    assert published.json["published_on"] == "2016-03-02"
    again = api.post("greg", f"{path}/publication", {"on": "2016-03-03"})
    assert again.status_code == 409


def test_grants_are_listed_by_status_year_and_recipient(api: Api) -> None:
    grant_id = approved_grant(api)
    assert [g["grant_id"] for g in api.get("aud", "/api/grants", status="approved").json] \
        == [grant_id]
    assert api.get("aud", "/api/grants", status="closed").json == []
    assert len(api.get("aud", "/api/grants", financial_year="2017-18").json) == 1
    assert api.get("aud", "/api/grants", financial_year="2019-20").json == []
    assert len(api.get("aud", "/api/grants", recipient="safel").json) == 1
    assert api.get("aud", "/api/grants", recipient="Respect").json == []
    assert len(api.get("aud", "/api/decisions", recipient="SafeLives").json) == 1


def test_a_grant_is_varied_down_and_repaid(api: Api) -> None:
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}"
    api.post("tess", f"{path}/payments", {"on": "2016-04-05", "amount": "100000"})
    varied = api.post("pcc", f"{path}/variations", {
        "on": "2016-05-01", "amount": "600000", "reason": "Smaller pilot",
        "profile": [{"year": "2016-17", "amount": "268000"},
                    {"year": "2017-18", "amount": "332000"}],
    })
    assert varied.status_code == 200, varied.json
    assert (varied.json["amount"], varied.json["variations"]) == ("600000.00", 1)
    rising = api.post("pcc", f"{path}/variations", {
        "amount": "800000", "reason": "More", "profile": []})
    assert rising.status_code == 422
    assert "needs a further approved decision" in rising.json["detail"]
    repaid = api.post("tess", f"{path}/repayments",
                      {"on": "2016-06-01", "amount": "5000", "reason": "Underspend"})
    assert (repaid.json["repaid"], repaid.json["paid"]) == ("5000.00", "100000.00")


def test_a_programme_gets_sites_pledges_targets_and_outcomes(api: Api) -> None:
    created = api.post("greg", "/api/programmes",
                       {"name": "Drive", "lead_body": "SafeLives",
                        "delivery_partners": ["SafeLives", "Respect", "Social Finance"]})
    assert created.status_code == 201
    path = created.headers["Location"]
    api.post("greg", f"{path}/sites", {"site": "Essex", "host_body": "Essex PCC"})
    pledged = api.post("fiona", f"{path}/pledges", {
        "funder": "Social Finance", "amount": "516000", "first_year": "2016-17",
        "last_year": "2018-19", "site": "Essex"})
    assert pledged.status_code == 200, pledged.json
    api.post("greg", f"{path}/targets", {"measure": "perpetrators", "count": 100, "site": "Essex"})
    api.post("greg", f"{path}/outcomes",
             {"period": "2016-17", "measure": "perpetrators", "count": 74, "site": "Essex"})
    programme = api.get("wendy", path)
    assert programme.json["sites"] == [{"site": "Essex", "host_body": "Essex PCC"}]
    assert api.get("aud", f"{path}/pledges").json[0]["amount"] == "516000.00"
    assert api.get("aud", f"{path}/targets").json[0]["count"] == 100
    assert api.get("aud", f"{path}/outcomes").json[0]["count"] == 74
    assert [p["name"] for p in api.get("aud", "/api/programmes").json] == ["Drive"]
    unknown_site = api.post("greg", f"{path}/targets", {"measure": "x", "count": 1, "site": "Kent"})
    assert unknown_site.status_code == 422


def test_a_fund_has_budgets_by_year_and_is_kept_to_its_body(api: Api) -> None:
    created = api.post("fiona", "/api/funds", {
        "name": "Community Safety Fund", "funder": "OPCC", "first_year": "2016-17",
        "last_year": "2018-19"})
    assert created.status_code == 201
    fund = created.headers["Location"]
    budget = api.post("tess", f"{fund}/budgets", {"year": "2016-17", "amount": "1200000"})
    assert budget.json["budgets"] == [{"year": "2016-17", "amount": "1200000.00"}]
    outside = api.post("tess", f"{fund}/budgets", {"year": "2020-21", "amount": "1"})
    assert outside.status_code == 422
    assert [f["name"] for f in api.get("aud", "/api/funds").json] == ["Community Safety Fund"]
    assert api.get("wendy", "/api/funds").json == []
    assert api.get("wendy", fund).status_code == 404


def test_an_admin_imports_a_dossier_once(api: Api) -> None:
    document = json.loads((DOSSIERS / "1_essex_pcc_0128_15.json").read_text())
    imported = api.post("ada", "/api/dossiers", document)
    assert imported.status_code == 201, imported.json
    assert (imported.json["reference"], imported.json["loaded"]) == ("PCC/0128/15", True)
    again = api.post("ada", "/api/dossiers", document)
    assert (again.status_code, again.json["loaded"]) == (200, False)
    grants = api.get("aud", "/api/grants").json
    assert [(g["recipient"], g["awarded"]) for g in grants] == [("SafeLives", "765000.00")]
    assert api.post("greg", "/api/dossiers", document).status_code == 403


def test_a_dossier_with_errors_lists_them_and_records_nothing(api: Api) -> None:
    document = json.loads((DOSSIERS / "1_essex_pcc_0128_15.json").read_text())
    document["decision"]["outcome"]["on"] = "not a date"
    before = api.events()
    refused = api.post("ada", "/api/dossiers", document)
    assert refused.status_code == 422
    assert "decision.outcome.on" in refused.json["errors"]["json"]
    assert api.events() == before
    other_body = json.loads((DOSSIERS / "4_mopac_pcd_663.json").read_text())
    assert api.post("ada", "/api/dossiers", other_body).status_code == 403


def test_discrepancies_and_exceptions_are_read_by_the_body_now_or_at_a_point(api: Api) -> None:
    document = json.loads((DOSSIERS / "1_essex_pcc_0128_15.json").read_text())
    assert api.post("ada", "/api/dossiers", document).status_code == 201
    found = api.get("aud", "/api/ledgers/discrepancies")
    assert found.status_code == 200
    assert {(d["decision_reference"], d["stated"], d["derived"]) for d in found.json} == {
        ("PCC/0128/15", "200000.00", "208000.00"), ("PCC/0128/15", "200000.00", "268000.00")}
    assert json.loads(found.headers["X-Pagination"])["total"] == 2
    exceptions = api.get("aud", "/api/ledgers/exceptions").json
    assert [(e["record"], e["what"]) for e in exceptions] == [
        ("Essex PCC PCC/0128/15", "approved without the required sign-offs"),
        ("Essex PCC PCC/0128/15", "Decision: not stated: publication date"),
        ("Essex PCC PCC/0128/15", "Grant 'SafeLives Drive pilot': not stated: publication date")]
    assert api.get("aud", "/api/ledgers/discrepancies", as_at="2015-01-01").json == []
    assert api.get("wendy", "/api/ledgers/exceptions").json == []
    assert len(api.get("aud", "/api/ledgers/discrepancies", page_size=1).json) == 1


def test_the_register_of_bodies_records_a_succession(api: Api) -> None:
    successor = api.post("ada", "/api/bodies", {"name": "Essex PFCC",
                                                "kind": "police_fire_and_crime_commissioner",
                                                "predecessor": "Essex PCC"})
    assert successor.status_code == 201, successor.json
    assert successor.json["kind"] == "Police, Fire and Crime Commissioner"
    again = api.post("ada", "/api/bodies", {"name": "essex  pfcc"})
    assert again.status_code == 409, again.json
    register = {b["name"]: b for b in api.get("aud", "/api/bodies").json}
    assert register["Essex PCC"]["successor"] == "Essex PFCC"
    assert register["Essex PFCC"]["predecessor"] == "Essex PCC"
    assert api.post("greg", "/api/bodies", {"name": "Kent PCC"}).status_code == 403



def test_what_a_record_does_not_state_is_given_as_null_and_listed(api: Api) -> None:
    decision_id = approved_decision(api, reference=None)
    decision = api.get("aud", f"/api/decisions/{decision_id}").json
    assert decision["reference"] is None
    proposed = api.post("greg", "/api/grants", {
        **GRANT, "decision_id": decision_id, "period_start": None, "period_end": None,
        "profile": [], "fund": "", "programme": ""})
    assert proposed.status_code == 201, proposed.json
    grant = api.get("aud", f"/api/grants/{proposed.json['id']}").json
    assert (grant["period_start"], grant["period_end"]) == (None, None)
    exceptions = {e["what"] for e in api.get("aud", "/api/ledgers/exceptions").json}
    assert {"Decision: not stated: reference",
            "Grant 'SafeLives Drive pilot': not stated: profile, start date, end date"} \
        <= exceptions


def test_a_blank_reference_or_a_missing_period_is_refused(api: Api) -> None:
    blank = api.post("greg", "/api/decisions", {**DECISION, "reference": " "})
    assert blank.status_code == 422 and "reference cannot be blank" in blank.json["detail"]
    decision_id = approved_decision(api)
    undated = {k: v for k, v in GRANT.items() if k != "period_end"}
    refused = api.post("greg", "/api/grants", {**undated, "decision_id": decision_id})
    assert refused.status_code == 422 and "period_end" in refused.json["errors"]["json"]
