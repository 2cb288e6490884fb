"""A retried command is answered, not repeated: a tranche is never paid twice."""

from __future__ import annotations

import time

import pytest

from tests.e2e.api.conftest import Api, approved_grant, make_api

pytestmark = pytest.mark.api

PAYMENT = {"on": "2016-04-05", "amount": "100000.00", "reference": "BACS 1"}


def test_a_retried_payment_returns_the_first_answer_and_pays_nothing_more(
    api_on_both: Api,
) -> None:
    api = api_on_both
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    first = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    after_first = api.events()
    retry = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    assert retry.status_code == first.status_code == 200
    assert retry.json == first.json
    assert retry.headers["ETag"] == first.headers["ETag"]
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert api.events() == after_first
    assert api.get("tess", f"/api/grants/{grant_id}").json["paid"] == "100000.00"


def test_the_same_key_with_a_different_body_is_refused(api: Api) -> None:
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    assert api.post("tess", path, PAYMENT, Idempotency_Key="pay-1").status_code == 200
    before = api.events()
    other = api.post("tess", path, {**PAYMENT, "amount": "200000.00"}, Idempotency_Key="pay-1")
    assert other.status_code == 422
    assert "different request" in other.json["detail"]
    assert api.events() == before


def test_keys_are_kept_in_the_database_across_restarts(sqlite_url: str) -> None:
    api = make_api(sqlite_url)
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    first = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    tokens = api.tokens
    api.runtime.close()

    restarted = make_api_without_users(sqlite_url, tokens)
    before = restarted.events()
    retry = restarted.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    assert (retry.status_code, retry.json) == (first.status_code, first.json)
    assert restarted.events() == before
    restarted.runtime.close()


def test_a_refused_command_does_not_use_up_its_key(api: Api) -> None:
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    too_much = api.post("tess", path, {**PAYMENT, "amount": "900000"}, Idempotency_Key="pay-1")
    assert too_much.status_code == 422
    assert api.post("tess", path, PAYMENT, Idempotency_Key="pay-1").status_code == 200


def test_keys_belong_to_their_user(api: Api) -> None:
    grant_id = approved_grant(api)
    api.add("tom", "treasurer")
    path = f"/api/grants/{grant_id}/payments"
    assert api.post("tess", path, PAYMENT, Idempotency_Key="k").status_code == 200
    theirs = api.post("tom", path, {**PAYMENT, "reference": "BACS 2"}, Idempotency_Key="k")
    assert theirs.status_code == 200
    assert theirs.json["paid"] == "200000.00"


def test_a_payment_recorded_but_never_answered_is_answered_from_the_grant_as_paid(
    api_on_both: Api, monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = api_on_both
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    monkeypatch.setattr(api.runtime.keys, "complete", lambda *args: None)
    first = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    api.post("tess", path, {**PAYMENT, "reference": "BACS 2"})
    after = api.events()
    retry = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    assert (retry.status_code, retry.json) == (200, first.json)
    assert retry.headers["ETag"] == first.headers["ETag"]
    assert retry.headers["Idempotent-Replayed"] == "true"
    assert api.events() == after
    assert api.get("tess", f"/api/grants/{grant_id}").json["paid"] == "200000.00"


def test_a_record_created_but_never_answered_is_answered_with_its_location(
    api: Api, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(api.runtime.keys, "complete", lambda *args: None)
    programme = {"name": "Drive", "lead_body": "SafeLives"}
    first = api.post("greg", "/api/programmes", programme, Idempotency_Key="p-1")
    retry = api.post("greg", "/api/programmes", programme, Idempotency_Key="p-1")
    assert (retry.status_code, retry.json) == (201, first.json)
    assert retry.headers["Location"] == first.headers["Location"]


def test_a_command_that_fails_after_recording_keeps_its_key(
    api: Api, monkeypatch: pytest.MonkeyPatch,
) -> None:
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    monkeypatch.setattr("webapp.commands.tagged", lambda *args, **kwargs: 1 / 0)
    assert api.post("tess", path, PAYMENT, Idempotency_Key="pay-1").status_code == 500
    monkeypatch.undo()
    after = api.events()
    retry = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    assert retry.status_code == 200
    assert retry.json["paid"] == "100000.00"
    assert api.events() == after


def test_a_key_whose_request_died_before_recording_is_free_after_its_lease(
    sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
) -> None:
    api = make_api(sqlite_url, IDEMPOTENCY_LEASE_SECONDS=0.3)
    grant_id = approved_grant(api)
    path = f"/api/grants/{grant_id}/payments"
    monkeypatch.setattr(api.runtime.keys, "release", lambda *args: None)
    monkeypatch.setattr(api.runtime.app, "handle", lambda *args, **kwargs: 1 / 0)
    assert api.post("tess", path, PAYMENT, Idempotency_Key="pay-1").status_code == 500
    monkeypatch.undo()
    waiting = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    assert waiting.status_code == 409
    assert waiting.headers["Retry-After"] == "1"
    time.sleep(0.4)
    retry = api.post("tess", path, PAYMENT, Idempotency_Key="pay-1")
    assert retry.status_code == 200
    assert retry.json["paid"] == "100000.00"
    api.runtime.close()


def make_api_without_users(url: str, tokens: dict[str, str]) -> Api:
    from datetime import date

    from webapp import create_app

    restarted = Api(create_app({"DATABASE_URL": url, "TODAY": lambda: date(2017, 1, 15)}))
    restarted.tokens = tokens
    return restarted
