"""A realistic, repeatable history of policing bodies' grant-making, recorded only through the
application's own commands: the same seed and parameters give the same commands, in the same
order, with the same business dates and amounts."""

from __future__ import annotations

import bisect
import heapq
import random
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import chain, islice
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import identity
from domain.application import Grantledger
from domain.commands import (
    AddProgrammeSite,
    ApproveDecision,
    ApproveGrant,
    CloseGrant,
    Command,
    ConsiderImplication,
    DecidePublication,
    DraftDecision,
    EstablishFund,
    GiveNotice,
    PayTranche,
    ProposeGrant,
    PublishDecision,
    PublishGrant,
    RecordPledge,
    RecordRepayment,
    RefuseDecision,
    RegisterBody,
    RegisterProgramme,
    SetFundBudget,
    SignGrantAgreement,
    SignOffDecision,
    TerminateGrant,
    VaryGrant,
)
from domain.errors import DuplicateError, NotFoundError
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.notice import add_months, notice_takes_effect
from domain.values import (
    Authorisation,
    BodyKind,
    Contribution,
    ImplicationArea,
    Pledge,
    SignOffRole,
    StatedPart,
    StatedTotal,
    YearAmount,
)

FIRST_YEAR = FinancialYear(2014)
YEARS_SPREAD = 12
"""The history is spread over about this many financial years whatever its size; it carries
on year after year until the events asked for are recorded."""
EVENTS_PER_DECISION = 46
DECISIONS_PER_TRANSACTION = 20
MULTI_YEAR_BLOCK = 3
KEPT_PLANS = 50
"""A body's year of at most this many decisions is planned once and kept until recorded."""


PCC = "Police and Crime Commissioner"
PFCC = "Police, Fire and Crime Commissioner"


@dataclass(frozen=True)
class Body:
    name: str
    area: str
    council: str
    maker_role: str = PCC
    funder: str = "OPCC"

    @property
    def kind(self) -> BodyKind:
        return {PCC: BodyKind.POLICE_AND_CRIME_COMMISSIONER,
                PFCC: BodyKind.POLICE_FIRE_AND_CRIME_COMMISSIONER}.get(
                    self.maker_role,
                    BodyKind.MAYORS_OFFICE if self.name == "MOPAC" else BodyKind.OTHER)


BODIES: tuple[Body, ...] = (
    Body("Avon and Somerset PCC", "Avon and Somerset", "Bristol City Council"),
    Body("Bedfordshire PCC", "Bedfordshire", "Bedford Borough Council"),
    Body("Cambridgeshire PCC", "Cambridgeshire", "Cambridgeshire County Council"),
    Body("Cheshire PCC", "Cheshire", "Cheshire West and Chester Council"),
    Body("City of London Police Authority", "City of London", "City of London Corporation",
         "Police Authority Board", "Police Authority Board"),
    Body("Cleveland PCC", "Cleveland", "Middlesbrough Council"),
    Body("Cumbria PFCC", "Cumbria", "Cumbria County Council", PFCC),
    Body("Derbyshire PCC", "Derbyshire", "Derbyshire County Council"),
    Body("Devon and Cornwall PCC", "Devon and Cornwall", "Devon County Council"),
    Body("Dorset PCC", "Dorset", "Dorset Council"),
    Body("Durham PCC", "Durham", "Durham County Council"),
    Body("Dyfed-Powys PCC", "Dyfed-Powys", "Carmarthenshire County Council"),
    Body("Essex PFCC", "Essex", "Essex County Council", PFCC),
    Body("Gloucestershire PCC", "Gloucestershire", "Gloucestershire County Council"),
    Body("Greater Manchester Combined Authority", "Greater Manchester",
         "Manchester City Council", "Mayor of Greater Manchester", "GMCA"),
    Body("Gwent PCC", "Gwent", "Newport City Council"),
    Body("Hampshire PCC", "Hampshire", "Hampshire County Council"),
    Body("Hertfordshire PCC", "Hertfordshire", "Hertfordshire County Council"),
    Body("Humberside PCC", "Humberside", "Hull City Council"),
    Body("Kent PCC", "Kent", "Kent County Council"),
    Body("Lancashire PCC", "Lancashire", "Lancashire County Council"),
    Body("Leicestershire PCC", "Leicestershire", "Leicester City Council"),
    Body("Lincolnshire PCC", "Lincolnshire", "Lincolnshire County Council"),
    Body("MOPAC", "London", "London Councils", "Deputy Mayor for Policing and Crime", "MOPAC"),
    Body("Merseyside PCC", "Merseyside", "Liverpool City Council"),
    Body("Norfolk PCC", "Norfolk", "Norfolk County Council"),
    Body("North Wales PCC", "North Wales", "Wrexham County Borough Council"),
    Body("North Yorkshire PFCC", "North Yorkshire", "North Yorkshire County Council", PFCC),
    Body("Northamptonshire PFCC", "Northamptonshire", "Northamptonshire County Council", PFCC),
    Body("Northumbria PCC", "Northumbria", "Newcastle City Council"),
    Body("Nottinghamshire PCC", "Nottinghamshire", "Nottingham City Council"),
    Body("South Wales PCC", "South Wales", "Cardiff Council"),
    Body("South Yorkshire PCC", "South Yorkshire", "Sheffield City Council"),
    Body("Staffordshire PFCC", "Staffordshire", "Staffordshire County Council", PFCC),
    Body("Suffolk PCC", "Suffolk", "Suffolk County Council"),
    Body("Surrey PCC", "Surrey", "Surrey County Council"),
    Body("Sussex PCC", "Sussex", "West Sussex County Council"),
    Body("Thames Valley PCC", "Thames Valley", "Oxfordshire County Council"),
    Body("Warwickshire PCC", "Warwickshire", "Warwickshire County Council"),
    Body("West Mercia PCC", "West Mercia", "Worcestershire County Council"),
    Body("West Midlands PCC", "West Midlands", "Birmingham City Council"),
    Body("West Yorkshire Combined Authority", "West Yorkshire", "Leeds City Council",
         "Mayor of West Yorkshire", "WYCA"),
    Body("Wiltshire PCC", "Wiltshire", "Wiltshire Council"),
    Body("Northern Ireland Policing Board", "Northern Ireland", "Belfast City Council",
         "Policing Board", "Policing Board"),
)
"""The bodies answerable for the 43 police areas of England and Wales, in the order of their
areas, then the Northern Ireland Policing Board."""


