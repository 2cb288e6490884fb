"""Importing decision dossiers: each one becomes commands, all of them or none."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from uuid import UUID

from marshmallow import ValidationError

from adapters import dossier_schema
from domain import identity
from domain.application import Grantledger
from domain.commands import (
    AddProgrammeSite,
    ApproveDecision,
    ApproveGrant,
    CarryOutRedaction,
    Command,
    ConsiderImplication,
    DecidePublication,
    DraftDecision,
    EstablishFund,
    ExtendGrant,
    GiveNotice,
    KeepDossier,
    PayTranche,
    ProposeGrant,
    PublishDecision,
    PublishGrant,
    RecordPledge,
    RefuseDecision,
    RegisterBody,
    RegisterProgramme,
    ReportProgrammeOutcome,
    SetFundBudget,
    SetProgrammeTarget,
    Share,
    SignGrantAgreement,
    SignOffDecision,
    SignOffRedaction,
    TerminateGrant,
    VaryGrant,
)
from domain.errors import GrantError, GrantledgerError
from domain.identity import normal
from domain.values import (
    Authorisation,
    Conflict,
    Contribution,
    FundTranche,
    Outcome,
    Pledge,
    StatedPart,
    StatedTotal,
    StatedValue,
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
    reference: str | None
    loaded: bool

    def __str__(self) -> str:
        verb = "imported" if self.loaded else "already loaded, nothing recorded"
        named = self.reference or "(reference not stated)"
        return f"{self.source}: {self.body} {named} {verb}"


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


def import_dossier(app: Grantledger, dossier: dict[str, Any], source: str,
                   actor: str) -> Imported:
    decision = dossier["decision"]
    body, reference = decision["body"], decision["reference"]
    decision_id = identity.decision_key(body, reference, decision["title"],
                                        decision["drafted_on"])
    if app.exists(decision_id):
        recorded = app.decision(decision_id)
        kept = recorded.dossier
        differences = list(differing(json.loads(kept), canonical(dossier))) if kept else []
        if differences:
            raise DossierError(source, [
                ("dossier", f"{recorded.label} is already recorded with different content; "
                            "nothing was recorded"), *differences])
        return Imported(source, body, reference, loaded=False)
    importer = _Importer(app, dossier, actor)
    try:
        with app.atomically():
            importer.run()
    except GrantledgerError as error:
        raise DossierError(source, [(importer.at, str(error))]) from None
    return Imported(source, body, reference, loaded=True)


def canonical(dossier: dict[str, Any]) -> Any:
    """The dossier as JSON in the one form it is documented in, whatever form it came in."""
    return json.loads(json.dumps(dossier_schema.DossierSchema().dump(dossier), sort_keys=True))


def differing(recorded: Any, given: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Where a dossier differs from the one recorded: each path, with both values."""
    if isinstance(recorded, dict) and isinstance(given, dict):
        for key in sorted(recorded.keys() | given.keys()):
            yield from differing(recorded.get(key), given.get(key),
                                 f"{path}.{key}" if path else key)
    elif isinstance(recorded, list) and isinstance(given, list) and len(recorded) == len(given):
        for i, (a, b) in enumerate(zip(recorded, given, strict=True)):
            yield from differing(a, b, f"{path}[{i}]")
    elif recorded != given:
        yield path, (f"recorded {json.dumps(recorded, ensure_ascii=False)}, this dossier says "
                     f"{json.dumps(given, ensure_ascii=False)}")


