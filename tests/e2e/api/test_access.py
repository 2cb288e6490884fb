"""Tokens, roles, separation of duties, and each body's records kept to itself."""

from __future__ import annotations

from tests.e2e.api.conftest import DECISION, Api, approved_decision, approved_grant


def test_without_a_valid_token_nothing_is_shown(api: Api) -> None:
    assert api.get(None, "/api/decisions").status_code == 401
    wrong = api.client.get("/api/decisions", headers={"Authorization": "Bearer glt_nonsense"})
    assert wrong.status_code == 401
    assert wrong.headers["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_stops_working_at_once(api: Api) -> None:
    assert api.get("greg", "/api/decisions").status_code == 200
    api.runtime.users.revoke("greg")
    assert api.get("greg", "/api/decisions").status_code == 401


def test_each_command_needs_its_role(api: Api) -> None:
    assert api.post("aud", "/api/decisions", DECISION).status_code == 403
    assert api.post("tess", "/api/decisions", DECISION).status_code == 403
    decision_id = approved_decision(api)
    refused = api.post("greg", f"/api/decisions/{decision_id}/signoffs",
                       {"role": "chief_finance_officer", "name": "Someone"})
    assert refused.status_code == 403
    assert "finance-officer" in refused.json["detail"]


def test_the_auditor_reads_everything_of_the_body(api: Api) -> None:
    grant_id = approved_grant(api)
    for path in ("/api/decisions", "/api/grants", f"/api/grants/{grant_id}", "/api/funds",
                 "/api/programmes", "/api/audit", "/api/ledgers/funds", "/api/verify"):
        assert api.get("aud", path).status_code == 200, path


def test_whoever_drafted_a_decision_cannot_approve_it(api: Api) -> None:
    api.add("dual", "officer", "decision-maker")
    decision_id = api.post("dual", "/api/decisions", DECISION).json["id"]
    refused = api.post("dual", f"/api/decisions/{decision_id}/approval",
                       {"maker_role": "PCC", "override_reason": "urgent"})
    assert refused.status_code == 403
    assert "dual drafted Essex PCC decision PCC/0128/15" in refused.json["detail"]
    allowed = api.post("pcc", f"/api/decisions/{decision_id}/approval",
                       {"on": "2015-11-23", "maker_role": "PCC", "override_reason": "urgent"})
    assert allowed.status_code == 200


def test_whoever_approved_a_grant_cannot_record_its_payments(api: Api) -> None:
    api.add("both", "decision-maker", "treasurer")
    grant_id = approved_grant(api)
    proposal = api.get("aud", f"/api/grants/{grant_id}").json
    assert proposal["approved_by"] == "pcc"
    assert api.post("both", f"/api/grants/{grant_id}/payments",
                    {"on": "2016-04-05", "amount": "1000"}).status_code == 200
    evaluation_decision = approved_decision(api, reference="PCC/0129/15")
    second = api.post("greg", "/api/grants", {
        "decision_id": evaluation_decision, "title": "Evaluation", "recipient": "SafeLives",
        "amount": "1000", "period_start": "2016-04-01", "period_end": "2017-03-31"})
    assert second.status_code == 201, second.json
    evaluation = second.json["id"]
    assert api.post("both", f"/api/grants/{evaluation}/approval", {"on": "2016-03-01"}) \
        .status_code == 200
    refused = api.post("both", f"/api/grants/{evaluation}/payments",
                       {"on": "2016-04-05", "amount": "1000"})
    assert refused.status_code == 403
    assert refused.json["detail"] == \
        "both approved grant 'Evaluation', so cannot also record its payments"


def test_another_body_can_neither_read_nor_change_unpublished_records(api: Api) -> None:
    grant_id = approved_grant(api)
    decision_id = api.get("aud", f"/api/grants/{grant_id}").json["decision_id"]
    assert api.get("wendy", f"/api/decisions/{decision_id}").status_code == 404
    assert api.get("wendy", f"/api/grants/{grant_id}").status_code == 404
    assert api.get("wendy", "/api/decisions").json == []
    assert api.get("wendy", "/api/grants").json == []
    assert api.get("wendy", "/api/ledgers/grants").json == []
    assert [row["body"] for row in api.get("wendy", "/api/audit").json] == ["West Mercia PCC"]
    assert api.post("wendy", f"/api/decisions/{decision_id}/withdrawal",
                    {"reason": "not ours"}).status_code == 404
    assert api.post("wendy", "/api/decisions", {**DECISION, "body": "Essex PCC"}).status_code \
        == 403


def test_a_published_decision_is_readable_by_staff_of_any_body_as_the_public_reads_it(
    api: Api,
) -> None:
    decision_id = approved_decision(api)
    published = api.post("greg", f"/api/decisions/{decision_id}/publication",
                         {"for_publication": True, "part2_exists": True,
                          "published_on": "2015-11-30"})
    assert published.status_code == 200, published.json
    theirs = api.get("wendy", f"/api/decisions/{decision_id}")
    public = api.get(None, f"/api/public/decisions/{decision_id}")
    assert theirs.status_code == 200
    assert theirs.json == public.json
    assert not {"drafted_by", "override_reason", "drawn", "publication"} & set(theirs.json)
    assert "drafted_by" in api.get("greg", f"/api/decisions/{decision_id}").json
    rows = api.get("wendy", "/api/decisions").json
    assert [d["reference"] for d in rows] == ["PCC/0128/15"]
    assert not {"drafted_on", "drawn", "exception"} & set(rows[0])
    assert "drawn" in api.get("greg", "/api/decisions").json[0]
    assert api.post("wendy", f"/api/decisions/{decision_id}/publication/withdrawal",
                    {"reason": "not ours"}).status_code == 404


def test_the_acting_user_is_the_actor_of_every_event(api: Api) -> None:
    approved_decision(api)
    trail = api.get("aud", "/api/audit", decision_reference="PCC/0128/15").json
    assert [(row["event"], row["actor"]) for row in trail] == [
        ("Drafted", "greg"), ("Signed off", "fiona"), ("Signed off", "martin"),
        ("Approved", "pcc"),
    ]


def test_publication_goes_by_the_servers_clock(api: Api) -> None:
    decision_id = approved_decision(api)
    path = f"/api/decisions/{decision_id}/publication"
    assert api.post("greg", path, {"for_publication": True, "deferred_until": "2099-01-01",
                                   "on": "2015-11-24"}).status_code == 200
    before = api.events()
    for published_on in ("2099-01-01", "2017-01-15"):
        refused = api.post("greg", path, {"published_on": published_on})
        assert refused.status_code == 409, published_on
    assert "today is 2017-01-15" in refused.json["detail"]
    assert api.events() == before


def test_a_programme_is_changed_only_by_the_bodies_that_keep_it(api: Api) -> None:
    path = api.post("greg", "/api/programmes", {"name": "Drive", "lead_body": "SafeLives"}
                    ).headers["Location"]
    api.add("wilma", "finance-officer", body="West Mercia PCC")
    before = api.events()
    for where, body in (("sites", {"site": "Worcester", "host_body": "West Mercia PCC"}),
                        ("targets", {"measure": "perpetrators", "count": 5}),
                        ("pledges", {"funder": "Social Finance", "amount": "1000",
                                     "first_year": "2016-17", "last_year": "2016-17"})):
        refused = api.post("wendy", f"{path}/{where}", body)
        assert refused.status_code == 403, where
        assert "neither leads, registered, hosts a site of nor pledges to" in refused.json["detail"]
    assert api.events() == before
    joined = api.post("wilma", f"{path}/pledges", {
        "funder": "West Mercia PCC", "amount": "1000", "first_year": "2016-17",
        "last_year": "2016-17"})
    assert joined.status_code == 200, joined.json
    assert api.post("wendy", f"{path}/sites", {"site": "Worcester",
                                               "host_body": "West Mercia PCC"}).status_code == 200


def test_the_chain_is_verified_by_auditors_and_admins_only(api: Api) -> None:
    assert api.get("greg", "/api/verify").status_code == 403
    assert api.get("tess", "/api/verify").status_code == 403
    assert api.get("aud", "/api/verify").status_code == 200
    assert api.get("ada", "/api/verify").json["intact"] is True
