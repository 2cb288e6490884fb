"""What to chart, at what point in time, and as what image."""

from __future__ import annotations

from marshmallow import fields, validate

from adapters.charts.sources import KINDS
from webapp.common import PointInTime, short
from webapp.ledgers.schemas import ExposureQuery

FORMS = ("png", "svg")


def form() -> fields.String:
    return fields.String(data_key="format", load_default="png", validate=validate.OneOf(FORMS),
                         metadata={"description": "PNG, or SVG with its text as text"})


class FundingQuery(PointInTime):
    of = fields.String(required=True, validate=validate.OneOf(KINDS), metadata={
        "description": "What to chart: a programme (pledged and committed by funder), one of "
                       "the body's funds, or the body's funds together (committed against "
                       "budget and paid)"})
    name = short(required=True, metadata={
        "description": "The programme's or fund's name, or the user's own body"})
    form = form()


class ExposureChartQuery(ExposureQuery):
    form = form()


def image(description: str) -> dict[str, object]:
    return {"description": description, "content": {
        "image/png": {"schema": {"type": "string", "format": "binary"}},
        "image/svg+xml": {"schema": {"type": "string"}},
    }}
