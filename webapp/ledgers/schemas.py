"""The ledgers, the audit trail and the chain's verdict over HTTP, money in pounds."""

from __future__ import annotations

from marshmallow import Schema, fields

from webapp.common import PointInTime, day, text, total


class GrantYearRowSchema(Schema):
    grant_id = fields.UUID()
    year = fields.String()
    profiled = total()
    committed = total()
    charged = total()
    paid = total()
    repaid = total()
    released = total()


class FundRowSchema(Schema):
    fund_id = fields.UUID()
    body = fields.String()
    fund = fields.String()
    funder = fields.String()
    total_budget = total(allow_none=True)
    year = fields.String()
    budget = total(allow_none=True)
    committed = total()
    paid = total()
    repaid = total()
    headroom = total(allow_none=True)


class ProgrammeRowSchema(Schema):
    programme_id = fields.UUID()
    programme = fields.String()
    funder = fields.String()
    year = fields.String()
    pledged_cash = total()
    pledged_in_kind = total()
    granted = total(metadata={"description": "The funder's cash in grants"})
    granted_in_kind = total(metadata={"description": "What the funder gives grants in kind"})
    paid = total()
    repaid = total()
    share = fields.String()


class ExposureRowSchema(Schema):
    grant_id = fields.UUID()
    body = fields.String()
    title = fields.String()
    recipient = fields.String()
    notice_on = fields.Date()
    takes_effect_on = fields.Date()
    payable = total()
    released = total()


class AuditRowSchema(Schema):
    position = fields.Integer()
    recorded_at = fields.String()
    business_date = fields.Date(allow_none=True)
    effective_date = fields.Date(allow_none=True)
    actor = fields.String()
    record_type = fields.String()
    record_id = fields.String()
    version = fields.Integer()
    event = fields.String()
    body = fields.String()
    decision_reference = fields.String(allow_none=True)
    grant_id = fields.String()
    subject = fields.String()
    summary = fields.String()
    amount = total(allow_none=True)
    year = fields.String()


class ExposureQuery(PointInTime):
    notice_on = day(metadata={"description": "The day notice would be given; today if not given. "
                              "A past day reads the books as at that day unless as_at or "
                              "as_known_at is given."})


class AuditFilters(Schema):
    decision_reference = text(max=300)
    grant_id = fields.UUID()
    from_date = day(data_key="from", metadata={"description": "Business dates from this day"})
    to_date = day(data_key="to", metadata={"description": "Business dates up to this day"})


class VerdictSchema(Schema):
    intact = fields.Boolean()
    count = fields.Integer()
    head = fields.String()
    broken_at = fields.Integer(allow_none=True)
    problem = fields.String()


class DiscrepancyRowSchema(Schema):
    """A total a decision record states that the figures it records do not give."""

    body = fields.String()
    decision_reference = fields.String(allow_none=True)
    what = fields.String()
    stated = total()
    derived = total(metadata={"description": "What the recorded figures give"})


class ConflictRowSchema(Schema):
    """A fact a decision record states two ways, until a treasurer settles which."""

    body = fields.String()
    decision_reference = fields.String(allow_none=True)
    fact = fields.String()
    stated = fields.String(metadata={"description": "Each value, where the record states it"})
    working = fields.String(metadata={"description": "The value the figures use meanwhile"})


class ExceptionRowSchema(Schema):
    """Something recorded against the rules, with the reason recorded for it."""

    body = fields.String()
    record = fields.String()
    what = fields.String()
    reason = fields.String()


class BodyExposureRowSchema(Schema):
    body = fields.String()
    notice_on = fields.Date()
    grants = fields.Integer()
    payable = total()
    released = total()
