"""The ledgers as SQL tables beside the events, so they can be read with SQL or a BI tool."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, get_type_hints

from adapters.database import Cursor, Database
from domain.ledgers import (
    AuditRow,
    DecisionRow,
    ExposureRow,
    FundRow,
    GrantRow,
    GrantYearRow,
    Ledgers,
    ProgrammeRow,
)


@dataclass(frozen=True)
class Table:
    name: str
    row: type
    key: tuple[str, ...]
    owner: str

    @property
    def columns(self) -> list[str]:
        return [f.name for f in dataclasses.fields(self.row)]

    def create(self, dialect: str) -> str:
        hints = get_type_hints(self.row)
        columns = [f"{c} {column_type(hints[c], dialect)}" for c in self.columns]
        return (
            f"CREATE TABLE IF NOT EXISTS {self.name} "
            f"({', '.join(columns)}, PRIMARY KEY ({', '.join(self.key)}))"
        )

    def insert(self) -> str:
        marks = ", ".join("?" for _ in self.columns)
        return f"INSERT INTO {self.name} ({', '.join(self.columns)}) VALUES ({marks})"

    def values(self, row: Any) -> tuple[Any, ...]:
        return tuple(stored(getattr(row, c)) for c in self.columns)


def column_type(hint: Any, dialect: str) -> str:
    nullable = type(None) in getattr(hint, "__args__", ())
    base = next((a for a in getattr(hint, "__args__", (hint,)) if a is not type(None)), hint)
    sql = {
        int: "BIGINT",
        bool: "BOOLEAN",
        str: "TEXT",
        date: "DATE" if dialect == "postgresql" else "TEXT",
    }[base]
    return sql if nullable else f"{sql} NOT NULL"


def stored(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


GRANTS = Table("grant_ledger", GrantRow, ("grant_id",), "grant_id")
GRANT_YEARS = Table("grant_ledger_years", GrantYearRow, ("grant_id", "year"), "grant_id")
FUNDS = Table("fund_ledger", FundRow, ("fund_id", "year"), "fund_id")
PROGRAMMES = Table(
    "programme_ledger", ProgrammeRow, ("programme_id", "funder", "year"), "programme_id"
)
DECISIONS = Table("decision_register", DecisionRow, ("decision_id",), "decision_id")
EXPOSURE = Table("exposure", ExposureRow, ("grant_id",), "grant_id")
AUDIT = Table("audit_trail", AuditRow, ("position",), "position")

LEDGERS = (GRANTS, GRANT_YEARS, FUNDS, PROGRAMMES, DECISIONS, EXPOSURE)
ROWS_OF = {
    GRANTS: "grants",
    GRANT_YEARS: "grant_years",
    FUNDS: "funds",
    PROGRAMMES: "programmes",
    DECISIONS: "decisions",
    EXPOSURE: "exposure",
}


def schema(dialect: str) -> list[str]:
    blob = "BYTEA" if dialect == "postgresql" else "BLOB"
    return [
        *(table.create(dialect) for table in (*LEDGERS, AUDIT)),
        "CREATE TABLE IF NOT EXISTS exposure_by_body (body TEXT PRIMARY KEY, notice_on TEXT "
        "NOT NULL, payable_pence BIGINT NOT NULL, released_pence BIGINT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS audit_trail_by_business_date "
        "ON audit_trail (effective_date, position)",
        "CREATE INDEX IF NOT EXISTS audit_trail_by_recorded_at ON audit_trail (recorded_at)",
        "CREATE INDEX IF NOT EXISTS audit_trail_by_reference "
        "ON audit_trail (decision_reference, position)",
        "CREATE INDEX IF NOT EXISTS audit_trail_by_record ON audit_trail (record_id, position)",
        "CREATE TABLE IF NOT EXISTS ledger_position (name TEXT PRIMARY KEY, "
        "position BIGINT NOT NULL, notice_on TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS ledger_checkpoints (id TEXT PRIMARY KEY, kind TEXT NOT "
        "NULL, position BIGINT NOT NULL, through_date TEXT, recorded_at TEXT NOT NULL)",
        "CREATE INDEX IF NOT EXISTS ledger_checkpoints_by_kind "
        "ON ledger_checkpoints (kind, position)",
        "CREATE TABLE IF NOT EXISTS ledger_checkpoint_records (checkpoint_id TEXT NOT NULL, "
        f"seq BIGINT NOT NULL, topic TEXT NOT NULL, state {blob} NOT NULL, "
        "PRIMARY KEY (checkpoint_id, seq))",
    ]


DERIVED_TABLES = [
    *(t.name for t in (*LEDGERS, AUDIT)),
    "exposure_by_body",
    "ledger_checkpoint_records",
    "ledger_checkpoints",
]


def create(database: Database) -> None:
    with database.transaction() as cursor:
        for statement in schema(database.dialect):
            cursor.execute(statement)


def replace_rows(cursor: Cursor, ledgers: Ledgers, owners: Iterable[str]) -> None:
    """Replace every row each owner has in each ledger with the given rows."""
    keys = [(o,) for o in owners]
    for table in LEDGERS:
        cursor.executemany(f"DELETE FROM {table.name} WHERE {table.owner} = ?", keys)
        rows: Sequence[Any] = getattr(ledgers, ROWS_OF[table])
        if rows:
            cursor.executemany(table.insert(), [table.values(r) for r in rows])


def replace_exposure(cursor: Cursor, rows: Sequence[ExposureRow]) -> None:
    cursor.execute(f"DELETE FROM {EXPOSURE.name}")
    if rows:
        cursor.executemany(EXPOSURE.insert(), [EXPOSURE.values(r) for r in rows])


def total_exposure(cursor: Cursor) -> None:
    cursor.execute("DELETE FROM exposure_by_body")
    cursor.execute(
        "INSERT INTO exposure_by_body (body, notice_on, payable_pence, released_pence) "
        "SELECT body, MIN(CAST(notice_on AS TEXT)), SUM(payable_pence), SUM(released_pence) "
        "FROM exposure GROUP BY body"
    )


def insert_audit(cursor: Cursor, rows: Sequence[AuditRow]) -> None:
    if rows:
        cursor.executemany(AUDIT.insert(), [AUDIT.values(r) for r in rows])


def read(database: Database, table: Table, where: str = "", params: Sequence[Any] = (),
         limit: int | None = None, offset: int = 0, order: Sequence[str] = ()) -> list[Any]:
    """Rows of a table as the row type, with dates as dates whichever the dialect."""
    hints = get_type_hints(table.row)
    statement = f"SELECT {', '.join(table.columns)} FROM {table.name}"
    if where:
        statement += f" WHERE {where}"
    statement += f" ORDER BY {', '.join([*order, *table.key])}"
    params = [*params]
    if limit is not None or offset:
        statement += " LIMIT ? OFFSET ?"
        params += [-1 if limit is None and database.dialect == "sqlite" else limit, offset]
    with database.transaction(write=False) as cursor:
        cursor.execute(statement, params)
        fetched = cursor.fetchall()
    return [table.row(**{c: loaded(v, hints[c]) for c, v in zip(table.columns, row, strict=True)})
            for row in fetched]


def count(database: Database, table: Table, where: str = "", params: Sequence[Any] = ()) -> int:
    statement = f"SELECT COUNT(*) FROM {table.name}" + (f" WHERE {where}" if where else "")
    with database.transaction(write=False) as cursor:
        cursor.execute(statement, params)
        return int(cursor.fetchone()[0])


def loaded(value: Any, hint: Any) -> Any:
    if isinstance(value, str) and date in getattr(hint, "__args__", (hint,)):
        return date.fromisoformat(value)
    if isinstance(value, int) and hint is bool:
        return bool(value)
    return value
