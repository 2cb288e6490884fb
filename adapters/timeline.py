"""The books at a past point: as known at a moment (recorded time) or as at a business date.

As known at a moment: every event recorded up to the last one recorded at or before it,
replayed in the order recorded. As at a business date: every event known now that is dated
on or before it, replayed in order of date and then of recording (an event dated before its
record was created counts from the record's creation). Both start from the nearest checkpoint,
so their cost follows the events after it, not the length of the history."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime
from typing import Any

from adapters.database import Cursor
from adapters.projector import Projector, stored_event
from domain.books import Books
from domain.ledgers import recorded_at

CHUNK = 500


class Timeline:
    def __init__(self, projector: Projector) -> None:
        self.projector = projector
        self.database = projector.database

    def as_known_at(self, moment: datetime) -> Books:
        self.projector.catch_up()
        with self.database.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT MAX(position) FROM audit_trail WHERE recorded_at <= ?",
                (recorded_at(as_utc(moment)),),
            )
            position = cursor.fetchone()[0]
        if not position:
            return Books()
        return self.projector.restore(int(position))[0]

    def as_at(self, day: date) -> Books:
        self.projector.catch_up()
        with self.database.transaction() as cursor:
            books, through = self.nearest_dated(cursor, day)
            folded, last_date = 0, through
            for effective, position, event in self.dated_events(cursor, through, day):
                if folded >= self.projector.checkpoint_every and effective != last_date:
                    self.projector.save_checkpoint(cursor, "dated", books, last_date)
                    folded = 0
                books.apply_dated(event)
                books.position = max(books.position, position)
                folded, last_date = folded + 1, effective
            if folded >= self.projector.checkpoint_every:
                self.projector.save_checkpoint(cursor, "dated", books, day)
        return books

    def nearest_dated(self, cursor: Cursor, day: date) -> tuple[Books, date | None]:
        cursor.execute(
            "SELECT id, position, through_date FROM ledger_checkpoints "
            "WHERE kind = 'dated' AND through_date <= ? ORDER BY through_date DESC LIMIT 1",
            (day.isoformat(),),
        )
        found = cursor.fetchone()
        if found is None:
            return Books(), None
        books = self.projector.load_checkpoint(cursor, found[0], int(found[1]))
        return books, date.fromisoformat(str(found[2]))

    def dated_events(
        self, cursor: Cursor, after: date | None, through: date
    ) -> Iterator[tuple[date, int, Any]]:
        condition = "effective_date <= ?"
        params: list[Any] = [through.isoformat()]
        if after is not None:
            condition += " AND effective_date > ?"
            params.append(after.isoformat())
        cursor.execute(
            f"SELECT effective_date, position FROM audit_trail WHERE {condition} "
            "ORDER BY effective_date, position",
            params,
        )
        dated = [(as_date(d), int(p)) for d, p in cursor.fetchall()]
        for start in range(0, len(dated), CHUNK):
            chunk = dated[start : start + CHUNK]
            events = self.events_at(cursor, [p for _, p in chunk])
            for effective, position in chunk:
                yield effective, position, events[position]

    def events_at(self, cursor: Cursor, positions: Sequence[int]) -> dict[int, Any]:
        database = self.database
        column, table = database.position_column, database.events_table
        params: list[Any]
        if database.dialect == "postgresql":
            where, params = f"{column} = ANY(?)", [list[int](positions)]
        else:
            where, params = f"{column} IN ({', '.join('?' for _ in positions)})", [*positions]
        cursor.execute(
            f"SELECT {column}, originator_id, originator_version, topic, state FROM {table} "
            f"WHERE {where}",
            params,
        )
        mapper = self.projector.app.mapper
        return {int(row[0]): mapper.to_domain_event(stored_event(row[1:]))
                for row in cursor.fetchall()}


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))
