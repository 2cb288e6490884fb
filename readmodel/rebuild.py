"""Rebuilding the read model: empty its tables and translate the log again, batch by batch.

Each batch is written in one transaction with the position it reached, so a rebuild killed at
any moment resumes from its last whole batch. The records' state is kept in a bounded cache
between batches, so memory stays flat however long the log. While a rebuild runs, commands are
refused: nothing is recorded that the ledgers have not taken in.

Given a way to open a second connection (one that can be sent to another process), the
rebuild uses two processes: this one reads and translates a batch while a writer process
writes the one before, so each core does half."""

from __future__ import annotations

import gc
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from readmodel import journal, schema
from readmodel.sql import Cursor, Database
from readmodel.store import StoredBooks, Write, execute
from readmodel.translation import Recorded

EventsAfter = Callable[[Cursor, int, int], Sequence[Recorded]]
Progress = Callable[[int], None]
Connect = Callable[[], Database]
BATCH = 5000
# Batches not yet written are the one the writer is writing and the one being translated:
# the records they touch are among the last 2 * BATCH used, so twice that is kept.
KEPT = 4 * BATCH


def rebuild(database: Database, events_after: EventsAfter, progress: Progress | None = None,
            batch: int = BATCH, connect: Connect | None = None,
            source: Database | None = None) -> int:
    """Rebuild, or carry on with a rebuild cut short; returns the position reached. The
    events are read from `source` if given (a rebuild elsewhere, to compare), else from the
    database rebuilt.

    The tables are filled without their indexes, which are made once at the end, and the
    cyclic garbage collector is paused: translation makes no cycles, and its scans of a
    growing heap would otherwise cost more than the translation."""
    with database.transaction() as cursor:
        head = journal.position_of(cursor)
        if not head.rebuilding or head.position == 0:
            start(cursor)
            head = journal.position_of(cursor)
    with paused_collection():
        if connect is None:
            with database.bulk():
                translate_all(database, events_after, head, batch, progress, in_place(database),
                              source)
        else:
            with writer(connect) as write:
                translate_all(database, events_after, head, batch, progress, write, source)
    with database.transaction() as cursor:
        finish(cursor)
        return journal.position_of(cursor).position


Write_ = Callable[[list[Write] | None], None]


def translate_all(database: Database, events_after: EventsAfter, head: journal.Head,
                  batch: int, progress: Progress | None, write: Write_,
                  source: Database | None = None) -> None:
    """Read and translate the log after the head, batch by batch, handing each batch's writes
    with the head's advance to `write`; then `write(None)` once all are handed over."""
    books = StoredBooks(None, capacity=KEPT)
    while True:
        with database.transaction(write=False) as cursor:
            if source is None:
                events = events_after(cursor, head.position, batch)
            else:
                with source.transaction(write=False) as reading:
                    events = events_after(reading, head.position, batch)
            if not events:
                break
            books.cursor = cursor
            entries = journal.translated(books, events, head)
            writes = books.changes(entries)
        head = journal.Head(entries.last_position, entries.last_position, entries.known_by)
        write([*writes, journal.advance_write(entries, rebuilding=True)])
        if progress is not None:
            progress(head.position)
    write(None)


def in_place(database: Database) -> Write_:
    def write(writes: list[Write] | None) -> None:
        if writes is not None:
            with database.transaction() as cursor:
                execute(cursor, writes)
    return write


@contextmanager
def writer(connect: Connect) -> Iterator[Write_]:
    """A writer process (`python -m readmodel.writer`), each batch handed to it written in its
    own transaction, in order. The pipe between them holds little, so the batches not yet
    written are always among the last few, whose records the translating process keeps."""
    process = subprocess.Popen([sys.executable, "-m", "readmodel.writer"],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    assert process.stdin is not None and process.stdout is not None
    pipe, answer = process.stdin, process.stdout

    def write(writes: list[Write] | None) -> None:
        try:
            pickle.dump(writes, pipe, protocol=pickle.HIGHEST_PROTOCOL)
            pipe.flush()
        except BrokenPipeError:
            raise RebuildError(f"The rebuild's writer failed: {said(answer)}") from None

    try:
        write(connect)  # type: ignore[arg-type]
        yield write
        pipe.close()
        word = said(answer)
        if process.wait() != 0 or word != "done":
            raise RebuildError(f"The rebuild's writer failed: {word}")
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def said(answer: Any) -> str:
    return answer.read().decode(errors="replace").strip() or "no word from it"


class RebuildError(Exception):
    pass


@contextmanager
def paused_collection() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
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
