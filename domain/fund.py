"""A fund with a budget per financial year; grants charged to it commit against that budget."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import identity
from domain.errors import FundError, OverCommitmentError
from domain.events import RecordEvent
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.record import Record
from domain.values import FundTranche, YearAmount


class Fund(Record):
    class Event(RecordEvent):
        class_version = 1

    class Established(Event, Aggregate.Created):
        body: str
        name: str
        funder: str
        first_year: FinancialYear
        last_year: FinancialYear
        total_budget: Money | None
        tranches: list[FundTranche]

    class BudgetSet(Event):
        year: FinancialYear
        amount: Money

        def apply(self, fund: Fund) -> None:
            fund.budgets[self.year] = self.amount

    class Committed(Event):
        grant_id: UUID
        grant_title: str
        lines: list[YearAmount]
        override_reason: str

        def apply(self, fund: Fund) -> None:
            fund.uncommit(self.grant_id)
            fund.commitments[self.grant_id] = list(self.lines)
            for line in self.lines:
                fund.committed[line.year] = fund.committed_in(line.year) + line.amount
            if self.override_reason:
                fund.overrides.append(self.override_reason)

    class Released(Event):
        grant_id: UUID

        def apply(self, fund: Fund) -> None:
            fund.uncommit(self.grant_id)

    @staticmethod
    def create_id(body: str, name: str, **_: Any) -> UUID:
        return identity.fund_id(body, name)

    @event(Established)
    def __init__(
        self,
        *,
        actor: str,
        business_date: date,
        body: str,
        name: str,
        funder: str,
        first_year: FinancialYear,
        last_year: FinancialYear,
        total_budget: Money | None,
        tranches: list[FundTranche],
    ) -> None:
        self.body = body
        self.dated_from = business_date
        self.name = name
        self.funder = funder
        self.first_year = first_year
        self.last_year = last_year
        self.total_budget = total_budget
        self.tranches = list(tranches)
        self.budgets: dict[FinancialYear, Money] = {}
        self.commitments: dict[UUID, list[YearAmount]] = {}
        self.committed: dict[FinancialYear, Money] = {}
        self.overrides: list[str] = []

    @classmethod
    def establish(cls, **fields: Any) -> Fund:
        if not str(fields.get("name", "")).strip():
            raise FundError("A fund needs a name")
        if fields["last_year"] < fields["first_year"]:
            raise FundError(f"Fund {fields['name']} cannot end before it starts")
        total = fields.get("total_budget")
        if total is not None and total.pence <= 0:
            raise FundError(f"Fund {fields['name']} needs a budget of more than £0.00")
        return cls(**fields)

    @property
    def years(self) -> list[FinancialYear]:
        return self.first_year.through(self.last_year)

    def committed_in(self, year: FinancialYear, excluding: UUID | None = None) -> Money:
        """What the fund's grants commit in the year, but for one grant if named."""
        total = self.committed.get(year, Money.zero())
        for line in self.commitments.get(excluding, []) if excluding else []:
            if line.year == year:
                total -= line.amount
        return total

    def uncommit(self, grant_id: UUID) -> None:
        for line in self.commitments.pop(grant_id, []):
            self.committed[line.year] = self.committed_in(line.year) - line.amount

    def committed_total(self, excluding: UUID | None = None) -> Money:
        return Money.total(self.committed_in(year, excluding) for year in self.years)

    def set_budget(self, actor: str, on: date, year: FinancialYear, amount: Money) -> None:
        self.check_year(year)
        if amount.is_negative:
            raise FundError(f"Fund {self.name} cannot have a negative budget for {year}")
        if amount < self.committed_in(year):
            raise OverCommitmentError(
                f"Fund {self.name} cannot have a {year} budget of {amount}: "
                f"{self.committed_in(year)} is already committed"
            )
        self.trigger_event(self.BudgetSet, actor=actor, business_date=on, year=year, amount=amount)

    def commit(
        self,
        actor: str,
        on: date,
        grant_id: UUID,
        grant_title: str,
        lines: list[YearAmount],
        override_reason: str = "",
    ) -> None:
        shortfalls = self.check_commitment(grant_id, grant_title, lines, override_reason)
        self.trigger_event(
            self.Committed,
            actor=actor,
            business_date=on,
            grant_id=grant_id,
            grant_title=grant_title,
            lines=lines,
            override_reason=override_reason.strip() if shortfalls else "",
        )

    def check_commitment(self, grant_id: UUID, grant_title: str, lines: list[YearAmount],
                         override_reason: str = "") -> list[str]:
        """Whether the fund can carry a grant's lines: the shortfalls an override allows."""
        for line in lines:
            self.check_year(line.year)
        shortfalls = self.shortfalls(grant_id, lines)
        if shortfalls and not override_reason.strip():
            raise OverCommitmentError(
                f"Fund {self.name} cannot commit grant '{grant_title}': {'; '.join(shortfalls)}. "
                "Over-commitment needs an explicit, recorded reason"
            )
        return shortfalls

    def release(self, actor: str, on: date, grant_id: UUID) -> None:
        if grant_id in self.commitments:
            self.trigger_event(self.Released, actor=actor, business_date=on, grant_id=grant_id)

    def shortfalls(self, grant_id: UUID, lines: list[YearAmount]) -> list[str]:
        problems = []
        for line in lines:
            budget = self.budgets.get(line.year)
            if budget is None:
                continue
            headroom = budget - self.committed_in(line.year, excluding=grant_id)
            if line.amount > headroom:
                problems.append(
                    f"{line.amount} in {line.year} exceeds the {headroom} left of its "
                    f"{budget} budget"
                )
        if self.total_budget is not None:
            asked = Money.total(line.amount for line in lines)
            headroom = self.total_budget - self.committed_total(excluding=grant_id)
            if asked > headroom:
                problems.append(
                    f"{asked} exceeds the {headroom} left of its {self.total_budget} total budget"
                )
        return problems

    def check_year(self, year: FinancialYear) -> None:
        if year not in self.years:
            raise FundError(
                f"Fund {self.name} runs from {self.first_year} to {self.last_year}, not {year}"
            )
