"""The register of bodies as a table, `body_register`, written from the bodies' events in the
transaction recording them, so reading it costs what it returns; and the bodies of a store
made before the register, registered on first open."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from adapters.database import Database
from domain.application import Grantledger
from domain.body import Body
from domain.commands import RegisterBody
from readmodel.sql import Cursor, upsert

MIGRATION = "register of bodies"


@dataclass(frozen=True)
class Entry:
    name: str
    kind: str
    predecessor: str
    successor: str


class Register:
    COLUMNS = ("name", "kind", "predecessor", "successor", "created_on", "key")

    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, cursor: Cursor) -> None:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS body_register (name TEXT NOT NULL, kind TEXT NOT NULL, "
            "predecessor TEXT NOT NULL, successor TEXT NOT NULL, created_on DATE, "
            "key TEXT PRIMARY KEY)")

    def record(self, cursor: Cursor, positions: Sequence[int], events: Sequence[Any]) -> None:
        """Write what the bodies' events change, in the transaction recording them."""
        for event in events:
            key = str(event.originator_id)
            if isinstance(event, Body.Registered):
                cursor.execute(upsert("body_register", self.COLUMNS, ("key",)), (
                    event.name, event.kind.value, event.predecessor, "", event.business_date,
                    key))
            elif isinstance(event, Body.Succeeded):
                cursor.execute("UPDATE body_register SET successor = ? WHERE key = ?",
                               (event.successor, key))

    def entries(self) -> list[Entry]:
        with self.database.transaction(write=False) as cursor:
            cursor.execute("SELECT name, kind, predecessor, successor FROM body_register "
                           "ORDER BY LOWER(name)")
            return [Entry(*row) for row in cursor.fetchall()]

    def names(self) -> list[str]:
        return [entry.name for entry in self.entries()]


def migrate(app: Grantledger, known: Sequence[str]) -> int:
    """Register, as of a kind not stated, every body a store made before the register names;
    how many."""
    added = 0
    for name in sorted(set(known)):
        if name.strip() and not app.has_body(name):
            app.handle(RegisterBody(name=name), MIGRATION, transcribing=True)
            added += 1
    return added
