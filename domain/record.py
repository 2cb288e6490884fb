"""What every record shares: a copy of it copies only what can change."""

from __future__ import annotations

from typing import Any, Self

from eventsourcing.domain import Aggregate


class Record(Aggregate):
    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        """A record's state is containers of values that never change (money, years, ids,
        dates, value objects), so a deep copy copies the containers and shares the values."""
        clone = object.__new__(type(self))
        clone.__dict__.update({name: copied(value) for name, value in vars(self).items()})
        return clone


def copied(value: Any) -> Any:
    kind = type(value)
    if kind is dict:
        return {key: copied(item) for key, item in value.items()}
    if kind is list:
        return [copied(item) for item in value]
    if kind is set:
        return set(value)
    return value
