"""Pages of ledger rows written straight to JSON, each row with exactly the fields its schema
documents: the rows are plain already, and dumping them through marshmallow would cost
several times what the query does."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import date
from functools import cache
from typing import Any

import orjson
from flask import Response
from marshmallow import Schema

from readmodel.rows import Listed

Plan = tuple[tuple[str, str, bool], ...]


def page(listed: Listed[Any], pagination: Any, schema: type[Schema],
         hidden: Callable[[Any], Collection[str]] = lambda _: ()) -> Response:
    """The rows, each without the fields `hidden` names for it."""
    pagination.item_count = listed.total
    return rows(listed.rows, schema, hidden)


def rows(found: Sequence[Any], schema: type[Schema],
         hidden: Callable[[Any], Collection[str]] = lambda _: ()) -> Response:
    body = [row(item, plan(item.__class__, schema), hidden(item)) for item in found]
    return Response(orjson.dumps(body), mimetype="application/json")


def row(item: Any, fields: Plan, hidden: Collection[str] = ()) -> dict[str, Any]:
    written = {}
    for shown, attribute, money in fields:
        if shown in hidden:
            continue
        value = getattr(item, attribute)
        if money:
            value = None if value is None else pounds(value)
        elif isinstance(value, date):
            value = value.isoformat()
        written[shown] = value
    return written


@cache
def plan(row_type: type, schema: type[Schema]) -> Plan:
    """For each field the schema documents: its name, the row's attribute holding it, and
    whether it is money (kept in pence as `<name>_pence`)."""
    attributes = set(row_type.__dataclass_fields__)  # type: ignore[attr-defined]
    found = []
    for name in schema().fields:
        if f"{name}_pence" in attributes:
            found.append((name, f"{name}_pence", True))
        elif name in attributes:
            found.append((name, name, False))
    return tuple(found)


def pounds(pence: int) -> str:
    """Pence as the API writes money: "765000.00"."""
    whole, part = divmod(abs(pence), 100)
    return f"{'-' if pence < 0 else ''}{whole}.{part:02d}"
