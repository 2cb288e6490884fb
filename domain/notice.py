"""Notice periods: months by the corresponding-date rule, then days; none at all takes effect
on the day it is given."""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def add_months(day: date, months: int) -> date:
    """The corresponding date, or the last day of the later month when it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def notice_takes_effect(given_on: date, months: int = 1, days: int = 0) -> date:
    return add_months(given_on, months) + timedelta(days=days)


def describe(months: int, days: int) -> str:
    if not months and not days:
        return "none (with immediate effect)"
    parts = [f"{months} month{'s' * (months != 1)}"] if months else []
    parts += [f"{days} day{'s' * (days != 1)}"] if days else []
    return " and ".join(parts)
