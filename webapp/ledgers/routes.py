"""The ledgers now or at a past point, the audit trail and the verdict on the hash chain."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from marshmallow import Schema

from readmodel.audit import AuditQuery
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from readmodel.points import Point, for_notice
from readmodel.rows import Listed
from webapp import pages
from webapp.access import AUDITING, allowed, current_user
from webapp.blueprint import Blueprint
from webapp.common import PointInTime
from webapp.grants.schemas import GrantRowSchema
from webapp.ledgers.schemas import (
    AuditFilters,
    AuditRowSchema,
    BodyExposureRowSchema,
    ConflictRowSchema,
    DiscrepancyRowSchema,
    ExceptionRowSchema,
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


def point_of(given: dict[str, Any]) -> Point:
    as_known_at: datetime | None = given.get("as_known_at")
    return Point(given.get("as_at"), as_known_at)


def own_page(pagination: Any, tenant: bool = True) -> ListQuery:
    return ListQuery(tenant=current_user().body if tenant else None,
                     limit=pagination.page_size, offset=pagination.first_item)


Ask = Callable[[ReadModel, ListQuery, Point], Listed[Any]]


def ledger_route(path: str, schema: type[Schema], ask: Ask, summary: str,
                 tenant: bool = True) -> None:
    def view(point: dict[str, Any], pagination_parameters: Any) -> Any:
        listed = ask(runtime().ledgers, own_page(pagination_parameters, tenant),
                     point_of(point))
        return pages.page(listed, pagination_parameters, schema)

    view.__name__ = path.replace("-", "_")
    view.__doc__ = summary
    blp.route(f"/ledgers/{path}", methods=["GET"])(
        blp.arguments(PointInTime, location="query")(
            blp.response(200, schema(many=True))(blp.paginate()(view))
        )
    )


ledger_route("grants", GrantRowSchema, lambda r, q, p: r.grants(q, p),
             "The grant ledger: awarded, committed, paid, repaid and outstanding")
ledger_route("grant-years", GrantYearRowSchema, lambda r, q, p: r.grant_years(q, p),
             "The grant ledger by financial year")
ledger_route("funds", FundRowSchema, lambda r, q, p: r.funds(q, p),
             "The fund ledger: budget, committed, paid and headroom by year")
ledger_route("conflicts", ConflictRowSchema, lambda r, q, p: r.conflicts(q, p),
             "Facts the body's decision records state two ways, until a treasurer settles them")
ledger_route("discrepancies", DiscrepancyRowSchema, lambda r, q, p: r.discrepancies(q, p),
             "Totals the body's decision records state that their figures do not give")
ledger_route("exceptions", ExceptionRowSchema, lambda r, q, p: r.exceptions(q, p),
             "What was recorded against the rules, with the reason recorded for it")
ledger_route("programmes", ProgrammeRowSchema, lambda r, q, p: r.programmes(q, p),
             "The programme ledger: each funder's pledges, grants and payments by year",
             tenant=False)


@blp.route("/exposure", methods=["GET"])
@blp.arguments(ExposureQuery, location="query")
@blp.response(200, ExposureRowSchema(many=True))
@blp.paginate()
def exposure(point: dict[str, Any], pagination_parameters: Any) -> Any:
    """What each live grant would still cost if notice were given on a day"""
    today = runtime().today()
    notice_on = point.get("notice_on") or today
    listed = runtime().ledgers.exposure(notice_on, own_page(pagination_parameters),
                                        for_notice(point_of(point), notice_on, today))
    return pages.page(listed, pagination_parameters, ExposureRowSchema)


@blp.route("/exposure/by-body", methods=["GET"])
@blp.arguments(ExposureQuery, location="query")
@blp.response(200, BodyExposureRowSchema(many=True))
def exposure_by_body(point: dict[str, Any]) -> Any:
    """What the body's live grants would still cost in all if notice were given on a day"""
    today = runtime().today()
    notice_on = point.get("notice_on") or today
    return pages.rows(runtime().ledgers.exposure_by_body(
        notice_on, ListQuery(tenant=current_user().body),
        for_notice(point_of(point), notice_on, today)),
        BodyExposureRowSchema)


@blp.route("/audit", methods=["GET"])
@blp.arguments(AuditFilters, location="query")
@blp.response(200, AuditRowSchema(many=True))
@blp.paginate()
def audit(filters: dict[str, Any], pagination_parameters: Any) -> Any:
    """The audit trail of the body's records, in the order recorded"""
    grant_id = filters.get("grant_id")
    listed = runtime().ledgers.audit(AuditQuery(
        tenant=current_user().body,
        decision_reference=filters.get("decision_reference", ""),
        grant_id=str(grant_id) if grant_id else "",
        from_date=filters.get("from_date"),
        to_date=filters.get("to_date"),
        limit=pagination_parameters.page_size,
        offset=pagination_parameters.first_item,
    ))
    return pages.page(listed, pagination_parameters, AuditRowSchema)


@blp.route("/verify", methods=["GET"])
@allowed(AUDITING)
@blp.response(200, VerdictSchema)
def verify() -> Any:
    """Re-compute the hash chain over every stored event, and give its head (auditors and
    admins)"""
    verdict = runtime().verify()
    return {"intact": verdict.intact, "count": verdict.count, "head": verdict.head,
            "broken_at": verdict.broken_at, "problem": verdict.problem}
