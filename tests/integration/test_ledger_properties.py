"""Properties of the journal over random histories of payments, repayments, variations, notice,
termination, closure and budgets, on SQLite and on PostgreSQL: its ledgers equal the events
folded into the domain's own records, now and at any point; a rebuild, even one killed part
way and resumed, ends with the same tables as the journal kept command by command."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters.system import System
from domain.commands import (
    ApproveDecision,
    ApproveGrant,
    CloseGrant,
    Command,
    DraftDecision,
    EstablishFund,
    ExtendGrant,
    GiveNotice,
    PayTranche,
    ProposeGrant,
    RecordPledge,
    RecordRepayment,
    RegisterProgramme,
    SetFundBudget,
    TerminateGrant,
    VaryGrant,
)
from domain.errors import GrantledgerError
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import Authorisation, Contribution, Pledge, YearAmount
from grantledger.bootstrap import build
from readmodel import rebuild as rebuilding
from readmodel.points import Point
from tests import oracle
from tests.stores import fresh_store, registered, tables

FIRST, SECOND = FinancialYear(2016), FinancialYear(2017)
DAYS = st.dates(min_value=date(2015, 6, 1), max_value=date(2018, 6, 30))
PENCE = st.integers(min_value=1, max_value=20_000_000)
ON = date(2016, 1, 10)

GRANTS = st.integers(0, 4)
commands = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["pay", "repay", "vary", "budget", "extend", "end"]), GRANTS,
                  DAYS, PENCE),
        st.tuples(st.sampled_from(["notice", "terminate", "close"]), GRANTS, DAYS,
                  st.integers(0, 3 * 64 + 40)),
    ),
    max_size=14,
)


def lines(first: str, second: str) -> list[YearAmount]:
    return [YearAmount(FIRST, Money.of(first)), YearAmount(SECOND, Money.of(second))]


def open_books(system: System) -> list[UUID]:
    app = system.app
    decision, further = (decided(system, reference) for reference in ("PCC/1/16", "PCC/2/16"))
    fund = app.handle(EstablishFund(on=ON, body="Essex PCC", name="CSF", funder="OPCC",
                                    first_year=FIRST, last_year=SECOND), "officer")
    app.handle(SetFundBudget(fund_id=fund, on=ON, year=FIRST, amount=Money.of("500000")),
               "treasurer")
    programme = app.handle(RegisterProgramme(on=ON, name="Drive", lead_body="Essex PCC"),
                           "officer")
    app.handle(RecordPledge(programme_id=programme, on=ON, pledge=Pledge(
        "Social Finance", Money.of("100000.01"), FIRST, SECOND)), "officer")
    shared = [Contribution("OPCC", FIRST, Money.of("100000")),
              Contribution("Council", FIRST, Money.of("50000")),
              Contribution("OPCC", SECOND, Money.of("100000"))]
    terms: list[dict[str, Any]] = [
        {"amount": "250000", "profile": lines("150000", "100000"), "contributions": shared,
         "fund": "CSF", "programme": "Drive"},
        {"amount": "250000", "profile": lines("150000", "100000"), "fund": "CSF"},
        {"amount": "100000", "profile": lines("60000", "40000"), "programme": "Drive",
         "contributions": [Contribution("OPCC", FIRST, Money.of("40000")),
                           Contribution("Council", FIRST, Money.of("20000")),
                           Contribution("NHS", SECOND, Money.of("5000"), in_kind=True)],
         "notice_months": 0, "notice_days": 28},
        {"amount": "80000", "profile": [], "fund": "CSF", "notice_months": 3,
         "period_start": date(2016, 10, 1), "period_end": date(2017, 9, 30)},
        {"amount": "40000", "profile": [], "period_start": None, "period_end": None},
    ]
    grants = []
    for name, grant_terms in zip("ABCDE", terms, strict=True):
        grant_terms = {"period_start": date(2016, 4, 1), "period_end": date(2017, 12, 31),
                       **grant_terms, "amount": Money.of(grant_terms["amount"])}
        grant = app.handle(ProposeGrant(on=ON, decision_id=decision, title=f"Grant {name}",
                                        recipient=f"Provider {name}", **grant_terms), "officer")
        app.handle(ApproveGrant(grant_id=grant, on=ON), "pcc")
        grants.append(grant)
    return [*grants, further]


def decided(system: System, reference: str) -> UUID:
    registered(system.app, "Essex PCC")
    decision = system.app.handle(DraftDecision(
        on=ON, body="Essex PCC", reference=reference, title="The grants",
        authorisations=[Authorisation("The grants", Money.of("900000"))],
    ), "officer")
    system.app.handle(ApproveDecision(decision_id=decision, on=ON, maker_role="PCC",
                                      override_reason="a test history"), "pcc")
    return decision


def run(system: System, books: list[UUID], history: list[tuple[str, int, date, int]]) -> None:
    *grants, further = books
    for name, which, day, number in history:
        try:
            command = made(system, name, grants[which], further, day, number)
            system.app.handle(command, "pcc" if name in ("vary", "extend") else "treasurer",
                              transcribing=True)
        except GrantledgerError:
            pass


def made(system: System, name: str, grant: UUID, further: UUID, day: date,
         number: int) -> Command:
    """A command of the history: `number` is an amount in pence, or a notice period (months
    in 64s, then days)."""
    amount = Money(number)
    if name == "pay":
        return PayTranche(grant_id=grant, on=day, amount=amount)
    if name == "repay":
        return RecordRepayment(grant_id=grant, on=day, amount=amount, reason="returned")
    if name == "vary":
        return reduced(system, grant, day, amount)
    if name == "extend":
        return ExtendGrant(grant_id=grant, under_decision_id=further, on=day,
                           period_end=date(2018, 3, 31), added=[YearAmount(SECOND, amount)])
    if name == "end":
        return TerminateGrant(grant_id=grant, on=day, reason="ended at once",
                              still_payable=Money(number % 500_000))
    if name == "budget":
        fund = system.app.fund_named("Essex PCC", "CSF")
        return SetFundBudget(fund_id=fund.id, on=day, year=FIRST, amount=amount)
    if name == "notice":
        stated = number % 2 == 0
        return GiveNotice(grant_id=grant, on=day, notice_months=number // 64 if stated else None,
                          notice_days=number % 64 if stated else None)
    if name == "terminate":
        return TerminateGrant(grant_id=grant, on=day)
    return CloseGrant(grant_id=grant, on=day, reason="finished")


def reduced(system: System, grant_id: UUID, day: date, by: Money) -> VaryGrant:
    grant = system.app.grant(grant_id)
    lines = grant.profile_lines
    if lines:
        last = lines[-1]
        lines = [*lines[:-1], YearAmount(last.year, max(last.amount - by, Money.zero()))]
    return VaryGrant(grant_id=grant_id, on=day, amount=grant.amount - by, profile=lines,
                     reason="underspend")


def recorded_at(event: Any) -> datetime:
    moment: datetime = event.timestamp
    return moment.astimezone(UTC)


def known_at(events: list[oracle.Logged], moment: datetime) -> int:
    """The last position that, with every one before it, was recorded by the moment."""
    last = 0
    for logged in events:
        if recorded_at(logged.event) > moment:
            break
        last = logged.position
    return last


def check(system: System, cut_day: date, cut_at: int) -> None:
    events = oracle.log(system)
    everything = len(events)
    assert oracle.from_ledgers(system.ledgers, Point()) == oracle.known_at(events, everything)

    moment = recorded_at(events[cut_at % everything].event)
    position = known_at(events, moment)
    assert oracle.from_ledgers(system.ledgers, Point(as_known_at=moment)) == \
        oracle.known_at(events, position)
    assert oracle.from_ledgers(system.ledgers, Point(as_at=cut_day)) == \
        oracle.as_at(events, cut_day)
    assert oracle.from_ledgers(system.ledgers, Point(cut_day, moment)) == \
        oracle.as_at([e for e in events if e.position <= position], cut_day)


def funders_add_up(system: System) -> None:
    with system.database.transaction(write=False) as cursor:
        cursor.execute(
            "SELECT y.grant_id, y.year, y.committed_pence, y.paid_pence, y.repaid_pence, "
            "COALESCE(SUM(f.committed_pence), 0), COALESCE(SUM(f.paid_pence), 0), "
            "COALESCE(SUM(f.repaid_pence), 0) FROM grant_ledger_years y LEFT JOIN "
            "grant_funder_years f ON f.grant_id = y.grant_id AND f.year = y.year "
            "GROUP BY y.grant_id, y.year, y.committed_pence, y.paid_pence, y.repaid_pence")
        for row in cursor.fetchall():
            assert tuple(row[2:5]) == tuple(row[5:8]), row


def invariants_hold(system: System) -> None:
    """Paid never beyond the award; committed never below what was paid and kept; a
    terminated grant commits what was paid (and kept) by the effective date and what its
    terms still owe; a fund commits exactly what its grants charge it, year by year."""
    for row in system.ledgers.grants().rows:
        grant = system.app.grant(UUID(row.grant_id))
        kept = row.paid_pence - row.repaid_pence
        assert row.paid_pence <= row.awarded_pence
        if row.status != "proposed":
            assert row.committed_pence >= kept, row
        if row.status == "terminated":
            owed = (grant.still_payable - grant.settled).pence
            assert row.committed_pence == kept + owed, row
            effective = grant.termination_effective_on
            assert effective is not None
            for event in system.app.repository.event_store.get(grant.id):
                if type(event).__name__ == "Terminated":
                    break
                if type(event).__name__ == "TranchePaid":
                    assert event.business_date < effective, (event, effective)
    with system.database.transaction(write=False) as cursor:
        cursor.execute("SELECT fund_id, year, committed_pence FROM fund_ledger "
                       "WHERE committed_pence <> 0")
        funds = {(f, y): pence for f, y, pence in cursor.fetchall()}
        cursor.execute("SELECT g.fund_id, y.year, SUM(y.charged_pence) FROM grant_ledger_years y "
                       "JOIN grant_ledger g ON g.grant_id = y.grant_id WHERE g.fund_id IS NOT "
                       "NULL GROUP BY g.fund_id, y.year HAVING SUM(y.charged_pence) <> 0")
        charged = {(f, y): pence for f, y, pence in cursor.fetchall()}
    assert funds == charged


class Killed(Exception):
    pass


def rebuild_killed_then_resumed(system: System, monkeypatch: pytest.MonkeyPatch) -> None:
    batches = iter(range(2))
    original = rebuilding.StoredBooks.changes

    def translate_then_die(self: rebuilding.StoredBooks, entries: Any) -> Any:
        if next(batches, None) is None:
            raise Killed
        return original(self, entries)

    with monkeypatch.context() as patched:
        patched.setattr(rebuilding.StoredBooks, "changes", translate_then_die)
        with pytest.raises(Killed):
            rebuilding.rebuild(system.database, system.ledgers.events_after, batch=7,
                               connect=system.ledgers.connect)
    system.ledgers.rebuild()


@pytest.mark.parametrize("store", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(history=commands, cut_day=DAYS, cut_at=st.integers(min_value=0))
def test_the_journal_equals_the_records_now_and_at_any_point(
    store: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
    history: list[tuple[str, int, date, int]], cut_day: date, cut_at: int,
) -> None:
    if store == "postgres":
        request.getfixturevalue("postgres_server")
    with fresh_store(store) as url:
        system = build(url)
        try:
            grants = open_books(system)
            run(system, grants, history)
            check(system, cut_day, cut_at)
            funders_add_up(system)
            invariants_hold(system)
            kept = tables(system)
            system.ledgers.rebuild()
            assert tables(system) == kept
            rebuild_killed_then_resumed(system, monkeypatch)
            assert tables(system) == kept
        finally:
            system.close()
