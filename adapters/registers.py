"""Filtered, paged lists of decisions and grants, read from the ledger tables with SQL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from adapters import ledger_tables
from adapters.database import Database
from adapters.ledger_tables import Table
from domain.financial_year import FinancialYear
from domain.ledgers import DecisionRow, GrantRow


@dataclass(frozen=True)
class ListQuery:
    """What to list. `tenant` limits it to one body's records (and, for decisions, any
    body's published ones); an empty filter does not filter."""

    tenant: str | None = None
    body: str = ""
    status: str = ""
    financial_year: FinancialYear | None = None
    recipient: str = ""
    decision_id: str = ""
    published_only: bool = False
    limit: int = 50
    offset: int = 0


Row = TypeVar("Row")


@dataclass(frozen=True)
class Listed(Generic[Row]):
    rows: list[Row]
    total: int


class Conditions:
    def __init__(self) -> None:
        self.sql: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.sql.append(sql)
        self.params += params

    @property
    def where(self) -> str:
        return " AND ".join(self.sql)


def same_text(column: str) -> str:
    return f"LOWER(TRIM({column})) = LOWER(TRIM(?))"


def decisions(database: Database, query: ListQuery) -> Listed[DecisionRow]:
    c = Conditions()
    if query.tenant is not None:
        c.add(f"({same_text('body')} OR published_on IS NOT NULL)", query.tenant)
    if query.published_only:
        c.add("published_on IS NOT NULL")
    if query.body:
        c.add(same_text("body"), query.body)
    if query.status:
        c.add("status = ?", query.status)
    if query.financial_year is not None:
        year = query.financial_year
        c.add(
            "COALESCE(decided_on, drafted_on) BETWEEN ? AND ?",
            year.start.isoformat(),
            year.end.isoformat(),
        )
    if query.recipient:
        c.add(
            "decision_id IN (SELECT decision_id FROM grant_ledger WHERE "
            f"LOWER(recipient) {LIKE})",
            contains(query.recipient),
        )
    return listed(database, ledger_tables.DECISIONS, c, query, ("body", "reference"))


def grants(database: Database, query: ListQuery) -> Listed[GrantRow]:
    c = Conditions()
    if query.tenant is not None:
        c.add(same_text("body"), query.tenant)
    if query.body:
        c.add(same_text("body"), query.body)
    if query.status:
        c.add("status = ?", query.status)
    if query.financial_year is not None:
        c.add(
            "grant_id IN (SELECT grant_id FROM grant_ledger_years WHERE year = ?)",
            str(query.financial_year),
        )
    if query.recipient:
        c.add(f"LOWER(recipient) {LIKE}", contains(query.recipient))
    if query.decision_id:
        c.add("decision_id = ?", query.decision_id)
    return listed(database, ledger_tables.GRANTS, c, query,
                  ("body", "decision_reference", "title"))


def listed(database: Database, table: Table, c: Conditions, query: ListQuery,
           order: tuple[str, ...]) -> Listed[Any]:
    rows = ledger_tables.read(
        database, table, c.where, c.params, query.limit, query.offset, order
    )
    return Listed(rows, ledger_tables.count(database, table, c.where, c.params))


LIKE = "LIKE ? ESCAPE '!'"


def contains(text: str) -> str:
    escaped = text.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"
