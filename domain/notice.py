"""Notice periods by the corresponding-date rule."""

from __future__ import annotations

import calendar
from datetime import date


def add_months(day: date, months: int) -> date:
    """The corresponding date, or the last day of the later month when it has none."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last_day))


def notice_takes_effect(given_on: date, months: int = 1) -> date:
    return add_months(given_on, months)
