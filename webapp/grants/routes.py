"""Grants: proposed under a decision, approved, agreed, paid, varied, ended and closed."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from domain.values import Contribution, YearAmount
from readmodel.ledgers import ListQuery
from webapp import pages
from webapp.access import CHANGING_FUNDS, DECIDING, DRAFTING, PAYING, allowed, current_user
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
from webapp.common import On
from webapp.grants.schemas import (
    AmountReasonSchema,
    ClosureSchema,
    GrantFilters,
    GrantRowSchema,
    GrantSchema,
    NoticeSchema,
    OverrideSchema,
    PaymentSchema,
    ProposalSchema,
    VariationSchema,
)
from webapp.records import actor, app, moved_on, on, own_decision, own_grant
from webapp.runtime import runtime

blp = Blueprint("grants", __name__, url_prefix="/api/grants",
                description="Grants of the body, from proposal to closure")


def lines(profile: list[dict[str, Any]]) -> list[YearAmount]:
    return [YearAmount(line["year"], line["amount"]) for line in profile]


@blp.route("")
class Grants(MethodView):
    @blp.arguments(GrantFilters, location="query")
    @blp.response(200, GrantRowSchema(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """The grant ledger: the body's grants"""
        status = filters.get("status")
        decision_id = filters.get("decision_id")
        listed = runtime().ledgers.grants(ListQuery(
            tenant=current_user().body,
            body=filters.get("body", ""),
            status=status.value if status else "",
            financial_year=filters.get("financial_year"),
            recipient=filters.get("recipient", ""),
            decision_id=str(decision_id) if decision_id else "",
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        ))
        return pages.page(listed, pagination_parameters, GrantRowSchema)

    @blp.doc(**COMMAND_HEADERS)
    @blp.doc(**leads_to("/api/grants", "grant_id", "approval", "agreement", "payments",
                        "variations", "notice", "termination", "repayments", "closure"))
    @allowed(DRAFTING)
    @blp.arguments(ProposalSchema)
    @blp.response(201, GrantSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, data: dict[str, Any]) -> Any:
        """Propose a grant under an approved (or draft) decision of the body"""
        own_decision(data["decision_id"])
        grant_id = app().propose_grant(
            actor(), on(data), data["decision_id"],
            title=data["title"],
            recipient=data["recipient"],
            amount=data["amount"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            purpose=data["purpose"],
            up_to=data["up_to"],
            profile=lines(data["profile"]),
            contributions=[Contribution(**c) for c in data["contributions"]],
            fund=data["fund"],
            programme=data["programme"],
            partners=data["partners"],
            notice_months=data["notice_months"],
        )
        return created(app().grant(grant_id), "/api/grants")


@blp.route("/<uuid:grant_id>")
class OneGrant(MethodView):
    @blp.response(200, GrantSchema, headers=ETAG_HEADER)
    def get(self, grant_id: UUID) -> Any:
        """One grant, with its ETag"""
        return tagged(own_grant(grant_id))


@blp.route("/<uuid:grant_id>/approval", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(OverrideSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def approve(data: dict[str, Any], grant_id: UUID) -> Any:
    """Approve the grant: draws on its decision's authority and commits its fund"""
    return changed(own_grant, grant_id, lambda: app().approve_grant(
        grant_id, actor(), on(data), data["override_reason"]))


@blp.route("/<uuid:grant_id>/agreement", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(On)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def sign_agreement(data: dict[str, Any], grant_id: UUID) -> Any:
    """Record that the grant agreement was signed"""
    return changed(own_grant, grant_id, lambda: app().sign_grant_agreement(
        grant_id, actor(), on(data)))


@blp.route("/<uuid:grant_id>/payments", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(PAYING)
@blp.arguments(PaymentSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def pay(data: dict[str, Any], grant_id: UUID) -> Any:
    """Pay a tranche (not by whoever approved the grant)"""
    return changed(own_grant, grant_id, lambda: app().pay_tranche(
        grant_id, actor(), moved_on(data), data["amount"], data["reference"]))


@blp.route("/<uuid:grant_id>/variations", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(VariationSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def vary(data: dict[str, Any], grant_id: UUID) -> Any:
    """Vary the grant's amount and profile; an increase needs a further decision"""
    under = data["under_decision_id"]
    if under is not None:
        own_decision(under)
    return changed(own_grant, grant_id, lambda: app().vary_grant(
        grant_id, actor(), on(data), data["amount"], lines(data["profile"]), data["reason"],
        under, data["override_reason"]))


@blp.route("/<uuid:grant_id>/notice", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(NoticeSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def give_notice(data: dict[str, Any], grant_id: UUID) -> Any:
    """Give notice: termination takes effect after the grant's notice period"""
    return changed(own_grant, grant_id, lambda: app().give_notice(grant_id, actor(), on(data),
                                                      data["reason"]))


@blp.route("/<uuid:grant_id>/termination", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING | DECIDING)
@blp.arguments(On)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def terminate(data: dict[str, Any], grant_id: UUID) -> Any:
    """Record that the grant ended, once its notice has taken effect"""
    return changed(own_grant, grant_id, lambda: app().terminate_grant(grant_id, actor(), on(data)))


@blp.route("/<uuid:grant_id>/repayments", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(PAYING)
@blp.arguments(AmountReasonSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def repay(data: dict[str, Any], grant_id: UUID) -> Any:
    """Record money the recipient paid back"""
    return changed(own_grant, grant_id, lambda: app().record_repayment(
        grant_id, actor(), moved_on(data), data["amount"], data["reason"]))


@blp.route("/<uuid:grant_id>/closure", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(CHANGING_FUNDS)
@blp.arguments(ClosureSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def close(data: dict[str, Any], grant_id: UUID) -> Any:
    """Close the grant: its fund keeps as committed only what was paid"""
    return changed(own_grant, grant_id, lambda: app().close_grant(grant_id, actor(), on(data),
                                                      data["reason"]))
