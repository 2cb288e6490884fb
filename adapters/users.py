"""Staff who may use the API: a name, roles and a body, reached by a bearer token kept only
as a hash."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from adapters.database import Database
from domain import identity
from domain.application import Grantledger
from domain.commands import ChangeStaffRoles, EnrolStaff, RevokeStaffToken
from domain.errors import InvalidValueError, StaffError, StaffNotFoundError
from domain.identity import normal
from domain.staff import StaffMember
from readmodel.sql import Cursor, upsert

TOKEN_PREFIX = "glt_"


class Role(Enum):
    OFFICER = "officer"
    FINANCE_OFFICER = "finance-officer"
    MONITORING_OFFICER = "monitoring-officer"
    DECISION_MAKER = "decision-maker"
    TREASURER = "treasurer"
    AUDITOR = "auditor"
    ADMIN = "admin"

    @classmethod
    def named(cls, name: str) -> Role:
        wanted = normal(name).replace(" ", "-").replace("_", "-")
        for role in cls:
            if role.value == wanted:
                return role
        choices = ", ".join(role.value for role in cls)
        raise UserError(f"There is no role {name!r}; the roles are {choices}")


@dataclass(frozen=True)
class User:
    name: str
    roles: frozenset[Role]
    body: str

    def has_any(self, roles: frozenset[Role]) -> bool:
        return Role.ADMIN in self.roles or bool(self.roles & roles)

    def belongs_to(self, body: str) -> bool:
        return normal(self.body) == normal(body)


class UserError(Exception):
    pass


class Users:
    """Staff as events in the chained log (domain.staff), and `api_users`, the table tokens are
    checked against, derived from those events in the transaction recording them."""

    COLUMNS = ("name", "roles", "body", "token_hash", "created_at", "revoked_at")

    def __init__(self, database: Database, app: Grantledger) -> None:
        self.database = database
        self.app = app

    def create(self, cursor: Cursor) -> None:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS api_users (name TEXT PRIMARY KEY, roles TEXT NOT NULL, "
            "body TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, "
            "revoked_at TEXT)"
        )

    def add(self, name: str, roles: list[Role], body: str,
            known_bodies: Sequence[str] | None = None, actor: str = "") -> str:
        """Record the user and return their token, which is stored only as its hash. Given
        the bodies known, a body not among them is refused (a misspelling, most likely)."""
        name, body = name.strip(), body.strip()
        if known_bodies is not None and body:
            body = known(body, known_bodies)
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        with refused_as_user_error():
            self.app.handle(EnrolStaff(name=name, roles=values(roles), body=body,
                                       token_hash=digest(token)), actor or name)
        return token

    def change_roles(self, name: str, roles: list[Role], actor: str) -> None:
        with refused_as_user_error():
            self.app.handle(ChangeStaffRoles(name=name.strip(), roles=values(roles)), actor)

    def revoke(self, name: str, actor: str = "") -> None:
        with refused_as_user_error():
            self.app.handle(RevokeStaffToken(name=name.strip()), actor or name.strip())

    def record(self, cursor: Cursor, positions: Sequence[int], events: Sequence[Any]) -> None:
        """Write what staff events change to `api_users`, in the transaction recording them."""
        for event in events:
            if not isinstance(event, StaffMember.Event):
                continue
            at = event.timestamp.isoformat()
            if isinstance(event, StaffMember.Enrolled | StaffMember.TokenIssued):
                cursor.execute(upsert("api_users", self.COLUMNS, ("name",)), (
                    event.name, ",".join(sorted(event.roles)), event.body, event.token_hash,
                    at, None))
            elif isinstance(event, StaffMember.RolesChanged):
                cursor.execute("UPDATE api_users SET roles = ? WHERE name = ?",
                               (",".join(sorted(event.roles)), event.name))
            elif isinstance(event, StaffMember.TokenRevoked):
                cursor.execute("UPDATE api_users SET revoked_at = ? WHERE name = ?",
                               (at, event.name))

    def members(self) -> list[StaffMember]:
        """Every staff member, from the log."""
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT DISTINCT originator_id FROM {self.database.events_table} "
                           "WHERE topic LIKE ?", (f"{get_topic(StaffMember)}.%",))
            ids = [UUID(str(row[0])) for row in cursor.fetchall()]
        return [self.app.repository.get(i) for i in ids]

    def differences(self) -> list[str]:
        """Where `api_users` differs from the staff events: a row changed, added or removed
        outside the product."""
        expected = {row[0]: row for row in (row_of(m) for m in self.members())}
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT {', '.join(self.COLUMNS)} FROM api_users ORDER BY name")
            stored = {row[0]: tuple(row) for row in cursor.fetchall()}
        found = []
        for name in sorted(expected.keys() | stored.keys()):
            if name not in stored:
                found.append(f"api_users: {name} is missing")
            elif name not in expected:
                found.append(f"api_users: {name} has no events: added outside the product")
            elif stored[name] != expected[name]:
                changed = [column for column, a, b in
                           zip(self.COLUMNS, stored[name], expected[name], strict=True) if a != b]
                found.append(f"api_users: {name} differs from the events in {', '.join(changed)}")
        return found

    def migrate(self) -> int:
        """Record as events the users of a store made before users were events; how many."""
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT {', '.join(self.COLUMNS)} FROM api_users ORDER BY name")
            rows = cursor.fetchall()
        moved = 0
        for name, roles, body, token_hash, _, revoked_at in rows:
            if self.app.exists(identity.staff_id(name)):
                continue
            with self.app.atomically():
                self.app.handle(EnrolStaff(name=name, roles=roles.split(","), body=body,
                                           token_hash=token_hash), MIGRATION)
                if revoked_at is not None:
                    self.app.handle(RevokeStaffToken(name=name), MIGRATION)
            moved += 1
        return moved

    def authenticate(self, token: str) -> User | None:
        return self.holding(digest(token))

    def holding(self, token_hash: str) -> User | None:
        """The user whose token has this hash, while it is not revoked."""
        with self.database.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT name, roles, body FROM api_users "
                "WHERE token_hash = ? AND revoked_at IS NULL",
                (token_hash,),
            )
            found = cursor.fetchone()
        if found is None:
            return None
        name, roles, body = found
        return User(name, frozenset(Role(r) for r in roles.split(",")), body)

    def bodies(self) -> list[str]:
        with self.database.transaction(write=False) as cursor:
            cursor.execute("SELECT DISTINCT body FROM api_users ORDER BY body")
            return [row[0] for row in cursor.fetchall()]

    def listed(self) -> list[tuple[str, str, str, str, str | None]]:
        with self.database.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT name, roles, body, created_at, revoked_at FROM api_users ORDER BY name"
            )
            return [tuple(row) for row in cursor.fetchall()]


def known(body: str, bodies: Sequence[str]) -> str:
    """The body as the store spells it."""
    for candidate in bodies:
        if normal(candidate) == normal(body):
            return candidate
    listed = "; ".join(sorted(set(bodies))) or "none yet"
    raise UserError(f"There is no body {body!r} in the register of bodies (it holds: "
                    f"{listed}); register it with `grantledger bodies add`, or add --new-body")


MIGRATION = "grantledger (recorded as events from an older store)"


def values(roles: list[Role]) -> list[str]:
    return sorted(role.value for role in roles)


def row_of(member: StaffMember) -> tuple[Any, ...]:
    revoked = member.revoked_at.isoformat() if member.revoked_at else None
    return (member.name, ",".join(member.roles), member.body, member.token_hash,
            member.issued_at.isoformat(), revoked)


@contextmanager
def refused_as_user_error() -> Iterator[None]:
    try:
        yield
    except (StaffError, StaffNotFoundError, InvalidValueError) as error:
        raise UserError(str(error)) from None


def digest(token: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()
