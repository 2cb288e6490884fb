"""Which rows of the ledgers a chart is drawn from: a programme's, a fund's or a body's, as
the asker may see them, at a point in time."""

from __future__ import annotations

from datetime import date

from adapters.charts.series import Chart, exposure_chart, fund_chart, programme_chart
from domain.identity import normal
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from readmodel.points import NOW, Point, for_notice

KINDS = ("programme", "fund", "body")


class NothingToChartError(Exception):
    """The programme, fund or body asked for is not in the ledgers the asker may see."""


def told(point: Point) -> str:
    said = str(point)
    return said[0].upper() + said[1:]


def funding(ledgers: ReadModel, kind: str, name: str, point: Point = NOW,
            tenant: str | None = None) -> Chart:
    """The funding chart of the programme, fund or body named; `tenant` limits funds and
    bodies to that body's (programmes are shared by the bodies taking part)."""
    if kind == "programme":
        return programme(ledgers, name, point)
    if kind == "fund":
        return fund(ledgers, name, point, tenant)
    if kind == "body":
        return body(ledgers, name, point, tenant)
    raise ValueError(f"no funding chart of a {kind}")


def programme(ledgers: ReadModel, name: str, point: Point) -> Chart:
    rows = [r for r in ledgers.programmes(ListQuery(), point).rows
            if normal(r.programme) == normal(name)]
    if not rows:
        raise NothingToChartError(f"No programme named {name!r} has funding {point}")
    return programme_chart(rows[0].programme, rows, told(point))


def fund(ledgers: ReadModel, name: str, point: Point, tenant: str | None) -> Chart:
    rows = [r for r in ledgers.funds(ListQuery(tenant=tenant), point).rows
            if normal(r.fund) == normal(name)]
    if not rows:
        raise NothingToChartError(f"No fund named {name!r} is in the ledgers {point}")
    bodies = sorted({r.body for r in rows})
    label = "{fund} of {body} ({funder})" if len(bodies) > 1 else "{fund} ({funder})"
    return fund_chart(f"{rows[0].fund} ({', '.join(bodies)}): committed against budget and "
                      "paid", rows, told(point), label)


def known_body(ledgers: ReadModel, name: str, tenant: str | None) -> str:
    """The body as the ledgers spell it; the asker's own is known even with no records."""
    if tenant is not None and normal(name) != normal(tenant):
        raise NothingToChartError(f"{name!r} is not a body whose records may be charted here")
    found = next((b for b in ledgers.bodies() if normal(b) == normal(name)), tenant)
    if found is None:
        raise NothingToChartError(f"No body named {name!r} has records in the ledgers")
    return found


def body(ledgers: ReadModel, name: str, point: Point, tenant: str | None) -> Chart:
    found = known_body(ledgers, name, tenant)
    rows = ledgers.funds(ListQuery(tenant=tenant, body=found), point).rows
    return fund_chart(f"{found}: committed against budget and paid, by fund", rows,
                      told(point))


def exposure(ledgers: ReadModel, name: str, notice_on: date, today: date,
             point: Point = NOW, tenant: str | None = None) -> Chart:
    """What the body's live grants would still cost by year if notice were given on the day
    (a past day reads the books as at that day, unless another point is asked for)."""
    found = known_body(ledgers, name, tenant)
    at = for_notice(point, notice_on, today)
    rows = ledgers.exposure_years(notice_on, ListQuery(body=found), at)
    return exposure_chart(found, rows, notice_on.isoformat(), told(at))
