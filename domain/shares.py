"""How money is shared: among a year's funders in proportion to their cash contributions, and
a pledge over its years, always in whole pence that add up to the amount shared."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.financial_year import FinancialYear


def in_proportion(amount: int, weights: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    """Split an amount by weight, the odd pence going to the largest remainders (the first
    named on a tie), so the parts add up exactly and each has the sign of the amount."""
    if len(weights) == 1:
        return [(weights[0][0], amount)] if amount and weights[0][1] > 0 else []
    total = sum(weight for _, weight in weights)
    if not amount or total <= 0:
        return []
    size, sign = abs(amount), 1 if amount > 0 else -1
    floors = [(name, size * weight // total, size * weight % total) for name, weight in weights]
    short = size - sum(part for _, part, _ in floors)
    order = sorted(range(len(floors)), key=lambda i: -floors[i][2])
    extra = set(order[:short])
    parts = [(name, sign * (part + (1 if i in extra else 0)))
             for i, (name, part, _) in enumerate(floors)]
    return [(name, part) for name, part in parts if part]


def evenly(amount: int, years: Sequence[str]) -> list[tuple[str, int]]:
    """A multi-year pledge split evenly; the odd pence fall in the first years."""
    whole, odd = divmod(amount, len(years))
    return [(year, whole + (1 if i < odd else 0)) for i, year in enumerate(years)]


def by_days(amount: int, start: date, end: date) -> list[tuple[FinancialYear, int]]:
    """An amount over the financial years a period covers, in proportion to its days in
    each: how a grant whose record states no profile commits its award."""
    if end < start:
        return []
    years = FinancialYear.of(start).through(FinancialYear.of(end))
    weights = [(str(year), days_within(year, start, end)) for year in years]
    return [(FinancialYear.parse(label), part) for label, part in in_proportion(amount, weights)]


def over_period(amount: int, start: date | None, end: date | None,
                proposed_on: date) -> list[tuple[FinancialYear, int]]:
    """An award with no profile over its period by days; where the record leaves the start
    unstated, the period is taken from the day the grant was proposed (or its end, if
    earlier), and where it leaves the end unstated, the award falls in the year it starts."""
    first = start if start is not None else min(proposed_on, end or proposed_on)
    last = end if end is not None and end >= first else first
    return by_days(amount, first, last)


def days_within(year: FinancialYear, start: date, end: date) -> int:
    first, last = max(start, year.start), min(end, year.end)
    return max((last - first).days + 1, 0)
