"""The charts of the body's ledgers as images, for staff: what a programme, fund or body has
committed and paid, and what notice would still cost."""

from __future__ import annotations

from typing import Any

from flask import Response

from adapters.charts import sources
from adapters.charts.series import Chart
from webapp.access import abort, current_user
from webapp.blueprint import Blueprint
from webapp.charts.schemas import ExposureChartQuery, FundingQuery, image
from webapp.ledgers.routes import point_of
from webapp.runtime import runtime

blp = Blueprint("charts", __name__, url_prefix="/api/charts",
                description="The ledgers as charts, PNG or SVG")


def picture(chart: Chart, form: str) -> Response:
    """The chart drawn (matplotlib is loaded on the first one, not with the app)."""
    from adapters.charts import drawing

    return Response(drawing.rendered(chart, form), mimetype=drawing.FORMS[form])


@blp.route("/funding", methods=["GET"])
@blp.arguments(FundingQuery, location="query")
@blp.doc(responses={"200": image(
    "Stacked bars by financial year: a programme's pledges beside its grants by funder, in "
    "kind hatched; a fund's or the body's commitments against budget; paid marked")})
def funding(query: dict[str, Any]) -> Response:
    """Funding by financial year and funder, committed against paid, of a programme, one of
    the body's funds, or the body's funds together"""
    user = current_user()
    if query["of"] == "body" and not user.belongs_to(query["name"]):
        abort(403, f"{user.name} may chart only the records of {user.body}")
    try:
        chart = sources.funding(runtime().ledgers, query["of"], query["name"],
                                point_of(query), tenant=user.body)
    except sources.NothingToChartError as error:
        abort(404, str(error))
    return picture(chart, query["form"])


@blp.route("/exposure", methods=["GET"])
@blp.arguments(ExposureChartQuery, location="query")
@blp.doc(responses={"200": image(
    "Stacked bars by financial year of what the body's live grants would still cost, by "
    "recipient")})
def exposure(query: dict[str, Any]) -> Response:
    """What would remain payable by financial year if notice were given on a day (today if
    not given)"""
    today = runtime().today()
    user = current_user()
    try:
        chart = sources.exposure(runtime().ledgers, user.body, query.get("notice_on") or today,
                                 today, point_of(query), tenant=user.body)
    except sources.NothingToChartError as error:
        abort(404, str(error))
    return picture(chart, query["form"])
