"""What a running web application holds: the service, its users and its idempotency keys."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask import current_app

from adapters.database import Database
from adapters.idempotency import IdempotencyKeys
from adapters.service import Service
from adapters.users import Users
from domain.application import Grantledger

EXTENSION = "grantledger"


@dataclass
class Runtime:
    service: Service
    database: Database
    users: Users
    keys: IdempotencyKeys

    @property
    def app(self) -> Grantledger:
        return self.service.app

    def today(self) -> date:
        return self.service.today()

    def close(self) -> None:
        self.service.close()


def runtime() -> Runtime:
    found: Runtime = current_app.extensions[EXTENSION]
    return found
