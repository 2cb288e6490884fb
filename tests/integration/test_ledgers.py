"""The journal, its ledgers, points in time, rebuilds and the hash chain, on SQLite and on
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest

from adapters import chain, dossier
from adapters.system import System
from domain import identity
from domain.commands import DraftDecision, PayTranche, RecordRepayment
from domain.errors import GrantledgerError
from domain.money import Money
from grantledger.bootstrap import build
from readmodel.audit import AuditQuery
from readmodel.errors import LedgerLimitError, LedgersUnavailableError
from readmodel.ledgers import ListQuery
from readmodel.points import Point
from tests import oracle
from tests.stores import registered, tables, tamper

TODAY = date(2017, 1, 15)


@pytest.fixture
def system(store_url: str) -> Iterator[System]:
    opened = build(store_url, today=lambda: TODAY)
    yield opened
    opened.close()


def load_demo(system: System) -> None:
    for name, document in dossier.shipped():
        dossier.import_dossier(system.app, document, name, "demo")


def essex_grant(system: System) -> UUID:
    decision = identity.decision_id("Essex PCC", "PCC/0128/15")
    (grant,) = system.ledgers.grants(ListQuery(decision_id=str(decision))).rows
    return UUID(grant.grant_id)


def events_in(system: System) -> int:
    """How many events are recorded (PostgreSQL may leave gaps between positions)."""
    with system.database.transaction(write=False) as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {system.database.events_table}")
        return int(cursor.fetchone()[0])


def test_the_ledgers_equal_the_records_folded_from_the_log(system: System) -> None:
    load_demo(system)
    events = oracle.log(system)
    assert oracle.from_ledgers(system.ledgers, Point()) == oracle.known_at(events, len(events))


def test_a_command_shows_in_the_ledgers_as_soon_as_it_returns(system: System) -> None:
    load_demo(system)
    grant = essex_grant(system)
    pay(system, grant, date(2016, 4, 5), "100000", "BACS 1")

    (row,) = system.ledgers.grants(ListQuery(decision_id=str(
        identity.decision_id("Essex PCC", "PCC/0128/15")))).rows
    assert row.paid_pence == Money.of("100000").pence
    fund_2016 = next(r for r in system.ledgers.funds().rows
                     if r.fund == "Community Safety Fund" and r.year == "2016-17")
    assert fund_2016.paid_pence == Money.of("77611.94").pence  # the OPCC's 208/268 of it


def test_a_fresh_process_answers_at_once_from_the_tables(store_url: str) -> None:
    first = build(store_url, today=lambda: TODAY)
    load_demo(first)
    first.close()
    fresh = build(store_url, today=lambda: TODAY)
    assert fresh.ledgers.position() == fresh.app.recorder.max_notification_id()
    assert fresh.ledgers.grants().total == 6
    fresh.close()


def test_a_rebuild_ends_with_the_same_tables(system: System) -> None:
    load_demo(system)
    pay(system, essex_grant(system), date(2016, 4, 5), "1000")
    before = tables(system)
    assert system.ledgers.rebuild() == system.app.recorder.max_notification_id()
    assert tables(system) == before
    assert system.ledgers.audit().total == events_in(system)


class Killed(Exception):
    pass


def test_a_rebuild_killed_part_way_resumes_to_the_same_tables(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build(store_url, today=lambda: TODAY)
    load_demo(first)
    expected = tables(first)
    first.close()

    from readmodel import rebuild

    dying = build(store_url, today=lambda: TODAY)
    batches = iter(range(3))
    original = rebuild.StoredBooks.changes

    def translate_then_die(self: Any, entries: Any) -> Any:
        if next(batches, None) is None:
            raise Killed
        return original(self, entries)

    monkeypatch.setattr(rebuild.StoredBooks, "changes", translate_then_die)
    with pytest.raises(Killed):
        rebuild.rebuild(dying.database, dying.ledgers.events_after, batch=10)
    monkeypatch.undo()
    dying.close()

    resumed = build(store_url, today=lambda: TODAY)
    with pytest.raises(LedgersUnavailableError, match="being rebuilt"):
        resumed.ledgers.grants()
    with pytest.raises(LedgersUnavailableError, match="nothing was recorded"):
        resumed.app.handle(DraftDecision(on=TODAY, body="MOPAC", reference="PCD 1", title="x"),
                          "officer")
    assert resumed.ledgers.rebuild() == resumed.app.recorder.max_notification_id()
    assert tables(resumed) == expected
    resumed.close()


def test_the_books_at_past_points_equal_the_records_folded_to_them(system: System) -> None:
    load_demo(system)
    grant = essex_grant(system)
    pay(system, grant, date(2016, 4, 5), "100000")
    between = datetime.now(UTC)
    pay(system, grant, date(2017, 4, 5), "150000")
    system.app.handle(RecordRepayment(grant_id=grant, on=date(2016, 6, 1),
                                      amount=Money.of("1000"), reason="underspend"), "treasurer")
    events = oracle.log(system)
    for day in [date(2015, 11, 22), date(2016, 3, 31), date(2016, 5, 1), date(2019, 3, 31),
                date(2016, 4, 5), date(2030, 1, 1)]:
        assert oracle.from_ledgers(system.ledgers, Point(as_at=day)) == \
            oracle.as_at(events, day), day
    known = [e.position for e in events if e.event.timestamp <= between]
    assert oracle.from_ledgers(system.ledgers, Point(as_known_at=between)) == \
        oracle.known_at(events, max(known))
    early = oracle.from_ledgers(system.ledgers, Point(as_known_at=between - timedelta(days=1)))
    assert early == ({}, {})
    (then,) = [g for g in system.ledgers.grants(point=Point(as_known_at=between)).rows
               if g.grant_id == str(grant)]
    assert (then.paid_pence, then.repaid_pence) == (Money.of("100000").pence, 0)


def test_the_audit_trail_filters_by_decision_and_grant(system: System) -> None:
    load_demo(system)
    grant = essex_grant(system)
    pay(system, grant, date(2016, 4, 5), "100000", "BACS 1")

    trail = system.ledgers.audit(AuditQuery(decision_reference="PCC/0128/15")).rows
    assert [r.position for r in trail] == sorted(r.position for r in trail)
    assert {r.decision_reference for r in trail} == {"PCC/0128/15"}
    payment = system.ledgers.audit(AuditQuery(grant_id=str(grant),
                                              from_date=date(2016, 4, 1),
                                              to_date=date(2016, 4, 30))).rows
    assert [(r.event, r.actor, r.amount_pence, r.year) for r in payment] == [
        ("Tranche paid", "treasurer", Money.of("100000").pence, "2016-17")
    ]
    assert "amount: £100,000.00" in payment[0].summary
    assert "reference: BACS 1" in payment[0].summary


def test_a_sum_the_ledgers_cannot_hold_refuses_the_command_whole(
    store_url: str, system: System
) -> None:
    load_demo(system)
    grant = essex_grant(system)
    nearly_full = 2**63 - 10
    statement = f"UPDATE fund_ledger SET paid_pence = {nearly_full} WHERE year = '2016-17'"
    tamper(store_url, statement)
    before = events_in(system)
    with pytest.raises(LedgerLimitError, match="nothing was recorded"):
        pay(system, grant, date(2016, 4, 5), "100000")
    assert events_in(system) == before
    assert system.app.grant(grant).paid == Money.zero()
    system.app.handle(DraftDecision(on=TODAY, body="MOPAC", reference="PCD 1", title="Next"),
                      "officer")
    assert events_in(system) == before + 1


def test_text_no_store_can_hold_is_refused_before_it_is_recorded(system: System) -> None:
    registered(system.app, "MOPAC")
    before = events_in(system)
    for title in ["Drive\x00", "Drive \ud800"]:
        with pytest.raises(GrantledgerError, match="title: Text may not contain"):
            system.app.handle(DraftDecision(on=TODAY, body="MOPAC", reference="PCD 2",
                                            title=title), "officer")
    with pytest.raises(GrantledgerError, match="outside the dates recorded here"):
        system.app.handle(DraftDecision(on=date(2200, 1, 1), body="MOPAC",
                                        reference="PCD 2", title="Far"), "officer")
    assert events_in(system) == before
    assert system.ledgers.decisions().total == 0


def test_a_record_with_a_long_history_loads_from_its_latest_snapshot(system: System) -> None:
    load_demo(system)
    grant = essex_grant(system)
    for n in range(45):
        pay(system, grant, date(2016, 4, 5), "100", f"P{n}")
    assert system.app.snapshots is not None
    (snapshot,) = system.app.snapshots.get(grant, desc=True, limit=1)
    loaded = system.app.grant(grant)
    assert loaded.version - snapshot.originator_version < 20
    assert loaded.paid == Money.of("4500")


def test_verify_confirms_an_untouched_chain(system: System) -> None:
    load_demo(system)
    verdict = system.verify()
    assert verdict.intact
    assert verdict.count == events_in(system)
    assert len(verdict.head) == 64


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE {events} SET state = CAST(REPLACE(CAST(state AS TEXT), '76500000', '76600000')"
         " AS BLOB) WHERE {position} = 11", "does not match its link"),
        ("DELETE FROM {events} WHERE {position} = 11", "missing from the store"),
        ("DELETE FROM event_chain WHERE position = 11", "has no link in the chain"),
    ],
    ids=["rewritten", "deleted", "unlinked"],
)
def test_verify_names_the_first_position_where_the_chain_breaks(
    store_url: str, system: System, statement: str, problem: str
) -> None:
    load_demo(system)
    if store_url.startswith("postgres"):
        statement = statement.replace(
            "CAST(REPLACE(CAST(state AS TEXT), '76500000', '76600000') AS BLOB)",
            "convert_to(replace(convert_from(state, 'UTF8'), '76500000', '76600000'), 'UTF8')",
        )
    tamper(store_url, statement)
    verdict = system.verify()
    assert (verdict.broken_at, verdict.count) == (11, 10)
    assert problem in str(verdict)


@pytest.mark.parametrize("position", [3, 40, 70])
def test_a_chain_checked_in_two_halves_at_once_finds_what_one_pass_does(
    store_url: str, system: System, position: int
) -> None:
    load_demo(system)
    whole = chain.verify_all(system.database, system.connect, split_from=10)
    assert whole == chain.verify(chain.stored_rows(system.database))
    assert whole.intact and whole.count == events_in(system)
    tamper(store_url, f"DELETE FROM event_chain WHERE position = {position}")
    assert chain.verify_all(system.database, system.connect, split_from=10) == \
        chain.verify(chain.stored_rows(system.database))
    assert not chain.verify_all(system.database, system.connect, split_from=10).intact


def pay(system: System, grant: UUID, on: date, amount: str, reference: str = "") -> None:
    """A payment as the treasurer's records give it, whatever today is."""
    system.app.handle(PayTranche(grant_id=grant, on=on, amount=Money.of(amount),
                                 reference=reference), "treasurer", transcribing=True)
