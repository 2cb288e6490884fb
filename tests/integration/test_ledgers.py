"""The ledger tables, point-in-time books and the hash chain, on SQLite and on PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import psycopg
import pytest

from adapters import dossier, replay
from adapters.projector import Projector
from adapters.service import AuditQuery, Service
from adapters.settings import build_service
from domain import identity
from domain.ledgers import Ledgers, ledgers
from domain.money import Money

TODAY = date(2017, 1, 15)


@pytest.fixture
def service(store_url: str) -> Iterator[Service]:
    opened = build_service(store_url, today=lambda: TODAY)
    yield opened
    opened.close()


def load_demo(service: Service) -> None:
    for name, document in dossier.shipped():
        dossier.import_dossier(service.app, document, name, "demo")


def essex_grant(service: Service) -> Any:
    decision = service.app.decision(identity.decision_id("Essex PCC", "PCC/0128/15"))
    return next(g for g in service.app.grants(decision.id))


def rows(result: Ledgers) -> dict[str, list[Any]]:
    return {name: sorted(getattr(result, name), key=repr) for name in vars(result)}


def replayed(service: Service) -> dict[str, list[Any]]:
    return rows(ledgers(replay.everything(service.app), TODAY))


def test_the_ledger_tables_equal_a_replay_of_the_log(service: Service) -> None:
    load_demo(service)
    assert rows(service.ledgers()) == replayed(service)


def test_a_command_shows_in_the_ledgers_as_soon_as_it_returns(service: Service) -> None:
    load_demo(service)
    grant = essex_grant(service)
    service.app.pay_tranche(grant.id, "treasurer", date(2016, 4, 5), "100000", "BACS 1")

    stored = {r.grant_id: r for r in service.stored_ledgers().grants}
    assert stored[str(grant.id)].paid_pence == Money.of("100000").pence
    fund_2016 = next(r for r in service.stored_ledgers().funds
                     if r.fund == "Community Safety Fund" and r.year == "2016-17")
    assert fund_2016.paid_pence == Money.of("77611.94").pence  # the OPCC's 208/268 of it


def test_a_rebuild_ends_with_the_same_tables(service: Service) -> None:
    load_demo(service)
    before = rows(service.stored_ledgers())
    service.rebuild()
    assert rows(service.stored_ledgers()) == before
    assert len(service.audit()) == service.app.recorder.max_notification_id()


class Killed(Exception):
    pass


def test_a_rebuild_killed_part_way_resumes_to_the_same_tables(
    store_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_service(store_url, today=lambda: TODAY)
    load_demo(first)
    expected = rows(first.stored_ledgers())
    first.close()

    dying = build_service(store_url, today=lambda: TODAY)
    dying.need_projector().batch = 10
    dying.need_projector().checkpoint_every = 20
    batches = iter(range(3))
    original = Projector.project_batch

    def project_then_die(self: Projector) -> int:
        if next(batches, None) is None:
            raise Killed
        return original(self)

    monkeypatch.setattr(Projector, "project_batch", project_then_die)
    with pytest.raises(Killed):
        dying.rebuild()
    monkeypatch.setattr(Projector, "project_batch", original)
    dying.close()

    resumed = build_service(store_url, today=lambda: TODAY)
    assert resumed.need_projector().books.position == 0
    resumed.rebuild()
    assert rows(resumed.stored_ledgers()) == expected
    assert len(resumed.audit()) == resumed.app.recorder.max_notification_id()
    resumed.close()


def test_the_books_as_at_a_date_equal_a_replay_cut_at_that_date(service: Service) -> None:
    load_demo(service)
    grant = essex_grant(service)
    service.app.pay_tranche(grant.id, "treasurer", date(2016, 4, 5), "100000")
    service.app.pay_tranche(grant.id, "treasurer", date(2017, 4, 5), "150000")
    service.app.record_repayment(grant.id, "treasurer", date(2016, 6, 1), "1000", "underspend")
    service.need_projector().checkpoint_every = 5
    for day in [date(2015, 11, 22), date(2016, 3, 31), date(2016, 5, 1), date(2019, 3, 31),
                date(2016, 4, 5), date(2030, 1, 1)]:
        expected = rows(ledgers(replay.as_at(service.app, day), day))
        assert rows(service.ledgers(as_at=day)) == expected, day
    paid = {r.grant_id: r.paid_pence for r in service.ledgers(as_at=date(2017, 3, 31)).grants}
    assert paid[str(grant.id)] == Money.of("100000").pence


def test_the_books_as_known_at_a_moment_equal_a_replay_cut_there(service: Service) -> None:
    load_demo(service)
    grant = essex_grant(service)
    service.need_projector().checkpoint_every = 7
    service.app.pay_tranche(grant.id, "treasurer", date(2016, 4, 5), "100000")
    between = datetime.now(UTC)
    service.app.record_repayment(grant.id, "treasurer", date(2016, 6, 1), "1000", "error")
    service.project()
    for moment in [between, datetime.now(UTC), between - timedelta(days=1)]:
        day = moment.date()
        expected = rows(ledgers(replay.known_at(service.app, moment), day))
        assert rows(service.ledgers(as_known_at=moment)) == expected, moment
    then = {r.grant_id: r for r in service.ledgers(as_known_at=between).grants}[str(grant.id)]
    assert (then.paid_pence, then.repaid_pence) == (Money.of("100000").pence, 0)


def test_the_audit_trail_filters_by_decision_and_grant(service: Service) -> None:
    load_demo(service)
    grant = essex_grant(service)
    service.app.pay_tranche(grant.id, "treasurer", date(2016, 4, 5), "100000", "BACS 1")

    trail = service.audit(AuditQuery(decision_reference="PCC/0128/15"))
    assert [r.position for r in trail] == sorted(r.position for r in trail)
    assert {r.decision_reference for r in trail} == {"PCC/0128/15"}
    payment = service.audit(AuditQuery(grant_id=str(grant.id), from_date=date(2016, 4, 1)))
    assert [(r.event, r.actor, r.amount_pence, r.year) for r in payment] == [
        ("Tranche paid", "treasurer", Money.of("100000").pence, "2016-17")
    ]


def test_verify_confirms_an_untouched_chain(service: Service) -> None:
    load_demo(service)
    verdict = service.verify()
    assert verdict.intact
    assert verdict.count == service.app.recorder.max_notification_id()
    assert len(verdict.head) == 64


def tamper(store_url: str, statement: str) -> None:
    if store_url.startswith("sqlite"):
        with sqlite3.connect(store_url.removeprefix("sqlite:///")) as conn:
            conn.execute(statement.format(events="stored_events", position="rowid"))
        return
    schema = parse_qs(urlsplit(store_url).query)["schema"][0]
    with psycopg.connect(store_url.split("?")[0], autocommit=True) as conn:
        conn.execute(f'SET search_path TO "{schema}"')
        conn.execute(statement.format(events="grantledger_events", position="notification_id"))


@pytest.mark.parametrize(
    ("statement", "problem"),
    [
        ("UPDATE {events} SET state = CAST(REPLACE(CAST(state AS TEXT), '76500000', '76600000')"
         " AS BLOB) WHERE {position} = 9", "does not match its link"),
        ("DELETE FROM {events} WHERE {position} = 9", "missing from the store"),
        ("DELETE FROM event_chain WHERE position = 9", "has no link in the chain"),
    ],
    ids=["rewritten", "deleted", "unlinked"],
)
def test_verify_names_the_first_position_where_the_chain_breaks(
    store_url: str, service: Service, statement: str, problem: str
) -> None:
    load_demo(service)
    if store_url.startswith("postgres"):
        statement = statement.replace(
            "CAST(REPLACE(CAST(state AS TEXT), '76500000', '76600000') AS BLOB)",
            "convert_to(replace(convert_from(state, 'UTF8'), '76500000', '76600000'), 'UTF8')",
        )
    tamper(store_url, statement)
    verdict = service.verify()
    assert (verdict.broken_at, verdict.count) == (9, 8)
    assert problem in str(verdict)
