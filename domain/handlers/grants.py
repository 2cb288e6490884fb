"""Grants: proposed under a decision, approved against its authority and their fund, agreed,
paid, varied, given notice, ended and closed. Every rule a command must meet is checked
before any of its records changes."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain import identity
from domain.commands import (
    ApproveGrant,
    CloseGrant,
    ExtendGrant,
    GiveNotice,
    Issuer,
    PayTranche,
    ProposeGrant,
    RecordRepayment,
    Share,
    SignGrantAgreement,
    TerminateGrant,
    VaryGrant,
)
from domain.decision import Decision
from domain.errors import GrantError
from domain.fund import Fund
from domain.grant import Grant
from domain.identity import normal
from domain.money import Money
from domain.values import Authority, GrantStatus

if TYPE_CHECKING:
    from domain.application import Grantledger


def propose(books: Grantledger, c: ProposeGrant, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    authorities = [authority(books, decision, share) for share in c.authorised_by]
    if c.fund:
        books.fund(identity.fund_id(decision.body, c.fund))
    if c.programme:
        books.programme(identity.programme_id(c.programme))
    grant = Grant.propose(
        actor=by.name,
        business_date=by.day(c.on),
        decision_id=decision.id,
        decision_reference=decision.reference,
        body=decision.body,
        title=c.title,
        recipient=c.recipient,
        partners=list(c.partners),
        programme=c.programme,
        purpose=c.purpose,
        amount=c.amount,
        up_to=c.up_to,
        period_start=c.period_start,
        period_end=c.period_end,
        profile=list(c.profile),
        contributions=list(c.contributions),
        fund=c.fund,
        notice_months=c.notice_months,
        notice_days=c.notice_days,
        regrants=c.regrants,
        authorities=authorities,
    )
    if c.conditions.strip() or c.crime_reduction_reasons.strip():
        grant.state_publication_facts(by.name, by.day(c.on), c.conditions,
                                      c.crime_reduction_reasons)
    books.save_new(grant, None)
    return grant.id


def authority(books: Grantledger, decision: Decision, share: Share) -> Authority:
    """A decision of the same body authorising part of a grant."""
    other = books.decision(share.decision_id)
    if normal(other.body) != normal(decision.body):
        raise GrantError(f"{other.label} cannot authorise a grant of {decision.body}")
    return Authority(other.id, other.reference, share.amount)


def approve(books: Grantledger, c: ApproveGrant, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on = by.day(c.on)
    grant.check_can_approve()
    drawings = [(books.decision(d), amount) for d, amount in grant.drawings]
    for decision, amount in drawings:
        if decision.decided_on and on < decision.decided_on:
            raise GrantError(
                f"Grant '{grant.title}' cannot be approved on {on.isoformat()}, before "
                f"{decision.label} was approved on {decision.decided_on.isoformat()}"
            )
        decision.authorisation_for(grant.recipient, amount, excluding=grant.id)
    fund = books.fund_of(grant)
    lines = grant.fund_lines(fund.funder) if fund else []
    if fund is not None:
        fund.check_commitment(grant.id, grant.title, lines, c.override_reason)
    grant.approve(by.name, on)
    for decision, amount in drawings:
        decision.draw_authority(by.name, on, grant.id, grant.recipient, amount)
    if fund is not None:
        fund.commit(by.name, on, grant.id, grant.title, lines, c.override_reason)
    books.save_changes(grant, *(decision for decision, _ in drawings), fund)
    return grant.id


def sign_agreement(books: Grantledger, c: SignGrantAgreement, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    grant.sign_agreement(by.name, by.day(c.on))
    return books.saved(grant)


def pay(books: Grantledger, c: PayTranche, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on = moved_on(c.on, by)
    grant.pay_tranche(by.name, on, c.amount, c.reference, separate_duties=not by.transcribing)
    books.save_changes(grant, settled(books, grant, by.name, on))
    return grant.id


def repay(books: Grantledger, c: RecordRepayment, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on = moved_on(c.on, by)
    grant.record_repayment(by.name, on, c.amount, c.reason)
    books.save_changes(grant, settled(books, grant, by.name, on))
    return grant.id


def settled(books: Grantledger, grant: Grant, actor: str, on: date) -> Fund | None:
    """Once a grant is terminated its fund carries what was paid and not repaid, so money
    moving then moves the fund's commitment too."""
    if grant.status is not GrantStatus.TERMINATED:
        return None
    return recharged(books, grant, actor, on)


def moved_on(on: date | None, by: Issuer) -> date:
    """The date money was paid or paid back: it has happened, so not after today by the
    server's clock (a transcript says when it happened)."""
    when = by.day(on)
    if when > by.today and not by.transcribing:
        raise GrantError(f"Money is recorded as moved on {when.isoformat()}, a date still to "
                         f"come: it must be today ({by.today.isoformat()}) or earlier")
    return when


