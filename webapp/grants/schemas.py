"""What a grant looks like over HTTP, coming in and going out."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from adapters.fields import Address
from domain.commands import (
    ApproveGrant,
    CloseGrant,
    ExtendGrant,
    GiveNotice,
    PayTranche,
    ProposeGrant,
    PublishGrant,
    RecordRepayment,
    Share,
    SignGrantAgreement,
    StateGrantPublicationFacts,
    TerminateGrant,
    VaryGrant,
)
from domain.values import Contribution, GrantStatus, YearAmount
from webapp.common import (
    ListFilters,
    Moved,
    On,
    Valued,
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


class YearAmountSchema(Valued):
    value = YearAmount
    year = fin_year(required=True)
    amount = money(required=True)


class ContributionSchema(Valued):
    value = Contribution
    funder = short(required=True)
    year = fin_year(required=True)
    amount = money(required=True)
    in_kind = fields.Boolean(load_default=False)


def profile(**kwargs: object) -> fields.List[Any]:
    return fields.List(fields.Nested(YearAmountSchema), validate=validate.Length(max=50),
                       **kwargs)  # type: ignore[arg-type]


class ShareSchema(Valued):
    value = Share
    decision_id = fields.UUID(required=True)
    amount = money(required=True)


class ProposalSchema(On):
    command = ProposeGrant
    decision_id = fields.UUID(required=True, metadata={"description": "The authorising decision"})
    title = short(required=True)
    recipient = short(required=True)
    amount = money(required=True)
    period_start = day(required=True, allow_none=True,
                       metadata={"description": "null where the record does not state it"})
    period_end = day(required=True, allow_none=True,
                     metadata={"description": "null where the record does not state it"})
    purpose = text(max=LONG, load_default="")
    up_to = fields.Boolean(load_default=False)
    profile = profile(load_default=list)
    contributions = fields.List(fields.Nested(ContributionSchema),
                                validate=validate.Length(max=200), load_default=list)
    fund = text(max=300, load_default="", metadata={"description": "A fund of the body"})
    programme = text(max=300, load_default="", metadata={"description": "A programme's name"})
    partners = names(load_default=list)
    regrants = fields.Boolean(load_default=False, metadata={
        "description": "The recipient passes the money on to others (a local authority to "
                       "providers)"})
    authorised_by = fields.List(fields.Nested(ShareSchema), validate=validate.Length(max=20),
                                load_default=list, metadata={
                                    "description": "Where several decisions of the body "
                                    "authorise the award, each with its share; together they "
                                    "make up the award"})
    notice_months = fields.Integer(load_default=1, validate=validate.Range(min=0, max=120))
    notice_days = fields.Integer(load_default=0, validate=validate.Range(min=0, max=3660),
                                 metadata={"description": "Days of notice after the months; "
                                           "no months and no days is none at all"})
    conditions = text(max=LONG, load_default="", metadata={
        "description": "The conditions it is made on, as the register gives them"})
    crime_reduction_reasons = text(max=LONG, load_default="", metadata={
        "description": "Why it will secure or contribute to crime and disorder reduction "
                       "(SI 2011/3050, para 3(f))"})


class PublicationFactsSchema(On):
    command = StateGrantPublicationFacts
    purpose = text(max=LONG, load_default="")
    conditions = text(max=LONG, load_default="")
    crime_reduction_reasons = text(max=LONG, load_default="")


class GrantPublicationSchema(On):
    command = PublishGrant
    url = Address(load_default="", metadata={"description": "Where it is published, where known"})


class OverrideSchema(On):
    command = ApproveGrant
    override_reason = text(max=LONG, load_default="", metadata={
        "description": "Why the fund may be committed beyond its budget"})


class AgreementSchema(On):
    command = SignGrantAgreement


class PaymentSchema(Moved):
    command = PayTranche
    amount = money(required=True)
    reference = text(max=300, load_default="")


class VariationSchema(On):
    command = VaryGrant
    amount = money(required=True)
    profile = profile(required=True)
    reason = text(max=LONG, required=True)
    under_decision_id = fields.UUID(allow_none=True, load_default=None, metadata={
        "description": "The further decision authorising an increase"})
    override_reason = text(max=LONG, load_default="")


class ExtensionSchema(On):
    command = ExtendGrant
    under_decision_id = fields.UUID(required=True, metadata={
        "description": "The later decision extending the grant, whose authority the money "
                       "added draws on"})
    period_end = day(required=True, metadata={"description": "The new end of its period"})
    added = profile(load_default=list, metadata={
        "description": "What the extension adds to the profile, by year"})
    reason = text(max=LONG, load_default="")
    override_reason = text(max=LONG, load_default="")


class NoticeSchema(On):
    command = GiveNotice
    reason = text(max=LONG, load_default="")
    notice_months = fields.Integer(allow_none=True, load_default=None,
                                   validate=validate.Range(min=0, max=120), metadata={
                                       "description": "The notice the decision ending the "
                                       "grant states, if not the grant's own terms"})
    notice_days = fields.Integer(allow_none=True, load_default=None,
                                 validate=validate.Range(min=0, max=3660))
    under_decision_id = fields.UUID(allow_none=True, load_default=None, metadata={
        "description": "The decision ending the grant"})


class TerminationSchema(On):
    command = TerminateGrant
    reason = text(max=LONG, load_default="", metadata={
        "description": "Needed to end a grant with immediate effect, without notice"})
    still_payable = money(allow_none=True, load_default=None, metadata={
        "description": "What the grant's terms still owe for the time before termination"})
    under_decision_id = fields.UUID(allow_none=True, load_default=None, metadata={
        "description": "The decision ending the grant"})


class ClosureSchema(On):
    command = CloseGrant
    reason = text(max=LONG, required=True)


class AmountReasonSchema(Moved):
    command = RecordRepayment
    amount = money(required=True)
    reason = text(max=LONG, required=True)


class AuthorityOut(Schema):
    decision_id = fields.UUID()
    decision_reference = fields.String(allow_none=True)
    amount = money()


class GrantSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    decision_id = fields.UUID()
    decision_reference = fields.String(allow_none=True)
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
    period_start = fields.Date(allow_none=True)
    period_end = fields.Date(allow_none=True)
    profile = fields.List(fields.Nested(YearAmountSchema), attribute="profile_lines")
    contributions = fields.List(fields.Nested(ContributionSchema))
    authorities = fields.List(fields.Nested(AuthorityOut))
    regrants = fields.Boolean()
    profile_stated = fields.Boolean()
    conditions = fields.String()
    crime_reduction_reasons = fields.String()
    published = fields.Boolean(metadata={"description": "It is on the register"})
    published_on = fields.Date(allow_none=True, metadata={
        "description": "When it was published; null where not published or not stated"})
    published_url = fields.String()
    unpublishable = fields.List(fields.String(), metadata={
        "description": "The facts the register must give of it that it lacks"})
    notice_months = fields.Integer()
    notice_days = fields.Integer()
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
    extensions = fields.Integer()
    notice_given_on = fields.Date(allow_none=True)
    termination_effective_on = fields.Date(allow_none=True)
    terminated_on = fields.Date(allow_none=True)
    still_payable = total(metadata={"description": "What its terms still owed for the time "
                                    "before termination took effect"})
    closed_on = fields.Date(allow_none=True)


class GrantRowSchema(Schema):
    """A line of the grant ledger."""

    grant_id = fields.UUID()
    decision_id = fields.UUID()
    decision_reference = fields.String(allow_none=True)
    body = fields.String()
    title = fields.String()
    recipient = fields.String()
    partners = fields.String()
    programme = fields.String()
    fund = fields.String()
    status = fields.String()
    awarded = total()
    up_to = fields.Boolean()
    regrants = fields.Boolean()
    profile_stated = fields.Boolean(metadata={"description": "False where the record states no "
                                              "profile: the award is committed over its "
                                              "period by days"})
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
    conflicted = fields.Boolean(metadata={"description": "Its decision states a fact two ways "
                                          "and a treasurer has yet to settle which"})


class HistoryLineSchema(Schema):
    """One event of a grant's history."""

    version = fields.Integer()
    what = fields.String(metadata={"example": "Extended"})
    business_date = fields.Date()
    recorded_at = fields.AwareDateTime()
    actor = fields.String()
    under_decision = fields.String(metadata={
        "description": "The decision that acted, where a later decision did"})


class GrantFilters(ListFilters):
    status = choice(GrantStatus)
    decision_id = fields.UUID()
