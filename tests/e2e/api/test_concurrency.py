"""Versions as ETags, If-Match, and two conflicting commands at the same moment."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.e2e.api.conftest import DECISION, Api, approved_grant

pytestmark = pytest.mark.api


def test_every_record_carries_its_version_as_an_etag(api: Api) -> None:
    created = api.post("greg", "/api/decisions", DECISION)
    assert created.headers["ETag"] == '"1"'
    decision = api.get("greg", f"/api/decisions/{created.json['id']}")
    assert decision.headers["ETag"] == f'"{decision.json["version"]}"' == '"1"'


def test_a_command_against_a_stale_version_is_refused_with_the_current_one(api: Api) -> None:
    decision_id = api.post("greg", "/api/decisions", DECISION).json["id"]
    path = f"/api/decisions/{decision_id}/implications"
    implication = {"area": "legal", "considered": True}
    first = api.post("greg", path, implication, If_Match='"1"')
    assert first.status_code == 200
    assert first.headers["ETag"] == '"2"'
    before = api.events()
    stale = api.post("greg", path, {"area": "risk", "considered": True}, If_Match='"1"')
    assert stale.status_code == 412
    assert stale.json["current_version"] == 2
    assert stale.headers["ETag"] == '"2"'
    assert api.events() == before
    assert api.post("greg", path, {"area": "risk", "considered": True}, If_Match='"2"') \
        .status_code == 200


def test_of_two_payments_against_the_same_version_exactly_one_is_recorded(
    api_on_both: Api,
) -> None:
    api = api_on_both
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    version = api.get("tess", f"/api/grants/{grant_id}").headers["ETag"]
    start = threading.Barrier(2)

    def pay(reference: str) -> int:
        start.wait()
        return api.post("tess", path, {"on": "2016-04-05", "amount": "100000",
                                       "reference": reference}, If_Match=version).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(pool.map(pay, ["BACS 1", "BACS 2"]))
    assert statuses[0] == 200
    assert statuses[1] in (409, 412)
    assert api.get("tess", f"/api/grants/{grant_id}").json["paid"] == "100000.00"


def test_of_two_concurrent_approvals_exactly_one_succeeds(api_on_both: Api) -> None:
    api = api_on_both
    api.add("deputy", "decision-maker")
    decision_id = api.post("greg", "/api/decisions",
                           {**DECISION, "authorisations": [],
                            "no_direct_financial_implications": True}).json["id"]
    start = threading.Barrier(2)

    def approve(who: str) -> int:
        start.wait()
        return api.post(who, f"/api/decisions/{decision_id}/approval",
                        {"on": "2015-11-23", "maker_role": "PCC",
                         "override_reason": "urgent"}).status_code

    with ThreadPoolExecutor(2) as pool:
        statuses = sorted(pool.map(approve, ["pcc", "deputy"]))
    assert statuses == [200, 409]
    trail = api.get("aud", "/api/audit", decision_reference="PCC/0128/15").json
    assert [row["event"] for row in trail].count("Approved") == 1
