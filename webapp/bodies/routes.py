"""The register of bodies: every body a record or a user names is in it."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from flask.views import MethodView

from domain.body import Body
from domain.commands import RegisterBody
from domain.errors import BodyNotFoundError
from webapp.access import IMPORTING, allowed
from webapp.blueprint import Blueprint
from webapp.bodies.schemas import BodyOut, BodyRegistrationSchema
from webapp.commands import COMMAND_HEADERS, ETAG_HEADER, created, idempotent, tagged
from webapp.records import actor, app
from webapp.runtime import runtime

blp = Blueprint("bodies", __name__, url_prefix="/api/bodies",
                description="The register of bodies, with their kinds and successions")


@blp.route("")
class Bodies(MethodView):
    @blp.response(200, BodyOut(many=True))
    def get(self) -> Any:
        """Every body of the register, by name"""
        return runtime().register.entries()

    @blp.doc(**COMMAND_HEADERS)
    @allowed(IMPORTING)
    @blp.arguments(BodyRegistrationSchema)
    @blp.response(201, BodyOut, headers=ETAG_HEADER)
    @idempotent
    def post(self, registration: partial[RegisterBody]) -> Any:
        """Register a body (admin); naming the body it succeeded records the succession"""
        body_id = app().handle(registration(), actor())
        return created(one(body_id), "/api/bodies")


@blp.route("/<uuid:body_id>")
class OneBody(MethodView):
    @blp.response(200, BodyOut, headers=ETAG_HEADER)
    def get(self, body_id: UUID) -> Any:
        """One body of the register"""
        return tagged(one(body_id))


def one(body_id: UUID) -> Body:
    return app().get(body_id, Body, BodyNotFoundError)
