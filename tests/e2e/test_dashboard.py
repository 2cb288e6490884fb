"""The staff dashboard through the app: signing in with a token, the session cookie it gives,
forms only from the dashboard itself, the body's own books and nothing of another's, now and
at a past point."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest
from flask.testing import FlaskClient

from adapters import dossier
from adapters.system import System
from adapters.users import Role
from domain.money import Money
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from readmodel.points import Point
from webapp.app import create_app

TODAY = date(2026, 1, 1)


@pytest.fixture
def books(sqlite_url: str) -> Iterator[tuple[System, dict[str, str]]]:
    system = build(sqlite_url, today=lambda: TODAY)
    for name, document in dossier.shipped():
        dossier.import_dossier(system.app, document, name, "demo")
    tokens = {"essex": system.users.add("erin", [Role.AUDITOR], "Essex PCC"),
              "mopac": system.users.add("mo", [Role.TREASURER], "MOPAC")}
    yield system, tokens
    system.close()


@pytest.fixture
def client(books: tuple[System, dict[str, str]], sqlite_url: str) -> FlaskClient:
    return create_app({"DATABASE_URL": sqlite_url, "TODAY": lambda: TODAY}).test_client()


def form_token(page: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page)
    assert found
    return found.group(1)


def signed_in(client: FlaskClient, token: str) -> FlaskClient:
    page = client.get("/sign-in").get_data(as_text=True)
    answer = client.post("/sign-in", data={"token": token, "csrf": form_token(page),
                                           "next": "/grants"})
    assert answer.status_code == 302 and answer.headers["Location"] == "/grants"
    return client


def test_a_page_without_signing_in_leads_to_the_sign_in_page(client: FlaskClient) -> None:
    answer = client.get("/grants?q=drive")
    assert answer.status_code == 302
    assert answer.headers["Location"].startswith("/sign-in?next=/grants")


def test_signing_in_gives_an_http_only_strict_session_cookie_without_the_token(
        client: FlaskClient, books: tuple[System, dict[str, str]]) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    answer = client.post("/sign-in", data={"token": books[1]["essex"],
                                           "csrf": form_token(page), "next": "/"})
    cookie = answer.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie
    assert books[1]["essex"] not in cookie


def test_a_wrong_token_is_refused_and_signs_nobody_in(client: FlaskClient) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    answer = client.post("/sign-in", data={"token": "glt_wrong", "csrf": form_token(page)})
    assert answer.status_code == 401
    assert "not valid" in answer.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_a_form_from_elsewhere_is_refused(client: FlaskClient,
                                          books: tuple[System, dict[str, str]]) -> None:
    client.get("/sign-in")
    assert client.post("/sign-in", data={"token": books[1]["essex"]}).status_code == 400
    signed_in(client, books[1]["essex"])
    assert client.post("/sign-out", data={"csrf": "forged"}).status_code == 400
    assert client.get("/").status_code == 200


def test_signing_out_ends_the_session(client: FlaskClient,
                                      books: tuple[System, dict[str, str]]) -> None:
    page = signed_in(client, books[1]["essex"]).get("/").get_data(as_text=True)
    assert client.post("/sign-out", data={"csrf": form_token(page)}).status_code == 302
    assert client.get("/").status_code == 302


def test_a_revoked_token_ends_its_session_at_once(client: FlaskClient,
                                                  books: tuple[System, dict[str, str]]) -> None:
    signed_in(client, books[1]["essex"])
    books[0].users.revoke("erin")
    assert client.get("/").status_code == 302


def test_the_budget_monitor_shows_the_funds_ledger(client: FlaskClient,
                                                   books: tuple[System, dict[str, str]]) -> None:
    page = signed_in(client, books[1]["essex"]).get("/").get_data(as_text=True)
    for row in books[0].ledgers.funds(ListQuery(tenant="Essex PCC")).rows:
        assert str(Money(row.committed_pence)) in page
    assert "£585,000.00" in page and "Mayor" not in page


def test_grants_are_searched_and_another_bodys_are_never_shown(
        client: FlaskClient, books: tuple[System, dict[str, str]]) -> None:
    signed_in(client, books[1]["mopac"])
    listed = client.get("/grants?q=croydon").get_data(as_text=True)
    assert "Drive in Croydon 2020-21" in listed and "Drive Central Team" not in listed
    essex = books[0].ledgers.grants(ListQuery(tenant="Essex PCC")).rows[0]
    assert client.get(f"/grants/{essex.grant_id}").status_code == 404
    assert "SafeLives Drive pilot" not in client.get("/grants").get_data(as_text=True)


def test_a_grant_shows_its_history_profile_and_what_notice_would_cost(
        client: FlaskClient, books: tuple[System, dict[str, str]]) -> None:
    signed_in(client, books[1]["mopac"])
    croydon = books[0].ledgers.grants(ListQuery(tenant="MOPAC", words="croydon")).rows[0]
    page = client.get(f"/grants/{croydon.grant_id}").get_data(as_text=True)
    assert "Proposed" in page and "Approved" in page and "£275,000.00" in page
    assert "Nothing: the grant is not live" in page


def test_every_page_shows_the_books_as_at_a_past_date(
        client: FlaskClient, books: tuple[System, dict[str, str]]) -> None:
    signed_in(client, books[1]["essex"])
    before = client.get("/?as_at=2015-06-30").get_data(as_text=True)
    then = books[0].ledgers.funds(ListQuery(tenant="Essex PCC"), Point(date(2015, 6, 30)))
    assert "The books as at 30 June 2015" in before
    assert then.rows == [] and "£585,000.00" not in before
    trail = client.get("/audit?as_at=2015-06-30").get_data(as_text=True)
    assert "0 events" in trail
    assert client.get("/?as_at=30/06/2015").status_code == 400


def test_what_is_left_to_resolve_is_listed(client: FlaskClient,
                                           books: tuple[System, dict[str, str]]) -> None:
    page = signed_in(client, books[1]["essex"]).get("/to-resolve").get_data(as_text=True)
    assert "Discrepancies (2)" in page and "approved without the required sign-offs" in page


def test_the_budget_monitor_and_a_grant_are_charted(client: FlaskClient,
                                                    books: tuple[System, dict[str, str]]) -> None:
    page = signed_in(client, books[1]["essex"]).get("/?as_at=2017-03-31").get_data(as_text=True)
    assert 'src="/charts/budget.svg?as_at=2017-03-31"' in page
    budget = client.get("/charts/budget.svg?as_at=2017-03-31")
    assert budget.mimetype == "image/svg+xml" and "2016-17" in budget.get_data(as_text=True)
    drive = books[0].ledgers.grants(ListQuery(tenant="Essex PCC")).rows[0]
    chart = client.get(f"/charts/grants/{drive.grant_id}.svg").get_data(as_text=True)
    assert "2018-19" in chart and "profiled and committed" in chart
    mopac = books[0].ledgers.grants(ListQuery(tenant="MOPAC")).rows[0]
    assert client.get(f"/charts/grants/{mopac.grant_id}.svg").status_code == 404


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/", "/\\evil"])
def test_signing_in_never_sends_the_user_to_another_site(
        client: FlaskClient, books: tuple[System, dict[str, str]], elsewhere: str) -> None:
    page = client.get("/sign-in").get_data(as_text=True)
    answer = client.post("/sign-in", data={"token": books[1]["essex"],
                                           "csrf": form_token(page), "next": elsewhere})
    assert answer.headers["Location"] == "/"


def test_a_funds_total_budget_counts_the_years_that_have_one() -> None:
    from types import SimpleNamespace

    from webapp.dashboard.routes import totals

    years = [SimpleNamespace(budget_pence=budget, committed_pence=5, paid_pence=2,
                             repaid_pence=0) for budget in (100, None, 50)]
    assert totals(years) == {"budget": 150, "committed": 15, "paid": 6, "repaid": 0}
    assert totals(years[1:2])["budget"] is None
