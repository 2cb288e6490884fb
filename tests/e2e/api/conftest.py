"""The staff API through Flask's test client, with staff of two bodies."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from adapters.system import System
from adapters.users import Role
from tests.stores import registered
from webapp import create_app

ESSEX = "Essex PCC"
TODAY = date(2017, 1, 15)


class Api:
    """Requests as a named member of staff; each one's token is made when they are added."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.client: FlaskClient = app.test_client()
        self.tokens: dict[str, str] = {}

    @property
    def runtime(self) -> System:
        found: System = self.app.extensions["grantledger"]
        return found

    def add(self, name: str, *roles: str, body: str = ESSEX) -> str:
        registered(self.runtime.app, body)
        token = self.runtime.users.add(name, [Role.named(r) for r in roles], body)
        self.tokens[name] = token
        return name

    def headers(self, who: str | None, **extra: str) -> dict[str, str]:
        headers = {k.replace("_", "-"): v for k, v in extra.items()}
        if who is not None:
            headers["Authorization"] = f"Bearer {self.tokens[who]}"
        return headers

    def post(self, who: str | None, path: str, body: Any = None, **headers: str) -> TestResponse:
        return self.client.post(path, json=body if body is not None else {},
                                headers=self.headers(who, **headers))

    def get(self, who: str | None, path: str, **query: Any) -> TestResponse:
        return self.client.get(path, query_string=query, headers=self.headers(who))

    def events(self) -> int:
        return self.runtime.app.recorder.max_notification_id() or 0


def make_api(url: str, **config: Any) -> Api:
    api = Api(create_app({"DATABASE_URL": url, "TODAY": lambda: TODAY, **config}))
    api.add("greg", "officer")
    api.add("fiona", "finance-officer")
    api.add("martin", "monitoring-officer")
    api.add("pcc", "decision-maker")
    api.add("tess", "treasurer")
    api.add("aud", "auditor")
    api.add("ada", "admin")
    api.add("wendy", "officer", "decision-maker", body="West Mercia PCC")
    return api


@pytest.fixture
def api(sqlite_url: str) -> Iterator[Api]:
    made = make_api(sqlite_url)
    yield made
    made.runtime.close()


@pytest.fixture
def api_on_both(store_url: str) -> Iterator[Api]:
    made = make_api(store_url)
    yield made
    made.runtime.close()


DECISION = {
    "reference": "PCC/0128/15",
    "title": "PCC CSF 2016-17 - SafeLives 'Drive' (DA) perpetrator programme",
    "on": "2015-11-20",
    "report_author": "Greg Myddelton",
    "report_date": "2015-11-20",
    "summary": "To seek approval for the allocation of £765,000 over the next 3 years.",
    "authorisations": [{
        "description": "Grant to SafeLives of £765,000 over 3 years",
        "amount": "765000.00",
        "recipients": ["SafeLives"],
        "fund": "Community Safety Fund",
    }],
}

GRANT = {
    "title": "SafeLives Drive pilot",
    "recipient": "SafeLives",
    "amount": "765000.00",
    "period_start": "2016-04-01",
    "period_end": "2019-03-31",
    "on": "2015-11-24",
    "profile": [
        {"year": "2016-17", "amount": "268000.00"},
        {"year": "2017-18", "amount": "284000.00"},
        {"year": "2018-19", "amount": "213000.00"},
    ],
    "fund": "Community Safety Fund",
    "programme": "Drive",
}


def approved_decision(api: Api, **changes: Any) -> str:
    """The Essex SafeLives decision, drafted, signed off and approved; returns its id."""
    created = api.post("greg", "/api/decisions", {**DECISION, **changes})
    assert created.status_code == 201, created.json
    decision_id: str = created.json["id"]
    api.post("fiona", f"/api/decisions/{decision_id}/signoffs",
             {"role": "chief_finance_officer", "name": "C Garbett", "signed_on": "2015-11-20"})
    api.post("martin", f"/api/decisions/{decision_id}/signoffs",
             {"role": "monitoring_officer", "name": "Pippa Mills", "signed_on": "2015-11-21"})
    approved = api.post("pcc", f"/api/decisions/{decision_id}/approval",
                        {"on": "2015-11-23", "maker_role": "PCC", "maker_name": "Nick Alston"})
    assert approved.status_code == 200, approved.json
    return decision_id


def approved_grant(api: Api) -> str:
    """The SafeLives grant under the approved decision, charged to its fund; returns its id."""
    decision_id = approved_decision(api)
    fund = api.post("fiona", "/api/funds", {
        "name": "Community Safety Fund", "funder": "OPCC",
        "first_year": "2016-17", "last_year": "2018-19", "on": "2015-11-01"})
    assert fund.status_code == 201, fund.json
    assert api.post("greg", "/api/programmes", {"name": "Drive", "lead_body": "SafeLives"}) \
        .status_code == 201
    proposed = api.post("greg", "/api/grants", {**GRANT, "decision_id": decision_id})
    assert proposed.status_code == 201, proposed.json
    grant_id: str = proposed.json["id"]
    approved = api.post("pcc", f"/api/grants/{grant_id}/approval", {"on": "2016-03-01"})
    assert approved.status_code == 200, approved.json
    return grant_id
