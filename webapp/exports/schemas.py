"""Which grants to export, and in what form; which figures the workbook holds."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from adapters.giving360.export import FORMS
from webapp.common import PointInTime, day, text


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


class WorkbookQuery(PointInTime):
    body = text(max=300, metadata={"description": "Only this body's figures: the user's own "
                                   "body's are the only ones given"})
    notice_on = day(metadata={"description": "For the exposure sheets: the day notice would "
                              "be given; today if not given"})
