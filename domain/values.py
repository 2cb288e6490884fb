"""Value objects and enumerations recorded in events."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from uuid import UUID

from domain.financial_year import FinancialYear
from domain.immutable import Immutable
from domain.money import Money


class ImplicationArea(Enum):
    FINANCIAL = "Financial"
    LEGAL = "Legal"
    EQUALITY = "Equality & Diversity"
    HUMAN_RIGHTS = "Human Rights"
    SUSTAINABILITY = "Sustainability"
    RISK = "Risk"


class SignOffRole(Enum):
    CHIEF_FINANCE_OFFICER = "Chief Finance Officer / Treasurer"
    MONITORING_OFFICER = "Monitoring Officer"
    CHIEF_EXECUTIVE_AS_MONITORING_OFFICER = "Chief Executive as Monitoring Officer"
    CHIEF_EXECUTIVE = "Chief Executive"
    HEAD_OF_SERVICE = "Head of Service"
    OFFICER = "Officer"

    @property
    def is_financial(self) -> bool:
        return self is SignOffRole.CHIEF_FINANCE_OFFICER

    @property
    def is_monitoring(self) -> bool:
        return self in (
            SignOffRole.MONITORING_OFFICER,
            SignOffRole.CHIEF_EXECUTIVE_AS_MONITORING_OFFICER,
        )


class BodyKind(Enum):
    POLICE_AND_CRIME_COMMISSIONER = "Police and Crime Commissioner"
    POLICE_FIRE_AND_CRIME_COMMISSIONER = "Police, Fire and Crime Commissioner"
    MAYORS_OFFICE = "Mayor's Office for Policing and Crime"
    LOCAL_AUTHORITY = "Local authority"
    GOVERNMENT_DEPARTMENT = "Government department"
    OTHER = "Other public body"
    NOT_STATED = "Not stated"


class DecisionStatus(Enum):
    DRAFT = "draft"
    APPROVED = "approved"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class GrantStatus(Enum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    AGREED = "agreement signed"
    NOTICE_GIVEN = "notice given"
    TERMINATED = "terminated"
    CLOSED = "closed"


@dataclass(frozen=True)
class Implication(Immutable):
    area: ImplicationArea
    considered: bool
    details: str = ""


@dataclass(frozen=True)
class SignOff(Immutable):
    role: SignOffRole
    name: str
    signed_on: date
    title: str = ""

    @property
    def describe(self) -> str:
        who = self.name or "name not recorded"
        return f"{self.title or self.role.value} ({who}) on {self.signed_on.isoformat()}"


@dataclass(frozen=True)
class DecisionMaker(Immutable):
    role: str
    name: str = ""


@dataclass(frozen=True)
class Authorisation(Immutable):
    """What a decision lets money be spent on: an amount (or cap) to named recipients."""

    description: str
    amount: Money
    up_to: bool = False
    recipients: list[str] = field(default_factory=list)
    fund: str = ""

    def covers(self, recipient: str) -> bool:
        return not self.recipients or _normal(recipient) in {_normal(r) for r in self.recipients}

    @property
    def describe(self) -> str:
        cap = "up to " if self.up_to else ""
        to = f" to {' and '.join(self.recipients)}" if self.recipients else ""
        return f"{cap}{self.amount}{to}"


@dataclass(frozen=True)
class StatedValue(Immutable):
    """A value as one part of a record states it."""

    where: str
    value: str


@dataclass(frozen=True)
class Conflict(Immutable):
    """One fact a record states differently in different places, with the value the figures
    work with until a treasurer resolves it."""

    fact: str
    stated: list[StatedValue]
    working: str

    @property
    def describe(self) -> str:
        return "; ".join(f"{s.where}: {s.value}" for s in self.stated)


@dataclass(frozen=True)
class Resolution(Immutable):
    value: str
    reason: str
    resolved_by: str
    resolved_on: date


@dataclass(frozen=True)
class AuthorityLine(Immutable):
    """What a decision provides a grant on one of its authorisations (by its place)."""

    authorisation: int
    amount: Money


@dataclass(frozen=True)
class Authority(Immutable):
    """A decision a grant's money is authorised by, and how much of it."""

    decision_id: UUID
    decision_reference: str | None
    amount: Money


@dataclass(frozen=True)
class StatedPart(Immutable):
    label: str
    amount: Money


@dataclass(frozen=True)
class StatedTotal(Immutable):
    """A total as the record states it, with the parts the record gives for it."""

    what: str
    stated: Money
    parts: list[StatedPart]

    @property
    def derived(self) -> Money:
        return Money.total(part.amount for part in self.parts)


@dataclass(frozen=True)
class PublicationDecision(Immutable):
    for_publication: bool
    reasons: str = ""
    part2_exists: bool = False
    deferred_until: date | None = None
    redaction_required: bool = False
    significant_public_interest: bool = False
    """Its record must be published (SI 2011/3050, para 5(d))."""


@dataclass(frozen=True)
class YearAmount(Immutable):
    year: FinancialYear
    amount: Money


@dataclass(frozen=True)
class Contribution(Immutable):
    funder: str
    year: FinancialYear
    amount: Money
    in_kind: bool = False


@dataclass(frozen=True)
class Pledge(Immutable):
    funder: str
    amount: Money
    first_year: FinancialYear
    last_year: FinancialYear
    in_kind: bool = False
    site: str = ""

    @property
    def years(self) -> list[FinancialYear]:
        return self.first_year.through(self.last_year)


@dataclass(frozen=True)
class Target(Immutable):
    measure: str
    count: int
    per: str = "year"
    site: str = ""


@dataclass(frozen=True)
class Outcome(Immutable):
    period: str
    measure: str
    count: int
    site: str = ""


@dataclass(frozen=True)
class FundTranche(Immutable):
    number: int
    purpose: str
    decision_reference: str = ""


@dataclass(frozen=True)
class Discrepancy(Immutable):
    decision_reference: str
    what: str
    stated: Money
    derived: Money

    @property
    def difference(self) -> Money:
        return self.stated - self.derived


def totals_by_year(lines: Iterable[YearAmount]) -> dict[FinancialYear, Money]:
    totals: dict[FinancialYear, Money] = {}
    for line in lines:
        totals[line.year] = totals.get(line.year, Money.zero()) + line.amount
    return totals


def _normal(name: str) -> str:
    return " ".join(name.lower().replace("the ", "").split())


VALUE_TYPES: tuple[type, ...] = (
    Implication,
    SignOff,
    DecisionMaker,
    Authorisation,
    AuthorityLine,
    Authority,
    StatedValue,
    Conflict,
    Resolution,
    StatedPart,
    StatedTotal,
    PublicationDecision,
    YearAmount,
    Contribution,
    Pledge,
    Target,
    Outcome,
    FundTranche,
)
ENUM_TYPES: tuple[type[Enum], ...] = (
    ImplicationArea, SignOffRole, DecisionStatus, GrantStatus, BodyKind)
