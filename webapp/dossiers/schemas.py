"""A decision dossier as posted: checked in full by the dossier importer's own schema."""

from __future__ import annotations

from marshmallow import INCLUDE, Schema, fields


class DossierDocument(Schema):
    """A decision dossier in the format the README describes (as `grantledger import` reads)."""

    class Meta:
        unknown = INCLUDE

    decision = fields.Dict(required=True)


class ImportedSchema(Schema):
    decision_id = fields.UUID()
    body = fields.String()
    reference = fields.String()
    loaded = fields.Boolean(metadata={"description": "False if it was already imported"})
