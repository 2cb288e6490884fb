"""Publication: a decision's redaction carried out before it is signed off, and grants put on
the register with the facts it must give of them (SI 2011/3050, para 3(f))."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.commands import CarryOutRedaction, Issuer, PublishGrant, StateGrantPublicationFacts

if TYPE_CHECKING:
    from domain.application import Grantledger


def carry_out_redaction(books: Grantledger, c: CarryOutRedaction, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.carry_out_redaction(by.name, by.day(c.on))
    return books.saved(decision)


def state_facts(books: Grantledger, c: StateGrantPublicationFacts, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    grant.state_publication_facts(by.name, by.day(c.on), c.conditions,
                                  c.crime_reduction_reasons, c.purpose)
    return books.saved(grant)


def publish_grant(books: Grantledger, c: PublishGrant, by: Issuer) -> UUID:
    """Publication is measured against the server's clock, never a date the client gave."""
    grant = books.grant(c.grant_id)
    grant.publish(by.name, by.day(c.on if c.date_stated else None), by.today, c.url,
                  c.date_stated)
    return books.saved(grant)


HANDLERS: dict[type[Any], Any] = {
    CarryOutRedaction: carry_out_redaction,
    StateGrantPublicationFacts: state_facts,
    PublishGrant: publish_grant,
}
