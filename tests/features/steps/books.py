"""The books a scenario keeps: a store of its own, and what its steps share as fixtures."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar
from uuid import UUID

import pytest

from adapters import dossier
from adapters.system import System
from domain.application import Grantledger
from domain.commands import ApproveDecision, DraftDecision, SignOffDecision
from domain.decision import Decision
from domain.errors import GrantledgerError
from domain.grant import Grant
from domain.money import Money
from domain.values import Authorisation, SignOffRole, StatedTotal
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from tests.stores import registered

T = TypeVar("T")


@dataclass
class Attempts:
    """The refusal of the last command a step attempted, if it was refused."""

    error: GrantledgerError | None = None

    def run(self, command: Callable[[], T]) -> T | None:
        self.error = None
        try:
            return command()
        except GrantledgerError as error:
            self.error = error
            return None


@pytest.fixture
def system(tmp_path: Path) -> Iterator[System]:
    built = build(f"sqlite:///{tmp_path / 'books.sqlite'}", today=lambda: date(2026, 1, 1))
    yield built
    built.close()


@pytest.fixture
def app(system: System) -> Grantledger:
    return system.app


@pytest.fixture
def ledgers(system: System) -> ReadModel:
    return system.ledgers


@pytest.fixture
def attempts() -> Attempts:
    return Attempts()


def load(app: Grantledger, *names: str) -> None:
    for name, document in dossier.shipped():
        if not names or name in names:
            dossier.import_dossier(app, document, name, "steps")


def grants_of(app: Grantledger, ledgers: ReadModel,
              decision_id: UUID | None = None) -> list[Grant]:
    query = ListQuery(decision_id=str(decision_id) if decision_id else "")
    return [app.grant(UUID(row.grant_id)) for row in ledgers.grants(query).rows]


def decision_numbered(app: Grantledger, ledgers: ReadModel, reference: str) -> Decision:
    found = [d for d in ledgers.decisions().rows if d.reference == reference]
    assert found, f"no decision {reference}"
    return app.decision(UUID(found[0].decision_id))


def draft(app: Grantledger, body: str, reference: str, on: date, amount: Money | None,
          recipient: str = "", fund: str = "", stated: list[StatedTotal] | None = None) -> UUID:
    registered(app, body)
    authorisations = (
        [Authorisation(f"Grant to {recipient}", amount, recipients=[recipient], fund=fund)]
        if amount else []
    )
    return app.handle(DraftDecision(
        on=on, body=body, reference=reference, title=f"Decision {reference}",
        authorisations=authorisations, stated_totals=stated or [],
    ), "officer")


def sign_off_and_approve(app: Grantledger, decision_id: UUID, on: date) -> None:
    app.handle(SignOffDecision(decision_id=decision_id, role=SignOffRole.CHIEF_FINANCE_OFFICER,
                               name="Treasurer", signed_on=on), "cfo")
    app.handle(SignOffDecision(decision_id=decision_id, role=SignOffRole.MONITORING_OFFICER,
                               name="Monitoring Officer", signed_on=on), "mo")
    app.handle(ApproveDecision(decision_id=decision_id, on=on, maker_role="PCC"), "pcc")
