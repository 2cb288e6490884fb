"""What staff, the dossier import and the generator may ask of the books: one typed object per
command. Who asks, and today's date by the server's clock, come with it (`Issuer`); a command
dated `on=None` happens today."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from datetime import date
from uuid import UUID

from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import (
    Authorisation,
    BodyKind,
    Conflict,
    Contribution,
    FundTranche,
    ImplicationArea,
    Outcome,
    Pledge,
    SignOffRole,
    StatedTotal,
    Target,
    YearAmount,
)


@dataclass(frozen=True)
class Issuer:
    """Who issues a command, and when by the server's clock. A transcriber records a decision
    already taken by the people its record names, so separation of duties is not asked of it."""

    name: str
    today: date
    transcribing: bool = False

    def day(self, on: date | None) -> date:
        return today_if_none(on, self.today)


def today_if_none(on: date | None, today: date) -> date:
    return today if on is None else on


@dataclass(frozen=True, kw_only=True)
class Command:
    """Lists given to a command are kept as tuples: a command does not change once made."""

    def __post_init__(self) -> None:
        for each in fields(self):
            value = getattr(self, each.name)
            if isinstance(value, list):
                object.__setattr__(self, each.name, tuple(value))


# -- bodies --------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegisterBody(Command):
    """A public body, of its kind; naming the body it succeeded records the succession."""

    name: str
    kind: BodyKind = BodyKind.NOT_STATED
    predecessor: str = ""
    on: date | None = None


# -- decisions -----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class DraftDecision(Command):
    body: str
    reference: str | None
    """None where the record states none."""
    title: str
    on: date | None = None
    report_author: str = ""
    report_date: date | None = None
    classification: str = ""
    area: str = ""
    summary: str = ""
    recommendations: Sequence[str] = ()
    related_decisions: Sequence[str] = ()
    authorisations: Sequence[Authorisation] = ()
    no_direct_financial_implications: bool = False
    stated_totals: Sequence[StatedTotal] = ()
    conflicts: Sequence[Conflict] = ()
    """Facts the record states differently in different places, each with its working value."""


@dataclass(frozen=True, kw_only=True)
class ConsiderImplication(Command):
    decision_id: UUID
    area: ImplicationArea
    considered: bool
    details: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class KeepDossier(Command):
    """Keep the dossier a decision was imported from, as canonical JSON."""

    decision_id: UUID
    dossier: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SignOffDecision(Command):
    decision_id: UUID
    role: SignOffRole
    name: str = ""
    title: str = ""
    signed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class NoteStatedTotal(Command):
    decision_id: UUID
    stated_total: StatedTotal
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class NoteConflict(Command):
    decision_id: UUID
    conflict: Conflict
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ResolveConflict(Command):
    """A treasurer settles the value of a fact the record states differently, with a reason."""

    decision_id: UUID
    fact: str
    value: str
    reason: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveDecision(Command):
    decision_id: UUID
    maker_role: str
    maker_name: str = ""
    override_reason: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RefuseDecision(Command):
    decision_id: UUID
    maker_role: str
    reasons: str
    maker_name: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class WithdrawDecision(Command):
    decision_id: UUID
    reason: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class DecidePublication(Command):
    decision_id: UUID
    for_publication: bool
    reasons: str = ""
    part2_exists: bool = False
    deferred_until: date | None = None
    redaction_required: bool = False
    significant_public_interest: bool = False
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class CarryOutRedaction(Command):
    decision_id: UUID
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SignOffRedaction(Command):
    decision_id: UUID
    role: SignOffRole
    name: str = ""
    signed_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class PublishDecision(Command):
    decision_id: UUID
    on: date | None = None
    url: str = ""
    """Where it is published, where known."""
    date_stated: bool = True
    """False where the record shows it published but not when: it is then recorded as
    published on the day it is recorded, its date not stated."""


@dataclass(frozen=True, kw_only=True)
class WithdrawPublication(Command):
    decision_id: UUID
    reason: str
    on: date | None = None


# -- funds ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EstablishFund(Command):
    body: str
    name: str
    funder: str
    first_year: FinancialYear
    last_year: FinancialYear
    total_budget: Money | None = None
    tranches: Sequence[FundTranche] = ()
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SetFundBudget(Command):
    fund_id: UUID
    year: FinancialYear
    amount: Money
    on: date | None = None


# -- programmes ----------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class RegisterProgramme(Command):
    name: str
    lead_body: str = ""
    delivery_partners: Sequence[str] = ()
    description: str = ""
    registered_by: str = ""
    """The body of the staff registering it."""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class AddProgrammeSite(Command):
    programme_id: UUID
    site: str
    host_body: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RecordPledge(Command):
    programme_id: UUID
    pledge: Pledge
    decision_reference: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SetProgrammeTarget(Command):
    programme_id: UUID
    target: Target
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ReportProgrammeOutcome(Command):
    programme_id: UUID
    outcome: Outcome
    on: date | None = None


# -- grants --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """How much of a grant's award a decision authorises."""

    decision_id: UUID
    amount: Money


