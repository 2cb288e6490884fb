"""The read model's tables, written once for SQLite and PostgreSQL.

Money is integer pence; on SQLite a CHECK keeps every money column an integer, so a sum too
large to hold fails the transaction instead of quietly becoming a float. Dates are DATE on
PostgreSQL and ISO text on SQLite; financial years are labels such as '2016-17'."""

from __future__ import annotations

import zlib
from dataclasses import dataclass

TYPES = {
    "text": ("TEXT", "TEXT"),
    "date": ("TEXT", "DATE"),
    "int": ("INTEGER", "BIGINT"),
    "money": ("BIGINT", "BIGINT"),
    "bool": ("BOOLEAN", "BOOLEAN"),
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    nullable: bool = False
    default: str | None = None

    def ddl(self, dialect: str) -> str:
        sqlite, postgres = TYPES[self.kind]
        sql = f"{self.name} {postgres if dialect == 'postgresql' else sqlite}"
        if not self.nullable:
            sql += " NOT NULL"
        if self.default is not None:
            sql += f" DEFAULT {self.default}"
        if self.kind == "money" and dialect == "sqlite":
            sql += f" CHECK (typeof({self.name}) IN ('integer', 'null'))"
        return sql


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    indexes: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)

    def create(self, dialect: str) -> list[str]:
        """On SQLite a table is kept in the order of its key: an integer key is the rowid,
        any other is clustered (WITHOUT ROWID), so no key needs an index of its own."""
        columns = ", ".join(c.ddl(dialect) for c in self.columns)
        by_rowid = len(self.key) == 1 and self.column(self.key[0]).kind == "int"
        clustered = " WITHOUT ROWID" if dialect == "sqlite" and not by_rowid else ""
        statements = [
            f"CREATE TABLE IF NOT EXISTS {self.name} ({columns}, "
            f"PRIMARY KEY ({', '.join(self.key)})){clustered}"
        ]
        statements += [index.format(table=self.name) for index in self.indexes]
        return statements


def text(name: str, nullable: bool = False) -> Column:
    return Column(name, "text", nullable, None if nullable else "''")


def day(name: str) -> Column:
    return Column(name, "date", nullable=True)


def money(name: str, nullable: bool = False) -> Column:
    return Column(name, "money", nullable, None if nullable else "0")


def number(name: str, nullable: bool = False) -> Column:
    return Column(name, "int", nullable, None if nullable else "0")


def flag(name: str) -> Column:
    return Column(name, "bool", default="FALSE")


LIVE_GRANTS = "status IN ('approved', 'agreement signed', 'notice given')"

JOURNAL = Table(
    "journal",
    (
        number("position"), number("seq"), day("dated"), text("measure"), text("body"),
        text("decision_id", True), text("grant_id", True), text("fund_id", True),
        text("programme_id", True), text("funder", True), text("year", True),
        money("amount_pence"),
    ),
    ("position", "seq"),
    (
        "CREATE INDEX IF NOT EXISTS journal_by_grant ON {table} (grant_id, dated) "
        "WHERE grant_id IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS journal_by_fund ON {table} (fund_id, dated) "
        "WHERE fund_id IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS journal_by_programme ON {table} (programme_id, dated) "
        "WHERE programme_id IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS journal_by_decision ON {table} (decision_id, dated) "
        "WHERE decision_id IS NOT NULL",
    ),
)

HISTORY = Table(
    "record_history",
    (number("position"), text("record_id"), day("dated"), text("facts")),
    ("position",),
    ("CREATE INDEX IF NOT EXISTS history_by_record ON {table} (record_id, position)",),
)

AUDIT = Table(
    "audit_trail",
    (
        number("position"), text("known_by"), day("business_date"), text("record_id"),
        text("tenant"), text("decision_reference", True),
    ),
    ("position",),
    (
        "CREATE INDEX IF NOT EXISTS audit_by_known_by ON {table} (known_by, position)",
        "CREATE INDEX IF NOT EXISTS audit_by_record ON {table} (record_id, position)",
        "CREATE INDEX IF NOT EXISTS audit_by_decision ON {table} "
        "(decision_reference, position)",
        "CREATE INDEX IF NOT EXISTS audit_by_tenant ON {table} (tenant, position)",
    ),
)

