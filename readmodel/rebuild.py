"""Rebuilding the read model: empty its tables and translate the log again, batch by batch.

Each batch is translated and written in one transaction with the position it reached, so a
rebuild killed at any moment resumes from its last whole batch. The records' state is kept in
a bounded cache between batches, so memory stays flat however long the log. While a rebuild
runs, commands are refused: nothing is recorded that the ledgers have not taken in."""

from __future__ import annotations

import gc
from collections.abc import Callable, Sequence

from readmodel import journal, schema
from readmodel.sql import Cursor, Database
from readmodel.store import StoredBooks
from readmodel.translation import Recorded

EventsAfter = Callable[[Cursor, int, int], Sequence[Recorded]]
Progress = Callable[[int], None]
BATCH = 5000
KEPT = 20000


def rebuild(database: Database, events_after: EventsAfter, progress: Progress | None = None,
            batch: int = BATCH) -> int:
    """Rebuild, or carry on with a rebuild cut short; returns the position reached.

    The tables are filled without their indexes, which are made once at the end, and the
    cyclic garbage collector is paused: translation makes no cycles, and its scans of a
    growing heap would otherwise cost more than the translation."""
    with database.transaction() as cursor:
        head = journal.position_of(cursor)
        if not head.rebuilding or head.position == 0:
            start(cursor)
    books = StoredBooks(cursor, capacity=KEPT)
    collecting = gc.isenabled()
    gc.disable()
    try:
        with database.bulk():
            while True:
                with database.transaction() as cursor:
                    head = journal.position_of(cursor)
                    events = events_after(cursor, head.position, batch)
                    if not events:
                        finish(cursor)
                        return head.position
                    books.cursor = cursor
                    entries = journal.translated(books, events, head)
                    books.flush(entries)
                    journal.advance(cursor, entries, rebuilding=True)
                if progress is not None:
                    progress(entries.last_position)
    finally:
        if collecting:
            gc.enable()


def start(cursor: Cursor) -> None:
    """Empty the tables: drop them and make them again, for now without their indexes."""
    for table in schema.DERIVED:
        cursor.execute(f"DROP TABLE IF EXISTS {table.name}")
        cursor.execute(table.create(cursor.dialect)[0])
    cursor.execute(f"UPDATE {schema.HEAD.name} SET position = 0, rebuilt_to = 0, known_by = '' "
                   "WHERE name = ?", (journal.HEAD,))


def finish(cursor: Cursor) -> None:
    for statement in schema.statements(cursor.dialect):
        cursor.execute(statement)
    cursor.execute(f"UPDATE {schema.HEAD.name} SET rebuilt_to = NULL WHERE name = ?",
                   (journal.HEAD,))
