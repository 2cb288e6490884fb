"""The 360Giving Data Standard as shipped beside this module (standard/NOTICE.md): its schemas,
resolved locally and never over the network, and the codelists the export draws on."""

from __future__ import annotations

import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

FOLDER = Path(__file__).with_name("standard")
GRANT_SCHEMA = FOLDER / "schema" / "360-giving-schema.json"
PACKAGE_SCHEMA = FOLDER / "schema" / "360-giving-package-schema.json"
VERSION = "1.4"


def document(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


@cache
def grant_schema() -> dict[str, Any]:
    return document(GRANT_SCHEMA)


@cache
def package_schema() -> dict[str, Any]:
    return document(PACKAGE_SCHEMA)


@cache
def registry() -> Registry:
    """The grant schema under its own address and under the one the package schema refers
    to; the schemas' `$schema` is one `referencing` does not recognise, so it is named."""
    grant = DRAFT202012.create_resource(grant_schema())
    package = DRAFT202012.create_resource(package_schema())
    referred = package_schema()["properties"]["grants"]["items"]["$ref"]
    return Registry().with_resources([
        (grant_schema()["$id"], grant), (referred, grant), (package_schema()["$id"], package)])


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    """Dates are `oneOf` a pattern and `format: date-time`: without the format checked, a
    plain date matches both and fails."""
    return Draft202012Validator(schema, registry=registry(),
                                format_checker=Draft202012Validator.FORMAT_CHECKER)


@cache
def grant_validator() -> Draft202012Validator:
    return validator(grant_schema())


@cache
def package_validator() -> Draft202012Validator:
    return validator(package_schema())


@cache
def codes(codelist: str) -> frozenset[str]:
    with (FOLDER / "codelists" / codelist).open(encoding="utf-8", newline="") as rows:
        return frozenset(row["Code"] for row in csv.DictReader(rows))
