"""Fields and query schemas shared by the resources: money as strings, years as "2016-17"."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from adapters.fields import FinancialYearField, MoneyField, NamedEnum

MONEY = {"type": "string", "pattern": r"^-?[0-9]{1,13}(\.[0-9]{1,2})?$", "example": "765000.00"}
YEAR = {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$", "example": "2016-17"}
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


def money(**kwargs: Any) -> MoneyField:
    return MoneyField(metadata={**MONEY, **kwargs.pop("metadata", {})}, **kwargs)


def fin_year(**kwargs: Any) -> FinancialYearField:
    return FinancialYearField(metadata=YEAR, **kwargs)


def choice(enum: type[Enum], **kwargs: Any) -> NamedEnum:
    names = [member.name.lower() for member in enum]
    return NamedEnum(enum, metadata={"type": "string", "enum": names}, **kwargs)


def day(**kwargs: Any) -> fields.Date:
    """A business date: plausible years only, so that no date can overflow a calculation."""
    return fields.Date(validate=validate.Range(min=EARLIEST, max=LATEST), **kwargs)


def text(**kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(max=kwargs.pop("max", 2000)), **kwargs)


def short(**kwargs: Any) -> fields.String:
    return fields.String(validate=validate.Length(min=1, max=300), **kwargs)


def names(**kwargs: Any) -> fields.List[str]:
    return fields.List(short(), validate=validate.Length(max=100), **kwargs)


class Derived(fields.List):  # type: ignore[type-arg]
    """A list computed from the record (its dicts flattened), documented as a list of the
    nested schema, so the OpenAPI document names and defines the items' schema."""

    def __init__(self, derive: Callable[[Any], list[Any]], schema: type[Schema]) -> None:
        super().__init__(fields.Nested(schema))
        self.derive = derive

    def get_value(self, obj: Any, attr: str, accessor: Any = None, default: Any = None) -> Any:
        return self.derive(obj)


class On(Schema):
    on = day(metadata={"description": "The business date; today if not given"})


class ListFilters(Schema):
    body = text(max=300, metadata={"description": "Only this body's records"})
    financial_year = fin_year()
    recipient = text(max=300, metadata={"description": "Recipients whose name contains this"})


class PointInTime(Schema):
    as_at = day(metadata={"description": "The books by business date: what was so by then"})
    as_known_at = fields.AwareDateTime(
        default_timezone=None,
        metadata={"description": "The books as recorded at that moment (ISO 8601 with offset)"},
    )

    @validates_schema
    def one_point(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("as_at") and data.get("as_known_at"):
            raise ValidationError("Give as_at or as_known_at, not both.", "as_known_at")


def page_of(items: list[Any], pagination: Any) -> list[Any]:
    """One page of a list held in memory, telling the paginator how many there are."""
    pagination.item_count = len(items)
    first = pagination.first_item
    return items[first:first + pagination.page_size]
