"""The ledgers as SQL: now, from the register and ledger rows kept current by the journal; at
a past point, from the facts and postings of just the records asked about. Lists filter and
page in SQL where the answer allows it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, TypeVar

from domain.financial_year import FinancialYear
from domain.identity import normal
from domain.notice import notice_takes_effect
from domain.shares import over_period
from readmodel import points, schema
from readmodel.points import Cut, Point
from readmodel.rows import (
    BodyExposureRow,
    ConflictRow,
    ContributionRow,
    DecisionRow,
    DiscrepancyRow,
    ExceptionRow,
    ExposureRow,
    ExposureYearRow,
    FundRow,
    GrantRow,
    GrantYearRow,
    Listed,
    ProgrammeRow,
)
from readmodel.sql import Cursor, among, as_date
from readmodel.state import LIVE

T = TypeVar("T")
MEASURES = ("awarded", "profiled", "committed", "charged", "paid", "repaid", "released")


@dataclass(frozen=True)
class ListQuery:
    """What to list. `tenant` limits it to one body's records (and, for decisions, any
    body's published ones); an empty filter does not filter; no limit lists them all."""

    tenant: str | None = None
    body: str = ""
    status: str = ""
    financial_year: FinancialYear | None = None
    recipient: str = ""
    decision_id: str = ""
    grant_id: str = ""
    words: str = ""
    """Grants whose title or recipient holds these words."""
    published_only: bool = False
    limit: int | None = None
    offset: int = 0

    def page(self, items: list[T]) -> list[T]:
        end = None if self.limit is None else self.offset + self.limit
        return items[self.offset:end]


EVERYTHING = ListQuery()


class Conditions:
    def __init__(self) -> None:
        self.sql: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> None:
        self.sql.append(sql)
        self.params += params

    @property
    def where(self) -> str:
        return f" WHERE {' AND '.join(self.sql)}" if self.sql else ""


def paging(cursor: Cursor, limit: int | None, offset: int) -> tuple[str, list[Any]]:
    if limit is None and not offset:
        return "", []
    if limit is None and cursor.dialect == "sqlite":
        limit = -1
    return " LIMIT ? OFFSET ?", [limit, offset]


def count(cursor: Cursor, table: str, c: Conditions) -> int:
    cursor.execute(f"SELECT COUNT(*) FROM {table}{c.where}", c.params)
    return int(cursor.fetchone()[0])


LIKE = "LIKE ? ESCAPE '!'"


def contains(text: str) -> str:
    escaped = text.strip().lower().replace("!", "!!").replace("%", "!%").replace("_", "!_")
    return f"%{escaped}%"


def outstanding(committed: int, paid: int, repaid: int) -> int:
    return max(committed - paid + repaid, 0)


# -- grants ---------------------------------------------------------------------------------

GRANT_FACTS = ("grant_id", "decision_id", "decision_reference", "body", "title", "recipient",
               "partners", "programme", "fund", "status", "up_to", "regrants", "profile_stated",
               "period_start", "period_end",
               "approved_on", "notice_given_on", "termination_effective_on", "closed_on")
GRANT_ORDER = "tenant, decision_reference, title, grant_id"


def grant_row(facts: Mapping[str, Any], money: Mapping[str, int]) -> GrantRow:
    m = {name: money.get(name, 0) for name in MEASURES}
    return GrantRow(
        grant_id=facts["grant_id"], decision_id=facts["decision_id"],
        decision_reference=facts["decision_reference"], body=facts["body"],
        title=facts["title"], recipient=facts["recipient"], partners=facts["partners"],
        programme=facts["programme"], fund=facts["fund"], status=facts["status"],
        up_to=bool(facts["up_to"]), regrants=bool(facts["regrants"]),
        profile_stated=bool(facts["profile_stated"]), awarded_pence=m["awarded"],
        profiled_pence=m["profiled"],
        committed_pence=m["committed"], charged_pence=m["charged"], paid_pence=m["paid"],
        repaid_pence=m["repaid"], released_pence=m["released"],
        outstanding_pence=outstanding(m["committed"], m["paid"], m["repaid"]),
        period_start=as_date(facts["period_start"]), period_end=as_date(facts["period_end"]),
        approved_on=as_date(facts["approved_on"]),
        notice_given_on=as_date(facts["notice_given_on"]),
        termination_effective_on=as_date(facts["termination_effective_on"]),
        closed_on=as_date(facts["closed_on"]),
    )


