"""Tamper evidence: every stored event is chained to the one before by a SHA-256 link.

The link of position n is sha256(link of n-1, position, originator, version, topic, stored
bytes), written in the same transaction as the event. Rewriting, deleting or inserting a stored
event breaks the chain from that position on, unless every later link is rewritten too, which
comparing the head link with one noted earlier reveals.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import InterfaceError, OperationalError, StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder
from eventsourcing.sqlite import (
    SQLiteApplicationRecorder,
    SQLiteConnection,
    SQLiteConnectionPool,
    SQLiteCursor,
    SQLiteFactory,
)
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
    digest = hashlib.sha256(header.encode())
    digest.update(state)
    return digest.hexdigest()


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


class PreparingSQLiteConnectionPool(SQLiteConnectionPool):
    """The library's SQLite connections, keeping their prepared statements: it opens them with
    a statement cache of one, so the dozen statements a command writes through the journal
    were each compiled afresh, a third of a command's cost. A larger page cache, and the
    write-ahead log checkpointed every 10,000 pages rather than 1,000, so that the pages each
    command rewrites (the tails of the journal and its indexes) are copied back less often."""

    STATEMENTS = 256
    CACHE_KIB = 65536
    CHECKPOINT_PAGES = 10000

    def _create_connection(self) -> SQLiteConnection:
        try:
            connection = sqlite3.connect(
                self.db_name, uri=True, check_same_thread=False, isolation_level=None,
                cached_statements=self.STATEMENTS, timeout=self.lock_timeout or 5,
            )
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute(f"PRAGMA cache_size=-{self.CACHE_KIB}")
            connection.execute(f"PRAGMA wal_autocheckpoint={self.CHECKPOINT_PAGES}")
        except sqlite3.Error as error:
            raise InterfaceError(error) from error
        self.is_journal_mode_wal = True
        connection.row_factory = sqlite3.Row
        return SQLiteConnection(sqlite_conn=connection, max_age=self.max_age)


class ChainedSQLiteFactory(SQLiteFactory):
    """The library's SQLite store with the chained recorder and connections that keep their
    prepared statements."""

    application_recorder_class = ChainedSQLiteRecorder

    def __init__(self, env: Any) -> None:
        super().__init__(env)
        library = self.datastore.pool
        self.datastore.pool = PreparingSQLiteConnectionPool(
            db_name=library.db_name, lock_timeout=library.lock_timeout)


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
    anchors: int = 0
    """How many anchored links the chain was found to pass through."""
    position: int = 0
    """The position of the head."""

    @property
    def intact(self) -> bool:
        return self.broken_at is None

    def __str__(self) -> str:
        if self.intact:
            held = (f"; {self.anchors} anchored link{'s' if self.anchors > 1 else ''} "
                    f"hold{'' if self.anchors > 1 else 's'}") if self.anchors else ""
            return (f"Chain intact: {self.count} events, head {self.position}:{self.head}"
                    f"{held}")
        return (
            f"Chain broken at position {self.broken_at}: {self.problem} "
            f"({self.count} events verified before it)"
        )


Anchored = Mapping[int, str]
"""Links noted earlier, by position: the chain recomputed must pass through each."""


ChainRow = tuple[int | None, Any, Any, Any, Any, int | None, str | None]


def verify(rows: Iterable[ChainRow], previous: str = GENESIS,
           anchored: Anchored = MappingProxyType({})) -> Verdict:
    """Rows are (event position, originator, version, topic, state, chain position, link),
    outer-joined both ways and ordered by position; `previous` is the link before them."""
    count = held = reached = 0
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
        if position in anchored:
            if anchored[position] != expected:
                return Verdict(count, previous, at, "the events up to here are not those "
                               f"anchored: the link anchored here was {anchored[position]}, "
                               f"the events give {expected}")
            held += 1
        previous, count, reached = expected, count + 1, position
    return Verdict(count, previous, anchors=held, position=reached)


SPLIT_FROM = 200_000


class ChainCheckError(Exception):
    pass


def verify_all(database: Database, connect: Callable[[], Database],
               split_from: int = SPLIT_FROM, anchored: Anchored = MappingProxyType({})
               ) -> Verdict:
    """The whole chain, passing through every anchored link; a long one in two halves at
    once, the later half in a process of its own starting from the link stored where the
    earlier half ends: each link depends only on the one stored before it, so the halves
    together check what one pass would."""
    with database.transaction(write=False) as cursor:
        cursor.execute(f"SELECT MAX(position) FROM {CHAIN_TABLE}")
        last = int(cursor.fetchone()[0] or 0)
        cursor.execute(f"SELECT MAX({database.position_column}) FROM {database.events_table}")
        last = max(last, int(cursor.fetchone()[0] or 0))
    verdict = halves(database, connect, split_from, anchored, last)
    beyond = [position for position in anchored if position > last]
    if verdict.intact and beyond:
        return Verdict(verdict.count, verdict.head, last + 1,
                       f"the log ends at {last}, before the link anchored at {max(beyond)}: "
                       "events were removed from its end")
    return verdict


def halves(database: Database, connect: Callable[[], Database], split_from: int,
           anchored: Anchored, last: int) -> Verdict:
    if last < split_from:
        return verify(stored_rows(database), anchored=anchored)
    middle = last // 2
    with database.transaction(write=False) as cursor:
        cursor.execute(f"SELECT link FROM {CHAIN_TABLE} WHERE position <= ? "
                       "ORDER BY position DESC LIMIT 1", (middle,))
        found = cursor.fetchone()
    later = subprocess.Popen([sys.executable, "-m", "adapters.chain"],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    job = (connect, middle, found[0] if found else GENESIS, dict(anchored))
    try:
        assert later.stdin is not None and later.stdout is not None
        later.stdin.write(pickle.dumps(job))
        later.stdin.close()
        first = verify(stored_rows(database, through=middle), anchored=anchored)
        answer = later.stdout.read()
        if later.wait() != 0:
            raise ChainCheckError("The check of the chain's later half failed")
    finally:
        if later.poll() is None:
            later.kill()
    if not first.intact:
        return first
    second = Verdict(*pickle.loads(answer))
    return Verdict(first.count + second.count, second.head, second.broken_at, second.problem,
                   first.anchors + second.anchors, second.position)


def verify_later_half() -> None:
    """In the process checking the later half: read the job, check, answer with the verdict."""
    connect, after, previous, anchored = pickle.loads(sys.stdin.buffer.read())
    database = connect()
    verdict = verify(stored_rows(database, after=after), previous, anchored)
    database.close()
    answer = (verdict.count, verdict.head, verdict.broken_at, verdict.problem, verdict.anchors,
              verdict.position)
    sys.stdout.buffer.write(pickle.dumps(answer))


PAGE = 5000


def stored_rows(database: Database, after: int = 0,
                through: int | None = None) -> Iterator[ChainRow]:
    """The stored events beside their links, page by page, in order of position, after one
    position and through another: a position with an event and no link, or a link and no
    event, comes with None for what is missing."""
    column, table = database.position_column, database.events_table
    end = "" if through is None else f" AND {column} <= {int(through)}"
    while True:
        with database.transaction(write=False) as cursor:
            cursor.execute(
                f"SELECT {column}, originator_id, originator_version, topic, state FROM {table} "
                f"WHERE {column} > ?{end} ORDER BY {column} LIMIT ?",
                (after, PAGE),
            )
            events = cursor.fetchall()
            upper = int(events[-1][0]) if len(events) == PAGE else through
            bound = "" if upper is None else " AND position <= ?"
            cursor.execute(
                f"SELECT position, link FROM {CHAIN_TABLE} WHERE position > ?{bound} "
                "ORDER BY position",
                (after,) if upper is None else (after, upper),
            )
            links_found = cursor.fetchall()
        yield from merged(events, links_found)
        if len(events) < PAGE or upper is None:
            return
        after = upper


def merged(events: Sequence[Any], chained: Sequence[Any]) -> Iterator[ChainRow]:
    """Events and links, both in order of position, side by side."""
    e = c = 0
    while e < len(events) or c < len(chained):
        event = events[e] if e < len(events) else None
        link_row = chained[c] if c < len(chained) else None
        event_at = int(event[0]) if event is not None else None
        link_at = int(link_row[0]) if link_row is not None else None
        if event is not None and (link_at is None or event_at == link_at):
            linked = link_row if event_at == link_at else None
            yield (event_at, event[1], event[2], event[3], event[4],
                   link_at if linked else None, str(linked[1]) if linked else None)
            e += 1
            c += 1 if linked else 0
        elif event is not None and link_at is not None and event_at is not None \
                and event_at < link_at:
            yield (event_at, event[1], event[2], event[3], event[4], None, None)
            e += 1
        else:
            assert link_row is not None
            yield (None, None, None, None, None, link_at, str(link_row[1]))
            c += 1


if __name__ == "__main__":
    verify_later_half()
