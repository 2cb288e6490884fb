"""What the monthly duty asks (SI 2011/3050, para 3(f)): the grants awarded in a month that
are not yet on the register, and what each lacks to be published."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from domain.financial_year import FinancialYear
from domain.identity import normal
from readmodel import schema
from readmodel.ledgers import Conditions
from readmodel.points import CHUNK
from readmodel.sql import Cursor, among, as_date

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
    c.add("NOT published")
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


GRANT_FACTS = ("grant_id", "body", "decision_id", "decision_reference", "title", "recipient",
               "partners", "programme", "fund", "status", "purpose", "conditions",
               "crime_reduction_reasons", "regrants", "up_to", "period_start", "period_end",
               "approved_on", "published", "published_on", "published_url", "awarded_pence",
               "paid_pence", "repaid_pence")
DAYS = ("period_start", "period_end", "approved_on", "published_on")


@dataclass(frozen=True)
class AwardedGrant:
    """A grant awarded, with what the register and open data give of it."""

    grant_id: str
    body: str
    decision_id: str
    decision_reference: str | None
    decision_title: str
    area: str
    """Where its decision says it serves, as the record names it; empty where not stated."""
    decision_published: bool
    """Whether its decision is on the register: if not, nothing of the decision is shown."""
    title: str
    recipient: str
    partners: str
    programme: str
    fund: str
    status: str
    purpose: str
    conditions: str
    crime_reduction_reasons: str
    regrants: bool
    up_to: bool
    period_start: date | None
    period_end: date | None
    approved_on: date | None
    published: bool
    published_on: date | None
    published_url: str
    awarded_pence: int
    paid_pence: int
    repaid_pence: int
    last_dated: date | None
    """The business date of the last event in its history."""
    funders: tuple[tuple[str, int, bool], ...] = ()
    """Who funds it: each funder, the sum it gives, and whether in kind."""


def awarded(cursor: Cursor, body: str = "", first: date | None = None,
            last: date | None = None, published_only: bool = True,
            decision_id: str = "") -> list[AwardedGrant]:
    """The grants awarded (by the body, between the days, under the decision), newest award
    first: those on the register only, unless told otherwise. Its cost is that of the grants
    it gives."""
    c = Conditions()
    c.add("g.published" if published_only else "g.approved_on IS NOT NULL")
    if body:
        c.add("g.tenant = ?", normal(body))
    if decision_id:
        c.add("g.decision_id = ?", decision_id)
    if first is not None:
        c.add("g.approved_on >= ?", first)
    if last is not None:
        c.add("g.approved_on <= ?", last)
    cursor.execute(
        f"SELECT {', '.join(f'g.{name}' for name in GRANT_FACTS)}, d.area, d.title, "
        "d.published "
        f"FROM {schema.GRANTS.name} g JOIN {schema.DECISIONS.name} d "
        f"ON d.decision_id = g.decision_id{c.where} "
        "ORDER BY g.approved_on DESC, g.tenant, g.decision_reference, g.title, g.grant_id",
        c.params)
    rows = cursor.fetchall()
    ids = [row[0] for row in rows]
    funders = funded_by(cursor, ids)
    dated = last_dated(cursor, ids)
    grants = []
    for row in rows:
        facts: dict[str, Any] = dict(zip(GRANT_FACTS, row, strict=False))
        for name in DAYS:
            facts[name] = as_date(facts[name])
        for name in ("regrants", "up_to", "published"):
            facts[name] = bool(facts[name])
        grants.append(AwardedGrant(
            **facts, area=row[-3], decision_title=row[-2], decision_published=bool(row[-1]),
            last_dated=dated.get(facts["grant_id"]),
            funders=tuple(funders.get(facts["grant_id"], ()))))
    return grants


def funded_by(cursor: Cursor, ids: list[str]) -> dict[str, list[tuple[str, int, bool]]]:
    found: dict[str, list[tuple[str, int, bool]]] = {}
    for start in range(0, len(ids), CHUNK):
        where, params = among(cursor, "grant_id", ids[start:start + CHUNK])
        cursor.execute(
            f"SELECT grant_id, funder, in_kind, SUM(amount_pence) FROM "
            f"{schema.CONTRIBUTIONS.name} WHERE {where} GROUP BY grant_id, funder, in_kind "
            "ORDER BY grant_id, MIN(seq)", params)
        for grant_id, funder, in_kind, pence in cursor.fetchall():
            found.setdefault(grant_id, []).append((funder, int(pence), bool(in_kind)))
    return found


def last_dated(cursor: Cursor, ids: list[str]) -> dict[str, date | None]:
    found: dict[str, date | None] = {}
    for start in range(0, len(ids), CHUNK):
        where, params = among(cursor, "record_id", ids[start:start + CHUNK])
        cursor.execute(f"SELECT record_id, MAX(dated) FROM {schema.HISTORY.name} "
                       f"WHERE {where} GROUP BY record_id", params)
        found.update((record_id, as_date(dated)) for record_id, dated in cursor.fetchall())
    return found


@dataclass(frozen=True)
class PublishedDecision:
    """A line of the register of published decisions."""

    decision_id: str
    body: str
    reference: str | None
    title: str
    status: str
    decision_maker: str
    decided_on: date | None
    published_on: date | None
    """None where its record does not state when."""
    published_url: str
    significant: bool
    part2_exists: bool


DECISION_FACTS = ("decision_id", "body", "reference", "title", "status", "decision_maker",
                  "decided_on", "published_on", "published_url", "significant", "part2_exists")


def published_decisions(cursor: Cursor, body: str = "") -> list[PublishedDecision]:
    """The decisions on the register (the body's, or every body's), newest first: by the day
    published, or where that is not stated, the day decided."""
    c = Conditions()
    c.add("published")
    if body:
        c.add("tenant = ?", normal(body))
    cursor.execute(
        f"SELECT {', '.join(DECISION_FACTS)} FROM {schema.DECISIONS.name}{c.where} "
        "ORDER BY COALESCE(published_on, decided_on) DESC, tenant, reference, decision_id",
        c.params)
    return [PublishedDecision(
        decision_id=row[0], body=row[1], reference=row[2], title=row[3], status=row[4],
        decision_maker=row[5], decided_on=as_date(row[6]), published_on=as_date(row[7]),
        published_url=row[8], significant=bool(row[9]), part2_exists=bool(row[10]),
    ) for row in cursor.fetchall()]


def published_years(cursor: Cursor, body: str = "") -> list[str]:
    """The financial years in which grants on the register were awarded, newest first: the
    first and last awards, then one probe of the index per year between them, so that the
    cost is that of the years, not of the grants."""
    c = Conditions()
    c.add("published")
    c.add("approved_on IS NOT NULL")
    if body:
        c.add("tenant = ?", normal(body))
    ends = []
    for order in ("", " DESC"):
        cursor.execute(f"SELECT approved_on FROM {schema.GRANTS.name}{c.where} "
                       f"ORDER BY approved_on{order} LIMIT 1", c.params)
        found = cursor.fetchone()
        if found is None:
            return []
        ends.append(as_date(found[0]))
    first, last = ends
    if first is None or last is None:
        return []
    years = []
    for start in range(FinancialYear.of(first).start_year,
                       FinancialYear.of(last).start_year + 1):
        year = FinancialYear(start)
        cursor.execute(f"SELECT 1 FROM {schema.GRANTS.name}{c.where} AND approved_on "
                       "BETWEEN ? AND ? LIMIT 1", [*c.params, year.start, year.end])
        if cursor.fetchone():
            years.append(str(year))
    return years[::-1]