def grant_conditions(query: ListQuery) -> Conditions:
    c = Conditions()
    if query.tenant is not None:
        c.add("tenant = ?", normal(query.tenant))
    if query.body:
        c.add("tenant = ?", normal(query.body))
    if query.recipient:
        c.add(f"LOWER(recipient) {LIKE}", contains(query.recipient))
    if query.decision_id:
        c.add("decision_id = ?", query.decision_id)
    if query.grant_id:
        c.add(f"{schema.GRANTS.name}.grant_id = ?", query.grant_id)
    for word in query.words.split():
        c.add(f"(LOWER(title) {LIKE} OR LOWER(recipient) {LIKE})", contains(word),
              contains(word))
    return c


def grants(cursor: Cursor, query: ListQuery, point: Point) -> Listed[GrantRow]:
    c = grant_conditions(query)
    if point.is_now:
        if query.status:
            c.add("status = ?", query.status)
        if query.financial_year is not None:
            c.add(f"grant_id IN (SELECT grant_id FROM {schema.GRANT_YEARS.name} WHERE year = ?)",
                  str(query.financial_year))
        limit, params = paging(cursor, query.limit, query.offset)
        cursor.execute(
            f"SELECT {', '.join(GRANT_FACTS)}, {', '.join(f'{m}_pence' for m in MEASURES)} "
            f"FROM {schema.GRANTS.name}{c.where} ORDER BY {GRANT_ORDER}{limit}",
            [*c.params, *params])
        rows = [grant_row(dict(zip(GRANT_FACTS, row, strict=False)),
                          dict(zip(MEASURES, row[len(GRANT_FACTS):], strict=True)))
                for row in cursor.fetchall()]
        return Listed(rows, count(cursor, schema.GRANTS.name, c))
    at = points.cut(cursor, point)
    if not query.status and query.financial_year is None:
        page, total = grants_paged_at(cursor, c, at, query)
        money = points.sums(cursor, "grant_id", [f["grant_id"] for f in page], at)
        return Listed([grant_row(f, money.get((f["grant_id"],), {})) for f in page], total)
    found = grants_at(cursor, c, at)
    if query.status:
        found = [f for f in found if f["status"] == query.status]
    if query.financial_year is not None:
        year = str(query.financial_year)
        by_year = points.sums(cursor, "grant_id", [f["grant_id"] for f in found], at, ["year"])
        with_year = {key[0] for key, m in by_year.items() if key[1] == year and any(m.values())}
        found = [f for f in found if f["grant_id"] in with_year]
    page = query.page(found)
    money = points.sums(cursor, "grant_id", [f["grant_id"] for f in page], at)
    return Listed([grant_row(f, money.get((f["grant_id"],), {})) for f in page], len(found))


def grants_at(cursor: Cursor, c: Conditions, at: Cut) -> list[dict[str, Any]]:
    """The facts at the cut of the grants meeting the conditions, in the ledger's order."""
    existing(c, at)
    cursor.execute(f"SELECT grant_id FROM {schema.GRANTS.name}{c.where} ORDER BY {GRANT_ORDER}",
                   c.params)
    ids = [row[0] for row in cursor.fetchall()]
    known = points.facts(cursor, ids, at)
    return [known[i] for i in ids if i in known]


def grants_paged_at(cursor: Cursor, c: Conditions, at: Cut,
                    query: ListQuery) -> tuple[list[dict[str, Any]], int]:
    """One page of the grants existing at the cut, paged in SQL: only the page's facts are
    read, so the cost follows the page, not how many grants the body has had."""
    existing(c, at)
    limit, params = paging(cursor, query.limit, query.offset)
    cursor.execute(f"SELECT grant_id FROM {schema.GRANTS.name}{c.where} "
                   f"ORDER BY {GRANT_ORDER}{limit}", [*c.params, *params])
    ids = [row[0] for row in cursor.fetchall()]
    known = points.facts(cursor, ids, at)
    return [known[i] for i in ids if i in known], count(cursor, schema.GRANTS.name, c)


def existing(c: Conditions, at: Cut) -> None:
    """Records made at or before the cut: dated on or before its day, recorded by then."""
    if at.day is not None:
        c.add("created_on <= ?", at.day)
    if at.position is not None:
        c.add("created_at <= ?", at.position)


