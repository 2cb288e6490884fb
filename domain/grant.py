"""A grant: proposed under a decision, approved, paid in tranches, varied, ended on notice."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain.errors import (
    GrantError,
    GrantStatusError,
    OverpaymentError,
    PaymentAfterTerminationError,
    PublicationError,
    RepaymentError,
    SeparationOfDutiesError,
)
from domain.events import RecordEvent
from domain.financial_year import FinancialYear
from domain.identity import normal
from domain.money import Money
from domain.notice import notice_takes_effect
from domain.record import Record
from domain.shares import in_proportion, over_period
from domain.values import Authority, Contribution, GrantStatus, YearAmount, totals_by_year

_PAYABLE = (GrantStatus.APPROVED, GrantStatus.AGREED, GrantStatus.NOTICE_GIVEN)
_LIVE = (GrantStatus.APPROVED, GrantStatus.AGREED)


class Grant(Record):
    class_version = 3
    """Of its snapshots: version 2 keeps notice in days, re-granting, the authorities of its
    money, extensions and what was still payable at termination; version 3 what the register
    says of it and when it was published."""

    class Event(RecordEvent):
        class_version = 1

    class Proposed(Event, Aggregate.Created):
        class_version = 2
        decision_id: UUID
        decision_reference: str | None
        body: str
        title: str
        recipient: str
        partners: list[str]
        programme: str
        purpose: str
        amount: Money
        up_to: bool
        period_start: date | None
        period_end: date | None
        profile: list[YearAmount]
        contributions: list[Contribution]
        fund: str
        notice_months: int
        notice_days: int
        regrants: bool
        authorities: list[Authority]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state.update(notice_days=0, regrants=False, authorities=[])

    class PublicationFactsStated(Event):
        """What the register must say of a crime and disorder reduction grant beyond its
        recipient (SI 2011/3050, para 3(f)): its purpose, where the proposal left it out, its
        conditions and the reasons it will reduce crime and disorder."""

        purpose: str
        conditions: str
        crime_reduction_reasons: str

        def apply(self, grant: Grant) -> None:
            grant.purpose = self.purpose
            grant.conditions = self.conditions
            grant.crime_reduction_reasons = self.crime_reduction_reasons

    class Published(Event):
        """Published on the register, at the address given where it is known."""

        url: str
        date_stated: bool
        """False where the record shows it published but not when: its business date is then
        the day it was recorded as published."""

        def apply(self, grant: Grant) -> None:
            grant.published = True
            grant.published_on = self.business_date if self.date_stated else None
            grant.published_url = self.url

    class Approved(Event):
        def apply(self, grant: Grant) -> None:
            grant.status = GrantStatus.APPROVED
            grant.approved_on = self.business_date
            grant.approved_by = self.actor

    class AgreementSigned(Event):
        def apply(self, grant: Grant) -> None:
            grant.status = GrantStatus.AGREED
            grant.agreement_signed_on = self.business_date

    class TranchePaid(Event):
        amount: Money
        year: FinancialYear
        reference: str

        def apply(self, grant: Grant) -> None:
            grant.paid_by_year[self.year] = grant.paid_in(self.year) + self.amount
            if grant.status is GrantStatus.TERMINATED:
                grant.settled += self.amount

    class Varied(Event):
        amount: Money
        profile: list[YearAmount]
        reason: str
        under_decision: str

        def apply(self, grant: Grant) -> None:
            grant.amount = self.amount
            grant.profile = {line.year: line.amount for line in self.profile}
            grant.variations += 1

    class Extended(Event):
        period_end: date
        amount: Money
        profile: list[YearAmount]
        reason: str
        under_decision: str

        def apply(self, grant: Grant) -> None:
            grant.period_end = self.period_end
            grant.amount = self.amount
            grant.profile = {line.year: line.amount for line in self.profile}
            grant.extensions += 1

    class NoticeGiven(Event):
        class_version = 2
        effective_on: date
        reason: str
        under_decision: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["under_decision"] = ""

        def apply(self, grant: Grant) -> None:
            grant.status = GrantStatus.NOTICE_GIVEN
            grant.notice_given_on = self.business_date
            grant.termination_effective_on = self.effective_on

    class Terminated(Event):
        """The grant ends: on notice that has run, or with immediate effect (then the event
        says so with its effective date). `still_payable` is what the grant's terms still owe
        for the time before termination took effect."""

        class_version = 2
        effective_on: date | None
        still_payable: Money
        reason: str
        under_decision: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state.update(effective_on=None, still_payable=Money.zero(), reason="",
                         under_decision="")

        def apply(self, grant: Grant) -> None:
            grant.status = GrantStatus.TERMINATED
            grant.terminated_on = self.business_date
            if self.effective_on is not None:
                grant.termination_effective_on = self.effective_on
            grant.still_payable = self.still_payable

    class RepaymentRecorded(Event):
        amount: Money
        year: FinancialYear
        reason: str

        def apply(self, grant: Grant) -> None:
            grant.repaid_by_year[self.year] = grant.repaid_in(self.year) + self.amount

    class Closed(Event):
        reason: str

        def apply(self, grant: Grant) -> None:
            grant.status = GrantStatus.CLOSED
            grant.closed_on = self.business_date

    @event(Proposed)
    def __init__(
        self,
        *,
        actor: str,
        business_date: date,
        decision_id: UUID,
        decision_reference: str | None,
        body: str,
        title: str,
        recipient: str,
        partners: list[str],
        programme: str,
        purpose: str,
        amount: Money,
        up_to: bool,
        period_start: date | None,
        period_end: date | None,
        profile: list[YearAmount],
        contributions: list[Contribution],
        fund: str,
        notice_months: int,
        notice_days: int,
        regrants: bool,
        authorities: list[Authority],
    ) -> None:
        self.decision_id = decision_id
        self.decision_reference = decision_reference
        self.body = body
        self.title = title
        self.recipient = recipient
        self.partners = list(partners)
        self.programme = programme
        self.purpose = purpose
        self.amount = amount
        self.up_to = up_to
        self.period_start = period_start
        self.period_end = period_end
        self.profile = {line.year: line.amount for line in profile}
        self.contributions = list(contributions)
        self.fund = fund
        self.notice_months = notice_months
        self.notice_days = notice_days
        self.regrants = regrants
        self.authorities = list(authorities)
        self.proposed_by = actor
        self.dated_from = business_date
        self.status = GrantStatus.PROPOSED
        self.approved_on: date | None = None
        self.approved_by = ""
        self.agreement_signed_on: date | None = None
        self.paid_by_year: dict[FinancialYear, Money] = {}
        self.repaid_by_year: dict[FinancialYear, Money] = {}
        self.variations = 0
        self.extensions = 0
        self.notice_given_on: date | None = None
        self.termination_effective_on: date | None = None
        self.terminated_on: date | None = None
        self.still_payable = Money.zero()
        self.settled = Money.zero()
        self.closed_on: date | None = None
        self.conditions = ""
        self.crime_reduction_reasons = ""
        self.published = False
        self.published_on: date | None = None
        self.published_url = ""

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        for name, value in (("notice_days", 0), ("regrants", False), ("authorities", []),
                            ("extensions", 0), ("still_payable", Money.zero()),
                            ("settled", Money.zero())):
            state.setdefault(name, value)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        for name, value in (("conditions", ""), ("crime_reduction_reasons", ""),
                            ("published", False), ("published_on", None),
                            ("published_url", "")):
            state.setdefault(name, value)

    @property
    def unpublishable(self) -> list[str]:
        """The facts the register must give of it that it lacks."""
        facts = (("recipient", self.recipient), ("purpose", self.purpose),
                 ("conditions", self.conditions),
                 ("crime_reduction_reasons", self.crime_reduction_reasons))
        return [name for name, value in facts if not value.strip()]

    def state_publication_facts(self, actor: str, on: date, conditions: str,
                                crime_reduction_reasons: str, purpose: str = "") -> None:
        """State what the register gives of the grant; a fact left blank stays as it was."""
        if self.published:
            raise PublicationError(f"Grant '{self.title}' is already published")
        if not (purpose.strip() or conditions.strip() or crime_reduction_reasons.strip()):
            raise PublicationError(f"Grant '{self.title}': state its purpose, its conditions or "
                                   "the reasons it will reduce crime and disorder")
        self.trigger_event(self.PublicationFactsStated, actor=actor, business_date=on,
                           purpose=purpose.strip() or self.purpose,
                           conditions=conditions.strip() or self.conditions,
                           crime_reduction_reasons=crime_reduction_reasons.strip()
                           or self.crime_reduction_reasons)

    def publish(self, actor: str, on: date, today: date, url: str = "",
                date_stated: bool = True) -> None:
        """Publish on the register a grant awarded, with every fact the register must give.
        Where its date is not stated, it is recorded as published on the day it is recorded
        (or, on a clock set earlier, the day it was awarded)."""
        if not date_stated:
            on = max(on, self.approved_on or on)
            today = max(today, on)
        if on > today:
            raise PublicationError(f"Grant '{self.title}' cannot be published on "
                                   f"{on.isoformat()}, a date still to come")
        if self.status is GrantStatus.PROPOSED or self.approved_on is None:
            raise PublicationError(f"Grant '{self.title}' is not yet awarded")
        if self.published:
            raise PublicationError(f"Grant '{self.title}' is already published")
        if self.unpublishable:
            raise PublicationError(f"Grant '{self.title}' cannot be published without its "
                                   + ", ".join(f.replace("_", " ") for f in self.unpublishable))
        self.check_not_before_approval(on, "be published")
        self.trigger_event(self.Published, actor=actor, business_date=on, url=url.strip(),
                           date_stated=date_stated)

    @classmethod
    def propose(cls, **fields: Any) -> Grant:
        check_terms(
            title=fields["title"],
            amount=fields["amount"],
            profile=fields["profile"],
            period_start=fields["period_start"],
            period_end=fields["period_end"],
        )
        if not fields["recipient"].strip():
            raise GrantError(f"Grant '{fields['title']}' needs a recipient organisation")
        if fields["notice_months"] < 0 or fields["notice_days"] < 0:
            raise GrantError(f"Grant '{fields['title']}' cannot have a negative notice period")
        check_contributions(fields["title"], fields["profile"], fields["contributions"])
        check_authorities(fields["title"], fields["amount"], fields["authorities"])
        return cls(**fields)

    @property
    def drawings(self) -> list[tuple[UUID, Money]]:
        """The decisions its award is drawn on and how much on each: its own decision for
        all of it, unless the record names several."""
        if self.authorities:
            return [(a.decision_id, a.amount) for a in self.authorities]
        return [(self.decision_id, self.amount)]

    @property
    def paid(self) -> Money:
        return Money.total(self.paid_by_year.values())

    @property
    def repaid(self) -> Money:
        return Money.total(self.repaid_by_year.values())

    def paid_in(self, year: FinancialYear) -> Money:
        return self.paid_by_year.get(year, Money.zero())

    def repaid_in(self, year: FinancialYear) -> Money:
        return self.repaid_by_year.get(year, Money.zero())

    @property
    def paid_lines(self) -> list[YearAmount]:
        return [YearAmount(year, self.paid_by_year[year]) for year in sorted(self.paid_by_year)]

    @property
    def repaid_lines(self) -> list[YearAmount]:
        return [YearAmount(y, self.repaid_by_year[y]) for y in sorted(self.repaid_by_year)]

    @property
    def net_paid_lines(self) -> list[YearAmount]:
        """What was paid and not repaid, by the year it was paid in; years netting to
        nothing or less are left out."""
        years = sorted({*self.paid_by_year, *self.repaid_by_year})
        net = [YearAmount(y, self.paid_in(y) - self.repaid_in(y)) for y in years]
        return [line for line in net if line.amount.pence > 0]

    @property
    def remaining(self) -> Money:
        return self.amount - self.paid

    @property
    def profile_lines(self) -> list[YearAmount]:
        return [YearAmount(year, self.profile[year]) for year in sorted(self.profile)]

    @property
    def profile_stated(self) -> bool:
        return bool(self.profile)

    def planned_lines(self, profile: list[YearAmount] | None = None) -> list[YearAmount]:
        """The profile (the one given, if it were varied to it) or, where the record states
        none, the award spread over the years of its period by their days."""
        lines = self.profile_lines if profile is None else sorted(profile, key=lambda x: x.year)
        if lines or (profile is None and self.profile_stated):
            return lines
        spread = over_period(self.amount.pence, self.period_start, self.period_end,
                             self.dated_from)
        return [YearAmount(year, Money(pence)) for year, pence in spread]

    def committed_lines(self, profile: list[YearAmount] | None = None) -> list[YearAmount]:
        """What the grant commits by year: its plan, less the years that start once
        termination takes effect; once terminated, what was paid (and not repaid) by then
        and what its terms still owe for the time before; once closed, what was paid and
        not repaid."""
        if self.status is GrantStatus.CLOSED:
            return self.net_paid_lines
        if self.status is GrantStatus.TERMINATED:
            owed = totals_by_year([*self.net_paid_lines, YearAmount(
                FinancialYear.of(self.ends_on or self.dated_from),
                self.still_payable - self.settled)])
            return [YearAmount(y, a) for y, a in sorted(owed.items()) if a.pence > 0]
        return [line for line in self.planned_lines(profile) if not self.released(line.year)]

    @property
    def ends_on(self) -> date | None:
        return self.termination_effective_on or self.period_end

    @property
    def period_stated(self) -> bool:
        return self.period_start is not None and self.period_end is not None

    def released(self, year: FinancialYear) -> bool:
        effective = self.termination_effective_on
        return effective is not None and year.start >= effective

    def fund_lines(self, funder: str, profile: list[YearAmount] | None = None) -> list[YearAmount]:
        """What this grant asks of a fund whose money comes from the given funder: its share
        of each year's commitment, in proportion to the year's cash contributions."""
        lines = [YearAmount(line.year, Money(self.fund_share(line, funder)))
                 for line in self.committed_lines(profile)]
        return [line for line in lines if line.amount.pence > 0]

    def fund_share(self, line: YearAmount, funder: str) -> int:
        weights: dict[str, int] = {}
        for c in self.contributions:
            if c.year == line.year and not c.in_kind:
                weights[normal(c.funder)] = weights.get(normal(c.funder), 0) + c.amount.pence
        if not weights or not funder:
            return line.amount.pence
        parts = in_proportion(line.amount.pence, list(weights.items()))
        return sum(part for name, part in parts if name == normal(funder))

    def check_can_approve(self) -> None:
        if self.status is not GrantStatus.PROPOSED:
            raise GrantStatusError(f"Grant '{self.title}' is {self.status.value}, not proposed")

    def approve(self, actor: str, on: date) -> None:
        self.check_can_approve()
        self.trigger_event(self.Approved, actor=actor, business_date=on)

    def sign_agreement(self, actor: str, on: date) -> None:
        if self.status is not GrantStatus.APPROVED:
            raise GrantStatusError(
                f"Grant '{self.title}' is {self.status.value}: an agreement is signed once, "
                "after approval"
            )
        self.check_not_before_approval(on, "sign its agreement")
        self.trigger_event(self.AgreementSigned, actor=actor, business_date=on)

    def pay_tranche(
        self,
        actor: str,
        on: date,
        amount: Money,
        reference: str = "",
        separate_duties: bool = True,
    ) -> None:
        self.check_positive(amount, "payment")
        if separate_duties and normal(actor) == normal(self.approved_by):
            raise SeparationOfDutiesError(
                f"{actor} approved grant '{self.title}', so cannot also record its payments"
            )
        if self.status is GrantStatus.TERMINATED:
            self.check_still_payable(on, amount)
        elif self.status not in _PAYABLE:
            raise GrantStatusError(
                f"Grant '{self.title}' is {self.status.value}: it cannot be paid"
            )
        else:
            self.check_before_termination(on)
        if amount > self.remaining:
            raise OverpaymentError(
                f"Grant '{self.title}' cannot pay {amount}: only {self.remaining} remains of "
                f"{self.amount} awarded"
            )
        self.trigger_event(
            self.TranchePaid,
            actor=actor,
            business_date=on,
            amount=amount,
            year=FinancialYear.of(on),
            reference=reference,
        )

    def check_still_payable(self, on: date, amount: Money) -> None:
        """After termination, only what its terms still owe for the time before."""
        self.check_not_before_approval(on, "be paid")
        owed = self.still_payable - self.settled
        if amount > owed:
            raise PaymentAfterTerminationError(
                f"Grant '{self.title}' is terminated: only {owed} was still payable for the "
                f"time before termination took effect on {self.ends_on}"
            )

    def check_before_termination(self, on: date) -> None:
        self.check_not_before_approval(on, "be paid")
        effective = self.termination_effective_on
        if effective is not None and on >= effective:
            raise PaymentAfterTerminationError(
                f"Grant '{self.title}' cannot be paid on {on.isoformat()}: termination took "
                f"effect on {effective.isoformat()}"
            )

    def vary(
        self,
        actor: str,
        on: date,
        amount: Money,
        profile: list[YearAmount],
        reason: str,
        under_decision: str = "",
    ) -> None:
        self.check_variation(amount, profile, reason)
        self.trigger_event(
            self.Varied,
            actor=actor,
            business_date=on,
            amount=amount,
            profile=profile,
            reason=reason.strip(),
            under_decision=under_decision,
        )

    def extension(self, period_end: date,
                  added: list[YearAmount]) -> tuple[Money, list[YearAmount]]:
        """The award and profile an extension to the end date with the lines added leaves."""
        if self.status not in (GrantStatus.PROPOSED, *_LIVE):
            raise GrantStatusError(
                f"Grant '{self.title}' is {self.status.value}: it cannot be extended")
        if self.period_end is not None and period_end < self.period_end:
            raise GrantError(f"Grant '{self.title}' ends on {self.period_end.isoformat()}: an "
                             f"extension cannot end it earlier, on {period_end.isoformat()}")
        if any(line.amount.is_negative for line in added):
            raise GrantError(f"An extension of grant '{self.title}' cannot add less than £0.00")
        base = self.planned_lines() if added else self.profile_lines
        profile = totals_by_year([*base, *added])
        lines = [YearAmount(y, a) for y, a in sorted(profile.items())]
        amount = self.amount + Money.total(line.amount for line in added)
        check_terms(self.title, amount, lines, self.period_start, period_end)
        return amount, lines

    def extend(self, actor: str, on: date, period_end: date, added: list[YearAmount],
               reason: str, under_decision: str) -> None:
        amount, profile = self.extension(period_end, added)
        self.trigger_event(self.Extended, actor=actor, business_date=on, period_end=period_end,
                           amount=amount, profile=profile, reason=reason.strip(),
                           under_decision=under_decision)

    def check_variation(self, amount: Money, profile: list[YearAmount], reason: str) -> None:
        if self.status not in (GrantStatus.PROPOSED, *_LIVE):
            raise GrantStatusError(
                f"Grant '{self.title}' is {self.status.value}: it cannot be varied"
            )
        if not reason.strip():
            raise GrantError(f"A variation of grant '{self.title}' needs a reason")
        check_terms(self.title, amount, profile, self.period_start, self.period_end)
        if amount < self.paid:
            raise GrantError(
                f"Grant '{self.title}' cannot be varied to {amount}: {self.paid} is already paid"
            )

    def give_notice(self, actor: str, on: date, reason: str = "", months: int | None = None,
                    days: int | None = None, under_decision: str = "") -> date:
        """Notice by the grant's terms, or by the period the decision ending it states."""
        if self.status not in _LIVE:
            raise GrantStatusError(
                f"Grant '{self.title}' is {self.status.value}: notice can be given only on a "
                "live grant"
            )
        self.check_not_before_approval(on, "be given notice")
        stated = months is not None or days is not None
        months, days = (months or 0, days or 0) if stated else (
            self.notice_months, self.notice_days)
        if months < 0 or days < 0:
            raise GrantError(f"Notice to grant '{self.title}' cannot be a negative period")
        effective = notice_takes_effect(on, months, days)
        self.trigger_event(self.NoticeGiven, actor=actor, business_date=on,
                           effective_on=effective, reason=reason, under_decision=under_decision)
        return effective

    def terminate(self, actor: str, on: date, reason: str = "",
                  still_payable: Money | None = None, under_decision: str = "") -> None:
        """End the grant once its notice has run, or at once ("with immediate effect") if
        no notice was given, which needs the reason or the decision ending it."""
        owed = still_payable or Money.zero()
        effective = self.termination_effective_on
        immediate = self.status in _LIVE
        if not (immediate or self.status is GrantStatus.NOTICE_GIVEN):
            raise GrantStatusError(
                f"Grant '{self.title}' is {self.status.value}: only a live grant can end"
            )
        if immediate:
            self.check_not_before_approval(on, "end")
            if not (reason.strip() or under_decision):
                raise GrantError(f"Ending grant '{self.title}' with immediate effect needs a "
                                 "reason or the decision ending it")
        elif effective is not None and on < effective:
            raise GrantError(
                f"Grant '{self.title}' cannot end on {on.isoformat()}: notice takes effect on "
                f"{effective.isoformat()}"
            )
        if owed.is_negative or owed > self.remaining:
            raise GrantError(f"Grant '{self.title}' cannot still owe {owed}: {self.remaining} "
                             "remains of its award")
        self.trigger_event(self.Terminated, actor=actor, business_date=on,
                           effective_on=on if immediate else None, still_payable=owed,
                           reason=reason.strip(), under_decision=under_decision)

    def record_repayment(self, actor: str, on: date, amount: Money, reason: str) -> None:
        self.check_positive(amount, "repayment")
        if self.status is GrantStatus.CLOSED:
            raise GrantStatusError(f"Grant '{self.title}' is closed")
        if not reason.strip():
            raise RepaymentError(f"A repayment of grant '{self.title}' needs a reason")
        if amount > self.paid - self.repaid:
            raise RepaymentError(
                f"Grant '{self.title}' cannot be repaid {amount}: only {self.paid - self.repaid}"
                " has been paid and not yet repaid"
            )
        self.trigger_event(
            self.RepaymentRecorded,
            actor=actor,
            business_date=on,
            amount=amount,
            year=FinancialYear.of(on),
            reason=reason.strip(),
        )

    def close(self, actor: str, on: date, reason: str) -> None:
        if self.status is GrantStatus.CLOSED:
            raise GrantStatusError(f"Grant '{self.title}' is already closed")
        ends = self.period_end
        ended = self.status is GrantStatus.TERMINATED or (ends is not None and on >= ends)
        settled = self.status in _LIVE and self.paid == self.amount
        if not (ended or settled or self.status is GrantStatus.PROPOSED):
            raise GrantStatusError(
                f"Grant '{self.title}' cannot close on {on.isoformat()}: {self.remaining} is "
                f"still payable{f' before {ends.isoformat()}' if ends else ''}; give notice "
                "first"
            )
        if not reason.strip():
            raise GrantError(f"Closing grant '{self.title}' needs a reason")
        self.trigger_event(self.Closed, actor=actor, business_date=on, reason=reason.strip())

    def check_positive(self, amount: Money, what: str) -> None:
        if amount.pence <= 0:
            raise GrantError(
                f"A {what} of grant '{self.title}' must be more than £0.00, not {amount}"
            )

    def check_not_before_approval(self, on: date, action: str) -> None:
        if self.approved_on is not None and on < self.approved_on:
            raise GrantError(
                f"Grant '{self.title}' cannot {action} on {on.isoformat()}, before its approval "
                f"on {self.approved_on.isoformat()}"
            )


