"""Records as the acting user may see them: their own body's, and anyone's published
decisions. Another body's unpublished record is not found, rather than forbidden, so that
its existence is not given away."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.application import Grantledger
from domain.decision import Decision
from domain.errors import (
    DecisionNotFoundError,
    FundNotFoundError,
    GrantError,
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


def on(data: dict[str, Any], name: str = "on") -> date:
    given: date | None = data.get(name)
    return given or runtime().today()


def moved_on(data: dict[str, Any]) -> date:
    """The date money was paid or paid back: it has happened, so not after today by the
    server's clock."""
    when, today = on(data), runtime().today()
    if when > today:
        raise GrantError(f"Money is recorded as moved on {when.isoformat()}, a date still to "
                         f"come: it must be today ({today.isoformat()}) or earlier")
    return when


def readable_decision(decision_id: UUID) -> Decision:
    decision = app().decision(decision_id)
    if not (current_user().belongs_to(decision.body) or decision.published_on):
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
