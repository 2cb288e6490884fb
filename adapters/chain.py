"""Tamper evidence: every stored event is chained to the one before by a SHA-256 link.

The link of position n is sha256(link of n-1, position, originator, version, topic, stored
bytes), written in the same transaction as the event. Rewriting, deleting or inserting a stored
event breaks the chain from that position on, unless every later link is rewritten too, which
comparing the head link with one noted earlier reveals.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor
from eventsourcing.utils import retry
from psycopg.sql import SQL, Identifier

from adapters.database import Database, postgres_cursor, sqlite_cursor
from readmodel.errors import LedgerLimitError
from readmodel.sql import Cursor

CHAIN_TABLE = "event_chain"
GENESIS = "0" * 64


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@contextmanager
def refused_whole(dialect: str) -> Iterator[None]:
    """A value the database cannot hold refuses the whole transaction with a clear reason,
    rather than being taken for a clash of versions."""
    try:
        yield
    except (sqlite3.IntegrityError, sqlite3.DataError, psycopg.DataError,
            psycopg.errors.CheckViolation) as error:
        raise LedgerLimitError(
            "The ledgers cannot hold what this would record, so nothing was recorded: "
            f"{str(error).splitlines()[0]}"
        ) from None


def link(previous: str, position: int, originator_id: UUID | str, version: int, topic: str,
         state: bytes) -> str:
    header = f"{previous}\n{position}\n{dashed(originator_id)}\n{version}\n{topic}\n"
    return hashlib.sha256(header.encode() + bytes(state)).hexdigest()


def dashed(originator_id: UUID | str) -> str:
    """An id in its canonical form, as the chain hashes it, whichever form the store keeps."""
    text = str(originator_id)
    if len(text) == 32 and text.isalnum():
        return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}".lower()
    return str(UUID(text))


def links(previous: str, positions: Sequence[int], events: Sequence[StoredEvent]
          ) -> list[tuple[int, str]]:
    chained = []
    for position, stored in zip(positions, events, strict=True):
        previous = link(previous, position, stored.originator_id, stored.originator_version,
                        stored.topic, stored.state)
        chained.append((position, previous))
    return chained


def follow(cursor: Cursor, positions: Sequence[int], stored_events: Sequence[StoredEvent],
           consequences: Consequences | None) -> None:
    """Chain the events just inserted, then write their consequences, through the cursor of
    the transaction inserting them."""
    cursor.execute(f"SELECT link FROM {CHAIN_TABLE} ORDER BY position DESC LIMIT 1")
    head = cursor.fetchone()
    chained = links(head[0] if head else GENESIS, positions, stored_events)
    cursor.executemany(f"INSERT INTO {CHAIN_TABLE} (position, link) VALUES (?, ?)", chained)
    if consequences is not None:
        consequences(cursor, positions)


Consequences = Callable[[Cursor, Sequence[int]], None]


class ChainedSQLiteRecorder(SQLiteApplicationRecorder):
    def construct_create_table_statements(self) -> list[str]:
        return [
            *super().construct_create_table_statements(),
            f"CREATE TABLE IF NOT EXISTS {CHAIN_TABLE} "
            "(position INTEGER PRIMARY KEY, link TEXT NOT NULL)",
        ]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        positions = self.inserted(c, stored_events)
        if positions:
            cursor = sqlite_cursor(c.sqlite_cursor.connection)
            with refused_whole(cursor.dialect):
                follow(cursor, positions, stored_events, kwargs.get("consequences"))
        return positions


    def inserted(self, c: SQLiteCursor, stored_events: Sequence[StoredEvent]) -> list[int]:
        """Insert the events in one statement; the insert holds the write lock, so their
        positions are the last ones of the table, in order."""
        c.executemany(self.insert_events_statement, [
            (s.originator_id.hex if isinstance(s.originator_id, UUID) else s.originator_id,
             s.originator_version, s.topic, s.state) for s in stored_events])
        c.execute(f"SELECT MAX(rowid) FROM {self.events_table_name}")
        last = int(c.fetchone()[0] or 0)
        return list(range(last - len(stored_events) + 1, last + 1))


class ChainedPostgresRecorder(PostgresApplicationRecorder):
    def __init__(self, datastore: Any, *, events_table_name: str = "stored_events") -> None:
        super().__init__(datastore, events_table_name=events_table_name)
        self.sql_create_statements.append(
            SQL(
                "CREATE TABLE IF NOT EXISTS {} (position bigint PRIMARY KEY, link text NOT NULL)"
            ).format(Identifier(self.datastore.schema, CHAIN_TABLE))
        )

    @retry((InterfaceError, OperationalError), max_attempts=10, wait=0.2)
    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """As the library records events, but outside pipeline mode, so that a failure after
        the insert, in the chain or the journal, rolls the whole transaction back: the
        library's own version keeps the exception from the transaction, which then commits
        the events, and in pipeline mode a later query may read an earlier one's results."""
        with self.datastore.get_connection() as conn, conn.transaction(), \
                conn.cursor() as curs:
            self._insert_stored_events(curs, stored_events, **kwargs)
            return self._fetch_ids_after_insert_events(curs, stored_events, **kwargs)

    def _fetch_ids_after_insert_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # The events table is locked in EXCLUSIVE mode here, so the head cannot move under us.
        positions = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        if positions:
            cursor = postgres_cursor(curs.connection)
            cursor.execute("SET LOCAL search_path TO " + quoted(self.datastore.schema))
            with refused_whole(cursor.dialect):
                follow(cursor, positions, stored_events, kwargs.get("consequences"))
        return positions


