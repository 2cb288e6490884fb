"""Whether a grant may go out as open data: valid against the standard's schema, and of the
quality 360Giving's data checks ask: an amount above nothing, no award still to come,
identifiers from the org-id lists, a programme named, and plain text without personal data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

from jsonschema.exceptions import ValidationError, best_match

from adapters.giving360.identifiers import listed
from adapters.giving360.standard import codes, grant_validator, package_validator

HTML = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>|&(?:[a-zA-Z]+|#\d+);")
PERSONAL = {
    "an email address": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "a UK phone number": re.compile(r"(?<![\d+])(?:\+44\s?\(?0?\)?\s?|0)\d(?:[\s-]?\d){8,9}(?!\d)"),
    "a postcode": re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b"),
}
TEXTS = ("title", "description")


def schema_problems(grant: dict[str, Any]) -> list[str]:
    return [described(error) for error in grant_validator().iter_errors(grant)]


def package_problems(package: dict[str, Any]) -> list[str]:
    return [described(error) for error in package_validator().iter_errors(package)]


def described(error: ValidationError) -> str:
    """Where in the grant, and what: for a choice, the nearest of its branches' errors."""
    if error.validator == "oneOf" and error.context:
        error = best_match(error.context) or error
    where = "/".join(str(part) for part in error.absolute_path)
    return f"{where or 'the grant'}: {error.message}"


def quality_problems(grant: dict[str, Any], issued: date) -> list[str]:
    return [*amounts(grant), *award(grant, issued), *identifiers(grant), *programme(grant),
            *texts(grant), *regrant(grant)]


def amounts(grant: dict[str, Any]) -> list[str]:
    found = []
    if grant["amountAwarded"] <= 0:
        found.append(f"the amount awarded is £{grant['amountAwarded']}: it must be more "
                     "than nothing")
    if grant.get("amountDisbursed", Decimal(0)) < 0:
        found.append(f"the amount disbursed is £{grant['amountDisbursed']}: more was repaid "
                     "than paid")
    return found


def award(grant: dict[str, Any], issued: date) -> list[str]:
    awarded = grant.get("awardDate")
    if awarded is None:
        return ["its award date is not stated"]
    if date.fromisoformat(awarded) > issued:
        return [f"its award date {awarded} is after the data's date {issued.isoformat()}"]
    return []


def identifiers(grant: dict[str, Any]) -> list[str]:
    organisations = [*grant["recipientOrganization"], *grant["fundingOrganization"]]
    return [f"{org['name']}'s identifier {org['id']} is under no 360Giving prefix and from no "
            "org-id list" for org in organisations if not listed(org["id"])]


def programme(grant: dict[str, Any]) -> list[str]:
    return [] if grant.get("grantProgramme") else ["it names no grant programme or fund"]


def texts(grant: dict[str, Any]) -> list[str]:
    found = [] if grant["description"] else ["its purpose, which describes it, is not stated"]
    for name in TEXTS:
        if HTML.search(grant[name]):
            found.append(f"its {name} is not plain text: it holds HTML")
        found.extend(f"its {name} holds what looks like {kind}"
                     for kind, pattern in PERSONAL.items() if pattern.search(grant[name]))
    return found


def regrant(grant: dict[str, Any]) -> list[str]:
    given = grant.get("regrantType")
    if given is None or given in codes("regrantType.csv"):
        return []
    return [f"its regrant type {given} is not in the Regrant Type codelist"]
