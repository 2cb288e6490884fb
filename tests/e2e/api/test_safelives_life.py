"""The whole life of the Essex SafeLives grant, as the staff of the OPCC record it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest

from tests.e2e.api.conftest import Api, approved_decision, approved_grant, make_api


@pytest.fixture
def after_the_year_end(sqlite_url: str) -> Iterator[Api]:
    """The API as it answers on 1 April 2017, once everything below has happened."""
    made = make_api(sqlite_url, TODAY=lambda: date(2017, 4, 1))
    yield made
    made.runtime.close()


def test_the_safelives_grant_from_draft_to_termination_and_closure(
    after_the_year_end: Api,
) -> None:
    api = after_the_year_end
    grant_id = approved_grant(api)
    grant = f"/api/grants/{grant_id}"

    agreed = api.post("greg", f"{grant}/agreement", {"on": "2016-03-15"})
    assert agreed.json["status"] == "agreed"

    first = api.post("tess", f"{grant}/payments",
                     {"on": "2016-04-05", "amount": "134000.00", "reference": "BACS 1"})
    assert first.status_code == 200, first.json
    assert first.json["paid"] == "134000.00"
    assert first.json["remaining"] == "631000.00"

    notice = api.post("pcc", f"{grant}/notice", {"on": "2017-01-15", "reason": "Re-commissioned"})
    assert notice.status_code == 200, notice.json
    assert notice.json["status"] == "notice_given"
    assert notice.json["termination_effective_on"] == "2017-02-15"

    exposure = api.get("tess", "/api/exposure", notice_on="2017-01-15")
    assert exposure.status_code == 200
    assert [row["takes_effect_on"] for row in exposure.json] == ["2017-02-15"]

    during_notice = api.post("tess", f"{grant}/payments", {"on": "2017-02-01", "amount": "134000"})
    assert during_notice.json["paid"] == "268000.00"
    too_late = api.post("tess", f"{grant}/payments", {"on": "2017-02-20", "amount": "1000"})
    assert too_late.status_code == 422
    assert "termination took effect on 2017-02-15" in too_late.json["detail"]

    ended = api.post("greg", f"{grant}/termination", {"on": "2017-02-15"})
    assert ended.json["status"] == "terminated"
    closed = api.post("fiona", f"{grant}/closure", {"on": "2017-03-31", "reason": "Ended early"})
    assert closed.json["status"] == "closed"

    ledger = api.get("aud", "/api/ledgers/grants").json
    assert [(g["title"], g["status"], g["awarded"], g["paid"]) for g in ledger] == [
        ("SafeLives Drive pilot", "closed", "765000.00", "268000.00")
    ]
    funds = api.get("aud", "/api/ledgers/funds").json
    assert {(f["year"], f["committed"]) for f in funds} == {
        ("2016-17", "268000.00"), ("2017-18", "0.00"), ("2018-19", "0.00")
    }
    trail = api.get("aud", "/api/audit", grant_id=grant_id, page_size=100).json
    assert [(row["event"], row["actor"]) for row in trail] == [
        ("Proposed", "greg"),
        ("Approved", "pcc"),
        ("Agreement signed", "greg"),
        ("Tranche paid", "tess"),
        ("Notice given", "pcc"),
        ("Tranche paid", "tess"),
        ("Terminated", "greg"),
        ("Closed", "fiona"),
    ]


def test_the_books_before_notice_are_read_as_at_a_past_date(api: Api) -> None:
    grant_id = approved_grant(api)
    api.post("tess", f"/api/grants/{grant_id}/payments", {"on": "2016-04-05", "amount": "100000"})
    api.post("tess", f"/api/grants/{grant_id}/payments", {"on": "2016-10-05", "amount": "100000"})

    then = api.get("aud", "/api/ledgers/grants", as_at="2016-06-30").json
    now = api.get("aud", "/api/ledgers/grants").json
    assert (then[0]["paid"], now[0]["paid"]) == ("100000.00", "200000.00")

    years = api.get("aud", "/api/ledgers/grant-years", as_at="2016-06-30").json
    assert {(y["year"], y["paid"]) for y in years} >= {("2016-17", "100000.00")}

    before_anything = api.get("aud", "/api/ledgers/grants", as_known_at="2000-01-01T00:00:00Z")
    assert before_anything.status_code == 200
    assert before_anything.json == []

    exposure = api.get("aud", "/api/exposure", notice_on="2017-01-15").json
    assert [(e["takes_effect_on"], e["payable"]) for e in exposure] == [("2017-02-15", "68000.00")]

    programmes = api.get("aud", "/api/ledgers/programmes")
    assert programmes.status_code == 200


def test_lists_are_paged_with_a_pagination_header(api: Api) -> None:
    approved_grant(api)
    trail = api.get("aud", "/api/audit", page=1, page_size=2)
    assert len(trail.json) == 2
    assert json.loads(trail.headers["X-Pagination"])["total"] > 2
    assert api.get("aud", "/api/verify").json["intact"] is True


def test_a_later_decision_extends_the_grant_and_its_history_says_so(api: Api) -> None:
    grant_id = approved_grant(api)
    later = approved_decision(api, reference="PCC/0010/18", authorisations=[{
        "description": "Extension of the Drive pilot", "amount": "60000.00", "up_to": True}])
    extended = api.post("pcc", f"/api/grants/{grant_id}/extensions", {
        "on": "2018-12-01", "under_decision_id": later, "period_end": "2019-03-31",
        "added": [{"year": "2018-19", "amount": "60000.00"}], "reason": "Three more months"})
    assert extended.status_code == 200, extended.json
    assert (extended.json["amount"], extended.json["extensions"]) == ("825000.00", 1)
    too_much = api.post("pcc", f"/api/grants/{grant_id}/extensions", {
        "under_decision_id": later, "period_end": "2019-03-31",
        "added": [{"year": "2018-19", "amount": "0.01"}]})
    assert too_much.status_code == 422, too_much.json

    history = api.get("aud", f"/api/grants/{grant_id}/history").json
    assert [(line["what"], line["under_decision"]) for line in history] == [
        ("Proposed", ""), ("Approved", ""), ("Extended", "PCC/0010/18")]
    (row,) = api.get("aud", "/api/ledgers/grants").json
    assert (row["awarded"], row["committed"]) == ("825000.00", "825000.00")


def test_a_grant_ended_with_immediate_effect_commits_only_what_was_paid(
    after_the_year_end: Api,
) -> None:
    api = after_the_year_end
    grant_id = approved_grant(api)
    api.post("tess", f"/api/grants/{grant_id}/payments", {"on": "2016-04-05", "amount": "50000"})
    without_reason = api.post("pcc", f"/api/grants/{grant_id}/termination", {"on": "2016-06-30"})
    assert without_reason.status_code == 422
    ended = api.post("pcc", f"/api/grants/{grant_id}/termination",
                     {"on": "2016-06-30", "reason": "The provider ceased trading"})
    assert ended.status_code == 200, ended.json
    assert ended.json["termination_effective_on"] == "2016-06-30"
    (row,) = api.get("aud", "/api/ledgers/grants").json
    assert (row["committed"], row["released"], row["outstanding"]) == (
        "50000.00", "715000.00", "0.00")
