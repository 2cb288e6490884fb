"""What every command shares: idempotency keys, If-Match and an ETag on the answer."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from contextlib import suppress
from functools import wraps
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate
from flask import Response, after_this_request, request

from adapters.idempotency import Outcome, StoredResponse, Version
from webapp.access import abort, current_user
from webapp.problems import etag
from webapp.runtime import runtime

F = TypeVar("F", bound=Callable[..., Any])

KEY_HEADER = "Idempotency-Key"
KEPT_HEADERS = ("Content-Type", "ETag", "Location")

IDEMPOTENCY_KEY = {
    "in": "header",
    "name": KEY_HEADER,
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 200},
    "description": "Retrying with the same key and body returns the first answer and records "
    "nothing new; the same key with another body is refused.",
}
IF_MATCH = {
    "in": "header",
    "name": "If-Match",
    "required": False,
    "schema": {"type": "string"},
    "description": "The ETag (version) the command was prepared against; if the record has "
    "changed since, 412 with its current version.",
}
COMMAND_HEADERS = {"parameters": [IDEMPOTENCY_KEY, IF_MATCH]}
ETAG_HEADER = {"ETag": {"description": "The record's version", "schema": {"type": "string"}}}


def leads_to(collection: str, parameter: str, *actions: str) -> dict[str, Any]:
    """OpenAPI links from a record just created to what may be done with it next: reading
    it, and the commands on it (`actions`, the last part of their paths)."""
    one = f"{collection}/{{{parameter}}}"
    targets = {"read": (one, "get")} | {
        action.replace("/", "_"): (f"{one}/{action}", "post") for action in actions}
    links = {
        name: {"operationRef": f"#/paths/{path.replace('~', '~0').replace('/', '~1')}/{method}",
               "parameters": {parameter: "$response.body#/id"}}
        for name, (path, method) in targets.items()
    }
    return {"responses": {201: {"links": links}}}


def idempotent(view: F | None = None, *, repeatable: bool = False) -> Any:
    """Answer a retried command from its first outcome. It sits under the response's schema:
    an answer is kept as it was sent, and one whose sending was cut short (the server stopped
    after recording) is rendered again from the records at the versions the command left them.
    `repeatable` commands, which record nothing the second time, simply run again then."""
    if view is None:
        return lambda v: idempotent(v, repeatable=repeatable)

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        given = request.headers.get(KEY_HEADER)
        if given is None:
            return view(*args, **kwargs)
        key = given.strip()
        if not key or len(given) > 200:
            abort(400, f"{KEY_HEADER}, if given, is 1 to 200 characters and not blank")
        owner, keys = current_user().name, runtime().keys
        claim = keys.claim(owner, key, fingerprint())
        if claim.outcome is Outcome.MISMATCH:
            abort(422, f"This {KEY_HEADER} was used for a different request; nothing was recorded")
        if claim.outcome is Outcome.IN_PROGRESS:
            abort(409, f"A request with this {KEY_HEADER} is still being answered; retry shortly",
                  headers={"Retry-After": str(claim.retry_after)})
        if claim.response is not None:
            return replayed(claim.response)
        token = claim.token

        @after_this_request
        def keep(response: Response) -> Response:
            if 200 <= response.status_code < 300:
                keys.complete(owner, key, token, stored(response))
            elif token:
                keys.release(owner, key, token)
            return response

        if claim.outcome is Outcome.RECORDED and not repeatable:
            return answered_from(claim.recorded, kwargs)
        with keys.holding(owner, key, token):
            return view(*args, **kwargs)

    return wrapper


def answered_from(recorded: tuple[Version, ...], arguments: dict[str, Any]) -> Any:
    """The answer to a command recorded but never sent: the record it changed (the one the
    path names) or created, as the command left it."""
    named = [value for value in arguments.values() if isinstance(value, UUID)]
    versions = {v.record_id: v for v in recorded}
    if named:
        subject_id, status, headers = named[0], 200, {}
    else:
        subject_id = next(v.record_id for v in recorded if v.created)
        status, headers = 201, {"Location": f"{request.path}/{subject_id}"}
    version = versions[subject_id].last if subject_id in versions else None
    record: Aggregate = runtime().app.repository.get(subject_id, version=version)
    return tagged(record, status, **headers, **{"Idempotent-Replayed": "true"})


def fingerprint() -> str:
    body = request.get_data()
    with suppress(ValueError):
        body = json.dumps(json.loads(body), sort_keys=True).encode()
    parts = [request.method.encode(), request.path.encode(), body]
    return hashlib.sha256(b"\n".join(parts)).hexdigest()


def stored(response: Response) -> StoredResponse:
    headers = {h: response.headers[h] for h in KEPT_HEADERS if h in response.headers}
    return StoredResponse(response.status_code, response.get_data(as_text=True), headers)


def replayed(answer: StoredResponse) -> Response:
    response = Response(answer.body, status=answer.status, headers=answer.headers)
    response.headers["Idempotent-Replayed"] = "true"
    return response


def expected_version() -> int | None:
    header = request.headers.get("If-Match", "").strip()
    if not header or header == "*":
        return None
    tag = header.split(",")[0].strip().removeprefix("W/").strip('"')
    return int(tag) if tag.isdigit() and len(tag) < 12 else -1


def changed(load: Callable[[UUID], Aggregate], record_id: UUID,
            command: Callable[[], object]) -> Any:
    """Run a command on a record the user may change (`load` refuses the rest), against the
    version If-Match gives, and answer with the record as it now is."""
    load(record_id)
    with runtime().app.expecting(record_id, expected_version()):
        command()
    return tagged(load(record_id))


def tagged(record: Aggregate, status: int = 200, **headers: str) -> Any:
    return record, status, {"ETag": etag(record.version), **headers}


def created(record: Aggregate, collection: str) -> Any:
    return tagged(record, 201, Location=f"{collection}/{record.id}")