def grant_years(cursor: Cursor, query: ListQuery, point: Point) -> Listed[GrantYearRow]:
    c = grant_conditions(query)
    if point.is_now:
        nonzero = " OR ".join(f"y.{m}_pence <> 0" for m in schema.YEAR_MEASURES)
        where = c.where.replace(" WHERE ", " AND ", 1) if c.where else ""
        g = schema.GRANTS.name
        joined = (f"{schema.GRANT_YEARS.name} y JOIN {g} "
                  f"ON {g}.grant_id = y.grant_id WHERE ({nonzero}){where}")
        limit, params = paging(cursor, query.limit, query.offset)
        cursor.execute(
            f"SELECT y.grant_id, y.year, "
            f"{', '.join(f'y.{m}_pence' for m in schema.YEAR_MEASURES)} FROM {joined} "
            f"ORDER BY {g}.tenant, {g}.decision_reference, {g}.title, y.grant_id, "
            f"y.year{limit}",
            [*c.params, *params])
        rows = [GrantYearRow(*row) for row in cursor.fetchall()]
        cursor.execute(f"SELECT COUNT(*) FROM {joined}", c.params)
        return Listed(rows, int(cursor.fetchone()[0]))
    at = points.cut(cursor, point)
    ids = [f["grant_id"] for f in grants_at(cursor, c, at)]
    money = points.sums(cursor, "grant_id", ids, at, ["year"])
    order = {grant_id: i for i, grant_id in enumerate(ids)}
    found = sorted(((key, m) for key, m in money.items()
                    if key[1] is not None and any(m.values())),
                   key=lambda item: (order[item[0][0]], item[0][1]))
    rows = [GrantYearRow(grant_id, year,
                         *(m.get(name, 0) for name in schema.YEAR_MEASURES))
            for (grant_id, year), m in found]
    return Listed(query.page(rows), len(rows))


def contributions(cursor: Cursor, grant_ids: Sequence[str]) -> list[ContributionRow]:
    found: list[ContributionRow] = []
    for start in range(0, len(grant_ids), points.CHUNK):
        where, params = among(cursor, "grant_id", grant_ids[start:start + points.CHUNK])
        cursor.execute(
            f"SELECT grant_id, funder, year, amount_pence, in_kind FROM "
            f"{schema.CONTRIBUTIONS.name} WHERE {where} ORDER BY grant_id, seq", params)
        found += [ContributionRow(g, f, y, a, bool(k)) for g, f, y, a, k in cursor.fetchall()]
    return found


# -- exposure -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Live:
    """What working out a live grant's exposure needs."""

    grant_id: str
    body: str
    title: str
    recipient: str
    awarded: int
    paid: int
    approved_on: date | None
    notice_months: int
    notice_days: int
    termination_effective_on: date | None
    period_start: date | None
    period_end: date | None
    created_on: date
    profile: dict[str, int]

    @property
    def plan(self) -> dict[str, int]:
        """The profile or, where the record states none, the award over the period by days."""
        if self.profile:
            return self.profile
        return {str(y): part for y, part in over_period(
            self.awarded, self.period_start, self.period_end, self.created_on)}


def exposure_of(grant: Live, notice_on: date) -> ExposureRow:
    """What the grant would still cost if notice were given on the day: what its plan has
    for the years starting before notice takes effect (or its period ends), less what is
    paid; the rest of what remains is released."""
    effective = grant.termination_effective_on or notice_takes_effect(
        max(notice_on, grant.approved_on or notice_on), grant.notice_months, grant.notice_days)
    if grant.period_end is not None:
        effective = min(effective, grant.period_end + timedelta(days=1))
    profiled = sum(amount for year, amount in grant.plan.items()
                   if FinancialYear.parse(year).start < effective)
    remaining = grant.awarded - grant.paid
    payable = min(max(profiled - grant.paid, 0), max(remaining, 0))
    return ExposureRow(grant.grant_id, grant.body, grant.title, grant.recipient, notice_on,
                       effective, payable, max(remaining - payable, 0))


LIVE_COLUMNS = ("grant_id", "body", "title", "recipient", "awarded_pence", "paid_pence",
                "approved_on", "notice_months", "notice_days", "termination_effective_on",
                "period_start", "period_end", "created_on")


