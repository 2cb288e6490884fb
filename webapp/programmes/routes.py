"""Programmes: shared by the bodies that co-fund them, so every member of staff may read
them; what each funder pledges is recorded by staff of any body, under their own name."""

from __future__ import annotations

from functools import partial
from typing import Any
from uuid import UUID

from flask.views import MethodView

from domain.commands import RecordPledge
from domain.programme import Programme
from readmodel.ledgers import ListQuery
from webapp.access import DRAFTING, FINANCE, abort, allowed, current_user
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
from webapp.programmes.schemas import (
    OutcomeOut,
    OutcomeSchema,
    PledgeOut,
    PledgeSchema,
    ProgrammeFilters,
    ProgrammeSchema,
    RegistrationSchema,
    SiteSchema,
    TargetOut,
    TargetSchema,
)
from webapp.records import actor, app
from webapp.runtime import runtime

blp = Blueprint("programmes", __name__, url_prefix="/api/programmes",
                description="Programmes co-funded by several bodies")


def programme(programme_id: UUID) -> Programme:
    return app().programme(programme_id)


def kept(programme_id: UUID, funder: str = "") -> Programme:
    """A programme the user's body keeps (see Programme.kept_by); a funder may also record
    its own pledge, and so join it."""
    found = programme(programme_id)
    user = current_user()
    if not (found.kept_by(user.body) or (funder and user.belongs_to(funder))):
        abort(403, f"{user.name} acts for {user.body}, which neither leads, registered, hosts "
              f"a site of nor pledges to the programme {found.name}")
    return found


@blp.route("")
class Programmes(MethodView):
    @blp.arguments(ProgrammeFilters, location="query")
    @blp.response(200, ProgrammeSchema(many=True))
    @blp.paginate()
    def get(self, filters: dict[str, Any], pagination_parameters: Any) -> Any:
        """Every programme"""
        listed = runtime().ledgers.programme_ids(ListQuery(
            body=filters.get("body") or "", limit=pagination_parameters.page_size,
            offset=pagination_parameters.first_item))
        pagination_parameters.item_count = listed.total
        return [programme(UUID(i)) for i in listed.rows]

    @blp.doc(**COMMAND_HEADERS)
    @blp.doc(**leads_to("/api/programmes", "programme_id", "sites", "pledges", "targets",
                        "outcomes"))
    @allowed(DRAFTING)
    @blp.arguments(RegistrationSchema)
    @blp.response(201, ProgrammeSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, registration: Prepared) -> Any:
        """Register a programme"""
        programme_id = app().handle(registration(registered_by=current_user().body), actor())
        return created(programme(programme_id), "/api/programmes")


def acting_on(programme_id: UUID, command: Prepared, funder: str = "") -> Any:
    """Carry out the command on a programme the user's body keeps (or, for a funder's own
    pledge, joins) and answer with it."""
    return changed(lambda i: kept(i, funder), programme_id,
                   lambda: app().handle(command(programme_id=programme_id), actor()))


@blp.route("/<uuid:programme_id>")
class OneProgramme(MethodView):
    @blp.response(200, ProgrammeSchema, headers=ETAG_HEADER)
    def get(self, programme_id: UUID) -> Any:
        """One programme, with its ETag"""
        return tagged(programme(programme_id))


@blp.route("/<uuid:programme_id>/sites", methods=["POST"])
@blp.doc(**COMMAND_HEADERS)
@allowed(DRAFTING)
@blp.arguments(SiteSchema)
@blp.response(200, ProgrammeSchema, headers=ETAG_HEADER)
@idempotent
def add_site(command: Prepared, programme_id: UUID) -> Any:
    """Add a delivery site"""
    return acting_on(programme_id, command)


@blp.route("/<uuid:programme_id>/pledges")
class Pledges(MethodView):
    @blp.response(200, PledgeOut(many=True))
    def get(self, programme_id: UUID) -> Any:
        """What each funder has pledged"""
        return programme(programme_id).pledges

    @blp.doc(**COMMAND_HEADERS)
    @allowed(DRAFTING | FINANCE)
    @blp.arguments(PledgeSchema)
    @blp.response(200, ProgrammeSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, command: partial[RecordPledge], programme_id: UUID) -> Any:
        """Record a funder's pledge"""
        return acting_on(programme_id, command, command.keywords["pledge"].funder)


@blp.route("/<uuid:programme_id>/targets")
class Targets(MethodView):
    @blp.response(200, TargetOut(many=True))
    def get(self, programme_id: UUID) -> Any:
        """The programme's targets"""
        return programme(programme_id).targets

    @blp.doc(**COMMAND_HEADERS)
    @allowed(DRAFTING)
    @blp.arguments(TargetSchema)
    @blp.response(200, ProgrammeSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, command: Prepared, programme_id: UUID) -> Any:
        """Set a target"""
        return acting_on(programme_id, command)


@blp.route("/<uuid:programme_id>/outcomes")
class Outcomes(MethodView):
    @blp.response(200, OutcomeOut(many=True))
    def get(self, programme_id: UUID) -> Any:
        """The outcomes reported"""
        return programme(programme_id).outcomes

    @blp.doc(**COMMAND_HEADERS)
    @allowed(DRAFTING)
    @blp.arguments(OutcomeSchema)
    @blp.response(200, ProgrammeSchema, headers=ETAG_HEADER)
    @idempotent
    def post(self, command: Prepared, programme_id: UUID) -> Any:
        """Report an outcome"""
        return acting_on(programme_id, command)
