"""The application with its ledgers: commands are projected as soon as they are recorded."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from eventsourcing.persistence import PersistenceError

from adapters import chain, ledger_tables, replay
from adapters.database import Database
from adapters.projector import Projector
from adapters.timeline import Timeline, as_utc
from domain.application import Grantledger
from domain.books import Books
from domain.ledgers import AuditRow, Ledgers, ledgers

log = logging.getLogger(__name__)


class ProjectedGrantledger(Grantledger):
    """After each save, the ledgers are brought up to date in the same process, so whoever
    gave a command reads its effect at once. A failure to project loses nothing: the events
    are recorded and the next catch-up applies them."""

    name = Grantledger.name
    projector: Projector | None = None

    def save(self, *objs: Any, **kwargs: Any) -> Any:
        recordings = super().save(*objs, **kwargs)
        if self.projector is not None:
            try:
                self.projector.catch_up()
            except (PersistenceError, OSError, ValueError) as error:
                log.warning("Ledgers not yet brought up to date: %s", error)
        return recordings


@dataclass(frozen=True)
class AuditQuery:
    decision_reference: str = ""
    grant_id: str = ""
    from_date: date | None = None
    to_date: date | None = None
    limit: int | None = None
    offset: int = 0
    body: str = ""


class Service:
    def __init__(self, app: ProjectedGrantledger, database: Database | None,
                 today: Callable[[], date] = date.today) -> None:
        self.app = app
        self.database = database
        self.today = today
        self.projector = Projector(app, database, today) if database is not None else None
        self.timeline = Timeline(self.projector) if self.projector is not None else None
        app.projector = self.projector

    def close(self) -> None:
        self.app.close()
        if self.database is not None:
            self.database.close()

    # -- projection -------------------------------------------------------------------------

    def project(self, progress: Callable[[int, int], None] | None = None) -> int:
        return self.projector.catch_up(progress) if self.projector is not None else 0

    def rebuild(self, progress: Callable[[int, int], None] | None = None) -> int:
        """Drop and rebuild every ledger; if a rebuild was cut short, carry on with it."""
        projector, database = self.need_projector(), self.need_database()
        with database.transaction() as cursor:
            cursor.execute("SELECT position FROM ledger_position WHERE name = 'rebuild'")
            if cursor.fetchone() is None:
                for table in ledger_tables.DERIVED_TABLES:
                    cursor.execute(f"DELETE FROM {table}")
                cursor.execute("UPDATE ledger_position SET position = 0 WHERE name = 'ledgers'")
                cursor.execute(
                    "INSERT INTO ledger_position (name, position, notice_on) "
                    "VALUES ('rebuild', 0, '')"
                )
        projected = projector.catch_up(progress)
        with database.transaction() as cursor:
            cursor.execute("DELETE FROM ledger_position WHERE name = 'rebuild'")
        return projected

    # -- queries ----------------------------------------------------------------------------

    def books(self, as_at: date | None = None, as_known_at: datetime | None = None) -> Books:
        if as_at is not None and as_known_at is not None:
            raise ValueError("Ask for the books as at a date or as known at a moment, not both")
        if self.timeline is None:
            if as_at is not None:
                return replay.as_at(self.app, as_at)
            if as_known_at is not None:
                return replay.known_at(self.app, as_utc(as_known_at))
            return replay.everything(self.app)
        if as_at is not None:
            return self.timeline.as_at(as_at)
        if as_known_at is not None:
            return self.timeline.as_known_at(as_known_at)
        projector = self.need_projector()
        projector.catch_up()
        return projector.books

    def ledgers(self, as_at: date | None = None, as_known_at: datetime | None = None,
                notice_on: date | None = None) -> Ledgers:
        """Every ledger, from the tables now, or replayed for a past point."""
        if as_at is None and as_known_at is None and self.database is not None:
            self.need_projector().catch_up()
            return self.stored_ledgers(notice_on)
        on = notice_on or as_at or (as_known_at.date() if as_known_at else self.today())
        return ledgers(self.books(as_at, as_known_at), on)

    def stored_ledgers(self, notice_on: date | None = None) -> Ledgers:
        database = self.need_database()
        result = Ledgers(
            **{
                rows: ledger_tables.read(database, table)
                for table, rows in ledger_tables.ROWS_OF.items()
            }
        )
        if notice_on is not None and notice_on != self.today():
            result.exposure = ledgers(self.need_projector().books, notice_on).exposure
        return result

    def audit(self, query: AuditQuery = AuditQuery()) -> list[AuditRow]:
        where, params = audit_conditions(query)
        self.need_projector().catch_up()
        return ledger_tables.read(
            self.need_database(), ledger_tables.AUDIT, where, params, query.limit, query.offset
        )

    def audit_count(self, query: AuditQuery = AuditQuery()) -> int:
        where, params = audit_conditions(query)
        return ledger_tables.count(self.need_database(), ledger_tables.AUDIT, where, params)

    def verify(self) -> chain.Verdict:
        return chain.verify(chain.stored_rows(self.need_database()))

    def need_database(self) -> Database:
        if self.database is None:
            raise LedgerStoreError("The ledgers need an SQLite or PostgreSQL store")
        return self.database

    def need_projector(self) -> Projector:
        if self.projector is None:
            raise LedgerStoreError("The ledgers need an SQLite or PostgreSQL store")
        return self.projector


class LedgerStoreError(Exception):
    pass


def audit_conditions(query: AuditQuery) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if query.body:
        conditions.append("LOWER(TRIM(body)) = LOWER(TRIM(?))")
        params.append(query.body)
    if query.decision_reference:
        conditions.append("decision_reference = ?")
        params.append(query.decision_reference)
    if query.grant_id:
        conditions.append("grant_id = ?")
        params.append(query.grant_id)
    if query.from_date:
        conditions.append("business_date >= ?")
        params.append(query.from_date.isoformat())
    if query.to_date:
        conditions.append("business_date <= ?")
        params.append(query.to_date.isoformat())
    return " AND ".join(conditions), params
