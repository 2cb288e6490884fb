"""The ledgers a treasurer reads, derived from the books: one row per grant, fund year,
programme funder year, decision, live grant's exposure and recorded event. Money is in pence."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any
from uuid import UUID

from domain import identity
from domain.books import Books
from domain.decision import Decision
from domain.financial_year import FinancialYear
from domain.fund import Fund
from domain.grant import Grant
from domain.money import Money
from domain.notice import notice_takes_effect
from domain.programme import Programme
from domain.values import DecisionStatus, GrantStatus, YearAmount, totals_by_year

LIVE = (GrantStatus.APPROVED, GrantStatus.AGREED, GrantStatus.NOTICE_GIVEN)
COMMITTING = (*LIVE, GrantStatus.TERMINATED)


@dataclass(frozen=True)
class GrantRow:
    grant_id: str
    decision_id: str
    decision_reference: str
    body: str
    title: str
    recipient: str
    programme: str
    fund: str
    status: str
    awarded_pence: int
    up_to: bool
    profiled_pence: int
    committed_pence: int
    paid_pence: int
    repaid_pence: int
    outstanding_pence: int
    approved_on: date | None
    notice_given_on: date | None
    termination_effective_on: date | None
    closed_on: date | None


@dataclass(frozen=True)
class GrantYearRow:
    grant_id: str
    year: str
    profiled_pence: int
    committed_pence: int
    charged_pence: int
    paid_pence: int
    repaid_pence: int


@dataclass(frozen=True)
class FundRow:
    fund_id: str
    body: str
    fund: str
    funder: str
    year: str
    budget_pence: int | None
    committed_pence: int
    paid_pence: int
    headroom_pence: int | None


@dataclass(frozen=True)
class ProgrammeRow:
    programme_id: str
    programme: str
    funder: str
    year: str
    pledged_cash_pence: int
    pledged_in_kind_pence: int
    granted_pence: int
    paid_pence: int
    share: str


@dataclass(frozen=True)
class DecisionRow:
    decision_id: str
    body: str
    reference: str
    title: str
    status: str
    drafted_on: date | None
    report_date: date | None
    sign_offs: str
    decision_maker: str
    decided_on: date | None
    authorised_pence: int
    drawn_pence: int
    publication: str
    published_on: date | None
    exception: str


@dataclass(frozen=True)
class ExposureRow:
    grant_id: str
    body: str
    title: str
    recipient: str
    notice_on: date
    takes_effect_on: date
    payable_pence: int
    released_pence: int


@dataclass(frozen=True)
class AuditRow:
    position: int
    recorded_at: str
    business_date: date | None
    effective_date: date | None
    actor: str
    record_type: str
    record_id: str
    version: int
    event: str
    body: str
    decision_reference: str
    grant_id: str
    subject: str
    summary: str
    amount_pence: int | None
    year: str


@dataclass
class Ledgers:
    """Every ledger at one point, as rows."""

    grants: list[GrantRow] = field(default_factory=list)
    grant_years: list[GrantYearRow] = field(default_factory=list)
    funds: list[FundRow] = field(default_factory=list)
    programmes: list[ProgrammeRow] = field(default_factory=list)
    decisions: list[DecisionRow] = field(default_factory=list)
    exposure: list[ExposureRow] = field(default_factory=list)

    def exposure_by_body(self) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for row in self.exposure:
            totals[row.body] += row.payable_pence
        return dict(totals)


def ledgers(books: Books, notice_on: date) -> Ledgers:
    result = Ledgers()
    for record in books.records.values():
        add_rows(result, books, record.id, notice_on)
    return result


def add_rows(result: Ledgers, books: Books, record_id: UUID, notice_on: date) -> None:
    """Add the rows a record owns; a fund or programme owns rows derived from its grants."""
    record = books.records.get(record_id)
    if isinstance(record, Grant):
        result.grants.append(grant_row(books, record))
        result.grant_years += grant_year_rows(books, record)
        if record.status in LIVE:
            result.exposure.append(exposure_row(record, notice_on))
    elif isinstance(record, Fund):
        result.funds += fund_rows(record, books.grants_in_fund(record))
    elif isinstance(record, Programme):
        result.programmes += programme_rows(record, books.grants_in_programme(record))
    elif isinstance(record, Decision):
        result.decisions.append(decision_row(record))


# -- grants ---------------------------------------------------------------------------------


def committed_by_year(grant: Grant) -> dict[FinancialYear, Money]:
    """What the grant still commits, year by year: its profile until notice takes effect."""
    if grant.status in COMMITTING:
        return totals_by_year(grant.committed_profile)
    if grant.status is GrantStatus.CLOSED:
        return net_paid_by_year(grant)
    return {}


def charged_by_year(books: Books, grant: Grant) -> dict[FinancialYear, Money]:
    """What the grant charges its fund, year by year: the fund's funder's part of it."""
    if grant.status in COMMITTING:
        fund = books.fund_of(grant)
        return totals_by_year(grant.fund_lines(fund.funder if fund else ""))
    return committed_by_year(grant)


def net_paid_by_year(grant: Grant) -> dict[FinancialYear, Money]:
    repaid = [YearAmount(line.year, -line.amount) for line in grant.repayments]
    totals = totals_by_year([*grant.payments, *repaid])
    return {year: amount for year, amount in totals.items() if amount.pence > 0}


def grant_row(books: Books, grant: Grant) -> GrantRow:
    committed = Money.total(committed_by_year(grant).values())
    net_paid = grant.paid - grant.repaid
    return GrantRow(
        grant_id=str(grant.id),
        decision_id=str(grant.decision_id),
        decision_reference=grant.decision_reference,
        body=grant.body,
        title=grant.title,
        recipient=grant.recipient,
        programme=grant.programme,
        fund=grant.fund,
        status=grant.status.value,
        awarded_pence=grant.amount.pence,
        up_to=grant.up_to,
        profiled_pence=Money.total(grant.profile.values()).pence,
        committed_pence=committed.pence,
        paid_pence=grant.paid.pence,
        repaid_pence=grant.repaid.pence,
        outstanding_pence=max(committed.pence - net_paid.pence, 0),
        approved_on=grant.approved_on,
        notice_given_on=grant.notice_given_on,
        termination_effective_on=grant.termination_effective_on,
        closed_on=grant.closed_on,
    )


def grant_year_rows(books: Books, grant: Grant) -> list[GrantYearRow]:
    committed, charged = committed_by_year(grant), charged_by_year(books, grant)
    paid, repaid = totals_by_year(grant.payments), totals_by_year(grant.repayments)
    years = sorted({*grant.profile, *committed, *charged, *paid, *repaid})
    return [
        GrantYearRow(
            grant_id=str(grant.id),
            year=str(year),
            profiled_pence=grant.profile.get(year, Money.zero()).pence,
            committed_pence=committed.get(year, Money.zero()).pence,
            charged_pence=charged.get(year, Money.zero()).pence,
            paid_pence=paid.get(year, Money.zero()).pence,
            repaid_pence=repaid.get(year, Money.zero()).pence,
        )
        for year in years
    ]


def payable_before(grant: Grant, effective: date) -> Money:
    """What is still payable under the grant if it ends on the given date."""
    profiled = Money.total(
        line.amount for line in grant.profile_lines if line.year.start < effective
    )
    due = profiled - grant.paid
    return min(max(due, Money.zero()), max(grant.remaining, Money.zero()))


def exposure_row(grant: Grant, notice_on: date) -> ExposureRow:
    if grant.termination_effective_on is not None:
        effective = grant.termination_effective_on
    else:
        effective = notice_takes_effect(max(notice_on, grant.approved_on or notice_on),
                                        grant.notice_months)
    payable = payable_before(grant, effective)
    return ExposureRow(
        grant_id=str(grant.id),
        body=grant.body,
        title=grant.title,
        recipient=grant.recipient,
        notice_on=notice_on,
        takes_effect_on=effective,
        payable_pence=payable.pence,
        released_pence=max(grant.remaining.pence - payable.pence, 0),
    )


# -- funds ----------------------------------------------------------------------------------


def fund_rows(fund: Fund, grants: Iterable[Grant]) -> list[FundRow]:
    paid: dict[FinancialYear, Fraction] = defaultdict(Fraction)
    for grant in grants:
        share = funder_share(grant, fund.funder)
        for year, amount in net_paid_by_year(grant).items():
            paid[year] += amount.pence * share(year)
    rows = []
    for year in fund.years:
        budget = fund.budgets.get(year)
        if budget is None and fund.total_budget is not None and len(fund.years) == 1:
            budget = fund.total_budget
        committed = fund.committed_in(year)
        rows.append(
            FundRow(
                fund_id=str(fund.id),
                body=fund.body,
                fund=fund.name,
                funder=fund.funder,
                year=str(year),
                budget_pence=budget.pence if budget is not None else None,
                committed_pence=committed.pence,
                paid_pence=round(paid[year]),
                headroom_pence=(budget - committed).pence if budget is not None else None,
            )
        )
    return rows


class funder_share:
    """The part of a grant's payment in a year that falls to one funder: its share of that
    year's cash contributions, or all of it when the grant names no contributions."""

    def __init__(self, grant: Grant, funder: str) -> None:
        self.cash: dict[FinancialYear, int] = defaultdict(int)
        self.own: dict[FinancialYear, int] = defaultdict(int)
        for c in grant.contributions:
            if c.in_kind:
                continue
            self.cash[c.year] += c.amount.pence
            if not funder or identity.normal(c.funder) == identity.normal(funder):
                self.own[c.year] += c.amount.pence

    def __call__(self, year: FinancialYear) -> Fraction:
        if not self.cash.get(year):
            return Fraction(1)
        return Fraction(self.own[year], self.cash[year])


