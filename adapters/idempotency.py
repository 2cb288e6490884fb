"""Idempotency keys kept in the database, so a retried command is answered, not repeated,
whichever worker receives it, however often the server restarts and wherever it stopped.

A request first claims its key for a short lease. The events its command records mark the key
as recorded in their own transaction, naming each record they changed and its version, so a
key is either free, claimed by a request still running, or recorded: never both recorded and
free. The answer is kept once it is sent; a server stopping between the commit and the answer
leaves a recorded key, and its retry is answered from the records at those versions. A claim
whose request died before recording anything lapses with its lease and the retry runs; a
request that outlives its lease can no longer record anything, so a command is never recorded
twice under one key."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from enum import Enum
from typing import Any
from uuid import UUID

from adapters.database import Database
from domain.errors import ConcurrentChangeError
from readmodel.sql import Cursor

LEASE_SECONDS = 10.0
COLUMNS = {"lease_until": "DOUBLE PRECISION", "recorded": "TEXT"}


class Outcome(Enum):
    NEW = "new"
    REPLAY = "replay"
    RECORDED = "recorded"
    MISMATCH = "mismatch"
    IN_PROGRESS = "in progress"


@dataclass(frozen=True)
class StoredResponse:
    status: int
    body: str
    headers: dict[str, str]


@dataclass(frozen=True)
class Version:
    """A record a command changed: its version before the command and after it."""

    record_id: UUID
    first: int
    last: int

    @property
    def created(self) -> bool:
        return self.first == 1


@dataclass(frozen=True)
class Claim:
    outcome: Outcome
    token: str = ""
    response: StoredResponse | None = None
    recorded: tuple[Version, ...] = ()
    retry_after: int = 0


@dataclass
class Pending:
    """The claim a request holds while its command runs, and what it has recorded so far."""

    owner: str
    key: str
    token: str
    versions: dict[UUID, Version] = field(default_factory=dict)

    def add(self, events: Sequence[Any]) -> None:
        for event in events:
            record_id, version = event.originator_id, event.originator_version
            earlier = self.versions.get(record_id)
            first = earlier.first if earlier else version
            self.versions[record_id] = Version(record_id, first, version)

    def encoded(self) -> str:
        return json.dumps([[str(v.record_id), v.first, v.last] for v in self.versions.values()])


class ClaimLapsedError(ConcurrentChangeError):
    """The request outlived its key's lease and another took the key over."""


def decoded(recorded: str) -> tuple[Version, ...]:
    return tuple(Version(UUID(i), int(first), int(last)) for i, first, last in json.loads(recorded))


class IdempotencyKeys:
    def __init__(self, database: Database, lease_seconds: float = LEASE_SECONDS) -> None:
        self.database = database
        self.lease_seconds = lease_seconds
        self.pending: ContextVar[Pending | None] = ContextVar(
            f"idempotency-{id(self)}", default=None)

    def create(self, cursor: Cursor) -> None:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS idempotency_keys (owner TEXT NOT NULL, "
            "key TEXT NOT NULL, fingerprint TEXT NOT NULL, claim TEXT NOT NULL, "
            "status INTEGER, body TEXT, headers TEXT, created_at TEXT NOT NULL, "
            "lease_until DOUBLE PRECISION, recorded TEXT, PRIMARY KEY (owner, key))"
        )
        cursor.execute("SELECT * FROM idempotency_keys WHERE 1 = 0")
        present = {column[0] for column in cursor.description}
        for column, kind in COLUMNS.items():
            if column not in present:
                cursor.execute(f"ALTER TABLE idempotency_keys ADD COLUMN {column} {kind}")

    def claim(self, owner: str, key: str, fingerprint: str) -> Claim:
        """Reserve the key for this request, or say what became of the first one to use it."""
        mine, now = secrets.token_hex(16), time.time()
        with self.database.transaction() as cursor:
            cursor.execute(
                "INSERT INTO idempotency_keys (owner, key, fingerprint, claim, lease_until, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (owner, key) DO NOTHING",
                (owner, key, fingerprint, mine, now + self.lease_seconds, stamp(now)),
            )
            cursor.execute(
                "SELECT fingerprint, claim, lease_until, recorded, status, body, headers "
                "FROM idempotency_keys WHERE owner = ? AND key = ?",
                (owner, key),
            )
            stored_fingerprint, claim, lease_until, recorded, status, body, headers = (
                cursor.fetchone())
            if claim == mine:
                return Claim(Outcome.NEW, mine)
            if stored_fingerprint != fingerprint:
                return Claim(Outcome.MISMATCH)
            if status is not None:
                return Claim(Outcome.REPLAY, response=StoredResponse(
                    int(status), body, json.loads(headers)))
            if recorded is not None:
                return Claim(Outcome.RECORDED, recorded=decoded(recorded))
            if lease_until is not None and lease_until > now:
                return Claim(Outcome.IN_PROGRESS, retry_after=int(lease_until - now) + 1)
            cursor.execute(
                "UPDATE idempotency_keys SET claim = ?, lease_until = ? WHERE owner = ? "
                "AND key = ? AND claim = ? AND recorded IS NULL RETURNING claim",
                (mine, now + self.lease_seconds, owner, key, claim),
            )
            if cursor.fetchone() is None:
                return Claim(Outcome.IN_PROGRESS, retry_after=1)
            return Claim(Outcome.NEW, mine)

    @contextmanager
    def holding(self, owner: str, key: str, token: str) -> Iterator[Pending]:
        """Commands recorded inside mark the key as recorded, in their own transaction."""
        pending = Pending(owner, key, token)
        reset = self.pending.set(pending)
        try:
            yield pending
        finally:
            self.pending.reset(reset)

    def record(self, cursor: Cursor, positions: Sequence[int], events: Sequence[Any]) -> None:
        """Mark the key held by the request recording these events, in their transaction; a
        request whose claim has lapsed records nothing."""
        pending = self.pending.get()
        if pending is None:
            return
        pending.add(events)
        cursor.execute(
            "UPDATE idempotency_keys SET recorded = ? WHERE owner = ? AND key = ? "
            "AND claim = ? RETURNING claim",
            (pending.encoded(), pending.owner, pending.key, pending.token),
        )
        if cursor.fetchone() is None:
            raise ClaimLapsedError(
                "This request took longer than its Idempotency-Key's lease and a retry took "
                "the key over; nothing of it was recorded")

    def complete(self, owner: str, key: str, token: str, response: StoredResponse) -> None:
        with self.database.transaction() as cursor:
            cursor.execute(
                "UPDATE idempotency_keys SET status = ?, body = ?, headers = ? "
                "WHERE owner = ? AND key = ? AND (claim = ? OR recorded IS NOT NULL)",
                (response.status, response.body, json.dumps(response.headers), owner, key,
                 token),
            )

    def release(self, owner: str, key: str, token: str) -> None:
        """Free a key whose request recorded nothing, so it may be tried again at once."""
        with self.database.transaction() as cursor:
            cursor.execute(
                "DELETE FROM idempotency_keys WHERE owner = ? AND key = ? AND claim = ? "
                "AND status IS NULL AND recorded IS NULL",
                (owner, key, token),
            )

    def unanswered(self) -> list[tuple[str, str, bool]]:
        """Keys without a kept answer: (owner, key, whether their command was recorded)."""
        with self.database.transaction(write=False) as cursor:
            cursor.execute("SELECT owner, key, recorded FROM idempotency_keys "
                           "WHERE status IS NULL ORDER BY owner, key")
            return [(owner, key, recorded is not None) for owner, key, recorded in
                    cursor.fetchall()]


def stamp(moment: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment))
