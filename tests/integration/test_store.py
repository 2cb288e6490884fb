"""The same behaviour on SQLite and on PostgreSQL."""

from __future__ import annotations

import copy
import threading
from dataclasses import replace
from datetime import date
from typing import Any
from uuid import UUID

import pytest

from adapters import dossier
from domain.application import Grantledger
from domain.commands import DraftDecision, PayTranche
from domain.errors import ConcurrentChangeError, DuplicateError, GrantledgerError, OverpaymentError
from domain.money import Money
from grantledger.bootstrap import build
from tests.stores import registered


def build_application(url: str) -> Grantledger:
    return build(url).app


def load_demo(app: Grantledger) -> list[dossier.Imported]:
    return [dossier.import_dossier(app, d, name, "demo") for name, d in dossier.shipped()]


def events_in(app: Grantledger) -> int:
    return app.recorder.max_notification_id() or 0


def essex_dossier() -> dict[str, Any]:
    return copy.deepcopy(dict(dossier.shipped())["1_essex_pcc_0128_15.json"])


def test_the_demo_loads_once_and_is_there_after_reopening(store_url: str) -> None:
    first = build_application(store_url)
    assert all(result.loaded for result in load_demo(first))
    recorded = events_in(first)
    first.close()

    system = build(store_url)
    reopened, ledgers = system.app, system.ledgers
    assert not any(result.loaded for result in load_demo(reopened))
    assert events_in(reopened) == recorded
    assert ledgers.decisions().total == 5
    assert sorted(g.recipient for g in ledgers.grants().rows) == [
        "Barefoot Social Research",
        "Harbour Support Services",
        "My Sister's Place",
        "Rise Mutual",
        "SafeLives",
        "SafeLives",
    ]
    assert {d.difference_pence for d in ledgers.discrepancies().rows} == {
        Money.of("-8000").pence,
        Money.of("-68000").pence,
        Money.of("-1").pence,
    }
    system.close()


def test_a_dossier_refused_half_way_records_nothing(store_url: str) -> None:
    app = build_application(store_url)
    document = essex_dossier()
    document["grants"][0]["payments"] = [
        {"on": date(2016, 4, 1), "amount": Money.of("700000"), "reference": ""},
        {"on": date(2016, 5, 1), "amount": Money.of("100000"), "reference": ""},
    ]
    with pytest.raises(dossier.DossierError) as refused:
        dossier.import_dossier(app, document, "essex.json", "demo")
    assert refused.value.problems[0][0] == "grants[0].payments[1]"
    assert "only £65,000.00 remains of £765,000.00" in refused.value.problems[0][1]
    assert events_in(app) == 0
    assert not app.has_decision("Essex PCC", "PCC/0128/15")


def test_a_reference_is_unique_within_its_body_across_processes(store_url: str) -> None:
    one, other = build_application(store_url), build_application(store_url)
    registered(one, "MOPAC", "Essex PCC")
    draft = DraftDecision(on=date(2020, 1, 1), body="MOPAC", reference="PCD 700", title="Test")
    one.handle(draft, "officer")
    with pytest.raises(DuplicateError):
        other.handle(draft, "officer")
    other.handle(replace(draft, body="Essex PCC"), "officer")


def test_two_concurrent_payments_beyond_the_award_exactly_one_succeeds(store_url: str) -> None:
    setup = build(store_url)
    load_demo(setup.app)
    grant_id = next(UUID(g.grant_id) for g in setup.ledgers.grants().rows
                    if g.title == "SafeLives Drive pilot")
    workers = [build_application(store_url) for _ in range(2)]
    for app in workers:
        app.grant(grant_id)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def pay(app: Grantledger) -> None:
        barrier.wait()
        try:
            app.handle(PayTranche(grant_id=grant_id, on=date(2016, 4, 1),
                                  amount=Money.of("700000")), "treasurer")
            outcomes.append("paid")
        except (ConcurrentChangeError, OverpaymentError) as error:
            outcomes.append(type(error).__name__)
        except GrantledgerError as error:  # pragma: no cover - reported in the assertion
            outcomes.append(repr(error))

    threads = [threading.Thread(target=pay, args=(app,)) for app in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "paid" and outcomes.count("paid") == 1, outcomes
    assert build_application(store_url).grant(grant_id).paid == Money.of("700000")
