"""Secrets every process serving the store shares, made once and kept in the store: the key
that signs the dashboard's session cookies, unless the operator gives one."""

from __future__ import annotations

import secrets

from adapters.database import Database
from readmodel.sql import Cursor

TABLE = "app_secrets"


def create(cursor: Cursor) -> None:
    cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (name TEXT PRIMARY KEY, "
                   "value TEXT NOT NULL)")


def shared(database: Database, name: str) -> str:
    """The secret of that name, made on first asking; every process gets the same one."""
    with database.transaction() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (name, value) VALUES (?, ?) "
                       "ON CONFLICT (name) DO NOTHING", (name, secrets.token_hex(32)))
        cursor.execute(f"SELECT value FROM {TABLE} WHERE name = ?", (name,))
        return str(cursor.fetchone()[0])