@dataclass(frozen=True)
class Service:
    title: str
    purpose: str
    recipient: str
    """Who delivers it: "{area}" and "{council}" are the body's."""


SERVICES: tuple[Service, ...] = (
    Service("Domestic abuse outreach", "Outreach and refuge support for victims of domestic "
            "abuse", "{area} Women's Aid"),
    Service("Sexual violence counselling", "Counselling and ISVA support for survivors of "
            "sexual violence", "{area} Rape Crisis"),
    Service("Victims' assessment and referral", "Needs assessment and referral for victims of "
            "crime", "Victim Support"),
    Service("Restorative justice", "Restorative conferences between victims and offenders",
            "Restorative Solutions"),
    Service("Youth offending prevention", "Early intervention with young people at risk of "
            "offending", "{area} Youth Offending Service"),
    Service("Night-time economy safety", "Street pastors and safe spaces in town centres at "
            "night", "{area} Street Pastors"),
    Service("Mental health street triage", "Mental health nurses alongside officers on "
            "patrol", "{area} Mind"),
    Service("Substance misuse treatment", "Drug and alcohol treatment for people in the "
            "criminal justice system", "Turning Point"),
    Service("Neighbourhood Watch", "Support for local watch schemes", "{area} Neighbourhood "
            "Watch Association"),
    Service("Rural crime prevention", "Small grants to rural community safety projects",
            "{area} Community Foundation"),
    Service("Hate crime reporting", "Third-party reporting of hate crime", "Stop Hate UK"),
    Service("Modern slavery support", "Support for survivors of modern slavery and "
            "trafficking", "The Salvation Army"),
    Service("Offender mentoring", "Through-the-gate mentoring for people leaving prison",
            "Nacro"),
    Service("Child sexual exploitation", "Specialist workers for children at risk of "
            "exploitation", "Barnardo's"),
    Service("Anonymous crime reporting", "Anonymous reporting line and local campaigns",
            "Crimestoppers Trust"),
    Service("Community safety partnership", "The partnership's annual community safety plan",
            "{council}"),
)


@dataclass(frozen=True)
class ProgrammeSpec:
    name: str
    launched: FinancialYear
    provider: str
    description: str
    delivery_partners: tuple[str, ...]
    partner_funder: str
    partner_pledge: Money


PROGRAMMES: tuple[ProgrammeSpec, ...] = (
    ProgrammeSpec("IDVA Service", FinancialYear(2014), "Victim Support",
                  "Independent domestic violence advisers for victims at high risk",
                  ("SafeLives",), "Ministry of Justice", Money(120_000_000)),
    ProgrammeSpec("Drive", FinancialYear(2016), "SafeLives",
                  "Challenging and supporting perpetrators of high-harm domestic abuse",
                  ("Respect", "Social Finance"), "Police Transformation Fund", Money(250_000_000)),
    ProgrammeSpec("Youth Diversion", FinancialYear(2018), "Catch22",
                  "Diverting young people from the criminal justice system",
                  ("Youth Justice Board",), "Home Office", Money(90_000_000)),
    ProgrammeSpec("Violence Reduction", FinancialYear(2019), "St Giles Trust",
                  "A public health approach to serious violence",
                  ("NHS England", "Public Health England"), "Home Office", Money(350_000_000)),
)

AMOUNT_BANDS = ((5_000, 25_000), (25_000, 100_000), (100_000, 300_000), (300_000, 900_000))
SMALLEST_GRANT = Money(AMOUNT_BANDS[0][0] * 100)
AMOUNT_WEIGHTS = (35, 35, 20, 10)
THIRD_IMPLICATIONS = {
    ImplicationArea.EQUALITY: "An equality impact assessment found no adverse impact",
    ImplicationArea.HUMAN_RIGHTS: "No human rights implications",
    ImplicationArea.RISK: "Risks are managed through quarterly grant monitoring",
    ImplicationArea.SUSTAINABILITY: "Providers are asked to plan for the end of funding",
}
FIRST_NAMES = ("Amanda", "David", "Sarah", "Mark", "Helen", "Paul", "Rachel", "Simon", "Claire",
               "Andrew", "Joanne", "Richard", "Karen", "Stephen", "Nicola", "Martin", "Alison",
               "Gareth", "Emma", "Jonathan", "Priya", "Imran", "Siobhan", "Rhys")
SURNAMES = ("Hughes", "Patel", "Clarke", "Evans", "Taylor", "Khan", "Roberts", "Walker",
            "Wright", "Thompson", "Morgan", "Bennett", "Shaw", "Lloyd", "Ahmed", "Price",
            "Barker", "Doyle", "Fraser", "Gill", "Harper", "Jenkins", "Kaur", "Reid")
