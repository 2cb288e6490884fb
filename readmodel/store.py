"""The records' state kept in the register and ledger rows: loaded for translation, and written
back with the entries translation made, all through the cursor of one transaction."""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from readmodel import schema
from readmodel.postings import Measure
from readmodel.sql import Cursor, among, as_date, batched, insert, upsert
from readmodel.state import (
    Contribution,
    DecisionState,
    FunderYear,
    FundState,
    GrantState,
    ProgrammeState,
    State,
    Years,
)
from readmodel.translation import UNPOSTED, Entries, Recorded, UnknownEventError

GRANT_FACTS = [c for c in schema.GRANTS.names if not c.endswith("_pence") and c != "tenant"]
JOURNAL_COLUMNS = ["position", "seq", "dated", "measure", "amount_pence", "body", "year",
                   "grant_id", "decision_id", "fund_id", "programme_id", "funder"]
Key = tuple[type, str]
Write = tuple[str, list[tuple[Any, ...]]]
"""A statement and the rows to execute it with."""
GRANT_CHANGES = ("status", "period_end", "profile_stated", "approved_on", "agreement_signed_on",
                 "notice_given_on",
                 "termination_effective_on", "terminated_on", "closed_on", "purpose",
                 "conditions",
                 "crime_reduction_reasons", "published", "published_on", "published_url",
                 *(c for c in schema.GRANTS.names if c.endswith("_pence")))


class StoredBooks:
    """The state of the records a batch of events touches, loaded once and kept in memory
    while it is translated. With a capacity it keeps that many records between batches
    (least recently used go first), so that a rebuild rereads little."""

    def __init__(self, cursor: Cursor | None, capacity: int = 0) -> None:
        self.cursor = cursor
        self.capacity = capacity
        self.records: OrderedDict[Key, State] = OrderedDict()
        self.absent: set[Key] = set()
        self.dirty: dict[int, State] = {}

    # -- what translation asks for ----------------------------------------------------------

    def grant(self, grant_id: str) -> GrantState:
        return self.need(GrantState, grant_id)  # type: ignore[return-value]

    def decision(self, decision_id: str) -> DecisionState:
        return self.need(DecisionState, decision_id)  # type: ignore[return-value]

    def fund(self, fund_id: str) -> FundState:
        return self.need(FundState, fund_id)  # type: ignore[return-value]

    def find_fund(self, fund_id: str) -> FundState | None:
        found = self.found(FundState, fund_id)
        return found if isinstance(found, FundState) else None

    def programme(self, programme_id: str) -> ProgrammeState:
        return self.need(ProgrammeState, programme_id)  # type: ignore[return-value]

    def add(self, state: State) -> None:
        key = (type(state), state.record_id)
        self.absent.discard(key)
        self.records[key] = state
        self.dirty[id(state)] = state

    def touch(self, state: State) -> None:
        self.dirty[id(state)] = state

    def need(self, kind: type, key: str) -> State:
        found = self.found(kind, key)
        if found is None:
            raise UnknownEventError(f"The journal knows no {kind.__name__[:-5].lower()} {key}")
        return found

    def found(self, kind: type, key: str) -> State | None:
        found = self.records.get((kind, key))
        if found is None:
            if (kind, key) not in self.absent:
                self.load(kind, [key])
                found = self.records.get((kind, key))
        elif self.capacity:
            self.records.move_to_end((kind, key))
        return found

    # -- loading ----------------------------------------------------------------------------

    def prefetch(self, events: Iterable[Recorded]) -> None:
        """Load, in a few queries, every record the events touch that is not yet in hand."""
        wanted: dict[type, set[str]] = defaultdict(set)
        created: set[str] = set()
        for event in events:
            if event.record_type in UNPOSTED:
                continue
            if event.kind in CREATIONS:
                created.add(event.record_id)
            else:
                wanted[RECORD_TYPES[event.record_type]].add(event.record_id)
            if event.kind in ("Fund.Committed", "Fund.Released"):
                wanted[GrantState].add(str(event.fields["grant_id"]))
            elif event.kind == "Grant.Proposed" and event.fields["fund"]:
                wanted[FundState].add(fund_key(event.fields))
        for state_type, ids in wanted.items():
            missing = [i for i in ids - created if (state_type, i) not in self.records
                       and (state_type, i) not in self.absent]
            for start in range(0, len(missing), 500):
                self.load(state_type, missing[start:start + 500])

    def load(self, kind: type, ids: Sequence[str]) -> None:
        assert self.cursor is not None, "records are loaded through a transaction's cursor"
        loaded = LOADERS[kind](self.cursor, ids)
        for state in loaded:
            self.records[(kind, state.record_id)] = state
        self.absent |= {(kind, i) for i in ids} - {(kind, s.record_id) for s in loaded}

    # -- writing ----------------------------------------------------------------------------

    def flush(self, entries: Entries) -> None:
        """Write the entries and every record changed since the last flush."""
        assert self.cursor is not None, "records are written through a transaction's cursor"
        execute(self.cursor, self.changes(entries))

    def changes(self, entries: Entries) -> list[Write]:
        """What writing the entries and the records changed since the last flush takes; the
        records are then taken as written."""
        states = list(self.dirty.values())
        writes = [
            *entry_writes(entries),
            *grant_writes([s for s in states if isinstance(s, GrantState)]),
            *decision_writes([s for s in states if isinstance(s, DecisionState)]),
            *fund_writes([s for s in states if isinstance(s, FundState)]),
            *programme_writes([s for s in states if isinstance(s, ProgrammeState)]),
            *sum_writes(entries.postings),
        ]
        self.dirty.clear()
        while self.capacity and len(self.records) > self.capacity:
            self.records.popitem(last=False)
        if len(self.absent) > max(self.capacity, 1000):
            self.absent.clear()
        return writes

