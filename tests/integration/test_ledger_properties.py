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
from domain.errors import GrantledgerError
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import Authorisation, Contribution, Pledge, YearAmount
from grantledger.bootstrap import build
from readmodel import rebuild as rebuilding
from readmodel.points import Point
from tests import oracle
from tests.stores import fresh_store, tables

FIRST, SECOND = FinancialYear(2016), FinancialYear(2017)
DAYS = st.dates(min_value=date(2015, 6, 1), max_value=date(2018, 6, 30))
PENCE = st.integers(min_value=1, max_value=20_000_000)
ON = date(2016, 1, 10)

commands = st.lists(
    st.one_of(
        st.tuples(st.sampled_from(["pay", "repay", "vary", "budget"]), st.integers(0, 2), DAYS,
                  PENCE),
        st.tuples(st.sampled_from(["notice", "terminate", "close"]), st.integers(0, 2), DAYS,
                  st.just(0)),
    ),
    max_size=14,
)


def lines(first: str, second: str) -> list[YearAmount]:
    return [YearAmount(FIRST, Money.of(first)), YearAmount(SECOND, Money.of(second))]


def open_books(system: System) -> list[UUID]:
    app = system.app
    decision = app.draft_decision(
        "officer", ON, body="Essex PCC", reference="PCC/0001/16", title="Three grants",
        authorisations=[Authorisation("The grants", Money.of("900000"))],
    )
    app.approve_decision(decision, "pcc", ON, "PCC", override_reason="a test history")
    fund = app.establish_fund("officer", ON, "Essex PCC", "CSF", "OPCC", FIRST, SECOND)
    app.set_fund_budget(fund, "treasurer", ON, FIRST, "500000")
    programme = app.register_programme("officer", ON, "Drive", lead_body="Essex PCC")
    app.record_pledge(programme, "officer", ON,
                      Pledge("Social Finance", Money.of("100000.01"), FIRST, SECOND))
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
                           Contribution("NHS", SECOND, Money.of("5000"), in_kind=True)]},
    ]
    grants = []
    for name, grant_terms in zip("ABC", terms, strict=True):
        grant = app.propose_grant("officer", ON, decision, f"Grant {name}", f"Provider {name}",
                                  period_start=date(2016, 4, 1), period_end=date(2018, 3, 31),
                                  **grant_terms)
        app.approve_grant(grant, "pcc", ON)
        grants.append(grant)
    return grants


def run(system: System, grants: list[UUID], history: list[tuple[str, int, date, int]]) -> None:
    app = system.app
    for command, which, day, pence in history:
        grant, amount = grants[which], Money(pence)
        try:
            if command == "pay":
                app.pay_tranche(grant, "treasurer", day, amount)
            elif command == "repay":
                app.record_repayment(grant, "treasurer", day, amount, "returned")
            elif command == "vary":
                reduce(system, grant, day, amount)
            elif command == "budget":
                fund = app.fund_named("Essex PCC", "CSF")
                app.set_fund_budget(fund.id, "treasurer", day, FIRST, amount)
            elif command == "notice":
                app.give_notice(grant, "pcc", day)
            elif command == "terminate":
                app.terminate_grant(grant, "pcc", day)
            else:
                app.close_grant(grant, "officer", day, "finished")
        except GrantledgerError:
            pass


def reduce(system: System, grant_id: UUID, day: date, by: Money) -> None:
    grant = system.app.grant(grant_id)
    last = grant.profile_lines[-1]
    kept = last.amount - by
    profile = [*grant.profile_lines[:-1], YearAmount(last.year, max(kept, Money.zero()))]
    system.app.vary_grant(grant_id, "pcc", day, grant.amount - by, profile, "underspend")


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
            kept = tables(system)
            system.ledgers.rebuild()
            assert tables(system) == kept
            rebuild_killed_then_resumed(system, monkeypatch)
            assert tables(system) == kept
        finally:
            system.close()
