"""Importing decision dossiers: each one becomes commands, all of them or none."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from marshmallow import ValidationError

from adapters import dossier_schema
from domain.application import Grantledger
from domain.errors import GrantledgerError
from domain.values import (
    Authorisation,
    Contribution,
    FundTranche,
    Outcome,
    Pledge,
    PublicationDecision,
    StatedPart,
    StatedTotal,
    Target,
    YearAmount,
)


@dataclass
class DossierError(Exception):
    source: str
    problems: list[tuple[str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(f"{self.source}: {where}: {problem}" for where, problem in self.problems)


@dataclass(frozen=True)
class Imported:
    source: str
    body: str
    reference: str
    loaded: bool

    def __str__(self) -> str:
        verb = "imported" if self.loaded else "already loaded, nothing recorded"
        return f"{self.source}: {self.body} {self.reference} {verb}"


def read(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DossierError(str(path), [("file", error.strerror or str(error))]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise DossierError(str(path), [("file", f"not valid JSON: {error}")]) from None
    return validate(document, str(path))


def validate(document: Any, source: str) -> dict[str, Any]:
    try:
        return dossier_schema.load(document)
    except ValidationError as error:
        raise DossierError(source, list(flatten(error.messages))) from None


def flatten(messages: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(messages, dict):
        for key, value in messages.items():
            if isinstance(key, int):
                where = f"{path}[{key}]"
            elif key == "_schema":
                where = path or "dossier"
            else:
                where = f"{path}.{key}" if path else str(key)
            yield from flatten(value, where)
    elif isinstance(messages, list):
        for message in messages:
            yield from flatten(message, path)
    else:
        yield path or "dossier", str(messages)


def shipped() -> list[tuple[str, dict[str, Any]]]:
    folder = resources.files("adapters") / "dossiers"
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".json")), key=lambda f: f.name)
    return [(f.name, validate(json.loads(f.read_text(encoding="utf-8")), f.name)) for f in files]


def import_dossier(app: Grantledger, dossier: dict[str, Any], source: str, actor: str,
                   today: Callable[[], date] = date.today) -> Imported:
    decision = dossier["decision"]
    body, reference = decision["body"], decision["reference"]
    if app.has_decision(body, reference):
        return Imported(source, body, reference, loaded=False)
    importer = _Importer(app, dossier, actor, today)
    try:
        with app.atomically():
            importer.run()
    except GrantledgerError as error:
        raise DossierError(source, [(importer.at, str(error))]) from None
    return Imported(source, body, reference, loaded=True)


class _Importer:
    """Transcribes a decision already taken by the people its record names: the importer is
    neither its drafter nor its decision maker, so separation of duties is not asked of it."""

    def __init__(self, app: Grantledger, dossier: dict[str, Any], actor: str,
                 today: Callable[[], date]) -> None:
        self.app = app
        self.today = today
        self.dossier = dossier
        self.decision = dossier["decision"]
        self.body = self.decision["body"]
        self.actor = actor
        self.at = "decision"

    @contextmanager
    def step(self, where: str) -> Iterator[None]:
        self.at = where
        yield

    def run(self) -> None:
        for i, fund in enumerate(self.dossier["funds"]):
            with self.step(f"funds[{i}]"):
                self.fund(fund)
        for i, programme in enumerate(self.dossier["programmes"]):
            with self.step(f"programmes[{i}]"):
                self.programme(programme)
        decision_id = self.draft()
        for i, grant in enumerate(self.dossier["grants"]):
            with self.step(f"grants[{i}]"):
                self.grant(decision_id, grant)

    def fund(self, fund: dict[str, Any]) -> None:
        on = self.decision["drafted_on"]
        if self.app.has_fund(self.body, fund["name"]):
            fund_id = self.app.fund_named(self.body, fund["name"]).id
        else:
            fund_id = self.app.establish_fund(
                self.actor,
                on,
                self.body,
                fund["name"],
                fund["funder"],
                fund["first_year"],
                fund["last_year"],
                fund["total_budget"],
                [FundTranche(**tranche) for tranche in fund["tranches"]],
            )
        where = self.at
        for year, amount in sorted(fund["budgets"].items()):
            with self.step(f"{where}.budgets.{year}"):
                self.app.set_fund_budget(fund_id, self.actor, on, year, amount)

    def programme(self, programme: dict[str, Any]) -> None:
        on, name = self.decision["drafted_on"], programme["name"]
        if self.app.has_programme(name):
            programme_id = self.app.programme_named(name).id
        else:
            programme_id = self.app.register_programme(
                self.actor,
                on,
                name,
                programme["lead_body"],
                programme["delivery_partners"],
                programme["description"],
                self.body,
            )
        known = self.app.programme(programme_id)
        for i, site in enumerate(programme["sites"]):
            with self.step(f"{self.at}.sites[{i}]"):
                if not known.has_site(site["site"]):
                    self.app.add_programme_site(
                        programme_id, self.actor, on, site["site"], site["host_body"]
                    )
        where = self.at
        for i, pledge in enumerate(programme["pledges"]):
            with self.step(f"{where}.pledges[{i}]"):
                self.app.record_pledge(
                    programme_id, self.actor, on, Pledge(**pledge), self.decision["reference"]
                )
        for i, target in enumerate(programme["targets"]):
            with self.step(f"{where}.targets[{i}]"):
                self.app.set_programme_target(programme_id, self.actor, on, Target(**target))
        for i, outcome in enumerate(programme["outcomes"]):
            with self.step(f"{where}.outcomes[{i}]"):
                self.app.report_programme_outcome(programme_id, self.actor, on, Outcome(**outcome))

    def draft(self) -> Any:
        d = self.decision
        with self.step("decision"):
            decision_id = self.app.draft_decision(
                self.actor,
                d["drafted_on"],
                body=d["body"],
                reference=d["reference"],
                title=d["title"],
                report_author=d["report_author"],
                report_date=d["report_date"],
                classification=d["classification"],
                area=d["area"],
                summary=d["summary"],
                recommendations=d["recommendations"],
                related_decisions=d["related_decisions"],
                authorisations=[Authorisation(**a) for a in d["authorises"]],
                no_direct_financial_implications=d["no_direct_financial_implications"],
                stated_totals=[stated_total(t) for t in d["stated_totals"]],
            )
        for i, implication in enumerate(d["implications"]):
            with self.step(f"decision.implications[{i}]"):
                self.app.consider_implication(
                    decision_id,
                    self.actor,
                    d["drafted_on"],
                    implication["area"],
                    implication["considered"],
                    implication["details"],
                )
        for i, sign_off in enumerate(d["sign_offs"]):
            with self.step(f"decision.sign_offs[{i}]"):
                self.app.sign_off_decision(
                    decision_id,
                    self.actor,
                    sign_off["role"],
                    sign_off["name"],
                    sign_off["signed_on"],
                    sign_off["title"],
                )
        if d["outcome"]:
            with self.step("decision.outcome"):
                self.outcome(decision_id, d["outcome"])
        if d["publication"]:
            with self.step("decision.publication"):
                self.publication(decision_id, d["publication"])
        return decision_id

    def outcome(self, decision_id: Any, outcome: dict[str, Any]) -> None:
        maker = outcome["decision_maker"]
        if outcome["result"] == "approved":
            self.app.approve_decision(
                decision_id,
                self.actor,
                outcome["on"],
                maker["role"],
                maker["name"],
                outcome["override_reason"],
                separate_duties=False,
            )
        else:
            self.app.refuse_decision(
                decision_id,
                self.actor,
                outcome["on"],
                maker["role"],
                maker["name"],
                outcome["reasons"],
                separate_duties=False,
            )

    def publication(self, decision_id: Any, publication: dict[str, Any]) -> None:
        self.app.decide_publication(
            decision_id,
            self.actor,
            publication["decided_on"],
            PublicationDecision(
                for_publication=publication["for_publication"],
                reasons=publication["reasons"],
                part2_exists=publication["part2_exists"],
                deferred_until=publication["deferred_until"],
                redaction_required=publication["redaction_required"],
            ),
        )
        sign_off = publication["redaction_sign_off"]
        if sign_off:
            self.app.sign_off_redaction(
                decision_id, self.actor, sign_off["role"], sign_off["name"], sign_off["signed_on"]
            )
        if publication["published_on"]:
            self.app.publish_decision(decision_id, self.actor, publication["published_on"],
                                      self.today())

    def grant(self, decision_id: Any, grant: dict[str, Any]) -> None:
        grant_id = self.app.propose_grant(
            self.actor,
            grant["proposed_on"],
            decision_id,
            title=grant["title"],
            recipient=grant["recipient"],
            amount=grant["amount"],
            period_start=grant["period_start"],
            period_end=grant["period_end"],
            purpose=grant["purpose"],
            up_to=grant["up_to"],
            profile=[YearAmount(year, amount) for year, amount in sorted(grant["profile"].items())],
            contributions=[Contribution(**c) for c in grant["contributions"]],
            fund=grant["fund"],
            programme=grant["programme"],
            partners=grant["partners"],
            notice_months=grant["notice_months"],
        )
        if grant["approved_on"]:
            self.app.approve_grant(
                grant_id, self.actor, grant["approved_on"], grant["override_reason"]
            )
        if grant["agreement_signed_on"]:
            self.app.sign_grant_agreement(grant_id, self.actor, grant["agreement_signed_on"])
        where = self.at
        for i, payment in enumerate(grant["payments"]):
            with self.step(f"{where}.payments[{i}]"):
                self.app.pay_tranche(
                    grant_id,
                    self.actor,
                    payment["on"],
                    payment["amount"],
                    payment["reference"],
                    separate_duties=False,
                )


def stated_total(total: dict[str, Any]) -> StatedTotal:
    parts = [StatedPart(part["label"], part["amount"]) for part in total["parts"]]
    return StatedTotal(total["what"], total["stated"], parts)
