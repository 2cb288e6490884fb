"""The books at one point in time: every record as the events up to that point built it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate, CanInitAggregate

from domain import identity
from domain.decision import Decision
from domain.fund import Fund
from domain.grant import Grant
from domain.programme import Programme

R = TypeVar("R", bound=Aggregate)


class Books:
    """Records keyed by id, in the order they were created, folded from their events."""

    def __init__(self, records: Iterable[Aggregate] = (), position: int = 0) -> None:
        self.records: dict[UUID, Aggregate] = {r.id: r for r in records}
        self.position = position

    def apply(self, event: Any, position: int | None = None) -> Aggregate:
        """Apply the next event of a record, strictly in the order of its versions."""
        record: Aggregate = event.mutate(self.records.get(event.originator_id))
        self.records[record.id] = record
        if position is not None:
            self.position = position
        return record

    def apply_dated(self, event: Any) -> None:
        """Apply an event in business-date order, which may differ from the order of versions."""
        record = self.records.get(event.originator_id)
        if isinstance(event, CanInitAggregate):
            created = event.mutate(None) if record is None else None
            if created is not None:
                self.records[event.originator_id] = created
            return
        if record is not None:
            event.apply(record)

    def created_on(self, record_id: UUID) -> date | None:
        record = self.records.get(record_id)
        return getattr(record, "dated_from", None) if record else None

    def of_kind(self, kind: type[R]) -> list[R]:
        return [r for r in self.records.values() if isinstance(r, kind)]

    @property
    def decisions(self) -> list[Decision]:
        return self.of_kind(Decision)

    @property
    def grants(self) -> list[Grant]:
        return self.of_kind(Grant)

    @property
    def funds(self) -> list[Fund]:
        return self.of_kind(Fund)

    @property
    def programmes(self) -> list[Programme]:
        return self.of_kind(Programme)

    def fund_of(self, grant: Grant) -> Fund | None:
        if not grant.fund:
            return None
        fund = self.records.get(identity.fund_id(grant.body, grant.fund))
        return fund if isinstance(fund, Fund) else None

    def grants_in_fund(self, fund: Fund) -> list[Grant]:
        return [
            g for g in self.grants
            if g.fund and identity.fund_id(g.body, g.fund) == fund.id
        ]

    def grants_in_programme(self, programme: Programme) -> list[Grant]:
        return [
            g for g in self.grants
            if g.programme and identity.programme_id(g.programme) == programme.id
        ]

    def related(self, record: Aggregate) -> set[UUID]:
        """The records whose ledger rows a change to this record can alter."""
        ids = {record.id}
        if isinstance(record, Grant):
            ids.add(record.decision_id)
            if record.fund:
                ids.add(identity.fund_id(record.body, record.fund))
            if record.programme:
                ids.add(identity.programme_id(record.programme))
        return ids
