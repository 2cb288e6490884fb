"""Decisions: drafted, considered, signed off, decided, and published."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.commands import (
    ApproveDecision,
    ConsiderImplication,
    DecidePublication,
    DraftDecision,
    Issuer,
    KeepDossier,
    NoteConflict,
    NoteStatedTotal,
    PublishDecision,
    RefuseDecision,
    ResolveConflict,
    SignOffDecision,
    SignOffRedaction,
    WithdrawDecision,
    WithdrawPublication,
)
from domain.decision import Decision
from domain.values import DecisionMaker, Implication, PublicationDecision, SignOff

if TYPE_CHECKING:
    from domain.application import Grantledger


def draft(books: Grantledger, c: DraftDecision, by: Issuer) -> UUID:
    body = books.body_named(c.body).name if c.body.strip() else c.body
    decision = Decision.draft(
        actor=by.name,
        business_date=by.day(c.on),
        body=body,
        reference=c.reference,
        title=c.title,
        report_author=c.report_author,
        report_date=c.report_date,
        classification=c.classification,
        area=c.area,
        summary=c.summary,
        recommendations=list(c.recommendations),
        related_decisions=list(c.related_decisions),
        authorisations=list(c.authorisations),
        no_direct_financial_implications=c.no_direct_financial_implications,
        stated_totals=list(c.stated_totals),
        conflicts=list(c.conflicts),
    )
    books.save_new(decision, f"{decision.label} already exists")
    return decision.id


def consider(books: Grantledger, c: ConsiderImplication, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.consider_implication(
        by.name, by.day(c.on), Implication(c.area, c.considered, c.details))
    return books.saved(decision)


def sign_off(books: Grantledger, c: SignOffDecision, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.sign_off(by.name, SignOff(c.role, c.name, by.day(c.signed_on), c.title))
    return books.saved(decision)


def note_stated_total(books: Grantledger, c: NoteStatedTotal, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.note_stated_total(by.name, by.day(c.on), c.stated_total)
    return books.saved(decision)


def approve(books: Grantledger, c: ApproveDecision, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.approve(by.name, by.day(c.on), DecisionMaker(c.maker_role, c.maker_name),
                     c.override_reason, separate_duties=not by.transcribing)
    return books.saved(decision)


def refuse(books: Grantledger, c: RefuseDecision, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.refuse(by.name, by.day(c.on), DecisionMaker(c.maker_role, c.maker_name),
                    c.reasons, separate_duties=not by.transcribing)
    return books.saved(decision)


def withdraw(books: Grantledger, c: WithdrawDecision, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.withdraw(by.name, by.day(c.on), c.reason)
    return books.saved(decision)


def decide_publication(books: Grantledger, c: DecidePublication, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.decide_publication(by.name, by.day(c.on), PublicationDecision(
        for_publication=c.for_publication,
        reasons=c.reasons,
        part2_exists=c.part2_exists,
        deferred_until=c.deferred_until,
        redaction_required=c.redaction_required,
        significant_public_interest=c.significant_public_interest,
    ))
    return books.saved(decision)


def sign_off_redaction(books: Grantledger, c: SignOffRedaction, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.sign_off_redaction(by.name, SignOff(c.role, c.name, by.day(c.signed_on)))
    return books.saved(decision)


def note_conflict(books: Grantledger, c: NoteConflict, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.note_conflict(by.name, by.day(c.on), c.conflict)
    return books.saved(decision)


def resolve_conflict(books: Grantledger, c: ResolveConflict, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.resolve_conflict(by.name, by.day(c.on), c.fact, c.value, c.reason)
    return books.saved(decision)


def keep_dossier(books: Grantledger, c: KeepDossier, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.transcribed(by.name, by.day(c.on), c.dossier)
    return books.saved(decision)


def publish(books: Grantledger, c: PublishDecision, by: Issuer) -> UUID:
    """Publication is measured against the server's clock, never a date the client gave."""
    decision = books.decision(c.decision_id)
    decision.publish(by.name, by.day(c.on if c.date_stated else None), by.today, c.url,
                     c.date_stated)
    return books.saved(decision)


def withdraw_publication(books: Grantledger, c: WithdrawPublication, by: Issuer) -> UUID:
    decision = books.decision(c.decision_id)
    decision.withdraw_publication(by.name, by.day(c.on), c.reason)
    return books.saved(decision)


HANDLERS: dict[type[Any], Any] = {
    DraftDecision: draft,
    ConsiderImplication: consider,
    SignOffDecision: sign_off,
    NoteStatedTotal: note_stated_total,
    ApproveDecision: approve,
    RefuseDecision: refuse,
    WithdrawDecision: withdraw,
    DecidePublication: decide_publication,
    SignOffRedaction: sign_off_redaction,
    PublishDecision: publish,
    KeepDossier: keep_dossier,
    NoteConflict: note_conflict,
    ResolveConflict: resolve_conflict,
    WithdrawPublication: withdraw_publication,
}
