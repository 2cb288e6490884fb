"""Idempotency keys kept in the database, so a retried command is answered, not repeated,
whichever worker receives it and however often the server restarts."""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from adapters.database import Database


class Outcome(Enum):
    NEW = "new"
    REPLAY = "replay"
    MISMATCH = "mismatch"
    IN_PROGRESS = "in progress"


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Claim:
    outcome: Outcome
    response: StoredResponse | None = None


class IdempotencyKeys:
    def __init__(self, database: Database) -> None:
        self.database = database
        with database.transaction() as cursor:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS idempotency_keys (owner TEXT NOT NULL, "
                "key TEXT NOT NULL, fingerprint TEXT NOT NULL, claim TEXT NOT NULL, "
                "status INTEGER, body TEXT, headers TEXT, created_at TEXT NOT NULL, "
                "PRIMARY KEY (owner, key))"
            )

    def claim(self, owner: str, key: str, fingerprint: str) -> Claim:
        """Reserve the key for this request, or say what became of the first one to use it."""
        mine = secrets.token_hex(16)
        with self.database.transaction() as cursor:
            cursor.execute(
                "INSERT INTO idempotency_keys (owner, key, fingerprint, claim, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (owner, key) DO NOTHING",
                (owner, key, fingerprint, mine, datetime.now(UTC).isoformat()),
            )
            cursor.execute(
                "SELECT fingerprint, claim, status, body, headers FROM idempotency_keys "
                "WHERE owner = ? AND key = ?",
                (owner, key),
            )
            stored_fingerprint, claim, status, body, headers = cursor.fetchone()
        if claim == mine:
            return Claim(Outcome.NEW)
        if stored_fingerprint != fingerprint:
            return Claim(Outcome.MISMATCH)
        if status is None:
            return Claim(Outcome.IN_PROGRESS)
        return Claim(Outcome.REPLAY, StoredResponse(int(status), body, json.loads(headers)))

    def complete(self, owner: str, key: str, response: StoredResponse) -> None:
        with self.database.transaction() as cursor:
            cursor.execute(
                "UPDATE idempotency_keys SET status = ?, body = ?, headers = ? "
                "WHERE owner = ? AND key = ?",
                (response.status, response.body, json.dumps(response.headers), owner, key),
            )

    def release(self, owner: str, key: str) -> None:
        """Forget a key whose request recorded nothing, so it may be tried again."""
        with self.database.transaction() as cursor:
            cursor.execute(
                "DELETE FROM idempotency_keys WHERE owner = ? AND key = ? AND status IS NULL",
                (owner, key),
            )
