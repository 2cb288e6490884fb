"""The register of bodies: every body a command names is in it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.body import Body
from domain.commands import Issuer, RegisterBody

if TYPE_CHECKING:
    from domain.application import Grantledger


def register(books: Grantledger, c: RegisterBody, by: Issuer) -> UUID:
    on = by.day(c.on)
    predecessor = books.body_named(c.predecessor) if c.predecessor.strip() else None
    body = Body.register(actor=by.name, business_date=on, name=c.name.strip(), kind=c.kind,
                         predecessor=predecessor.name if predecessor else "")
    if predecessor is not None:
        predecessor.succeeded_by(by.name, on, body.name)
        books.save_changes(predecessor)
    books.save_new(body, f"{c.name} is already in the register of bodies")
    return body.id


HANDLERS: dict[type[Any], Any] = {RegisterBody: register}