def vary(books: Grantledger, c: VaryGrant, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on, profile = by.day(c.on), list(c.profile)
    live = grant.status is not GrantStatus.PROPOSED
    grant.check_variation(c.amount, profile, c.reason)
    further = books.decision(c.under_decision_id) if c.under_decision_id else None
    if live and c.amount > grant.amount and further is None:
        raise GrantError(
            f"Grant '{grant.title}' cannot rise from {grant.amount} to {c.amount}: the "
            "increase needs a further approved decision"
        )
    fund = books.fund_of(grant) if live else None
    lines = grant.fund_lines(fund.funder, profile) if fund else []
    if fund is not None:
        fund.check_commitment(grant.id, grant.title, lines, c.override_reason)
    drawn = redraw_authority(books, grant, by.name, on, c.amount, further) if live else []
    grant.vary(by.name, on, c.amount, profile, c.reason,
               further.named if further else "")
    if fund is not None:
        fund.commit(by.name, on, grant.id, grant.title, lines, c.override_reason)
    books.save_changes(grant, *drawn, fund)
    return grant.id


def redraw_authority(books: Grantledger, grant: Grant, actor: str, on: date, new_amount: Money,
                     further: Decision | None) -> list[Decision]:
    """A reduction gives authority back, the decisions drawn on last first; an increase draws
    the difference on the further decision (checked before either changes)."""
    if new_amount > grant.amount:
        assert further is not None
        already = further.drawn_for(grant.id)
        wanted = already + new_amount - grant.amount
        further.authorisation_for(grant.recipient, wanted, excluding=grant.id)
        further.draw_authority(actor, on, grant.id, grant.recipient, wanted)
        return [further]
    drawn_on = [books.decision(d) for d, _ in grant.drawings]
    if further is not None and further.id not in {d.id for d in drawn_on}:
        drawn_on.append(further)
    give_back, changed = grant.amount - new_amount, []
    for decision in reversed(drawn_on):
        drawn = decision.drawn_for(grant.id)
        if give_back.pence <= 0 or drawn.pence <= 0:
            continue
        kept = drawn - min(drawn, give_back)
        give_back -= drawn - kept
        if kept.pence > 0:
            decision.draw_authority(actor, on, grant.id, grant.recipient, kept)
        else:
            decision.release_authority(actor, on, grant.id)
        changed.append(decision)
    return changed


def extend(books: Grantledger, c: ExtendGrant, by: Issuer) -> UUID:
    """The same grant runs on: an extended period is never a second grant."""
    grant = books.grant(c.grant_id)
    further = books.decision(c.under_decision_id)
    if normal(further.body) != normal(grant.body):
        raise GrantError(f"{further.label} cannot extend a grant of {grant.body}")
    on, added = by.day(c.on), list(c.added)
    amount, profile = grant.extension(c.period_end, added)
    live = grant.status is not GrantStatus.PROPOSED and amount != grant.amount
    fund = books.fund_of(grant) if grant.status is not GrantStatus.PROPOSED else None
    lines = grant.fund_lines(fund.funder, profile) if fund else []
    if fund is not None:
        fund.check_commitment(grant.id, grant.title, lines, c.override_reason)
    drawn = redraw_authority(books, grant, by.name, on, amount, further) if live else []
    grant.extend(by.name, on, c.period_end, added, c.reason, further.named)
    if fund is not None:
        fund.commit(by.name, on, grant.id, grant.title, grant.fund_lines(fund.funder),
                    c.override_reason)
    books.save_changes(grant, *drawn, fund)
    return grant.id


def give_notice(books: Grantledger, c: GiveNotice, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on = by.day(c.on)
    under = books.decision(c.under_decision_id).named if c.under_decision_id else ""
    grant.give_notice(by.name, on, c.reason, c.notice_months, c.notice_days, under)
    books.save_changes(grant, recharged(books, grant, by.name, on))
    return grant.id


def terminate(books: Grantledger, c: TerminateGrant, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on = by.day(c.on)
    under = books.decision(c.under_decision_id).named if c.under_decision_id else ""
    grant.terminate(by.name, on, c.reason, c.still_payable, under)
    books.save_changes(grant, recharged(books, grant, by.name, on))
    return grant.id


def close(books: Grantledger, c: CloseGrant, by: Issuer) -> UUID:
    grant = books.grant(c.grant_id)
    on = by.day(c.on)
    grant.close(by.name, on, c.reason)
    override = f"Grant '{grant.title}' closed: commitment is what was paid"
    books.save_changes(grant, recharged(books, grant, by.name, on, override))
    return grant.id


def recharged(books: Grantledger, grant: Grant, actor: str, on: date,
              override_reason: str = "") -> Fund | None:
    """The grant's fund, carrying what the grant now commits of it (nothing, if nothing)."""
    fund = books.fund_of(grant)
    if fund is None:
        return None
    lines = grant.fund_lines(fund.funder)
    if lines:
        fund.commit(actor, on, grant.id, grant.title, lines, override_reason)
    else:
        fund.release(actor, on, grant.id)
    return fund


HANDLERS: dict[type[Any], Any] = {
    ProposeGrant: propose,
    ApproveGrant: approve,
    SignGrantAgreement: sign_agreement,
    PayTranche: pay,
    RecordRepayment: repay,
    VaryGrant: vary,
    ExtendGrant: extend,
    GiveNotice: give_notice,
    TerminateGrant: terminate,
    CloseGrant: close,
}