# -- programmes -----------------------------------------------------------------------------


def spread(amount: Money, years: list[FinancialYear]) -> dict[FinancialYear, int]:
    """A multi-year pledge split evenly; the odd pence fall in the first years."""
    whole, odd = divmod(amount.pence, len(years))
    return {year: whole + (1 if i < odd else 0) for i, year in enumerate(years)}


def programme_rows(programme: Programme, grants: Iterable[Grant]) -> list[ProgrammeRow]:
    """Pledges to the programme beside what its grants commit and pay, per funder and year.

    A grant's money falls to the funders of its contributions, or to the grant's body when it
    names none. A funder's share is of all pledges, or of all grants when nothing is pledged."""
    cash: Tally = defaultdict(int)
    in_kind: Tally = defaultdict(int)
    granted: Tally = defaultdict(int)
    paid: dict[tuple[str, FinancialYear], Fraction] = defaultdict(Fraction)
    for pledge in programme.pledges:
        target = in_kind if pledge.in_kind else cash
        for year, pence in spread(pledge.amount, pledge.years).items():
            target[(pledge.funder, year)] += pence
    for grant in grants:
        if grant.status in (*COMMITTING, GrantStatus.CLOSED):
            add_grant_funding(grant, granted, paid)
    keys = sorted({*cash, *in_kind, *granted, *paid}, key=lambda k: (k[1], k[0]))
    basis = [*cash.items(), *in_kind.items()] or list(granted.items())
    funder_totals: dict[str, int] = defaultdict(int)
    for (funder, _), pence in basis:
        funder_totals[funder] += pence
    total = sum(funder_totals.values())
    return [
        ProgrammeRow(
            programme_id=str(programme.id),
            programme=programme.name,
            funder=funder,
            year=str(year),
            pledged_cash_pence=cash.get((funder, year), 0),
            pledged_in_kind_pence=in_kind.get((funder, year), 0),
            granted_pence=granted.get((funder, year), 0),
            paid_pence=round(paid.get((funder, year), Fraction(0))),
            share=share_of(funder_totals.get(funder, 0), total),
        )
        for funder, year in keys
    ]


