"""The books by replaying the whole log: the plain answer the ledgers must always equal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification

from domain.application import Grantledger
from domain.books import Books
from domain.ledgers import recorded_at


def notifications(
    app: Grantledger, after: int = 0, through: int | None = None, page: int = 500
) -> Iterator[Notification]:
    """The log after one position and up to another (or its end), read page by page."""
    start = after + 1
    while through is None or start <= through:
        found = app.recorder.select_notifications(start=start, limit=page, stop=through)
        yield from found
        if len(found) < page:
            return
        start = found[-1].id + 1


def events(app: Grantledger) -> Iterator[tuple[int, Any]]:
    for notification in notifications(app):
        yield notification.id, app.mapper.to_domain_event(notification)


def everything(app: Grantledger) -> Books:
    books = Books()
    for position, event in events(app):
        books.apply(event, position)
    return books


def known_at(app: Grantledger, moment: datetime) -> Books:
    logged = list(events(app))
    cut = recorded_at(moment)
    last = max((p for p, e in logged if recorded_at(e.timestamp) <= cut), default=0)
    books = Books()
    for position, event in logged:
        if position <= last:
            books.apply(event, position)
    return books


def as_at(app: Grantledger, day: date) -> Books:
    created: dict[UUID, date] = {}
    dated = []
    for position, event in events(app):
        on: date = event.business_date
        created.setdefault(event.originator_id, on)
        dated.append((max(on, created[event.originator_id]), position, event))
    books = Books()
    for effective, position, event in sorted(dated, key=lambda d: (d[0], d[1])):
        if effective <= day:
            books.apply_dated(event)
            books.position = max(books.position, position)
    return books
