"""Handlers per family of records, and the one table `Grantledger.handle` looks them up in."""

from __future__ import annotations

from typing import Any

from domain.handlers import bodies, decisions, funds, grants, programmes, publication, staff
from domain.handlers.handler import Handler

HANDLERS: dict[type[Any], Handler[Any]] = {
    **bodies.HANDLERS,
    **decisions.HANDLERS,
    **funds.HANDLERS,
    **programmes.HANDLERS,
    **grants.HANDLERS,
    **publication.HANDLERS,
    **staff.HANDLERS,
}
