"""What a decision looks like over HTTP, coming in and going out."""

from __future__ import annotations

from datetime import date
from functools import partial
from typing import Any

from marshmallow import Schema, ValidationError, fields, post_load, validate, validates_schema

from adapters.fields import Address
from domain.commands import (
    ApproveDecision,
    CarryOutRedaction,
    ConsiderImplication,
    DecidePublication,
    DraftDecision,
    NoteConflict,
    PublishDecision,
    RefuseDecision,
    ResolveConflict,
    SignOffDecision,
    SignOffRedaction,
    WithdrawDecision,
    WithdrawPublication,
)
from domain.values import (
    Authorisation,
    Conflict,
    DecisionStatus,
    ImplicationArea,
    SignOffRole,
    StatedPart,
    StatedTotal,
    StatedValue,
)
from webapp.common import (
    CommandSchema,
    Derived,
    ListFilters,
    On,
    Prepared,
    Valued,
    choice,
    day,
    money,
    names,
    short,
    text,
    total,
)

LONG = 20000


class AuthorisationSchema(Valued):
    value = Authorisation
    description = text(required=True)
    amount = money(required=True)
    up_to = fields.Boolean(load_default=False)
    recipients = names(load_default=list)
    fund = text(max=300, load_default="")


class StatedPartSchema(Valued):
    value = StatedPart
    label = text(required=True)
    amount = money(required=True)


class StatedTotalSchema(Schema):
    what = text(required=True)
    stated = money(required=True)
    parts = fields.List(fields.Nested(StatedPartSchema), validate=validate.Length(max=200))

    @post_load
    def make_value(self, data: dict[str, Any], **_: Any) -> StatedTotal:
        return StatedTotal(data["what"], data["stated"], data.get("parts", []))


class DraftSchema(On):
    command = DraftDecision
    body = short(metadata={"description": "The deciding body; the user's own if not given"})
    reference = short(required=True, allow_none=True, metadata={
        "example": "Essex PCC 040/16", "description": "null where the record states none"})
    title = short(required=True)
    report_author = text(max=300, load_default="")
    report_date = day(allow_none=True, load_default=None)
    classification = text(max=300, load_default="")
    area = text(max=300, load_default="")
    summary = text(max=LONG, load_default="")
    recommendations = fields.List(text(max=LONG), validate=validate.Length(max=100),
                                  load_default=list)
    related_decisions = names(load_default=list)
    authorisations = fields.List(fields.Nested(AuthorisationSchema),
                                 validate=validate.Length(max=100), load_default=list)
    no_direct_financial_implications = fields.Boolean(load_default=False)
    stated_totals = fields.List(fields.Nested(StatedTotalSchema),
                                validate=validate.Length(max=100), load_default=list)


class ImplicationSchema(On):
    command = ConsiderImplication
    area = choice(ImplicationArea, required=True)
    considered = fields.Boolean(required=True)
    details = text(max=LONG, load_default="")


class SignOffSchema(CommandSchema):
    command = SignOffDecision
    role = choice(SignOffRole, required=True)
    name = text(max=300, load_default="")
    title = text(max=300, load_default="")
    signed_on = day(metadata={"description": "Today if not given"})


class ApprovalSchema(On):
    command = ApproveDecision
    maker_role = short(required=True, metadata={"example": "Police and Crime Commissioner"})
    maker_name = text(max=300, load_default="")
    override_reason = text(max=LONG, load_default="", metadata={
        "description": "Why it is approved although a required sign-off is missing"})


class RefusalSchema(On):
    command = RefuseDecision
    maker_role = short(required=True)
    maker_name = text(max=300, load_default="")
    reasons = text(max=LONG, required=True)


class PublicationSchema(On):
    for_publication = fields.Boolean(metadata={"description": "Records the publication decision"})
    reasons = text(max=LONG, load_default="")
    part2_exists = fields.Boolean(load_default=False)
    deferred_until = day(allow_none=True, load_default=None)
    redaction_required = fields.Boolean(load_default=False)
    significant_public_interest = fields.Boolean(load_default=False, metadata={
        "description": "Its record must be published (SI 2011/3050, para 5(d))"})
    published_on = day(metadata={"description": "Publishes the decision on this date"})
    url = Address(load_default="", metadata={
        "description": "Where it is published, with published_on"})

    @validates_schema
    def something_to_do(self, data: dict[str, Any], **_: Any) -> None:
        if "for_publication" not in data and "published_on" not in data:
            raise ValidationError("Give for_publication, published_on, or both.", "_schema")

    @post_load
    def make_command(self, data: dict[str, Any], **_: Any) -> Any:
        """Deciding whether it is for publication, publishing it, or both, in that order."""
        steps: list[Prepared] = []
        if "for_publication" in data:
            decided = {k: v for k, v in data.items() if k not in ("published_on", "url")}
            steps.append(partial(DecidePublication, **decided))
        if "published_on" in data:
            steps.append(partial(PublishDecision, on=data["published_on"], url=data["url"]))
        return steps


class RedactionCarriedOutSchema(On):
    command = CarryOutRedaction


