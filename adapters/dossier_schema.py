"""The decision dossier: one JSON document for a whole decision record and what it creates."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from adapters.fields import Address, ByYear, Day, FinancialYearField, MoneyField, NamedEnum, Text
from domain.values import BodyKind, ImplicationArea, SignOffRole

FORMAT = "grantledger-dossier/1"


def text() -> fields.String:
    """An optional text field that reads as empty when absent."""
    return Text(load_default="")


class Strict(Schema):
    class Meta:
        unknown = RAISE


class Part(Strict):
    label = Text(required=True, validate=validate.Length(min=1))
    amount = MoneyField(required=True)


class StatedTotalSchema(Strict):
    what = Text(required=True, validate=validate.Length(min=1))
    stated = MoneyField(required=True)
    parts = fields.List(fields.Nested(Part), required=True, validate=validate.Length(min=1))


class AuthorisationSchema(Strict):
    description = Text(required=True)
    amount = MoneyField(required=True)
    up_to = fields.Boolean(load_default=False)
    recipients = fields.List(Text(), load_default=list)
    fund = text()


class ImplicationSchema(Strict):
    area = NamedEnum(ImplicationArea, required=True)
    considered = fields.Boolean(required=True)
    details = text()


class SignOffSchema(Strict):
    role = NamedEnum(SignOffRole, required=True)
    title = text()
    name = text()
    signed_on = Day(required=True)


class DecisionMakerSchema(Strict):
    role = Text(required=True, validate=validate.Length(min=1))
    name = text()


class OutcomeSchema(Strict):
    result = Text(required=True, validate=validate.OneOf(["approved", "refused"]))
    on = Day(required=True)
    decision_maker = fields.Nested(DecisionMakerSchema, required=True)
    override_reason = text()
    reasons = text()


class PublicationSchema(Strict):
    decided_on = Day(required=True)
    for_publication = fields.Boolean(required=True)
    reasons = text()
    part2_exists = fields.Boolean(load_default=False)
    deferred_until = Day(load_default=None, allow_none=True)
    redaction_required = fields.Boolean(load_default=False)
    redacted_on = Day(load_default=None, allow_none=True, metadata={
        "description": "When the redaction was carried out; null where not stated (then no "
                       "later than its sign-off)"})
    redaction_sign_off = fields.Nested(SignOffSchema, load_default=None, allow_none=True)
    significant_public_interest = fields.Boolean(load_default=False)
    published = fields.Boolean(load_default=False, metadata={
        "description": "The record shows it published; with published_on null, when is not "
                       "stated (it is then recorded as published on the day it is imported)"})
    published_on = Day(load_default=None, allow_none=True)
    published_url = Address(load_default="")


class StatedValueSchema(Strict):
    where = Text(required=True, validate=validate.Length(min=1))
    value = Text(required=True, validate=validate.Length(min=1))


class ConflictSchema(Strict):
    fact = Text(required=True, validate=validate.Length(min=1))
    stated = fields.List(fields.Nested(StatedValueSchema), required=True,
                         validate=validate.Length(min=2))
    working = Text(required=True, validate=validate.Length(min=1), metadata={
        "description": "Which of the values stated the figures use until it is resolved"})


class DecisionSchema(Strict):
    body = Text(required=True, validate=validate.Length(min=1))
    reference = Text(required=True, allow_none=True, validate=validate.Length(min=1),
                     metadata={"description": "null where the record states none"})
    title = Text(required=True, validate=validate.Length(min=1))
    drafted_on = Day(required=True)
    report_author = text()
    report_date = Day(load_default=None, allow_none=True)
    classification = text()
    area = text()
    summary = text()
    recommendations = fields.List(Text(), load_default=list)
    related_decisions = fields.List(Text(), load_default=list)
    authorises = fields.List(fields.Nested(AuthorisationSchema), load_default=list)
    no_direct_financial_implications = fields.Boolean(load_default=False)
    stated_totals = fields.List(fields.Nested(StatedTotalSchema), load_default=list)
    conflicts = fields.List(fields.Nested(ConflictSchema), load_default=list)
    implications = fields.List(fields.Nested(ImplicationSchema), load_default=list)
    sign_offs = fields.List(fields.Nested(SignOffSchema), load_default=list)
    outcome = fields.Nested(OutcomeSchema, load_default=None, allow_none=True)
    publication = fields.Nested(PublicationSchema, load_default=None, allow_none=True)


class TrancheSchema(Strict):
    number = fields.Integer(required=True, validate=validate.Range(min=1))
    purpose = Text(required=True)
    decision_reference = text()


class FundSchema(Strict):
    name = Text(required=True, validate=validate.Length(min=1))
    funder = Text(required=True, validate=validate.Length(min=1))
    first_year = FinancialYearField(required=True)
    last_year = FinancialYearField(required=True)
    total_budget = MoneyField(load_default=None, allow_none=True)
    budgets = ByYear(load_default=dict)
    tranches = fields.List(fields.Nested(TrancheSchema), load_default=list)


class SiteSchema(Strict):
    site = Text(required=True, validate=validate.Length(min=1))
    host_body = text()


class PledgeSchema(Strict):
    funder = Text(required=True, validate=validate.Length(min=1))
    amount = MoneyField(required=True)
    first_year = FinancialYearField(required=True)
    last_year = FinancialYearField(required=True)
    in_kind = fields.Boolean(load_default=False)
    site = text()


class TargetSchema(Strict):
    measure = Text(required=True)
    count = fields.Integer(required=True, strict=True)
    per = Text(load_default="year")
    site = text()


class ReportedOutcomeSchema(Strict):
    period = Text(required=True)
    measure = Text(required=True)
    count = fields.Integer(required=True, strict=True)
    site = text()


class ProgrammeSchema(Strict):
    name = Text(required=True, validate=validate.Length(min=1))
    lead_body = text()
    delivery_partners = fields.List(Text(), load_default=list)
    description = text()
    sites = fields.List(fields.Nested(SiteSchema), load_default=list)
    pledges = fields.List(fields.Nested(PledgeSchema), load_default=list)
    targets = fields.List(fields.Nested(TargetSchema), load_default=list)
    outcomes = fields.List(fields.Nested(ReportedOutcomeSchema), load_default=list)


class ContributionSchema(Strict):
    funder = Text(required=True, validate=validate.Length(min=1))
    year = FinancialYearField(required=True)
    amount = MoneyField(required=True)
    in_kind = fields.Boolean(load_default=False)


class PaymentSchema(Strict):
    on = Day(required=True)
    amount = MoneyField(required=True)
    reference = text()


class ShareSchema(Strict):
    decision = Text(required=True, validate=validate.Length(min=1),
                    metadata={"description": "The reference of a decision of the same body"})
    amount = MoneyField(required=True)


class GrantSchema(Strict):
    title = Text(required=True, validate=validate.Length(min=1))
    recipient = Text(required=True, validate=validate.Length(min=1))
    partners = fields.List(Text(), load_default=list)
    programme = text()
    purpose = text()
    amount = MoneyField(required=True)
    up_to = fields.Boolean(load_default=False)
    period_start = Day(required=True, allow_none=True,
                       metadata={"description": "null where the record does not state it"})
    period_end = Day(required=True, allow_none=True,
                     metadata={"description": "null where the record does not state it"})
    profile = ByYear(load_default=dict)
    contributions = fields.List(fields.Nested(ContributionSchema), load_default=list)
    fund = text()
    authorised_by = fields.List(fields.Nested(ShareSchema), load_default=list, metadata={
        "description": "Where several decisions authorise the award, each with its share"})
    regrants = fields.Boolean(load_default=False, metadata={
        "description": "The recipient passes the money on to others"})
    notice_months = fields.Integer(load_default=1, validate=validate.Range(min=0, max=24))
    notice_days = fields.Integer(load_default=0, validate=validate.Range(min=0, max=3660))
    proposed_on = Day(required=True)
    approved_on = Day(load_default=None, allow_none=True)
    override_reason = text()
    agreement_signed_on = Day(load_default=None, allow_none=True)
    payments = fields.List(fields.Nested(PaymentSchema), load_default=list)
    conditions = text()
    crime_reduction_reasons = text()
    published = fields.Boolean(load_default=False, metadata={
        "description": "The record shows it published; with published_on null, when is not "
                       "stated (it is then recorded as published on the day it is imported)"})
    published_on = Day(load_default=None, allow_none=True, metadata={
        "description": "When it was published on the register (SI 2011/3050, para 3(f))"})
    published_url = Address(load_default="")


ACTIONS = ("extend", "vary", "notice", "terminate")


class ActOnSchema(Strict):
    """What this decision does to a grant made under an earlier one."""

    decision = Text(required=True, validate=validate.Length(min=1),
                    metadata={"description": "The earlier decision's reference"})
    grant = Text(required=True, validate=validate.Length(min=1),
                 metadata={"description": "The grant's title or recipient"})
    action = Text(required=True, validate=validate.OneOf(ACTIONS))
    on = Day(load_default=None, allow_none=True,
             metadata={"description": "The day it acts; the decision's own day if not given"})
    reason = text()
    period_end = Day(load_default=None, allow_none=True)
    profile = ByYear(load_default=dict)
    amount = MoneyField(load_default=None, allow_none=True)
    notice_months = fields.Integer(load_default=None, allow_none=True,
                                   validate=validate.Range(min=0, max=120))
    notice_days = fields.Integer(load_default=None, allow_none=True,
                                 validate=validate.Range(min=0, max=3660))
    still_payable = MoneyField(load_default=None, allow_none=True)

    @validates_schema
    def has_what_its_action_needs(self, data: dict[str, Any], **_: Any) -> None:
        needs = {"extend": ("period_end",), "vary": ("amount",)}.get(data["action"], ())
        missing = {name: ["Needed to " + data["action"] + " a grant."]
                   for name in needs if data.get(name) is None}
        if missing:
            raise ValidationError(missing)


class BodySchema(Strict):
    name = Text(required=True, validate=validate.Length(min=1))
    kind = NamedEnum(BodyKind, load_default=BodyKind.NOT_STATED)
    predecessor = text()


class DossierSchema(Strict):
    format = Text(required=True, validate=validate.Equal(FORMAT))
    source = text()
    bodies = fields.List(fields.Nested(BodySchema), load_default=list, metadata={
        "description": "Bodies the dossier names, registered if the register lacks them"})
    decision = fields.Nested(DecisionSchema, required=True)
    funds = fields.List(fields.Nested(FundSchema), load_default=list)
    programmes = fields.List(fields.Nested(ProgrammeSchema), load_default=list)
    grants = fields.List(fields.Nested(GrantSchema), load_default=list)
    acts_on = fields.List(fields.Nested(ActOnSchema), load_default=list, metadata={
        "description": "Grants of earlier decisions this one extends, varies or ends"})

    @validates_schema
    def check_outcome_has_what_it_needs(self, data: dict[str, Any], **_: Any) -> None:
        outcome = data["decision"].get("outcome")
        if outcome and outcome["result"] == "refused" and not outcome["reasons"].strip(BLANK):
            raise ValidationError(
                {"decision": {"outcome": {"reasons": ["A refusal states reasons."]}}}
            )


BLANK = " \t\r\n"
"""What a refusal's reasons may not consist of alone (the document says the same)."""


def load(document: Any) -> dict[str, Any]:
    """Validates a dossier; raises marshmallow's ValidationError with every field error."""
    if not isinstance(document, dict):
        raise ValidationError({"_schema": ["A dossier is a JSON object."]})
    result: dict[str, Any] = DossierSchema().load(document)
    return result
