"""A decision record: report, implications, sign-offs, approval or refusal, publication."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import identity
from domain.errors import (
    AuthorityError,
    DecisionClosedError,
    DecisionError,
    PublicationError,
    SeparationOfDutiesError,
    SignOffMissingError,
)
from domain.events import RecordEvent
from domain.identity import normal
from domain.money import Money
from domain.record import Record
from domain.values import (
    Authorisation,
    AuthorityLine,
    Conflict,
    DecisionMaker,
    DecisionStatus,
    Implication,
    ImplicationArea,
    PublicationDecision,
    Resolution,
    SignOff,
    SignOffRole,
    StatedTotal,
)


class Decision(Record):
    class_version = 4
    """Of its snapshots: version 2 draws a grant on several authorisations and keeps the
    dossier the decision was imported from; version 3 keeps conflicting statements; version 4
    when a redaction was carried out and where the decision is published."""

    class Event(RecordEvent):
        class_version = 1

    class Drafted(Event, Aggregate.Created):
        body: str
        reference: str | None
        title: str
        report_author: str
        report_date: date | None
        classification: str
        area: str
        summary: str
        recommendations: list[str]
        related_decisions: list[str]
        authorisations: list[Authorisation]
        no_direct_financial_implications: bool
        stated_totals: list[StatedTotal]
        conflicts: list[Conflict]
        class_version = 2

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["conflicts"] = []

    class ConflictNoted(Event):
        conflict: Conflict

        def apply(self, decision: Decision) -> None:
            decision.conflicts[self.conflict.fact] = self.conflict

    class ConflictResolved(Event):
        """A treasurer settles which value a conflicting fact has, and why."""

        fact: str
        value: str
        reason: str

        def apply(self, decision: Decision) -> None:
            decision.resolutions[self.fact] = Resolution(
                self.value, self.reason, self.actor, self.business_date)

    class ImplicationConsidered(Event):
        implication: Implication

        def apply(self, decision: Decision) -> None:
            decision.implications[self.implication.area] = self.implication

    class SignedOff(Event):
        sign_off: SignOff

        def apply(self, decision: Decision) -> None:
            decision.sign_offs.append(self.sign_off)

    class StatedTotalNoted(Event):
        stated_total: StatedTotal

        def apply(self, decision: Decision) -> None:
            decision.stated_totals.append(self.stated_total)

    class Approved(Event):
        decision_maker: DecisionMaker
        override_reason: str

        def apply(self, decision: Decision) -> None:
            decision.status = DecisionStatus.APPROVED
            decision.decision_maker = self.decision_maker
            decision.decided_on = self.business_date
            decision.override_reason = self.override_reason

    class Refused(Event):
        decision_maker: DecisionMaker
        reasons: str

        def apply(self, decision: Decision) -> None:
            decision.status = DecisionStatus.REFUSED
            decision.decision_maker = self.decision_maker
            decision.decided_on = self.business_date
            decision.refusal_reasons = self.reasons

    class Withdrawn(Event):
        reason: str

        def apply(self, decision: Decision) -> None:
            decision.status = DecisionStatus.WITHDRAWN
            decision.withdrawal_reason = self.reason

    class PublicationDecided(Event):
        publication: PublicationDecision

        def apply(self, decision: Decision) -> None:
            decision.publication = self.publication

    class RedactionCarriedOut(Event):
        def apply(self, decision: Decision) -> None:
            decision.redacted_on = self.business_date

    class RedactionSignedOff(Event):
        sign_off: SignOff

        def apply(self, decision: Decision) -> None:
            decision.redaction_sign_off = self.sign_off
            decision.redacted_on = decision.redacted_on or self.business_date

    class Published(Event):
        """Published on the register, at the address given where it is known."""

        class_version = 2
        url: str
        date_stated: bool
        """False where the record shows it published but not when: its business date is then
        the day it was recorded as published."""

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["url"] = ""
            state["date_stated"] = True

        def apply(self, decision: Decision) -> None:
            decision.published = True
            decision.published_on = self.business_date if self.date_stated else None
            decision.published_url = self.url

    class PublicationWithdrawn(Event):
        reason: str

        def apply(self, decision: Decision) -> None:
            decision.published = False
            decision.published_on = None
            decision.publication_withdrawn_on = self.business_date

    class Transcribed(Event):
        """The dossier the decision was imported from, as canonical JSON, so that a later
        import of it can say what differs."""

        dossier: str

        def apply(self, decision: Decision) -> None:
            decision.dossier = self.dossier

    class AuthorityDrawn(Event):
        grant_id: UUID
        authorisation: int
        amount: Money

        def apply(self, decision: Decision) -> None:
            decision.drawn[self.grant_id] = {self.authorisation: self.amount}

    class AuthorityLinesDrawn(Event):
        """What the decision provides a grant, by the authorisation it is drawn on."""

        grant_id: UUID
        lines: list[AuthorityLine]

        def apply(self, decision: Decision) -> None:
            decision.drawn[self.grant_id] = {line.authorisation: line.amount
                                             for line in self.lines}

    class AuthorityReleased(Event):
        grant_id: UUID

        def apply(self, decision: Decision) -> None:
            decision.drawn.pop(self.grant_id, None)

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["drawn"] = {grant: {index: amount}
                          for grant, (index, amount) in state.get("drawn", {}).items()}
        state.setdefault("dossier", None)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state.setdefault("conflicts", {})
        state.setdefault("resolutions", {})

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        state.setdefault("published_url", "")
        state.setdefault("published", state.get("published_on") is not None)
        state.setdefault("redacted_on", None)

    @staticmethod
    def create_id(body: str, reference: str | None, title: str, business_date: date,
                  **_: Any) -> UUID:
        return identity.decision_key(body, reference, title, business_date)

    @event(Drafted)
    def __init__(
        self,
        *,
        actor: str,
        business_date: date,
        body: str,
        reference: str | None,
        title: str,
        report_author: str,
        report_date: date | None,
        classification: str,
        area: str,
        summary: str,
        recommendations: list[str],
        related_decisions: list[str],
        authorisations: list[Authorisation],
        no_direct_financial_implications: bool,
        stated_totals: list[StatedTotal],
        conflicts: list[Conflict],
    ) -> None:
        self.body = body
        self.reference = reference
        self.title = title
        self.report_author = report_author
        self.report_date = report_date
        self.classification = classification
        self.area = area
        self.summary = summary
        self.recommendations = list(recommendations)
        self.related_decisions = list(related_decisions)
        self.authorisations = list(authorisations)
        self.no_direct_financial_implications = no_direct_financial_implications
        self.stated_totals = list(stated_totals)
        self.drafted_by = actor
        self.drafted_on = business_date
        self.dated_from = business_date
        self.implications: dict[ImplicationArea, Implication] = {}
        self.sign_offs: list[SignOff] = []
        self.status = DecisionStatus.DRAFT
        self.decision_maker: DecisionMaker | None = None
        self.decided_on: date | None = None
        self.override_reason = ""
        self.refusal_reasons = ""
        self.withdrawal_reason = ""
        self.publication: PublicationDecision | None = None
        self.redaction_sign_off: SignOff | None = None
        self.published = False
        self.published_on: date | None = None
        self.published_url = ""
        self.redacted_on: date | None = None
        self.publication_withdrawn_on: date | None = None
        self.drawn: dict[UUID, dict[int, Money]] = {}
        self.dossier: str | None = None
        self.conflicts = {conflict.fact: conflict for conflict in conflicts}
        self.resolutions: dict[str, Resolution] = {}

    @classmethod
    def draft(cls, **fields: Any) -> Decision:
        if fields.get("authorisations") and fields.get("no_direct_financial_implications"):
            raise DecisionError(
                f"Decision {fields.get('reference') or fields.get('title')} cannot both "
                "authorise money and have no direct financial implications"
            )
        for name in ("body", "title"):
            if not str(fields.get(name, "")).strip():
                raise DecisionError(f"A decision needs a {name}")
        if fields.get("reference") is not None and not fields["reference"].strip():
            raise DecisionError("A decision's reference cannot be blank: give none where its "
                                "record states none")
        facts = [c.fact for c in fields.get("conflicts", [])]
        if len(set(facts)) != len(facts):
            raise DecisionError(f"Decision {fields['reference'] or fields['title']} notes a "
                                "conflict twice")
        for conflict in fields.get("conflicts", []):
            check_conflict(conflict)
        return cls(**fields)

    @property
    def open_conflicts(self) -> list[Conflict]:
        return [c for fact, c in self.conflicts.items() if fact not in self.resolutions]

    def note_conflict(self, actor: str, on: date, conflict: Conflict) -> None:
        if conflict.fact in self.conflicts:
            raise DecisionError(f"{self.label} already notes a conflict over {conflict.fact}")
        check_conflict(conflict)
        self.trigger_event(self.ConflictNoted, actor=actor, business_date=on, conflict=conflict)

    def resolve_conflict(self, actor: str, on: date, fact: str, value: str,
                         reason: str) -> None:
        if fact not in self.conflicts:
            raise DecisionError(f"{self.label} notes no conflict over {fact}")
        if fact in self.resolutions:
            raise DecisionError(f"The conflict over {fact} in {self.label} is already resolved")
        if not value.strip() or not reason.strip():
            raise DecisionError(f"Resolving the conflict over {fact} needs the value and the "
                                "reason")
        self.trigger_event(self.ConflictResolved, actor=actor, business_date=on, fact=fact,
                           value=value.strip(), reason=reason.strip())

    @property
    def label(self) -> str:
        return f"{self.body} decision {self.named}"

    @property
    def named(self) -> str:
        """Its reference or, where the record states none, its title."""
        return self.reference or f"'{self.title}' (reference not stated)"

    @property
    def has_financial_implications(self) -> bool:
        return bool(self.authorisations)

    @property
    def is_approved(self) -> bool:
        return self.status is DecisionStatus.APPROVED

    def consider_implication(self, actor: str, on: date, implication: Implication) -> None:
        self.check_still_open("record implications")
        self.trigger_event(
            self.ImplicationConsidered, actor=actor, business_date=on, implication=implication
        )

    def sign_off(self, actor: str, sign_off: SignOff) -> None:
        self.check_still_open("take sign-offs")
        if not sign_off.name.strip() and not sign_off.title.strip():
            raise DecisionError(f"A sign-off of {self.label} needs the officer's name or title")
        self.trigger_event(
            self.SignedOff, actor=actor, business_date=sign_off.signed_on, sign_off=sign_off
        )

    def note_stated_total(self, actor: str, on: date, stated_total: StatedTotal) -> None:
        self.check_still_open("note stated totals")
        self.trigger_event(
            self.StatedTotalNoted, actor=actor, business_date=on, stated_total=stated_total
        )

    def approve(
        self,
        actor: str,
        on: date,
        decision_maker: DecisionMaker,
        override_reason: str = "",
        separate_duties: bool = True,
    ) -> None:
        self.check_still_open("be approved")
        if separate_duties:
            self.check_not_drafter(actor, "approve")
        self.check_not_before_report(on)
        missing = self.missing_sign_offs(on)
        if missing and not override_reason.strip():
            raise SignOffMissingError(
                f"{self.label} cannot be approved on {on.isoformat()}: it still needs the "
                f"sign-off of the {' and the '.join(missing)}"
            )
        self.trigger_event(
            self.Approved,
            actor=actor,
            business_date=on,
            decision_maker=decision_maker,
            override_reason=override_reason.strip() if missing else "",
        )

    def refuse(
        self,
        actor: str,
        on: date,
        decision_maker: DecisionMaker,
        reasons: str,
        separate_duties: bool = True,
    ) -> None:
        self.check_still_open("be refused")
        if separate_duties:
            self.check_not_drafter(actor, "refuse")
        self.check_not_before_report(on)
        if not reasons.strip():
            raise DecisionError(f"Refusing {self.label} needs the reasons for refusal")
        self.trigger_event(
            self.Refused,
            actor=actor,
            business_date=on,
            decision_maker=decision_maker,
            reasons=reasons.strip(),
        )

    def withdraw(self, actor: str, on: date, reason: str) -> None:
        self.check_still_open("be withdrawn")
        if not reason.strip():
            raise DecisionError(f"Withdrawing {self.label} needs a reason")
        self.trigger_event(self.Withdrawn, actor=actor, business_date=on, reason=reason.strip())

    def decide_publication(self, actor: str, on: date, publication: PublicationDecision) -> None:
        if self.published:
            raise PublicationError(f"{self.label} is already published")
        if not publication.for_publication and not publication.reasons.strip():
            raise PublicationError(
                f"{self.label}: a decision not for publication needs reasons for non-publication"
            )
        self.trigger_event(
            self.PublicationDecided, actor=actor, business_date=on, publication=publication
        )

    def carry_out_redaction(self, actor: str, on: date) -> None:
        if self.publication is None or not self.publication.redaction_required:
            raise PublicationError(f"{self.label} has no redaction to carry out")
        if self.redacted_on is not None:
            raise PublicationError(f"The redaction of {self.label} is already carried out")
        self.trigger_event(self.RedactionCarriedOut, actor=actor, business_date=on)

    def sign_off_redaction(self, actor: str, sign_off: SignOff) -> None:
        if self.publication is None or not self.publication.redaction_required:
            raise PublicationError(f"{self.label} has no redaction to sign off")
        if self.redacted_on is None:
            raise PublicationError(f"The redaction of {self.label} must be carried out before "
                                   "it is signed off")
        if self.redaction_sign_off is not None:
            raise PublicationError(f"The redaction of {self.label} is already signed off")
        if sign_off.signed_on < self.redacted_on:
            raise PublicationError(f"The redaction of {self.label} was carried out on "
                                   f"{self.redacted_on.isoformat()}: it cannot be signed off "
                                   "before")
        if sign_off.role not in (
            SignOffRole.CHIEF_FINANCE_OFFICER,
            SignOffRole.CHIEF_EXECUTIVE,
            SignOffRole.CHIEF_EXECUTIVE_AS_MONITORING_OFFICER,
        ):
            raise PublicationError(
                f"Redaction of {self.label} is signed off by the Treasurer or the Chief "
                f"Executive, not the {sign_off.role.value}"
            )
        self.trigger_event(
            self.RedactionSignedOff,
            actor=actor,
            business_date=sign_off.signed_on,
            sign_off=sign_off,
        )

    def publish(self, actor: str, on: date, today: date, url: str = "",
                date_stated: bool = True) -> None:
        """Publish on a business date no later than today by the server's clock, which is
        also what a deferral is measured against. Where its date is not stated, it is
        recorded as published on the day it is recorded (or, on a clock set earlier, the day
        it was decided)."""
        if not date_stated:
            on = max(on, self.decided_on or on)
        self.check_can_publish(on, max(today, on) if not date_stated else today)
        self.trigger_event(self.Published, actor=actor, business_date=on, url=url.strip(),
                           date_stated=date_stated)

    def withdraw_publication(self, actor: str, on: date, reason: str) -> None:
        if not self.published:
            raise PublicationError(f"{self.label} is not published")
        if not reason.strip():
            raise PublicationError(f"Withdrawing {self.label} from publication needs a reason")
        self.trigger_event(
            self.PublicationWithdrawn, actor=actor, business_date=on, reason=reason.strip()
        )

    def transcribed(self, actor: str, on: date, dossier: str) -> None:
        self.trigger_event(self.Transcribed, actor=actor, business_date=on, dossier=dossier)

    def draw_authority(
        self, actor: str, on: date, grant_id: UUID, recipient: str, amount: Money
    ) -> None:
        """What the decision provides the grant, drawn on as many of its authorisations
        covering the recipient as it takes (an award matched by the body's own money is two
        lines of one decision)."""
        lines = self.lines_for(recipient, amount, excluding=grant_id)
        self.trigger_event(self.AuthorityLinesDrawn, actor=actor, business_date=on,
                           grant_id=grant_id, lines=[AuthorityLine(i, a) for i, a in lines])

    def release_authority(self, actor: str, on: date, grant_id: UUID) -> None:
        if grant_id in self.drawn:
            self.trigger_event(
                self.AuthorityReleased, actor=actor, business_date=on, grant_id=grant_id
            )

    def drawn_for(self, grant_id: UUID) -> Money:
        return Money.total(self.drawn.get(grant_id, {}).values())

    def lines_for(self, recipient: str, amount: Money,
                  excluding: UUID | None = None) -> list[tuple[int, Money]]:
        """The authorisations an amount for the recipient is drawn on: the first covering
        one with room for all of it, or else each covering one in turn, as far as it goes."""
        if not self.is_approved:
            raise AuthorityError(
                f"{self.label} is {self.status.value}, not approved: it authorises nothing"
            )
        covering = [i for i, a in enumerate(self.authorisations) if a.covers(recipient)]
        if not covering:
            raise AuthorityError(f"{self.label} authorises no money for {recipient}")
        room = {i: self.remaining(i, excluding) for i in covering}
        whole = next((i for i in covering if amount <= room[i]), None)
        if whole is not None:
            return [(whole, amount)] if amount.pence else []
        lines, needed = [], amount
        for i in covering:
            part = min(room[i], needed)
            if part.pence > 0:
                lines.append((i, part))
                needed -= part
        if needed.pence > 0:
            left = Money.total(max(r, Money.zero()) for r in room.values())
            described = "; ".join(self.authorisations[i].describe for i in covering)
            raise AuthorityError(
                f"{self.label} authorises {described}; {left} of it remains, so {amount} for "
                f"{recipient} needs a further approved decision"
            )
        return lines

    def authorisation_for(
        self, recipient: str, amount: Money, excluding: UUID | None = None
    ) -> list[tuple[int, Money]]:
        """Whether the amount can be drawn for the recipient (refused with the reason if not)."""
        return self.lines_for(recipient, amount, excluding)

    def remaining(self, index: int, excluding: UUID | None = None) -> Money:
        drawn = Money.total(
            amount for grant, lines in self.drawn.items() if grant != excluding
            for i, amount in lines.items() if i == index
        )
        return self.authorisations[index].amount - drawn

    def missing_sign_offs(self, on: date) -> list[str]:
        signed = [s for s in self.sign_offs if s.signed_on <= on]
        missing = []
        if self.has_financial_implications and not any(s.role.is_financial for s in signed):
            missing.append(SignOffRole.CHIEF_FINANCE_OFFICER.value)
        if not any(s.role.is_monitoring for s in signed):
            missing.append("Monitoring Officer (or Chief Executive as Monitoring Officer)")
        return missing

    def check_still_open(self, action: str) -> None:
        if self.status is not DecisionStatus.DRAFT:
            raise DecisionClosedError(
                f"{self.label} is {self.status.value}: it can no longer {action}; "
                "only publication steps may follow"
            )

    def check_not_drafter(self, actor: str, action: str) -> None:
        if normal(actor) == normal(self.drafted_by):
            raise SeparationOfDutiesError(
                f"{actor} drafted {self.label}, so cannot also {action} it: "
                "the decision is taken by someone else"
            )

    def check_not_before_report(self, on: date) -> None:
        if self.report_date and on < self.report_date:
            raise DecisionError(
                f"{self.label} cannot be decided on {on.isoformat()}, before its report of "
                f"{self.report_date.isoformat()}"
            )

    def check_can_publish(self, on: date, today: date) -> None:
        if on > today:
            raise PublicationError(
                f"{self.label} cannot be published on {on.isoformat()}, a date still to come "
                f"(today is {today.isoformat()})")
        if self.status not in (DecisionStatus.APPROVED, DecisionStatus.REFUSED):
            raise PublicationError(f"{self.label} cannot be published before it is decided")
        if self.published:
            raise PublicationError(f"{self.label} is already published")
        if self.publication is None:
            raise PublicationError(f"Whether {self.label} is for publication is not yet decided")
        if not self.publication.for_publication:
            raise PublicationError(f"{self.label} is not for publication")
        deferred_until = self.publication.deferred_until
        if deferred_until and min(on, today) < deferred_until:
            raise PublicationError(
                f"Publication of {self.label} is deferred until {deferred_until.isoformat()}"
                + (f" (today is {today.isoformat()})" if today < deferred_until else "")
            )
        if self.publication.redaction_required and self.redaction_sign_off is None:
            raise PublicationError(
                f"Redaction of {self.label} must be signed off before publishing"
            )
        if self.decided_on and on < self.decided_on:
            raise PublicationError(f"{self.label} cannot be published before it was decided")


def check_conflict(conflict: Conflict) -> None:
    values = {s.value.strip() for s in conflict.stated}
    if not conflict.fact.strip() or len(values) < 2:
        raise DecisionError(f"A conflict over '{conflict.fact}' states at least two different "
                            "values, and where each is stated")
    if conflict.working.strip() not in values:
        raise DecisionError(f"The working value of '{conflict.fact}' is one of the values "
                            f"stated, not {conflict.working!r}")
