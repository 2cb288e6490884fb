"""Building a running Grantledger from the one setting that names its store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from adapters.idempotency import IdempotencyKeys
from adapters.log import EventLog
from adapters.settings import Connector, store_env
from adapters.system import System
from adapters.users import Users
from domain.application import Grantledger
from readmodel.model import ReadModel


def build(url: str, today: Callable[[], date] | None = None) -> System:
    """The application on the store the URL names, with its read model written in the same
    transaction as every event it records."""
    connect = Connector(store_env(url))
    env = connect.env
    database = connect()
    app = Grantledger(env=env)
    log = EventLog(database, app.mapper)
    ledgers = ReadModel(database, log.after, log.at, log.has_events, connect)
    app.consequences = ledgers.record
    return System(app, database, ledgers, Users(database), IdempotencyKeys(database),
                  today or date.today, connect)
