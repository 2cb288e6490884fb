"""The rows the ledgers answer with. Money is in pence (`…_pence`); dates are dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar


@dataclass(frozen=True)
class GrantRow:
    grant_id: str
    decision_id: str
    decision_reference: str | None
    body: str
    title: str
    recipient: str
    partners: str
    programme: str
    fund: str
    status: str
    awarded_pence: int
    up_to: bool
    regrants: bool
    profile_stated: bool
    profiled_pence: int
    committed_pence: int
    charged_pence: int
    paid_pence: int
    repaid_pence: int
    released_pence: int
    outstanding_pence: int
    period_start: date | None
    period_end: date | None
    approved_on: date | None
    notice_given_on: date | None
    termination_effective_on: date | None
    closed_on: date | None
    conflicted: bool = False
    """Its decision states a fact two ways and a treasurer has yet to settle which."""


@dataclass(frozen=True)
class GrantYearRow:
    grant_id: str
    year: str
    profiled_pence: int
    committed_pence: int
    charged_pence: int
    paid_pence: int
    repaid_pence: int
    released_pence: int


@dataclass(frozen=True)
class FundRow:
    fund_id: str
    body: str
    fund: str
    funder: str
    total_budget_pence: int | None
    year: str
    budget_pence: int | None
    committed_pence: int
    paid_pence: int
    repaid_pence: int
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
    granted_in_kind_pence: int
    paid_pence: int
    repaid_pence: int
    share: str


@dataclass(frozen=True)
class DecisionRow:
    decision_id: str
    body: str
    reference: str | None
    title: str
    status: str
    drafted_on: date | None
    report_date: date | None
    authorises: str
    sign_offs: str
    decision_maker: str
    decided_on: date | None
    authorised_pence: int
    drawn_pence: int
    publication: str
    published_on: date | None
    exception: str
    conflicted: bool = False
    """It states a fact two ways and a treasurer has yet to settle which."""


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
class ExposureYearRow:
    """The part of a grant's exposure falling in one financial year."""

    grant_id: str
    body: str
    recipient: str
    year: str
    payable_pence: int


@dataclass(frozen=True)
class BodyExposureRow:
    body: str
    notice_on: date
    grants: int
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
    decision_reference: str | None
    grant_id: str
    subject: str
    summary: str
    amount_pence: int | None
    year: str


@dataclass(frozen=True)
class ConflictRow:
    """A fact a decision record states differently in different places, not yet resolved."""

    body: str
    decision_reference: str | None
    fact: str
    stated: str
    working: str


@dataclass(frozen=True)
class DiscrepancyRow:
    body: str
    decision_reference: str | None
    what: str
    stated_pence: int
    derived_pence: int

    @property
    def difference_pence(self) -> int:
        return self.stated_pence - self.derived_pence


@dataclass(frozen=True)
class ExceptionRow:
    body: str
    record: str
    what: str
    reason: str


@dataclass(frozen=True)
class ContributionRow:
    grant_id: str
    funder: str
    year: str
    amount_pence: int
    in_kind: bool


Row = TypeVar("Row")


@dataclass(frozen=True)
class Listed(Generic[Row]):
    """One page of a list, and how many there are in all."""

    rows: list[Row]
    total: int
