"""Grants on the register, and the monthly check of the duty to publish them."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pytest_bdd import parsers, then, when

from domain.application import Grantledger
from domain.commands import ProposeGrant, PublishGrant, StateGrantPublicationFacts
from domain.financial_year import FinancialYear
from domain.values import YearAmount
from readmodel.model import ReadModel
from readmodel.publication import DueRow
from tests.features.steps.books import Attempts
from tests.features.steps.vocabulary import YEAR, day, money, step, year

Check = tuple[int, list[DueRow]]


@when(parsers.re(r"the monthly check is run for (?P<month>\w+ \d{4})"), target_fixture="check")
def monthly_check(ledgers: ReadModel, month: str) -> Check:
    first = day(f"1 {month}")
    last = (first.replace(day=28) + (date(2000, 1, 5) - date(2000, 1, 1))).replace(day=1)
    return ledgers.publication_due(first, last - (date(2000, 1, 2) - date(2000, 1, 1)))


@then(step('it finds {due:d} of {awarded:d} grants awarded not yet published, lacking '
           '"{lacking}"'))
def finds_due(check: Check, due: int, awarded: int, lacking: str) -> None:
    assert (check[0], len(check[1])) == (awarded, due)
    assert [row.lacking for row in check[1]] == [lacking] * due


@then("it finds every grant awarded published")
def finds_none_due(check: Check) -> None:
    assert check[0] > 0 and check[1] == []


@when(step("the grant is published on {on:Day}"))
def grant_published(app: Grantledger, attempts: Attempts, grant_id: UUID, on: date) -> None:
    attempts.run(lambda: app.handle(PublishGrant(grant_id=grant_id, on=on), "officer"))


@when(step("its purpose, conditions and reasons are stated on {on:Day}"))
def facts_stated(app: Grantledger, grant_id: UUID, on: date) -> None:
    app.handle(StateGrantPublicationFacts(
        grant_id=grant_id, on=on, purpose="Support for victims of domestic abuse",
        conditions="Quarterly monitoring returns", crime_reduction_reasons=(
            "It reduces repeat victimisation")), "officer")


@then(step("the grant is on the register from {on:Day}"))
def on_the_register(app: Grantledger, ledgers: ReadModel, grant_id: UUID, on: date) -> None:
    assert app.grant(grant_id).published_on == on
    assert ledgers.publication_due(on, on) == (0, [])


@when(parsers.re(rf"a grant of (?P<amount>£[\d,.]+) for (?P<fy>{YEAR}) to (?P<recipient>.+) is "
                 r"proposed under (?P<reference>\S+) and published on (?P<on>.+)$"))
def proposed_and_published(app: Grantledger, attempts: Attempts, decision_id: UUID,
                           amount: str, fy: str, recipient: str, on: str) -> None:
    first: FinancialYear = year(fy)
    grant_id = app.handle(ProposeGrant(
        on=day(on), decision_id=decision_id, title="Services", recipient=recipient,
        amount=money(amount), period_start=first.start, period_end=first.end,
        profile=[YearAmount(first, money(amount))], purpose="Services",
        conditions="Monitoring", crime_reduction_reasons="Fewer victims"), "officer")
    attempts.run(lambda: app.handle(PublishGrant(grant_id=grant_id, on=day(on)), "officer"))


def listed(names: str) -> list[str]:
    return [name.strip().strip('"') for name in names.replace(" and ", ", ").split(", ")]


@then(step("the decisions on the register are {references}, newest first"))
def decisions_on_the_register(ledgers: ReadModel, references: str) -> None:
    assert [d.reference for d in ledgers.published_decisions()] == listed(references)


@then(step("the grants on the register are {titles}"))
def grants_on_the_register(ledgers: ReadModel, titles: str) -> None:
    assert sorted(g.title for g in ledgers.awarded()) == listed(titles)
