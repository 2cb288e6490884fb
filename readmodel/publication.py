"""What the monthly duty asks (SI 2011/3050, para 3(f)): the grants awarded in a month that
are not yet on the register, and what each lacks to be published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.identity import normal
from readmodel import schema
from readmodel.ledgers import Conditions
from readmodel.sql import Cursor, as_date

FACTS = ("purpose", "conditions", "crime_reduction_reasons")


@dataclass(frozen=True)
class DueRow:
    grant_id: str
    body: str
    decision_reference: str | None
    title: str
    recipient: str
    awarded_pence: int
    approved_on: date | None
    lacking: str
    """The facts it lacks, or nothing when it needs only publishing."""


def due(cursor: Cursor, first: date, last: date, body: str = "") -> tuple[int, list[DueRow]]:
    """How many grants were awarded between the days, and those not yet published."""
    c = Conditions()
    c.add("approved_on >= ?", first)
    c.add("approved_on <= ?", last)
    if body:
        c.add("tenant = ?", normal(body))
    cursor.execute(f"SELECT COUNT(*) FROM {schema.GRANTS.name}{c.where}", c.params)
    awarded = int(cursor.fetchone()[0])
    c.add("published_on IS NULL")
    cursor.execute(
        f"SELECT grant_id, body, decision_reference, title, recipient, awarded_pence, "
        f"approved_on, {', '.join(FACTS)} FROM {schema.GRANTS.name}{c.where} "
        "ORDER BY tenant, approved_on, title, grant_id", c.params)
    return awarded, [DueRow(
        grant_id=row[0], body=row[1], decision_reference=row[2], title=row[3],
        recipient=row[4], awarded_pence=row[5], approved_on=as_date(row[6]),
        lacking=", ".join(name.replace("_", " ") for name, value in zip(FACTS, row[7:], strict=True)
                          if not (value or "").strip()),
    ) for row in cursor.fetchall()]