CREATIONS = ("Decision.Drafted", "Grant.Proposed", "Fund.Established", "Programme.Registered")
RECORD_TYPES: dict[str, type] = {
    "Decision": DecisionState, "Grant": GrantState, "Fund": FundState,
    "Programme": ProgrammeState,
}


def fund_key(fields: Any) -> str:
    from domain.identity import fund_id

    return str(fund_id(fields["body"], fields["fund"]))


def load_grants(cursor: Cursor, ids: Sequence[str]) -> list[GrantState]:
    where, params = among(cursor, "g.grant_id", ids)
    cursor.execute(
        f"SELECT {', '.join('g.' + c for c in GRANT_FACTS)}, g.still_payable_pence, "
        f"g.awarded_pence, "
        f"COALESCE(f.funder, '') FROM {schema.GRANTS.name} g LEFT JOIN {schema.FUNDS.name} f "
        f"ON f.fund_id = g.fund_id WHERE {where}",
        params,
    )
    grants = {}
    for row in cursor.fetchall():
        facts = dict(zip(GRANT_FACTS, row, strict=False))
        for name in ("created_on", "period_start", "period_end", "approved_on",
                     "agreement_signed_on", "notice_given_on", "termination_effective_on",
                     "terminated_on", "closed_on", "published_on"):
            facts[name] = as_date(facts[name])
        facts["up_to"] = bool(facts["up_to"])
        facts["profile_stated"] = bool(facts["profile_stated"])
        facts["regrants"] = bool(facts["regrants"])
        facts["published"] = bool(facts["published"])
        grant = GrantState(**facts, fund_funder=row[-1], awarded=row[-2],
                           still_payable=row[-3])
        grants[grant.grant_id] = grant
    where, params = among(cursor, "grant_id", ids)
    cursor.execute(f"{GRANT_PARTS.format(where=where)} ORDER BY 2, 1, 3", [*params] * 3)
    for part, grant_id, _, year, funder, *amounts in cursor.fetchall():
        grant = grants[grant_id]
        if part == "y":
            grant.years[year] = Years(*amounts)
        elif part == "f":
            grant.funders[(year, funder)] = FunderYear(*amounts[:4])
        else:
            grant.contributions.append(Contribution(funder, year, amounts[0],
                                                    bool(amounts[1])))
    return list(grants.values())


# A grant's years, funders' parts and contributions, in one query: part, grant, order, year,
# funder, then the amounts.
GRANT_PARTS = " UNION ALL ".join([
    f"SELECT 'y', grant_id, 0, year, '', "
    f"{', '.join(f'{m}_pence' for m in schema.YEAR_MEASURES)} "
    f"FROM {schema.GRANT_YEARS.name} WHERE {{where}}",
    f"SELECT 'f', grant_id, 0, year, funder, committed_pence, paid_pence, repaid_pence, "
    f"in_kind_pence, 0, 0 FROM {schema.GRANT_FUNDERS.name} WHERE {{where}}",
    f"SELECT 'c', grant_id, seq, year, funder, amount_pence, "
    f"CASE WHEN in_kind THEN 1 ELSE 0 END, 0, 0, 0, 0 FROM {schema.CONTRIBUTIONS.name} "
    f"WHERE {{where}}",
])
DECISION_FACTS = [c for c in schema.DECISIONS.names if c not in ("drawn_pence", "tenant")]


