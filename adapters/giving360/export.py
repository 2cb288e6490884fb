"""The export: the grants awarded, each valid one in the package, each other named with why."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from adapters.giving360 import package, spreadsheet, validation
from adapters.giving360.identifiers import Identifiers
from adapters.settings import (
    GIVING360_LICENSE,
    GIVING360_ORGANISATIONS,
    GIVING360_PREFIX,
)
from readmodel.model import ReadModel
from readmodel.publication import AwardedGrant


@dataclass(frozen=True)
class Settings:
    identifiers: Identifiers
    license: str = package.OGL


def settings(environ: Mapping[str, str] = os.environ) -> Settings:
    organisations = environ.get(GIVING360_ORGANISATIONS, "").strip()
    return Settings(Identifiers.load(Path(organisations) if organisations else None,
                                     environ.get(GIVING360_PREFIX, "")),
                    environ.get(GIVING360_LICENSE, "").strip() or package.OGL)


@dataclass(frozen=True)
class Excluded:
    grant_id: str
    body: str
    title: str
    reasons: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.body}: grant '{self.title}' ({self.grant_id}) left out: " \
               + "; ".join(self.reasons)


@dataclass(frozen=True)
class Export:
    package: dict[str, Any]
    excluded: tuple[Excluded, ...]


class NothingToExportError(Exception):
    pass


def export(awarded: list[AwardedGrant], chosen: Settings, issued: date, asked: Asked) -> Export:
    """Refused when no grant can go out: a package holds at least one."""
    grants, bodies, excluded = [], set(), []
    for each in awarded:
        given = package.grant(each, chosen.identifiers)
        reasons = (validation.quality_problems(given, issued)
                   + validation.schema_problems(given))
        if reasons:
            excluded.append(Excluded(each.grant_id, each.body, each.title, tuple(reasons)))
        else:
            grants.append(given)
            bodies.add(each.body)
    if not grants:
        raise NothingToExportError(
            f"No grant {asked} can be exported"
            + (f": {len(excluded)} left out" if excluded else ""))
    document = package.package(grants, publisher_of(bodies, chosen), issued, asked.period)
    if problems := validation.package_problems(document):
        raise AssertionError(f"The package is not valid: {'; '.join(problems)}")
    return Export(document, tuple(excluded))


def publisher_of(bodies: set[str], chosen: Settings) -> package.Publisher:
    """The body whose grants they are; where several, each by name, with no identifier."""
    name = ", ".join(sorted(bodies))
    identifier = chosen.identifiers.organisation(name, name) if len(bodies) == 1 else ""
    return package.Publisher(name, identifier, chosen.license)


@dataclass(frozen=True)
class Asked:
    """Which grants: the body's (or every body's), awarded between the days, on the register
    only unless every one awarded."""

    body: str = ""
    first: date | None = None
    last: date | None = None
    published_only: bool = True

    def __str__(self) -> str:
        return (("on the register " if self.published_only else "")
                + "awarded" + (f" by {self.body}" if self.body else "") + self.period)

    @property
    def period(self) -> str:
        return ((f" from {self.first.isoformat()}" if self.first else "")
                + (f" to {self.last.isoformat()}" if self.last else ""))

    def awarded(self, ledgers: ReadModel) -> list[AwardedGrant]:
        return ledgers.awarded(self.body, self.first, self.last, self.published_only)


FORMS = {
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}
"""Each form the package is given in, with its media type."""


def rendered(document: dict[str, Any], form: str) -> bytes:
    if form == "xlsx":
        return spreadsheet.xlsx(document)
    if form == "csv":
        return spreadsheet.csv_text(document).encode("utf-8")
    return package.dumps(document).encode("utf-8")