ELECTIONS = (date(2012, 11, 15), date(2016, 5, 5), date(2021, 5, 6), date(2024, 5, 2),
             *(date(year, 5, 4) for year in range(2028, 2200, 4)))


# -- the plan ---------------------------------------------------------------------------------


@dataclass(eq=False)
class FundPlan:
    body: Body
    name: str
    first_year: FinancialYear
    last_year: FinancialYear
    override: str = ""
    """Why grants may over-commit it; empty unless it is deliberately over-committed."""
    budgets: dict[FinancialYear, Money] = field(default_factory=dict)
    multi_year: bool = False

    @property
    def id(self) -> UUID:
        return identity.fund_id(self.body.name, self.name)

    @property
    def total_budget(self) -> Money | None:
        return Money.total(self.budgets.values()) if self.multi_year else None


@dataclass(frozen=True)
class Pay:
    on: date
    amount: Money
    reference: str


@dataclass(frozen=True)
class Vary:
    on: date
    amount: Money
    profile: list[YearAmount]
    reason: str


@dataclass(frozen=True)
class Notice:
    on: date
    reason: str


@dataclass(frozen=True)
class Terminate:
    on: date


@dataclass(frozen=True)
class Repay:
    on: date
    amount: Money
    reason: str


@dataclass(frozen=True)
class Close:
    on: date
    reason: str


Step = Pay | Vary | Notice | Terminate | Repay | Close


@dataclass
class GrantPlan:
    reference: str
    title: str
    recipient: str
    purpose: str
    amount: Money
    period_start: date
    period_end: date
    profile: list[YearAmount]
    contributions: list[Contribution]
    cash: dict[FinancialYear, Money]
    """What is paid in each year before any variation or notice."""
    fund: FundPlan
    approved_on: date
    agreement_signed_on: date
    programme: str = ""
    partners: list[str] = field(default_factory=list)
    notice_months: int = 1
    steps: list[Step] = field(default_factory=list)


@dataclass(frozen=True)
class Person:
    actor: str
    name: str
    title: str


@dataclass
class DecisionPlan:
    body: Body
    body_number: int
    reference: str
    title: str
    area: str
    drafted_on: date
    drafter: Person
    maker: Person
    finance_officer: Person
    monitoring_officer: Person
    monitoring_role: SignOffRole
    finance_signed_on: date
    monitoring_signed_on: date
    decided_on: date
    published_on: date
    third_implication: ImplicationArea
    fund: FundPlan
    grants: list[GrantPlan]
    stated_total: StatedTotal
    refusal: str = ""
    programme: ProgrammeSpec | None = None
    pledges: list[Pledge] = field(default_factory=list)
    establishes: list[FundPlan] = field(default_factory=list)
    part2: bool = False

    @property
    def treasurer(self) -> str:
        return f"treasurer-{self.body_number}"


# -- planning ---------------------------------------------------------------------------------


CONDITIONS = ("Quarterly monitoring returns; money unspent at the end of the period is repaid; "
              "the grant may be ended on the notice its agreement gives.")
REASONS = "it works with victims and offenders to prevent and reduce crime and disorder"
"""What a generated grant's publication on the register gives (SI 2011/3050, para 3(f))."""


def days(count: int) -> timedelta:
    return timedelta(days=count)


def month_start_after(day: date) -> date:
    return add_months(day.replace(day=1), 1)


def split(total: int, parts: int) -> list[int]:
    """Whole pence in near-equal parts, the odd pence in the first."""
    share, odd = divmod(total, parts)
    return [share + odd, *[share] * (parts - 1)] if parts else []


