"""Exact sterling amounts, held as integer pence."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import total_ordering
from typing import Union

from domain.errors import InvalidValueError

Amount = Union["Money", Decimal, int, str]


@total_ordering
@dataclass(frozen=True)
class Money:
    pence: int

    def __post_init__(self) -> None:
        if isinstance(self.pence, bool) or not isinstance(self.pence, int):
            raise InvalidValueError(f"Money must be whole pence, not {self.pence!r}")

    @classmethod
    def zero(cls) -> Money:
        return cls(0)

    @classmethod
    def of(cls, value: Amount) -> Money:
        """Pounds as Decimal, int or text ("765000", "£765,000.00", "157423.33")."""
        if isinstance(value, Money):
            return value
        if isinstance(value, float):
            raise InvalidValueError("Money is never a float: give pounds as text or Decimal")
        pounds = _to_decimal(value)
        pence = pounds * 100
        if pence != pence.to_integral_value():
            raise InvalidValueError(f"{value!r} has fractions of a penny")
        return cls(int(pence))

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


def _to_decimal(value: Decimal | int | str) -> Decimal:
    if isinstance(value, bool):
        raise InvalidValueError(f"{value!r} is not an amount of money")
    if isinstance(value, int | Decimal):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("£", "").replace(" ", "")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise InvalidValueError(f"{value!r} is not an amount of money") from None
    else:
        raise InvalidValueError(f"{value!r} is not an amount of money")
    if not result.is_finite():
        raise InvalidValueError(f"{value!r} is not an amount of money")
    return result
