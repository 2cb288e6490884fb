"""How the features write money, days, years and officers' roles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pytest_bdd import parsers

from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import SignOffRole

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
