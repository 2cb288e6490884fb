"""Importing a decision dossier: all of it or none of it."""

from __future__ import annotations

from typing import Any

from flask import request

from adapters import dossier, dossier_schema
from domain import identity
from webapp.access import IMPORTING, abort, allowed, current_user
from webapp.blueprint import Blueprint
from webapp.commands import COMMAND_HEADERS, idempotent
from webapp.dossiers.schemas import ImportedSchema
from webapp.records import actor, app

blp = Blueprint("dossiers", __name__, url_prefix="/api/dossiers",
                description="Decision dossiers: a decision already taken, with its grants")


@blp.route("", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(IMPORTING)
@blp.doc(requestBody={"required": True, "content": {"application/json": {
    "schema": dossier_schema.DossierSchema}}})
@blp.response(201, ImportedSchema)
@blp.alt_response(200, schema=ImportedSchema, description="Already imported; nothing recorded")
@idempotent(repeatable=True)
def import_dossier() -> Any:
    """Import a decision dossier (admin): its decision, funds, programmes and grants"""
    document = request.get_json(silent=True)
    try:
        loaded = dossier.validate(document, "dossier")
    except dossier.DossierError as error:
        errors: dict[str, list[str]] = {}
        for where, problem in error.problems:
            errors.setdefault(where, []).append(problem)
        abort(422, "The dossier has errors in the fields listed; nothing was recorded.",
              errors={"json": errors})
    body = loaded["decision"]["body"]
    if not current_user().belongs_to(body):
        abort(403, f"{current_user().name} acts for {current_user().body}, not {body}")
    try:
        imported = dossier.import_dossier(app(), loaded, "dossier", actor())
    except dossier.DossierError as error:
        (where, problem), *more = error.problems
        abort(422, f"{where}: {problem}",
              errors={"json": {w: [p] for w, p in more}} if more else None)
    result = {
        "decision_id": identity.decision_id(imported.body, imported.reference),
        "body": imported.body,
        "reference": imported.reference,
        "loaded": imported.loaded,
    }
    return result, 201 if imported.loaded else 200

