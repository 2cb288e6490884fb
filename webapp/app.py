"""The composition root of the web application: everything is built here, from config."""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

import swagger_ui_bundle
from flask import Blueprint, Flask, Response, request, send_from_directory

from adapters.fields import FinancialYearField, MoneyField, NamedEnum
from adapters.giving360 import export
from adapters.settings import database_url, lease_seconds
from grantledger import bootstrap
from webapp import (
    bodies,
    charts,
    decisions,
    document,
    dossiers,
    exports,
    funds,
    grants,
    ledgers,
    limits,
    problems,
    programmes,
    public,
)
from webapp.access import authenticate
from webapp.dashboard.routes import blueprint as dashboard_pages
from webapp.register.routes import blueprint as register_pages
from webapp.runtime import EXTENSION

DOCS_ASSETS = "/api/docs/assets/"
STAFF_BLUEPRINTS = (decisions.blp, grants.blp, programmes.blp, funds.blp, ledgers.blp,
                    dossiers.blp, bodies.blp, exports.blp, charts.blp)


def defaults(environ: Mapping[str, str]) -> dict[str, Any]:
    return {
        "DATABASE_URL": database_url(environ),
        "TODAY": None,
        "CREATE_SCHEMA": True,
        "IDEMPOTENCY_LEASE_SECONDS": lease_seconds(environ),
        exports.SETTINGS: export.settings(environ),
        "API_TITLE": "Grantledger",
        "API_VERSION": "1",
        "OPENAPI_VERSION": "3.0.3",
        "OPENAPI_URL_PREFIX": "/api",
        "OPENAPI_JSON_PATH": "openapi.json",
        "OPENAPI_SWAGGER_UI_PATH": "docs",
        "OPENAPI_SWAGGER_UI_URL": DOCS_ASSETS,
        "API_SPEC_OPTIONS": {
            "info": {"description": "Decisions, grants, programmes and funds of UK public "
                     "funders. Money is pounds as a string with two decimals."},
            "components": {"securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
            "security": [{"bearer": []}],
        },
        "JSON_SORT_KEYS": False,
        "SECRET_KEY": environ.get("GRANTLEDGER_SECRET_KEY") or None,
        "SESSION_COOKIE_NAME": "grantledger_session",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Strict",
        "SESSION_COOKIE_SECURE": environ.get("GRANTLEDGER_SECURE_COOKIES", "") == "true",
        "MAX_CONTENT_LENGTH": 2 * 1024 * 1024,
    }


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the application. `DATABASE_URL` chooses the store (default: the
    GRANTLEDGER_DATABASE_URL environment variable, else the embedded SQLite file);
    `TODAY`, a callable, fixes what 'today' is; `CREATE_SCHEMA` false leaves the store's
    tables to whoever started the server; `IDEMPOTENCY_LEASE_SECONDS` is how long a request
    holds its Idempotency-Key before a retry may take it over; `GIVING360`, the 360Giving
    export's settings (adapters.giving360.export.Settings)."""
    app = Flask("grantledger")
    app.config.update(defaults(os.environ))
    app.config.update(config or {})
    app.extensions[EXTENSION] = bootstrap.build(
        app.config["DATABASE_URL"], app.config["TODAY"],
        create_schema=app.config["CREATE_SCHEMA"],
        lease_seconds=app.config["IDEMPOTENCY_LEASE_SECONDS"])
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = app.extensions[EXTENSION].session_key()
    api = problems.ProblemApi(app, spec_kwargs={"marshmallow_plugin": document.plugin()})
    document.add_rules_across_fields(api.spec)
    api.register_field(MoneyField, "string", None)
    api.register_field(FinancialYearField, "string", None)
    api.register_field(NamedEnum, "string", None)
    problems.install(app)
    staff = {blueprint.name for blueprint in STAFF_BLUEPRINTS}

    api_blueprints = staff | {public.blp.name}

    @app.before_request
    def staff_only() -> None:
        if request.blueprint in staff:
            authenticate()

    @app.before_request
    def within_bounds() -> None:
        if request.blueprint in api_blueprints:
            limits.only_documented_query()
            limits.json_within_bounds()

    for blueprint in STAFF_BLUEPRINTS:
        api.register_blueprint(blueprint)
    api.register_blueprint(public.blp)
    document.tighten_nullable_objects(api.spec)
    app.register_blueprint(docs_assets())
    app.register_blueprint(register_pages)
    app.register_blueprint(dashboard_pages)
    return app


def docs_assets() -> Blueprint:
    """Swagger UI's files, served from the installed package rather than a CDN."""
    blueprint = Blueprint("docs_assets", __name__)

    @blueprint.route(f"{DOCS_ASSETS}<path:filename>")
    def asset(filename: str) -> Response:
        return send_from_directory(swagger_ui_bundle.swagger_ui_path, filename)

    return blueprint


