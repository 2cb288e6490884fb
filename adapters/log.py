"""The log of stored events read as the read model needs it: in order from a position, or at
given positions. Events are decoded into the same values the application's mapper gives
them, but straight into the fields translation reads, which is several times faster."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

import orjson
from eventsourcing.persistence import JSONTranscoder, Mapper, Transcoding

from adapters.database import Database
from readmodel.sql import Cursor, among
from readmodel.translation import Recorded, recorded_at


class EventLog:
    def __init__(self, database: Database, mapper: Mapper[UUID]) -> None:
        self.database = database
        transcoder = mapper.transcoder
        if not isinstance(transcoder, JSONTranscoder) or mapper.cipher or mapper.compressor:
            raise ValueError("The event log reads events stored as plain JSON")
        self.names: dict[str, Transcoding] = transcoder.names
        self.select = (f"SELECT {database.position_column}, originator_id, originator_version, "
                       f"topic, state FROM {database.events_table}")

    def after(self, cursor: Cursor, position: int, limit: int) -> list[Recorded]:
        column = self.database.position_column
        cursor.execute(f"{self.select} WHERE {column} > ? ORDER BY {column} LIMIT ?",
                       (position, limit))
        return [self.recorded(row) for row in cursor.fetchall()]

    def at(self, cursor: Cursor, positions: Sequence[int]) -> Mapping[int, Recorded]:
        if not positions:
            return {}
        where, params = among(cursor, self.database.position_column, positions)
        cursor.execute(f"{self.select} WHERE {where}", params)
        return {int(row[0]): self.recorded(row) for row in cursor.fetchall()}

    def recorded(self, row: Sequence[Any]) -> Recorded:
        position, originator_id, version, topic, state = row
        raw = orjson.loads(state)
        stamp = raw.pop("timestamp")
        fields = {name: decoded(value, self.names) for name, value in raw.items()}
        record = UUID(str(originator_id))
        fields["originator_id"] = record
        fields["originator_version"] = version
        return Recorded(int(position), kind_of(topic), fields, str(record), moment(stamp))

    def has_events(self) -> bool:
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT 1 FROM {self.database.events_table} LIMIT 1")
            return cursor.fetchone() is not None


@lru_cache(maxsize=256)
def kind_of(topic: str) -> str:
    """The kind of event a topic names: "domain.grant:Grant.TranchePaid" is a Grant.TranchePaid."""
    return topic.split(":", 1)[1]


def decoded(value: Any, names: Mapping[str, Transcoding]) -> Any:
    """A stored value as the application's transcoder decodes it, inner values first."""
    kind = type(value)
    if kind is dict:
        if len(value) == 2 and "_type_" in value and "_data_" in value:
            return names[value["_type_"]].decode(decoded(value["_data_"], names))
        return {key: decoded(item, names) for key, item in value.items()}
    if kind is list:
        return [decoded(item, names) for item in value]
    return value


def moment(stored: dict[str, Any]) -> str:
    """When an event was recorded, in the audit trail's form, from its stored timestamp."""
    text: str = stored["_data_"]
    if len(text) == 32 and text.endswith("+00:00"):
        return text
    if len(text) == 25 and text.endswith("+00:00"):
        return f"{text[:19]}.000000+00:00"
    return recorded_at(datetime.fromisoformat(text))
