"""The derived tables checked against the log: the read model rebuilt from the events in a
scratch database beside the store, then compared with the tables the product serves, table by
table, in SQL. A row edited, added or removed behind the product's back is named."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import psycopg

from adapters.settings import SQLITE_STORE, Connector
from adapters.system import System
from readmodel import journal, rebuild, schema
from readmodel.schema import Table


def differences(system: System) -> list[str]:
    """Each derived table that differs from what the log gives, with its first differing row
    either way; then `api_users` against the staff events. Empty if all agree."""
    assert isinstance(system.connect, Connector)
    with scratch(system.connect) as (scratch_connector, compare):
        built = scratch_connector()
        with built.transaction() as cursor:
            journal.create(cursor, has_events=True)
        rebuild.rebuild(built, system.ledgers.events_after, connect=scratch_connector,
                        source=system.database)
        built.close()
        found = [problem for table in schema.DERIVED for problem in compare(table)]
    return found + system.users.differences()


Compare = Callable[[Table], list[str]]


@contextmanager
def scratch(connector: Connector) -> Iterator[tuple[Connector, Compare]]:
    env = connector.env
    if env["PERSISTENCE_MODULE"] == SQLITE_STORE:
        folder = tempfile.mkdtemp(prefix="grantledger-check-")
        path = str(Path(folder) / "scratch.sqlite")
        try:
            yield (replace(connector, env={**env, "SQLITE_DBNAME": path}),
                   lambda table: compared_in_sqlite(env["SQLITE_DBNAME"], path, table))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        return
    store_schema = env.get("POSTGRES_SCHEMA", "public")
    name = f"grantledger_check_{uuid.uuid4().hex[:12]}"
    database = connector()
    assert hasattr(database, "conninfo")
    conninfo: str = database.conninfo
    with psycopg.connect(conninfo, autocommit=True) as admin:
        admin.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield (replace(connector, env={**env, "POSTGRES_SCHEMA": name}),
               lambda table: compared_in_postgres(conninfo, store_schema, name, table))
    finally:
        with psycopg.connect(conninfo, autocommit=True) as admin:
            admin.execute(f'DROP SCHEMA "{name}" CASCADE')


def queries(stored: str, rebuilt: str, table: Table) -> tuple[str, str]:
    columns = ", ".join(table.names)

    def missing_from(a: str, b: str) -> str:
        return (f"SELECT {columns} FROM {a}.{table.name} EXCEPT "
                f"SELECT {columns} FROM {b}.{table.name} ORDER BY {columns} LIMIT 1")

    return missing_from(stored, rebuilt), missing_from(rebuilt, stored)


def described(table: Table, extra: Sequence[Any] | None, wanting: Sequence[Any] | None
              ) -> list[str]:
    found = []
    if extra is not None:
        found.append(f"{table.name}: the row {tuple(extra)} is not what the log gives")
    if wanting is not None:
        found.append(f"{table.name}: the log gives the row {tuple(wanting)}, which is missing")
    return found


def compared_in_sqlite(store: str, rebuilt: str, table: Table) -> list[str]:
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as connection:
        connection.execute("ATTACH DATABASE ? AS rebuilt", (rebuilt,))
        extra_query, wanting_query = queries("main", "rebuilt", table)
        extra = connection.execute(extra_query).fetchone()
        wanting = connection.execute(wanting_query).fetchone()
    return described(table, extra, wanting)


def compared_in_postgres(conninfo: str, store: str, rebuilt: str, table: Table) -> list[str]:
    extra_query, wanting_query = queries(f'"{store}"', f'"{rebuilt}"', table)
    with psycopg.connect(conninfo) as connection:
        extra = connection.execute(extra_query).fetchone()
        wanting = connection.execute(wanting_query).fetchone()
    return described(table, extra, wanting)
