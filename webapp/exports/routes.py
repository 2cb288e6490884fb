"""Open data of the body's grants, and its ledgers as a workbook, for those who answer for
it."""

from __future__ import annotations

import io
import json
from dataclasses import asdict
from datetime import UTC, datetime
from typing import Any

from flask import Response, current_app

from adapters import workbook
from adapters.giving360 import export
from readmodel.points import Point
from webapp.access import EXPORTING, abort, allowed, current_user
from webapp.blueprint import Blueprint
from webapp.exports.schemas import ExportQuery, WorkbookQuery
from webapp.runtime import runtime

blp = Blueprint("exports", __name__, url_prefix="/api/exports",
                description="The body's grants as open data; its ledgers as a workbook")
SETTINGS = "GIVING360"
EXCLUDED = "X-Excluded-Grants"
PACKAGE = {
    "description": "A 360Giving Data Standard 1.4 package, valid against the standard's "
                   "schema; as a spreadsheet, one row a grant under the standard's titles",
    "content": {
        export.FORMS["json"]: {"schema": {"type": "object"}},
        export.FORMS["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        export.FORMS["csv"]: {"schema": {"type": "string"}},
    },
    "headers": {EXCLUDED: {
        "description": "The grants left out as JSON text: a list of grant_id, body, title "
                       "and reasons; [] when none",
        "schema": {"type": "string"}}},
}
WORKBOOK = {
    "description": "The body's ledgers as a workbook: a cover naming the body, the point in "
                   "time and the latest anchored head of the chain, then the budget monitor, "
                   "grants, grant years, programmes, exposure, discrepancies, exceptions, "
                   "conflicts and the audit trail",
    "content": {workbook.MIMETYPE: {"schema": {"type": "string", "format": "binary"}}},
}


@blp.route("/360giving", methods=["GET"])
@allowed(EXPORTING)
@blp.arguments(ExportQuery, location="query")
@blp.doc(responses={"200": PACKAGE})
def giving360(query: dict[str, Any]) -> Response:
    """The body's grants on the register (or, with all, every one awarded) as 360Giving open
    data (auditors, treasurers and admins); a grant that cannot be given validly is left out
    and named in the header, with why"""
    user = current_user()
    if query.get("body") and not user.belongs_to(query["body"]):
        abort(403, f"{user.name} may export only the grants of {user.body}")
    asked = export.Asked(user.body, query.get("from_date"), query.get("to_date"),
                         not query["every"])
    try:
        made = export.export(asked.awarded(runtime().ledgers), current_app.config[SETTINGS],
                             runtime().today(), asked)
    except export.NothingToExportError as error:
        abort(404, str(error))
    form = query["form"]
    return Response(export.rendered(made.package, form), mimetype=export.FORMS[form], headers={
        "Content-Disposition": f'attachment; filename="360giving.{form}"',
        EXCLUDED: json.dumps([asdict(each) for each in made.excluded]),
    })


@blp.route("/workbook", methods=["GET"])
@allowed(EXPORTING)
@blp.arguments(WorkbookQuery, location="query")
@blp.doc(responses={"200": WORKBOOK})
def ledgers_workbook(query: dict[str, Any]) -> Response:
    """The body's ledgers as a spreadsheet workbook, now or at a past point (auditors,
    treasurers and admins)"""
    user = current_user()
    if query.get("body") and not user.belongs_to(query["body"]):
        abort(403, f"{user.name} may export only the figures of {user.body}")
    system = runtime()
    today = system.today()
    asked = workbook.Asked(user.body, Point(query.get("as_at"), query.get("as_known_at")),
                           query.get("notice_on") or today, today, datetime.now(UTC),
                           system.anchors.latest())
    out = io.BytesIO()
    workbook.write(system.ledgers, asked, out)
    return Response(out.getvalue(), mimetype=workbook.MIMETYPE, headers={
        "Content-Disposition": 'attachment; filename="workbook.xlsx"'})
