"""Keeps the ledger tables up to date with the notification log, exactly once.

Each batch's rows and the new position are written in one transaction, under a lock on the
position row, so a batch is either wholly applied or not at all, and two projectors never
apply the same batch. The books behind the rows are kept in memory and, every so often, saved
as a checkpoint beside the rows, so that a projector starting afresh, a resumed rebuild and a
point-in-time query replay only from the nearest checkpoint."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent

from adapters import ledger_tables, record_codec, replay
from adapters.database import Cursor, Database
from domain.application import Grantledger
from domain.books import Books
from domain.ledgers import (
    LIVE,
    AuditRow,
    ExposureRow,
    Ledgers,
    add_rows,
    audit_row,
    exposure_row,
)

NAME = "ledgers"
BATCH = 500
CHECKPOINT_EVERY = 5000

Clock = Callable[[], date]


class Projector:
    def __init__(self, app: Grantledger, database: Database, today: Clock = date.today,
                 batch: int = BATCH, checkpoint_every: int = CHECKPOINT_EVERY) -> None:
        self.app = app
        self.database = database
        self.today = today
        self.batch = batch
        self.checkpoint_every = checkpoint_every
        self.books = Books()
        self.last_checkpoint = 0
        # The books in memory are shared by the threads of one process; one folds at a time.
        self.lock = threading.RLock()
        ledger_tables.create(database)
        with database.transaction() as cursor:
            cursor.execute("SELECT position FROM ledger_position WHERE name = ?", (NAME,))
            if cursor.fetchone() is None:
                cursor.execute(
                    "INSERT INTO ledger_position (name, position, notice_on) VALUES (?, 0, ?)",
                    (NAME, self.today().isoformat()),
                )

    # -- catching up ------------------------------------------------------------------------

    def catch_up(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Project every event not yet projected; returns how many were projected."""
        projected = 0
        with self.lock:
            while True:
                done = self.project_batch()
                projected += done
                if progress is not None:
                    progress(self.books.position, self.head())
                if done < self.batch:
                    return projected

    def head(self) -> int:
        return self.app.recorder.max_notification_id() or 0

    def project_batch(self) -> int:
        with self.database.transaction() as cursor:
            position, notice_on = self.lock_position(cursor)
            self.align(cursor, position)
            notifications = self.app.recorder.select_notifications(
                start=position + 1, limit=self.batch
            )
            today = self.today()
            if not notifications and notice_on == today.isoformat():
                return 0
            changed, audit = self.fold(notifications)
            ledger_tables.insert_audit(cursor, audit)
            invalidate_dated_checkpoints(cursor, audit)
            if notice_on != today.isoformat():
                ledger_tables.replace_exposure(cursor, self.exposure(today))
            self.write(cursor, changed, today)
            ledger_tables.total_exposure(cursor)
            cursor.execute(
                "UPDATE ledger_position SET position = ?, notice_on = ? WHERE name = ?",
                (self.books.position, today.isoformat(), NAME),
            )
            if self.books.position - self.last_checkpoint >= self.checkpoint_every:
                self.save_checkpoint(cursor, "log", self.books)
        return len(notifications)

    def lock_position(self, cursor: Cursor) -> tuple[int, str]:
        lock = " FOR UPDATE" if self.database.dialect == "postgresql" else ""
        cursor.execute(
            f"SELECT position, notice_on FROM ledger_position WHERE name = ?{lock}", (NAME,)
        )
        position, notice_on = cursor.fetchone()
        return int(position), str(notice_on)

    def align(self, cursor: Cursor, position: int) -> None:
        """Bring the books in memory to the position the tables are at."""
        if position < self.books.position or self.books.position == 0 < position:
            self.books, self.last_checkpoint = self.restore_with(cursor, position)
        for notification in self.notifications(self.books.position, position):
            self.books.apply(self.event(notification), notification.id)

    def fold(self, notifications: Sequence[Notification]) -> tuple[set[UUID], list[AuditRow]]:
        changed: set[UUID] = set()
        audit = []
        for notification in notifications:
            event = self.event(notification)
            record = self.books.apply(event, notification.id)
            changed |= self.books.related(record)
            audit.append(audit_row(event, notification.id, self.books))
        return changed, audit

    def write(self, cursor: Cursor, changed: set[UUID], today: date) -> None:
        rows = Ledgers()
        for record_id in changed:
            add_rows(rows, self.books, record_id, today)
        ledger_tables.replace_rows(cursor, rows, [str(i) for i in changed])

    def exposure(self, today: date) -> list[ExposureRow]:
        return [exposure_row(g, today) for g in self.books.grants if g.status in LIVE]

    # -- the log ----------------------------------------------------------------------------

    def event(self, notification: Notification) -> Any:
        return self.app.mapper.to_domain_event(notification)

    def notifications(self, after: int, through: int) -> Iterator[Notification]:
        return replay.notifications(self.app, after, through, self.batch)

    # -- checkpoints ------------------------------------------------------------------------

    def save_checkpoint(self, cursor: Cursor, kind: str, books: Books,
                        through: date | None = None) -> None:
        checkpoint_id = uuid.uuid4().hex
        cursor.execute(
            "INSERT INTO ledger_checkpoints (id, kind, position, through_date, recorded_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (checkpoint_id, kind, books.position, through.isoformat() if through else None,
             datetime.now(UTC).isoformat()),
        )
        transcoder = self.app.mapper.transcoder
        cursor.executemany(
            "INSERT INTO ledger_checkpoint_records (checkpoint_id, seq, topic, state) "
            "VALUES (?, ?, ?, ?)",
            [(checkpoint_id, seq, *record_codec.encode(record, transcoder))
             for seq, record in enumerate(books.records.values())],
        )
        if kind == "log":
            self.last_checkpoint = books.position

    def load_checkpoint(self, cursor: Cursor, checkpoint_id: str, position: int) -> Books:
        cursor.execute(
            "SELECT topic, state FROM ledger_checkpoint_records WHERE checkpoint_id = ? "
            "ORDER BY seq",
            (checkpoint_id,),
        )
        transcoder = self.app.mapper.transcoder
        return Books(
            (record_codec.decode(t, bytes(s), transcoder) for t, s in cursor.fetchall()),
            position,
        )

    def restore(self, position: int) -> tuple[Books, int]:
        """The books at a position of the log, from the nearest checkpoint at or before it."""
        with self.database.transaction(write=False) as cursor:
            return self.restore_with(cursor, position)

    def restore_with(self, cursor: Cursor, position: int) -> tuple[Books, int]:
        cursor.execute(
            "SELECT id, position FROM ledger_checkpoints WHERE kind = 'log' AND position <= ?"
            " ORDER BY position DESC LIMIT 1",
            (position,),
        )
        found = cursor.fetchone()
        books = self.load_checkpoint(cursor, found[0], int(found[1])) if found else Books()
        start = books.position
        for notification in self.notifications(books.position, position):
            books.apply(self.event(notification), notification.id)
        books.position = position
        return books, start


def stored_event(row: Sequence[Any]) -> StoredEvent:
    originator_id, version, topic, state = row
    return StoredEvent(
        originator_id=UUID(str(originator_id)),
        originator_version=version,
        topic=topic,
        state=bytes(state),
    )


def invalidate_dated_checkpoints(cursor: Cursor, audit: Sequence[AuditRow]) -> None:
    """A checkpoint by business date stops being true once an event dated on or before it
    is recorded."""
    dates = [row.effective_date for row in audit if row.effective_date is not None]
    if not dates:
        return
    earliest = min(dates).isoformat()
    condition = "kind = 'dated' AND through_date >= ?"
    cursor.execute(
        "DELETE FROM ledger_checkpoint_records WHERE checkpoint_id IN "
        f"(SELECT id FROM ledger_checkpoints WHERE {condition})",
        (earliest,),
    )
    cursor.execute(f"DELETE FROM ledger_checkpoints WHERE {condition}", (earliest,))
