"""Users' tokens and idempotency keys, kept in the store's database on both stores."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from adapters.idempotency import IdempotencyKeys, Outcome, StoredResponse
from adapters.system import System
from adapters.users import Role, UserError, Users
from grantledger.bootstrap import build


@pytest.fixture
def service(store_url: str) -> Iterator[System]:
    made = build(store_url)
    yield made
    made.close()


def test_a_token_is_stored_only_as_its_hash(service: System) -> None:
    users = Users(service.database)
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
    keys = IdempotencyKeys(service.database)
    assert keys.claim("tess", "k", "body-1").outcome is Outcome.NEW
    assert keys.claim("tess", "k", "body-1").outcome is Outcome.IN_PROGRESS
    keys.complete("tess", "k", StoredResponse(200, '{"paid": "1.00"}', {"ETag": '"3"'}))
    replay = keys.claim("tess", "k", "body-1")
    assert replay.outcome is Outcome.REPLAY
    assert replay.response == StoredResponse(200, '{"paid": "1.00"}', {"ETag": '"3"'})
    assert keys.claim("tess", "k", "body-2").outcome is Outcome.MISMATCH
    assert keys.claim("tom", "k", "body-2").outcome is Outcome.NEW


def test_a_released_key_may_be_claimed_again(service: System) -> None:
    keys = IdempotencyKeys(service.database)
    assert keys.claim("tess", "k", "body-1").outcome is Outcome.NEW
    keys.release("tess", "k")
    assert keys.claim("tess", "k", "body-2").outcome is Outcome.NEW
