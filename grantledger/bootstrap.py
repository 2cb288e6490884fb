"""Building a running Grantledger from the one setting that names its store."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from datetime import date
from typing import Any

from adapters import secrets_table
from adapters.anchors import Anchors
from adapters.idempotency import LEASE_SECONDS, IdempotencyKeys
from adapters.log import EventLog
from adapters.register import Register, migrate
from adapters.settings import Connector, store_env
from adapters.system import System
from adapters.users import Users
from domain.application import Consequences, Grantledger
from readmodel.model import ReadModel
from readmodel.sql import Cursor


def build(url: str, today: Callable[[], date] | None = None, *, create_schema: bool = True,
          lease_seconds: float = LEASE_SECONDS) -> System:
    """The application on the store the URL names, with its read model and the keys of the
    requests it answers written in the same transaction as every event it records.

    `create_schema` makes or migrates the store's tables first, one process at a time; the
    workers of a server leave it to the server, which does it once before they start."""
    env = store_env(url)
    today = today or date.today
    if not create_schema:
        env["CREATE_TABLE"] = "n"
    connect = Connector(env)
    database = connect()
    database.probe()
    with database.schema_lock() if create_schema else nullcontext():
        app = Grantledger(env=env, today=today)
        log = EventLog(database, app.mapper)
        ledgers = ReadModel(database, log.after, log.at, log.has_events, connect)
        users, keys = Users(database, app), IdempotencyKeys(database, lease_seconds)
        register = Register(database)
        if create_schema:
            ledgers.create()
            with database.transaction() as cursor:
                users.create(cursor)
                register.create(cursor)
                keys.create(cursor)
                Anchors(database).create(cursor)
                secrets_table.create(cursor)
    app.consequences = together(ledgers.record, keys.record, users.record, register.record)
    if create_schema and not ledgers.needs_rebuild():
        migrate(app, [*ledgers.bodies(), *users.bodies()])
        users.migrate()
    return System(app, database, ledgers, users, keys, today, connect)


def together(*consequences: Consequences) -> Consequences:
    def each(cursor: Cursor, positions: Sequence[int], events: Sequence[Any]) -> None:
        for consequence in consequences:
            consequence(cursor, positions, events)

    return each