DECISIONS = Table(
    "decision_register",
    (
        text("decision_id"), text("body"), text("tenant"), text("reference", True),
        text("title"), text("area"),
        text("status"),
        day("created_on"), number("created_at"), day("drafted_on"), day("report_date"),
        text("authorises"),
        text("sign_offs"), text("decision_maker"), day("decided_on"), text("publication"),
        flag("published"), day("published_on"), text("exception"), money("authorised_pence"),
        money("drawn_pence"), flag("significant"), flag("part2_exists"),
        text("published_url"),
    ),
    ("decision_id",),
    (
        "CREATE INDEX IF NOT EXISTS decisions_by_tenant ON {table} (tenant, reference)",
        "CREATE INDEX IF NOT EXISTS decisions_published ON {table} (tenant, published_on) "
        "WHERE published",
    ),
)

DECISION_GRANTS = Table(
    "decision_grants",
    (text("decision_id"), text("grant_id"), number("authorisation"), money("drawn_pence")),
    ("decision_id", "grant_id", "authorisation"),
)

GRANTS = Table(
    "grant_ledger",
    (
        text("grant_id"), text("decision_id"), text("decision_reference", True), text("body"),
        text("tenant"), text("title"), text("recipient"), text("partners"), text("programme"),
        text("programme_id", True), text("fund"), text("fund_id", True), text("status"),
        flag("up_to"), day("created_on"), number("created_at"), day("period_start"),
        day("period_end"),
        number("notice_months"), number("notice_days"), flag("profile_stated"), flag("regrants"),
        day("approved_on"), day("agreement_signed_on"),
        day("notice_given_on"), day("termination_effective_on"), day("terminated_on"),
        day("closed_on"), money("awarded_pence"), money("profiled_pence"),
        money("committed_pence"), money("charged_pence"), money("paid_pence"),
        money("repaid_pence"), money("released_pence"), money("still_payable_pence"),
        text("purpose"), text("conditions"), text("crime_reduction_reasons"),
        flag("published"), day("published_on"), text("published_url"),
    ),
    ("grant_id",),
    (
        "CREATE INDEX IF NOT EXISTS grants_by_tenant ON {table} "
        "(tenant, decision_reference, title)",
        f"CREATE INDEX IF NOT EXISTS grants_live ON {{table}} "
        f"(tenant, decision_reference, title) WHERE {LIVE_GRANTS}",
        "CREATE INDEX IF NOT EXISTS grants_by_decision ON {table} (decision_id)",
        "CREATE INDEX IF NOT EXISTS grants_by_approval ON {table} (tenant, approved_on)",
        "CREATE INDEX IF NOT EXISTS grants_published ON {table} (tenant, approved_on) "
        "WHERE published",
        "CREATE INDEX IF NOT EXISTS grants_published_by_day ON {table} (approved_on) "
        "WHERE published",
        "CREATE INDEX IF NOT EXISTS grants_by_fund ON {table} (fund_id)",
        "CREATE INDEX IF NOT EXISTS grants_by_programme ON {table} (programme_id)",
    ),
)

YEAR_MEASURES = ("profiled", "committed", "charged", "paid", "repaid", "released")
GRANT_YEARS = Table(
    "grant_ledger_years",
    (text("grant_id"), text("year"), *(money(f"{m}_pence") for m in YEAR_MEASURES)),
    ("grant_id", "year"),
    ("CREATE INDEX IF NOT EXISTS grant_years_by_year ON {table} (year)",),
)

FUNDER_MEASURES = ("committed", "paid", "repaid", "in_kind")
GRANT_FUNDERS = Table(
    "grant_funder_years",
    (text("grant_id"), text("year"), text("funder"),
     *(money(f"{m}_pence") for m in FUNDER_MEASURES)),
    ("grant_id", "year", "funder"),
)

