"""The audit trail: every event in the order recorded, who recorded it, what it concerns and
what it changed, filtered and paged in SQL. What changed is read from the page's own events."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from domain.financial_year import FinancialYear
from domain.identity import normal
from domain.money import Money
from readmodel import schema
from readmodel.ledgers import Conditions, paging
from readmodel.rows import AuditRow, Listed
from readmodel.sql import Cursor, as_date

COLUMNS = ("position", "recorded_at", "business_date", "effective_date", "actor",
           "record_type", "record_id", "version", "event", "body", "decision_reference",
           "grant_id", "subject", "amount_pence", "year")
BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "actor", "business_date",
               "originator_topic"}

EventsAt = Callable[[Cursor, Sequence[int]], Mapping[int, Mapping[str, Any]]]


@dataclass(frozen=True)
class AuditQuery:
    tenant: str | None = None
    decision_reference: str = ""
    grant_id: str = ""
    from_date: date | None = None
    to_date: date | None = None
    limit: int | None = None
    offset: int = 0


def conditions(query: AuditQuery) -> Conditions:
    c = Conditions()
    if query.tenant is not None:
        c.add("tenant = ?", normal(query.tenant))
    if query.decision_reference:
        c.add("decision_reference = ?", query.decision_reference)
    if query.grant_id:
        c.add("record_id = ?", query.grant_id)
    if query.from_date:
        c.add("business_date >= ?", query.from_date)
    if query.to_date:
        c.add("business_date <= ?", query.to_date)
    return c


def trail(cursor: Cursor, query: AuditQuery, events_at: EventsAt) -> Listed[AuditRow]:
    c = conditions(query)
    limit, params = paging(cursor, query.limit, query.offset)
    cursor.execute(f"SELECT {', '.join(COLUMNS)} FROM {schema.AUDIT.name}{c.where} "
                   f"ORDER BY position{limit}", [*c.params, *params])
    found = cursor.fetchall()
    events = events_at(cursor, [int(row[0]) for row in found])
    rows = [audit_row(row, events.get(int(row[0]), {})) for row in found]
    cursor.execute(f"SELECT COUNT(*) FROM {schema.AUDIT.name}{c.where}", c.params)
    return Listed(rows, int(cursor.fetchone()[0]))


def audit_row(row: Sequence[Any], fields: Mapping[str, Any]) -> AuditRow:
    values = dict(zip(COLUMNS, row, strict=True))
    values["business_date"] = as_date(values["business_date"])
    values["effective_date"] = as_date(values["effective_date"])
    return AuditRow(**values, summary=summary(fields))


def summary(fields: Mapping[str, Any]) -> str:
    return "; ".join(
        f"{k.replace('_', ' ')}: {rendered(v)}" for k, v in fields.items()
        if k not in BASE_FIELDS and v not in (None, "", [])
    )


def rendered(value: Any) -> str:
    if isinstance(value, (Money, FinancialYear, UUID)):
        return str(value)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(rendered(v) for v in value) + "]"
    if hasattr(value, "describe"):
        return str(value.describe)
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "value") and not isinstance(value, (int, str)):
        return str(value.value)
    if hasattr(value, "__dataclass_fields__"):
        return ", ".join(
            f"{k.replace('_', ' ')} {rendered(getattr(value, k))}"
            for k in value.__dataclass_fields__
            if getattr(value, k) not in ("", None, False, [])
        )
    return str(value)
