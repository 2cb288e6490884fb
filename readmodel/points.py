"""Points in time as queries: as at a business date is the postings and facts dated on or
before it; as known at a moment is those of the log up to the last event that, with every
event before it, was recorded at or before the moment; both may be asked at once. The cost
follows the rows of the records asked about, not the length of the history."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import orjson

from readmodel import schema
from readmodel.sql import Cursor, among, as_date

CHUNK = 500


@dataclass(frozen=True)
class Point:
    as_at: date | None = None
    as_known_at: datetime | None = None

    @property
    def is_now(self) -> bool:
        return self.as_at is None and self.as_known_at is None

    def __str__(self) -> str:
        said = []
        if self.as_at is not None:
            said.append(f"as at {self.as_at.isoformat()}")
        if self.as_known_at is not None:
            said.append(f"as known at {as_utc(self.as_known_at).isoformat()}")
        return " and ".join(said) or "now"


NOW = Point()


@dataclass(frozen=True)
class Cut:
    """A point resolved against the log: what is dated on or before `day`, and recorded at
    or before `position`."""

    day: date | None
    position: int | None

    def where(self, dated: str = "dated", position: str = "position") -> tuple[str, list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if self.day is not None:
            conditions.append(f"{dated} <= ?")
            params.append(self.day)
        if self.position is not None:
            conditions.append(f"{position} <= ?")
            params.append(self.position)
        return "".join(f" AND {c}" for c in conditions), params


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def cut(cursor: Cursor, point: Point) -> Cut:
    position = None
    if point.as_known_at is not None:
        moment = as_utc(point.as_known_at).astimezone(UTC).isoformat(timespec="microseconds")
        cursor.execute(
            f"SELECT position FROM {schema.AUDIT.name} WHERE known_by <= ? "
            "ORDER BY known_by DESC, position DESC LIMIT 1", (moment,))
        found = cursor.fetchone()
        position = int(found[0]) if found else 0
    return Cut(point.as_at, position)


def facts(cursor: Cursor, ids: Sequence[str], at: Cut) -> dict[str, dict[str, Any]]:
    """The facts of each record at the cut, folded from its dated history in the order of
    date and then of recording (or of recording alone when no date is asked). Records not
    yet created at the cut are left out."""
    rows: dict[str, list[tuple[Any, int, str]]] = defaultdict(list)
    condition, extra = at.where()
    for start in range(0, len(ids), CHUNK):
        where, params = among(cursor, "record_id", ids[start:start + CHUNK])
        cursor.execute(
            f"SELECT record_id, dated, position, facts FROM {schema.HISTORY.name} "
            f"WHERE {where}{condition}", [*params, *extra])
        for record_id, dated, position, changes in cursor.fetchall():
            rows[record_id].append((as_date(dated), int(position), changes))
    folded = {}
    for record_id, history in rows.items():
        history.sort(key=(lambda r: (r[0], r[1])) if at.day is not None else (lambda r: r[1]))
        state = fold(orjson.loads(changes) for _, _, changes in history)
        if "created_on" in state:
            folded[record_id] = state
    return folded


def fold(changes: Any) -> dict[str, Any]:
    state: dict[str, Any] = {}
    for change in changes:
        for key, value in change.items():
            if key.startswith("+"):
                name = key[1:]
                state[name] = f"{state[name]}; {value}" if state.get(name) else value
            elif key.startswith("*"):
                state.setdefault(key[1:], {}).update(value)
            else:
                state[key] = value
    return state


def sums(cursor: Cursor, column: str, ids: Sequence[str], at: Cut | None,
         by: Sequence[str] = ()) -> dict[tuple[Any, ...], dict[str, int]]:
    """The postings of the records summed by measure, keyed by the record and `by`."""
    found: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
    condition, extra = at.where() if at is not None else ("", [])
    group = ", ".join([column, *by, "measure"])
    for start in range(0, len(ids), CHUNK):
        where, params = among(cursor, column, ids[start:start + CHUNK])
        cursor.execute(
            f"SELECT {group}, SUM(amount_pence) FROM {schema.JOURNAL.name} "
            f"WHERE {where}{condition} GROUP BY {group}", [*params, *extra])
        for *key, measure, amount in cursor.fetchall():
            found[tuple(key)][measure] = int(amount)
    return found


def for_notice(point: Point, notice_on: date, today: date) -> Point:
    """Exposure for notice given on a past day reads the books as they were that day, unless
    another point in time is asked for."""
    if point.is_now and notice_on < today:
        return Point(as_at=notice_on)
    return point
