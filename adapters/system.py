"""Everything a running Grantledger holds, built by the composition root: the application,
its database, the read model, the users and the idempotency keys."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from adapters import chain
from adapters.database import Database
from adapters.idempotency import IdempotencyKeys
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
        """The bodies with records in the store or users of their own."""
        return sorted({*self.ledgers.bodies(), *self.users.bodies()})

    def verify(self) -> chain.Verdict:
        return chain.verify_all(self.database, self.connect)

    def close(self) -> None:
        self.app.close()
        self.database.close()
