"""What importing a dossier answers; the dossier itself is the importer's own schema
(adapters.dossier_schema), documented and checked as it stands."""

from __future__ import annotations

from marshmallow import Schema, fields


class ImportedSchema(Schema):
    decision_id = fields.UUID()
    body = fields.String()
    reference = fields.String(allow_none=True)
    loaded = fields.Boolean(metadata={"description": "False if it was already imported"})
