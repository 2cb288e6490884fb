"""The public register: Part 1 of published decisions, to anyone, without signing in."""

from __future__ import annotations

from tests.e2e.api.conftest import Api, approved_decision


def test_only_published_decisions_appear_and_only_their_part_1(api: Api) -> None:
    published = approved_decision(api)
    api.post("greg", f"/api/decisions/{published}/publication",
             {"for_publication": True, "part2_exists": True, "published_on": "2015-11-30"})
    deferred = approved_decision(api, reference="PCC/0130/15")
    api.post("greg", f"/api/decisions/{deferred}/publication",
             {"for_publication": True, "deferred_until": "2030-01-01"})
    approved_decision(api, reference="PCC/0131/15")

    register = api.get(None, "/api/public/decisions")
    assert register.status_code == 200
    assert [d["reference"] for d in register.json] == ["PCC/0128/15"]
    entry = register.json[0]
    assert entry["part2_exists"] is True
    assert entry["authorisations"][0]["amount"] == "765000.00"
    for internal in ("drafted_by", "override_reason", "drawn", "version", "publication"):
        assert internal not in entry
    assert api.get(None, f"/api/public/decisions/{published}").status_code == 200
    assert api.get(None, f"/api/public/decisions/{deferred}").status_code == 404


def test_a_decision_taken_off_the_register_is_no_longer_public(api: Api) -> None:
    decision_id = approved_decision(api)
    api.post("greg", f"/api/decisions/{decision_id}/publication",
             {"for_publication": True, "published_on": "2015-11-30"})
    withdrawn = api.post("greg", f"/api/decisions/{decision_id}/publication/withdrawal",
                         {"on": "2015-12-01", "reason": "Personal data in the annex"})
    assert withdrawn.status_code == 200
    assert api.get(None, "/api/public/decisions").json == []


def test_the_register_is_filtered_by_body_and_financial_year(api: Api) -> None:
    decision_id = approved_decision(api)
    api.post("greg", f"/api/decisions/{decision_id}/publication",
             {"for_publication": True, "published_on": "2015-11-30"})
    assert len(api.get(None, "/api/public/decisions", financial_year="2015-16").json) == 1
    assert api.get(None, "/api/public/decisions", financial_year="2016-17").json == []
    assert api.get(None, "/api/public/decisions", body="MOPAC").json == []