@dataclass(frozen=True, kw_only=True)
class ProposeGrant(Command):
    decision_id: UUID
    title: str
    recipient: str
    amount: Money
    period_start: date | None
    """None where the record does not state it."""
    period_end: date | None
    purpose: str = ""
    up_to: bool = False
    profile: Sequence[YearAmount] = ()
    contributions: Sequence[Contribution] = ()
    fund: str = ""
    programme: str = ""
    partners: Sequence[str] = ()
    notice_months: int = 1
    regrants: bool = False
    """The recipient passes the money on to others (a local authority to providers)."""
    conditions: str = ""
    crime_reduction_reasons: str = ""
    """Why it will secure or contribute to crime and disorder reduction (para 3(f))."""
    authorised_by: Sequence[Share] = ()
    """Where several decisions authorise the award (an external award matched by the body's
    own money): each one and its share, which make up the award. Its own decision alone if
    none."""
    notice_days: int = 0
    """The notice the grant's terms give: months by the corresponding-date rule, then days;
    none at all means termination may take immediate effect."""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ApproveGrant(Command):
    grant_id: UUID
    override_reason: str = ""
    """Why its fund may be committed beyond its budget."""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class SignGrantAgreement(Command):
    grant_id: UUID
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class PayTranche(Command):
    grant_id: UUID
    amount: Money
    reference: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class RecordRepayment(Command):
    grant_id: UUID
    amount: Money
    reason: str
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class VaryGrant(Command):
    grant_id: UUID
    amount: Money
    profile: Sequence[YearAmount]
    reason: str
    under_decision_id: UUID | None = None
    """The further decision authorising an increase."""
    override_reason: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class StateGrantPublicationFacts(Command):
    """What the register says of a crime and disorder reduction grant beyond its recipient and
    purpose: the conditions it is made on and the reasons it will secure or contribute to
    crime and disorder reduction (SI 2011/3050, para 3(f))."""

    grant_id: UUID
    purpose: str = ""
    conditions: str = ""
    crime_reduction_reasons: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class PublishGrant(Command):
    grant_id: UUID
    on: date | None = None
    url: str = ""
    date_stated: bool = True
    """False where the record shows it published but not when: it is then recorded as
    published on the day it is recorded, its date not stated."""


@dataclass(frozen=True, kw_only=True)
class ExtendGrant(Command):
    """A later decision extends a grant: to a new end date, with what it adds to the profile
    (by year, possibly to a year already profiled); the added money draws on its authority."""

    grant_id: UUID
    under_decision_id: UUID
    period_end: date
    added: Sequence[YearAmount] = ()
    reason: str = ""
    override_reason: str = ""
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class GiveNotice(Command):
    grant_id: UUID
    reason: str = ""
    notice_months: int | None = None
    notice_days: int | None = None
    """The notice the decision ending the grant states, if not the grant's own terms."""
    under_decision_id: UUID | None = None
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class TerminateGrant(Command):
    """Once notice has run; or, on a live grant, with immediate effect on the day."""

    grant_id: UUID
    reason: str = ""
    still_payable: Money | None = None
    """What the grant's terms still owe for the time before termination took effect."""
    under_decision_id: UUID | None = None
    on: date | None = None


@dataclass(frozen=True, kw_only=True)
class CloseGrant(Command):
    grant_id: UUID
    reason: str
    on: date | None = None


# -- staff ---------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class EnrolStaff(Command):
    """A first token, or a new one once the last was revoked."""

    name: str
    roles: Sequence[str]
    body: str
    token_hash: str = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class ChangeStaffRoles(Command):
    name: str
    roles: Sequence[str]


@dataclass(frozen=True, kw_only=True)
class RevokeStaffToken(Command):
    name: str
