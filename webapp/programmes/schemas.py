"""What a programme looks like over HTTP: partners, sites, pledges, targets and outcomes."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from domain.commands import (
    AddProgrammeSite,
    RecordPledge,
    RegisterProgramme,
    ReportProgrammeOutcome,
    SetProgrammeTarget,
)
from domain.values import Outcome, Pledge, Target
from webapp.common import Derived, On, fin_year, money, names, short, text

COUNT = validate.Range(min=0, max=10_000_000)


class RegistrationSchema(On):
    command = RegisterProgramme
    name = short(required=True, metadata={"example": "Drive"})
    lead_body = text(max=300, load_default="")
    delivery_partners = names(load_default=list)
    description = text(max=20000, load_default="")


class SiteSchema(On):
    command = AddProgrammeSite
    site = short(required=True)
    host_body = text(max=300, load_default="")


class PledgeSchema(On):
    funder = short(required=True)
    amount = money(required=True)
    first_year = fin_year(required=True)
    last_year = fin_year(required=True)
    in_kind = fields.Boolean(load_default=False)
    site = text(max=300, load_default="")
    decision_reference = text(max=300, load_default="")

    command = RecordPledge

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        on, reference = data.pop("on", None), data.pop("decision_reference")
        return {"on": on, "decision_reference": reference, "pledge": Pledge(**data)}


class TargetSchema(On):
    measure = short(required=True)
    count = fields.Integer(required=True, validate=COUNT)
    per = text(max=100, load_default="year")
    site = text(max=300, load_default="")

    command = SetProgrammeTarget

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.pop("on", None), "target": Target(**data)}


class OutcomeSchema(On):
    period = short(required=True)
    measure = short(required=True)
    count = fields.Integer(required=True, validate=COUNT)
    site = text(max=300, load_default="")

    command = ReportProgrammeOutcome

    def arguments(self, data: dict[str, Any]) -> dict[str, Any]:
        return {"on": data.pop("on", None), "outcome": Outcome(**data)}


class PledgeOut(Schema):
    funder = fields.String()
    amount = money()
    first_year = fin_year()
    last_year = fin_year()
    in_kind = fields.Boolean()
    site = fields.String()


class TargetOut(Schema):
    measure = fields.String()
    count = fields.Integer()
    per = fields.String()
    site = fields.String()


class OutcomeOut(Schema):
    period = fields.String()
    measure = fields.String()
    count = fields.Integer()
    site = fields.String()


class SiteOut(Schema):
    site = fields.String()
    host_body = fields.String()


class ProgrammeSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    name = fields.String()
    lead_body = fields.String()
    delivery_partners = fields.List(fields.String())
    description = fields.String()
    sites = Derived(lambda programme: [
        {"site": site, "host_body": host} for site, host in programme.sites.items()
    ], SiteOut)
    pledges = fields.List(fields.Nested(PledgeOut))
    targets = fields.List(fields.Nested(TargetOut))
    outcomes = fields.List(fields.Nested(OutcomeOut))



class ProgrammeFilters(Schema):
    body = text(max=300, metadata={"description": "Programmes led by this body"})
