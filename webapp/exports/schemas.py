"""Which grants to export, and in what form."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from adapters.giving360.export import FORMS
from webapp.common import day, text


class ExportQuery(Schema):
    body = text(max=300, metadata={"description": "Only this body's grants: the user's own "
                                   "body's are the only ones given"})
    from_date = day(data_key="from", metadata={"description": "Grants awarded from this day"})
    to_date = day(data_key="to", metadata={"description": "Grants awarded up to this day"})
    every = fields.Boolean(data_key="all", load_default=False, metadata={
        "description": "Every grant awarded, not only those on the register (a preview)"})
    form = fields.String(data_key="format", load_default="json",
                         validate=validate.OneOf(list(FORMS)),
                         metadata={"description": "JSON, a spreadsheet, or its sheet as CSV"})

    @validates_schema
    def from_before_to(self, data: dict[str, Any], **_: Any) -> None:
        first, last = data.get("from_date"), data.get("to_date")
        if first and last and first > last:
            raise ValidationError("The first day is after the last.", "from")
