"""What a grant looks like over HTTP, coming in and going out."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from domain.values import GrantStatus
from webapp.common import (
    ListFilters,
    Moved,
    On,
    choice,
    day,
    fin_year,
    money,
    names,
    short,
    text,
    total,
)

LONG = 20000


class YearAmountSchema(Schema):
    year = fin_year(required=True)
    amount = money(required=True)


class ContributionSchema(Schema):
    funder = short(required=True)
    year = fin_year(required=True)
    amount = money(required=True)
    in_kind = fields.Boolean(load_default=False)


def profile(**kwargs: object) -> fields.List[Any]:
    return fields.List(fields.Nested(YearAmountSchema), validate=validate.Length(max=50),
                       **kwargs)  # type: ignore[arg-type]


class ProposalSchema(On):
    decision_id = fields.UUID(required=True, metadata={"description": "The authorising decision"})
    title = short(required=True)
    recipient = short(required=True)
    amount = money(required=True)
    period_start = day(required=True)
    period_end = day(required=True)
    purpose = text(max=LONG, load_default="")
    up_to = fields.Boolean(load_default=False)
    profile = profile(load_default=list)
    contributions = fields.List(fields.Nested(ContributionSchema),
                                validate=validate.Length(max=200), load_default=list)
    fund = text(max=300, load_default="", metadata={"description": "A fund of the body"})
    programme = text(max=300, load_default="", metadata={"description": "A programme's name"})
    partners = names(load_default=list)
    notice_months = fields.Integer(load_default=1, validate=validate.Range(min=0, max=120))


class OverrideSchema(On):
    override_reason = text(max=LONG, load_default="", metadata={
        "description": "Why the fund may be committed beyond its budget"})


class PaymentSchema(Moved):
    amount = money(required=True)
    reference = text(max=300, load_default="")


class VariationSchema(On):
    amount = money(required=True)
    profile = profile(required=True)
    reason = text(max=LONG, required=True)
    under_decision_id = fields.UUID(allow_none=True, load_default=None, metadata={
        "description": "The further decision authorising an increase"})
    override_reason = text(max=LONG, load_default="")


class NoticeSchema(On):
    reason = text(max=LONG, load_default="")


class ClosureSchema(On):
    reason = text(max=LONG, required=True)


class AmountReasonSchema(Moved):
    amount = money(required=True)
    reason = text(max=LONG, required=True)


class GrantSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    decision_id = fields.UUID()
    decision_reference = fields.String()
    body = fields.String()
    title = fields.String()
    recipient = fields.String()
    partners = fields.List(fields.String())
    programme = fields.String()
    purpose = fields.String()
    fund = fields.String()
    status = choice(GrantStatus)
    amount = money()
    up_to = fields.Boolean()
    period_start = fields.Date()
    period_end = fields.Date()
    profile = fields.List(fields.Nested(YearAmountSchema), attribute="profile_lines")
    contributions = fields.List(fields.Nested(ContributionSchema))
    notice_months = fields.Integer()
    proposed_by = fields.String()
    approved_by = fields.String()
    approved_on = fields.Date(allow_none=True)
    agreement_signed_on = fields.Date(allow_none=True)
    paid_by_year = fields.List(fields.Nested(YearAmountSchema), attribute="paid_lines")
    paid = total()
    repaid_by_year = fields.List(fields.Nested(YearAmountSchema), attribute="repaid_lines")
    repaid = total()
    remaining = total()
    variations = fields.Integer()
    notice_given_on = fields.Date(allow_none=True)
    termination_effective_on = fields.Date(allow_none=True)
    terminated_on = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)


class GrantRowSchema(Schema):
    """A line of the grant ledger."""

    grant_id = fields.UUID()
    decision_id = fields.UUID()
    decision_reference = fields.String()
    body = fields.String()
    title = fields.String()
    recipient = fields.String()
    partners = fields.String()
    programme = fields.String()
    fund = fields.String()
    status = fields.String()
    awarded = total()
    up_to = fields.Boolean()
    profiled = total()
    committed = total(metadata={"description": "What the grant commits: its profile until "
                                "notice takes effect; once closed, what was paid"})
    charged = total(metadata={"description": "What its fund carries of it"})
    paid = total()
    repaid = total()
    released = total(metadata={"description": "Commitment released by notice or closure"})
    outstanding = total()
    period_start = fields.Date(allow_none=True)
    period_end = fields.Date(allow_none=True)
    approved_on = fields.Date(allow_none=True)
    notice_given_on = fields.Date(allow_none=True)
    termination_effective_on = fields.Date(allow_none=True)
    closed_on = fields.Date(allow_none=True)


class GrantFilters(ListFilters):
    status = choice(GrantStatus)
    decision_id = fields.UUID()
