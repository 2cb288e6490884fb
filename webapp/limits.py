"""Bounds on what a request may carry that no field schema sees: how deeply its JSON nests."""

from __future__ import annotations

import json
from typing import Any

from flask import current_app, request

from webapp.access import abort
from webapp.blueprint import documented_query

MAX_DEPTH = 32


def depth(document: Any) -> int:
    deepest, pending = 0, [(document, 1)]
    while pending:
        value, level = pending.pop()
        if isinstance(value, dict | list):
            deepest = max(deepest, level)
            children = value.values() if isinstance(value, dict) else value
            pending.extend((child, level + 1) for child in children)
    return deepest


def only_documented_query() -> None:
    """Refuse query parameters the operation's document does not give, rather than ignore
    them: a misspelt filter would otherwise return everything."""
    if not request.args or request.endpoint is None:
        return
    view = current_app.view_functions.get(request.endpoint)
    view_class = getattr(view, "view_class", None)
    handler = getattr(view_class, request.method.lower(), None) if view_class else view
    unknown = sorted(set(request.args) - documented_query(handler))
    if unknown:
        abort(422, "The request has errors in the fields listed; nothing was recorded.",
              errors={"query": {name: ["Unknown field."] for name in unknown}})


def json_within_bounds() -> None:
    """Refuse, before any schema reads it, a JSON body nested deeper than MAX_DEPTH levels
    (the parser would otherwise give up with a recursion error, a 500)."""
    if not request.is_json:
        return
    body = request.get_data(cache=True)
    try:
        document = json.loads(body) if body else None
    except RecursionError:
        abort(400, f"The JSON body is nested more than {MAX_DEPTH} levels deep")
    except ValueError:
        return
    if depth(document) > MAX_DEPTH:
        abort(400, f"The JSON body is nested more than {MAX_DEPTH} levels deep")
