"""The log of stored events read as the read model needs it: in order from a position, or at
given positions, each decoded by the application's mapper."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, StoredEvent

from adapters.database import Database
from readmodel.sql import Cursor, among
from readmodel.translation import Recorded


class EventLog:
    def __init__(self, database: Database, mapper: Mapper[UUID]) -> None:
        self.database = database
        self.mapper = mapper
        self.select = (f"SELECT {database.position_column}, originator_id, originator_version, "
                       f"topic, state FROM {database.events_table}")

    def after(self, cursor: Cursor, position: int, limit: int) -> list[Recorded]:
        column = self.database.position_column
        cursor.execute(f"{self.select} WHERE {column} > ? ORDER BY {column} LIMIT ?",
                       (position, limit))
        return [self.recorded(row) for row in cursor.fetchall()]

    def at(self, cursor: Cursor, positions: Sequence[int]) -> Mapping[int, Mapping[str, Any]]:
        if not positions:
            return {}
        where, params = among(cursor, self.database.position_column, positions)
        cursor.execute(f"{self.select} WHERE {where}", params)
        return {int(row[0]): self.recorded(row).fields for row in cursor.fetchall()}

    def recorded(self, row: Sequence[Any]) -> Recorded:
        position, originator_id, version, topic, state = row
        event = self.mapper.to_domain_event(StoredEvent(
            originator_id=UUID(str(originator_id)), originator_version=version, topic=topic,
            state=bytes(state)))
        return Recorded(int(position), topic.split(":", 1)[1], vars(event))

    def has_events(self) -> bool:
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT 1 FROM {self.database.events_table} LIMIT 1")
            return cursor.fetchone() is not None
