"""What the ledgers must say, worked out independently of the journal: the log folded into the
domain's own records, and their figures read from those records.

Now and as known at a position: the records folded from the events up to it. As at a date:
each event's effect on the figures, as the records show it just before and after the event,
counted from the event's date (the date of its record's creation if that is later); facts are
the records folded in order of date, then of recording."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, CanInitAggregate
from eventsourcing.persistence import StoredEvent

from adapters.system import System
from domain.decision import Decision
from domain.fund import Fund
from domain.grant import Grant
from domain.programme import Programme
from domain.shares import evenly
from domain.values import GrantStatus
from readmodel.model import ReadModel
from readmodel.points import Point

COMMITTING = (GrantStatus.APPROVED, GrantStatus.AGREED, GrantStatus.NOTICE_GIVEN,
              GrantStatus.TERMINATED)
Figures = dict[tuple[Any, ...], int]


@dataclass(frozen=True)
class Logged:
    position: int
    event: Any


def log(system: System) -> list[Logged]:
    database = system.database
    with database.transaction(write=False) as cursor:
        cursor.execute(
            f"SELECT {database.position_column}, originator_id, originator_version, topic, state "
            f"FROM {database.events_table} ORDER BY {database.position_column}")
        rows = cursor.fetchall()
    mapper = system.app.mapper
    return [Logged(int(p), mapper.to_domain_event(StoredEvent(UUID(str(o)), v, t, bytes(s))))
            for p, o, v, t, s in rows]


class Books:
    def __init__(self) -> None:
        self.records: dict[UUID, Aggregate] = {}

    def apply(self, event: Any) -> None:
        record: Aggregate = event.mutate(self.records.get(event.originator_id))
        self.records[record.id] = record

    def apply_dated(self, event: Any) -> None:
        record = self.records.get(event.originator_id)
        if isinstance(event, CanInitAggregate):
            if record is None:
                self.records[event.originator_id] = event.mutate(None)
        elif record is not None:
            event.apply(record)

    def of(self, kind: type) -> Iterator[Any]:
        return (r for r in self.records.values() if isinstance(r, kind))


def folded(events: list[Logged], through: int | None = None) -> Books:
    books = Books()
    for logged in events:
        if through is None or logged.position <= through:
            books.apply(logged.event)
    return books


def money(books: Books) -> Figures:
    """Every figure the journal sums, keyed by (ledger, record, …, measure)."""
    found: Figures = {}

    def put(key: tuple[Any, ...], pence: int) -> None:
        if pence:
            found[key] = found.get(key, 0) + pence

    for grant in books.of(Grant):
        g = str(grant.id)
        put(("grant", g, "awarded"), grant.amount.pence)
        for year, amount in grant.profile.items():
            put(("grant year", g, str(year), "profiled"), amount.pence)
        for year, amount in committed(grant).items():
            put(("grant year", g, str(year), "committed"), amount)
        for year, amount in grant.paid_by_year.items():
            put(("grant year", g, str(year), "paid"), amount.pence)
        for year, amount in grant.repaid_by_year.items():
            put(("grant year", g, str(year), "repaid"), amount.pence)
    for fund in books.of(Fund):
        for grant_id, lines in fund.commitments.items():
            for line in lines:
                put(("grant year", str(grant_id), str(line.year), "charged"), line.amount.pence)
                put(("fund year", str(fund.id), str(line.year), "committed"), line.amount.pence)
    for decision in books.of(Decision):
        d = str(decision.id)
        put(("decision", d, "authorised"), sum(a.amount.pence for a in decision.authorisations))
        for grant_id in decision.drawn:
            put(("decision", d, "drawn"), decision.drawn_for(grant_id).pence)
    for programme in books.of(Programme):
        for pledge in programme.pledges:
            kind = "in kind" if pledge.in_kind else "cash"
            for year, pence in evenly(pledge.amount.pence, [str(y) for y in pledge.years]):
                put(("pledged", str(programme.id), pledge.funder, year, kind), pence)
    return found


def committed(grant: Grant) -> dict[Any, int]:
    if grant.status in COMMITTING or grant.status is GrantStatus.CLOSED:
        return {line.year: line.amount.pence for line in grant.committed_lines()}
    return {}


def facts(books: Books) -> dict[str, dict[str, Any]]:
    """The facts of each record that the registers show."""
    found: dict[str, dict[str, Any]] = {}
    for grant in books.of(Grant):
        found[str(grant.id)] = {
            "status": grant.status.value, "approved_on": grant.approved_on,
            "notice_given_on": grant.notice_given_on,
            "termination_effective_on": grant.termination_effective_on,
            "closed_on": grant.closed_on}
    for decision in books.of(Decision):
        found[str(decision.id)] = {
            "status": decision.status.value, "decided_on": decision.decided_on,
            "published_on": decision.published_on,
            "sign_offs": "; ".join(s.describe for s in decision.sign_offs)}
    for fund in books.of(Fund):
        budgets = {str(y): a.pence for y, a in fund.budgets.items()}
        if fund.total_budget is not None and fund.first_year == fund.last_year:
            budgets.setdefault(str(fund.first_year), fund.total_budget.pence)
        found[str(fund.id)] = {"budgets": budgets}
    return found


def known_at(events: list[Logged], position: int) -> tuple[Figures, dict[str, Any]]:
    books = folded(events, position)
    return money(books), facts(books)


def as_at(events: list[Logged], day: date) -> tuple[Figures, dict[str, Any]]:
    """The figures as at a date: each event's effect, counted from its date."""
    books, created = Books(), {}
    totals: Figures = defaultdict(int)
    dated: list[tuple[date, int, Any]] = []
    for logged in events:
        event = logged.event
        created.setdefault(event.originator_id, event.business_date)
        on = max(event.business_date, created[event.originator_id])
        before = money(books)
        books.apply(event)
        if on <= day:
            after = money(books)
            for key in {*before, *after}:
                totals[key] += after.get(key, 0) - before.get(key, 0)
        dated.append((on, logged.position, event))
    by_date = Books()
    for on, _, event in sorted(dated, key=lambda d: (d[0], d[1])):
        if on <= day:
            by_date.apply_dated(event)
    return {k: v for k, v in totals.items() if v}, facts(by_date)