def load_decisions(cursor: Cursor, ids: Sequence[str]) -> list[DecisionState]:
    where, params = among(cursor, "decision_id", ids)
    cursor.execute(
        f"SELECT {', '.join(DECISION_FACTS)} FROM {schema.DECISIONS.name} WHERE {where}", params
    )
    decisions = {}
    for row in cursor.fetchall():
        facts = dict(zip(DECISION_FACTS, row, strict=True))
        for name in ("created_on", "drafted_on", "report_date", "decided_on", "published_on"):
            facts[name] = as_date(facts[name])
        facts["authorised"] = facts.pop("authorised_pence")
        for name in ("significant", "part2_exists", "published"):
            facts[name] = bool(facts[name])
        decisions[facts["decision_id"]] = DecisionState(**facts)
    cursor.execute(
        f"SELECT decision_id, grant_id, authorisation, drawn_pence FROM "
        f"{schema.DECISION_GRANTS.name} WHERE {where}", params)
    for decision_id, grant_id, authorisation, drawn in cursor.fetchall():
        decisions[decision_id].drawn.setdefault(grant_id, {})[authorisation] = drawn
    return list(decisions.values())


def load_funds(cursor: Cursor, ids: Sequence[str]) -> list[FundState]:
    where, params = among(cursor, "fund_id", ids)
    columns = [c for c in schema.FUNDS.names if c != "tenant"]
    cursor.execute(f"SELECT {', '.join(columns)} FROM {schema.FUNDS.name} WHERE {where}", params)
    funds = {}
    for row in cursor.fetchall():
        facts = dict(zip(columns, row, strict=True))
        facts["created_on"] = as_date(facts["created_on"]) or date.min
        facts["total_budget"] = facts.pop("total_budget_pence")
        funds[facts["fund_id"]] = FundState(**facts)
    cursor.execute(
        f"SELECT fund_id, year, budget_pence FROM {schema.FUND_YEARS.name} WHERE {where}",
        params)
    for fund_id, year, budget in cursor.fetchall():
        funds[fund_id].budgets[year] = budget
    return list(funds.values())


def load_programmes(cursor: Cursor, ids: Sequence[str]) -> list[ProgrammeState]:
    where, params = among(cursor, "programme_id", ids)
    cursor.execute(
        f"SELECT programme_id, name, lead_body, created_on FROM {schema.PROGRAMMES.name} "
        f"WHERE {where}", params)
    return [ProgrammeState(i, name, lead, as_date(on) or date.min)
            for i, name, lead, on in cursor.fetchall()]


LOADERS: dict[type, Any] = {
    GrantState: load_grants, DecisionState: load_decisions, FundState: load_funds,
    ProgrammeState: load_programmes,
}


def execute(cursor: Cursor, writes: Iterable[Write]) -> None:
    with batched(cursor):
        for statement, rows in writes:
            cursor.executemany(statement, rows)


def entry_writes(entries: Entries) -> list[Write]:
    appended = [
        (schema.AUDIT, schema.AUDIT.names, entries.audit),
        (schema.JOURNAL, JOURNAL_COLUMNS, entries.postings),
        (schema.HISTORY, schema.HISTORY.names, entries.history),
        (schema.EXCEPTIONS, schema.EXCEPTIONS.names, entries.exceptions),
        (schema.CONTRIBUTIONS, schema.CONTRIBUTIONS.names, entries.contributions),
        (schema.DISCREPANCIES, schema.DISCREPANCIES.names[:-2], entries.discrepancies),
        (schema.CONFLICTS, schema.CONFLICTS.names[:-3], entries.conflicts),
    ]
    writes = [(insert(table.name, columns), rows) for table, columns, rows in appended if rows]
    if entries.rechecked:
        writes.append((
            f"UPDATE {schema.DISCREPANCIES.name} SET superseded_at = ?, superseded_on = ? "
            "WHERE record_id = ? AND position < ? AND superseded_at IS NULL",
            [(position, dated, record, position) for position, dated, record in
             entries.rechecked],
        ))
    if entries.resolved:
        writes.append((
            f"UPDATE {schema.CONFLICTS.name} SET resolved_at = ?, resolved_on = ?, "
            "resolved_value = ? WHERE record_id = ? AND fact = ?", entries.resolved))
    return writes