@dataclass(frozen=True)
class Verdict:
    count: int
    head: str
    broken_at: int | None = None
    problem: str = ""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def __str__(self) -> str:
        if self.intact:
            return f"Chain intact: {self.count} events, head link {self.head}"
        return (
            f"Chain broken at position {self.broken_at}: {self.problem} "
            f"({self.count} events verified before it)"
        )


ChainRow = tuple[int | None, Any, Any, Any, Any, int | None, str | None]


def verify(rows: Iterable[ChainRow]) -> Verdict:
    """Rows are (event position, originator, version, topic, state, chain position, link),
    outer-joined both ways and ordered by position."""
    previous, count = GENESIS, 0
    for position, originator, version, topic, state, chained_at, stored_link in rows:
        at = position if position is not None else chained_at
        assert at is not None
        if position is None:
            return Verdict(count, previous, at, "a chained event is missing from the store")
        if chained_at is None or stored_link is None:
            return Verdict(count, previous, at, "a stored event has no link in the chain")
        expected = link(previous, position, originator, version, topic, state)
        if expected != stored_link:
            return Verdict(count, previous, at, "the stored event does not match its link")
        previous, count = expected, count + 1
    return Verdict(count, previous)


PAGE = 1000


def stored_rows(database: Database) -> Iterator[ChainRow]:
    """The stored events beside their links, page by page, in order of position."""
    column, table = database.position_column, database.events_table
    after = 0
    while True:
        with database.transaction(write=False) as cursor:
            cursor.execute(
                f"SELECT {column}, originator_id, originator_version, topic, state FROM {table} "
                f"WHERE {column} > ? ORDER BY {column} LIMIT ?",
                (after, PAGE),
            )
            events = {int(row[0]): row for row in cursor.fetchall()}
            upper = max(events) if len(events) == PAGE else None
            bound = "" if upper is None else " AND position <= ?"
            cursor.execute(
                f"SELECT position, link FROM {CHAIN_TABLE} WHERE position > ?{bound} "
                "ORDER BY position",
                (after,) if upper is None else (after, upper),
            )
            chained = {int(p): str(k) for p, k in cursor.fetchall()}
        for position in sorted({*events, *chained}):
            row = events.get(position)
            stored = tuple(row[1:]) if row is not None else (None, None, None, None)
            yield (position if row is not None else None, *stored,
                   position if position in chained else None, chained.get(position))
        if upper is None:
            return
        after = upper