class RedactionSchema(CommandSchema):
    command = SignOffRedaction
    role = choice(SignOffRole, required=True)
    name = text(max=300, load_default="")
    signed_on = day()


class ReasonSchema(On):
    reason = text(max=LONG, required=True)


class WithdrawalSchema(ReasonSchema):
    command = WithdrawDecision


class PublicationWithdrawalSchema(ReasonSchema):
    command = WithdrawPublication


class ImplicationOut(Schema):
    area = choice(ImplicationArea)
    considered = fields.Boolean()
    details = fields.String()


class SignOffOut(Schema):
    role = choice(SignOffRole)
    name = fields.String()
    title = fields.String()
    signed_on = fields.Date()


def implications_of(decision: Any) -> list[Any]:
    return list(decision.implications.values())


class DecisionMakerOut(Schema):
    role = fields.String()
    name = fields.String()


class PublicationOut(Schema):
    for_publication = fields.Boolean()
    reasons = fields.String()
    part2_exists = fields.Boolean()
    deferred_until = fields.Date(allow_none=True)
    redaction_required = fields.Boolean()
    significant_public_interest = fields.Boolean()


class DrawnOut(Schema):
    grant_id = fields.UUID()
    amount = money()


class StatedValueSchema(Valued):
    value = StatedValue
    where = short(required=True, metadata={"example": "Recommendation 2.2"})
    value_ = short(required=True, data_key="value", attribute="value",
                   metadata={"example": "£200,000 in 2016-17"})


class ConflictSchema(Valued):
    value = Conflict
    fact = short(required=True, metadata={"example": "The initial allocation in 2016-17"})
    stated = fields.List(fields.Nested(StatedValueSchema), required=True,
                         validate=validate.Length(min=2, max=20))
    working = short(required=True, metadata={
        "description": "The value the figures use until a treasurer resolves it"})


class ConflictNoteSchema(On):
    command = NoteConflict
    conflict = fields.Nested(ConflictSchema, required=True)


class ResolutionSchema(On):
    command = ResolveConflict
    fact = short(required=True)
    value_ = short(required=True, data_key="value", attribute="value")
    reason = text(max=LONG, required=True)


class ResolutionOut(Schema):
    fact = fields.String()
    value = fields.String()
    reason = fields.String()
    resolved_by = fields.String()
    resolved_on = fields.Date()


class DecisionSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    body = fields.String()
    reference = fields.String(allow_none=True)
    title = fields.String()
    status = choice(DecisionStatus)
    report_author = fields.String()
    report_date = fields.Date(allow_none=True)
    classification = fields.String()
    area = fields.String()
    summary = fields.String()
    recommendations = fields.List(fields.String())
    related_decisions = fields.List(fields.String())
    authorisations = fields.List(fields.Nested(AuthorisationSchema))
    no_direct_financial_implications = fields.Boolean()
    stated_totals = fields.List(fields.Nested(StatedTotalSchema))
    implications = Derived(implications_of, ImplicationOut)
    sign_offs = fields.List(fields.Nested(SignOffOut))
    missing_sign_offs = fields.Method("missing_of", metadata={
        "type": "array", "items": {"type": "string"}})
    drafted_by = fields.String()
    drafted_on = fields.Date()
    decision_maker = fields.Nested(DecisionMakerOut, allow_none=True)
    decided_on = fields.Date(allow_none=True)
    override_reason = fields.String()
    refusal_reasons = fields.String()
    withdrawal_reason = fields.String()
    publication = fields.Nested(PublicationOut, allow_none=True)
    redacted_on = fields.Date(allow_none=True)
    redaction_sign_off = fields.Nested(SignOffOut, allow_none=True)
    published = fields.Boolean()
    published_on = fields.Date(allow_none=True, metadata={
        "description": "When it was published; null where not published or not stated"})
    published_url = fields.String()
    publication_withdrawn_on = fields.Date(allow_none=True)
    conflicts = Derived(lambda decision: list(decision.conflicts.values()), ConflictSchema)
    resolutions = Derived(lambda decision: [
        {"fact": fact, **vars(resolution)} for fact, resolution in decision.resolutions.items()
    ], ResolutionOut)
    drawn = Derived(lambda decision: [
        {"grant_id": grant, "amount": decision.drawn_for(grant)} for grant in decision.drawn
    ], DrawnOut)

    def missing_of(self, decision: Any) -> list[str]:
        return list(decision.missing_sign_offs(decision.decided_on or date.max))



class DecisionRowSchema(Schema):
    """A line of the decision register."""

    decision_id = fields.UUID()
    body = fields.String()
    reference = fields.String(allow_none=True)
    title = fields.String()
    status = fields.String()
    drafted_on = fields.Date(allow_none=True)
    report_date = fields.Date(allow_none=True)
    authorises = fields.String()
    sign_offs = fields.String()
    decision_maker = fields.String()
    decided_on = fields.Date(allow_none=True)
    authorised = total()
    drawn = total()
    publication = fields.String()
    published_on = fields.Date(allow_none=True)
    exception = fields.String()
    conflicted = fields.Boolean(metadata={"description": "It states a fact two ways and a "
                                          "treasurer has yet to settle which"})


class DecisionFilters(ListFilters):
    status = choice(DecisionStatus)