def in_proportion(total: int, weights: Sequence[int]) -> list[int]:
    whole = sum(weights)
    shares = [total * weight // whole for weight in weights]
    shares[-1] += total - sum(shares)
    return shares


def year_segments(start: date, end: date) -> list[tuple[FinancialYear, date, date]]:
    return [
        (year, max(start, year.start), min(end, year.end))
        for year in FinancialYear.of(start).through(FinancialYear.of(end))
    ]


class Planner:
    """Decides, from the seed alone, what every body does each year, and puts the year's
    decisions in the order they were drafted."""

    def __init__(self, seed: int, bodies: Sequence[Body], events: int) -> None:
        self.seed = seed
        self.bodies = bodies
        per_body_year = events / (len(bodies) * EVENTS_PER_DECISION * YEARS_SPREAD)
        self.per_mille = max(round(per_body_year * 1000), -(-1000 // len(bodies)))
        self.people: dict[tuple[str, str, int], str] = {}

    def decisions(self) -> Iterator[DecisionPlan]:
        year = FIRST_YEAR
        while True:
            body_years = [BodyYear(self, number, body, year)
                          for number, body in enumerate(self.bodies, start=1)]
            yield from heapq.merge(*(b.decisions() for b in body_years), key=drafting_order)
            year = year.next()

    def person(self, body: Body, role: str, on: date, title: str, actor: str) -> Person:
        term = bisect.bisect_right(ELECTIONS, on)
        key = (body.name, role, term)
        if key not in self.people:
            named = random.Random(f"{self.seed}|{body.name}|{role}|{term}")
            self.people[key] = f"{named.choice(FIRST_NAMES)} {named.choice(SURNAMES)}"
        return Person(actor, self.people[key], title)


def drafting_order(plan: DecisionPlan) -> tuple[date, int, str]:
    return plan.drafted_on, plan.body_number, plan.reference


class BodyYear:
    """One body's decisions in one financial year, from a seed of their own. A busy year is
    planned twice, once to size the funds' budgets and once to record, so that a year of a
    large history is never held in memory whole."""

    def __init__(self, planner: Planner, number: int, body: Body, year: FinancialYear) -> None:
        self.planner = planner
        self.number = number
        self.body = body
        self.year = year
        self.seed = f"{planner.seed}|{body.name}|{year}"
        self.rng = random.Random(self.seed)
        self.drafted = sorted(self.rng.randint(0, 220) for _ in range(self.decision_count()))
        self.year_fund = self.fund(f"Community Safety Fund {year}", year, year)
        self.multi_fund: FundPlan | None = None
        if (year.start_year - FIRST_YEAR.start_year) % MULTI_YEAR_BLOCK == 0:
            last = FinancialYear(year.start_year + MULTI_YEAR_BLOCK - 1)
            label = f"{year.start_year}-{(last.start_year + 1) % 100:02d}"
            self.multi_fund = self.fund(f"Victims' Services Fund {label}", year, last)
            self.multi_fund.multi_year = True

    def decision_count(self) -> int:
        """About `per_mille` thousandths of a decision, varying by half either way."""
        thousandths = self.planner.per_mille * self.rng.randint(500, 1500) // 1000
        whole, part = divmod(thousandths, 1000)
        return whole + (1 if self.rng.randrange(1000) < part else 0)

    def fund(self, name: str, first: FinancialYear, last: FinancialYear) -> FundPlan:
        over_committed = self.rng.random() < 0.03
        reason = "Over-commitment approved by the Chief Finance Officer pending in-year virement"
        return FundPlan(self.body, name, first, last, reason if over_committed else "")

    def decisions(self) -> Iterator[DecisionPlan]:
        if not self.drafted:
            return
        if len(self.drafted) <= KEPT_PLANS:
            kept = list(self.plans())
            used, plans = self.set_budgets(kept), iter(kept)
        else:
            used, plans = self.set_budgets(self.plans()), self.plans()
        first = next(plans)
        first.establishes = used
        yield first
        yield from plans

    def plans(self) -> Iterator[DecisionPlan]:
        self.rng = random.Random(f"{self.seed}|decisions")
        for sequence, offset in enumerate(self.drafted, start=1):
            fund = self.year_fund
            if self.multi_fund is not None and self.rng.random() < 0.3:
                fund = self.multi_fund
            yield self.decision(sequence, self.year.start + days(offset), fund)

    def set_budgets(self, plans: Iterable[DecisionPlan]) -> list[FundPlan]:
        """Budgets enough for everything the grants could commit, even what partners pay
        through the fund; an over-committed fund gets less than its own share of them."""
        cash: dict[tuple[FundPlan, FinancialYear], int] = {}
        own: dict[tuple[FundPlan, FinancialYear], int] = {}
        used: list[FundPlan] = []
        for plan in plans:
            if plan.fund not in used:
                used.append(plan.fund)
            for grant in plan.grants:
                for year, amount in grant.cash.items():
                    cash[plan.fund, year] = cash.get((plan.fund, year), 0) + amount.pence
                for line in fund_lines(grant, plan.fund):
                    own[plan.fund, line.year] = own.get((plan.fund, line.year), 0) + \
                        line.amount.pence
        margins = random.Random(f"{self.seed}|budgets")
        for fund in used:
            for year in fund.first_year.through(fund.last_year):
                if fund.override:
                    budget = own.get((fund, year), 0) * margins.randint(80, 95) // 100
                    budget = budget // 100_000 * 100_000
                else:
                    budget = cash.get((fund, year), 0) * margins.randint(105, 140) // 100
                    budget = -(-budget // 100_000) * 100_000
                fund.budgets[year] = Money(max(budget, 100_000))
        return used

    def decision(self, sequence: int, drafted_on: date, fund: FundPlan) -> DecisionPlan:
        rng, body, number, person = self.rng, self.body, self.number, self.planner.person
        officer = number * 10 + rng.randint(1, 6)
        drafter = person(body, f"officer-{officer}", date(2000, 1, 1), "Commissioning Officer",
                         f"officer-{officer}")
        finance_signed_on = drafted_on + days(rng.randint(1, 10))
        monitoring_signed_on = drafted_on + days(rng.randint(1, 10))
        decided_on = max(finance_signed_on, monitoring_signed_on) + days(rng.randint(0, 14))
        monitoring_role = (SignOffRole.CHIEF_EXECUTIVE_AS_MONITORING_OFFICER
                           if rng.random() < 0.4 else SignOffRole.MONITORING_OFFICER)
        reference = f"DN/{self.year}/{sequence:03d}"
        programme = self.programme_for()
        services = rng.sample(SERVICES, rng.choice((1, 2, 2, 3, 3, 3, 3, 4, 4, 5)))
        grants = [self.grant(reference, i, decided_on, s, fund)
                  for i, s in enumerate(services, start=1)]
        if programme is not None:
            grants[0] = self.programme_grant(reference, decided_on, programme, fund)
            grants = [grants[0], *(g for g in grants[1:] if g.recipient != grants[0].recipient)]
        plan = DecisionPlan(
            body=body,
            body_number=number,
            reference=reference,
            title=self.decision_title(grants, fund, programme),
            area="Commissioning" if fund.multi_year else "Community Safety",
            drafted_on=drafted_on,
            drafter=drafter,
            maker=person(body, "maker", decided_on, body.maker_role, f"pcc-{number}"),
            finance_officer=person(body, "finance", decided_on, "Chief Finance Officer",
                                   f"cfo-{number}"),
            monitoring_officer=person(body, "monitoring", decided_on, monitoring_role.value,
                                      f"mo-{number}"),
            monitoring_role=monitoring_role,
            finance_signed_on=finance_signed_on,
            monitoring_signed_on=monitoring_signed_on,
            decided_on=decided_on,
            published_on=decided_on + days(rng.randint(1, 10)),
            third_implication=rng.choice(list(THIRD_IMPLICATIONS)),
            fund=fund,
            grants=grants,
            stated_total=self.stated_total(grants),
            refusal=self.refusal(),
            programme=programme,
            part2=rng.random() < 0.05,
        )
        if programme is not None:
            plan.pledges = self.pledges(grants[0])
        return plan

    def decision_title(self, grants: list[GrantPlan], fund: FundPlan,
                       programme: ProgrammeSpec | None) -> str:
        if programme is not None:
            return f"{programme.name}: local delivery and grants from the {fund.name}"
        if len(grants) == 1:
            return f"Grant to {grants[0].recipient} from the {fund.name}"
        return f"Grants to {len(grants)} providers from the {fund.name}"

    def refusal(self) -> str:
        if self.rng.random() < 0.02:
            return "The proposal does not show value for money against the Police and Crime Plan"
        return ""

    def programme_for(self) -> ProgrammeSpec | None:
        launched = [p for p in PROGRAMMES if p.launched <= self.year]
        if launched and self.rng.random() < 0.12:
            return self.rng.choice(launched)
        return None

    def stated_total(self, grants: list[GrantPlan]) -> StatedTotal:
        parts = [StatedPart(g.recipient, g.amount) for g in grants]
        derived = Money.total(part.amount for part in parts)
        if self.rng.random() < 0.02:
            return StatedTotal("Total of the grants awarded", derived + Money(100_000), parts)
        return StatedTotal("Total of the grants awarded", derived, parts)

    def pledges(self, grant: GrantPlan) -> list[Pledge]:
        body = self.body
        years = [line.year for line in grant.profile]
        own = Money.total(line.amount for line in fund_lines(grant, grant.fund))
        pledges = [Pledge(body.name, own, years[0], years[-1], site=body.area)]
        if self.rng.random() < 0.2:
            in_kind = Money(max(100, own.pence * self.rng.randint(5, 15) // 100 // 100 * 100))
            pledges.append(Pledge(body.council, in_kind, years[0], years[-1], in_kind=True,
                                  site=body.area))
        return pledges

    # -- grants -----------------------------------------------------------------------------

    def amount(self, band_shift: int = 0) -> Money:
        band = self.rng.choices(range(len(AMOUNT_BANDS)), AMOUNT_WEIGHTS)[0]
        low, high = AMOUNT_BANDS[min(band + band_shift, len(AMOUNT_BANDS) - 1)]
        pounds = self.rng.randint(low, high)
        style = self.rng.randrange(10)
        if style < 5:
            return Money(max(low, pounds // 500 * 500) * 100)
        if style < 8:
            return Money(pounds * 100)
        return Money(pounds * 100 + self.rng.randint(1, 99))

    def grant(self, reference: str, number: int, decided_on: date, service: Service,
              fund: FundPlan) -> GrantPlan:
        recipient = service.recipient.format(area=self.body.area, council=self.body.council)
        code = f"{reference}/{number}"
        return self.grant_terms(code, f"{service.title}: {recipient} ({code})", recipient,
                                service.purpose, decided_on, fund,
                                self.amount(1 if fund.multi_year else 0))

    def programme_grant(self, reference: str, decided_on: date, programme: ProgrammeSpec,
                        fund: FundPlan) -> GrantPlan:
        code = f"{reference}/1"
        grant = self.grant_terms(code, f"{programme.name} in {self.body.area} ({code})",
                                 programme.provider, programme.description, decided_on, fund,
                                 self.amount(1))
        grant.programme = programme.name
        grant.partners = list(programme.delivery_partners)
        return grant

    def grant_terms(self, code: str, title: str, recipient: str, purpose: str,
                    decided_on: date, fund: FundPlan, amount: Money) -> GrantPlan:
        rng = self.rng
        approved_on = decided_on + days(rng.randint(0, 10))
        signed_on = approved_on + days(rng.randint(1, 21))
        start = month_start_after(signed_on)
        end = self.period_end(start, fund)
        segments = year_segments(start, end)
        weights = [(last - first).days + 1 for _, first, last in segments]
        shares = in_proportion(amount.pence, weights)
        profiled = dict(zip([year for year, _, _ in segments], shares, strict=True))
        with_contributions = rng.random() < 0.7
        if not with_contributions and rng.random() < 0.02:
            last_year = max(profiled)
            profiled[last_year] -= min(profiled[last_year] - 1, rng.randint(1, 50_000))
        contributions, cash = self.contributions(profiled, with_contributions)
        grant = GrantPlan(
            reference=code,
            title=title,
            recipient=recipient,
            purpose=purpose,
            amount=amount,
            period_start=start,
            period_end=end,
            profile=[YearAmount(year, Money(p)) for year, p in sorted(profiled.items())],
            contributions=contributions,
            cash=cash,
            fund=fund,
            approved_on=approved_on,
            agreement_signed_on=signed_on,
            notice_months=rng.choice((1, 1, 3, 3, 6)),
        )
        grant.steps = self.life(grant, segments, profiled)
        return grant

    def period_end(self, start: date, fund: FundPlan) -> date:
        if fund.multi_year:
            years = self.rng.randint(1, MULTI_YEAR_BLOCK - 1)
            return FinancialYear(fund.first_year.start_year + years).end
        last = FinancialYear.of(start).end
        if self.rng.random() < 0.25:
            months = (last.year - start.year) * 12 + last.month - start.month
            if months >= 3:
                return add_months(start, self.rng.randint(2, months)) - days(1)
        return last

    def contributions(self, profiled: dict[FinancialYear, int],
                      listed: bool) -> tuple[list[Contribution], dict[FinancialYear, Money]]:
        if not listed:
            return [], {year: Money(p) for year, p in profiled.items()}
        rng, body = self.rng, self.body
        in_kind_share = rng.randint(3, 10) if rng.random() < 0.1 else 0
        partner_share = rng.randint(10, 50) if rng.random() < 0.35 else 0
        partner = rng.choice((body.council, body.council, "Home Office", "NHS England"))
        contributions: list[Contribution] = []
        cash: dict[FinancialYear, Money] = {}
        for year, total in sorted(profiled.items()):
            in_kind = total * in_kind_share // 100
            partner_cash = (total - in_kind) * partner_share // 100
            own = total - in_kind - partner_cash
            parts = ((body.funder, own, False), (partner, partner_cash, False),
                     (body.council, in_kind, True))
            contributions += [Contribution(funder, year, Money(pence), kind)
                              for funder, pence, kind in parts if pence > 0]
            cash[year] = Money(total - in_kind)
        return contributions, cash

    # -- a grant's life ---------------------------------------------------------------------

    def life(self, grant: GrantPlan, segments: list[tuple[FinancialYear, date, date]],
             profiled: dict[FinancialYear, int]) -> list[Step]:
        rng = self.rng
        payments = self.payments(grant, segments)
        steps: list[Step] = list(payments)
        choice = rng.random()
        ended_on: date | None = None
        several = len(payments) >= 2
        if several and choice < 0.3 and self.may_vary(grant, profiled):
            steps = self.variation(grant, payments)
        elif several and 0.3 <= choice < 0.35 and not grant.fund.override:
            steps = self.notice(grant, payments)
            ended_on = steps[-1].on
        last = max(step.on for step in steps)
        paid = sum(step.amount.pence for step in steps if isinstance(step, Pay))
        if rng.random() < 0.06 and paid > 1:
            last += days(rng.randint(14, 90))
            amount = max(1, min(paid - 1, paid * rng.randint(1, 25) // 100))
            steps.append(Repay(last, Money(amount), "Unspent grant returned after the final "
                                                    "monitoring report"))
        if rng.random() < 0.92:
            closing = max(last, ended_on or grant.period_end) + days(rng.randint(1, 60))
            reason = ("Ended on notice" if ended_on else
                      "Grant period ended; final monitoring report received")
            steps.append(Close(closing, reason))
        return steps

    @staticmethod
    def may_vary(grant: GrantPlan, profiled: dict[FinancialYear, int]) -> bool:
        """Only a grant whose profile is all its award and which lists no contributions:
        contributions cannot be varied, so reducing the profile alone would leave it at odds
        with them."""
        return not grant.contributions and sum(profiled.values()) == grant.amount.pence

    def payments(self, grant: GrantPlan,
                 segments: list[tuple[FinancialYear, date, date]]) -> list[Pay]:
        interval = self.rng.choice((1, 3, 3, 3))
        offset = self.rng.randint(0, 14)
        dates_and_amounts: list[tuple[date, int]] = []
        for year, first, last in segments:
            months = (last.year - first.year) * 12 + last.month - first.month + 1
            count = -(-months // interval)
            due = [min(last, add_months(first, i * interval) + days(offset))
                   for i in range(count)]
            amounts = split(grant.cash.get(year, Money.zero()).pence, count)
            dates_and_amounts += [(on, a) for on, a in zip(due, amounts, strict=True) if a > 0]
        return [Pay(on, Money(amount), f"{grant.reference}/P{i}")
                for i, (on, amount) in enumerate(dates_and_amounts, start=1)]

    def variation(self, grant: GrantPlan, payments: list[Pay]) -> list[Step]:
        """A reduction part-way through, taken from the last payments first."""
        cut = self.rng.randint(1, len(payments) - 1)
        remaining = sum(p.amount.pence for p in payments[cut:])
        reduction = remaining * self.rng.randint(10, 50) // 100 // 100 * 100
        reduction = min(reduction, grant.amount.pence - SMALLEST_GRANT.pence)
        if reduction <= 0:
            return list(payments)
        later: list[Pay] = []
        to_remove = reduction
        for payment in reversed(payments[cut:]):
            removed = min(to_remove, payment.amount.pence)
            to_remove -= removed
            if payment.amount.pence > removed:
                later.insert(0, Pay(payment.on, payment.amount - Money(removed),
                                    payment.reference))
        kept = [*payments[:cut], *later]
        by_year: dict[FinancialYear, Money] = {}
        for payment in kept:
            year = FinancialYear.of(payment.on)
            by_year[year] = by_year.get(year, Money.zero()) + payment.amount
        profile = [YearAmount(year, amount) for year, amount in sorted(by_year.items())]
        on = payments[cut - 1].on + (payments[cut].on - payments[cut - 1].on) // 2
        vary = Vary(on, grant.amount - Money(reduction), profile,
                    "Reduced to match the provider's forecast underspend")
        return [*payments[:cut], vary, *later]

    def notice(self, grant: GrantPlan, payments: list[Pay]) -> list[Step]:
        cut = self.rng.randint(1, len(payments) - 1)
        given_on = payments[cut - 1].on + days(self.rng.randint(1, 20))
        effective = notice_takes_effect(given_on, grant.notice_months)
        reason = self.rng.choice(("The provider has not met its targets",
                                  "The service is recommissioned jointly with partners",
                                  "The provider is winding up"))
        paid_before = [p for p in payments[cut:] if p.on < effective]
        ended = Terminate(effective + days(self.rng.randint(0, 14)))
        return [*payments[:cut], Notice(given_on, reason), *paid_before, ended]


def fund_lines(grant: GrantPlan, fund: FundPlan) -> list[YearAmount]:
    """What approving the grant asks of its fund: the fund's own funder's cash, or the whole
    profile when no contributions are listed."""
    if not grant.contributions:
        return grant.profile
    own = [c for c in grant.contributions
           if identity.normal(c.funder) == identity.normal(fund.body.funder) and not c.in_kind]
    return [YearAmount(c.year, c.amount) for c in own]


# -- recording --------------------------------------------------------------------------------


class Recorder:
    """Turns each planned decision into the application's commands."""

    def __init__(self, app: Grantledger, today: date) -> None:
        self.app = app
        self.today = today
        self.programmes: set[str] = set()
        self.sites: set[tuple[str, str]] = set()
        self.bodies: set[str] = set()

    def record(self, plan: DecisionPlan) -> int:
        """Record one decision and all that follows from it; return how many events that
        took, told by the versions of the records it touched."""
        touched = self.existing_records(plan)
        before = self.versions(touched)
        registered = self.registered(plan.body, min(
            [plan.drafted_on, *(fund.first_year.start for fund in plan.establishes)]))
        for fund in plan.establishes:
            touched.add(self.establish(fund, plan.finance_officer.actor))
        decision_id = self.decide(plan)
        touched.add(decision_id)
        if not plan.refusal:
            if plan.programme is not None:
                touched.add(self.join(plan, plan.programme))
            touched.update(self.grant(plan, decision_id, grant) for grant in plan.grants)
        return self.versions(touched) - before + registered

    def registered(self, body: Body, on: date) -> int:
        """The body in the register, before anything of its is recorded: the events that
        took."""
        if body.name in self.bodies or self.app.has_body(body.name):
            self.bodies.add(body.name)
            return 0
        self.do(RegisterBody(name=body.name, kind=body.kind, on=on), "registrar")
        self.bodies.add(body.name)
        return 1

    def existing_records(self, plan: DecisionPlan) -> set[UUID]:
        existing = set() if plan.fund in plan.establishes else {plan.fund.id}
        if plan.programme is not None and self.programme_known(plan.programme):
            existing.add(identity.programme_id(plan.programme.name))
        return existing

    def versions(self, record_ids: set[UUID]) -> int:
        return sum(self.app.get(record_id, Aggregate, NotFoundError).version
                   for record_id in record_ids)

    def do(self, command: Command, actor: str) -> UUID:
        """A generated history is a transcript of what its plans say was done, and when."""
        return self.app.handle(command, actor, transcribing=True)

    def establish(self, fund: FundPlan, actor: str) -> UUID:
        on = fund.first_year.start
        fund_id = self.do(EstablishFund(
            on=on, body=fund.body.name, name=fund.name, funder=fund.body.funder,
            first_year=fund.first_year, last_year=fund.last_year,
            total_budget=fund.total_budget), actor)
        for year, budget in sorted(fund.budgets.items()):
            self.do(SetFundBudget(fund_id=fund_id, on=on, year=year, amount=budget), actor)
        return fund_id

    def decide(self, plan: DecisionPlan) -> UUID:
        drafter, on = plan.drafter.actor, plan.drafted_on
        decision_id = self.do(DraftDecision(
            on=on, body=plan.body.name, reference=plan.reference,
            title=plan.title, report_author=plan.drafter.name, report_date=plan.drafted_on,
            classification="OFFICIAL", area=plan.area,
            summary=f"{plan.title}, {plan.stated_total.stated} in all",
            recommendations=[f"Approve the grants set out, {plan.stated_total.stated} in all"],
            authorisations=[
                Authorisation(g.title, g.amount, recipients=[g.recipient], fund=plan.fund.name)
                for g in plan.grants
            ],
            stated_totals=[plan.stated_total],
        ), drafter)
        implications = (
            (ImplicationArea.FINANCIAL, f"Met from the {plan.fund.name}"),
            (ImplicationArea.LEGAL, "Grants under section 9 of the Police Reform and Social "
                                    "Responsibility Act 2011"),
            (plan.third_implication, THIRD_IMPLICATIONS[plan.third_implication]),
        )
        for area, details in implications:
            self.do(ConsiderImplication(decision_id=decision_id, on=on, area=area,
                                        considered=True, details=details), drafter)
        finance, monitoring = plan.finance_officer, plan.monitoring_officer
        self.do(SignOffDecision(decision_id=decision_id, role=SignOffRole.CHIEF_FINANCE_OFFICER,
                                name=finance.name, signed_on=plan.finance_signed_on,
                                title=finance.title), finance.actor)
        self.do(SignOffDecision(decision_id=decision_id, role=plan.monitoring_role,
                                name=monitoring.name, signed_on=plan.monitoring_signed_on,
                                title=monitoring.title), monitoring.actor)
        maker = plan.maker
        if plan.refusal:
            self.do(RefuseDecision(decision_id=decision_id, on=plan.decided_on,
                                   maker_role=maker.title, maker_name=maker.name,
                                   reasons=plan.refusal), maker.actor)
        else:
            self.do(ApproveDecision(decision_id=decision_id, on=plan.decided_on,
                                    maker_role=maker.title, maker_name=maker.name), maker.actor)
        self.do(DecidePublication(decision_id=decision_id, on=plan.decided_on,
                                  for_publication=True, part2_exists=plan.part2), drafter)
        if plan.published_on <= self.today:
            self.do(PublishDecision(decision_id=decision_id, on=plan.published_on), drafter)
        return decision_id

    def programme_known(self, programme: ProgrammeSpec) -> bool:
        if programme.name not in self.programmes and self.app.has_programme(programme.name):
            self.programmes.add(programme.name)
        return programme.name in self.programmes

    def join(self, plan: DecisionPlan, programme: ProgrammeSpec) -> UUID:
        actor, on = plan.drafter.actor, plan.decided_on
        programme_id = identity.programme_id(programme.name)
        if not self.programme_known(programme):
            self.do(RegisterProgramme(
                on=on, name=programme.name, lead_body=plan.body.name,
                delivery_partners=list(programme.delivery_partners),
                description=programme.description, registered_by=plan.body.name), actor)
            last = FinancialYear(programme.launched.start_year + 2)
            self.do(RecordPledge(programme_id=programme_id, on=on, pledge=Pledge(
                programme.partner_funder, programme.partner_pledge, programme.launched, last)),
                actor)
            self.programmes.add(programme.name)
        site = (programme.name, plan.body.area)
        if site not in self.sites:
            if not self.app.programme(programme_id).has_site(plan.body.area):
                self.do(AddProgrammeSite(programme_id=programme_id, on=on, site=plan.body.area,
                                         host_body=plan.body.name), actor)
            self.sites.add(site)
        for pledge in plan.pledges:
            self.do(RecordPledge(programme_id=programme_id, on=on, pledge=pledge,
                                 decision_reference=plan.reference), actor)
        return programme_id

    def grant(self, plan: DecisionPlan, decision_id: UUID, grant: GrantPlan) -> UUID:
        officer, maker = plan.drafter.actor, plan.maker.actor
        grant_id = self.do(ProposeGrant(
            on=plan.decided_on, decision_id=decision_id, title=grant.title,
            recipient=grant.recipient, amount=grant.amount, period_start=grant.period_start,
            period_end=grant.period_end, purpose=grant.purpose, profile=grant.profile,
            contributions=grant.contributions, fund=grant.fund.name,
            programme=grant.programme, partners=grant.partners,
            notice_months=grant.notice_months, conditions=CONDITIONS,
            crime_reduction_reasons=f"{grant.purpose}: {REASONS}",
        ), officer)
        self.do(ApproveGrant(grant_id=grant_id, on=grant.approved_on,
                             override_reason=grant.fund.override), maker)
        self.do(SignGrantAgreement(grant_id=grant_id, on=grant.agreement_signed_on), officer)
        published_on = month_start_after(grant.approved_on) + days(4)
        if published_on <= self.today:
            self.do(PublishGrant(grant_id=grant_id, on=published_on), officer)
        for step in grant.steps:
            self.take(plan, grant_id, grant, step)
        return grant_id

    def take(self, plan: DecisionPlan, grant_id: UUID, grant: GrantPlan, step: Step) -> None:
        match step:
            case Pay(on, amount, reference):
                self.do(PayTranche(grant_id=grant_id, on=on, amount=amount,
                                   reference=reference), plan.treasurer)
            case Vary(on, amount, profile, reason):
                self.do(VaryGrant(grant_id=grant_id, on=on, amount=amount, profile=profile,
                                  reason=reason, override_reason=grant.fund.override),
                        plan.maker.actor)
            case Notice(on, reason):
                self.do(GiveNotice(grant_id=grant_id, on=on, reason=reason), plan.maker.actor)
            case Terminate(on):
                self.do(TerminateGrant(grant_id=grant_id, on=on), plan.drafter.actor)
            case Repay(on, amount, reason):
                self.do(RecordRepayment(grant_id=grant_id, on=on, amount=amount,
                                        reason=reason), plan.treasurer)
            case Close(on, reason):
                self.do(CloseGrant(grant_id=grant_id, on=on, reason=reason),
                        plan.drafter.actor)


# -- the history ------------------------------------------------------------------------------


class History:
    """Policing bodies' grant-making year after year from 2014-15: funds and budgets,
    decisions with their implications, sign-offs and publication, grants approved, paid,
    varied, ended on notice, repaid and closed, and programmes co-funded by several bodies.
    It is recorded into a store that holds no other generated history."""

    def __init__(self, seed: int = 1, bodies: int = 44) -> None:
        if not 1 <= bodies <= len(BODIES):
            raise ValueError(f"bodies must be between 1 and {len(BODIES)}, not {bodies}")
        self.seed = seed
        self.bodies = BODIES[:bodies]

    def record(self, app: Grantledger, events: int,
               progress: Callable[[int], None] | None = None, today: date | None = None) -> int:
        """Record about `events` events (stop at the first whole decision at or past it) into
        the app's store; return how many were recorded. Calls progress(events_so_far) now and
        then. A decision due to be published after today (by the clock) is left unpublished."""
        first_id = app.recorder.max_notification_id() or 0
        plans = Planner(self.seed, self.bodies, events).decisions()
        first = next(plans)
        self.check_store_is_free(app, first)
        plans = chain([first], plans)
        recorder = Recorder(app, today or date.today())
        counted = 0
        while counted < events:
            with app.atomically():
                for plan in islice(plans, DECISIONS_PER_TRANSACTION):
                    counted += recorder.record(plan)
                    if counted >= events:
                        break
            if progress is not None:
                progress(counted)
        return (app.recorder.max_notification_id() or 0) - first_id

    @staticmethod
    def check_store_is_free(app: Grantledger, first: DecisionPlan) -> None:
        fund = first.establishes[0]
        if app.has_fund(fund.body.name, fund.name):
            raise DuplicateError(
                f"This store already holds a generated history ({fund.body.name} has a fund "
                f"named {fund.name}): generate into a store without one"
            )
