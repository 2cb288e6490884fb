"""Everything a running Grantledger holds, built by the composition root: the application,
its database, the read model, the users and the idempotency keys."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from adapters import chain, secrets_table
from adapters.anchors import Anchors
from adapters.database import Database
from adapters.idempotency import IdempotencyKeys
from adapters.register import Register
from adapters.users import Users
from domain.application import Grantledger
from readmodel.model import ReadModel


@dataclass
class System:
    app: Grantledger
    database: Database
    ledgers: ReadModel
    users: Users
    keys: IdempotencyKeys
    today: Callable[[], date]
    connect: Callable[[], Database]
    """Opens the same database afresh, in this process or another."""

    def known_bodies(self) -> list[str]:
        """The bodies of the register."""
        return self.register.names()

    @property
    def register(self) -> Register:
        return Register(self.database)

    @property
    def anchors(self) -> Anchors:
        return Anchors(self.database)

    def session_key(self) -> str:
        """The key signing the dashboard's session cookies, shared by every worker."""
        return secrets_table.shared(self.database, "session")

    def verify(self, expected: Mapping[int, str] | None = None) -> chain.Verdict:
        """The chain recomputed, passing through every anchor in the store and every link
        expected (noted earlier, kept elsewhere)."""
        anchored = self.anchors.anchored()
        for position, link in (expected or {}).items():
            if anchored.setdefault(position, link) != link:
                return chain.Verdict(0, chain.GENESIS, position, "the anchors table holds "
                                     f"{anchored[position]} for this position, not {link}")
        return chain.verify_all(self.database, self.connect, anchored=anchored)

    def close(self) -> None:
        self.app.close()
        self.database.close()
