"""Fields and query schemas shared by the resources: money as strings, years as "2016-17"."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from functools import partial
from typing import Any, ClassVar

from marshmallow import Schema, fields, post_load, validate

from adapters.fields import Day, FinancialYearField, MoneyField, NamedEnum, Text
from domain.bounds import EARLIEST, LATEST, TOTAL_PATTERN
from domain.commands import Command

TOTAL = {"type": "string", "pattern": TOTAL_PATTERN, "example": "765000.00"}
"""A total's form (fields.Documented gives each field its own; a total's is wider)."""


def money(**kwargs: Any) -> MoneyField:
    return MoneyField(**kwargs)


def total(**kwargs: Any) -> MoneyField:
    """A sum the product gives, never taken in: it may run past 13 digits of pounds."""
    return MoneyField(metadata={**TOTAL, **kwargs.pop("metadata", {})}, dump_only=True,
                      **kwargs)


def fin_year(**kwargs: Any) -> FinancialYearField:
    return FinancialYearField(
        metadata={"description": "A financial year, April to March: 2016-17"}, **kwargs)


def choice(enum: type[Enum], **kwargs: Any) -> NamedEnum:
    return NamedEnum(enum, **kwargs)


def day(**kwargs: Any) -> Day:
    """A business date: plausible years only, so that no date can overflow a calculation."""
    metadata = dict(kwargs.pop("metadata", {}))
    between = f"Between {EARLIEST.isoformat()} and {LATEST.isoformat()}."
    metadata["description"] = f"{metadata.get('description', 'A date')}. {between}"
    return Day(metadata=metadata, **kwargs)


def text(**kwargs: Any) -> Text:
    return Text(validate=validate.Length(max=kwargs.pop("max", 2000)), **kwargs)


def short(**kwargs: Any) -> Text:
    return Text(validate=validate.Length(min=1, max=300), **kwargs)


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


Prepared = Callable[..., Command]
"""A command as a schema loads it: called with the id of the record the path names."""


class CommandSchema(Schema):
    """A command's fields as they come over HTTP. Loading gives the command, less the record
    its path names, which the route adds: `data(grant_id=grant_id)`."""

    command: ClassVar[type[Command]]

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        """The command's arguments from the fields loaded; the same, unless a schema says."""
        return data

    @post_load
    def make_command(self, data: dict[str, Any], **_: Any) -> Any:
        return partial(self.command, **self.arguments(data))


class Valued(Schema):
    """A nested value: loading gives the domain's value object."""

    value: ClassVar[type[Any]]

    @post_load
    def make_value(self, data: dict[str, Any], **_: Any) -> Any:
        return self.value(**data)


class On(CommandSchema):
    on = day(metadata={"description": "The business date; today if not given"})


class Moved(CommandSchema):
    """When money was paid or paid back: it has happened, so not after today (a rule of the
    server's clock, refused as such: see domain.handlers.grants.moved_on)."""

    on = day(metadata={
        "description": "The date the money moved, today or earlier by the server's clock; "
                       "today if not given"})


class ListFilters(Schema):
    body = text(max=300, metadata={"description": "Only this body's records"})
    financial_year = fin_year()
    recipient = text(max=300, metadata={"description": "Recipients whose name contains this"})


class PointInTime(Schema):
    as_at = day(metadata={"description": "The books by business date: what was dated on or "
                          "before it"})
    as_known_at = fields.AwareDateTime(
        default_timezone=None,
        metadata={"description": "The books as recorded at that moment (ISO 8601 with offset); "
                  "with as_at, what was dated on or before that date and recorded by then"},
    )
