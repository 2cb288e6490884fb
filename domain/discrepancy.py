"""Stated totals against totals derived from their parts: every difference is reported."""

from __future__ import annotations

from collections.abc import Iterable

from domain.decision import Decision
from domain.grant import Grant
from domain.money import Money
from domain.values import Discrepancy, YearAmount, totals_by_year


def of_decision(decision: Decision) -> list[Discrepancy]:
    return [
        Discrepancy(decision.named, total.what, total.stated, total.derived)
        for total in decision.stated_totals
        if total.stated != total.derived
    ]


def of_grant(grant: Grant) -> list[Discrepancy]:
    found = []
    profiled = Money.total(grant.profile.values())
    if grant.profile and not grant.up_to and profiled != grant.amount:
        found.append(
            Discrepancy(
                grant.decision_reference or "reference not stated",
                f"Grant '{grant.title}': amount awarded against its profile by year",
                grant.amount,
                profiled,
            )
        )
    contributed = totals_by_year(YearAmount(c.year, c.amount) for c in grant.contributions)
    for year, amount in sorted(contributed.items()):
        if year in grant.profile and grant.profile[year] != amount:
            found.append(
                Discrepancy(
                    grant.decision_reference or "reference not stated",
                    f"Grant '{grant.title}': {year} profile against funders' contributions",
                    grant.profile[year],
                    amount,
                )
            )
    return found


def all_of(decisions: Iterable[Decision], grants: Iterable[Grant]) -> list[Discrepancy]:
    found = [d for decision in decisions for d in of_decision(decision)]
    found += [d for grant in grants for d in of_grant(grant)]
    return found