def live_grants(cursor: Cursor, query: ListQuery, point: Point, on: date) -> Listed[Live]:
    """The grants still payable on a day: approved, not ended, their period not over."""
    c = grant_conditions(query)
    if point.is_now:
        c.add(schema.LIVE_GRANTS)
        c.add("(period_end IS NULL OR period_end >= ?)", on)
        limit, params = paging(cursor, query.limit, query.offset)
        cursor.execute(f"SELECT {', '.join(LIVE_COLUMNS)} FROM {schema.GRANTS.name}{c.where} "
                       f"ORDER BY {GRANT_ORDER}{limit}", [*c.params, *params])
        found = cursor.fetchall()
        profiles = profiles_now(cursor, [row[0] for row in found])
        live = [Live(row[0], row[1], row[2], row[3], row[4], row[5], as_date(row[6]), row[7],
                     row[8], as_date(row[9]), as_date(row[10]), as_date(row[11]),
                     as_date(row[12]) or on, profiles.get(row[0], {})) for row in found]
        return Listed(live, count(cursor, schema.GRANTS.name, c))
    at = points.cut(cursor, point)
    grants = [f for f in grants_at(cursor, c, at)
              if f["status"] in LIVE and not ended(as_date(f["period_end"]), on)]
    page = query.page(grants)
    money = points.sums(cursor, "grant_id", [f["grant_id"] for f in page], at, ["year"])
    by_grant: dict[str, dict[str, dict[str, int]]] = {}
    for (grant_id, year), m in money.items():
        by_grant.setdefault(grant_id, {})[year] = m
    live = []
    for f in page:
        years = by_grant.get(f["grant_id"], {})
        total = {name: sum(m.get(name, 0) for m in years.values()) for name in MEASURES}
        live.append(Live(
            f["grant_id"], f["body"], f["title"], f["recipient"], total["awarded"],
            total["paid"], as_date(f["approved_on"]), f["notice_months"], f["notice_days"],
            as_date(f["termination_effective_on"]), as_date(f["period_start"]),
            as_date(f["period_end"]), as_date(f["created_on"]) or on,
            {year: m.get("profiled", 0) for year, m in years.items() if m.get("profiled")}))
    return Listed(live, len(grants))


def ended(period_end: date | None, on: date) -> bool:
    return period_end is not None and period_end < on


def profiles_now(cursor: Cursor, grant_ids: Sequence[str]) -> dict[str, dict[str, int]]:
    found: dict[str, dict[str, int]] = {}
    for start in range(0, len(grant_ids), points.CHUNK):
        where, params = among(cursor, "grant_id", grant_ids[start:start + points.CHUNK])
        cursor.execute(f"SELECT grant_id, year, profiled_pence FROM {schema.GRANT_YEARS.name} "
                       f"WHERE {where} AND profiled_pence <> 0", params)
        for grant_id, year, amount in cursor.fetchall():
            found.setdefault(grant_id, {})[year] = amount
    return found


def exposure(cursor: Cursor, query: ListQuery, point: Point,
             notice_on: date) -> Listed[ExposureRow]:
    live = live_grants(cursor, query, point, notice_on)
    return Listed([exposure_of(grant, notice_on) for grant in live.rows], live.total)


def payable_by_year(grant: Live, notice_on: date) -> dict[str, int]:
    """The grant's exposure by the financial year its plan has it in: what is paid counts
    against the earliest years, and the years past what remains of the award are cut."""
    exposed = exposure_of(grant, notice_on)
    unpaid, left = grant.paid, exposed.payable_pence
    found: dict[str, int] = {}
    for year, amount in sorted((FinancialYear.parse(y), a) for y, a in grant.plan.items()):
        if year.start >= exposed.takes_effect_on:
            continue
        planned = max(amount, 0)
        covered = min(max(unpaid, 0), planned)
        unpaid -= covered
        part = min(planned - covered, left)
        left -= part
        if part:
            found[str(year)] = part
    return found


def exposure_years(cursor: Cursor, query: ListQuery, point: Point,
                   notice_on: date) -> list[ExposureYearRow]:
    live = live_grants(cursor, query, point, notice_on)
    return [ExposureYearRow(grant.grant_id, grant.body, grant.recipient, year, payable)
            for grant in live.rows
            for year, payable in payable_by_year(grant, notice_on).items()]


