"""A grant awarded as the 360Giving Data Standard gives it, and the package of them: pounds as
numbers with two decimals, made from pence, never through floating point."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from adapters.giving360.identifiers import Identifiers
from adapters.giving360.standard import VERSION
from domain.identity import normal
from readmodel.publication import AwardedGrant

OGL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
COMMON_REGRANT = "FRG010"
OWN_OFFICE = frozenset({"opcc", "opfcc", "pcc", "pfcc"})
"""What decision records call the body's own office when it funds a grant itself."""
CENT = Decimal("0.01")
POUNDS = "\u0000pounds:"


@dataclass(frozen=True)
class Publisher:
    name: str
    identifier: str
    license: str = OGL


def pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(CENT)


def moment(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def grant(awarded: AwardedGrant, ids: Identifiers) -> dict[str, Any]:
    """Every fact known of the grant that the standard has a place for; those not known are
    left out rather than given empty."""
    given: dict[str, Any] = {
        "id": ids.grant(awarded.body, awarded.grant_id),
        "title": awarded.title,
        "description": awarded.purpose.strip(),
        "currency": "GBP",
        "amountAwarded": pounds(awarded.awarded_pence),
        "amountDisbursed": pounds(awarded.paid_pence - awarded.repaid_pence),
    }
    if awarded.approved_on is not None:
        given["awardDate"] = awarded.approved_on.isoformat()
    if awarded.published and awarded.published_url:
        given["url"] = awarded.published_url
    if planned := planned_dates(awarded.period_start, awarded.period_end):
        given["plannedDates"] = [planned]
    given["recipientOrganization"] = [
        {"id": ids.organisation(awarded.body, awarded.recipient), "name": awarded.recipient}]
    given["fundingOrganization"] = [
        {"id": ids.organisation(awarded.body, name), "name": name} for name in funders(awarded)]
    if awarded.area.strip():
        given["beneficiaryLocation"] = [{"name": awarded.area.strip(), "countryCode": "GB"}]
    if programme := (awarded.programme or awarded.fund).strip():
        given["grantProgramme"] = [{"title": programme}]
    if modified := awarded.last_dated or awarded.approved_on:
        given["dateModified"] = moment(modified)
    if awarded.regrants:
        given["regrantType"] = COMMON_REGRANT
    return given


def funders(awarded: AwardedGrant) -> list[str]:
    """The body, then each other funder once, cash or in kind, in the order they came in."""
    named = {normal(awarded.body): awarded.body}
    for funder, _, _ in awarded.funders:
        if normal(funder) not in OWN_OFFICE:
            named.setdefault(normal(funder), funder.strip())
    return list(named.values())


def planned_dates(start: date | None, end: date | None) -> dict[str, Any]:
    planned: dict[str, Any] = {}
    if start is not None:
        planned["startDate"] = start.isoformat()
    if end is not None:
        planned["endDate"] = end.isoformat()
    if start is not None and end is not None and end >= start:
        planned["duration"] = months(start, end)
    return planned


def months(start: date, end: date) -> int:
    """The months from the first day to the last, a month begun counting whole."""
    after = end + timedelta(days=1)
    count = (after.year - start.year) * 12 + after.month - start.month
    return max(1, count + (1 if after.day > start.day else 0))


def package(grants: list[dict[str, Any]], publisher: Publisher, issued: date,
            period: str) -> dict[str, Any]:
    return {
        "version": VERSION,
        "title": f"{publisher.name}: grants awarded{period}",
        "issued": issued.isoformat(),
        "publisher": ({"identifier": publisher.identifier} if publisher.identifier else {})
        | {"name": publisher.name},
        "license": publisher.license,
        "grants": grants,
    }


def dumps(document: dict[str, Any]) -> str:
    """JSON text with each amount as the number it is, two decimals and all."""
    marked = json.dumps(document, indent=2, ensure_ascii=False, default=marked_pounds)
    return re.sub(r'"\\u0000pounds:(-?\d+\.\d\d)"', r"\1", marked)


def marked_pounds(value: Any) -> str:
    if not isinstance(value, Decimal):
        raise TypeError(f"{type(value).__name__} is not JSON")
    return f"{POUNDS}{value}"
