"""A generated history: the same for the same seed, accepted whole by the domain, as large as
asked, and made only by the bodies asked for."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from adapters.generator import BODIES, History
from domain.application import Grantledger
from domain.errors import DuplicateError
from domain.money import Money
from grantledger.bootstrap import build

EVERY_KIND_OF_EVENT = {
    "Decision.Drafted", "Decision.ImplicationConsidered", "Decision.SignedOff",
    "Decision.Approved", "Decision.PublicationDecided", "Decision.Published",
    "Decision.AuthorityLinesDrawn", "Fund.Established", "Fund.BudgetSet", "Fund.Committed",
    "Programme.Registered", "Programme.SiteAdded", "Programme.PledgeRecorded",
    "Grant.Proposed", "Grant.Approved", "Grant.AgreementSigned", "Grant.TranchePaid",
    "Grant.Varied", "Grant.NoticeGiven", "Grant.Terminated", "Grant.RepaymentRecorded",
    "Grant.Closed",
}

Summary = tuple[str, int, date, tuple[int, ...]]


def events_in(app: Grantledger) -> Iterator[Any]:
    start = 1
    while page := app.recorder.select_notifications(start, 1000):
        yield from (app.mapper.to_domain_event(notification) for notification in page)
        start = page[-1].id + 1


def kind(event: Any) -> str:
    return type(event).__qualname__


def pence_in(value: Any) -> Iterator[int]:
    if isinstance(value, Money):
        yield value.pence
    elif isinstance(value, list | tuple):
        for item in value:
            yield from pence_in(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from pence_in(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            yield from pence_in(getattr(value, field.name))


def summary(event: Any) -> Summary:
    return kind(event), event.originator_version, event.business_date, tuple(pence_in(vars(event)))


def history_of(url: str, events: int, seed: int) -> list[Summary]:
    system = build(url)
    try:
        History(seed=seed).record(system.app, events)
        return [summary(event) for event in events_in(system.app)]
    finally:
        system.close()


def test_the_same_seed_records_the_same_history(tmp_path: Path) -> None:
    first = history_of(f"sqlite:///{tmp_path / 'first.sqlite'}", 2000, seed=7)
    again = history_of(f"sqlite:///{tmp_path / 'again.sqlite'}", 2000, seed=7)
    other = history_of(f"sqlite:///{tmp_path / 'other.sqlite'}", 2000, seed=8)

    assert len(first) >= 2000
    assert first == again
    assert first != other


def test_a_generated_history_is_accepted_whole_and_reaches_the_events_asked(
    store_url: str,
) -> None:
    system = build(store_url)
    reported: list[int] = []
    try:
        recorded = History(seed=1).record(system.app, 3000, reported.append)
        events = list(events_in(system.app))
    finally:
        system.close()

    assert 3000 <= recorded < 3200
    assert len(events) == recorded
    assert reported == sorted(reported) and reported[-1] == recorded
    assert EVERY_KIND_OF_EVENT - {kind(event) for event in events} == set()


def test_awards_and_payments_keep_to_the_grants_terms(sqlite_url: str) -> None:
    system = build(sqlite_url)
    try:
        History(seed=2).record(system.app, 3000)
        events = list(events_in(system.app))
    finally:
        system.close()
    proposed = {e.originator_id: e for e in events if kind(e) == "Grant.Proposed"}
    payments = [e for e in events if kind(e) == "Grant.TranchePaid"]

    assert all(Money(500_000) <= g.amount <= Money(90_000_000) for g in proposed.values())
    assert payments and all(
        proposed[p.originator_id].period_start <= p.business_date
        <= proposed[p.originator_id].period_end for p in payments
    )


def test_bodies_limits_who_takes_part(sqlite_url: str) -> None:
    system = build(sqlite_url)
    try:
        History(seed=3, bodies=3).record(system.app, 1500)
        bodies = {event.body for event in events_in(system.app) if hasattr(event, "body")}
    finally:
        system.close()

    assert bodies == {body.name for body in BODIES[:3]}


def test_the_bodies_are_those_of_the_43_police_areas_then_northern_ireland() -> None:
    areas = [body.area for body in BODIES]

    assert len(BODIES) == 44 and len({body.name for body in BODIES}) == 44
    assert areas[:43] == sorted(areas[:43]) and areas[43] == "Northern Ireland"
    assert {"MOPAC", "Essex PFCC", "North Yorkshire PFCC", "Northamptonshire PFCC",
            "Staffordshire PFCC"} <= {body.name for body in BODIES}


def test_a_store_holding_a_generated_history_is_refused_another_with_nothing_recorded(
    sqlite_url: str,
) -> None:
    system = build(sqlite_url)
    try:
        History(seed=5, bodies=2).record(system.app, 100)
        before = system.app.recorder.max_notification_id()
        with pytest.raises(DuplicateError, match="already holds a generated history"):
            History(seed=5, bodies=2).record(system.app, 100)
        after = system.app.recorder.max_notification_id()
    finally:
        system.close()

    assert after == before


@pytest.mark.parametrize("bodies", [0, 45])
def test_bodies_must_be_between_one_and_44(bodies: int) -> None:
    with pytest.raises(ValueError, match="between 1 and 44"):
        History(bodies=bodies)
