"""Stated totals against totals derived from their parts: every difference is reported."""

from __future__ import annotations

from collections.abc import Iterable

from domain.decision import Decision
from domain.financial_year import FinancialYear
from domain.grant import Grant
from domain.money import Money
from domain.values import Discrepancy


def of_decision(decision: Decision) -> list[Discrepancy]:
    return [
        Discrepancy(decision.reference, total.what, total.stated, total.derived)
        for total in decision.stated_totals
        if total.stated != total.derived
    ]


def of_grant(grant: Grant) -> list[Discrepancy]:
    found = []
    profiled = Money.total(grant.profile.values())
    if grant.profile and not grant.up_to and profiled != grant.amount:
        found.append(
            Discrepancy(
                grant.decision_reference,
                f"Grant '{grant.title}': amount awarded against its profile by year",
                grant.amount,
                profiled,
            )
        )
    for year, amount in sorted(contributions_by_year(grant).items()):
        if year in grant.profile and grant.profile[year] != amount:
            found.append(
                Discrepancy(
                    grant.decision_reference,
                    f"Grant '{grant.title}': {year} profile against funders' contributions",
                    grant.profile[year],
                    amount,
                )
            )
    return found


def contributions_by_year(grant: Grant) -> dict[FinancialYear, Money]:
    totals: dict[FinancialYear, Money] = {}
    for contribution in grant.contributions:
        totals[contribution.year] = (
            totals.get(contribution.year, Money.zero()) + contribution.amount
        )
    return totals


def all_of(decisions: Iterable[Decision], grants: Iterable[Grant]) -> list[Discrepancy]:
    found = [d for decision in decisions for d in of_decision(decision)]
    found += [d for grant in grants for d in of_grant(grant)]
    return found
