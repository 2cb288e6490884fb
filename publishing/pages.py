"""The register's pages, rendered from its templates: plain HTML and the register's own
stylesheet and script, nothing from elsewhere."""

from __future__ import annotations

import math
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from domain.money import Money
from publishing.content import Entry, Register, named, year_of
from readmodel.publication import AwardedGrant, PublishedDecision

ASSETS = ("style.css", "filter.js")
PAGE = 100
"""Decisions on a page of the served index (the written index lists them all)."""


def day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "not stated"


def awarded(grant: AwardedGrant) -> str:
    return f"{'up to ' if grant.up_to else ''}{Money(grant.awarded_pence)}"


def searched(decision: PublishedDecision) -> str:
    """What the page's own script searches a decision by, lower case."""
    return " ".join((decision.reference or "", decision.title, year_of(decision.decided_on),
                     decision.body)).lower()


@cache
def environment() -> Environment:
    """Made once, on first use: its templates are compiled once and kept."""
    env = Environment(loader=PackageLoader("publishing", "templates"),
                      autoescape=select_autoescape(["html"]), undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True)
    env.filters.update(day=day, year=year_of, named=named, awarded=awarded,
                       searched=searched)
    return env


class Pages:
    def __init__(self) -> None:
        self.env = environment()

    def render(self, template: str, register: Register, root: str, **values: Any) -> str:
        return self.env.get_template(template).render(register=register, root=root, **values)

    def index(self, register: Register, words: str = "", body: str = "",
              page: int | None = None) -> str:
        """Every decision found, or (where served) one page of them."""
        found = register.found(words)
        pages = max(1, math.ceil(len(found) / PAGE)) if page else 1
        shown = found[(page - 1) * PAGE:page * PAGE] if page else found

        def link(number: int) -> str:
            asked = {"q": words, "body": body, "page": str(number)}
            return "index.html?" + urlencode({k: v for k, v in asked.items() if v})

        return self.render("index.html", register, "", decisions=shown, found=len(found),
                           words=words, bodies=body, page=page or 1, pages=pages, link=link)

    def decision(self, register: Register, entry: Entry) -> str:
        return self.render("decision.html", register, "../", d=entry)

    def grants(self, register: Register, year: str) -> str | None:
        found = dict(register.grant_years()).get(year)
        if found is None:
            return None
        return self.render("grants.html", register, "../", year=year, grants=found)


def asset(name: str) -> bytes:
    return files("publishing").joinpath("static", name).read_bytes()
