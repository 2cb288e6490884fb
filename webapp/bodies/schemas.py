"""What the register of bodies looks like over HTTP."""

from __future__ import annotations

from marshmallow import Schema, fields

from domain.commands import RegisterBody
from domain.values import BodyKind
from webapp.common import On, choice, short, text


class BodyRegistrationSchema(On):
    command = RegisterBody
    name = short(required=True, metadata={"example": "Essex PFCC"})
    kind = choice(BodyKind, load_default=BodyKind.NOT_STATED)
    predecessor = text(max=300, load_default="", metadata={
        "description": "The body it succeeded, already in the register"})


class BodyOut(Schema):
    """A body of the register: read from the register's table or from the body's record."""

    name = fields.String()
    kind = fields.Function(lambda body: getattr(body.kind, "value", body.kind), metadata={
        "type": "string", "example": "Police, Fire and Crime Commissioner"})
    predecessor = fields.String()
    successor = fields.String()
