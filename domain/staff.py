"""Staff who may use the product: their roles, their body and the hash of their token, each
change an event in the chained log with who made it, so a role granted outside the product is
caught by verification."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import bounds, identity
from domain.errors import StaffError


class StaffMember(Aggregate):
    class Event(Aggregate.Event):
        actor: str
        name: str

        def __post_init__(self) -> None:
            super().__post_init__()
            bounds.check_fields(vars(self))

    class Enrolled(Event, Aggregate.Created):
        name: str
        roles: list[str]
        body: str
        token_hash: str

    class TokenIssued(Event):
        """A new token, roles and body for someone whose token was revoked."""

        roles: list[str]
        body: str
        token_hash: str

        def apply(self, member: StaffMember) -> None:
            member.issue(self.roles, self.body, self.token_hash, self.timestamp)

    class RolesChanged(Event):
        roles: list[str]

        def apply(self, member: StaffMember) -> None:
            member.roles = sorted(self.roles)

    class TokenRevoked(Event):
        def apply(self, member: StaffMember) -> None:
            member.revoked_at = self.timestamp

    @staticmethod
    def create_id(name: str, **_: Any) -> UUID:
        return identity.staff_id(name)

    @event(Enrolled)
    def __init__(self, *, actor: str, name: str, roles: list[str], body: str,
                 token_hash: str) -> None:
        self.name = name
        self.issue(roles, body, token_hash, self.created_on)

    def issue(self, roles: list[str], body: str, token_hash: str, at: datetime) -> None:
        self.roles = sorted(roles)
        self.body = body
        self.token_hash = token_hash
        self.issued_at: datetime = at
        self.revoked_at: datetime | None = None

    @classmethod
    def enrol(cls, actor: str, name: str, roles: list[str], body: str,
              token_hash: str) -> StaffMember:
        checked(name, roles, body)
        return cls(actor=actor, name=name, roles=roles, body=body, token_hash=token_hash)

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def reissue(self, actor: str, roles: list[str], body: str, token_hash: str) -> None:
        checked(self.name, roles, body)
        if self.active:
            raise StaffError(f"{self.name} already has a token; revoke it first to issue another")
        self.trigger_event(self.TokenIssued, actor=actor, name=self.name, roles=roles,
                           body=body, token_hash=token_hash)

    def change_roles(self, actor: str, roles: list[str]) -> None:
        checked(self.name, roles, self.body)
        if sorted(roles) != self.roles:
            self.trigger_event(self.RolesChanged, actor=actor, name=self.name, roles=roles)

    def revoke(self, actor: str) -> None:
        if not self.active:
            raise StaffError(f"{self.name} has no token to revoke")
        self.trigger_event(self.TokenRevoked, actor=actor, name=self.name)


def checked(name: str, roles: list[str], body: str) -> None:
    if not name.strip() or not body.strip():
        raise StaffError("A user needs a name and a body")
    if not roles:
        raise StaffError("A user needs at least one role")
