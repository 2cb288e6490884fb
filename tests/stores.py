"""Stores made inside a test (a fresh one per generated example, say), and their read model's
tables as rows, to compare."""

from __future__ import annotations

import os
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg

from adapters.system import System
from domain.application import Grantledger
from domain.commands import RegisterBody
from domain.values import BodyKind
from readmodel import schema

POSTGRES_URL = os.environ.get(
    "GRANTLEDGER_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


@contextmanager
def fresh_store(kind: str, server: str = POSTGRES_URL) -> Iterator[str]:
    """An empty SQLite file, or a PostgreSQL schema of its own on the server."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'books.sqlite'}"
        return
    import psycopg

    name = f"test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{name}"')
    try:
        yield f"{server}?schema={name}"
    finally:
        with psycopg.connect(server, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{name}" CASCADE')


def tables(system: System) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the read model's tables, in order, as text."""
    found = {}
    with system.database.transaction(write=False) as cursor:
        for table in schema.DERIVED:
            cursor.execute(f"SELECT {', '.join(table.names)} FROM {table.name} "
                           f"ORDER BY {', '.join(table.names)}")
            found[table.name] = [tuple(str(v) for v in row) for row in cursor.fetchall()]
    return found


def tamper(store_url: str, statement: str) -> None:
    """Run a statement on the store's database behind the product's back, as an insider could;
    {events} and {position} name the events table and its position column."""
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as conn:
            conn.execute(statement.format(events="stored_events", position="rowid"))
        return
    schema_name = parse_qs(urlsplit(store_url).query)["schema"][0]
    with psycopg.connect(store_url.split("?")[0], autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema_name}"')
        conn.execute(statement.format(events="grantledger_events", position="notification_id"))


def registered(app: Grantledger, *bodies: str) -> None:
    """The bodies in the register of bodies, as the tests' records name them."""
    for body in bodies:
        if not app.has_body(body):
            app.handle(RegisterBody(name=body, kind=BodyKind.POLICE_AND_CRIME_COMMISSIONER),
                       "registrar")
