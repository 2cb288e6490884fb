"""What the journal knows of each record: the facts of its register row and the balances the
translation of its next event needs. Loaded from the register and ledger rows, changed by
translation, and written back in the same transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from domain.identity import normal
from domain.shares import over_period

COMMITTING = ("approved", "agreement signed", "notice given", "terminated")
LIVE = ("approved", "agreement signed", "notice given")


@dataclass
class Years:
    """One grant's money in one financial year, in pence."""

    profiled: int = 0
    committed: int = 0
    charged: int = 0
    paid: int = 0
    repaid: int = 0
    released: int = 0


@dataclass
class FunderYear:
    """One funder's part of one grant's money in one financial year, in pence."""

    committed: int = 0
    paid: int = 0
    repaid: int = 0
    in_kind: int = 0
    """What the funder gives in kind, apart from its cash."""


@dataclass
class Contribution:
    funder: str
    year: str
    amount: int
    in_kind: bool


@dataclass
class GrantState:
    grant_id: str
    decision_id: str
    decision_reference: str | None
    body: str
    title: str
    recipient: str
    partners: str
    programme: str
    programme_id: str | None
    fund: str
    fund_id: str | None
    fund_funder: str
    status: str
    up_to: bool
    created_on: date
    period_start: date | None
    period_end: date | None
    notice_months: int
    notice_days: int
    profile_stated: bool
    regrants: bool
    awarded: int = 0
    still_payable: int = 0
    created_at: int = 0
    approved_on: date | None = None
    agreement_signed_on: date | None = None
    notice_given_on: date | None = None
    termination_effective_on: date | None = None
    terminated_on: date | None = None
    closed_on: date | None = None
    purpose: str = ""
    conditions: str = ""
    crime_reduction_reasons: str = ""
    published: bool = False
    published_on: date | None = None
    published_url: str = ""
    contributions: list[Contribution] = field(default_factory=list)
    years: dict[str, Years] = field(default_factory=dict)
    funders: dict[tuple[str, str], FunderYear] = field(default_factory=dict)
    weights: dict[str, list[tuple[str, int]]] = field(default_factory=dict, repr=False,
                                                       compare=False)
    new: bool = False

    def planned(self, label: str) -> int:
        """The year's profile or, where the record states none, its share of the award
        spread over the period by days."""
        if self.profile_stated:
            return self.year(label).profiled
        return self.spread().get(label, 0)

    def spread(self) -> dict[str, int]:
        return {str(y): part for y, part in over_period(
            self.awarded, self.period_start, self.period_end, self.created_on)}

    @property
    def ends_on(self) -> date | None:
        return self.termination_effective_on or self.period_end

    def year(self, label: str) -> Years:
        found = self.years.get(label)
        if found is None:
            found = self.years[label] = Years()
        return found

    def funder_year(self, label: str, funder: str) -> FunderYear:
        key = (label, funder)
        found = self.funders.get(key)
        if found is None:
            found = self.funders[key] = FunderYear()
        return found

    def shares(self, label: str) -> list[tuple[str, int]]:
        """The year's cash contributions by funder, or the whole to the grant's own body."""
        found = self.weights.get(label)
        if found is None:
            weights: dict[str, int] = {}
            names: dict[str, str] = {}
            for c in self.contributions:
                if c.year == label and not c.in_kind:
                    key = normal(c.funder)
                    names.setdefault(key, c.funder)
                    weights[names[key]] = weights.get(names[key], 0) + c.amount
            found = self.weights[label] = list(weights.items()) or [(self.body, 1)]
        return found

    def fund_of(self, label: str, funder: str) -> str | None:
        """The fund a funder's part is paid from: the grant's fund when the part is its
        funder's, or when the year names no cash contributions."""
        if self.fund_id is None:
            return None
        cash = any(c.year == label and not c.in_kind for c in self.contributions)
        if not cash or normal(funder) == normal(self.fund_funder):
            return self.fund_id
        return None

    @property
    def committing(self) -> bool:
        return self.status in COMMITTING

    @property
    def record_id(self) -> str:
        return self.grant_id

    @cached_property
    def trail(self) -> tuple[str, str | None]:
        """What the audit trail is searched by: the body (as a tenant) and the reference."""
        return normal(self.body), self.decision_reference

    def total(self, measure: str) -> int:
        return sum(getattr(y, measure) for y in self.years.values())

    def columns(self) -> dict[str, Any]:
        return {
            "grant_id": self.grant_id, "decision_id": self.decision_id,
            "decision_reference": self.decision_reference, "body": self.body,
            "tenant": normal(self.body), "title": self.title, "recipient": self.recipient,
            "partners": self.partners,
            "programme": self.programme, "programme_id": self.programme_id,
            "fund": self.fund, "fund_id": self.fund_id, "status": self.status,
            "up_to": self.up_to, "created_on": self.created_on, "created_at": self.created_at,
            "period_start": self.period_start, "period_end": self.period_end,
            "notice_months": self.notice_months, "notice_days": self.notice_days,
            "profile_stated": self.profile_stated, "regrants": self.regrants,
            "approved_on": self.approved_on,
            "agreement_signed_on": self.agreement_signed_on,
            "notice_given_on": self.notice_given_on,
            "termination_effective_on": self.termination_effective_on,
            "terminated_on": self.terminated_on, "closed_on": self.closed_on,
            "purpose": self.purpose, "conditions": self.conditions,
            "crime_reduction_reasons": self.crime_reduction_reasons,
            "published": self.published, "published_on": self.published_on,
            "published_url": self.published_url,
            "awarded_pence": self.awarded, "still_payable_pence": self.still_payable,
            **{f"{m}_pence": self.total(m) for m in
               ("profiled", "committed", "charged", "paid", "repaid", "released")},
        }