def exposure_by_body(cursor: Cursor, query: ListQuery, point: Point,
                     notice_on: date) -> list[BodyExposureRow]:
    every = exposure(cursor, ListQuery(tenant=query.tenant, body=query.body), point, notice_on)
    totals: dict[str, list[int]] = {}
    for row in every.rows:
        total = totals.setdefault(row.body, [0, 0, 0])
        total[0] += 1
        total[1] += row.payable_pence
        total[2] += row.released_pence
    return [BodyExposureRow(body, notice_on, *total) for body, total in sorted(totals.items())]


# -- funds ----------------------------------------------------------------------------------

FUND_COLUMNS = ("fund_id", "body", "name", "funder", "first_year", "last_year",
                "total_budget_pence")


def fund_row(fund: Mapping[str, Any], year: str, budget: int | None,
             m: Mapping[str, int]) -> FundRow:
    if budget is None and fund["total_budget_pence"] is not None \
            and fund["first_year"] == fund["last_year"]:
        budget = fund["total_budget_pence"]
    committed = m.get("committed", 0)
    return FundRow(fund["fund_id"], fund["body"], fund["name"], fund["funder"],
                   fund["total_budget_pence"], year, budget,
                   committed, m.get("paid", 0), m.get("repaid", 0),
                   None if budget is None else budget - committed)


def funds(cursor: Cursor, query: ListQuery, point: Point) -> Listed[FundRow]:
    c = Conditions()
    if query.tenant is not None:
        c.add("r.tenant = ?", normal(query.tenant))
    if query.body:
        c.add("r.tenant = ?", normal(query.body))
    if point.is_now:
        joined = (f"{schema.FUND_YEARS.name} l JOIN {schema.FUNDS.name} r "
                  f"ON r.fund_id = l.fund_id{c.where}")
        limit, params = paging(cursor, query.limit, query.offset)
        cursor.execute(
            f"SELECT {', '.join('r.' + col for col in FUND_COLUMNS)}, l.year, l.budget_pence, "
            f"l.committed_pence, l.paid_pence, l.repaid_pence FROM {joined} "
            f"ORDER BY r.tenant, r.name, r.fund_id, l.year{limit}", [*c.params, *params])
        rows = []
        for row in cursor.fetchall():
            fund = dict(zip(FUND_COLUMNS, row, strict=False))
            year, budget, committed, paid, repaid = row[len(FUND_COLUMNS):]
            rows.append(fund_row(fund, year, budget,
                                 {"committed": committed, "paid": paid, "repaid": repaid}))
        cursor.execute(f"SELECT COUNT(*) FROM {joined}", c.params)
        return Listed(rows, int(cursor.fetchone()[0]))
    at = points.cut(cursor, point)
    if at.day is not None:
        c.add("r.created_on <= ?", at.day)
    cursor.execute(f"SELECT r.fund_id FROM {schema.FUNDS.name} r{c.where} "
                   "ORDER BY r.tenant, r.name, r.fund_id", c.params)
    ids = [row[0] for row in cursor.fetchall()]
    known = points.facts(cursor, ids, at)
    money = points.sums(cursor, "fund_id", list(known), at, ["year"])
    rows = []
    for fund_id in (i for i in ids if i in known):
        fund = known[fund_id]
        budgets = fund.get("budgets", {})
        span = [str(y) for y in FinancialYear.parse(fund["first_year"]).through(
            FinancialYear.parse(fund["last_year"]))]
        posted = {year for (i, year), m in money.items() if i == fund_id and any(m.values())}
        for year in sorted({*span, *posted}):
            m = money.get((fund_id, year), {})
            rows.append(fund_row(fund, year, budgets.get(year), {
                "committed": m.get("charged", 0), "paid": m.get("paid", 0),
                "repaid": m.get("repaid", 0)}))
    return Listed(query.page(rows), len(rows))


# -- programmes -----------------------------------------------------------------------------

PROGRAMME_MEASURES = {"pledged in cash": "pledged_cash", "pledged in kind": "pledged_in_kind",
                      "committed": "granted", "granted in kind": "granted_in_kind",
                      "paid": "paid", "repaid": "repaid"}


def share_of(part: int, total: int) -> str:
    if not total:
        return "0.0000"
    return str((Decimal(part) / Decimal(total)).quantize(Decimal("0.0001"), ROUND_HALF_UP))


