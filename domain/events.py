"""What every event of every record shares: who recorded it, the business date it concerns,
and values held to the bounds before the event exists."""

from __future__ import annotations

from datetime import date

from eventsourcing.domain import Aggregate

from domain import bounds


class RecordEvent(Aggregate.Event):
    actor: str
    business_date: date

    def __post_init__(self) -> None:
        super().__post_init__()
        bounds.check_fields(vars(self))
