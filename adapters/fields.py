"""Marshmallow fields for the domain's value types."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, ClassVar

from marshmallow import ValidationError, fields

from domain import bounds
from domain.errors import InvalidValueError
from domain.financial_year import FinancialYear
from domain.money import Money


class Documented:
    """A field that documents its own form: `documented` is merged under its metadata."""

    documented: ClassVar[dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        metadata = {**self.documented, **kwargs.pop("metadata", {})}
        super().__init__(*args, metadata=metadata, **kwargs)  # type: ignore[call-arg]


class MoneyField(Documented, fields.Field[Money]):
    """Pounds as a string in the one documented form ("765000.00"); never a number, which
    JSON readers may round."""

    documented: ClassVar[dict[str, Any]] = {
        "type": "string", "pattern": bounds.MONEY_PATTERN, "example": "765000.00"}

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


YEAR = re.compile(bounds.YEAR_PATTERN)


class FinancialYearField(Documented, fields.Field[FinancialYear]):
    """A financial year written as documented, "2016-17", from 1900-01 to 2198-99."""

    documented: ClassVar[dict[str, Any]] = {
        "type": "string", "pattern": bounds.YEAR_PATTERN, "example": "2016-17"}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> FinancialYear:
        if not isinstance(value, str) or not YEAR.fullmatch(value):
            raise ValidationError('Give a financial year such as "2016-17", one April to the '
                                  'next, from 1900-01 to 2198-99.')
        try:
            return FinancialYear.parse(value)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value)


class ByYear(fields.Dict):
    """Amounts keyed by financial year ("2016-17": "268000.00")."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(keys=FinancialYearField(), values=MoneyField(), metadata={
            "x-keyed-by": "financial year",
            "description": "Amounts keyed by financial year, 1900-01 to 2198-99"}, **kwargs)


class NamedEnum(fields.Field[Enum]):
    """An enum given by its lower-case name ("chief_finance_officer"), as documented."""

    def __init__(self, enum: type[Enum], **kwargs: Any) -> None:
        names = [member.name.lower() for member in enum]
        metadata = {"type": "string", "enum": names, **kwargs.pop("metadata", {})}
        super().__init__(metadata=metadata, **kwargs)
        self.enum = enum

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Enum:
        for member in self.enum:
            if value == member.name.lower():
                return member
        choices = ", ".join(member.name.lower() for member in self.enum)
        raise ValidationError(f"Must be one of: {choices}.")

    def _serialize(self, value: Any, attr: str | None, obj: Any, **kwargs: Any) -> str | None:
        return None if value is None else str(value.name.lower())


class Text(Documented, fields.String):
    """Text any store can hold: no NUL character (as its documented pattern says), no
    unpaired surrogate (which JSON text cannot carry but an escape can)."""

    documented: ClassVar[dict[str, Any]] = {"pattern": bounds.TEXT_PATTERN}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text: str = super()._deserialize(value, attr, data, **kwargs)
        try:
            return bounds.check_text(text)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None


class Address(Text):
    """A web address where one is known, empty where not: http or https, printable ASCII
    (anything else percent-encoded), the one form the document gives."""

    documented: ClassVar[dict[str, Any]] = {
        "pattern": bounds.ADDRESS_PATTERN, "example": "https://www.example.org/decision-1"}
    form = re.compile(bounds.ADDRESS_PATTERN)

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > 2000 or not self.form.match(text):
            raise ValidationError("Give an http or https address of up to 2000 characters, "
                                  "such as https://www.example.org/decision-1, or leave it "
                                  "empty.")
        return text


ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
"""The form of a date; its range is checked once it is read (bounds.check_date)."""


class Day(Documented, fields.Date):
    """A business date between 1900 and 2199, the dates recorded here, written YYYY-MM-DD (the
    form the document gives, not the other forms ISO 8601 allows)."""

    documented: ClassVar[dict[str, Any]] = {"pattern": bounds.DATE_PATTERN}

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if not isinstance(value, str) or not ISO_DAY.fullmatch(value):
            raise ValidationError("Give a date as YYYY-MM-DD, such as 2016-04-01.")
        day = super()._deserialize(value, attr, data, **kwargs)
        try:
            return bounds.check_date(day)
        except InvalidValueError as error:
            raise ValidationError(str(error)) from None
