"""The one setting that chooses the store, translated into the eventsourcing environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from eventsourcing.utils import get_topic
from psycopg.conninfo import make_conninfo

from adapters.chain import ChainedPostgresRecorder, ChainedSQLiteFactory
from adapters.database import Database, PostgresDatabase, SQLiteDatabase
from adapters.idempotency import LEASE_SECONDS

DATABASE_URL = "GRANTLEDGER_DATABASE_URL"
LEASE = "GRANTLEDGER_IDEMPOTENCY_LEASE"
GIVING360_PREFIX = "GRANTLEDGER_360G_PREFIX"
GIVING360_ORGANISATIONS = "GRANTLEDGER_360G_ORGANISATIONS"
GIVING360_LICENSE = "GRANTLEDGER_360G_LICENSE"
DEFAULT_DATABASE_URL = "sqlite:///grantledger.sqlite"
_EXPECTED = "sqlite:///path/to/file.sqlite or postgresql://user@host:port/dbname"
# Records recently used stay in memory; each use first reads any events recorded since, by
# whichever process, so a cached record is never stale.
RECORD_CACHE = {"AGGREGATE_CACHE_MAXSIZE": "5000", "AGGREGATE_CACHE_FASTFORWARD": "y"}
SQLITE_STORE = get_topic(ChainedSQLiteFactory)


class SettingsError(Exception):
    pass


def database_url(environ: Mapping[str, str] = os.environ) -> str:
    return environ.get(DATABASE_URL) or DEFAULT_DATABASE_URL


def lease_seconds(environ: Mapping[str, str] = os.environ) -> float:
    """How long a request holds its Idempotency-Key before a retry may take it over."""
    text = environ.get(LEASE) or str(LEASE_SECONDS)
    try:
        seconds = float(text)
    except ValueError:
        seconds = 0.0
    if not 0.1 <= seconds <= 3600:
        raise SettingsError(f"{LEASE} must be a number of seconds from 0.1 to 3600, not {text!r}")
    return seconds


def store_env(url: str) -> dict[str, str]:
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme == "sqlite":
        return _sqlite(url)
    if scheme in ("postgresql", "postgres"):
        return _postgres(url)
    if scheme == "memory":
        return {"PERSISTENCE_MODULE": "eventsourcing.popo"}
    raise SettingsError(f"{DATABASE_URL} must be {_EXPECTED}, not {url!r}")


@dataclass(frozen=True)
class Connector:
    """Opens the store's database afresh; it travels to another process, as a rebuild's
    writer needs."""

    env: dict[str, str]

    def __call__(self) -> Database:
        database = database_of(self.env)
        if database is None:
            raise SettingsError("The ledgers need an SQLite or PostgreSQL store")
        return database


def described(url: str) -> str:
    """The store the URL names, for messages: never its password."""
    try:
        env = store_env(url)
    except SettingsError:
        return "the store"
    if env["PERSISTENCE_MODULE"] == SQLITE_STORE:
        return f"the SQLite file {env['SQLITE_DBNAME']}"
    if env["PERSISTENCE_MODULE"] == "eventsourcing.postgres":
        schema = env.get("POSTGRES_SCHEMA")
        return (f"PostgreSQL database {env['POSTGRES_DBNAME']!r}"
                + (f" (schema {schema!r})" if schema else "")
                + f" on {env['POSTGRES_HOST']}:{env['POSTGRES_PORT']} as {env['POSTGRES_USER']}")
    return "the store in memory"


def database_of(env: Mapping[str, str]) -> Database | None:
    module = env["PERSISTENCE_MODULE"]
    if module == SQLITE_STORE:
        return SQLiteDatabase(env["SQLITE_DBNAME"])
    if module == "eventsourcing.postgres":
        conninfo = make_conninfo(
            host=env["POSTGRES_HOST"],
            port=env["POSTGRES_PORT"],
            dbname=env["POSTGRES_DBNAME"],
            user=env["POSTGRES_USER"],
            password=env["POSTGRES_PASSWORD"] or None,
            connect_timeout=env["POSTGRES_CONNECT_TIMEOUT"],
        )
        return PostgresDatabase(conninfo, env.get("POSTGRES_SCHEMA", "public"))
    return None


def _sqlite(url: str) -> dict[str, str]:
    prefix = "sqlite:///"
    path = url[len(prefix) :] if url.lower().startswith(prefix) else ""
    if not path:
        raise SettingsError(f"{DATABASE_URL} must be {_EXPECTED}: {url!r} names no file")
    folder = Path(path).parent
    if not folder.is_dir():
        raise SettingsError(
            f"{DATABASE_URL}: the folder {str(folder)!r} for {path!r} does not exist"
        )
    return {
        "PERSISTENCE_MODULE": SQLITE_STORE,
        "SQLITE_DBNAME": path,
        "SQLITE_LOCK_TIMEOUT": "10",
        "CREATE_TABLE": "y",
        **RECORD_CACHE,
    }


def _postgres(url: str) -> dict[str, str]:
    parts = urlsplit(url)
    try:
        port = parts.port or 5432
    except ValueError:
        raise SettingsError(f"{DATABASE_URL} has a port that is not a number: {url!r}") from None
    dbname = unquote(parts.path.lstrip("/"))
    if not parts.hostname or not dbname:
        raise SettingsError(f"{DATABASE_URL} must be {_EXPECTED}: {url!r} lacks a host or dbname")
    env = {
        "PERSISTENCE_MODULE": "eventsourcing.postgres",
        "POSTGRES_HOST": parts.hostname,
        "POSTGRES_PORT": str(port),
        "POSTGRES_DBNAME": dbname,
        "POSTGRES_USER": unquote(parts.username or "postgres"),
        "POSTGRES_PASSWORD": unquote(parts.password or ""),
        "POSTGRES_CONNECT_TIMEOUT": "5",
        "CREATE_TABLE": "y",
        **RECORD_CACHE,
        "APPLICATION_RECORDER_TOPIC": get_topic(ChainedPostgresRecorder),
    }
    schema = parse_qs(parts.query).get("schema")
    if schema:
        env["POSTGRES_SCHEMA"] = schema[0]
    return env