def programme_rows(name: str, programme_id: str,
                   lines: Iterable[tuple[str, str, Mapping[str, int]]]) -> list[ProgrammeRow]:
    """A programme's lines by funder and year, each funder's share being of all pledges, or
    of all grants where nothing is pledged."""
    lines = [(f, y, m) for f, y, m in lines if any(m.values())]
    pledged: dict[str, int] = {}
    granted: dict[str, int] = {}
    for funder, _, m in lines:
        pledged[funder] = pledged.get(funder, 0) + m.get("pledged_cash", 0) \
            + m.get("pledged_in_kind", 0)
        granted[funder] = granted.get(funder, 0) + m.get("granted", 0)
    basis = pledged if any(pledged.values()) else granted
    total = sum(basis.values())
    return [
        ProgrammeRow(programme_id, name, funder, year, m.get("pledged_cash", 0),
                     m.get("pledged_in_kind", 0), m.get("granted", 0),
                     m.get("granted_in_kind", 0), m.get("paid", 0),
                     m.get("repaid", 0), share_of(basis.get(funder, 0), total))
        for funder, year, m in sorted(lines, key=lambda line: (line[1], line[0]))
    ]


def programmes(cursor: Cursor, query: ListQuery, point: Point) -> Listed[ProgrammeRow]:
    cursor.execute(f"SELECT programme_id, name FROM {schema.PROGRAMMES.name} "
                   "ORDER BY name, programme_id")
    named = cursor.fetchall()
    rows: list[ProgrammeRow] = []
    if point.is_now:
        columns = [f"{m}_pence" for m in PROGRAMME_MEASURES.values()]
        cursor.execute(f"SELECT programme_id, funder, year, {', '.join(columns)} "
                       f"FROM {schema.PROGRAMME_YEARS.name}")
        lines: dict[str, list[tuple[str, str, dict[str, int]]]] = {}
        for programme_id, funder, year, *amounts in cursor.fetchall():
            lines.setdefault(programme_id, []).append(
                (funder, year, dict(zip(PROGRAMME_MEASURES.values(), amounts, strict=True))))
        for programme_id, name in named:
            rows += programme_rows(name, programme_id, lines.get(programme_id, []))
        return Listed(query.page(rows), len(rows))
    at = points.cut(cursor, point)
    known = points.facts(cursor, [i for i, _ in named], at)
    money = points.sums(cursor, "programme_id", list(known), at, ["funder", "year"])
    for programme_id, name in named:
        if programme_id in known:
            rows += programme_rows(name, programme_id, [
                (funder, year, {PROGRAMME_MEASURES[k]: v for k, v in m.items()
                                if k in PROGRAMME_MEASURES})
                for (i, funder, year), m in money.items() if i == programme_id])
    return Listed(query.page(rows), len(rows))


# -- decisions ------------------------------------------------------------------------------

DECISION_FACTS = ("decision_id", "body", "reference", "title", "status", "drafted_on",
                  "report_date", "authorises", "sign_offs", "decision_maker", "decided_on",
                  "publication", "published_on", "exception")


def decision_row(facts: Mapping[str, Any], m: Mapping[str, int]) -> DecisionRow:
    return DecisionRow(
        decision_id=facts["decision_id"], body=facts["body"], reference=facts["reference"],
        title=facts["title"], status=facts["status"], drafted_on=as_date(facts["drafted_on"]),
        report_date=as_date(facts["report_date"]), authorises=facts["authorises"],
        sign_offs=facts["sign_offs"], decision_maker=facts["decision_maker"],
        decided_on=as_date(facts["decided_on"]), authorised_pence=m.get("authorised", 0),
        drawn_pence=m.get("drawn", 0), publication=facts["publication"],
        published_on=as_date(facts["published_on"]), exception=facts["exception"],
    )


def decision_conditions(query: ListQuery) -> Conditions:
    c = Conditions()
    if query.tenant is not None:
        c.add("(tenant = ? OR published)", normal(query.tenant))
    if query.published_only:
        c.add("published")
    if query.body:
        c.add("tenant = ?", normal(query.body))
    if query.recipient:
        c.add(f"decision_id IN (SELECT decision_id FROM {schema.GRANTS.name} "
              f"WHERE LOWER(recipient) {LIKE})", contains(query.recipient))
    return c


