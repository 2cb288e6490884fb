"""Programmes: registered, with sites, pledges from their funders, targets and outcomes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.commands import (
    AddProgrammeSite,
    Issuer,
    RecordPledge,
    RegisterProgramme,
    ReportProgrammeOutcome,
    SetProgrammeTarget,
)
from domain.programme import Programme

if TYPE_CHECKING:
    from domain.application import Grantledger


def register(books: Grantledger, c: RegisterProgramme, by: Issuer) -> UUID:
    if c.registered_by.strip():
        books.body_named(c.registered_by)
    programme = Programme.register(
        actor=by.name,
        business_date=by.day(c.on),
        name=c.name,
        lead_body=c.lead_body,
        delivery_partners=list(c.delivery_partners),
        description=c.description,
        registered_by=c.registered_by,
    )
    books.save_new(programme, f"Programme {c.name} already exists")
    return programme.id


def add_site(books: Grantledger, c: AddProgrammeSite, by: Issuer) -> UUID:
    programme = books.programme(c.programme_id)
    programme.add_site(by.name, by.day(c.on), c.site, c.host_body)
    return books.saved(programme)


def record_pledge(books: Grantledger, c: RecordPledge, by: Issuer) -> UUID:
    programme = books.programme(c.programme_id)
    programme.record_pledge(by.name, by.day(c.on), c.pledge, c.decision_reference)
    return books.saved(programme)


def set_target(books: Grantledger, c: SetProgrammeTarget, by: Issuer) -> UUID:
    programme = books.programme(c.programme_id)
    programme.set_target(by.name, by.day(c.on), c.target)
    return books.saved(programme)


def report_outcome(books: Grantledger, c: ReportProgrammeOutcome, by: Issuer) -> UUID:
    programme = books.programme(c.programme_id)
    programme.report_outcome(by.name, by.day(c.on), c.outcome)
    return books.saved(programme)


HANDLERS: dict[type[Any], Any] = {
    RegisterProgramme: register,
    AddProgrammeSite: add_site,
    RecordPledge: record_pledge,
    SetProgrammeTarget: set_target,
    ReportProgrammeOutcome: report_outcome,
}
