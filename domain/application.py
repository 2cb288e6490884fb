"""The Grantledger application: one entry for every command, `handle`, and the records
the commands act on, saved together or not at all."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from copy import deepcopy
from datetime import date
from types import MappingProxyType
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application, ProcessingEvent
from eventsourcing.domain import Aggregate, DomainEventProtocol, MutableOrImmutableAggregate
from eventsourcing.persistence import IntegrityError, JSONTranscoder, PersistenceError, Recording

from domain import identity
from domain.body import Body
from domain.commands import Command, Issuer
from domain.decision import Decision
from domain.errors import (
    BodyNotFoundError,
    ConcurrentChangeError,
    DecisionNotFoundError,
    DuplicateError,
    FundNotFoundError,
    GrantNotFoundError,
    NotFoundError,
    ProgrammeNotFoundError,
    StaffNotFoundError,
    StaleVersionError,
)
from domain.fund import Fund
from domain.grant import Grant
from domain.handlers import HANDLERS
from domain.programme import Programme
from domain.snapshot import Snapshot
from domain.staff import StaffMember
from domain.transcodings import register_all

A = TypeVar("A", bound=Aggregate)
SNAPSHOT_EVERY = 20
log = logging.getLogger(__name__)


Consequences = Callable[[Any, Sequence[int], Sequence[DomainEventProtocol[UUID]]], None]
"""What else is written in the same transaction as new events: given the store's cursor, the
events' positions in the log and the events themselves."""


def fold(record: Any, events: Iterable[Any]) -> Any:
    """A record from its snapshot and events: the library's own fold, without its check of
    each event against a runtime protocol, which costs more than the rest of the fold."""
    for event in events:
        record = event.mutate(record)
    return record


class Batch:
    """The records commands inside `atomically` share, and their events in the order the
    commands made them, so the log keeps the order things happened in."""

    def __init__(self) -> None:
        self.records: dict[UUID, Aggregate] = {}
        self.events: list[DomainEventProtocol[UUID]] = []

    def keep(self, aggregate: Aggregate) -> None:
        self.records[aggregate.id] = aggregate
        self.events += aggregate.collect_events()


