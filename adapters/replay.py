"""The books by replaying the whole log: the plain answer the ledgers must always equal."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from typing import Any
from uuid import UUID

from domain.application import Grantledger
from domain.books import Books
from domain.ledgers import recorded_at


def events(app: Grantledger, page: int = 500) -> Iterator[tuple[int, Any]]:
    start = 1
    while True:
        notifications = app.recorder.select_notifications(start=start, limit=page)
        for notification in notifications:
            yield notification.id, app.mapper.to_domain_event(notification)
        if len(notifications) < page:
            return
        start = notifications[-1].id + 1


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
