"""The read model as the rest of the product sees it: what to write with each transaction of
events, the ledgers now or at a point, the audit trail, and a rebuild."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, TypeVar

from readmodel import audit, journal, ledgers, publication, rebuild
from readmodel.audit import AuditQuery, EventsAt
from readmodel.errors import LedgersUnavailableError
from readmodel.ledgers import EVERYTHING, ListQuery
from readmodel.points import NOW, Point
from readmodel.rebuild import Connect, EventsAfter, Progress
from readmodel.rows import (
    AuditRow,
    BodyExposureRow,
    ConflictRow,
    ContributionRow,
    DecisionRow,
    DiscrepancyRow,
    ExceptionRow,
    ExposureRow,
    ExposureYearRow,
    FundRow,
    GrantRow,
    GrantYearRow,
    Listed,
    ProgrammeRow,
)
from readmodel.sql import Cursor, Database

T = TypeVar("T")
EVERY_EVENT = AuditQuery()


class ReadModel:
    def __init__(self, database: Database, events_after: EventsAfter, events_at: EventsAt,
                 has_events: Callable[[], bool], connect: Connect | None = None) -> None:
        """`connect`, if given, opens another connection to the same database, for a
        rebuild's writer process."""
        self.database = database
        self.events_after = events_after
        self.events_at = events_at
        self.connect = connect
        self.has_events = has_events

    def create(self) -> None:
        """Make the tables, or replace those of an older version (then the events already
        recorded need a rebuild)."""
        recorded = self.has_events()
        with self.database.transaction() as cursor:
            journal.create(cursor, recorded)

    # -- writing ----------------------------------------------------------------------------

    def record(self, cursor: Cursor, positions: Sequence[int], events: Sequence[Any]) -> None:
        """Write what the events change, in the transaction recording them."""
        journal.write(cursor, journal.recorded(positions, events))

    def rebuild(self, progress: Progress | None = None) -> int:
        return rebuild.rebuild(self.database, self.events_after, progress,
                               connect=self.connect)

    def position(self) -> int:
        with self.database.transaction(write=False) as cursor:
            return journal.position_of(cursor).position

    def needs_rebuild(self) -> bool:
        """Whether a rebuild was cut short, or the tables are of another version."""
        with self.database.transaction(write=False) as cursor:
            return journal.position_of(cursor).rebuilding

    # -- reading ----------------------------------------------------------------------------

    def read(self, question: Callable[[Cursor], T]) -> T:
        with self.database.transaction(write=False) as cursor:
            if journal.position_of(cursor).rebuilding:
                raise LedgersUnavailableError(
                    "The ledgers are being rebuilt; ask again when the rebuild finishes "
                    "(`grantledger rebuild` carries on with one cut short)")
            return question(cursor)

    def grants(self, query: ListQuery = EVERYTHING, point: Point = NOW) -> Listed[GrantRow]:
        return self.read(lambda c: ledgers.flagged(c, ledgers.grants(c, query, point), point))

    def grant_years(self, query: ListQuery = EVERYTHING,
                    point: Point = NOW) -> Listed[GrantYearRow]:
        return self.read(lambda c: ledgers.grant_years(c, query, point))

    def funds(self, query: ListQuery = EVERYTHING, point: Point = NOW) -> Listed[FundRow]:
        return self.read(lambda c: ledgers.funds(c, query, point))

    def programmes(self, query: ListQuery = EVERYTHING,
                   point: Point = NOW) -> Listed[ProgrammeRow]:
        return self.read(lambda c: ledgers.programmes(c, query, point))

    def decisions(self, query: ListQuery = EVERYTHING,
                  point: Point = NOW) -> Listed[DecisionRow]:
        return self.read(lambda c: ledgers.flagged(c, ledgers.decisions(c, query, point),
                                                   point))

    def exposure(self, notice_on: date, query: ListQuery = EVERYTHING,
                 point: Point = NOW) -> Listed[ExposureRow]:
        return self.read(lambda c: ledgers.exposure(c, query, point, notice_on))

    def exposure_years(self, notice_on: date, query: ListQuery = EVERYTHING,
                       point: Point = NOW) -> list[ExposureYearRow]:
        """Each live grant's exposure split by the financial years it falls in."""
        return self.read(lambda c: ledgers.exposure_years(c, query, point, notice_on))

    def exposure_by_body(self, notice_on: date, query: ListQuery = EVERYTHING,
                         point: Point = NOW) -> list[BodyExposureRow]:
        return self.read(lambda c: ledgers.exposure_by_body(c, query, point, notice_on))

    def conflicts(self, query: ListQuery = EVERYTHING,
                  point: Point = NOW) -> Listed[ConflictRow]:
        return self.read(lambda c: ledgers.conflicts(c, query, point))

    def discrepancies(self, query: ListQuery = EVERYTHING,
                      point: Point = NOW) -> Listed[DiscrepancyRow]:
        return self.read(lambda c: ledgers.discrepancies(c, query, point))

    def exceptions(self, query: ListQuery = EVERYTHING,
                   point: Point = NOW) -> Listed[ExceptionRow]:
        return self.read(lambda c: ledgers.exceptions(c, query, point))

    def publication_due(self, first: date, last: date,
                        body: str = "") -> tuple[int, list[publication.DueRow]]:
        """How many grants were awarded between the days, and those not yet published."""
        return self.read(lambda c: publication.due(c, first, last, body))

    def awarded(self, body: str = "", first: date | None = None, last: date | None = None,
                published_only: bool = True,
                decision_id: str = "") -> list[publication.AwardedGrant]:
        """The grants awarded by the body between the days (under the decision), newest
        first: those on the register only, unless told otherwise."""
        return self.read(lambda c: publication.awarded(c, body, first, last, published_only,
                                                       decision_id))

    def published_years(self, body: str = "") -> list[str]:
        """The financial years of award of the grants on the register, newest first."""
        return self.read(lambda c: publication.published_years(c, body))

    def published_decisions(self, body: str = "") -> list[publication.PublishedDecision]:
        """The decisions on the register, newest first."""
        return self.read(lambda c: publication.published_decisions(c, body))

    def bodies(self) -> list[str]:
        """The bodies the store holds records of."""
        return self.read(ledgers.bodies)

    def fund_ids(self, query: ListQuery = EVERYTHING, funder: str = "") -> Listed[str]:
        return self.read(lambda c: ledgers.fund_ids(c, query, funder))

    def programme_ids(self, query: ListQuery = EVERYTHING) -> Listed[str]:
        return self.read(lambda c: ledgers.programme_ids(c, query))

    def contributions(self, grant_ids: Sequence[str]) -> list[ContributionRow]:
        return self.read(lambda c: ledgers.contributions(c, grant_ids))

    def audit(self, query: AuditQuery = EVERY_EVENT) -> Listed[AuditRow]:
        return self.read(lambda c: audit.trail(c, query, self.events_at))
