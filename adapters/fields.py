"""Marshmallow fields for the domain's value types."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any

from marshmallow import ValidationError, fields

from domain import bounds
from domain.errors import InvalidValueError
from domain.financial_year import FinancialYear
from domain.money import Money


class MoneyField(fields.Field[Money]):
    """Pounds as a string in the one documented form ("765000.00"); never a number, which
    JSON readers may round."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Money:
        if not isinstance(value, str):
            kind = "a number" if isinstance(value, int | float) and not isinstance(
                value, bool) else "that"
            raise ValidationError(f'Give money as a string such as "765000.00", not {kind}.')
        try:
            return Money.parse(value)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else value.plain()


class FinancialYearField(fields.Field[FinancialYear]):
    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> FinancialYear:
        if not isinstance(value, str):
            raise ValidationError('Give a financial year such as "2016-17".')
        try:
            return FinancialYear.parse(value)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value)


class NamedEnum(fields.Field[Enum]):
    """An enum given by its lower-case name ("chief_finance_officer") or its value."""

    def __init__(self, enum: type[Enum], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.enum = enum

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Enum:
        for member in self.enum:
            if value in (member.name.lower(), member.value):
                return member
        choices = ", ".join(member.name.lower() for member in self.enum)
        raise ValidationError(f"Must be one of: {choices}.")

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value.name.lower())


class Text(fields.String):
    """Text any store can hold: no NUL character, no unpaired surrogate."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text: str = super()._deserialize(value, attr, data, **kwargs)
        try:
            return bounds.check_text(text)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class Day(fields.Date):
    """A business date between 1900 and 2199, the dates recorded here, written YYYY-MM-DD (the
    form the document gives, not the other forms ISO 8601 allows)."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
            raise ValidationError("Give a date as YYYY-MM-DD, such as 2016-04-01.")
        day = super()._deserialize(value, attr, data, **kwargs)
        try:
            return bounds.check_date(day)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None