def decisions(cursor: Cursor, query: ListQuery, point: Point) -> Listed[DecisionRow]:
    c = decision_conditions(query)
    order = "tenant, reference, decision_id"
    if point.is_now:
        if query.status:
            c.add("status = ?", query.status)
        if query.financial_year is not None:
            year = query.financial_year
            c.add("COALESCE(decided_on, drafted_on) BETWEEN ? AND ?", year.start, year.end)
        limit, params = paging(cursor, query.limit, query.offset)
        cursor.execute(
            f"SELECT {', '.join(DECISION_FACTS)}, authorised_pence, drawn_pence "
            f"FROM {schema.DECISIONS.name}{c.where} ORDER BY {order}{limit}",
            [*c.params, *params])
        rows = [decision_row(dict(zip(DECISION_FACTS, row, strict=False)),
                             {"authorised": row[-2], "drawn": row[-1]})
                for row in cursor.fetchall()]
        return Listed(rows, count(cursor, schema.DECISIONS.name, c))
    at = points.cut(cursor, point)
    existing(c, at)
    cursor.execute(f"SELECT decision_id FROM {schema.DECISIONS.name}{c.where} ORDER BY {order}",
                   c.params)
    ids = [row[0] for row in cursor.fetchall()]
    known = points.facts(cursor, ids, at)
    found = [known[i] for i in ids if i in known]
    if query.tenant is not None or query.published_only:
        mine = normal(query.tenant or "")
        found = [f for f in found if f["published"] or
                 (not query.published_only and normal(f["body"]) == mine)]
    if query.status:
        found = [f for f in found if f["status"] == query.status]
    if query.financial_year is not None:
        year = query.financial_year
        found = [f for f in found
                 if year.contains(as_date(f["decided_on"] or f["drafted_on"]) or date.min)]
    page = query.page(found)
    money = points.sums(cursor, "decision_id", [f["decision_id"] for f in page], at)
    return Listed([decision_row(f, money.get((f["decision_id"],), {})) for f in page],
                  len(found))


# -- exceptions and discrepancies -----------------------------------------------------------


def body_condition(c: Conditions, query: ListQuery, column: str = "body") -> None:
    for body in (query.tenant, query.body or None):
        if body is not None:
            c.add(f"LOWER(TRIM({column})) = ?", normal(body))


def within(c: Conditions, at: Cut) -> None:
    if at.day is not None:
        c.add("dated <= ?", at.day)
    if at.position is not None:
        c.add("position <= ?", at.position)


def exceptions(cursor: Cursor, query: ListQuery, point: Point) -> Listed[ExceptionRow]:
    c = Conditions()
    body_condition(c, query)
    within(c, points.cut(cursor, point))
    limit, bounds = paging(cursor, query.limit, query.offset)
    total = count(cursor, schema.EXCEPTIONS.name, c)
    cursor.execute(f"SELECT body, record, what, reason FROM {schema.EXCEPTIONS.name}"
                   f"{c.where} ORDER BY position{limit}", [*c.params, *bounds])
    return Listed([ExceptionRow(*row) for row in cursor.fetchall()], total)


def discrepancies(cursor: Cursor, query: ListQuery, point: Point) -> Listed[DiscrepancyRow]:
    """The differences found and not since rechecked away, at the point."""
    c = Conditions()
    body_condition(c, query)
    if point.is_now:
        c.add("superseded_at IS NULL")
    else:
        at = points.cut(cursor, point)
        within(c, at)
        stale: list[str] = []
        params: list[Any] = []
        if at.position is not None:
            stale.append("superseded_at <= ?")
            params.append(at.position)
        if at.day is not None:
            stale.append("superseded_on <= ?")
            params.append(at.day)
        c.add(f"(superseded_at IS NULL OR NOT ({' AND '.join(stale)}))", *params)
    limit, bounds = paging(cursor, query.limit, query.offset)
    total = count(cursor, schema.DISCREPANCIES.name, c)
    cursor.execute(
        f"SELECT body, decision_reference, what, stated_pence, derived_pence FROM "
        f"{schema.DISCREPANCIES.name}{c.where} ORDER BY position, check_key{limit}",
        [*c.params, *bounds])
    return Listed([DiscrepancyRow(*row) for row in cursor.fetchall()], total)


