"""Writing the journal in the same transaction as the events it translates, so that either
an event and everything the ledgers derive from it are recorded, or neither is."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from readmodel import schema
from readmodel.errors import LedgersUnavailableError
from readmodel.sql import Cursor
from readmodel.store import StoredBooks, Write, execute
from readmodel.translation import Entries, Recorded, translate

VERSION = schema.version()
HEAD = "journal"


def recorded(positions: Sequence[int], events: Sequence[Any]) -> list[Recorded]:
    return [Recorded.of(p, e) for p, e in zip(positions, events, strict=True)]


def write(cursor: Cursor, events: Sequence[Recorded]) -> None:
    """Translate events just recorded and write what they change, through the cursor of the
    transaction that records them."""
    head = position_of(cursor)
    if head.rebuilding:
        raise LedgersUnavailableError(
            "The ledgers are being rebuilt, so nothing can be recorded until the rebuild "
            "finishes; nothing was recorded. Run `grantledger rebuild` if none is running."
        )
    books = StoredBooks(cursor)
    entries = translated(books, events, head)
    books.flush(entries)
    advance(cursor, entries, rebuilding=False)


def translated(books: StoredBooks, events: Iterable[Recorded], head: Head) -> Entries:
    events = list(events)
    books.prefetch(events)
    entries = Entries(known_by=head.known_by)
    for event in events:
        translate(event, books, entries)
    return entries


def advance(cursor: Cursor, entries: Entries, rebuilding: bool) -> None:
    """Move the head to the last event translated; while rebuilding, that is how far the
    rebuild has come."""
    execute(cursor, [advance_write(entries, rebuilding)])


def advance_write(entries: Entries, rebuilding: bool) -> Write:
    position, known_by = entries.last_position, entries.known_by
    if rebuilding:
        return (f"UPDATE {schema.HEAD.name} SET position = ?, known_by = ?, rebuilt_to = ? "
                "WHERE name = ?", [(position, known_by, position, HEAD)])
    return (f"UPDATE {schema.HEAD.name} SET position = ?, known_by = ? WHERE name = ?",
            [(position, known_by, HEAD)])


class Head:
    """How far the journal has translated the log: the last position, the latest moment any
    event up to it was recorded, and, while a rebuild runs, how far it has come."""

    def __init__(self, position: int, rebuilt_to: int | None, known_by: str = "") -> None:
        self.position = position
        self.rebuilt_to = rebuilt_to
        self.known_by = known_by

    @property
    def rebuilding(self) -> bool:
        return self.rebuilt_to is not None


def position_of(cursor: Cursor) -> Head:
    cursor.execute(
        f"SELECT position, rebuilt_to, known_by FROM {schema.HEAD.name} WHERE name = ?",
        (HEAD,))
    found = cursor.fetchone()
    if found is None:
        return Head(0, 0)
    return Head(int(found[0]), None if found[1] is None else int(found[1]), found[2] or "")


def create(cursor: Cursor, has_events: bool) -> None:
    """Create the tables, or replace those of an older version. A store that already has
    events then needs a rebuild before it takes commands again."""
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {schema.HEAD.name} (name TEXT PRIMARY KEY, "
                   "position BIGINT NOT NULL, rebuilt_to BIGINT, known_by TEXT NOT NULL "
                   "DEFAULT '')")
    cursor.execute(f"SELECT position FROM {schema.HEAD.name} WHERE name = 'schema'")
    found = cursor.fetchone()
    if found is not None and int(found[0]) == VERSION:
        return
    for name in (*(t.name for t in schema.TABLES), *schema.RETIRED):
        cursor.execute(f"DROP TABLE IF EXISTS {name}")
    for statement in schema.statements(cursor.dialect):
        cursor.execute(statement)
    cursor.execute(f"DELETE FROM {schema.HEAD.name}")
    cursor.executemany(
        f"INSERT INTO {schema.HEAD.name} (name, position, rebuilt_to) VALUES (?, ?, ?)",
        [("schema", VERSION, None), (HEAD, 0, 0 if has_events else None)],
    )
