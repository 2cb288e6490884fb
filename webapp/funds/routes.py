"""Funds: a body's budgets by financial year, committed by the grants charged to them."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from flask.views import MethodView

from domain.commands import EstablishFund
from readmodel.ledgers import ListQuery
from webapp.access import CHANGING_FUNDS, allowed, current_user
from webapp.blueprint import Blueprint
from webapp.commands import (
    COMMAND_HEADERS,
    ETAG_HEADER,
    changed,
    created,
    idempotent,
    leads_to,
    tagged,
)
from webapp.common import Prepared
from webapp.funds.schemas import BudgetSchema, EstablishmentSchema, FundFilters, FundSchema
from webapp.records import actor, app, own_body, own_fund
from webapp.runtime import runtime

blp = Blueprint("funds", __name__, url_prefix="/api/funds",
                description="The body's funds and their budgets")


@blp.route("")
class Funds(MethodView):
    @blp.arguments(FundFilters, location="query")
    @blp.response(200, FundSchema(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> Any:
        """The body's funds"""
        listed = runtime().ledgers.fund_ids(
            ListQuery(tenant=current_user().body, limit=pagination_parameters.page_size,
                      offset=pagination_parameters.first_item),
            filters.get("funder") or "")
        pagination_parameters.item_count = listed.total
        return [app().fund(UUID(i)) for i in listed.rows]

    @blp.doc(**COMMAND_HEADERS)
    @blp.doc(**leads_to("/api/funds", "fund_id", "budgets"))
    @allowed(CHANGING_FUNDS)
    @blp.arguments(EstablishmentSchema)
    @blp.response(201, FundSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, establishment: partial[EstablishFund]) -> Any:
        """Establish a fund"""
        body = own_body(establishment.keywords.get("body"))
        fund_id = app().handle(establishment(body=body), actor())
        return created(app().fund(fund_id), "/api/funds")


@blp.route("/<uuid:fund_id>")
class OneFund(MethodView):
    @blp.response(200, FundSchema, headers=ETAG_HEADER)
    def get(self, fund_id: UUID) -> Any:
        """One fund, with its ETag"""
        return tagged(own_fund(fund_id))


@blp.route("/<uuid:fund_id>/budgets", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(CHANGING_FUNDS)
@blp.arguments(BudgetSchema)
@blp.response(200, FundSchema, headers=ETAG_HEADER)
@idempotent
def set_budget(command: Prepared, fund_id: UUID) -> Any:
    """Set the budget of one financial year"""
    return changed(own_fund, fund_id, lambda: app().handle(command(fund_id=fund_id), actor()))
