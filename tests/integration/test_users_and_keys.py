"""Users' tokens and idempotency keys, kept in the store's database on both stores."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from uuid import UUID

import pytest

from adapters.idempotency import ClaimLapsedError, Outcome, StoredResponse
from adapters.system import System
from adapters.users import Role, UserError
from domain.commands import RegisterProgramme
from grantledger.bootstrap import build
from tests.stores import registered


@pytest.fixture
def service(store_url: str) -> Iterator[System]:
    made = build(store_url)
    yield made
    made.close()


def test_a_token_is_stored_only_as_its_hash(service: System) -> None:
    users = service.users
    registered(service.app, "Essex PCC")
    token = users.add("tess", [Role.TREASURER], "Essex PCC")
    with service.database.transaction(write=False) as cursor:
        cursor.execute("SELECT name, roles, body, token_hash FROM api_users")
        rows = cursor.fetchall()
    assert [tuple(r[:3]) for r in rows] == [("tess", "treasurer", "Essex PCC")]
    assert token not in rows[0][3]
    user = users.authenticate(token)
    assert user is not None and user.roles == {Role.TREASURER}
    users.revoke("tess")
    assert users.authenticate(token) is None
    with pytest.raises(UserError):
        users.revoke("tess")
    assert users.authenticate(users.add("tess", [Role.AUDITOR], "Essex PCC")) is not None


def test_a_key_is_claimed_once_then_replayed_or_refused(service: System) -> None:
    keys = service.keys
    first = keys.claim("tess", "k", "body-1")
    assert first.outcome is Outcome.NEW
    assert keys.claim("tess", "k", "body-1").outcome is Outcome.IN_PROGRESS
    answer = StoredResponse(200, '{"paid": "1.00"}', {"ETag": '"3"'})
    keys.complete("tess", "k", first.token, answer)
    replay = keys.claim("tess", "k", "body-1")
    assert replay.outcome is Outcome.REPLAY
    assert replay.response == answer
    assert keys.claim("tess", "k", "body-2").outcome is Outcome.MISMATCH
    assert keys.claim("tom", "k", "body-2").outcome is Outcome.NEW


def test_a_released_key_may_be_claimed_again(service: System) -> None:
    keys = service.keys
    claim = keys.claim("tess", "k", "body-1")
    keys.release("tess", "k", claim.token)
    assert keys.claim("tess", "k", "body-2").outcome is Outcome.NEW


def test_a_key_is_marked_recorded_in_the_transaction_of_its_events(service: System) -> None:
    keys = service.keys
    claim = keys.claim("tess", "k", "body-1")
    with keys.holding("tess", "k", claim.token):
        programme_id = register(service, "Safer Streets")
    keys.release("tess", "k", claim.token)
    recorded = keys.claim("tess", "k", "body-1")
    assert recorded.outcome is Outcome.RECORDED
    assert [(v.record_id, v.created) for v in recorded.recorded] == [(programme_id, True)]
    assert keys.unanswered() == [("tess", "k", True)]


def test_a_lapsed_claim_is_taken_over_and_its_request_can_record_nothing(
    store_url: str,
) -> None:
    service = build(store_url, lease_seconds=0.1)
    keys = service.keys
    slow = keys.claim("tess", "k", "body-1")
    waiting = keys.claim("tess", "k", "body-1")
    assert (waiting.outcome, waiting.retry_after) == (Outcome.IN_PROGRESS, 1)
    time.sleep(0.2)
    retry = keys.claim("tess", "k", "body-1")
    assert retry.outcome is Outcome.NEW
    before = service.app.recorder.max_notification_id()
    with keys.holding("tess", "k", slow.token), pytest.raises(ClaimLapsedError):
        register(service, "Safer Streets")
    assert service.app.recorder.max_notification_id() == before
    with keys.holding("tess", "k", retry.token):
        register(service, "Safer Streets")
    assert keys.claim("tess", "k", "body-1").outcome is Outcome.RECORDED
    service.close()


def register(service: System, name: str) -> UUID:
    return service.app.handle(RegisterProgramme(on=date(2016, 4, 1), name=name,
                                                lead_body="Essex PCC"), "tess")