def from_ledgers(ledgers: ReadModel, point: Point) -> tuple[Figures, dict[str, Any]]:
    """The same figures and facts, as the read model answers them at the point."""
    found: Figures = {}

    def put(key: tuple[Any, ...], pence: int) -> None:
        if pence:
            found[key] = pence

    facts_found: dict[str, dict[str, Any]] = {}
    for g in ledgers.grants(point=point).rows:
        put(("grant", g.grant_id, "awarded"), g.awarded_pence)
        facts_found[g.grant_id] = {
            "status": g.status, "approved_on": g.approved_on,
            "notice_given_on": g.notice_given_on,
            "termination_effective_on": g.termination_effective_on, "closed_on": g.closed_on}
    for y in ledgers.grant_years(point=point).rows:
        for measure in ("profiled", "committed", "charged", "paid", "repaid"):
            put(("grant year", y.grant_id, y.year, measure), getattr(y, f"{measure}_pence"))
    for f in ledgers.funds(point=point).rows:
        put(("fund year", f.fund_id, f.year, "committed"), f.committed_pence)
        budgets = facts_found.setdefault(f.fund_id, {"budgets": {}})["budgets"]
        if f.budget_pence is not None:
            budgets[f.year] = f.budget_pence
    for d in ledgers.decisions(point=point).rows:
        put(("decision", d.decision_id, "authorised"), d.authorised_pence)
        put(("decision", d.decision_id, "drawn"), d.drawn_pence)
        facts_found[d.decision_id] = {
            "status": d.status, "decided_on": d.decided_on, "published_on": d.published_on,
            "sign_offs": d.sign_offs}
    for p in ledgers.programmes(point=point).rows:
        put(("pledged", p.programme_id, p.funder, p.year, "cash"), p.pledged_cash_pence)
        put(("pledged", p.programme_id, p.funder, p.year, "in kind"), p.pledged_in_kind_pence)
    return found, facts_found
