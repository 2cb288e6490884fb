"""The register of bodies: every body a record names is in it."""

from __future__ import annotations

from collections.abc import Iterator
from copy import deepcopy
from datetime import date
from pathlib import Path

import pytest

from adapters import dossier
from adapters.system import System
from domain.commands import DraftDecision, EstablishFund, RegisterBody
from domain.errors import BodyError, BodyNotFoundError
from domain.financial_year import FinancialYear
from domain.values import BodyKind
from grantledger.bootstrap import build


@pytest.fixture
def system(tmp_path: Path) -> Iterator[System]:
    built = build(f"sqlite:///{tmp_path / 'books.sqlite'}", today=lambda: date(2026, 1, 1))
    yield built
    built.close()


def test_a_decision_or_fund_of_a_body_not_in_the_register_is_refused(system: System) -> None:
    with pytest.raises(BodyNotFoundError, match="Kent PCC is not in the register"):
        system.app.handle(DraftDecision(body="Kent PCC", reference="1", title="x"), "officer")
    with pytest.raises(BodyNotFoundError):
        system.app.handle(EstablishFund(body="Kent PCC", name="CSF", funder="OPCC",
                                        first_year=FinancialYear(2016),
                                        last_year=FinancialYear(2016)), "treasurer")
    assert system.app.recorder.max_notification_id() in (None, 0)


def test_a_pcc_that_became_a_pfcc_is_recorded_both_ways(system: System) -> None:
    for _, document in dossier.shipped():
        dossier.import_dossier(system.app, document, "demo", "demo")
    register = {entry.name: entry for entry in system.register.entries()}
    assert register["Essex PCC"].successor == "Essex PFCC"
    assert register["Essex PFCC"].predecessor == "Essex PCC"
    assert register["Essex PFCC"].kind == BodyKind.POLICE_FIRE_AND_CRIME_COMMISSIONER.value
    assert register["MOPAC"].kind == BodyKind.MAYORS_OFFICE.value
    with pytest.raises(BodyError, match="already succeeded by Essex PFCC"):
        system.app.handle(RegisterBody(name="Essex Fire", predecessor="Essex PCC"), "admin")


def test_a_dossier_naming_a_body_the_register_lacks_is_refused_whole(system: System) -> None:
    (_, document), *_ = dossier.shipped()
    lacking = deepcopy(document)
    lacking["bodies"] = []
    with pytest.raises(dossier.DossierError, match="Essex PCC is not in the register"):
        dossier.import_dossier(system.app, lacking, "essex.json", "demo")
    assert system.app.recorder.max_notification_id() in (None, 0)
