"""How dates, money, financial years, enums and value objects are kept in stored events."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import ENUM_TYPES, VALUE_TYPES


class DateAsISO(Transcoding):
    type = date
    name = "date_iso"

    def encode(self, obj: date) -> str:
        return obj.isoformat()

    def decode(self, data: str) -> date:
        return day_of(data)


class MoneyAsPence(Transcoding):
    type = Money
    name = "money_pence"

    def encode(self, obj: Money) -> int:
        return obj.pence

    def decode(self, data: int) -> Money:
        return Money(data)


class FinancialYearAsLabel(Transcoding):
    type = FinancialYear
    name = "financial_year"

    def encode(self, obj: FinancialYear) -> str:
        return obj.label

    def decode(self, data: str) -> FinancialYear:
        return year_of(data)


class EnumAsValue(Transcoding):
    def __init__(self, enum_type: type[Enum]) -> None:
        self.type = enum_type
        self.name = f"enum_{enum_type.__name__}"

    def encode(self, obj: Enum) -> Any:
        return obj.value

    def decode(self, data: Any) -> Enum:
        member: Enum = self.type(data)
        return member


class ValueObjectAsDict(Transcoding):
    def __init__(self, value_type: type) -> None:
        self.type = value_type
        self.name = f"value_{value_type.__name__}"

    def encode(self, obj: Any) -> dict[str, Any]:
        return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.type(**data)


@lru_cache(maxsize=4096)
def day_of(text: str) -> date:
    return date.fromisoformat(text)


@lru_cache(maxsize=1024)
def year_of(label: str) -> FinancialYear:
    return FinancialYear.parse(label)


def register_all(transcoder: JSONTranscoder) -> None:
    transcoder.register(DateAsISO())
    transcoder.register(MoneyAsPence())
    transcoder.register(FinancialYearAsLabel())
    for enum_type in ENUM_TYPES:
        transcoder.register(EnumAsValue(enum_type))
    for value_type in VALUE_TYPES:
        transcoder.register(ValueObjectAsDict(value_type))
