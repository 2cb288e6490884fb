"""The body's grants as 360Giving open data over the API: for those who answer for them, and
only their own body's."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from adapters.giving360 import validation
from tests.e2e.api.conftest import Api, approved_grant

PATH = "/api/exports/360giving"


@pytest.fixture
def granted(api: Api) -> str:
    grant_id = approved_grant(api)
    stated = api.post("greg", f"/api/grants/{grant_id}/publication-facts", {
        "purpose": "Piloting the Drive perpetrator programme", "on": "2016-03-02",
        "conditions": "Quarterly monitoring returns",
        "crime_reduction_reasons": "It reduces repeat victimisation"})
    assert stated.status_code == 200, stated.json
    return grant_id


def test_an_auditor_exports_the_bodys_grants_valid_against_the_standard(
        api: Api, granted: str) -> None:
    response = api.get("aud", PATH, all="true")
    assert response.status_code == 200, response.json
    assert response.mimetype == "application/json"
    assert json.loads(response.headers["X-Excluded-Grants"]) == []
    document = response.json
    assert validation.package_problems(document) == []
    [grant] = document["grants"]
    assert grant["id"] == f"360G-essexpcc-{granted}"
    assert grant["amountAwarded"] == 765000
    assert '"amountAwarded": 765000.00' in response.get_data(as_text=True)
    assert document["publisher"]["name"] == "Essex PCC"


def test_by_default_only_the_grants_on_the_register(api: Api, granted: str) -> None:
    assert api.get("aud", PATH).status_code == 404
    published = api.post("greg", f"/api/grants/{granted}/publication", {"on": "2016-03-03"})
    assert published.status_code == 200, published.json
    response = api.get("tess", PATH, **{"from": "2016-03-01", "to": "2016-03-31"})
    assert response.status_code == 200
    assert len(response.json["grants"]) == 1
    assert api.get("tess", PATH, **{"to": "2016-02-28"}).status_code == 404
    assert api.get("tess", PATH, **{"from": "2016-03-31", "to": "2016-03-01"}).status_code \
        == 404


def test_a_spreadsheet_or_its_sheet_as_csv(api: Api, granted: str) -> None:
    xlsx = api.get("ada", PATH, all="true", format="xlsx")
    assert xlsx.status_code == 200
    assert xlsx.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(xlsx.data))["grants"]
    assert sheet.cell(1, 1).value == "Identifier" and sheet.cell(2, 2).value == (
        "SafeLives Drive pilot")
    csv = api.get("aud", PATH, all="true", format="csv")
    assert csv.mimetype == "text/csv"
    assert csv.get_data(as_text=True).startswith("Identifier,Title,Description,Currency")


def test_grants_none_of_which_can_go_out_are_refused_saying_so(api: Api) -> None:
    approved_grant(api)
    response = api.get("aud", PATH, all="true")
    assert response.status_code == 404
    assert "1 left out" in response.json["detail"]


def test_staff_of_lower_roles_are_refused(api: Api, granted: str) -> None:
    for who in ("greg", "fiona", "martin", "pcc", "wendy"):
        assert api.get(who, PATH, all="true").status_code == 403, who
    assert api.get(None, PATH).status_code == 401


def test_another_bodys_grants_are_never_given(api: Api, granted: str) -> None:
    api.add("wmaud", "auditor", body="West Mercia PCC")
    own = api.get("wmaud", PATH, all="true")
    assert own.status_code == 404 and "SafeLives" not in own.get_data(as_text=True)
    refused = api.get("wmaud", PATH, all="true", body="Essex PCC")
    assert refused.status_code == 403 and "SafeLives" not in refused.get_data(as_text=True)
    assert api.get("aud", PATH, all="true", body="essex pcc").status_code == 200


@pytest.mark.parametrize("query", [{"format": "pdf"}, {"from": "1 Feb 2016"},
                                   {"all": "perhaps"}, {"body_id": "x"}])
def test_bad_input_is_a_problem_document(api: Api, query: dict[str, str]) -> None:
    response = api.get("aud", PATH, **query)
    assert response.status_code == 422
    assert response.mimetype == "application/problem+json" and response.json["errors"]
