"""Financial years run from 1 April to 31 March and are written 2016-17."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.errors import InvalidValueError
from domain.immutable import Immutable

_PATTERN = re.compile(r"^(?:FY\s*)?(\d{2}|\d{4})\s*[-/–]\s*(\d{2}|\d{4})$", re.IGNORECASE)  # noqa: RUF001


@dataclass(frozen=True, order=True)
class FinancialYear(Immutable):
    start_year: int

    @classmethod
    def of(cls, day: date) -> FinancialYear:
        return cls(day.year if day.month >= 4 else day.year - 1)

    @classmethod
    def parse(cls, text: str) -> FinancialYear:
        """Accepts 2016-17, 2016/17, 16/17 and 2016-2017."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise InvalidValueError(f"{text!r} is not a financial year such as 2016-17")
        first, second = match.groups()
        start = int(first) if len(first) == 4 else 2000 + int(first)
        end = int(second) if len(second) == 4 else (start // 100) * 100 + int(second)
        if end < start:
            end += 100
        if end != start + 1:
            raise InvalidValueError(f"{text!r} is not one financial year: it must span one April")
        return cls(start)

    @property
    def start(self) -> date:
        return date(self.start_year, 4, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, 3, 31)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def next(self) -> FinancialYear:
        return FinancialYear(self.start_year + 1)

    def through(self, last: FinancialYear) -> list[FinancialYear]:
        return [FinancialYear(year) for year in range(self.start_year, last.start_year + 1)]

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    def __str__(self) -> str:
        return self.label
