"""One grant under several authorisations: two lines of one decision, or two decisions."""

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
    ProposeGrant,
    Share,
    VaryGrant,
)
from domain.errors import AuthorityError, GrantError
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import Authorisation, YearAmount
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from tests.stores import registered

FY22 = FinancialYear(2022)


@pytest.fixture
def system(tmp_path: Path) -> Iterator[System]:
    built = build(f"sqlite:///{tmp_path / 'books.sqlite'}", today=lambda: date(2026, 1, 1))
    yield built
    built.close()


def decided(system: System, reference: str, *lines: tuple[str, str]) -> UUID:
    registered(system.app, "Cleveland PCC")
    decision_id = system.app.handle(DraftDecision(
        on=date(2022, 9, 1), body="Cleveland PCC", reference=reference, title="Perpetrators",
        authorisations=[Authorisation(what, Money.of(amount), recipients=["Harbour"])
                        for what, amount in lines]), "officer")
    system.app.handle(ApproveDecision(decision_id=decision_id, on=date(2022, 9, 5),
                                      maker_role="PCC", override_reason="a test"), "pcc")
    return decision_id


def grant(system: System, decision_id: UUID, amount: str, *shares: Share) -> UUID:
    grant_id = system.app.handle(ProposeGrant(
        on=date(2022, 9, 5), decision_id=decision_id, title="Harbour", recipient="Harbour",
        amount=Money.of(amount), period_start=date(2022, 9, 5), period_end=date(2023, 3, 31),
        profile=[YearAmount(FY22, Money.of(amount))], authorised_by=shares), "officer")
    return grant_id


def approve(system: System, grant_id: UUID) -> None:
    system.app.handle(ApproveGrant(grant_id=grant_id, on=date(2022, 9, 5)), "pcc")


def drawn(system: System) -> dict[str, int]:
    return {row.reference: row.drawn_pence for row in system.ledgers.decisions(ListQuery()).rows}


def test_an_award_matched_by_the_bodys_own_money_draws_both_lines_of_one_decision(
        system: System) -> None:
    decision_id = decided(system, "2022-0007", ("Home Office award", "157423.33"),
                          ("OPCC and local authorities", "71711.67"))
    grant_id = grant(system, decision_id, "229135.00")
    approve(system, grant_id)
    decision = system.app.decision(decision_id)
    assert decision.drawn[grant_id] == {0: Money.of("157423.33"), 1: Money.of("71711.67")}
    assert drawn(system) == {"2022-0007": Money.of("229135.00").pence}
    another = grant(system, decision_id, "0.01")
    with pytest.raises(AuthorityError, match=r"£0\.00 of it remains"):
        approve(system, another)


def test_a_grant_authorised_by_two_decisions_draws_each_its_share(system: System) -> None:
    award = decided(system, "2022-0007", ("Home Office award", "157423.33"))
    match = decided(system, "2022-0008", ("Local match", "71711.67"))
    grant_id = grant(system, award, "229135.00", Share(award, Money.of("157423.33")),
                     Share(match, Money.of("71711.67")))
    approve(system, grant_id)
    assert drawn(system) == {"2022-0007": Money.of("157423.33").pence,
                             "2022-0008": Money.of("71711.67").pence}
    system.app.handle(VaryGrant(grant_id=grant_id, on=date(2022, 12, 1),
                                amount=Money.of("200000"), profile=[YearAmount(
                                    FY22, Money.of("200000"))], reason="underspend"), "pcc")
    assert drawn(system) == {"2022-0007": Money.of("157423.33").pence,
                             "2022-0008": Money.of("42576.67").pence}


def test_the_shares_must_make_up_the_award(system: System) -> None:
    award = decided(system, "2022-0007", ("Home Office award", "157423.33"))
    match = decided(system, "2022-0008", ("Local match", "71711.67"))
    with pytest.raises(GrantError, match=r"name £229,135\.00"):
        grant(system, award, "229135.01", Share(award, Money.of("157423.33")),
              Share(match, Money.of("71711.67")))
