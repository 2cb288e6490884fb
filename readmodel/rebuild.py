"""Rebuilding the read model: empty its tables and translate the log again, batch by batch.

Each batch is written in one transaction with the position it reached, so a rebuild killed at
any moment resumes from its last whole batch. The records' state is kept in a bounded cache
between batches, so memory stays flat however long the log. While a rebuild runs, commands are
refused: nothing is recorded that the ledgers have not taken in.

Given a way to open a second connection, the rebuild uses two processes: this one reads and
translates a batch while a writer process writes the one before, so each core does half."""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
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
AHEAD = 2
KEPT = 4 * AHEAD * BATCH


def rebuild(database: Database, events_after: EventsAfter, progress: Progress | None = None,
            batch: int = BATCH, connect: Connect | None = None) -> int:
    """Rebuild, or carry on with a rebuild cut short; returns the position reached.

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
                translate_all(database, events_after, head, batch, progress, in_place(database))
        else:
            with writer(connect) as write:
                translate_all(database, events_after, head, batch, progress, write)
    with database.transaction() as cursor:
        finish(cursor)
        return journal.position_of(cursor).position


Write_ = Callable[[list[Write] | None], None]


def translate_all(database: Database, events_after: EventsAfter, head: journal.Head,
                  batch: int, progress: Progress | None, write: Write_) -> None:
    """Read and translate the log after the head, batch by batch, handing each batch's writes
    with the head's advance to `write`; then `write(None)` once all are handed over."""
    books = StoredBooks(None, capacity=KEPT)
    while True:
        with database.transaction(write=False) as cursor:
            events = events_after(cursor, head.position, batch)
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
    """A writer process, each batch handed to it written in its own transaction, in order;
    at most AHEAD batches wait for it, so the records of a batch not yet written are still
    among those the translating process keeps."""
    context = multiprocessing.get_context("fork")
    jobs: Any = context.Queue(maxsize=AHEAD)
    outcome: Any = context.Queue()
    process = context.Process(target=write_batches, args=(connect, jobs, outcome, os.getpid()),
                              daemon=True)
    process.start()

    def write(writes: list[Write] | None) -> None:
        failed(outcome, wait=False)
        while process.is_alive():
            try:
                jobs.put(writes, timeout=1)
                return
            except queue.Full:
                failed(outcome, wait=False)
        failed(outcome, wait=True)

    try:
        yield write
    except BaseException:
        process.kill()
        raise
    process.join()
    failed(outcome, wait=True)


def failed(outcome: Any, wait: bool) -> None:
    """Raise what went wrong in the writer, if anything did (waiting for its word if asked)."""
    try:
        word = outcome.get(timeout=30) if wait else outcome.get_nowait()
    except queue.Empty:
        if wait:
            raise RebuildError("The rebuild's writer stopped without a word") from None
        return
    if word != "done":
        raise RebuildError(f"The rebuild's writer failed: {word}")


def write_batches(connect: Connect, jobs: Any, outcome: Any, parent: int) -> None:
    """In the writer process: write each batch in its own transaction until told to stop;
    stop too if the translating process has gone."""
    try:
        database = connect()
        with database.bulk():
            while True:
                try:
                    writes = jobs.get(timeout=1)
                except queue.Empty:
                    if os.getppid() != parent:
                        return
                    continue
                if writes is None:
                    break
                with database.transaction() as cursor:
                    execute(cursor, writes)
        database.close()
        outcome.put("done")
    except BaseException as error:
        outcome.put(f"{type(error).__name__}: {error}")


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
