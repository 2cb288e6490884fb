"""Records to bytes and back, for checkpoints of the books.

The store's transcoder knows the domain's values; JSON objects only take string keys, so
mappings keyed by years, ids or enums travel as lists of pairs, and tuples are kept apart from
lists so that a restored record equals the one that was saved."""

from __future__ import annotations

from typing import Any

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import Transcoder
from eventsourcing.utils import get_topic, resolve_topic

_PAIRS, _TUPLE = "__pairs__", "__tuple__"
_TRANSIENT = {"_pending_events"}


def encode(record: Aggregate, transcoder: Transcoder) -> tuple[str, bytes]:
    state = {k: v for k, v in vars(record).items() if k not in _TRANSIENT}
    return get_topic(type(record)), transcoder.encode(_wrap(state))


def decode(topic: str, state: bytes, transcoder: Transcoder) -> Aggregate:
    kind: type[Aggregate] = resolve_topic(topic)
    record = kind.__new__(kind)
    record.__dict__.update(_unwrap(transcoder.decode(state)))
    record.__dict__["_pending_events"] = []
    return record


def _wrap(value: Any) -> Any:
    if isinstance(value, dict):
        if all(isinstance(k, str) for k in value):
            return {k: _wrap(v) for k, v in value.items()}
        return {_PAIRS: [[k, _wrap(v)] for k, v in value.items()]}
    if isinstance(value, tuple):
        return {_TUPLE: [_wrap(v) for v in value]}
    if isinstance(value, list):
        return [_wrap(v) for v in value]
    return value


def _unwrap(value: Any) -> Any:
    if isinstance(value, dict):
        if set(value) == {_PAIRS}:
            return {k: _unwrap(v) for k, v in value[_PAIRS]}
        if set(value) == {_TUPLE}:
            return tuple(_unwrap(v) for v in value[_TUPLE])
        return {k: _unwrap(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_unwrap(v) for v in value]
    return value
