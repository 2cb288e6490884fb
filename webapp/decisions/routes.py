"""Decisions: drafted, considered, signed off, approved or refused, and published."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from flask import Response, jsonify
from flask.views import MethodView
from flask_smorest.pagination import PaginationParameters

from domain.commands import DraftDecision, SignOffDecision
from domain.decision import Decision
from domain.values import SignOffRole
from readmodel.ledgers import ListQuery
from webapp import pages
from webapp.access import DECIDING, DRAFTING, FINANCE, MONITORING, abort, allowed, current_user
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
from webapp.decisions.schemas import (
    ApprovalSchema,
    ConflictNoteSchema,
    DecisionFilters,
    DecisionRowSchema,
    DecisionSchema,
    DraftSchema,
    ImplicationSchema,
    PublicationSchema,
    PublicationWithdrawalSchema,
    RedactionCarriedOutSchema,
    RedactionSchema,
    RefusalSchema,
    ResolutionSchema,
    SignOffSchema,
    WithdrawalSchema,
)
from webapp.problems import etag
from webapp.public.schemas import PublicDecisionSchema
from webapp.records import actor, app, own_body, own_decision, readable_decision
from webapp.runtime import runtime

blp = Blueprint("decisions", __name__, url_prefix="/api/decisions",
                description="Decision records of the body, from draft to publication")


STAFF_ONLY = ("drafted_on", "drawn", "exception")
"""What a line of the register shows only to staff of the decision's own body."""


def public_view(decision: Decision) -> Response:
    response = jsonify(PublicDecisionSchema().dump(decision))
    response.headers["ETag"] = etag(decision.version)
    return response


@blp.route("")
class Decisions(MethodView):
    @blp.arguments(DecisionFilters, location="query")
    @blp.response(200, DecisionRowSchema(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], pagination_parameters: PaginationParameters) -> Any:
        """The decision register: the body's decisions, and any body's published ones"""
        status = filters.get("status")
        listed = runtime().ledgers.decisions(ListQuery(
            tenant=current_user().body,
            body=filters.get("body", ""),
            status=status.value if status else "",
            financial_year=filters.get("financial_year"),
            recipient=filters.get("recipient", ""),
            limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item,
        ))
        user = current_user()
        return pages.page(listed, pagination_parameters, DecisionRowSchema,
                          hidden=lambda row: () if user.belongs_to(row.body) else STAFF_ONLY)

    @blp.doc(**COMMAND_HEADERS)
    @blp.doc(**leads_to("/api/decisions", "decision_id", "implications", "signoffs",
                        "approval", "refusal", "withdrawal", "publication",
                        "publication/withdrawal", "redaction/carried-out", "redaction",
                        "conflicts",
                        "conflicts/resolution"))
    @allowed(DRAFTING)
    @blp.arguments(DraftSchema)
    @blp.response(201, DecisionSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, draft: partial[DraftDecision]) -> Any:
        """Draft a decision"""
        body = own_body(draft.keywords.get("body"))
        decision_id = app().handle(draft(body=body), actor())
        return created(app().decision(decision_id), "/api/decisions")


@blp.route("/<uuid:decision_id>")
class OneDecision(MethodView):
    @blp.response(200, DecisionSchema, headers=ETAG_HEADER)
    def get(self, decision_id: UUID) -> Any:
        """One decision, with its ETag: the body's own in full; another body's published
        decision as the public register shows it (Part 1, no staff details)"""
        decision = readable_decision(decision_id)
        if current_user().belongs_to(decision.body):
            return tagged(decision)
        return public_view(decision)


def acting_on(decision_id: UUID, *commands: Prepared) -> Any:
    """Carry out the commands on the body's own decision, together, and answer with it."""
    def carry_out() -> None:
        with app().atomically():
            for command in commands:
                app().handle(command(decision_id=decision_id), actor())

    return changed(own_decision, decision_id, carry_out)


@blp.route("/<uuid:decision_id>/implications", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING | FINANCE | MONITORING)
@blp.arguments(ImplicationSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def consider_implication(command: Prepared, decision_id: UUID) -> Any:
    """Record how one area of implications was considered"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/signoffs", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING | FINANCE | MONITORING)
@blp.arguments(SignOffSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def sign_off(command: partial[SignOffDecision], decision_id: UUID) -> Any:
    """Record an officer's sign-off: financial by a finance officer, legal by a monitoring
    officer"""
    may_sign(command.keywords["role"])
    return acting_on(decision_id, command)


def may_sign(role: SignOffRole) -> None:
    if role.is_financial:
        needed = FINANCE
    elif role.is_monitoring or role is SignOffRole.CHIEF_EXECUTIVE:
        needed = MONITORING
    else:
        needed = DRAFTING | FINANCE | MONITORING
    user = current_user()
    if not user.has_any(needed):
        wanted = " or ".join(sorted(r.value for r in needed))
        abort(403, f"The {role.value}'s sign-off is recorded by a {wanted}, not {user.name}")


@blp.route("/<uuid:decision_id>/approval", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(ApprovalSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def approve(command: Prepared, decision_id: UUID) -> Any:
    """Approve the decision (not by whoever drafted it)"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/refusal", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DECIDING)
@blp.arguments(RefusalSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def refuse(command: Prepared, decision_id: UUID) -> Any:
    """Refuse the decision, with reasons (not by whoever drafted it)"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/withdrawal", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING | DECIDING)
@blp.arguments(WithdrawalSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def withdraw(command: Prepared, decision_id: UUID) -> Any:
    """Withdraw a draft decision"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/publication", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(PublicationSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def publication(steps: list[Prepared], decision_id: UUID) -> Any:
    """Decide whether it is for publication, and publish it (together or one at a time)"""
    return acting_on(decision_id, *steps)


@blp.route("/<uuid:decision_id>/publication/withdrawal", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(PublicationWithdrawalSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def withdraw_publication(command: Prepared, decision_id: UUID) -> Any:
    """Take a published decision off the public register"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/redaction/carried-out", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(RedactionCarriedOutSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def carry_out_redaction(command: Prepared, decision_id: UUID) -> Any:
    """Record that the redaction of what is published is carried out, before its sign-off"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/redaction", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(FINANCE | MONITORING)
@blp.arguments(RedactionSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def sign_off_redaction(command: Prepared, decision_id: UUID) -> Any:
    """Sign off the redaction of what is published (Treasurer or Chief Executive)"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/conflicts", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING | FINANCE)
@blp.arguments(ConflictNoteSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def note_conflict(command: Prepared, decision_id: UUID) -> Any:
    """Note a fact the record states two ways, each where it is stated, and the value the
    figures work with until a treasurer resolves it"""
    return acting_on(decision_id, command)


@blp.route("/<uuid:decision_id>/conflicts/resolution", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(FINANCE)
@blp.arguments(ResolutionSchema)
@blp.response(200, DecisionSchema, headers=ETAG_HEADER)
@idempotent
def resolve_conflict(command: Prepared, decision_id: UUID) -> Any:
    """Settle the value of a conflicting fact, with the reason (a treasurer)"""
    return acting_on(decision_id, command)
