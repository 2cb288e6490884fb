"""The figures a chart shows, shaped from ledger rows: pounds by financial year, in bars of
parts (a funder's cash or in kind), with what was paid and the budget beside them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from domain.financial_year import FinancialYear
from readmodel.rows import ExposureYearRow, FundRow, GrantYearRow, ProgrammeRow

OTHERS_AFTER = 8


def pounds(pence: int) -> Decimal:
    return Decimal(pence) / 100


@dataclass(frozen=True, order=True)
class Part:
    """Whose money a segment of a bar is, and whether it is given in kind."""

    source: str
    in_kind: bool = False


@dataclass
class Stack:
    """One bar a year, its parts stacked."""

    name: str
    amounts: dict[Part, dict[str, Decimal]] = field(default_factory=dict)

    def add(self, part: Part, year: str, amount: Decimal) -> None:
        if amount:
            years = self.amounts.setdefault(part, {})
            years[year] = years.get(year, Decimal(0)) + amount

    def total(self, year: str) -> Decimal:
        return sum((years.get(year, Decimal(0)) for years in self.amounts.values()),
                   Decimal(0))


@dataclass
class Chart:
    """What a chart shows: `paid` is marked on the last stack; `budget` outlines each year."""

    title: str
    subtitle: str
    stacks: list[Stack]
    paid: dict[str, Decimal] = field(default_factory=dict)
    budget: dict[str, Decimal] = field(default_factory=dict)
    span: set[str] = field(default_factory=set)
    """Years shown even where nothing is in them, such as a fund's years."""

    @property
    def years(self) -> list[str]:
        found = {*self.paid, *self.budget, *self.span}
        for stack in self.stacks:
            for years in stack.amounts.values():
                found |= set(years)
        return [str(y) for y in sorted(FinancialYear.parse(y) for y in found)]

    @property
    def sources(self) -> list[str]:
        return sorted({part.source for stack in self.stacks for part in stack.amounts})


def add_to(totals: dict[str, Decimal], year: str, amount: Decimal) -> None:
    totals[year] = totals.get(year, Decimal(0)) + amount


def programme_chart(name: str, rows: Iterable[ProgrammeRow], point: str) -> Chart:
    """Pledged beside committed, each by funder, cash and in kind apart; paid net of
    repayments marked on what is committed."""
    pledged, committed = Stack("Pledged"), Stack("Committed")
    paid: dict[str, Decimal] = {}
    for row in rows:
        pledged.add(Part(row.funder), row.year, pounds(row.pledged_cash_pence))
        pledged.add(Part(row.funder, True), row.year, pounds(row.pledged_in_kind_pence))
        committed.add(Part(row.funder), row.year, pounds(row.granted_pence))
        committed.add(Part(row.funder, True), row.year, pounds(row.granted_in_kind_pence))
        if row.paid_pence or row.repaid_pence:
            add_to(paid, row.year, pounds(row.paid_pence - row.repaid_pence))
    return Chart(f"{name}: funding pledged and committed by funder and year",
                 "Each year: pledged (left) and committed by grants (right); in kind "
                 f"hatched; black line: paid net of repayments. {point}.",
                 [pledged, committed], paid)


def fund_chart(title: str, rows: Sequence[FundRow], point: str,
               label: str = "{fund} ({funder})") -> Chart:
    """Committed by fund (its funder named), the budget outlined and paid net of repayments
    marked: the budget monitor."""
    committed = Stack("Committed")
    paid: dict[str, Decimal] = {}
    budget: dict[str, Decimal] = {}
    for row in rows:
        part = Part(label.format(fund=row.fund, funder=row.funder, body=row.body))
        committed.add(part, row.year, pounds(row.committed_pence))
        add_to(paid, row.year, pounds(row.paid_pence - row.repaid_pence))
        if row.budget_pence is not None:
            add_to(budget, row.year, pounds(row.budget_pence))
    totals = {row.fund_id: row.total_budget_pence for row in rows}
    stated = [pounds(t) for t in totals.values() if t is not None]
    overall = f"total budget £{sum(stated):,.2f}; " if stated else ""
    return Chart(title, f"Committed by fund and funder, all in cash; {overall}outline: budget "
                 f"by year; black line: paid net of repayments. {point}.", [committed],
                 {y: a for y, a in paid.items() if a}, budget, {row.year for row in rows})


def exposure_chart(body: str, rows: Sequence[ExposureYearRow], notice: str,
                   point: str) -> Chart:
    """What would remain payable by year, by recipient (the largest named, the rest
    together)."""
    by_recipient: dict[str, int] = {}
    for row in rows:
        by_recipient[row.recipient] = by_recipient.get(row.recipient, 0) + row.payable_pence
    ranked = sorted(by_recipient, key=lambda r: (-by_recipient[r], r))
    named = set(ranked[:OTHERS_AFTER])
    others = f"{len(ranked) - len(named)} other recipients"
    payable = Stack("Payable")
    for row in rows:
        source = row.recipient if row.recipient in named else others
        payable.add(Part(source), row.year, pounds(row.payable_pence))
    total = pounds(sum(by_recipient.values()))
    grants = len({row.grant_id for row in rows})
    return Chart(f"{body}: what would remain payable if notice were given on {notice}",
                 f"£{total:,.2f} payable across {grants} live grant"
                 f"{'' if grants == 1 else 's'}, by recipient and financial year. {point}.",
                 [payable])


def grant_chart(title: str, rows: Iterable[GrantYearRow], point: str) -> Chart:
    """A grant by financial year: what is committed against what was profiled, paid marked."""
    profiled, committed = Stack("Profiled"), Stack("Committed")
    paid: dict[str, Decimal] = {}
    for row in rows:
        profiled.add(Part("Profiled"), row.year, pounds(row.profiled_pence))
        committed.add(Part("Committed"), row.year, pounds(row.committed_pence))
        add_to(paid, row.year, pounds(row.paid_pence - row.repaid_pence))
    return Chart(f"{title}: profiled and committed, paid marked", point,
                 [profiled, committed], paid=paid)