def grant_writes(grants: Sequence[GrantState]) -> list[Write]:
    if not grants:
        return []
    rows = [g.columns() for g in grants]
    writes: list[Write] = [(
        upsert(schema.GRANTS.name, list(rows[0]), schema.GRANTS.key, changing=GRANT_CHANGES),
        [tuple(r.values()) for r in rows])]
    years = [(g.grant_id, label, *(getattr(y, m) for m in schema.YEAR_MEASURES))
             for g in grants for label, y in g.years.items()]
    if years:
        writes.append((upsert(schema.GRANT_YEARS.name, schema.GRANT_YEARS.names,
                              schema.GRANT_YEARS.key), years))
    funders = [(g.grant_id, label, funder, p.committed, p.paid, p.repaid, p.in_kind)
               for g in grants for (label, funder), p in g.funders.items()]
    if funders:
        writes.append((upsert(schema.GRANT_FUNDERS.name, schema.GRANT_FUNDERS.names,
                              schema.GRANT_FUNDERS.key), funders))
    return writes


def decision_writes(decisions: Sequence[DecisionState]) -> list[Write]:
    if not decisions:
        return []
    rows = [d.columns() for d in decisions]
    writes: list[Write] = [(upsert(schema.DECISIONS.name, list(rows[0]), schema.DECISIONS.key),
                            [tuple(r.values()) for r in rows])]
    drawn, redrawn = [], []
    for d in decisions:
        for grant_id in d.changed_grants:
            redrawn.append((d.decision_id, grant_id))
            drawn += [(d.decision_id, grant_id, authorisation, amount)
                      for authorisation, amount in d.drawn.get(grant_id, {}).items()]
        d.changed_grants.clear()
    if redrawn:
        writes.append((f"DELETE FROM {schema.DECISION_GRANTS.name} "
                       "WHERE decision_id = ? AND grant_id = ?", redrawn))
    if drawn:
        writes.append((insert(schema.DECISION_GRANTS.name, schema.DECISION_GRANTS.names),
                       drawn))
    return writes


def fund_writes(funds: Sequence[FundState]) -> list[Write]:
    writes: list[Write] = []
    new = [tuple(f.columns().values()) for f in funds if f.new]
    if new:
        writes.append((insert(schema.FUNDS.name, list(funds[0].columns())), new))
    budgets = [(f.fund_id, year, f.budgets[year]) for f in funds for year in f.changed_budgets]
    if budgets:
        writes.append((upsert(schema.FUND_YEARS.name, ["fund_id", "year", "budget_pence"],
                              schema.FUND_YEARS.key), budgets))
    for f in funds:
        f.new = False
        f.changed_budgets.clear()
    return writes


def programme_writes(programmes: Sequence[ProgrammeState]) -> list[Write]:
    new = [tuple(p.columns().values()) for p in programmes if p.new]
    for p in programmes:
        p.new = False
    return [(insert(schema.PROGRAMMES.name, schema.PROGRAMMES.names), new)] if new else []


# Which postings each ledger sums, by its key: (table, key columns, measure → column).
SUMS: tuple[tuple[schema.Table, tuple[str, ...], dict[Measure, str]], ...] = (
    (schema.FUND_YEARS, ("fund_id", "year"), {
        Measure.CHARGED: "committed_pence", Measure.PAID: "paid_pence",
        Measure.REPAID: "repaid_pence"}),
    (schema.PROGRAMME_YEARS, ("programme_id", "funder", "year"), {
        Measure.PLEDGED_CASH: "pledged_cash_pence",
        Measure.PLEDGED_IN_KIND: "pledged_in_kind_pence",
        Measure.COMMITTED: "granted_pence", Measure.GRANTED_IN_KIND: "granted_in_kind_pence",
        Measure.PAID: "paid_pence", Measure.REPAID: "repaid_pence"}),
    (schema.BODY_YEARS, ("body", "year"), {
        Measure.COMMITTED: "committed_pence", Measure.PAID: "paid_pence",
        Measure.REPAID: "repaid_pence"}),
)
POSITION = {name: i for i, name in enumerate(JOURNAL_COLUMNS)}


def sum_writes(postings: Sequence[tuple[Any, ...]]) -> list[Write]:
    """Add the postings to the ledgers that sum them across records."""
    writes: list[Write] = []
    for table, key, measures in SUMS:
        columns = list(dict.fromkeys(measures.values()))
        totals: dict[tuple[Any, ...], list[int]] = {}
        at = [POSITION[k] for k in key]
        for posting in postings:
            column = measures.get(posting[3])
            if column is None:
                continue
            keys = tuple(posting[i] for i in at)
            if None in keys:
                continue
            row = totals.get(keys)
            if row is None:
                row = totals[keys] = [0] * len(columns)
            row[columns.index(column)] += posting[4]
        if totals:
            writes.append((upsert(table.name, [*key, *columns], table.key, adding=columns),
                           [(*k, *v) for k, v in totals.items()]))
    return writes
