"""Staff who may use the API: a name, roles and a body, reached by a bearer token kept only
as a hash."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum

from adapters.database import Database
from domain.identity import normal
from readmodel.sql import Cursor

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
    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, cursor: Cursor) -> None:
        cursor.execute(
            "CREATE TABLE IF NOT EXISTS api_users (name TEXT PRIMARY KEY, roles TEXT NOT NULL, "
            "body TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, "
            "revoked_at TEXT)"
        )

    def add(self, name: str, roles: list[Role], body: str,
            known_bodies: Sequence[str] | None = None) -> str:
        """Record the user and return their token, which is stored only as its hash. Given
        the bodies known, a body not among them is refused (a misspelling, most likely)."""
        name, body = name.strip(), body.strip()
        if not name or not body:
            raise UserError("A user needs a name and a body")
        if known_bodies is not None:
            body = known(body, known_bodies)
        if not roles:
            raise UserError("A user needs at least one role")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        row = (",".join(sorted(r.value for r in roles)), body, digest(token), now())
        with self.database.transaction() as cursor:
            cursor.execute("SELECT revoked_at FROM api_users WHERE name = ?", (name,))
            found = cursor.fetchone()
            if found is not None and found[0] is None:
                raise UserError(f"{name} already has a token; revoke it first to issue another")
            if found is None:
                cursor.execute(
                    "INSERT INTO api_users (roles, body, token_hash, created_at, name) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (*row, name),
                )
            else:
                cursor.execute(
                    "UPDATE api_users SET roles = ?, body = ?, token_hash = ?, created_at = ?, "
                    "revoked_at = NULL WHERE name = ?",
                    (*row, name),
                )
        return token

    def revoke(self, name: str) -> None:
        with self.database.transaction() as cursor:
            cursor.execute(
                "SELECT revoked_at FROM api_users WHERE name = ?", (name.strip(),)
            )
            found = cursor.fetchone()
            if found is None or found[0] is not None:
                raise UserError(f"{name} has no token to revoke")
            cursor.execute(
                "UPDATE api_users SET revoked_at = ? WHERE name = ?", (now(), name.strip())
            )

    def authenticate(self, token: str) -> User | None:
        with self.database.transaction(write=False) as cursor:
            cursor.execute(
                "SELECT name, roles, body FROM api_users "
                "WHERE token_hash = ? AND revoked_at IS NULL",
                (digest(token),),
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
    raise UserError(f"There is no body {body!r} in this store (the bodies are: {listed}); "
                    "to add a user of a body that has no records yet, add --new-body")


def digest(token: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough: there is nothing to guess.
    return hashlib.sha256(token.encode()).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat()
