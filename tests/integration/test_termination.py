"""Ending grants on any notice, and grants whose record states no profile, as the ledgers
and the fund see them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from adapters.system import System
from domain.commands import (
    ApproveDecision,
    ApproveGrant,
    DraftDecision,
    EstablishFund,
    ExtendGrant,
    GiveNotice,
    PayTranche,
    ProposeGrant,
    RecordRepayment,
    SignOffDecision,
    TerminateGrant,
)
from domain.errors import AuthorityError, GrantError, PaymentAfterTerminationError
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import Authorisation, GrantStatus, SignOffRole, YearAmount
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from readmodel.points import Point
from tests.stores import registered

BODY = "Essex PCC"
FY16, FY17, FY18 = FinancialYear(2016), FinancialYear(2017), FinancialYear(2018)


@pytest.fixture
def system(tmp_path: Path) -> Iterator[System]:
    built = build(f"sqlite:///{tmp_path / 'books.sqlite'}", today=lambda: date(2026, 1, 1))
    yield built
    built.close()


def decided(system: System, amount: str = "765000") -> UUID:
    app = system.app
    registered(app, BODY)
    decision_id = app.handle(DraftDecision(
        on=date(2015, 11, 1), body=BODY, reference="PCC/0128/15", title="Drive",
        authorisations=[Authorisation("Drive", Money.of(amount), fund="Community Safety Fund")],
    ), "officer")
    for role in (SignOffRole.CHIEF_FINANCE_OFFICER, SignOffRole.MONITORING_OFFICER):
        app.handle(SignOffDecision(decision_id=decision_id, role=role, name="N",
                                   signed_on=date(2015, 11, 20)), "officer")
    app.handle(ApproveDecision(decision_id=decision_id, on=date(2015, 11, 23),
                               maker_role="PCC"), "commissioner")
    app.handle(EstablishFund(on=date(2015, 11, 1), body=BODY, name="Community Safety Fund",
                             funder=BODY, first_year=FY16, last_year=FY18), "treasurer")
    return decision_id


def awarded(system: System, profile: list[YearAmount] | None = None, amount: str = "765000",
            notice_months: int = 1, notice_days: int = 0,
            period: tuple[date, date] = (date(2016, 4, 1), date(2019, 3, 31))) -> UUID:
    app = system.app
    grant_id = app.handle(ProposeGrant(
        on=date(2015, 11, 23), decision_id=decided(system, amount), title="Drive pilot",
        recipient="SafeLives", amount=Money.of(amount), period_start=period[0],
        period_end=period[1], fund="Community Safety Fund", notice_months=notice_months,
        notice_days=notice_days,
        profile=[YearAmount(FY16, Money.of("208000")), YearAmount(FY17, Money.of("224000")),
                 YearAmount(FY18, Money.of("333000"))] if profile is None else profile,
    ), "officer")
    app.handle(ApproveGrant(grant_id=grant_id, on=date(2015, 11, 23)), "commissioner")
    return grant_id


def row(system: System, point: Point | None = None) -> dict[str, int]:
    found = system.ledgers.grants(ListQuery(), point or Point()).rows[0]
    return {m: getattr(found, f"{m}_pence") for m in
            ("committed", "charged", "paid", "released", "outstanding", "profiled")}


def fund_committed(system: System) -> dict[FinancialYear, Money]:
    return dict(system.app.fund_named(BODY, "Community Safety Fund").committed)


def pence(text: str) -> int:
    return Money.of(text).pence


def test_a_grant_ended_with_immediate_effect_commits_only_what_was_paid(system: System) -> None:
    grant_id = awarded(system)
    system.app.handle(PayTranche(grant_id=grant_id, on=date(2016, 4, 1),
                                 amount=Money.of("50000")), "treasurer")
    system.app.handle(TerminateGrant(grant_id=grant_id, on=date(2017, 4, 10),
                                     reason="services ended"), "commissioner")
    grant = system.app.grant(grant_id)
    assert grant.status is GrantStatus.TERMINATED
    assert grant.termination_effective_on == date(2017, 4, 10)
    assert row(system)["committed"] == pence("50000")
    assert row(system)["released"] == pence("715000")
    assert row(system)["outstanding"] == 0
    assert fund_committed(system) == {FY16: Money.of("50000"), FY17: Money.zero(),
                                      FY18: Money.zero()}
    with pytest.raises(PaymentAfterTerminationError):
        system.app.handle(PayTranche(grant_id=grant_id, on=date(2017, 4, 9),
                                     amount=Money.of("1")), "treasurer")


def test_ending_with_immediate_effect_needs_a_reason_or_a_decision(system: System) -> None:
    grant_id = awarded(system)
    with pytest.raises(GrantError, match="immediate effect needs a reason"):
        system.app.handle(TerminateGrant(grant_id=grant_id, on=date(2017, 4, 10)), "pcc")


def test_what_the_terms_still_owe_stays_committed_and_payable(system: System) -> None:
    grant_id = awarded(system)
    system.app.handle(TerminateGrant(grant_id=grant_id, on=date(2016, 6, 30), reason="ended",
                                     still_payable=Money.of("17000")), "commissioner")
    assert row(system)["committed"] == pence("17000")
    assert row(system)["outstanding"] == pence("17000")
    with pytest.raises(PaymentAfterTerminationError, match=r"only £17,000\.00"):
        system.app.handle(PayTranche(grant_id=grant_id, on=date(2016, 7, 15),
                                     amount=Money.of("17000.01")), "treasurer")
    system.app.handle(PayTranche(grant_id=grant_id, on=date(2016, 7, 15),
                                 amount=Money.of("17000")), "treasurer")
    assert row(system)["committed"] == pence("17000")
    assert row(system)["outstanding"] == 0
    assert fund_committed(system)[FY16] == Money.of("17000")


def test_a_repayment_after_termination_lowers_the_commitment(system: System) -> None:
    grant_id = awarded(system)
    system.app.handle(PayTranche(grant_id=grant_id, on=date(2016, 4, 1),
                                 amount=Money.of("50000")), "treasurer")
    system.app.handle(TerminateGrant(grant_id=grant_id, on=date(2016, 6, 30), reason="ended"),
                      "commissioner")
    system.app.handle(RecordRepayment(grant_id=grant_id, on=date(2016, 8, 1),
                                      amount=Money.of("10000"), reason="unspent"), "treasurer")
    assert row(system)["committed"] == pence("40000")
    assert row(system)["outstanding"] == 0
    assert fund_committed(system)[FY16] == Money.of("40000")


@pytest.mark.parametrize(("months", "days", "given", "effective"), [
    (0, 0, date(2017, 1, 15), date(2017, 1, 15)),
    (0, 28, date(2017, 1, 15), date(2017, 2, 12)),
    (3, 0, date(2017, 1, 31), date(2017, 4, 30)),
    (1, 7, date(2017, 1, 31), date(2017, 3, 7)),
])
def test_notice_runs_for_the_period_the_terms_give(
        system: System, months: int, days: int, given: date, effective: date) -> None:
    grant_id = awarded(system, notice_months=months, notice_days=days)
    system.app.handle(GiveNotice(grant_id=grant_id, on=given), "commissioner")
    assert system.app.grant(grant_id).termination_effective_on == effective


def test_a_decision_ending_a_grant_may_state_its_own_notice(system: System) -> None:
    grant_id = awarded(system, notice_months=3)
    system.app.handle(GiveNotice(grant_id=grant_id, on=date(2017, 1, 15), notice_months=0,
                                 notice_days=0), "commissioner")
    assert system.app.grant(grant_id).termination_effective_on == date(2017, 1, 15)
    system.app.handle(TerminateGrant(grant_id=grant_id, on=date(2017, 1, 15)), "commissioner")
    assert system.app.grant(grant_id).status is GrantStatus.TERMINATED


def test_a_grant_with_no_profile_commits_its_award_over_its_period_by_days(
        system: System) -> None:
    awarded(system, profile=[], amount="100000", period=(date(2016, 10, 1), date(2017, 9, 30)))
    years = {r.year: r.committed_pence for r in system.ledgers.grant_years(ListQuery()).rows}
    assert years == {"2016-17": pence("49863.01"), "2017-18": pence("50136.99")}
    assert sum(years.values()) == pence("100000")
    assert fund_committed(system) == {FY16: Money.of("49863.01"), FY17: Money.of("50136.99")}
    exceptions = system.ledgers.exceptions(ListQuery()).rows
    assert any(e.what.endswith("not stated: profile") for e in exceptions)


def test_exposure_leaves_out_a_grant_whose_period_has_ended(system: System) -> None:
    awarded(system, profile=[], amount="100000", period=(date(2016, 10, 1), date(2017, 9, 30)))
    assert system.ledgers.exposure(date(2017, 10, 1)).rows == []
    assert [r.payable_pence for r in system.ledgers.exposure(date(2017, 9, 1)).rows] == [
        pence("100000")]


def extending_decision(system: System, amount: str = "100000") -> UUID:
    app = system.app
    decision_id = app.handle(DraftDecision(
        on=date(2018, 11, 1), body=BODY, reference="PCC/0010/18", title="Drive extended",
        authorisations=[Authorisation("Extension", Money.of(amount), up_to=True)],
    ), "officer")
    for role in (SignOffRole.CHIEF_FINANCE_OFFICER, SignOffRole.MONITORING_OFFICER):
        app.handle(SignOffDecision(decision_id=decision_id, role=role, name="N",
                                   signed_on=date(2018, 11, 20)), "officer")
    app.handle(ApproveDecision(decision_id=decision_id, on=date(2018, 11, 25),
                               maker_role="PCC"), "commissioner")
    return decision_id


def test_an_extension_runs_the_same_grant_on_under_the_later_decision(system: System) -> None:
    grant_id = awarded(system, period=(date(2016, 4, 1), date(2018, 12, 31)))
    later = extending_decision(system)
    system.app.handle(ExtendGrant(grant_id=grant_id, under_decision_id=later,
                                  period_end=date(2019, 3, 31), on=date(2018, 12, 1),
                                  added=[YearAmount(FY18, Money.of("60000"))]),
                      "commissioner")
    grant = system.app.grant(grant_id)
    assert (grant.period_end, grant.amount) == (date(2019, 3, 31), Money.of("825000"))
    assert grant.profile[FY18] == Money.of("393000")
    assert fund_committed(system)[FY18] == Money.of("393000")
    assert system.app.decision(later).drawn_for(grant_id) == Money.of("60000")
    rows = system.ledgers.grants(ListQuery()).rows
    assert len(rows) == 1 and rows[0].awarded_pence == pence("825000")
    assert rows[0].committed_pence == pence("825000")


def test_an_extension_beyond_the_later_decisions_authority_changes_nothing(
        system: System) -> None:
    grant_id = awarded(system, period=(date(2016, 4, 1), date(2018, 12, 31)))
    later = extending_decision(system, amount="50000")
    with pytest.raises(AuthorityError):
        system.app.handle(ExtendGrant(grant_id=grant_id, under_decision_id=later,
                                      period_end=date(2019, 3, 31), on=date(2018, 12, 1),
                                      added=[YearAmount(FY18, Money.of("60000"))]),
                          "commissioner")
    assert system.app.grant(grant_id).amount == Money.of("765000")
