"""The public register: Part 1 of every published decision, open to anyone."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from domain.decision import Decision
from domain.errors import DecisionNotFoundError
from readmodel.ledgers import ListQuery
from webapp.blueprint import Blueprint
from webapp.public.schemas import PublicDecisionSchema, PublicFilters
from webapp.records import app
from webapp.runtime import runtime

blp = Blueprint("public", __name__, url_prefix="/api/public",
                description="The public register of published decisions (no sign-in)")


def published(decision_id: UUID) -> Decision:
    decision = app().decision(decision_id)
    if not decision.published:
        raise DecisionNotFoundError(decision_id)
    return decision


@blp.route("/decisions")
class PublicDecisions(MethodView):
    @blp.doc(security=[])
    @blp.arguments(PublicFilters, location="query")
    @blp.response(200, PublicDecisionSchema(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> Any:
        """Published decisions, by body and reference"""
        listed = runtime().ledgers.decisions(ListQuery(
            published_only=True,
            body=filters.get("body", ""),
            financial_year=filters.get("financial_year"),
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        ))
        pagination_parameters.item_count = listed.total
        return [published(UUID(row.decision_id)) for row in listed.rows]


@blp.route("/decisions/<uuid:decision_id>")
class PublicDecision(MethodView):
    @blp.doc(security=[])
    @blp.response(200, PublicDecisionSchema)
    def get(self, decision_id: UUID) -> Any:
        """One published decision"""
        return published(decision_id)
