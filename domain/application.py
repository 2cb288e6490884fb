"""The Grantledger application: commands and queries with plain arguments."""

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
from domain.decision import Decision
from domain.errors import (
    ConcurrentChangeError,
    DecisionNotFoundError,
    DuplicateError,
    FundNotFoundError,
    GrantError,
    GrantNotFoundError,
    NotFoundError,
    ProgrammeNotFoundError,
    StaffNotFoundError,
    StaleVersionError,
)
from domain.financial_year import FinancialYear
from domain.fund import Fund
from domain.grant import Grant
from domain.money import Amount, Money
from domain.programme import Programme
from domain.snapshot import Snapshot
from domain.staff import StaffMember
from domain.transcodings import register_all
from domain.values import (
    Contribution,
    DecisionMaker,
    FundTranche,
    GrantStatus,
    Implication,
    ImplicationArea,
    Outcome,
    Pledge,
    PublicationDecision,
    SignOff,
    SignOffRole,
    StatedTotal,
    Target,
    YearAmount,
)

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
        self, env: dict[str, str] | None = None, consequences: Consequences | None = None
    ) -> None:
        super().__init__(env)
        self.consequences = consequences
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

    # -- decisions -------------------------------------------------------------------------

    def draft_decision(self, actor: str, on: date, **fields: Any) -> UUID:
        fields.setdefault("report_author", "")
        fields.setdefault("report_date", None)
        fields.setdefault("classification", "")
        fields.setdefault("area", "")
        fields.setdefault("summary", "")
        fields.setdefault("recommendations", [])
        fields.setdefault("related_decisions", [])
        fields.setdefault("authorisations", [])
        fields.setdefault("no_direct_financial_implications", False)
        fields.setdefault("stated_totals", [])
        decision = Decision.draft(actor=actor, business_date=on, **fields)
        self.save_new(decision, f"{decision.label} already exists")
        return decision.id

    def consider_implication(
        self,
        decision_id: UUID,
        actor: str,
        on: date,
        area: ImplicationArea,
        considered: bool,
        details: str = "",
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.consider_implication(actor, on, Implication(area, considered, details))

    def sign_off_decision(
        self,
        decision_id: UUID,
        actor: str,
        role: SignOffRole,
        name: str,
        signed_on: date,
        title: str = "",
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.sign_off(actor, SignOff(role, name, signed_on, title))

    def note_stated_total(
        self, decision_id: UUID, actor: str, on: date, stated_total: StatedTotal
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.note_stated_total(actor, on, stated_total)

    def approve_decision(
        self,
        decision_id: UUID,
        actor: str,
        on: date,
        maker_role: str,
        maker_name: str = "",
        override_reason: str = "",
        separate_duties: bool = True,
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.approve(
                actor, on, DecisionMaker(maker_role, maker_name), override_reason, separate_duties
            )

    def refuse_decision(
        self,
        decision_id: UUID,
        actor: str,
        on: date,
        maker_role: str,
        maker_name: str,
        reasons: str,
        separate_duties: bool = True,
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.refuse(
                actor, on, DecisionMaker(maker_role, maker_name), reasons, separate_duties
            )

    def withdraw_decision(self, decision_id: UUID, actor: str, on: date, reason: str) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.withdraw(actor, on, reason)

    def decide_publication(
        self, decision_id: UUID, actor: str, on: date, publication: PublicationDecision
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.decide_publication(actor, on, publication)

    def sign_off_redaction(
        self, decision_id: UUID, actor: str, role: SignOffRole, name: str, signed_on: date
    ) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.sign_off_redaction(actor, SignOff(role, name, signed_on))

    def publish_decision(self, decision_id: UUID, actor: str, on: date, today: date) -> None:
        """`today` is the server's clock, never a date the client gave."""
        with self.changing(self.decision(decision_id)) as decision:
            decision.publish(actor, on, today)

    def withdraw_publication(self, decision_id: UUID, actor: str, on: date, reason: str) -> None:
        with self.changing(self.decision(decision_id)) as decision:
            decision.withdraw_publication(actor, on, reason)

    # -- funds and programmes --------------------------------------------------------------

    def establish_fund(
        self,
        actor: str,
        on: date,
        body: str,
        name: str,
        funder: str,
        first_year: FinancialYear,
        last_year: FinancialYear,
        total_budget: Amount | None = None,
        tranches: list[FundTranche] | None = None,
    ) -> UUID:
        fund = Fund.establish(
            actor=actor,
            business_date=on,
            body=body,
            name=name,
            funder=funder,
            first_year=first_year,
            last_year=last_year,
            total_budget=None if total_budget is None else Money.of(total_budget),
            tranches=tranches or [],
        )
        self.save_new(fund, f"{body} already has a fund named {name}")
        return fund.id

    def set_fund_budget(
        self, fund_id: UUID, actor: str, on: date, year: FinancialYear, amount: Amount
    ) -> None:
        with self.changing(self.fund(fund_id)) as fund:
            fund.set_budget(actor, on, year, Money.of(amount))

    def register_programme(
        self,
        actor: str,
        on: date,
        name: str,
        lead_body: str = "",
        delivery_partners: list[str] | None = None,
        description: str = "",
        registered_by: str = "",
    ) -> UUID:
        """`registered_by` is the body of the staff registering it."""
        programme = Programme.register(
            actor=actor,
            business_date=on,
            name=name,
            lead_body=lead_body,
            delivery_partners=delivery_partners or [],
            description=description,
            registered_by=registered_by,
        )
        self.save_new(programme, f"Programme {name} already exists")
        return programme.id

    def add_programme_site(
        self, programme_id: UUID, actor: str, on: date, site: str, host_body: str = ""
    ) -> None:
        with self.changing(self.programme(programme_id)) as programme:
            programme.add_site(actor, on, site, host_body)

    def record_pledge(
        self, programme_id: UUID, actor: str, on: date, pledge: Pledge, decision_reference: str = ""
    ) -> None:
        with self.changing(self.programme(programme_id)) as programme:
            programme.record_pledge(actor, on, pledge, decision_reference)

    def set_programme_target(
        self, programme_id: UUID, actor: str, on: date, target: Target
    ) -> None:
        with self.changing(self.programme(programme_id)) as programme:
            programme.set_target(actor, on, target)

    def report_programme_outcome(
        self, programme_id: UUID, actor: str, on: date, outcome: Outcome
    ) -> None:
        with self.changing(self.programme(programme_id)) as programme:
            programme.report_outcome(actor, on, outcome)

    # -- grants ----------------------------------------------------------------------------

    def propose_grant(
        self,
        actor: str,
        on: date,
        decision_id: UUID,
        title: str,
        recipient: str,
        amount: Amount,
        period_start: date,
        period_end: date,
        purpose: str = "",
        up_to: bool = False,
        profile: list[YearAmount] | None = None,
        contributions: list[Contribution] | None = None,
        fund: str = "",
        programme: str = "",
        partners: list[str] | None = None,
        notice_months: int = 1,
    ) -> UUID:
        decision = self.decision(decision_id)
        if fund:
            self.fund(identity.fund_id(decision.body, fund))
        if programme:
            self.programme(identity.programme_id(programme))
        grant = Grant.propose(
            actor=actor,
            business_date=on,
            decision_id=decision.id,
            decision_reference=decision.reference,
            body=decision.body,
            title=title,
            recipient=recipient,
            partners=partners or [],
            programme=programme,
            purpose=purpose,
            amount=Money.of(amount),
            up_to=up_to,
            period_start=period_start,
            period_end=period_end,
            profile=profile or [],
            contributions=contributions or [],
            fund=fund,
            notice_months=notice_months,
        )
        self.save_new(grant, None)
        return grant.id

    def approve_grant(
        self, grant_id: UUID, actor: str, on: date, override_reason: str = ""
    ) -> None:
        grant = self.grant(grant_id)
        decision = self.decision(grant.decision_id)
        grant.approve(actor, on)
        if decision.decided_on and on < decision.decided_on:
            raise GrantError(
                f"Grant '{grant.title}' cannot be approved on {on.isoformat()}, before "
                f"{decision.label} was approved on {decision.decided_on.isoformat()}"
            )
        decision.draw_authority(actor, on, grant.id, grant.recipient, grant.amount)
        fund = self.charge_fund(grant, actor, on, override_reason)
        self.save_changes(grant, decision, fund)

    def sign_grant_agreement(self, grant_id: UUID, actor: str, on: date) -> None:
        with self.changing(self.grant(grant_id)) as grant:
            grant.sign_agreement(actor, on)

    def pay_tranche(
        self,
        grant_id: UUID,
        actor: str,
        on: date,
        amount: Amount,
        reference: str = "",
        separate_duties: bool = True,
    ) -> None:
        with self.changing(self.grant(grant_id)) as grant:
            grant.pay_tranche(actor, on, Money.of(amount), reference, separate_duties)

    def record_repayment(
        self, grant_id: UUID, actor: str, on: date, amount: Amount, reason: str
    ) -> None:
        with self.changing(self.grant(grant_id)) as grant:
            grant.record_repayment(actor, on, Money.of(amount), reason)

    def vary_grant(
        self,
        grant_id: UUID,
        actor: str,
        on: date,
        amount: Amount,
        profile: list[YearAmount],
        reason: str,
        under_decision_id: UUID | None = None,
        override_reason: str = "",
    ) -> None:
        grant = self.grant(grant_id)
        new_amount, old_amount = Money.of(amount), grant.amount
        changed: list[Aggregate | None] = [grant]
        if grant.status is not GrantStatus.PROPOSED:
            changed += self.redraw_authority(grant, actor, on, new_amount, under_decision_id)
        under = self.decision(under_decision_id).reference if under_decision_id else ""
        grant.vary(actor, on, new_amount, profile, reason, under)
        if new_amount > old_amount and grant.status is not GrantStatus.PROPOSED and not under:
            raise GrantError(
                f"Grant '{grant.title}' cannot rise from {old_amount} to {new_amount}: the "
                "increase needs a further approved decision"
            )
        if grant.status is not GrantStatus.PROPOSED:
            changed.append(self.charge_fund(grant, actor, on, override_reason))
        self.save_changes(*changed)

    def give_notice(self, grant_id: UUID, actor: str, on: date, reason: str = "") -> date:
        grant = self.grant(grant_id)
        effective = grant.give_notice(actor, on, reason)
        fund = self.charge_fund(grant, actor, on, "")
        self.save_changes(grant, fund)
        return effective

    def terminate_grant(self, grant_id: UUID, actor: str, on: date) -> None:
        with self.changing(self.grant(grant_id)) as grant:
            grant.terminate(actor, on)

    def close_grant(self, grant_id: UUID, actor: str, on: date, reason: str) -> None:
        grant = self.grant(grant_id)
        grant.close(actor, on, reason)
        fund = self.fund_of(grant)
        if fund is not None:
            fund.release(actor, on, grant.id)
            paid = grant.net_paid_lines
            if paid:
                fund.commit(
                    actor,
                    on,
                    grant.id,
                    grant.title,
                    paid,
                    override_reason=f"Grant '{grant.title}' closed: commitment is what was paid",
                )
        self.save_changes(grant, fund)

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

    def enrol_staff(self, actor: str, name: str, roles: list[str], body: str,
                    token_hash: str) -> None:
        """Give someone a token: a first one, or a new one once the last was revoked."""
        if self.exists(identity.staff_id(name)):
            with self.changing(self.staff_member(name)) as member:
                member.reissue(actor, roles, body, token_hash)
            return
        self.save_new(StaffMember.enrol(actor, name, roles, body, token_hash),
                      f"{name} already has a token; revoke it first to issue another")

    def change_staff_roles(self, actor: str, name: str, roles: list[str]) -> None:
        with self.changing(self.staff_member(name)) as member:
            member.change_roles(actor, roles)

    def revoke_staff_token(self, actor: str, name: str) -> None:
        with self.changing(self.staff_member(name)) as member:
            member.revoke(actor)

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

    def get(self, aggregate_id: UUID | None, kind: type[A], missing: type[NotFoundError]) -> A:
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
            raise missing(aggregate_id)
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

    @contextmanager
    def changing(self, aggregate: A) -> Iterator[A]:
        yield aggregate
        self.save_changes(aggregate)

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

    def charge_fund(self, grant: Grant, actor: str, on: date, override_reason: str) -> Fund | None:
        fund = self.fund_of(grant)
        if fund is not None:
            fund.commit(
                actor, on, grant.id, grant.title, grant.fund_lines(fund.funder), override_reason
            )
        return fund

    def redraw_authority(
        self, grant: Grant, actor: str, on: date, new_amount: Money, under_id: UUID | None
    ) -> list[Aggregate | None]:
        original = self.decision(grant.decision_id)
        drawn = original.drawn.get(grant.id, (0, Money.zero()))[1]
        if new_amount <= grant.amount:
            reduced = drawn - (grant.amount - new_amount)
            if reduced.pence > 0:
                original.draw_authority(actor, on, grant.id, grant.recipient, reduced)
            else:
                original.release_authority(actor, on, grant.id)
            return [original]
        if under_id is None:
            return []
        further = original if under_id == original.id else self.decision(under_id)
        already = further.drawn.get(grant.id, (0, Money.zero()))[1]
        further.draw_authority(
            actor, on, grant.id, grant.recipient, already + new_amount - grant.amount
        )
        return [further]
