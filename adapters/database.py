"""Plain SQL access to the store's database, for the read model, the chain and the users.

Statements are written with '?' placeholders; the PostgreSQL cursor turns them into '%s'.
Each thread has its own connection, so a threaded server never interleaves transactions."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import date
from typing import Any

import eventsourcing.persistence as es
import psycopg
from psycopg.rows import tuple_row

from readmodel.sql import Cursor

SQLITE_PASSING = ("locked", "busy", "unable to open", "disk i/o", "readonly")


def unavailable(error: BaseException) -> bool:
    """Whether the error is the store being out of reach or busy, rather than a fault: worth
    answering 'try again shortly'."""
    if isinstance(error, (psycopg.OperationalError, psycopg.InterfaceError,
                          es.OperationalError, es.InterfaceError)):
        if isinstance(error, sqlite3.OperationalError) or isinstance(
                error.__cause__, sqlite3.OperationalError):
            return any(words in str(error).lower() for words in SQLITE_PASSING)
        return True
    if isinstance(error, sqlite3.OperationalError):
        return any(words in str(error).lower() for words in SQLITE_PASSING)
    return False


class Database:
    """One database, either an SQLite file or a PostgreSQL schema, reached with plain SQL."""

    dialect: str
    events_table: str
    position_column: str

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Cursor]:
        raise NotImplementedError
        yield

    @contextmanager
    def bulk(self) -> Iterator[None]:
        """Commits inside wait for no disk: a machine stopping may lose the last of them,
        never half of one (see readmodel.sql.Database)."""
        self.configure(self.relaxed)
        try:
            yield
        finally:
            self.configure(self.durable)

    def probe(self) -> None:
        """Reach the database, or raise why it cannot be reached."""

    @contextmanager
    def schema_lock(self) -> Iterator[None]:
        """Held while the store's tables and functions are made, so that processes starting
        together make them one at a time."""
        yield

    relaxed: tuple[str, ...] = ()
    durable: tuple[str, ...] = ()

    def configure(self, settings: tuple[str, ...]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class SQLiteCursor(sqlite3.Cursor):
    dialect = "sqlite"


def sqlite_cursor(connection: sqlite3.Connection) -> Cursor:
    cursor = connection.cursor(factory=SQLiteCursor)
    cursor.row_factory = None
    return cursor


class SQLiteDatabase(Database):
    dialect = "sqlite"
    events_table = "stored_events"
    position_column = "rowid"
    relaxed = ("PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 262144")
    durable = ("PRAGMA synchronous = FULL", "PRAGMA wal_autocheckpoint = 10000",
               "PRAGMA wal_checkpoint(PASSIVE)")

    def __init__(self, path: str) -> None:
        sqlite3.register_adapter(date, date.isoformat)
        self.path = path
        self.local = threading.local()
        self.opened: list[sqlite3.Connection] = []

    @property
    def connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self.local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            connection.execute("PRAGMA journal_mode=WAL")
            self.local.connection = connection
            self.opened.append(connection)
        return connection

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Cursor]:
        cursor = sqlite_cursor(self.connection)
        cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        try:
            yield cursor
        except BaseException:
            self.connection.rollback()
            raise
        if write:
            self.connection.commit()
        else:
            self.connection.rollback()

    def configure(self, settings: tuple[str, ...]) -> None:
        for setting in settings:
            self.connection.execute(setting)

    def close(self) -> None:
        for connection in self.opened:
            connection.close()
        self.opened.clear()
        self.local = threading.local()


class PostgresDatabase(Database):
    dialect = "postgresql"
    events_table = "grantledger_events"
    position_column = "notification_id"
    relaxed, durable = ("SET synchronous_commit = off",), ("SET synchronous_commit = on",)

    def __init__(self, conninfo: str, schema: str = "public") -> None:
        self.conninfo = conninfo
        self.schema = schema
        self.local = threading.local()
        self.opened: list[psycopg.Connection[Any]] = []

    def connect(self) -> psycopg.Connection[Any]:
        connection: psycopg.Connection[Any] | None = getattr(self.local, "connection", None)
        if connection is None or connection.closed:
            connection = psycopg.connect(self.conninfo, row_factory=tuple_row)
            connection.execute("SELECT set_config('search_path', %s, false)", (self.schema,))
            connection.commit()
            self.local.connection = connection
            self.opened.append(connection)
        return connection

    SCHEMA_LOCK = 0x6772616E746C6564  # "grantled"

    def probe(self) -> None:
        self.connect()

    @contextmanager
    def schema_lock(self) -> Iterator[None]:
        connection = self.connect()
        connection.execute("SELECT pg_advisory_lock(%s)", (self.SCHEMA_LOCK,))
        connection.commit()
        try:
            yield
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (self.SCHEMA_LOCK,))
            connection.commit()

    @contextmanager
    def transaction(self, write: bool = True) -> Iterator[Cursor]:
        connection = self.connect()
        try:
            with connection.cursor() as cursor:
                yield PostgresCursor(cursor)
        except BaseException:
            connection.rollback()
            raise
        if write:
            connection.commit()
        else:
            connection.rollback()

    def configure(self, settings: tuple[str, ...]) -> None:
        connection = self.connect()
        for setting in settings:
            connection.execute(setting)
        connection.commit()

    def close(self) -> None:
        for connection in self.opened:
            connection.close()
        self.opened.clear()
        self.local = threading.local()


class PostgresCursor:
    dialect = "postgresql"

    def __init__(self, cursor: psycopg.Cursor[Any]) -> None:
        self.cursor = cursor

    def batch(self) -> AbstractContextManager[Any]:
        """The statements inside sent in one round trip (pipeline mode)."""
        return self.cursor.connection.pipeline()

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.cursor.execute(sql.replace("?", "%s"), params)

    def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> Any:
        return self.cursor.executemany(sql.replace("?", "%s"), params)

    @property
    def description(self) -> Any:
        return self.cursor.description

    def fetchone(self) -> Any:
        return self.cursor.fetchone()

    def fetchall(self) -> list[Any]:
        return self.cursor.fetchall()


def postgres_cursor(connection: psycopg.Connection[Any]) -> Cursor:
    return PostgresCursor(connection.cursor(row_factory=tuple_row))
