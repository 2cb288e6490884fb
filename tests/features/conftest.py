"""Step definitions shared by every feature: the vocabulary of the decision records."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from pytest_bdd import given, parsers, then, when

from adapters import dossier, report
from adapters.system import System
from domain.application import Grantledger
from domain.commands import (
    ApproveDecision,
    ApproveGrant,
    DecidePublication,
    DraftDecision,
    EstablishFund,
    ExtendGrant,
    GiveNotice,
    PayTranche,
    ProposeGrant,
    PublishDecision,
    RecordRepayment,
    RefuseDecision,
    RegisterProgramme,
    SetFundBudget,
    SignOffDecision,
    SignOffRedaction,
    TerminateGrant,
    VaryGrant,
)
from domain.decision import Decision
from domain.errors import GrantledgerError
from domain.financial_year import FinancialYear
from domain.grant import Grant
from domain.money import Money
from domain.values import (
    Authorisation,
    Contribution,
    DecisionStatus,
    GrantStatus,
    PublicationDecision,
    SignOffRole,
    StatedPart,
    StatedTotal,
    YearAmount,
)
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from readmodel.points import NOW, Point

MONEY = r"-?£[\d,]+\.\d\d"
DAY = r"\d{1,2} [A-Z][a-z]+ \d{4}"
YEAR = r"\d{4}-\d{2}"


def money(text: str) -> Money:
    return Money.of(text)


def day(text: str) -> date:
    return datetime.strptime(text, "%d %B %Y").date()


def year(text: str) -> FinancialYear:
    return FinancialYear.parse(text)


money.pattern = MONEY  # type: ignore[attr-defined]
day.pattern = DAY  # type: ignore[attr-defined]
year.pattern = YEAR  # type: ignore[attr-defined]
TYPES = {"Money": money, "Day": day, "Year": year}


def step(text: str) -> Any:
    return parsers.parse(text, extra_types=TYPES)


ROLES = {
    "Chief Finance Officer": SignOffRole.CHIEF_FINANCE_OFFICER,
    "Monitoring Officer": SignOffRole.MONITORING_OFFICER,
    "Chief Executive as Monitoring Officer": SignOffRole.CHIEF_EXECUTIVE_AS_MONITORING_OFFICER,
}


@dataclass
class World:
    system: System
    decision_id: UUID | None = None
    grant_id: UUID | None = None
    error: GrantledgerError | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def app(self) -> Grantledger:
        return self.system.app

    @property
    def ledgers(self) -> ReadModel:
        return self.system.ledgers

    def today(self) -> date:
        return self.system.today()

    def grants(self, decision_id: UUID | None = None) -> list[Grant]:
        query = ListQuery(decision_id=str(decision_id) if decision_id else "")
        return [self.app.grant(UUID(row.grant_id)) for row in self.ledgers.grants(query).rows]

    def attempt(self, command: Callable[[], Any]) -> Any:
        self.error = None
        try:
            return command()
        except GrantledgerError as error:
            self.error = error
            return None

    @property
    def decision(self) -> Decision:
        assert self.decision_id is not None
        return self.app.decision(self.decision_id)

    @property
    def grant(self) -> Grant:
        assert self.grant_id is not None
        return self.app.grant(self.grant_id)

    def decision_numbered(self, reference: str) -> Decision:
        found = [d for d in self.ledgers.decisions().rows if d.reference == reference]
        assert found, f"no decision {reference}"
        return self.app.decision(UUID(found[0].decision_id))

    def load(self, *names: str) -> None:
        for name, document in dossier.shipped():
            if not names or name in names:
                dossier.import_dossier(self.app, document, name, "steps")


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    system = build(f"sqlite:///{tmp_path / 'books.sqlite'}", today=lambda: date(2026, 1, 1))
    yield World(system)
    system.close()


# -- the source decisions ------------------------------------------------------------------


@given("the five source decisions are loaded")
def five_source_decisions(world: World) -> None:
    world.load()


@then(step("the {body} decision {reference} is approved on {on:Day}"))
def decision_approved_on(world: World, body: str, reference: str, on: date) -> None:
    decision = world.app.decision_by_reference(body, reference)
    assert decision.status is DecisionStatus.APPROVED
    assert decision.decided_on == on


@then(step('the {body} decision {reference} is titled "{title}"'))
def decision_titled(world: World, body: str, reference: str, title: str) -> None:
    assert world.app.decision_by_reference(body, reference).title == title


@then(
    step('the {body} decision {reference} concerns "{area}" and is classified "{classification}"')
)
def decision_concerns(
    world: World, body: str, reference: str, area: str, classification: str
) -> None:
    decision = world.app.decision_by_reference(body, reference)
    assert (decision.area, decision.classification) == (area, classification)


@then(step("the {body} decision {reference} relates to {related}"))
def decision_relates(world: World, body: str, reference: str, related: str) -> None:
    assert related in world.app.decision_by_reference(body, reference).related_decisions


@then(
    step("the {body} decision {reference} is an exception: approved without the required sign-offs")
)
def decision_is_exception(world: World, body: str, reference: str) -> None:
    decision = world.app.decision_by_reference(body, reference)
    assert decision.missing_sign_offs(decision.decided_on or date.max)
    assert decision.override_reason
    records = [e["record"] for e in report.summary(world.ledgers, Point())["exceptions"]]
    assert f"{body} {reference}" in records


@then(step("the {body} decision {reference} is not an exception"))
def decision_is_not_exception(world: World, body: str, reference: str) -> None:
    decision = world.app.decision_by_reference(body, reference)
    assert not decision.override_reason
    assert decision.decided_on and not decision.missing_sign_offs(decision.decided_on)


@then(step('the {body} decision {reference} was signed off by the "{title}" on {on:Day}'))
def decision_signed_off_by(world: World, body: str, reference: str, title: str, on: date) -> None:
    sign_offs = world.app.decision_by_reference(body, reference).sign_offs
    assert any(s.title == title and s.signed_on == on for s in sign_offs), sign_offs


@then(step('the {body} decision {reference} was decided by "{who}"'))
def decision_decided_by(world: World, body: str, reference: str, who: str) -> None:
    maker = world.app.decision_by_reference(body, reference).decision_maker
    assert maker and f"{maker.role} {maker.name}" == who


@then(step("the {body} decision {reference} authorises nothing"))
def decision_authorises_nothing(world: World, body: str, reference: str) -> None:
    decision = world.app.decision_by_reference(body, reference)
    assert decision.authorisations == [] and decision.no_direct_financial_implications


@then(step("the {body} decision {reference} authorises {amount:Money}"))
def decision_authorises(world: World, body: str, reference: str, amount: Money) -> None:
    decision = world.app.decision_by_reference(body, reference)
    assert Money.total(a.amount for a in decision.authorisations) == amount


@then(step('the {body} decision {reference} states {amount:Money} for "{what}"'))
def decision_states(world: World, body: str, reference: str, amount: Money, what: str) -> None:
    totals = {t.what: t for t in world.app.decision_by_reference(body, reference).stated_totals}
    assert totals[what].stated == amount
    assert totals[what].derived == amount


@then(step("the {body} decision {reference} considered all six implications"))
def decision_considered_all(world: World, body: str, reference: str) -> None:
    implications = world.app.decision_by_reference(body, reference).implications
    assert len(implications) == 6 and all(i.considered for i in implications.values())


@then(
    step(
        "the {body} decision {reference} is for publication with Part 1 not deferred and no Part 2"
    )
)
def decision_for_publication(world: World, body: str, reference: str) -> None:
    publication = world.app.decision_by_reference(body, reference).publication
    assert publication == PublicationDecision(for_publication=True)


@then(
    parsers.re(
        rf"the grant to (?P<recipient>.+) under (?P<reference>.+) is (?P<up_to>up to )?"
        rf"(?P<amount>{MONEY}) over (?P<first>{YEAR}) to (?P<last>{YEAR})"
    )
)
def grant_to(
    world: World,
    recipient: str,
    reference: str,
    up_to: str | None,
    amount: str,
    first: str,
    last: str,
) -> None:
    decision = world.decision_numbered(reference)
    grants = [g for g in world.grants(decision.id) if g.recipient == recipient]
    assert len(grants) == 1
    grant = grants[0]
    world.grant_id = grant.id
    assert grant.amount == money(amount)
    assert grant.up_to is bool(up_to)
    assert FinancialYear.of(grant.period_start) == year(first)
    assert FinancialYear.of(grant.period_end) == year(last)


@then("its profile is:")
def its_profile(world: World, datatable: list[list[str]]) -> None:
    expected = {year(row[0]): money(row[1]) for row in datatable[1:]}
    assert world.grant.profile == expected


@then("its contributions are:")
def its_contributions(world: World, datatable: list[list[str]]) -> None:
    expected = {(row[0], year(row[1]), money(row[2])) for row in datatable[1:]}
    actual = {(c.funder, c.year, c.amount) for c in world.grant.contributions}
    assert actual == expected


@then(step("its contributions total {first:Money} from {funder} and {second:Money} from {other}"))
def its_contributions_total(
    world: World, first: Money, funder: str, second: Money, other: str
) -> None:
    contributions = world.grant.contributions
    assert Money.total(c.amount for c in contributions if c.funder == funder) == first
    assert Money.total(c.amount for c in contributions if c.funder == other) == second


@then(step("it can be ended on {months:d} month's notice"))
def its_notice(world: World, months: int) -> None:
    assert world.grant.notice_months == months


@then(step("it is part of the {programme} programme"))
def its_programme(world: World, programme: str) -> None:
    assert world.grant.programme == programme


@then(step("it is co-commissioned with {partner}"))
def its_partner(world: World, partner: str) -> None:
    assert partner in world.grant.partners


@then(step("the {fund} of {body} has {amount:Money} committed in {fy:Year}"))
def fund_committed(world: World, fund: str, body: str, amount: Money, fy: FinancialYear) -> None:
    assert world.app.fund_named(body, fund).committed_in(fy) == amount


@then(step("the {fund} of {body} has a total budget of {amount:Money} in {count:d} tranches"))
def fund_total(world: World, fund: str, body: str, amount: Money, count: int) -> None:
    found = world.app.fund_named(body, fund)
    assert found.total_budget == amount and len(found.tranches) == count


@then(step('the {fund} of {body} records the over-commitment "{reason}"'))
def fund_override(world: World, fund: str, body: str, reason: str) -> None:
    assert reason in world.app.fund_named(body, fund).overrides


@then(
    step(
        "the {programme} programme has a pledge from {funder} of {amount:Money} from {first:Year} to {last:Year}"
    )
)
def programme_pledge(
    world: World,
    programme: str,
    funder: str,
    amount: Money,
    first: FinancialYear,
    last: FinancialYear,
) -> None:
    pledges = world.app.programme_named(programme).pledges
    assert any(
        (p.funder, p.amount, p.first_year, p.last_year) == (funder, amount, first, last)
        for p in pledges
    ), pledges


@then(step('the {programme} programme has the site "{site}"'))
def programme_site(world: World, programme: str, site: str) -> None:
    assert world.app.programme_named(programme).has_site(site)


@then(step('the {programme} programme has a target of {count:d} {measure} a year at "{site}"'))
def programme_target(world: World, programme: str, count: int, measure: str, site: str) -> None:
    targets = world.app.programme_named(programme).targets
    assert any(
        (t.count, t.measure, t.per, t.site) == (count, measure, "year", site) for t in targets
    )


@then(
    step(
        "the decision {reference} reports a discrepancy: {stated:Money} stated against {derived:Money} derived, a difference of {difference:Money}"
    )
)
def reports_discrepancy(
    world: World, reference: str, stated: Money, derived: Money, difference: Money
) -> None:
    found = [
        d
        for d in world.ledgers.discrepancies().rows
        if d.decision_reference == reference
        and (d.stated_pence, d.derived_pence) == (stated.pence, derived.pence)
    ]
    assert len(found) == 1 and found[0].difference_pence == difference.pence


@then(parsers.re(r"the decision (?P<reference>.+) reports (?P<count>\d+) discrepanc(?:y|ies)"))
def reports_discrepancies(world: World, reference: str, count: str) -> None:
    found = [d for d in world.ledgers.discrepancies().rows
             if d.decision_reference == reference]
    assert len(found) == int(count), found


@when(
    parsers.re(
        rf"a (?:further )?grant of (?P<amount>{MONEY})(?: for (?P<fy>{YEAR}))? to (?P<recipient>.+) "
        rf'is proposed and approved under (?P<reference>[^"]+?)(?: because "(?P<reason>.+)")?$'
    )
)
def propose_and_approve(
    world: World, amount: str, fy: str | None, recipient: str, reference: str, reason: str | None
) -> None:
    decision = world.decision_numbered(reference)
    fund = next((a.fund for a in decision.authorisations if a.fund and fy), "")
    first = year(fy) if fy else FinancialYear(2020)

    def command() -> None:
        grant_id = world.app.handle(ProposeGrant(
            on=first.start,
            decision_id=decision.id,
            title=f"{recipient} {amount}",
            recipient=recipient,
            amount=money(amount),
            period_start=first.start,
            period_end=first.end,
            profile=[YearAmount(first, money(amount))],
            fund=fund,
        ), "officer")
        world.grant_id = grant_id
        world.app.handle(ApproveGrant(
            grant_id=grant_id,
            on=max(first.start, decision.decided_on or first.start),
            override_reason=reason or "",
        ), "decision maker")

    world.attempt(command)


@then(step('it is refused with "{message}"'))
def refused_with(world: World, message: str) -> None:
    assert world.error is not None, "the command was not refused"
    assert message in str(world.error), str(world.error)


# -- decisions in the making ---------------------------------------------------------------


def draft(
    world: World,
    body: str,
    reference: str,
    on: date,
    amount: Money | None,
    recipient: str = "",
    fund: str = "",
    stated: list[StatedTotal] | None = None,
) -> UUID:
    authorisations = (
        [Authorisation(f"Grant to {recipient}", amount, recipients=[recipient], fund=fund)]
        if amount
        else []
    )
    return world.app.handle(DraftDecision(
        on=on,
        body=body,
        reference=reference,
        title=f"Decision {reference}",
        authorisations=authorisations,
        stated_totals=stated or [],
    ), "officer")


def sign_off_and_approve(world: World, decision_id: UUID, on: date) -> None:
    world.app.handle(SignOffDecision(decision_id=decision_id,
                                     role=SignOffRole.CHIEF_FINANCE_OFFICER, name="Treasurer",
                                     signed_on=on), "cfo")
    world.app.handle(SignOffDecision(decision_id=decision_id, role=SignOffRole.MONITORING_OFFICER,
                                     name="Monitoring Officer", signed_on=on), "mo")
    world.app.handle(ApproveDecision(decision_id=decision_id, on=on, maker_role="PCC"), "pcc")


@given(
    step(
        "a draft {body} decision {reference} dated {on:Day} authorising {amount:Money} to {recipient}"
    )
)
def a_draft_decision(
    world: World, body: str, reference: str, on: date, amount: Money, recipient: str
) -> None:
    world.decision_id = draft(world, body, reference, on, amount, recipient)


@given(
    step(
        "a further {body} decision {reference} approved on {on:Day} authorising {amount:Money} to {recipient}"
    )
)
def a_further_decision(
    world: World, body: str, reference: str, on: date, amount: Money, recipient: str
) -> None:
    sign_off_and_approve(world, draft(world, body, reference, on, amount, recipient), on)


@given(
    step(
        "an approved {body} decision {reference} authorising {amount:Money} to {recipient} from the {fund}"
    )
)
def an_approved_decision(
    world: World, body: str, reference: str, amount: Money, recipient: str, fund: str
) -> None:
    on = date(2016, 3, 1)
    world.decision_id = draft(world, body, reference, on, amount, recipient, fund)
    sign_off_and_approve(world, world.decision_id, on)


@given(
    step(
        "a draft {body} decision {reference} stating a total of {stated:Money} from parts {a:Money}, {b:Money} and {c:Money}"
    )
)
def a_decision_stating(
    world: World, body: str, reference: str, stated: Money, a: Money, b: Money, c: Money
) -> None:
    parts = [StatedPart(f"part {i}", amount) for i, amount in enumerate((a, b, c), 1)]
    world.decision_id = draft(
        world,
        body,
        reference,
        date(2018, 10, 24),
        None,
        stated=[StatedTotal("Total cost", stated, parts)],
    )


@given(step("the {role} signed it off on {on:Day}"))
@when(step("the {role} signs it off on {on:Day}"))
def signs_off(world: World, role: str, on: date) -> None:
    assert world.decision_id
    world.attempt(lambda: world.app.handle(SignOffDecision(
        decision_id=world.decision.id, role=ROLES[role], name=role, signed_on=on), "officer"))


@given(step("the decision was signed off and approved on {on:Day}"))
def signed_off_and_approved(world: World, on: date) -> None:
    assert world.decision_id
    sign_off_and_approve(world, world.decision_id, on)


@when(step("the PCC approves it on {on:Day}"))
def pcc_approves(world: World, on: date) -> None:
    world.attempt(lambda: world.app.handle(ApproveDecision(
        decision_id=world.decision.id, on=on, maker_role="PCC"), "pcc"))


@when(step('the PCC refuses it on {on:Day} because "{reasons}"'))
def pcc_refuses(world: World, on: date, reasons: str) -> None:
    world.attempt(lambda: world.app.handle(RefuseDecision(
        decision_id=world.decision.id, on=on, maker_role="PCC", reasons=reasons), "pcc"))


@then(parsers.re(r"the decision is (?:still )?(?P<status>draft|approved|refused)$"))
def decision_status(world: World, status: str) -> None:
    assert world.decision.status is DecisionStatus(status)


@when(step("another {body} decision {reference} is drafted"))
def another_decision(world: World, body: str, reference: str) -> None:
    world.attempt(lambda: draft(world, body, reference, date(2016, 3, 2), None))


@when(step("publication is decided on {on:Day} for publication with no Part 2"))
def publication_decided(world: World, on: date) -> None:
    world.app.handle(DecidePublication(decision_id=world.decision.id, on=on,
                                       for_publication=True), "officer")


@given(step("publication was decided on {on:Day}, deferred until {until:Day} with "
            "{redaction}"))
def publication_deferred(world: World, on: date, until: date, redaction: str) -> None:
    required = {"redaction required": True, "no redaction": False}[redaction]
    world.app.handle(DecidePublication(decision_id=world.decision.id, on=on, for_publication=True,
                                       deferred_until=until, redaction_required=required),
                     "officer")


@given(step("today is {today:Day} by the server's clock"))
def server_clock(world: World, today: date) -> None:
    world.system.today = world.app.today = lambda: today


@when(step("the Chief Finance Officer signs off the redaction on {on:Day}"))
def redaction_signed_off(world: World, on: date) -> None:
    world.app.handle(SignOffRedaction(decision_id=world.decision.id,
                                      role=SignOffRole.CHIEF_FINANCE_OFFICER, name="Treasurer",
                                      signed_on=on), "cfo")


@when(step("it is published on {on:Day}"))
def published(world: World, on: date) -> None:
    world.attempt(lambda: world.app.handle(PublishDecision(decision_id=world.decision.id, on=on),
                                           "officer"))


@then(step("the decision is published on {on:Day}"))
def decision_published(world: World, on: date) -> None:
    assert world.decision.published_on == on


# -- grants in payment ---------------------------------------------------------------------


@given(
    step(
        "the SafeLives Drive pilot of {amount:Money} over {first:Year} to {last:Year} approved on {on:Day}"
    )
)
def drive_pilot(
    world: World, amount: Money, first: FinancialYear, last: FinancialYear, on: date
) -> None:
    world.load("1_essex_pcc_0128_15.json")
    (grant,) = world.grants()
    world.grant_id = grant.id
    assert (grant.amount, grant.approved_on) == (amount, on)
    assert (FinancialYear.of(grant.period_start), FinancialYear.of(grant.period_end)) == (
        first,
        last,
    )


@given(step("the treasurer paid {amount:Money} on {on:Day}"))
@when(step("the treasurer pays {amount:Money} on {on:Day}"))
def pays(world: World, amount: Money, on: date) -> None:
    world.attempt(lambda: world.app.handle(PayTranche(grant_id=world.grant.id, on=on,
                                                      amount=amount), "treasurer"))


@when(step('{amount:Money} is repaid on {on:Day} because "{reason}"'))
def repaid(world: World, amount: Money, on: date, reason: str) -> None:
    world.attempt(lambda: world.app.handle(RecordRepayment(
        grant_id=world.grant.id, on=on, amount=amount, reason=reason), "treasurer"))


@then(step("the grant has {paid:Money} paid and {remaining:Money} remaining"))
def grant_paid_remaining(world: World, paid: Money, remaining: Money) -> None:
    assert (world.grant.paid, world.grant.remaining) == (paid, remaining)


@then(step("the grant has {paid:Money} paid and {repaid:Money} repaid"))
def grant_paid_repaid(world: World, paid: Money, repaid: Money) -> None:
    assert (world.grant.paid, world.grant.repaid) == (paid, repaid)


@then(step("the payments fall in {fy:Year}"))
def payments_fall_in(world: World, fy: FinancialYear) -> None:
    assert set(world.grant.paid_by_year) == {fy}


@given(step("notice was given on {on:Day}"))
@when(step("notice is given on {on:Day}"))
def notice_given(world: World, on: date) -> None:
    world.attempt(lambda: world.app.handle(GiveNotice(grant_id=world.grant.id, on=on),
                                           "commissioner"))


@then(step("the termination takes effect on {on:Day}"))
def takes_effect(world: World, on: date) -> None:
    assert world.grant.termination_effective_on == on


@when(step("the grant is terminated on {on:Day}"))
def terminated(world: World, on: date) -> None:
    world.attempt(lambda: world.app.handle(TerminateGrant(grant_id=world.grant.id, on=on),
                                           "commissioner"))


@then("the grant is terminated")
def grant_terminated(world: World) -> None:
    assert world.grant.status is GrantStatus.TERMINATED


@when(
    parsers.re(
        rf"the grant is varied on (?P<on>{DAY})(?: under (?P<reference>\S+))? to (?P<amount>{MONEY}) "
        rf"profiled (?P<profile>.+)$"
    )
)
def varied(world: World, on: str, reference: str | None, amount: str, profile: str) -> None:
    lines = []
    for item in profile.split(", "):
        fy, value = item.split(" ")
        lines.append(YearAmount(year(fy), money(value)))
    under = world.decision_numbered(reference).id if reference else None
    world.attempt(lambda: world.app.handle(VaryGrant(
        grant_id=world.grant.id, on=day(on), amount=money(amount), profile=lines,
        reason="Re-profiled", under_decision_id=under), "commissioner"))


@then(step("the grant is {amount:Money} with {fy:Year} profiled at {profiled:Money}"))
def grant_varied(world: World, amount: Money, fy: FinancialYear, profiled: Money) -> None:
    assert world.grant.amount == amount and world.grant.profile[fy] == profiled


# -- funds ---------------------------------------------------------------------------------


@given(step("the {fund} of {body} has a {fy:Year} budget of {amount:Money}"))
def fund_budget(world: World, fund: str, body: str, fy: FinancialYear, amount: Money) -> None:
    fund_id = world.app.handle(EstablishFund(on=fy.start, body=body, name=fund, funder="OPCC",
                                             first_year=fy, last_year=fy.next().next()),
                               "treasurer")
    world.app.handle(SetFundBudget(fund_id=fund_id, on=fy.start, year=fy, amount=amount),
                     "treasurer")


# -- ledgers -------------------------------------------------------------------------------


def pounds(pence: int | None) -> str:
    return "-" if pence is None else str(Money(pence))


def fund_year(world: World, fund: str, body: str, fy: FinancialYear,
              point: Point = NOW) -> dict[str, str]:
    (row,) = [r for r in world.ledgers.funds(point=point).rows
              if (r.fund, r.body, r.year) == (fund, body, str(fy))]
    return {
        "budget": "not recorded" if row.budget_pence is None else pounds(row.budget_pence),
        "committed": pounds(row.committed_pence),
        "paid": pounds(row.paid_pence),
        "headroom": pounds(row.headroom_pence),
    }


@then(parsers.parse("the fund ledger of the {fund} of {body} for {fy:Year} shows:", extra_types=TYPES))
def fund_ledger_shows(world: World, fund: str, body: str, fy: FinancialYear, datatable: list[list[str]]) -> None:
    expected = dict(zip(datatable[0], datatable[1], strict=True))
    assert fund_year(world, fund, body, fy) == expected


@then(parsers.parse("as at {on:Day} the fund ledger of the {fund} of {body} for {fy:Year} shows:", extra_types=TYPES))
def fund_ledger_as_at(world: World, on: date, fund: str, body: str, fy: FinancialYear, datatable: list[list[str]]) -> None:
    expected = dict(zip(datatable[0], datatable[1], strict=True))
    assert fund_year(world, fund, body, fy, Point(as_at=on)) == expected


@then(step("as at {on:Day} the decision register lists {references}"))
def register_as_at(world: World, on: date, references: str) -> None:
    listed = {r.reference for r in world.ledgers.decisions(point=Point(as_at=on)).rows}
    assert listed == set(references.replace(" and ", ", ").split(", "))


@when(step("the treasurer of {body} pays {recipient} {amount:Money} on {on:Day}"))
def treasurer_pays(world: World, body: str, recipient: str, amount: Money, on: date) -> None:
    grant = next(g for g in world.grants() if (g.body, g.recipient) == (body, recipient))
    world.app.handle(PayTranche(grant_id=grant.id, on=on, amount=amount), "treasurer")


@then(step("the grant ledger shows {recipient} with {awarded:Money} awarded, {paid:Money} paid and {outstanding:Money} outstanding"))
def grant_ledger_shows(world: World, recipient: str, awarded: Money, paid: Money, outstanding: Money) -> None:
    (row,) = [r for r in world.ledgers.grants().rows if r.recipient == recipient and r.body == "Essex PCC"]
    assert (row.awarded_pence, row.paid_pence, row.outstanding_pence) == (awarded.pence, paid.pence, outstanding.pence)


@when(step("the exposure is worked out for notice given on {on:Day}"))
def exposure_for(world: World, on: date) -> None:
    world.extra["exposure"] = world.ledgers.exposure(on).rows
    world.extra["by body"] = {r.body: r for r in world.ledgers.exposure_by_body(on)}


@then(step("the grant to {recipient} from {body} takes effect on {effective:Day} with {payable:Money} payable and {released:Money} released"))
def exposure_of(world: World, recipient: str, body: str, effective: date, payable: Money, released: Money) -> None:
    (row,) = [r for r in world.extra["exposure"] if (r.recipient, r.body) == (recipient, body)]
    assert (row.takes_effect_on, row.payable_pence, row.released_pence) == (effective, payable.pence, released.pence)


@then(step("the exposure of {body} totals {amount:Money}"))
def exposure_total(world: World, body: str, amount: Money) -> None:
    assert world.extra["by body"][body].payable_pence == amount.pence


@then(step('the programme ledger of {programme} shows "{funder}" {how} {amount:Money} in {fy:Year}'))
def programme_ledger_shows(world: World, programme: str, funder: str, how: str, amount: Money, fy: FinancialYear) -> None:
    (row,) = [r for r in world.ledgers.programmes().rows if (r.programme, r.funder, r.year) == (programme, funder, str(fy))]
    column = {"pledging": row.pledged_cash_pence, "granting": row.granted_pence}[how]
    assert column == amount.pence


# -- real decisions: notice of any length, acting on earlier grants, unstated facts ------------


def a_grant(world: World, amount: Money, start: date, end: date, approved_on: date, *,
            profile: list[YearAmount] | None = None, **terms: Any) -> UUID:
    """A grant under a decision of its own, approved on the day."""
    reference = f"PCC/{900 + len(world.extra.setdefault('decisions', []))}/16"
    world.extra["decisions"].append(reference)
    decision_id = draft(world, "Essex PCC", reference, approved_on, amount, "Provider")
    sign_off_and_approve(world, decision_id, approved_on)
    grant_id = world.app.handle(ProposeGrant(
        on=approved_on, decision_id=decision_id, title="Services", recipient="Provider",
        amount=amount, period_start=start, period_end=end,
        profile=[YearAmount(FinancialYear.of(start), amount)] if profile is None else profile,
        **terms), "officer")
    world.app.handle(ApproveGrant(grant_id=grant_id, on=approved_on), "pcc")
    world.grant_id = grant_id
    return grant_id


NOTICE = re.compile(r"(?:(?P<months>\d+) months?)?(?: and )?(?:(?P<days>\d+) days?)?'?")


@given(step("a grant of {amount:Money} over {fy:Year} with {terms} notice, approved on {on:Day}"))
def a_grant_with_notice(world: World, amount: Money, fy: FinancialYear, terms: str,
                        on: date) -> None:
    found = NOTICE.fullmatch(terms) if terms != "no" else None
    months, days = (int(found["months"] or 0), int(found["days"] or 0)) if found else (0, 0)
    a_grant(world, amount, fy.start, fy.end, on, notice_months=months, notice_days=days)


@when(step("notice is given on {on:Day} with immediate effect"))
def notice_with_immediate_effect(world: World, on: date) -> None:
    world.attempt(lambda: world.app.handle(GiveNotice(
        grant_id=world.grant.id, on=on, notice_months=0, notice_days=0), "commissioner"))


@when(parsers.re(rf'the grant is terminated with immediate effect on (?P<on>{DAY}) because '
                 rf'"(?P<reason>[^"]+)"(?:, (?P<owed>{MONEY}) still payable)?$'))
def terminated_at_once(world: World, on: str, reason: str, owed: str | None) -> None:
    world.attempt(lambda: world.app.handle(TerminateGrant(
        grant_id=world.grant.id, on=day(on), reason=reason,
        still_payable=money(owed) if owed else None), "commissioner"))


def row_of(world: World, recipient: str) -> Any:
    (row,) = [r for r in world.ledgers.grants().rows
              if r.recipient == recipient and r.body == "Essex PCC"]
    return row


@then(step("the grant ledger shows {recipient} with {committed:Money} committed, "
           "{released:Money} released and {outstanding:Money} outstanding"))
def grant_ledger_released(world: World, recipient: str, committed: Money, released: Money,
                          outstanding: Money) -> None:
    row = row_of(world, recipient)
    assert (row.committed_pence, row.released_pence, row.outstanding_pence) == (
        committed.pence, released.pence, outstanding.pence)


@then(step("the grant ledger shows {recipient} with {awarded:Money} awarded and "
           "{committed:Money} committed"))
def grant_ledger_committed(world: World, recipient: str, awarded: Money,
                           committed: Money) -> None:
    row = row_of(world, recipient)
    assert (row.awarded_pence, row.committed_pence) == (awarded.pence, committed.pence)


@then(step("the grant ledger has {count:d} grant to {recipient} from {body}"))
def grants_to(world: World, count: int, recipient: str, body: str) -> None:
    rows = [r for r in world.ledgers.grants().rows if (r.recipient, r.body) == (recipient, body)]
    assert len(rows) == count


@given(step("{body} decision {reference} authorises up to {amount:Money}, approved on {on:Day}"))
def a_later_decision(world: World, body: str, reference: str, amount: Money, on: date) -> None:
    decision_id = world.app.handle(DraftDecision(
        on=on, body=body, reference=reference, title=f"Decision {reference}",
        authorisations=[Authorisation("Extension", amount, up_to=True)]), "officer")
    sign_off_and_approve(world, decision_id, on)


def earlier_grant(world: World, recipient: str, reference: str) -> UUID:
    decision = world.app.decision_by_reference("Essex PCC", reference)
    (grant_id,) = [g for g in decision.drawn if world.app.grant(g).recipient == recipient]
    world.grant_id = grant_id
    return grant_id


@when(step("decision {reference} extends the {recipient} grant of {earlier} to {end:Day} "
           "adding {amount:Money} in {fy:Year}"))
def extends(world: World, reference: str, recipient: str, earlier: str, end: date,
            amount: Money, fy: FinancialYear) -> None:
    grant_id = earlier_grant(world, recipient, earlier)
    later = world.app.decision_by_reference("Essex PCC", reference)
    world.attempt(lambda: world.app.handle(ExtendGrant(
        grant_id=grant_id, under_decision_id=later.id, period_end=end, on=later.decided_on,
        added=[YearAmount(fy, amount)], reason="Extended"), "commissioner"))
    assert world.error is None, world.error


DONE = {"Extended": "extended", "Varied": "varied", "NoticeGiven": "gave notice to",
        "Terminated": "terminated"}


@then(parsers.re(r"the grant's history says decision (?P<reference>\S+) (?P<did>.+) it$"))
def history_says(world: World, reference: str, did: str) -> None:
    events = world.app.repository.event_store.get(world.grant.id)
    said = {(getattr(e, "under_decision", ""), DONE.get(type(e).__name__)) for e in events}
    assert (reference, did) in said, said


@when(step("a dossier of decision {reference} ends the {recipient} grant of {earlier} with "
           "immediate effect on {on:Day}"))
def dossier_ends(world: World, reference: str, recipient: str, earlier: str, on: date) -> None:
    earlier_grant(world, recipient, earlier)
    document = {
        "format": "grantledger-dossier/1",
        "decision": {
            "body": "Essex PCC", "reference": reference, "title": "Services ended",
            "drafted_on": on.isoformat(), "no_direct_financial_implications": True,
            "sign_offs": [{"role": "monitoring_officer", "name": "M.O.",
                           "signed_on": on.isoformat()}],
            "outcome": {"result": "approved", "on": on.isoformat(),
                        "decision_maker": {"role": "PCC"}}},
        "acts_on": [{"decision": earlier, "grant": recipient, "action": "terminate",
                     "reason": "ended with immediate effect"}],
    }
    dossier.import_dossier(world.app, dossier.validate(document, "ends.json"), "ends.json",
                           "steps")


@when(step('the Essex dossier {reference} is imported again with the title "{title}"'))
def imported_again(world: World, reference: str, title: str) -> None:
    (document,) = [d for _, d in dossier.shipped() if d["decision"]["reference"] == reference]
    changed = {**document, "decision": {**document["decision"], "title": title}}
    world.extra["events"] = world.app.recorder.max_notification_id()
    try:
        dossier.import_dossier(world.app, changed, "again.json", "steps")
    except dossier.DossierError as error:
        world.extra["refusal"] = error


@then(step('the import is refused naming "{field}"'))
def import_refused(world: World, field: str) -> None:
    refusal = world.extra.get("refusal")
    assert refusal is not None and field in [where for where, _ in refusal.problems], refusal


@then("nothing new is recorded")
def nothing_new(world: World) -> None:
    assert world.app.recorder.max_notification_id() == world.extra["events"]


@given(step("a grant of {amount:Money} from {start:Day} to {end:Day} with no profile, "
            "approved on {on:Day}"))
def a_grant_without_profile(world: World, amount: Money, start: date, end: date,
                            on: date) -> None:
    a_grant(world, amount, start, end, on, profile=[])


@then(step("the grant ledger shows the grant with {first:Money} committed in {fy1:Year} and "
           "{second:Money} committed in {fy2:Year}"))
def committed_by_year(world: World, first: Money, fy1: FinancialYear, second: Money,
                      fy2: FinancialYear) -> None:
    rows = world.ledgers.grant_years(ListQuery()).rows
    years = {r.year: r.committed_pence for r in rows if r.grant_id == str(world.grant.id)}
    assert years == {str(fy1): first.pence, str(fy2): second.pence}


@then(step('the exceptions list "{what}" for the grant'))
def exceptions_list(world: World, what: str) -> None:
    assert any(what in e.what for e in world.ledgers.exceptions().rows)


@given(step('a grant of {amount:Money} over {fy:Year} in the {programme} programme with '
            '{cash:Money} cash from "{funder}" and {kind:Money} in kind from "{giver}", '
            'approved on {on:Day}'))
def a_grant_with_in_kind(world: World, amount: Money, fy: FinancialYear, programme: str,
                         cash: Money, funder: str, kind: Money, giver: str, on: date) -> None:
    if not world.app.has_programme(programme):
        world.app.handle(RegisterProgramme(on=on, name=programme, lead_body="Essex PCC"),
                         "officer")
    a_grant(world, amount, fy.start, fy.end, on, programme=programme, contributions=[
        Contribution(funder, fy, cash), Contribution(giver, fy, kind, in_kind=True)])


@then("the grant has no discrepancies")
def no_discrepancies(world: World) -> None:
    assert world.ledgers.discrepancies().rows == []


@then(step('the programme ledger of {programme} shows "{funder}" granting {amount:Money} in '
           'kind in {fy:Year}'))
def programme_in_kind(world: World, programme: str, funder: str, amount: Money,
                      fy: FinancialYear) -> None:
    (row,) = [r for r in world.ledgers.programmes().rows
              if (r.programme, r.funder, r.year) == (programme, funder, str(fy))]
    assert (row.granted_in_kind_pence, row.granted_pence) == (amount.pence, 0)
