"""Snapshots of records, so that loading a record costs what its last few events cost.

JSON objects take only string keys, so mappings keyed by years, ids or enums travel as lists
of pairs, and tuples are kept apart from lists, so that a restored record equals the one taken."""

from __future__ import annotations

from typing import Any, cast

from eventsourcing.domain import Aggregate
from eventsourcing.domain import Snapshot as LibrarySnapshot

_PAIRS, _TUPLE = "__pairs__", "__tuple__"


class Snapshot(LibrarySnapshot):
    @classmethod
    def take(cls, aggregate: Any) -> Snapshot:
        taken = super().take(aggregate)
        return cls(
            originator_id=taken.originator_id,
            originator_version=taken.originator_version,
            timestamp=taken.timestamp,
            topic=taken.topic,
            state=wrap(taken.state),
        )

    def mutate(self, _: None) -> Aggregate:
        restored = LibrarySnapshot(
            originator_id=self.originator_id,
            originator_version=self.originator_version,
            timestamp=self.timestamp,
            topic=self.topic,
            state=unwrap(self.state),
        )
        return cast(Aggregate, restored.mutate(None))


def wrap(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: wrap(v) for k, v in value.items()}
        return {_PAIRS: [[k, wrap(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [wrap(v) for v in value]}
    if isinstance(value, list):
        return [wrap(v) for v in value]
    return value


def unwrap(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_PAIRS}:
            return {k: unwrap(v) for k, v in value[_PAIRS]}
        if set(value) == {_TUPLE}:
            return tuple(unwrap(v) for v in value[_TUPLE])
        return {k: unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unwrap(v) for v in value]
    return value
