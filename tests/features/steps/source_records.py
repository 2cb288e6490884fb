"""What the five source decision records say, as the books hold it."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pytest_bdd import given, parsers, then

from adapters import report
from adapters.system import System
from domain.application import Grantledger
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import DecisionStatus, PublicationDecision
from readmodel.model import ReadModel
from readmodel.points import Point
from tests.features.steps.books import decision_numbered, grants_of, load
from tests.features.steps.vocabulary import MONEY, YEAR, money, step, year


@given("the five source decisions are loaded")
def five_source_decisions(app: Grantledger) -> None:
    load(app)


@then(step("the {body} decision {reference} is approved on {on:Day}"))
def decision_approved_on(app: Grantledger, body: str, reference: str, on: date) -> None:
    decision = app.decision_by_reference(body, reference)
    assert decision.status is DecisionStatus.APPROVED
    assert decision.decided_on == on


@then(step('the {body} decision {reference} is titled "{title}"'))
def decision_titled(app: Grantledger, body: str, reference: str, title: str) -> None:
    assert app.decision_by_reference(body, reference).title == title


@then(step('the {body} decision {reference} concerns "{area}" and is classified '
           '"{classification}"'))
def decision_concerns(app: Grantledger, body: str, reference: str, area: str,
                      classification: str) -> None:
    decision = app.decision_by_reference(body, reference)
    assert (decision.area, decision.classification) == (area, classification)


@then(step("the {body} decision {reference} relates to {related}"))
def decision_relates(app: Grantledger, body: str, reference: str, related: str) -> None:
    assert related in app.decision_by_reference(body, reference).related_decisions


@then(step("the {body} decision {reference} is an exception: approved without the required "
           "sign-offs"))
def decision_is_exception(app: Grantledger, ledgers: ReadModel, body: str,
                          reference: str) -> None:
    decision = app.decision_by_reference(body, reference)
    assert decision.missing_sign_offs(decision.decided_on or date.max)
    assert decision.override_reason
    records = [e["record"] for e in report.summary(ledgers, Point())["exceptions"]]
    assert f"{body} {reference}" in records


@then(step("the {body} decision {reference} is not an exception"))
def decision_is_not_exception(app: Grantledger, body: str, reference: str) -> None:
    decision = app.decision_by_reference(body, reference)
    assert not decision.override_reason
    assert decision.decided_on and not decision.missing_sign_offs(decision.decided_on)


@then(step('the {body} decision {reference} was signed off by the "{title}" on {on:Day}'))
def decision_signed_off_by(app: Grantledger, body: str, reference: str, title: str,
                           on: date) -> None:
    sign_offs = app.decision_by_reference(body, reference).sign_offs
    assert any(s.title == title and s.signed_on == on for s in sign_offs), sign_offs


@then(step('the {body} decision {reference} was decided by "{who}"'))
def decision_decided_by(app: Grantledger, body: str, reference: str, who: str) -> None:
    maker = app.decision_by_reference(body, reference).decision_maker
    assert maker and f"{maker.role} {maker.name}" == who


@then(step("the {body} decision {reference} authorises nothing"))
def decision_authorises_nothing(app: Grantledger, body: str, reference: str) -> None:
    decision = app.decision_by_reference(body, reference)
    assert decision.authorisations == [] and decision.no_direct_financial_implications


@then(step("the {body} decision {reference} authorises {amount:Money}"))
def decision_authorises(app: Grantledger, body: str, reference: str, amount: Money) -> None:
    decision = app.decision_by_reference(body, reference)
    assert Money.total(a.amount for a in decision.authorisations) == amount


@then(step('the {body} decision {reference} states {amount:Money} for "{what}"'))
def decision_states(app: Grantledger, body: str, reference: str, amount: Money,
                    what: str) -> None:
    totals = {t.what: t for t in app.decision_by_reference(body, reference).stated_totals}
    assert totals[what].stated == amount
    assert totals[what].derived == amount


@then(step("the {body} decision {reference} considered all six implications"))
def decision_considered_all(app: Grantledger, body: str, reference: str) -> None:
    implications = app.decision_by_reference(body, reference).implications
    assert len(implications) == 6 and all(i.considered for i in implications.values())


@then(step("the {body} decision {reference} is for publication with Part 1 not deferred and "
           "no Part 2"))
def decision_for_publication(app: Grantledger, body: str, reference: str) -> None:
    publication = app.decision_by_reference(body, reference).publication
    assert publication == PublicationDecision(for_publication=True)


@then(parsers.re(rf"the grant to (?P<recipient>.+) under (?P<reference>.+) is "
                 rf"(?P<up_to>up to )?(?P<amount>{MONEY}) over (?P<first>{YEAR}) to "
                 rf"(?P<last>{YEAR})"), target_fixture="grant_id")
def grant_to(app: Grantledger, ledgers: ReadModel, recipient: str, reference: str,
             up_to: str | None, amount: str, first: str, last: str) -> UUID:
    decision = decision_numbered(app, ledgers, reference)
    (grant,) = [g for g in grants_of(app, ledgers, decision.id) if g.recipient == recipient]
    assert grant.amount == money(amount)
    assert grant.up_to is bool(up_to)
    assert grant.period_start and FinancialYear.of(grant.period_start) == year(first)
    assert grant.period_end and FinancialYear.of(grant.period_end) == year(last)
    return grant.id


@then("its profile is:")
def its_profile(app: Grantledger, grant_id: UUID, datatable: list[list[str]]) -> None:
    expected = {year(row[0]): money(row[1]) for row in datatable[1:]}
    assert app.grant(grant_id).profile == expected


@then("its contributions are:")
def its_contributions(app: Grantledger, grant_id: UUID, datatable: list[list[str]]) -> None:
    expected = {(row[0], year(row[1]), money(row[2])) for row in datatable[1:]}
    actual = {(c.funder, c.year, c.amount) for c in app.grant(grant_id).contributions}
    assert actual == expected


@then(step("its contributions total {first:Money} from {funder} and {second:Money} from "
           "{other}"))
def its_contributions_total(app: Grantledger, grant_id: UUID, first: Money, funder: str,
                            second: Money, other: str) -> None:
    contributions = app.grant(grant_id).contributions
    assert Money.total(c.amount for c in contributions if c.funder == funder) == first
    assert Money.total(c.amount for c in contributions if c.funder == other) == second


@then(step("it can be ended on {months:d} month's notice"))
def its_notice(app: Grantledger, grant_id: UUID, months: int) -> None:
    assert app.grant(grant_id).notice_months == months


@then(step("it is part of the {programme} programme"))
def its_programme(app: Grantledger, grant_id: UUID, programme: str) -> None:
    assert app.grant(grant_id).programme == programme


@then(step("it is co-commissioned with {partner}"))
def its_partner(app: Grantledger, grant_id: UUID, partner: str) -> None:
    assert partner in app.grant(grant_id).partners


@then(step("the register of bodies says {body} was succeeded by {successor}, a {kind}"))
def register_says(system: System, body: str, successor: str, kind: str) -> None:
    register = {entry.name: entry for entry in system.register.entries()}
    assert register[body].successor == successor
    assert (register[successor].predecessor, register[successor].kind) == (body, kind)
