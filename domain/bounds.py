"""The bounds of what can be recorded: what the ledgers, the stores and the records can hold.

Money is at most thirteen digits of pounds and two of pence; text holds no NUL character and
no unpaired surrogate; a date lies between 1900 and 2199. Every value of every event is held
to these bounds before the event exists, so nothing out of bounds is ever recorded."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from typing import Any

from domain.errors import InvalidValueError

POUNDS_DIGITS = 13
MAX_PENCE = 10 ** (POUNDS_DIGITS + 2) - 1
MONEY_PATTERN = r"^-?[0-9]{1,13}(\.[0-9]{1,2})?$"
TEXT_PATTERN = "^[^\\x00]*$"
ADDRESS_PATTERN = r"^(?:https?://[!-~]+)?$"
DATE_PATTERN = r"^(?:19|20|21)[0-9]{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12][0-9]|3[01])$"
"""A date as written here, within the years recorded here."""
_SPANS = [f"{n:02d}-{(n + 1) % 100:02d}" for n in range(100)]
YEAR_PATTERN = (f"^(?:(?:19|20)(?:{'|'.join(_SPANS)})|21(?:{'|'.join(_SPANS[:99])}))$")
"""A financial year as written here, "2016-17": one April to the next, from 1900-01 to
2198-99, so that every day of it lies within the dates recorded here."""
TOTAL_PATTERN = r"^-?[0-9]{1,17}\.[0-9]{2}$"
"""Totals the product gives: sums of many amounts may run past 13 digits of pounds."""
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)

_UNSAFE_TEXT = re.compile("[\x00\ud800-\udfff]")


def check_pence(pence: int) -> int:
    if abs(pence) > MAX_PENCE:
        raise InvalidValueError(
            "An amount must be at most £9,999,999,999,999.99 (13 digits of pounds): "
            f"{pence / 100:.2e} pounds is beyond what the ledgers hold"
        )
    return pence


def check_text(text: str) -> str:
    if not text.isascii():
        found = _UNSAFE_TEXT.search(text)
        if found is not None:
            raise InvalidValueError(f"Text may not contain {describe(found.group())}")
    elif "\x00" in text:
        raise InvalidValueError("Text may not contain a NUL character")
    return text


def describe(char: str) -> str:
    return "a NUL character" if char == "\x00" else f"an unpaired surrogate (U+{ord(char):04X})"


def check_date(day: date) -> date:
    if not EARLIEST <= day <= LATEST:
        raise InvalidValueError(
            f"{day.isoformat()} is outside the dates recorded here "
            f"({EARLIEST.isoformat()} to {LATEST.isoformat()})"
        )
    return day


def check_value(value: Any) -> None:
    """Hold a value and everything inside it to the bounds; money is bounded when made."""
    kind = type(value)
    if kind is str:
        check_text(value)
    elif kind is date:
        check_date(value)
    elif kind is list or kind is tuple:
        for item in value:
            check_value(item)
    elif kind is dict:
        for key, item in value.items():
            check_value(key)
            check_value(item)
    else:
        for name in parts_of(kind):  # type: ignore[arg-type]
            check_value(getattr(value, name))


@cache
def parts_of(kind: type) -> tuple[str, ...]:
    """The fields of a value object that may hold text or dates; none for anything else."""
    if dataclasses.is_dataclass(kind):  # a class: the fields of its instances
        return tuple(f.name for f in dataclasses.fields(kind) if f.type not in NUMBERS)
    return ()


NUMBERS = ("int", "bool", int, bool)


def check_fields(fields: Mapping[str, Any]) -> None:
    for name, value in fields.items():
        try:
            check_value(value)
        except InvalidValueError as error:
            raise InvalidValueError(f"{name.replace('_', ' ')}: {error}") from None
