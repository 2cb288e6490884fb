"""Records as the acting user may see them: their own body's, and anyone's published
decisions. Another body's unpublished record is not found, rather than forbidden, so that
its existence is not given away."""

from __future__ import annotations

from uuid import UUID

from domain.application import Grantledger
from domain.decision import Decision
from domain.errors import (
    DecisionNotFoundError,
    FundNotFoundError,
    GrantNotFoundError,
)
from domain.fund import Fund
from domain.grant import Grant
from webapp.access import abort, current_user
from webapp.runtime import runtime


def app() -> Grantledger:
    return runtime().app


def actor() -> str:
    return current_user().name


def readable_decision(decision_id: UUID) -> Decision:
    decision = app().decision(decision_id)
    if not (current_user().belongs_to(decision.body) or decision.published):
        raise DecisionNotFoundError(decision_id)
    return decision


def own_decision(decision_id: UUID) -> Decision:
    decision = app().decision(decision_id)
    if not current_user().belongs_to(decision.body):
        raise DecisionNotFoundError(decision_id)
    return decision


def own_grant(grant_id: UUID) -> Grant:
    grant = app().grant(grant_id)
    if not current_user().belongs_to(grant.body):
        raise GrantNotFoundError(grant_id)
    return grant


def own_fund(fund_id: UUID) -> Fund:
    fund = app().fund(fund_id)
    if not current_user().belongs_to(fund.body):
        raise FundNotFoundError(fund_id)
    return fund


def own_body(body: str | None) -> str:
    """The body a new record belongs to: the user's own, unless they name another."""
    user = current_user()
    if body and not user.belongs_to(body):
        abort(403, f"{user.name} acts for {user.body}, not {body}")
    return body or user.body
