"""The audit trail: every event in the order recorded, who recorded it, what it concerns and
what it changed, filtered and paged in SQL. What changed is read from the page's own events."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from domain.financial_year import FinancialYear
from domain.identity import normal
from domain.money import Money
from readmodel import schema
from readmodel.ledgers import Conditions, paging
from readmodel.points import as_utc
from readmodel.rows import AuditRow, Listed
from readmodel.sql import Cursor, among, as_date
from readmodel.translation import Recorded, humane

BASE_FIELDS = {"originator_id", "originator_version", "timestamp", "actor", "business_date",
               "originator_topic"}
REGISTERS = {
    "Decision": (schema.DECISIONS.name, "decision_id", "body", "title"),
    "Grant": (schema.GRANTS.name, "grant_id", "body", "title"),
    "Fund": (schema.FUNDS.name, "fund_id", "body", "name"),
    "Programme": (schema.PROGRAMMES.name, "programme_id", "lead_body", "name"),
    "Body": ("body_register", "key", "name", "kind"),
}

EventsAt = Callable[[Cursor, Sequence[int]], Mapping[int, Recorded]]


@dataclass(frozen=True)
class AuditQuery:
    tenant: str | None = None
    decision_reference: str = ""
    grant_id: str = ""
    from_date: date | None = None
    to_date: date | None = None
    known_at: datetime | None = None
    """Only what was recorded by this moment."""
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
    if query.known_at is not None:
        c.add("known_by <= ?", as_utc(query.known_at).astimezone(UTC).isoformat(
            timespec="microseconds"))
    return c


def trail(cursor: Cursor, query: AuditQuery, events_at: EventsAt) -> Listed[AuditRow]:
    c = conditions(query)
    limit, params = paging(cursor, query.limit, query.offset)
    cursor.execute(f"SELECT position, decision_reference FROM {schema.AUDIT.name}{c.where} "
                   f"ORDER BY position{limit}", [*c.params, *params])
    found = [(int(position), reference) for position, reference in cursor.fetchall()]
    events = events_at(cursor, [position for position, _ in found])
    records = context(cursor, events.values())
    rows = [audit_row(events[position], reference, records.get(events[position].record_id))
            for position, reference in found if position in events]
    cursor.execute(f"SELECT COUNT(*) FROM {schema.AUDIT.name}{c.where}", c.params)
    return Listed(rows, int(cursor.fetchone()[0]))


def context(cursor: Cursor, events: Iterable[Recorded]) -> dict[str, tuple[str, str, Any]]:
    """Body, subject and date of creation of each record the events are of."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for event in events:
        wanted[event.record_type].add(event.record_id)
    found: dict[str, tuple[str, str, Any]] = {}
    for record_type, ids in wanted.items():
        table, key, body, subject = REGISTERS[record_type]
        where, params = among(cursor, key, sorted(ids))
        cursor.execute(f"SELECT {key}, {body}, {subject}, created_on FROM {table} "
                       f"WHERE {where}", params)
        found |= {row[0]: (row[1], row[2], as_date(row[3])) for row in cursor.fetchall()}
    return found


def audit_row(event: Recorded, reference: str,
              record: tuple[str, str, Any] | None) -> AuditRow:
    f = event.fields
    body, subject, created_on = record or ("", "", None)
    on: date = f["business_date"]
    amount, year = f.get("amount"), f.get("year")
    return AuditRow(
        position=event.position, recorded_at=event.recorded_at, business_date=on,
        effective_date=max(on, created_on) if created_on else on, actor=f["actor"],
        record_type=event.record_type, record_id=event.record_id,
        version=f["originator_version"], event=humane(event.name), body=body,
        decision_reference=reference,
        grant_id=event.record_id if event.record_type == "Grant" else "", subject=subject,
        summary=summary(f), amount_pence=amount.pence if isinstance(amount, Money) else None,
        year=str(year) if isinstance(year, FinancialYear) else "",
    )


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
