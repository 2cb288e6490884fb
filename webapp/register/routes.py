"""The public register under /register/: no sign-in, and nothing but what is published."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import Blueprint, Response, abort, current_app, request

from adapters.giving360.export import rendered
from domain.errors import GrantledgerError
from domain.financial_year import FinancialYear
from publishing import files
from publishing.content import Register, gather, outline, published_part1
from publishing.pages import ASSETS, Pages, asset
from webapp.exports.routes import SETTINGS
from webapp.runtime import runtime

blueprint = Blueprint("register", __name__, url_prefix="/register")
TYPES = {"html": "text/html; charset=utf-8", "json": "application/json",
         "csv": "text/csv; charset=utf-8", "xml": "application/atom+xml; charset=utf-8",
         "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8"}


def asked_body() -> str:
    return request.args.get("body", "")[:300]


def register() -> Register:
    """The register whole, of the body asked for (of every body if none), at the last
    anchor: for the files, which hold it all."""
    system = runtime()
    return gather(system.ledgers, asked_body(), head=system.anchors.latest())


def page_of(**shown: Any) -> Register:
    """What one page shows, and no more."""
    system = runtime()
    return outline(system.ledgers, asked_body(), system.anchors.latest(), **shown)


def answer(body: str | bytes, kind: str) -> Response:
    response = Response(body, content_type=TYPES[kind])
    response.headers["Cache-Control"] = "public, max-age=60"
    response.headers["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.get("/")
@blueprint.get("/index.html")
def index() -> Response:
    words = request.args.get("q", "")[:300]
    number = request.args.get("page", "1")
    page = int(number) if number.isdigit() and 0 < int(number) < 10**6 else 1
    return answer(Pages().index(page_of(), words, asked_body(), page), "html")


@blueprint.get("/decisions/<uuid:decision_id>.html")
def decision(decision_id: UUID) -> Response:
    system = runtime()
    entry = published_part1(system.ledgers, system.app.decision, decision_id)
    if entry is None:
        abort(404, "No published decision has this address.")
    return answer(Pages().decision(page_of(decisions=False), entry), "html")


@blueprint.get("/grants/<year>.html")
def grants(year: str) -> Response:
    try:
        financial_year = FinancialYear.parse(year)
    except GrantledgerError:
        abort(404, "No grant was published for this year.")
    page = Pages().grants(page_of(decisions=False, year=financial_year), year) \
        if year == str(financial_year) else None
    if page is None:
        abort(404, "No grant was published for this year.")
    return answer(page, "html")


@blueprint.get("/register.json")
def register_json() -> Response:
    return answer(files.as_json(register()), "json")


@blueprint.get("/register.csv")
def register_csv() -> Response:
    return answer(files.decisions_csv(register()), "csv")


@blueprint.get("/grants.csv")
def grants_csv() -> Response:
    return answer(files.grants_csv(register()), "csv")


@blueprint.get("/360giving.json")
def giving360() -> Response:
    made = files.open_data(register(), runtime().today(), current_app.config[SETTINGS])
    if made is None:
        abort(404, "No grant on the register can be given as 360Giving data.")
    return answer(rendered(made.package, "json"), "json")


@blueprint.get("/feed.xml")
def feed() -> Response:
    return answer(files.feed(register(), request.url_root.rstrip("/") + "/register/"), "xml")


@blueprint.get("/<any(" + ", ".join(f'"{name}"' for name in ASSETS) + "):name>")
def static_asset(name: str) -> Response:
    return answer(asset(name), name.rsplit(".", 1)[1])
