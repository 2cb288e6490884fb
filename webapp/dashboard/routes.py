"""The dashboard's pages: the budget monitor, the grants, a grant's history, what is left to
resolve and the audit trail, each now or as at a date or as known at a moment, of the
signed-in user's body only."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from flask import Blueprint, Response, abort, g, redirect, render_template, request

from adapters.charts import series, sources
from adapters.charts.series import Chart
from domain.money import Money
from publishing.pages import day
from readmodel.audit import AuditQuery
from readmodel.ledgers import ListQuery
from readmodel.points import Point
from readmodel.rows import GrantRow
from webapp.dashboard import session as signing
from webapp.runtime import runtime

blueprint = Blueprint("dashboard", __name__, template_folder="templates",
                      static_folder="static", static_url_path="/dashboard/static")
PAGE = 50


@blueprint.app_template_filter("pounds")
def pounds(pence: int | None) -> str:
    return "" if pence is None else str(Money(pence))


blueprint.add_app_template_filter(day, "day")


def point() -> Point:
    """The point the pages show: ?as_at=YYYY-MM-DD and ?as_known_at=YYYY-MM-DDTHH:MM."""
    as_at, known = request.args.get("as_at", ""), request.args.get("as_known_at", "")
    try:
        day = date.fromisoformat(as_at) if as_at else None
        moment = datetime.fromisoformat(known).astimezone() if known else None
    except ValueError:
        abort(400, "Give the date as YYYY-MM-DD and the moment as YYYY-MM-DDTHH:MM.")
    if day is not None and not 1900 <= day.year <= 2199:
        abort(400, "Give a date between 1900 and 2199.")
    return Point(day, moment)


def kept(**changes: Any) -> str:
    """This page's query string with the changes: the point shown is kept on every link."""
    asked = {k: v for k, v in request.args.items()} | {k: str(v) for k, v in changes.items()}
    return urlencode({k: v for k, v in asked.items() if v not in ("", "None")})


def page_number() -> int:
    given = request.args.get("page", "1")
    return int(given) if given.isdigit() and 0 < int(given) < 10**6 else 1


def shown(template: str, **values: Any) -> str:
    at = point()
    return render_template(f"dashboard/{template}", user=g.user, at=at, kept=kept,
                           today=runtime().today(), csrf=signing.form_token(), **values)


def mine() -> ListQuery:
    return ListQuery(tenant=g.user.body)


@blueprint.get("/sign-in")
def sign_in_page() -> str:
    return render_template("dashboard/sign_in.html", csrf=signing.form_token(),
                           next=signing.safe_next(request.args.get("next", "/")), error="")


@blueprint.post("/sign-in")
def sign_in() -> Any:
    signing.check_form()
    target = signing.safe_next(request.form.get("next", "/"))
    if signing.sign_in(request.form.get("token", "")) is None:
        return render_template("dashboard/sign_in.html", csrf=signing.form_token(),
                               next=target, error="That token is not valid, or has been "
                               "revoked."), 401
    return redirect(target)


@blueprint.post("/sign-out")
def sign_out() -> Any:
    signing.check_form()
    signing.sign_out()
    return redirect("/sign-in")


@blueprint.get("/")
@signing.staff_only
def budget() -> str:
    """Fund by financial year: budget, committed, paid, repaid and headroom, with totals."""
    rows = runtime().ledgers.funds(mine(), point()).rows
    funds: dict[str, list[Any]] = {}
    for row in rows:
        funds.setdefault(row.fund, []).append(row)
    return shown("budget.html", funds=funds, totals={f: totals(r) for f, r in funds.items()},
                 charts=f"/charts/budget.svg?{kept()}")


def totals(rows: list[Any]) -> dict[str, int | None]:
    """A fund's years summed; its budget only where one is set for some year."""
    budgets = [r.budget_pence for r in rows if r.budget_pence is not None]
    return {"budget": sum(budgets) if budgets else None,
            **{m: sum(getattr(r, f"{m}_pence") for r in rows)
               for m in ("committed", "paid", "repaid")}}


@blueprint.get("/grants")
@signing.staff_only
def grants() -> str:
    number = page_number()
    words, status = request.args.get("q", "")[:200], request.args.get("status", "")[:40]
    ledgers, at = runtime().ledgers, point()
    listed = ledgers.grants(ListQuery(
        tenant=g.user.body, words=words, status=status, limit=PAGE,
        offset=(number - 1) * PAGE), at)
    profiles = {row.grant_id: ledgers.grant_years(
        ListQuery(tenant=g.user.body, grant_id=row.grant_id), at).rows for row in listed.rows}
    return shown("grants.html", grants=listed.rows, profiles=profiles, total=listed.total,
                 page=number,
                 pages=max(1, math.ceil(listed.total / PAGE)), words=words, status=status,
                 statuses=("approved", "agreement signed", "notice given", "terminated",
                           "closed", "proposed"))


@blueprint.get("/grants/<uuid:grant_id>")
@signing.staff_only
def grant(grant_id: UUID) -> str:
    ledgers, at = runtime().ledgers, point()
    asked, found = own_grant(grant_id, at)
    today = runtime().today()
    notice = ledgers.exposure(today, asked).rows
    history = ledgers.audit(AuditQuery(tenant=g.user.body, grant_id=str(grant_id),
                                       to_date=at.as_at, known_at=at.as_known_at))
    return shown("grant.html", grant=found, years=ledgers.grant_years(asked, at).rows,
                 history=history.rows, notice=notice[0] if notice else None,
                 profile_chart=f"/charts/grants/{grant_id}.svg?{kept()}")


def own_grant(grant_id: UUID, at: Point) -> tuple[ListQuery, GrantRow]:
    """The user's body's grant at the point, and the query naming it; 404 if none."""
    asked = ListQuery(tenant=g.user.body, grant_id=str(grant_id))
    found = runtime().ledgers.grants(asked, at).rows
    if not found:
        abort(404, "No grant of your body has this address (at this point).")
    return asked, found[0]


@blueprint.get("/to-resolve")
@signing.staff_only
def to_resolve() -> str:
    ledgers, at = runtime().ledgers, point()
    return shown("resolve.html", discrepancies=ledgers.discrepancies(mine(), at).rows,
                 conflicts=ledgers.conflicts(mine(), at).rows,
                 exceptions=ledgers.exceptions(mine(), at).rows)


@blueprint.get("/audit")
@signing.staff_only
def audit() -> str:
    number, at = page_number(), point()
    listed = runtime().ledgers.audit(AuditQuery(
        tenant=g.user.body, to_date=at.as_at, known_at=at.as_known_at, limit=PAGE,
        offset=(number - 1) * PAGE))
    return shown("audit.html", rows=listed.rows, total=listed.total, page=number,
                 pages=max(1, math.ceil(listed.total / PAGE)))


def svg(chart: Chart) -> Response:
    from adapters.charts import drawing

    return Response(drawing.rendered(chart, "svg"), mimetype=drawing.FORMS["svg"],
                    headers={"Cache-Control": "private, max-age=60"})


@blueprint.get("/charts/budget.svg")
@signing.staff_only
def budget_chart() -> Response:
    return svg(sources.funding(runtime().ledgers, "body", g.user.body, point(),
                               tenant=g.user.body))


@blueprint.get("/charts/grants/<uuid:grant_id>.svg")
@signing.staff_only
def grant_chart(grant_id: UUID) -> Response:
    at = point()
    asked, found = own_grant(grant_id, at)
    return svg(series.grant_chart(found.title, runtime().ledgers.grant_years(asked, at).rows,
                                  sources.told(at)))
