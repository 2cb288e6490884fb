"""The register of bodies: each public body by name and kind, and the body it succeeded
(a PCC that became a PFCC) or that succeeded it."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import identity
from domain.errors import BodyError
from domain.events import RecordEvent
from domain.record import Record
from domain.values import BodyKind


class Body(Record):
    class Event(RecordEvent):
        class_version = 1

    class Registered(Event, Aggregate.Created):
        name: str
        kind: BodyKind
        predecessor: str

    class Succeeded(Event):
        name: str
        successor: str

        def apply(self, body: Body) -> None:
            body.successor = self.successor

    @staticmethod
    def create_id(name: str, **_: Any) -> UUID:
        return identity.body_id(name)

    @event(Registered)
    def __init__(self, *, actor: str, business_date: date, name: str, kind: BodyKind,
                 predecessor: str) -> None:
        self.name = name
        self.kind = kind
        self.predecessor = predecessor
        self.successor = ""
        self.registered_on = business_date

    @classmethod
    def register(cls, **fields: Any) -> Body:
        if not str(fields.get("name", "")).strip():
            raise BodyError("A body needs a name")
        return cls(**fields)

    def succeeded_by(self, actor: str, on: date, successor: str) -> None:
        if self.successor:
            raise BodyError(f"{self.name} was already succeeded by {self.successor}")
        self.trigger_event(self.Succeeded, actor=actor, business_date=on, name=self.name,
                           successor=successor)
