"""Funds and programmes: budgets, commitments, pledges, sites and targets."""

from __future__ import annotations

from pytest_bdd import given, then

from domain.application import Grantledger
from domain.commands import EstablishFund, SetFundBudget
from domain.financial_year import FinancialYear
from domain.money import Money
from tests.features.steps.vocabulary import step
from tests.stores import registered


@given(step("the {fund} of {body} has a {fy:Year} budget of {amount:Money}"))
def fund_budget(app: Grantledger, fund: str, body: str, fy: FinancialYear,
                amount: Money) -> None:
    registered(app, body)
    fund_id = app.handle(EstablishFund(on=fy.start, body=body, name=fund, funder="OPCC",
                                       first_year=fy, last_year=fy.next().next()), "treasurer")
    app.handle(SetFundBudget(fund_id=fund_id, on=fy.start, year=fy, amount=amount),
               "treasurer")


@then(step("the {fund} of {body} has {amount:Money} committed in {fy:Year}"))
def fund_committed(app: Grantledger, fund: str, body: str, amount: Money,
                   fy: FinancialYear) -> None:
    assert app.fund_named(body, fund).committed_in(fy) == amount


@then(step("the {fund} of {body} has a total budget of {amount:Money} in {count:d} tranches"))
def fund_total(app: Grantledger, fund: str, body: str, amount: Money, count: int) -> None:
    found = app.fund_named(body, fund)
    assert found.total_budget == amount and len(found.tranches) == count


@then(step('the {fund} of {body} records the over-commitment "{reason}"'))
def fund_override(app: Grantledger, fund: str, body: str, reason: str) -> None:
    assert reason in app.fund_named(body, fund).overrides


@then(step("the {programme} programme has a pledge from {funder} of {amount:Money} from "
           "{first:Year} to {last:Year}"))
def programme_pledge(app: Grantledger, programme: str, funder: str, amount: Money,
                     first: FinancialYear, last: FinancialYear) -> None:
    pledges = app.programme_named(programme).pledges
    assert any((p.funder, p.amount, p.first_year, p.last_year) == (funder, amount, first, last)
               for p in pledges), pledges


@then(step('the {programme} programme has the site "{site}"'))
def programme_site(app: Grantledger, programme: str, site: str) -> None:
    assert app.programme_named(programme).has_site(site)


@then(step('the {programme} programme has a target of {count:d} {measure} a year at '
           '"{site}"'))
def programme_target(app: Grantledger, programme: str, count: int, measure: str,
                     site: str) -> None:
    targets = app.programme_named(programme).targets
    assert any((t.count, t.measure, t.per, t.site) == (count, measure, "year", site)
               for t in targets)
