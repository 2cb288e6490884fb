"""The ledgers now or at a past point, the audit trail and the verdict on the hash chain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from flask_smorest import Blueprint

from adapters.service import AuditQuery
from adapters.views import with_money
from domain.ledgers import Ledgers
from webapp.access import current_user
from webapp.common import PointInTime, page_of
from webapp.grants.schemas import GrantRowSchema
from webapp.ledgers.schemas import (
    AuditFilters,
    AuditRowSchema,
    ExposureQuery,
    ExposureRowSchema,
    FundRowSchema,
    GrantYearRowSchema,
    ProgrammeRowSchema,
    VerdictSchema,
)
from webapp.runtime import runtime

blp = Blueprint("ledgers", __name__, url_prefix="/api",
                description="Ledgers, exposure, the audit trail and the chain's verdict")


def ledgers(point: dict[str, Any]) -> Ledgers:
    as_known_at: datetime | None = point.get("as_known_at")
    notice_on: date | None = point.get("notice_on")
    return runtime().service.ledgers(point.get("as_at"), as_known_at, notice_on)


def page(rows: list[Any], pagination: Any) -> list[dict[str, Any]]:
    return [with_money(row) for row in page_of(rows, pagination)]


def own(rows: list[Any]) -> list[Any]:
    user = current_user()
    return [row for row in rows if user.belongs_to(row.body)]


def ledger_route(path: str, schema: type, pick: Callable[[Ledgers], list[Any]],
                 summary: str) -> None:
    def view(point: dict[str, Any], pagination_parameters: Any) -> Any:
        return page(pick(ledgers(point)), pagination_parameters)

    view.__name__ = path.replace("-", "_")
    view.__doc__ = summary
    blp.route(f"/ledgers/{path}", methods=["GET"])(
        blp.arguments(PointInTime, location="query")(
            blp.response(200, schema(many=True))(blp.paginate()(view))
        )
    )


def grant_years(books: Ledgers) -> list[Any]:
    own_grants = {row.grant_id for row in own(books.grants)}
    return [row for row in books.grant_years if row.grant_id in own_grants]


ledger_route("grants", GrantRowSchema, lambda books: own(books.grants),
             "The grant ledger: awarded, committed, paid, repaid and outstanding")
ledger_route("grant-years", GrantYearRowSchema, grant_years,
             "The grant ledger by financial year")
ledger_route("funds", FundRowSchema, lambda books: own(books.funds),
             "The fund ledger: budget, committed, paid and headroom by year")
ledger_route("programmes", ProgrammeRowSchema, lambda books: books.programmes,
             "The programme ledger: each funder's pledges, grants and payments by year")


@blp.route("/exposure", methods=["GET"])
@blp.arguments(ExposureQuery, location="query")
@blp.response(200, ExposureRowSchema(many=True))
@blp.paginate()
def exposure(point: dict[str, Any], pagination_parameters: Any) -> Any:
    """What each live grant would still cost if notice were given on a day"""
    return page(own(ledgers(point).exposure), pagination_parameters)


@blp.route("/audit", methods=["GET"])
@blp.arguments(AuditFilters, location="query")
@blp.response(200, AuditRowSchema(many=True))
@blp.paginate()
def audit(filters: dict[str, Any], pagination_parameters: Any) -> Any:
    """The audit trail of the body's records, in the order recorded"""
    grant_id = filters.get("grant_id")
    query = AuditQuery(
        body=current_user().body,
        decision_reference=filters.get("decision_reference", ""),
        grant_id=str(grant_id) if grant_id else "",
        from_date=filters.get("from_date"),
        to_date=filters.get("to_date"),
        limit=pagination_parameters.page_size,
        offset=pagination_parameters.first_item,
    )
    service = runtime().service
    rows = service.audit(query)
    pagination_parameters.item_count = service.audit_count(query)
    return [with_money(row) for row in rows]


@blp.route("/verify", methods=["GET"])
@blp.response(200, VerdictSchema)
def verify() -> Any:
    """Re-compute the hash chain over every stored event"""
    verdict = runtime().service.verify()
    return {"intact": verdict.intact, "count": verdict.count, "head": verdict.head,
            "broken_at": verdict.broken_at, "problem": verdict.problem}
