"""Grants: proposed under a decision, approved, agreed, paid, varied, ended and closed."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from domain.commands import ExtendGrant, GiveNotice, ProposeGrant, TerminateGrant, VaryGrant
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
from webapp.common import Prepared
from webapp.grants.schemas import (
    AgreementSchema,
    AmountReasonSchema,
    ClosureSchema,
    ExtensionSchema,
    GrantFilters,
    GrantPublicationSchema,
    GrantRowSchema,
    GrantSchema,
    HistoryLineSchema,
    NoticeSchema,
    OverrideSchema,
    PaymentSchema,
    ProposalSchema,
    PublicationFactsSchema,
    TerminationSchema,
    VariationSchema,
)
from webapp.records import actor, app, own_decision, own_grant
from webapp.runtime import runtime

blp = Blueprint("grants", __name__, url_prefix="/api/grants",
                description="Grants of the body, from proposal to closure")


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
                        "variations", "extensions", "notice", "termination", "repayments",
                        "closure", "publication-facts", "publication"))
    @allowed(DRAFTING)
    @blp.arguments(ProposalSchema)
    @blp.response(201, GrantSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, proposal: partial[ProposeGrant]) -> Any:
        """Propose a grant under an approved (or draft) decision of the body"""
        own_decision(proposal.keywords["decision_id"])
        for share in proposal.keywords.get("authorised_by", []):
            own_decision(share.decision_id)
        grant_id = app().handle(proposal(), actor())
        return created(app().grant(grant_id), "/api/grants")


@blp.route("/<uuid:grant_id>")
class OneGrant(MethodView):
    @blp.response(200, GrantSchema, headers=ETAG_HEADER)
    def get(self, grant_id: UUID) -> Any:
        """One grant, with its ETag"""
        return tagged(own_grant(grant_id))


@blp.route("/<uuid:grant_id>/history")
class History(MethodView):
    @blp.response(200, HistoryLineSchema(many=True))
    def get(self, grant_id: UUID) -> Any:
        """Every event of the grant: what happened, when, by whom, and under which decision"""
        own_grant(grant_id)
        events: list[Any] = list(app().repository.event_store.get(grant_id))
        return [{"version": e.originator_version, "what": type(e).__name__,
                 "business_date": e.business_date, "recorded_at": e.timestamp,
                 "actor": e.actor, "under_decision": getattr(e, "under_decision", "")}
                for e in events]


def acting_on(grant_id: UUID, command: Prepared) -> Any:
    """Carry out the command on the body's own grant and answer with it."""
    return changed(own_grant, grant_id, lambda: app().handle(command(grant_id=grant_id),
                                                             actor()))


def under_own(command: partial[Any]) -> None:
    """A decision a command names as acting on the grant is one of the body's own."""
    under = command.keywords.get("under_decision_id")
    if under is not None:
        own_decision(under)


@blp.route("/<uuid:grant_id>/approval", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(OverrideSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def approve(command: Prepared, grant_id: UUID) -> Any:
    """Approve the grant: draws on its decision's authority and commits its fund"""
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/agreement", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(AgreementSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def sign_agreement(command: Prepared, grant_id: UUID) -> Any:
    """Record that the grant agreement was signed"""
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/payments", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(PAYING)
@blp.arguments(PaymentSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def pay(command: Prepared, grant_id: UUID) -> Any:
    """Pay a tranche (not by whoever approved the grant)"""
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/variations", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(VariationSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def vary(command: partial[VaryGrant], grant_id: UUID) -> Any:
    """Vary the grant's amount and profile; an increase needs a further decision"""
    under_own(command)
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/extensions", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(ExtensionSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def extend(command: partial[ExtendGrant], grant_id: UUID) -> Any:
    """Extend the grant under a later decision: a new end date and what it adds to the
    profile, drawn on the later decision's authority"""
    under_own(command)
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/notice", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(NoticeSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def give_notice(command: partial[GiveNotice], grant_id: UUID) -> Any:
    """Give notice: termination takes effect after the grant's notice period, or the one the
    decision ending it states"""
    under_own(command)
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/termination", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING | DECIDING)
@blp.arguments(TerminationSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def terminate(command: partial[TerminateGrant], grant_id: UUID) -> Any:
    """Record that the grant ended: once its notice has run, or with immediate effect"""
    under_own(command)
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/repayments", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(PAYING)
@blp.arguments(AmountReasonSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def repay(command: Prepared, grant_id: UUID) -> Any:
    """Record money the recipient paid back"""
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/closure", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(CHANGING_FUNDS)
@blp.arguments(ClosureSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def close(command: Prepared, grant_id: UUID) -> Any:
    """Close the grant: its fund keeps as committed only what was paid"""
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/publication-facts", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(PublicationFactsSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def state_publication_facts(command: Prepared, grant_id: UUID) -> Any:
    """State the conditions of a crime and disorder reduction grant and the reasons it will
    reduce crime and disorder, as the register must give them"""
    return acting_on(grant_id, command)


@blp.route("/<uuid:grant_id>/publication", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(GrantPublicationSchema)
@blp.response(200, GrantSchema, headers=ETAG_HEADER)
@idempotent
def publish(command: Prepared, grant_id: UUID) -> Any:
    """Publish the grant on the register, with its recipient, purpose, conditions and
    reasons (SI 2011/3050, para 3(f))"""
    return acting_on(grant_id, command)
