"""Exact sterling amounts, held as integer pence and bounded to what the ledgers hold."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import total_ordering
from typing import Union

from domain.bounds import MAX_PENCE, MONEY_PATTERN, check_pence
from domain.errors import InvalidValueError
from domain.immutable import Immutable

_PLAIN = re.compile(MONEY_PATTERN)
_FRACTIONS = re.compile(r"^-?[0-9]+\.[0-9]{3,}$")
_DIGITS = re.compile(r"^-?[0-9]{14,}(\.[0-9]{1,2})?$")
_WRITTEN = re.compile(r"^(-?)£?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]{1,2}))?$")

Amount = Union["Money", Decimal, int, str]


@total_ordering
@dataclass(frozen=True)
class Money(Immutable):
    pence: int

    def __post_init__(self) -> None:
        if type(self.pence) is not int:
            raise InvalidValueError(f"Money must be whole pence, not {self.pence!r}")
        if not -MAX_PENCE <= self.pence <= MAX_PENCE:
            check_pence(self.pence)

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def of(cls, value: Amount) -> Money:
        """Pounds as Decimal, int or text as people write it ("765000", "£765,000.00")."""
        if isinstance(value, Money):
            return value
        if isinstance(value, float):
            raise InvalidValueError("Money is never a float: give pounds as text or Decimal")
        if isinstance(value, str):
            return cls._written(value)
        pounds = _to_decimal(value)
        pence = pounds * 100
        if pence != pence.to_integral_value():
            raise InvalidValueError(f"{value!r} has fractions of a penny")
        return cls(int(pence))

    @classmethod
    def parse(cls, text: str) -> Money:
        """Pounds in the one form the API and the dossiers document: "765000.00"."""
        if not _PLAIN.match(text):
            raise InvalidValueError(why_not_plain(text))
        return cls._written(text)

    @classmethod
    def _written(cls, text: str) -> Money:
        found = _WRITTEN.match(text.strip())
        if found is None:
            raise InvalidValueError(why_not_plain(text.strip().replace(",", "").lstrip("£")))
        sign, pounds, pence = found.groups()
        whole = int(pounds.replace(",", "")) * 100 + int((pence or "0").ljust(2, "0"))
        return cls(-whole if sign else whole)

    @classmethod
    def total(cls, amounts: Iterable[Money]) -> Money:
        return cls(sum(amount.pence for amount in amounts))

    def __add__(self, other: Money) -> Money:
        return Money(self.pence + other.pence)

    def __sub__(self, other: Money) -> Money:
        return Money(self.pence - other.pence)

    def __neg__(self) -> Money:
        return Money(-self.pence)

    def __lt__(self, other: Money) -> bool:
        return self.pence < other.pence

    def __bool__(self) -> bool:
        return self.pence != 0

    @property
    def pounds(self) -> Decimal:
        return Decimal(self.pence).scaleb(-2)

    @property
    def is_negative(self) -> bool:
        return self.pence < 0

    def plain(self) -> str:
        """Two decimals, no symbol: the form used in JSON ("765000.00")."""
        return f"{self.pounds:.2f}"

    def __str__(self) -> str:
        sign = "-" if self.pence < 0 else ""
        return f"{sign}£{abs(self.pounds):,.2f}"


def why_not_plain(text: str) -> str:
    shown = repr(text[:40])
    if _FRACTIONS.match(text):
        return f"{shown} has fractions of a penny"
    if _DIGITS.match(text):
        return f"{shown} has more than 13 digits of pounds: the ledgers hold at most " \
            "£9,999,999,999,999.99"
    return (f"{shown} is not an amount such as \"765000.00\": digits, at most two decimals, "
            "no symbols, separators or exponents")


def _to_decimal(value: Decimal | int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidValueError(f"{value!r} is not an amount of money")
    result = Decimal(value)
    if not result.is_finite() or abs(result) > Decimal(10) ** 15:
        raise InvalidValueError(f"{str(value)[:40]} is not an amount the ledgers can hold")
    return result