@dataclass
class DecisionState:
    decision_id: str
    body: str
    reference: str | None
    title: str
    status: str
    created_on: date
    drafted_on: date | None
    report_date: date | None
    authorises: str
    created_at: int = 0
    area: str = ""
    sign_offs: str = ""
    decision_maker: str = ""
    decided_on: date | None = None
    publication: str = "not decided"
    published: bool = False
    published_on: date | None = None
    exception: str = ""
    significant: bool = False
    part2_exists: bool = False
    published_url: str = ""
    authorised: int = 0
    drawn: dict[str, dict[int, int]] = field(default_factory=dict)
    changed_grants: set[str] = field(default_factory=set)
    new: bool = False

    @property
    def record_id(self) -> str:
        return self.decision_id

    @cached_property
    def trail(self) -> tuple[str, str | None]:
        return normal(self.body), self.reference

    @property
    def named(self) -> str:
        return self.reference or f"'{self.title}' (reference not stated)"

    def columns(self) -> dict[str, Any]:
        return {
            "decision_id": self.decision_id, "body": self.body, "tenant": normal(self.body),
            "reference": self.reference, "area": self.area,
            "title": self.title, "status": self.status, "created_on": self.created_on,
            "created_at": self.created_at,
            "drafted_on": self.drafted_on, "report_date": self.report_date,
            "authorises": self.authorises, "sign_offs": self.sign_offs,
            "decision_maker": self.decision_maker, "decided_on": self.decided_on,
            "publication": self.publication, "published": self.published,
            "published_on": self.published_on,
            "exception": self.exception, "authorised_pence": self.authorised,
            "drawn_pence": sum(sum(lines.values()) for lines in self.drawn.values()),
            "significant": self.significant, "part2_exists": self.part2_exists,
            "published_url": self.published_url,
        }


@dataclass
class FundState:
    fund_id: str
    body: str
    name: str
    funder: str
    first_year: str
    last_year: str
    total_budget: int | None
    created_on: date
    budgets: dict[str, int | None] = field(default_factory=dict)
    changed_budgets: set[str] = field(default_factory=set)
    new: bool = False

    @property
    def record_id(self) -> str:
        return self.fund_id

    @cached_property
    def trail(self) -> tuple[str, str]:
        return normal(self.body), ""

    def columns(self) -> dict[str, Any]:
        return {
            "fund_id": self.fund_id, "body": self.body, "tenant": normal(self.body),
            "name": self.name,
            "funder": self.funder, "first_year": self.first_year, "last_year": self.last_year,
            "total_budget_pence": self.total_budget, "created_on": self.created_on,
        }


@dataclass
class ProgrammeState:
    programme_id: str
    name: str
    lead_body: str
    created_on: date
    new: bool = False

    @property
    def record_id(self) -> str:
        return self.programme_id

    @cached_property
    def trail(self) -> tuple[str, str]:
        return normal(self.lead_body), ""

    def columns(self) -> dict[str, Any]:
        return {"programme_id": self.programme_id, "name": self.name,
                "lead_body": self.lead_body, "created_on": self.created_on}


State = GrantState | DecisionState | FundState | ProgrammeState