Tally = dict[tuple[str, FinancialYear], int]


def share_of(part: int, total: int) -> str:
    if not total:
        return "0.0000"
    return str((Decimal(part) / Decimal(total)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def add_grant_funding(
    grant: Grant, granted: Tally, paid: dict[tuple[str, FinancialYear], Fraction]
) -> None:
    cash = [c for c in grant.contributions if not c.in_kind]
    for c in cash:
        if not grant.released(c.year):
            granted[(c.funder, c.year)] += c.amount.pence
    if not cash:
        for line in grant.committed_profile:
            granted[(grant.body, line.year)] += line.amount.pence
    funders = {c.funder for c in cash} or {grant.body}
    for year, amount in net_paid_by_year(grant).items():
        for funder in funders:
            share = funder_share(grant, funder if cash else "")
            paid[(funder, year)] += amount.pence * share(year)


# -- decisions ------------------------------------------------------------------------------


def decision_row(decision: Decision) -> DecisionRow:
    maker = decision.decision_maker
    return DecisionRow(
        decision_id=str(decision.id),
        body=decision.body,
        reference=decision.reference,
        title=decision.title,
        status=decision.status.value,
        drafted_on=decision.drafted_on,
        report_date=decision.report_date,
        sign_offs="; ".join(s.describe for s in decision.sign_offs),
        decision_maker=f"{maker.role} {maker.name}".strip() if maker else "",
        decided_on=decision.decided_on,
        authorised_pence=Money.total(a.amount for a in decision.authorisations).pence,
        drawn_pence=Money.total(amount for _, amount in decision.drawn.values()).pence,
        publication=publication_state(decision),
        published_on=decision.published_on,
        exception=decision.override_reason
        if decision.status is DecisionStatus.APPROVED else "",
    )


def publication_state(decision: Decision) -> str:
    if decision.published_on is not None:
        return f"published on {decision.published_on.isoformat()}"
    if decision.publication_withdrawn_on is not None:
        return f"publication withdrawn on {decision.publication_withdrawn_on.isoformat()}"
    publication = decision.publication
    if publication is None:
        return "not decided"
    if not publication.for_publication:
        return f"not for publication: {publication.reasons}".rstrip(": ")
    if publication.deferred_until is not None:
        return f"deferred until {publication.deferred_until.isoformat()}"
    return "for publication"


# -- audit trail ----------------------------------------------------------------------------

_BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "actor", "business_date",
                "originator_topic"}


def audit_row(event: Any, position: int, books: Books) -> AuditRow:
    """One line of the trail; the books are those just after the event was applied."""
    record = books.records.get(event.originator_id)
    changes = {k: v for k, v in vars(event).items() if k not in _BASE_FIELDS}
    amount = changes.get("amount")
    year = changes.get("year")
    business_date: date | None = getattr(event, "business_date", None)
    dated_from = books.created_on(event.originator_id)
    effective = business_date
    if business_date and dated_from and business_date < dated_from:
        effective = dated_from
    return AuditRow(
        position=position,
        recorded_at=recorded_at(event.timestamp),
        business_date=business_date,
        effective_date=effective,
        actor=str(getattr(event, "actor", "")),
        record_type=type(record).__name__ if record is not None else "",
        record_id=str(event.originator_id),
        version=event.originator_version,
        event=humane(type(event).__name__),
        body=str(getattr(record, "body", "") or getattr(record, "lead_body", "")),
        decision_reference=reference_of(record),
        grant_id=str(record.id) if isinstance(record, Grant) else "",
        subject=subject_of(record),
        summary="; ".join(
            f"{k.replace('_', ' ')}: {rendered(v)}" for k, v in changes.items()
            if v not in (None, "", [])
        ),
        amount_pence=amount.pence if isinstance(amount, Money) else None,
        year=str(year) if isinstance(year, FinancialYear) else "",
    )


def recorded_at(timestamp: datetime) -> str:
    return timestamp.astimezone(UTC).isoformat(timespec="microseconds")


def humane(name: str) -> str:
    words = [name[0]]
    for char in name[1:]:
        words.append(f" {char.lower()}" if char.isupper() else char)
    return "".join(words)


def reference_of(record: Any) -> str:
    if isinstance(record, Decision):
        return record.reference
    if isinstance(record, Grant):
        return record.decision_reference
    return ""


def subject_of(record: Any) -> str:
    if isinstance(record, (Decision, Grant)):
        return record.title
    if isinstance(record, (Fund, Programme)):
        return record.name
    return ""


def rendered(value: Any) -> str:
    if isinstance(value, (Money, FinancialYear, UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(rendered(v) for v in value) + "]"
    if hasattr(value, "describe"):
        return str(value.describe)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, str)):
        return str(value.value)
    if hasattr(value, "__dataclass_fields__"):
        return ", ".join(
            f"{k.replace('_', ' ')} {rendered(getattr(value, k))}"
            for k in value.__dataclass_fields__
            if getattr(value, k) not in ("", None, False, [])
        )
    return str(value)
