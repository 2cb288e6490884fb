"""What the read model asks of a database: a cursor taking '?' placeholders and giving rows
as tuples, and the name of its dialect."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
from datetime import date
from typing import Any, Protocol


class Cursor(Protocol):
    dialect: str

    @property
    def description(self) -> Any: ...

    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def executemany(self, sql: str, params: Sequence[Sequence[Any]]) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


def batched(cursor: Cursor) -> AbstractContextManager[Any]:
    """Statements inside are sent together where the database allows it (they may read no
    results); any error among them is raised at the end."""
    batch: Callable[[], AbstractContextManager[Any]] | None = getattr(cursor, "batch", None)
    return batch() if batch is not None else nullcontext()


def among(cursor: Cursor, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """A condition that the column is one of the values, and its parameters."""
    if cursor.dialect == "postgresql":
        return f"{column} = ANY(?)", [list(values)]
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


def as_date(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def insert(table: str, columns: Sequence[str]) -> str:
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


def upsert(table: str, columns: Sequence[str], key: Sequence[str],
           adding: Sequence[str] = (), changing: Sequence[str] | None = None) -> str:
    """Insert a row, or on a clash of keys replace its other columns (or just those that
    can change); those in `adding` are added to rather than replaced."""
    changes = [
        f"{c} = {table}.{c} + excluded.{c}" if c in adding else f"{c} = excluded.{c}"
        for c in columns if c not in key and (changing is None or c in changing)
    ]
    return (f"{insert(table, columns)} ON CONFLICT ({', '.join(key)}) "
            f"DO UPDATE SET {', '.join(changes)}")


class Database(Protocol):
    dialect: str

    def transaction(self, write: bool = True) -> AbstractContextManager[Cursor]: ...

    def bulk(self) -> AbstractContextManager[None]:
        """Transactions inside may be lost, though never half applied, if the machine stops:
        for work that can be done again, such as a rebuild."""
        ...

    def close(self) -> None: ...