CONTRIBUTIONS = Table(
    "grant_contributions",
    (text("grant_id"), number("seq"), text("funder"), text("year"), money("amount_pence"),
     flag("in_kind")),
    ("grant_id", "seq"),
)

FUNDS = Table(
    "fund_register",
    (
        text("fund_id"), text("body"), text("tenant"), text("name"), text("funder"),
        text("first_year"),
        text("last_year"), money("total_budget_pence", True), day("created_on"),
    ),
    ("fund_id",),
    ("CREATE INDEX IF NOT EXISTS funds_by_tenant ON {table} (tenant, name)",),
)

FUND_YEARS = Table(
    "fund_ledger",
    (text("fund_id"), text("year"), money("budget_pence", True), money("committed_pence"),
     money("paid_pence"), money("repaid_pence")),
    ("fund_id", "year"),
)

PROGRAMMES = Table(
    "programme_register",
    (text("programme_id"), text("name"), text("lead_body"), day("created_on")),
    ("programme_id",),
)

PROGRAMME_YEARS = Table(
    "programme_ledger",
    (text("programme_id"), text("funder"), text("year"), money("pledged_cash_pence"),
     money("pledged_in_kind_pence"), money("granted_pence"), money("granted_in_kind_pence"),
     money("paid_pence"),
     money("repaid_pence")),
    ("programme_id", "funder", "year"),
)

BODY_YEARS = Table(
    "body_ledger",
    (text("body"), text("year"), money("committed_pence"), money("paid_pence"),
     money("repaid_pence")),
    ("body", "year"),
)

EXCEPTIONS = Table(
    "exceptions",
    (number("position"), text("record_id"), day("dated"), text("body"), text("record"),
     text("what"), text("reason")),
    ("position",),
)

DISCREPANCIES = Table(
    "discrepancies",
    (
        text("record_id"), text("check_key"), number("position"), day("dated"),
        text("body"), text("decision_reference", True), text("what"), money("stated_pence"),
        money("derived_pence"), number("superseded_at", True), day("superseded_on"),
    ),
    ("record_id", "check_key", "position"),
    ("CREATE INDEX IF NOT EXISTS discrepancies_current ON {table} (body) "
     "WHERE superseded_at IS NULL",),
)

CONFLICTS = Table(
    "conflicts",
    (
        text("record_id"), text("fact"), number("position"), day("dated"), text("body"),
        text("decision_reference", True), text("stated"), text("working"),
        number("resolved_at", True), day("resolved_on"), text("resolved_value", True),
    ),
    ("record_id", "fact"),
    ("CREATE INDEX IF NOT EXISTS conflicts_open ON {table} (record_id) "
     "WHERE resolved_at IS NULL",),
)

HEAD = Table(
    "journal_head",
    (text("name"), number("position"), number("rebuilt_to", True), text("known_by")),
    ("name",),
)

TABLES = (
    JOURNAL, HISTORY, AUDIT, DECISIONS, DECISION_GRANTS, GRANTS, GRANT_YEARS, GRANT_FUNDERS,
    CONTRIBUTIONS, FUNDS, FUND_YEARS, PROGRAMMES, PROGRAMME_YEARS, BODY_YEARS, EXCEPTIONS,
    DISCREPANCIES, CONFLICTS, HEAD,
)
DERIVED = tuple(t for t in TABLES if t is not HEAD)
RETIRED = (
    "ledger_position", "ledger_checkpoints", "ledger_checkpoint_records", "exposure",
    "exposure_by_body",
)


def statements(dialect: str) -> list[str]:
    return [statement for table in TABLES for statement in table.create(dialect)]


def version() -> int:
    """A number that changes whenever the tables do, so a store made by another version of
    the read model is rebuilt rather than misread."""
    return zlib.crc32("\n".join(statements("postgresql")).encode()) & 0x7FFFFFFF