def check_terms(
    title: str, amount: Money, profile: list[YearAmount], period_start: date | None,
    period_end: date | None
) -> None:
    """The award, its profile and its period agree; a start or end the record does not
    state bounds nothing."""
    if amount.pence <= 0:
        raise GrantError(f"Grant '{title}' must be for more than £0.00")
    if period_start is not None and period_end is not None and period_end < period_start:
        raise GrantError(f"Grant '{title}' cannot end before it starts")
    years = [line.year for line in profile]
    if len(set(years)) != len(years):
        raise GrantError(f"Grant '{title}' profiles a financial year twice")
    first = FinancialYear.of(period_start) if period_start else None
    last = FinancialYear.of(period_end) if period_end else None
    for line in profile:
        if (first and line.year < first) or (last and line.year > last):
            raise GrantError(
                f"Grant '{title}' profiles {line.year}, outside its period "
                f"{first or 'start not stated'} to {last or 'end not stated'}"
            )
        if line.amount.is_negative:
            raise GrantError(f"Grant '{title}' cannot profile a negative amount in {line.year}")
    profiled = Money.total(line.amount for line in profile)
    if profiled > amount:
        raise GrantError(f"Grant '{title}' profiles {profiled}, more than its {amount}")


def check_authorities(title: str, amount: Money, authorities: list[Authority]) -> None:
    named = Money.total(a.amount for a in authorities)
    if authorities and named != amount:
        raise GrantError(f"Grant '{title}' is for {amount}, but the decisions authorising it "
                         f"name {named}")
    if any(a.amount.pence <= 0 for a in authorities):
        raise GrantError(f"Grant '{title}': each authority must be for more than £0.00")
    if len({a.decision_id for a in authorities}) != len(authorities):
        raise GrantError(f"Grant '{title}' names a decision authorising it twice")


def check_contributions(
    title: str, profile: list[YearAmount], contributions: list[Contribution]
) -> None:
    profiled = {line.year for line in profile}
    for contribution in contributions:
        if contribution.year not in profiled:
            raise GrantError(
                f"Grant '{title}' has a contribution from {contribution.funder} in "
                f"{contribution.year}, a year its profile does not cover"
            )
        if contribution.amount.pence <= 0:
            raise GrantError(f"Grant '{title}': contributions must be more than £0.00")
