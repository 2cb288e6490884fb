"""Properties of the ledgers over random histories of payments, repayments, notice and closure."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adapters import replay
from adapters.service import Service
from adapters.settings import build_service
from domain.errors import GrantledgerError
from domain.financial_year import FinancialYear
from domain.ledgers import Ledgers, ledgers
from domain.money import Money
from domain.values import Authorisation, YearAmount

TODAY = date(2018, 1, 1)
FIRST, SECOND = FinancialYear(2016), FinancialYear(2017)
DAYS = st.dates(min_value=date(2016, 1, 1), max_value=date(2018, 6, 30))
PENCE = st.integers(min_value=1, max_value=30_000_000)

commands = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(0, 1), DAYS, PENCE),
        st.tuples(st.just("repay"), st.integers(0, 1), DAYS, PENCE),
        st.tuples(st.just("notice"), st.integers(0, 1), DAYS, st.just(0)),
        st.tuples(st.just("close"), st.integers(0, 1), DAYS, st.just(0)),
    ),
    max_size=12,
)


def open_books(url: str) -> tuple[Service, list[UUID]]:
    service = build_service(url, today=lambda: TODAY)
    app = service.app
    on = date(2016, 1, 10)
    decision = app.draft_decision(
        "officer", on, body="Essex PCC", reference="PCC/0001/16", title="Two grants",
        authorisations=[Authorisation("Both grants", Money.of("600000"))],
    )
    app.approve_decision(decision, "pcc", on, "PCC", override_reason="test history")
    app.establish_fund("officer", on, "Essex PCC", "CSF", "OPCC", FIRST, SECOND)
    app.set_fund_budget(app.fund_named("Essex PCC", "CSF").id, "treasurer", on, FIRST, "500000")
    grants = []
    for name in ("A", "B"):
        grant = app.propose_grant(
            "officer", on, decision, f"Grant {name}", f"Provider {name}", "250000",
            date(2016, 4, 1), date(2018, 3, 31),
            profile=[YearAmount(FIRST, Money.of("150000")), YearAmount(SECOND, Money.of("100000"))],
            fund="CSF",
        )
        app.approve_grant(grant, "pcc", on)
        grants.append(grant)
    return service, grants


def run(service: Service, grants: list[UUID], history: list[tuple[str, int, date, int]]) -> None:
    app = service.app
    for command, which, day, pence in history:
        grant, amount = grants[which], f"{pence / 100:.2f}"
        try:
            if command == "pay":
                app.pay_tranche(grant, "treasurer", day, amount)
            elif command == "repay":
                app.record_repayment(grant, "treasurer", day, amount, "returned")
            elif command == "notice":
                app.give_notice(grant, "pcc", day)
            else:
                app.close_grant(grant, "officer", day, "finished")
        except GrantledgerError:
            pass


def rows(result: Ledgers) -> dict[str, list[object]]:
    return {name: sorted(getattr(result, name), key=repr) for name in vars(result)}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(history=commands, cut=DAYS)
def test_ledgers_hold_over_any_history(history: list[tuple[str, int, date, int]],
                                       cut: date) -> None:
    with tempfile.TemporaryDirectory() as folder:
        service, grants = open_books(f"sqlite:///{Path(folder) / 'books.sqlite'}")
        service.need_projector().checkpoint_every = 4
        run(service, grants[:1], [h for h in history[: len(history) // 2] if h[1] == 0])
        halfway = datetime.now(UTC)
        run(service, grants, history)
        stored = service.stored_ledgers()

        for grant in stored.grants:
            assert grant.paid_pence <= grant.awarded_pence
            assert grant.repaid_pence <= grant.paid_pence
        by_fund_year: dict[str, int] = defaultdict(int)
        for line in stored.grant_years:
            by_fund_year[line.year] += line.charged_pence
        assert {r.year: r.committed_pence for r in stored.funds} == {
            year: by_fund_year.get(year, 0) for year in ("2016-17", "2017-18")
        }

        assert rows(stored) == rows(ledgers(replay.everything(service.app), TODAY))
        assert rows(service.ledgers(as_at=cut)) == rows(
            ledgers(replay.as_at(service.app, cut), cut)
        )
        assert rows(service.ledgers(as_known_at=halfway)) == rows(
            ledgers(replay.known_at(service.app, halfway), halfway.date())
        )
        service.rebuild()
        assert rows(service.stored_ledgers()) == rows(stored)
        service.close()