class Grantledger(Application[UUID]):
    name = "Grantledger"
    snapshot_class = Snapshot
    snapshotting_intervals: ClassVar[dict[type[MutableOrImmutableAggregate[Any]], int]] = {
        Decision: SNAPSHOT_EVERY,
        Grant: SNAPSHOT_EVERY,
        Fund: SNAPSHOT_EVERY,
        Programme: SNAPSHOT_EVERY,
    }

    def __init__(
        self,
        env: dict[str, str] | None = None,
        consequences: Consequences | None = None,
        today: Callable[[], date] = date.today,
    ) -> None:
        super().__init__(env)
        self.consequences = consequences
        self.today = today
        self._batch: ContextVar[Batch | None] = ContextVar(
            f"grantledger-batch-{id(self)}", default=None
        )
        self._expected: ContextVar[Mapping[UUID, int]] = ContextVar(
            f"grantledger-expected-{id(self)}", default=MappingProxyType({})
        )

    @contextmanager
    def expecting(self, aggregate_id: UUID, version: int | None) -> Iterator[None]:
        """Commands inside are refused if the record is no longer at the version given."""
        if version is None:
            yield
            return
        token = self._expected.set({**self._expected.get(), aggregate_id: version})
        try:
            yield
        finally:
            self._expected.reset(token)

    @contextmanager
    def atomically(self) -> Iterator[None]:
        """Commands inside share their records and are saved together, or not at all."""
        if self._batch.get() is not None:
            yield
            return
        batch = Batch()
        token = self._batch.set(batch)
        try:
            yield
        finally:
            self._batch.reset(token)
        self.save_batch(batch)

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        consequences = self.consequences
        if consequences is not None:
            events = list(processing_event.events)
            processing_event.saved_kwargs["consequences"] = (
                lambda cursor, positions: consequences(cursor, positions, events)
            )
        recordings = super()._record(processing_event)
        cache = self.repository.cache
        if cache is not None:
            for aggregate in processing_event.aggregates.values():
                cache.put(aggregate.id, deepcopy(aggregate))
        return recordings

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """Snapshot each record saved whose history just passed a multiple of its interval,
        from the record in hand. A snapshot is a cache: failing to take one refuses nothing."""
        if self.snapshots is None:
            return
        saved = Counter(e.originator_id for e in processing_event.events)
        due = []
        for aggregate in processing_event.aggregates.values():
            interval = self.snapshotting_intervals.get(type(aggregate))
            version = aggregate.version
            if interval and version // interval != (version - saved[aggregate.id]) // interval:
                due.append(Snapshot.take(aggregate))
        if not due:
            return
        try:
            self.snapshots.put(due)
        except PersistenceError as error:
            log.warning("No snapshots taken of %d records: %s", len(due), error)

    def register_transcodings(self, transcoder: JSONTranscoder) -> None:
        super().register_transcodings(transcoder)
        register_all(transcoder)

    # -- commands --------------------------------------------------------------------------

    def handle(self, command: Command, actor: str, *, transcribing: bool = False) -> UUID:
        """Carry out a command as the actor, today by the application's clock: every rule is
        checked before anything changes, and its records are saved together or not at all.
        Answers with the id of the record it created or acted on."""
        handler = HANDLERS.get(type(command))
        if handler is None:
            raise TypeError(f"No handler for {type(command).__name__}")
        issuer = Issuer(actor, self.today(), transcribing)
        record_id: UUID = handler(self, command, issuer)
        return record_id

    # -- queries ---------------------------------------------------------------------------

    def decision(self, decision_id: UUID) -> Decision:
        return self.get(decision_id, Decision, DecisionNotFoundError)

    def decision_by_reference(self, body: str, reference: str) -> Decision:
        try:
            return self.decision(identity.decision_id(body, reference))
        except DecisionNotFoundError:
            raise DecisionNotFoundError(f"{reference} of {body}") from None

    def has_decision(self, body: str, reference: str) -> bool:
        return self.exists(identity.decision_id(body, reference))

    def has_fund(self, body: str, name: str) -> bool:
        return self.exists(identity.fund_id(body, name))

    # -- staff -----------------------------------------------------------------------------

    def body_named(self, name: str) -> Body:
        """A body of the register, by its name however it is spaced or cased."""
        return self.get(identity.body_id(name), Body, BodyNotFoundError, name)

    def has_body(self, name: str) -> bool:
        return self.exists(identity.body_id(name))

    def staff_member(self, name: str) -> StaffMember:
        return self.get(identity.staff_id(name), StaffMember, StaffNotFoundError)

    def has_programme(self, name: str) -> bool:
        return self.exists(identity.programme_id(name))

    def grant(self, grant_id: UUID) -> Grant:
        return self.get(grant_id, Grant, GrantNotFoundError)

    def fund(self, fund_id: UUID) -> Fund:
        return self.get(fund_id, Fund, FundNotFoundError)

    def fund_named(self, body: str, name: str) -> Fund:
        try:
            return self.fund(identity.fund_id(body, name))
        except FundNotFoundError:
            raise FundNotFoundError(f"'{name}' of {body}") from None

    def programme(self, programme_id: UUID) -> Programme:
        return self.get(programme_id, Programme, ProgrammeNotFoundError)

    def programme_named(self, name: str) -> Programme:
        try:
            return self.programme(identity.programme_id(name))
        except ProgrammeNotFoundError:
            raise ProgrammeNotFoundError(f"'{name}'") from None

    # -- plumbing --------------------------------------------------------------------------

    def get(self, aggregate_id: UUID | None, kind: type[A], missing: type[NotFoundError],
            named: object = None) -> A:
        batch = self._batch.get()
        aggregate: object = None
        if batch is not None and aggregate_id in batch.records:
            aggregate = batch.records[aggregate_id]
        elif aggregate_id is not None:
            try:
                aggregate = self.repository.get(aggregate_id, projector_func=fold)
            except AggregateNotFoundError:
                aggregate = None
        if not isinstance(aggregate, kind):
            raise missing(aggregate_id if named is None else named)
        expected = self._expected.get().get(aggregate.id)
        if expected is not None and expected != aggregate.version:
            raise StaleVersionError(f"{kind.__name__} {aggregate.id}", expected, aggregate.version)
        if batch is not None:
            batch.records[aggregate.id] = aggregate
        return aggregate

    def exists(self, aggregate_id: UUID) -> bool:
        batch = self._batch.get()
        return (batch is not None and aggregate_id in batch.records) \
            or aggregate_id in self.repository

    def saved(self, aggregate: Aggregate) -> UUID:
        self.save_changes(aggregate)
        return aggregate.id

    def save_new(self, aggregate: Aggregate, duplicate_message: str | None) -> None:
        """Save a new record; a message says how a duplicate is refused, and none means its
        identity is random, so no duplicate need be looked for before the save."""
        batch = self._batch.get()
        if batch is not None:
            if duplicate_message is not None and self.exists(aggregate.id):
                raise DuplicateError(duplicate_message)
            batch.keep(aggregate)
            return
        try:
            self.save(aggregate)
        except IntegrityError:
            raise DuplicateError(duplicate_message or "The record already exists") from None

    def save_changes(self, *aggregates: Aggregate | DomainEventProtocol[UUID] | None) -> None:
        batch = self._batch.get()
        if batch is not None:
            for aggregate in aggregates:
                if isinstance(aggregate, Aggregate):
                    batch.keep(aggregate)
            return
        try:
            self.save(*aggregates)
        except IntegrityError:
            raise ConcurrentChangeError(
                "Someone else changed this record at the same moment; nothing was recorded. "
                "Reload it and try again."
            ) from None

    def save_batch(self, batch: Batch) -> None:
        """Save the events of commands made together, in the order they were made."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        processing_event.events = batch.events
        processing_event.aggregates = dict(batch.records)
        try:
            recordings = self._record(processing_event)
        except IntegrityError:
            raise ConcurrentChangeError(
                "Someone else changed these records at the same moment; nothing was "
                "recorded. Try again."
            ) from None
        self._take_snapshots(processing_event)
        self._notify(recordings)

    def fund_of(self, grant: Grant) -> Fund | None:
        return self.fund_named(grant.body, grant.fund) if grant.fund else None
