"""Every refusal as an RFC 9457 problem document: what went wrong, and for bad input, where."""

from __future__ import annotations

import http
import logging
from typing import Any

from flask import Flask, Response, jsonify
from flask_smorest import Api
from flask_smorest.utils import prepare_response
from marshmallow import Schema, fields
from werkzeug.exceptions import HTTPException, InternalServerError, MethodNotAllowed

from adapters.database import unavailable
from domain.errors import (
    ConcurrentChangeError,
    DecisionClosedError,
    DuplicateError,
    GrantledgerError,
    GrantStatusError,
    NotFoundError,
    PublicationError,
    SeparationOfDutiesError,
    StaleVersionError,
)

PROBLEM = "application/problem+json"
log = logging.getLogger(__name__)


class ProblemSchema(Schema):
    type = fields.String(metadata={"description": "A URI naming the kind of problem"})
    title = fields.String(required=True)
    status = fields.Integer(required=True)
    detail = fields.String()
    errors = fields.Dict(
        metadata={"description": "Per field (and location) messages, for bad input"}
    )
    current_version = fields.Integer(
        metadata={"description": "With 412: the version the record is now at"}
    )


class ProblemApi(Api):  # type: ignore[misc]
    """flask-smorest with problem documents in place of its own error bodies."""

    ERROR_SCHEMA = ProblemSchema

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if not (100 <= status < 200) and status not in (204, 304):
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "A problem document", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)

    def handle_http_exception(self, error: HTTPException) -> Response:
        data = getattr(error, "data", None) or {}
        errors = data.get("errors") or data.get("messages")
        detail = data.get("message") or error.description or ""
        if errors and error.code in (400, 422):
            detail = "The request has errors in the fields listed; nothing was recorded."
        if isinstance(error, InternalServerError):
            detail = "Something went wrong on the server; nothing more is said here."
        response = problem(error.code or 500, detail, errors=errors)
        response.headers.update(data.get("headers") or {})
        if isinstance(error, MethodNotAllowed) and error.valid_methods:
            response.headers["Allow"] = ", ".join(sorted(error.valid_methods))
        return response


def problem(status: int, detail: str, **extra: Any) -> Response:
    document = {
        "type": "about:blank",
        "title": http.HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **{k: v for k, v in extra.items() if v is not None},
    }
    response = jsonify(document)
    response.status_code = status
    response.mimetype = PROBLEM
    return response


def status_of(error: GrantledgerError) -> int:
    if isinstance(error, NotFoundError):
        return 404
    if isinstance(error, StaleVersionError):
        return 412
    if isinstance(error, SeparationOfDutiesError):
        return 403
    conflicts = (
        ConcurrentChangeError,
        DuplicateError,
        DecisionClosedError,
        GrantStatusError,
        PublicationError,
    )
    return 409 if isinstance(error, conflicts) else 422


def domain_refusal(error: GrantledgerError) -> Response:
    status = status_of(error)
    if isinstance(error, StaleVersionError):
        response = problem(status, str(error), current_version=error.current)
        response.headers["ETag"] = etag(error.current)
        return response
    return problem(status, str(error))


RETRY_AFTER_SECONDS = 5


def unexpected(error: Exception) -> Response:
    if unavailable(error):
        log.warning("The store is out of reach: %s", str(error).splitlines()[0] if str(error)
                    else type(error).__name__)
        response = problem(503, "The store is out of reach just now. Try again shortly; a "
                           "command retried with the same Idempotency-Key is recorded once.")
        response.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    log.exception("Unexpected error", exc_info=error)
    return problem(500, "Something went wrong on the server; nothing more is said here.")


def etag(version: int) -> str:
    return f'"{version}"'


def install(app: Flask) -> None:
    app.register_error_handler(GrantledgerError, domain_refusal)
    app.register_error_handler(Exception, unexpected)