class _Importer:
    """Transcribes a decision already taken by the people its record names: the importer is
    neither its drafter nor its decision maker, so separation of duties is not asked of it."""

    def __init__(self, app: Grantledger, dossier: dict[str, Any], actor: str) -> None:
        self.app = app
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
        for i, body in enumerate(self.dossier["bodies"]):
            with self.step(f"bodies[{i}]"):
                if not self.app.has_body(body["name"]):
                    self.do(RegisterBody(name=body["name"], kind=body["kind"],
                                         predecessor=body["predecessor"],
                                         on=self.decision["drafted_on"]))
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
        for i, act in enumerate(self.dossier["acts_on"]):
            with self.step(f"acts_on[{i}]"):
                self.act_on(decision_id, act)
        self.do(KeepDossier(decision_id=decision_id, on=self.decision["drafted_on"],
                            dossier=json.dumps(canonical(self.dossier), sort_keys=True)))

    def do(self, command: Command) -> UUID:
        return self.app.handle(command, self.actor, transcribing=True)

    def fund(self, fund: dict[str, Any]) -> None:
        on = self.decision["drafted_on"]
        if self.app.has_fund(self.body, fund["name"]):
            fund_id = self.app.fund_named(self.body, fund["name"]).id
        else:
            fund_id = self.do(EstablishFund(
                on=on,
                body=self.body,
                name=fund["name"],
                funder=fund["funder"],
                first_year=fund["first_year"],
                last_year=fund["last_year"],
                total_budget=fund["total_budget"],
                tranches=[FundTranche(**tranche) for tranche in fund["tranches"]],
            ))
        where = self.at
        for year, amount in sorted(fund["budgets"].items()):
            with self.step(f"{where}.budgets.{year}"):
                self.do(SetFundBudget(fund_id=fund_id, on=on, year=year, amount=amount))

    def programme(self, programme: dict[str, Any]) -> None:
        on, name = self.decision["drafted_on"], programme["name"]
        if self.app.has_programme(name):
            programme_id = self.app.programme_named(name).id
        else:
            programme_id = self.do(RegisterProgramme(
                on=on,
                name=name,
                lead_body=programme["lead_body"],
                delivery_partners=programme["delivery_partners"],
                description=programme["description"],
                registered_by=self.body,
            ))
        known = self.app.programme(programme_id)
        for i, site in enumerate(programme["sites"]):
            with self.step(f"{self.at}.sites[{i}]"):
                if not known.has_site(site["site"]):
                    self.do(AddProgrammeSite(programme_id=programme_id, on=on, site=site["site"],
                                             host_body=site["host_body"]))
        where, reference = self.at, self.decision["reference"]
        restated = list(known.pledges)
        for i, pledge in enumerate(programme["pledges"]):
            if Pledge(**pledge) in restated:
                continue
            with self.step(f"{where}.pledges[{i}]"):
                self.do(RecordPledge(programme_id=programme_id, on=on, pledge=Pledge(**pledge),
                                     decision_reference=reference or ""))
        for i, target in enumerate(programme["targets"]):
            with self.step(f"{where}.targets[{i}]"):
                self.do(SetProgrammeTarget(programme_id=programme_id, on=on,
                                           target=Target(**target)))
        for i, outcome in enumerate(programme["outcomes"]):
            with self.step(f"{where}.outcomes[{i}]"):
                self.do(ReportProgrammeOutcome(programme_id=programme_id, on=on,
                                               outcome=Outcome(**outcome)))

    def draft(self) -> UUID:
        d = self.decision
        with self.step("decision"):
            decision_id = self.do(DraftDecision(
                on=d["drafted_on"],
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
                conflicts=[conflict(c) for c in d["conflicts"]],
            ))
        for i, implication in enumerate(d["implications"]):
            with self.step(f"decision.implications[{i}]"):
                self.do(ConsiderImplication(decision_id=decision_id, on=d["drafted_on"],
                                            **implication))
        for i, sign_off in enumerate(d["sign_offs"]):
            with self.step(f"decision.sign_offs[{i}]"):
                self.do(SignOffDecision(decision_id=decision_id, **sign_off))
        if d["outcome"]:
            with self.step("decision.outcome"):
                self.outcome(decision_id, d["outcome"])
        if d["publication"]:
            with self.step("decision.publication"):
                self.publication(decision_id, d["publication"])
        return decision_id

    def outcome(self, decision_id: UUID, outcome: dict[str, Any]) -> None:
        maker = outcome["decision_maker"]
        if outcome["result"] == "approved":
            self.do(ApproveDecision(decision_id=decision_id, on=outcome["on"],
                                    maker_role=maker["role"], maker_name=maker["name"],
                                    override_reason=outcome["override_reason"]))
        else:
            self.do(RefuseDecision(decision_id=decision_id, on=outcome["on"],
                                   maker_role=maker["role"], maker_name=maker["name"],
                                   reasons=outcome["reasons"]))

    def publication(self, decision_id: UUID, publication: dict[str, Any]) -> None:
        self.do(DecidePublication(
            decision_id=decision_id,
            on=publication["decided_on"],
            for_publication=publication["for_publication"],
            reasons=publication["reasons"],
            part2_exists=publication["part2_exists"],
            deferred_until=publication["deferred_until"],
            redaction_required=publication["redaction_required"],
            significant_public_interest=publication["significant_public_interest"],
        ))
        sign_off = publication["redaction_sign_off"]
        redacted_on = publication["redacted_on"] or (sign_off and sign_off["signed_on"])
        if redacted_on:
            self.do(CarryOutRedaction(decision_id=decision_id, on=redacted_on))
        if sign_off:
            self.do(SignOffRedaction(decision_id=decision_id, role=sign_off["role"],
                                     name=sign_off["name"], signed_on=sign_off["signed_on"]))
        if publication["published_on"] or publication["published"]:
            self.do(PublishDecision(decision_id=decision_id, on=publication["published_on"],
                                    url=publication["published_url"],
                                    date_stated=publication["published_on"] is not None))

    def grant(self, decision_id: UUID, grant: dict[str, Any]) -> None:
        grant_id = self.do(ProposeGrant(
            on=grant["proposed_on"],
            decision_id=decision_id,
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
            notice_days=grant["notice_days"],
            regrants=grant["regrants"],
            authorised_by=[self.share(decision_id, s) for s in grant["authorised_by"]],
            conditions=grant["conditions"],
            crime_reduction_reasons=grant["crime_reduction_reasons"],
        ))
        if grant["approved_on"]:
            self.do(ApproveGrant(grant_id=grant_id, on=grant["approved_on"],
                                 override_reason=grant["override_reason"]))
        if grant["agreement_signed_on"]:
            self.do(SignGrantAgreement(grant_id=grant_id, on=grant["agreement_signed_on"]))
        where = self.at
        for i, payment in enumerate(grant["payments"]):
            with self.step(f"{where}.payments[{i}]"):
                self.do(PayTranche(grant_id=grant_id, **payment))
        if grant["published_on"] or grant["published"]:
            self.do(PublishGrant(grant_id=grant_id, on=grant["published_on"],
                                 url=grant["published_url"],
                                 date_stated=grant["published_on"] is not None))


    def share(self, decision_id: UUID, share: dict[str, Any]) -> Share:
        """A share of a grant's award authorised by this decision or another of its body."""
        named = share["decision"]
        if normal(named) == normal(self.decision["reference"] or ""):
            return Share(decision_id, share["amount"])
        return Share(self.app.decision_by_reference(self.body, named).id, share["amount"])

    def act_on(self, decision_id: UUID, act: dict[str, Any]) -> None:
        grant_id = self.earlier_grant(act["decision"], act["grant"])
        outcome = self.decision["outcome"]
        on = act["on"] or (outcome["on"] if outcome else self.decision["drafted_on"])
        profile = [YearAmount(year, amount) for year, amount in sorted(act["profile"].items())]
        command: Command
        if act["action"] == "extend":
            command = ExtendGrant(grant_id=grant_id, under_decision_id=decision_id, on=on,
                                  period_end=act["period_end"], added=profile,
                                  reason=act["reason"])
        elif act["action"] == "vary":
            command = VaryGrant(grant_id=grant_id, under_decision_id=decision_id, on=on,
                                amount=act["amount"], profile=profile, reason=act["reason"])
        elif act["action"] == "notice":
            command = GiveNotice(grant_id=grant_id, under_decision_id=decision_id, on=on,
                                 reason=act["reason"], notice_months=act["notice_months"],
                                 notice_days=act["notice_days"])
        else:
            command = TerminateGrant(grant_id=grant_id, under_decision_id=decision_id, on=on,
                                     reason=act["reason"], still_payable=act["still_payable"])
        self.do(command)

    def earlier_grant(self, reference: str, named: str) -> UUID:
        """The one grant of the earlier decision with the title or recipient named."""
        decision = self.app.decision_by_reference(self.body, reference)
        grants = [self.app.grant(grant_id) for grant_id in decision.drawn]
        found = [g.id for g in grants if normal(named) in (normal(g.title), normal(g.recipient))]
        if len(found) != 1:
            raise GrantError(
                f"{decision.label} has {len(found) or 'no'} grants titled or to '{named}'"
                + ("; name it by its title" if found else ""))
        return found[0]


def conflict(given: dict[str, Any]) -> Conflict:
    stated = [StatedValue(s["where"], s["value"]) for s in given["stated"]]
    return Conflict(given["fact"], stated, given["working"])


def stated_total(total: dict[str, Any]) -> StatedTotal:
    parts = [StatedPart(part["label"], part["amount"]) for part in total["parts"]]
    return StatedTotal(total["what"], total["stated"], parts)
