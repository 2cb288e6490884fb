"""The OpenAPI document held to what the API accepts: what marshmallow fields cannot say
alone, added; what apispec says too loosely, tightened."""

from __future__ import annotations

from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin, resolver
from apispec.ext.marshmallow.common import resolve_schema_cls
from marshmallow import Schema

from adapters import dossier_schema
from webapp.decisions.schemas import PublicationSchema

RULES_ACROSS_FIELDS: list[tuple[type[Schema], dict[str, Any]]] = [
    (PublicationSchema, {"anyOf": [{"required": ["for_publication"]},
                                   {"required": ["published_on"]}]}),
    (dossier_schema.OutcomeSchema, {"anyOf": [
        {"properties": {"result": {"enum": ["approved"]}}},
        {"required": ["reasons"], "properties": {"reasons": {"pattern": "[^ \t\r\n]"}}}]}),
    (dossier_schema.ActOnSchema, {"anyOf": [
        {"properties": {"action": {"enum": ["notice", "terminate"]}}},
        {"properties": {"action": {"enum": ["extend"]}, "period_end": {"type": "string"}},
         "required": ["period_end"]},
        {"properties": {"action": {"enum": ["vary"]}, "amount": {"type": "string"}},
         "required": ["amount"]}]}),
]
"""What a schema's fields cannot say alone, for the document to say it."""

NULL_ONLY = {"nullable": True, "enum": [None]}


def schema_name(schema: Any) -> str:
    """A component's name: the schema's, less "Schema"; the dossier format's own schemas
    prefixed "Dossier", so that none takes another's name."""
    name = resolver(schema)
    resolved = resolve_schema_cls(schema)
    schema_class = resolved[0] if isinstance(resolved, list) else resolved
    if schema_class.__module__ == dossier_schema.__name__ and name != "Dossier":
        return f"Dossier{name}"
    return name


def plugin() -> MarshmallowPlugin:
    return MarshmallowPlugin(schema_name_resolver=schema_name)
FINANCIAL_YEARS = [f"{year}-{(year + 1) % 100:02d}" for year in range(1900, 2199)]


def add_rules_across_fields(spec: APISpec) -> None:
    """Before the blueprints are registered, so that their schemas refer to these."""
    for schema, rules in RULES_ACROSS_FIELDS:
        spec.components.schema(schema_name(schema), rules, schema=schema)


def tighten_nullable_objects(spec: APISpec) -> None:
    """apispec writes a nested schema that may be null as "that schema, or any object that
    may be null" (OpenAPI 3.0 has no null type), which lets any object through; the second
    choice is null alone."""
    for component in spec.components.schemas.values():
        for value in component.get("properties", {}).values():
            tighten(value)


def tighten(value: dict[str, Any]) -> None:
    """Close what apispec leaves open: a choice of null, and the keys of amounts by year,
    which OpenAPI 3.0 can only bound by naming each one."""
    if value.pop("x-keyed-by", None) == "financial year":
        amount = value.pop("additionalProperties")
        value["properties"] = {year: amount for year in FINANCIAL_YEARS}
        value["additionalProperties"] = False
    choices = value.get("anyOf", [])
    for index, choice in enumerate(choices):
        if choice == {"type": "object", "nullable": True}:
            choices[index] = NULL_ONLY
