"""Dossiers of later decisions: acting on earlier grants, and imported again."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from uuid import UUID

from pytest_bdd import given, then, when

from adapters import dossier
from domain.application import Grantledger
from readmodel.model import ReadModel
from tests.features.steps.grants import earlier_grant
from tests.features.steps.vocabulary import step


@dataclass(frozen=True)
class Reimport:
    events_before: int
    refusal: dossier.DossierError | None


@when(step("a dossier of decision {reference} ends the {recipient} grant of {earlier} with "
           "immediate effect on {on:Day}"), target_fixture="grant_id")
def dossier_ends(app: Grantledger, reference: str, recipient: str, earlier: str,
                 on: date) -> UUID:
    document = {
        "format": "grantledger-dossier/1",
        "decision": {
            "body": "Essex PCC", "reference": reference, "title": "Services ended",
            "drafted_on": on.isoformat(), "no_direct_financial_implications": True,
            "sign_offs": [{"role": "monitoring_officer", "name": "M.O.",
                           "signed_on": on.isoformat()}],
            "outcome": {"result": "approved", "on": on.isoformat(),
                        "decision_maker": {"role": "PCC"}}},
        "acts_on": [{"decision": earlier, "grant": recipient, "action": "terminate",
                     "reason": "ended with immediate effect"}],
    }
    dossier.import_dossier(app, dossier.validate(document, "ends.json"), "ends.json", "steps")
    return earlier_grant(app, recipient, earlier)


@when(step('the Essex dossier {reference} is imported again with the title "{title}"'),
      target_fixture="reimport")
def imported_again(app: Grantledger, reference: str, title: str) -> Reimport:
    (document,) = [d for _, d in dossier.shipped() if d["decision"]["reference"] == reference]
    changed = {**document, "decision": {**document["decision"], "title": title}}
    before = app.recorder.max_notification_id() or 0
    try:
        dossier.import_dossier(app, changed, "again.json", "steps")
    except dossier.DossierError as error:
        return Reimport(before, error)
    return Reimport(before, None)


@then(step('the import is refused naming "{field}"'))
def import_refused(reimport: Reimport, field: str) -> None:
    refusal = reimport.refusal
    assert refusal is not None and field in [where for where, _ in refusal.problems], refusal


@then("nothing new is recorded")
def nothing_new(app: Grantledger, reimport: Reimport) -> None:
    assert (app.recorder.max_notification_id() or 0) == reimport.events_before


@given(step('a dossier of an Essex PCC decision whose record gives no reference, titled '
            '"{title}"'), target_fixture="document")
def unreferenced_dossier(title: str) -> dict[str, Any]:
    on = "2017-03-01"
    return dossier.validate({
        "format": "grantledger-dossier/1",
        "bodies": [{"name": "Essex PCC", "kind": "police_and_crime_commissioner"}],
        "decision": {
            "body": "Essex PCC", "reference": None, "title": title, "drafted_on": on,
            "no_direct_financial_implications": True,
            "sign_offs": [{"role": "monitoring_officer", "name": "M.O.", "signed_on": on}],
            "outcome": {"result": "approved", "on": on, "decision_maker": {"role": "PCC"}}},
    }, "unreferenced.json")


@when("the dossier is imported")
def dossier_imported(app: Grantledger, document: dict[str, Any]) -> None:
    dossier.import_dossier(app, document, "unreferenced.json", "steps")


@when("the dossier is imported again", target_fixture="reimport")
def dossier_imported_again(app: Grantledger, document: dict[str, Any]) -> Reimport:
    before = app.recorder.max_notification_id() or 0
    imported = dossier.import_dossier(app, document, "unreferenced.json", "steps")
    assert not imported.loaded
    return Reimport(before, None)


@then(step('the decision register shows "{title}" with its reference not stated'))
def register_shows_unreferenced(ledgers: ReadModel, title: str) -> None:
    (row,) = [d for d in ledgers.decisions().rows if d.title == title]
    assert row.reference is None