def conflicts(cursor: Cursor, query: ListQuery, point: Point) -> Listed[ConflictRow]:
    """The conflicts noted and not yet resolved, at the point."""
    c = Conditions()
    body_condition(c, query)
    open_at(c, point if point.is_now else points.cut(cursor, point))
    limit, bounds = paging(cursor, query.limit, query.offset)
    total = count(cursor, schema.CONFLICTS.name, c)
    cursor.execute(
        f"SELECT body, decision_reference, fact, stated, working FROM {schema.CONFLICTS.name}"
        f"{c.where} ORDER BY position, fact{limit}", [*c.params, *bounds])
    return Listed([ConflictRow(*row) for row in cursor.fetchall()], total)


def open_at(c: Conditions, at: Point | Cut) -> None:
    """Conflicts noted by the point and not resolved by it."""
    if isinstance(at, Point):
        c.add("resolved_at IS NULL")
        return
    within(c, at)
    settled: list[str] = []
    params: list[Any] = []
    if at.position is not None:
        settled.append("resolved_at <= ?")
        params.append(at.position)
    if at.day is not None:
        settled.append("resolved_on <= ?")
        params.append(at.day)
    c.add(f"(resolved_at IS NULL OR NOT ({' AND '.join(settled)}))", *params)


def conflicted(cursor: Cursor, decision_ids: Sequence[str], point: Point) -> set[str]:
    """Which of the decisions have a conflict open at the point."""
    if not decision_ids:
        return set()
    c = Conditions()
    open_at(c, point if point.is_now else points.cut(cursor, point))
    found: set[str] = set()
    ids = sorted(set(decision_ids))
    for start in range(0, len(ids), points.CHUNK):
        where, params = among(cursor, "record_id", ids[start:start + points.CHUNK])
        c_chunk = Conditions()
        c_chunk.sql, c_chunk.params = [*c.sql, where], [*c.params, *params]
        cursor.execute(f"SELECT DISTINCT record_id FROM {schema.CONFLICTS.name}"
                       f"{c_chunk.where}", c_chunk.params)
        found |= {row[0] for row in cursor.fetchall()}
    return found


Flaggable = TypeVar("Flaggable", GrantRow, DecisionRow)


def flagged(cursor: Cursor, listed: Listed[Flaggable], point: Point) -> Listed[Flaggable]:
    """The rows whose decision has a conflict open at the point, flagged: their figures rest
    on a working value a treasurer has yet to settle."""
    marked = conflicted(cursor, [row.decision_id for row in listed.rows], point)
    if not marked:
        return listed
    return Listed([replace(row, conflicted=True) if row.decision_id in marked else row
                   for row in listed.rows], listed.total)


def fund_ids(cursor: Cursor, query: ListQuery, funder: str = "") -> Listed[str]:
    """The funds of the register, by body and name, whose funder's name contains `funder`."""
    c = Conditions()
    for body in (query.tenant, query.body or None):
        if body is not None:
            c.add("tenant = ?", normal(body))
    if funder:
        c.add(f"LOWER(funder) {LIKE}", contains(funder))
    limit, params = paging(cursor, query.limit, query.offset)
    cursor.execute(f"SELECT fund_id FROM {schema.FUNDS.name}{c.where} "
                   f"ORDER BY tenant, name, fund_id{limit}", [*c.params, *params])
    ids = [row[0] for row in cursor.fetchall()]
    return Listed(ids, count(cursor, schema.FUNDS.name, c))


def programme_ids(cursor: Cursor, query: ListQuery) -> Listed[str]:
    """The programmes of the register by name, led by `query.body` if given."""
    c = Conditions()
    body_condition(c, ListQuery(body=query.body), "lead_body")
    limit, params = paging(cursor, query.limit, query.offset)
    cursor.execute(f"SELECT programme_id FROM {schema.PROGRAMMES.name}{c.where} "
                   f"ORDER BY name, programme_id{limit}", [*c.params, *params])
    ids = [row[0] for row in cursor.fetchall()]
    return Listed(ids, count(cursor, schema.PROGRAMMES.name, c))


def bodies(cursor: Cursor) -> list[str]:
    cursor.execute(f"SELECT body FROM {schema.DECISIONS.name} UNION "
                   f"SELECT body FROM {schema.FUNDS.name} ORDER BY 1")
    return [row[0] for row in cursor.fetchall()]
