"""Bounds on what a request may carry that no field schema sees: how deeply its JSON nests."""

from __future__ import annotations

import json
from typing import Any

from flask import request

from webapp.access import abort

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
