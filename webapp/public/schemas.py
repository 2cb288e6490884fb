"""Part 1 of a published decision: what the public register shows, and nothing else."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

from domain.values import DecisionStatus
from webapp.common import Derived, choice, fin_year, text
from webapp.decisions.schemas import (
    AuthorisationSchema,
    DecisionMakerOut,
    ImplicationOut,
    SignOffOut,
    implications_of,
)


class PublicDecisionSchema(Schema):
    id = fields.UUID()
    body = fields.String()
    reference = fields.String(allow_none=True)
    title = fields.String()
    area = fields.String()
    summary = fields.String()
    recommendations = fields.List(fields.String())
    authorisations = fields.List(fields.Nested(AuthorisationSchema))
    implications = Derived(implications_of, ImplicationOut)
    sign_offs = fields.List(fields.Nested(SignOffOut))
    status = choice(DecisionStatus)
    decision_maker = fields.Nested(DecisionMakerOut, allow_none=True)
    decided_on = fields.Date(allow_none=True)
    refusal_reasons = fields.String()
    published_on = fields.Date(allow_none=True, metadata={
        "description": "When it was published; null where its record does not state it"})
    part2_exists = fields.Method("part2_of", metadata={
        "type": "boolean",
        "description": "A confidential Part 2 exists; it is never shown here"})

    def part2_of(self, decision: Any) -> bool:
        return bool(decision.publication and decision.publication.part2_exists)


class PublicFilters(Schema):
    body = text(max=300)
    financial_year = fin_year()


