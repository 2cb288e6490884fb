"""Marshmallow fields for the domain's value types."""

from __future__ import annotations

from enum import Enum
from typing import Any

from marshmallow import ValidationError, fields

from domain import bounds
from domain.errors import InvalidValueError
from domain.financial_year import FinancialYear
from domain.money import Money


class MoneyField(fields.Field[Money]):
    """Pounds as a string ("765000.00") or whole number; never a float."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Money:
        if isinstance(value, float):
            raise ValidationError('Give money as a string such as "765000.00", not a float.')
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise ValidationError('Give money as a string such as "765000.00".')
        try:
            return Money.parse(value) if isinstance(value, str) else Money.of(value)
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


class Day(fields.Date):
    """A business date between 1900 and 2199, the dates recorded here."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        day = super()._deserialize(value, attr, data, **kwargs)
        try:
            return bounds.check_date(day)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None
