"""Decisions in the making: drafted, signed off, approved or refused, published; and what
they authorise."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pytest_bdd import given, parsers, then, when

from adapters.system import System
from domain.application import Grantledger
from domain.commands import (
    ApproveDecision,
    ApproveGrant,
    CarryOutRedaction,
    DecidePublication,
    DraftDecision,
    ProposeGrant,
    PublishDecision,
    RefuseDecision,
    ResolveConflict,
    Share,
    SignOffDecision,
    SignOffRedaction,
)
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import (
    Authorisation,
    DecisionStatus,
    SignOffRole,
    StatedPart,
    StatedTotal,
    YearAmount,
)
from readmodel.model import ReadModel
from tests.features.steps.books import Attempts, decision_numbered, draft, sign_off_and_approve
from tests.features.steps.vocabulary import MONEY, ROLES, YEAR, money, step, year
from tests.stores import registered


@given(step("a draft {body} decision {reference} dated {on:Day} authorising {amount:Money} to "
            "{recipient}"), target_fixture="decision_id")
def a_draft_decision(app: Grantledger, body: str, reference: str, on: date, amount: Money,
                     recipient: str) -> UUID:
    return draft(app, body, reference, on, amount, recipient)


@given(step("a further {body} decision {reference} approved on {on:Day} authorising "
            "{amount:Money} to {recipient}"))
def a_further_decision(app: Grantledger, body: str, reference: str, on: date, amount: Money,
                       recipient: str) -> None:
    sign_off_and_approve(app, draft(app, body, reference, on, amount, recipient), on)


@given(step("an approved {body} decision {reference} authorising {amount:Money} to {recipient} "
            "from the {fund}"), target_fixture="decision_id")
def an_approved_decision(app: Grantledger, body: str, reference: str, amount: Money,
                         recipient: str, fund: str) -> UUID:
    on = date(2016, 3, 1)
    decision_id = draft(app, body, reference, on, amount, recipient, fund)
    sign_off_and_approve(app, decision_id, on)
    return decision_id


@given(step("a draft {body} decision {reference} stating a total of {stated:Money} from parts "
            "{a:Money}, {b:Money} and {c:Money}"), target_fixture="decision_id")
def a_decision_stating(app: Grantledger, body: str, reference: str, stated: Money, a: Money,
                       b: Money, c: Money) -> UUID:
    parts = [StatedPart(f"part {i}", amount) for i, amount in enumerate((a, b, c), 1)]
    return draft(app, body, reference, date(2018, 10, 24), None,
                 stated=[StatedTotal("Total cost", stated, parts)])


@given(step("the {role} signed it off on {on:Day}"))
@when(step("the {role} signs it off on {on:Day}"))
def signs_off(app: Grantledger, attempts: Attempts, decision_id: UUID, role: str,
              on: date) -> None:
    attempts.run(lambda: app.handle(SignOffDecision(
        decision_id=decision_id, role=ROLES[role], name=role, signed_on=on), "officer"))


@given(step("the decision was signed off and approved on {on:Day}"))
def signed_off_and_approved(app: Grantledger, decision_id: UUID, on: date) -> None:
    sign_off_and_approve(app, decision_id, on)


@when(step("the PCC approves it on {on:Day}"))
def pcc_approves(app: Grantledger, attempts: Attempts, decision_id: UUID, on: date) -> None:
    attempts.run(lambda: app.handle(ApproveDecision(
        decision_id=decision_id, on=on, maker_role="PCC"), "pcc"))


@when(step('the PCC refuses it on {on:Day} because "{reasons}"'))
def pcc_refuses(app: Grantledger, attempts: Attempts, decision_id: UUID, on: date,
                reasons: str) -> None:
    attempts.run(lambda: app.handle(RefuseDecision(
        decision_id=decision_id, on=on, maker_role="PCC", reasons=reasons), "pcc"))


@then(parsers.re(r"the decision is (?:still )?(?P<status>draft|approved|refused)$"))
def decision_status(app: Grantledger, decision_id: UUID, status: str) -> None:
    assert app.decision(decision_id).status is DecisionStatus(status)


@when(step("another {body} decision {reference} is drafted"))
def another_decision(app: Grantledger, attempts: Attempts, body: str, reference: str) -> None:
    attempts.run(lambda: app.handle(DraftDecision(
        on=date(2016, 3, 2), body=body, reference=reference, title=f"Decision {reference}"),
        "officer"))


@when(step("publication is decided on {on:Day} for publication with no Part 2"))
def publication_decided(app: Grantledger, decision_id: UUID, on: date) -> None:
    app.handle(DecidePublication(decision_id=decision_id, on=on, for_publication=True),
               "officer")


@given(step("publication was decided on {on:Day}, deferred until {until:Day} with "
            "{redaction}"))
def publication_deferred(app: Grantledger, decision_id: UUID, on: date, until: date,
                         redaction: str) -> None:
    required = {"redaction required": True, "no redaction": False}[redaction]
    app.handle(DecidePublication(decision_id=decision_id, on=on, for_publication=True,
                                 deferred_until=until, redaction_required=required), "officer")


@given(step("today is {today:Day} by the server's clock"))
def server_clock(system: System, today: date) -> None:
    system.today = system.app.today = lambda: today


@when(step("the redaction is carried out on {on:Day}"))
def redaction_carried_out(app: Grantledger, attempts: Attempts, decision_id: UUID,
                          on: date) -> None:
    attempts.run(lambda: app.handle(CarryOutRedaction(decision_id=decision_id, on=on),
                                    "officer"))


@when(step("the Chief Finance Officer signs off the redaction on {on:Day}"))
def redaction_signed_off(app: Grantledger, attempts: Attempts, decision_id: UUID,
                         on: date) -> None:
    attempts.run(lambda: app.handle(SignOffRedaction(
        decision_id=decision_id, role=SignOffRole.CHIEF_FINANCE_OFFICER, name="Treasurer",
        signed_on=on), "cfo"))


@when(step("it is published on {on:Day}"))
def published(app: Grantledger, attempts: Attempts, decision_id: UUID, on: date) -> None:
    attempts.run(lambda: app.handle(PublishDecision(decision_id=decision_id, on=on), "officer"))


@when(step('it is published on {on:Day} at "{url}"'))
def published_at(app: Grantledger, attempts: Attempts, decision_id: UUID, on: date,
                 url: str) -> None:
    attempts.run(lambda: app.handle(PublishDecision(decision_id=decision_id, on=on, url=url),
                                    "officer"))


@then(step('the decision is published on {on:Day} at "{url}"'))
def decision_published_at(app: Grantledger, decision_id: UUID, on: date, url: str) -> None:
    decision = app.decision(decision_id)
    assert (decision.published_on, decision.published_url) == (on, url)


@then(step("the decision is published on {on:Day}"))
def decision_published(app: Grantledger, decision_id: UUID, on: date) -> None:
    assert app.decision(decision_id).published_on == on


@when(parsers.re(
    rf"a (?:further )?grant of (?P<amount>{MONEY})(?: for (?P<fy>{YEAR}))? to "
    rf'(?P<recipient>.+) is proposed and approved under (?P<reference>[^"]+?)'
    rf'(?: because "(?P<reason>.+)")?$'), target_fixture="grant_id")
def propose_and_approve(app: Grantledger, ledgers: ReadModel, attempts: Attempts, amount: str,
                        fy: str | None, recipient: str, reference: str,
                        reason: str | None) -> UUID | None:
    decision = decision_numbered(app, ledgers, reference)
    fund = next((a.fund for a in decision.authorisations if a.fund and fy), "")
    first = year(fy) if fy else FinancialYear(2020)

    def command() -> UUID:
        grant_id = app.handle(ProposeGrant(
            on=first.start, decision_id=decision.id, title=f"{recipient} {amount}",
            recipient=recipient, amount=money(amount), period_start=first.start,
            period_end=first.end, profile=[YearAmount(first, money(amount))], fund=fund,
        ), "officer")
        app.handle(ApproveGrant(grant_id=grant_id,
                                on=max(first.start, decision.decided_on or first.start),
                                override_reason=reason or ""), "decision maker")
        return grant_id

    return attempts.run(command)


@then(step('it is refused with "{message}"'))
def refused_with(attempts: Attempts, message: str) -> None:
    assert attempts.error is not None, "the command was not refused"
    assert message in str(attempts.error), str(attempts.error)


@then(step("the decision {reference} reports a discrepancy: {stated:Money} stated against "
           "{derived:Money} derived, a difference of {difference:Money}"))
def reports_discrepancy(ledgers: ReadModel, reference: str, stated: Money, derived: Money,
                        difference: Money) -> None:
    found = [d for d in ledgers.discrepancies().rows if d.decision_reference == reference
             and (d.stated_pence, d.derived_pence) == (stated.pence, derived.pence)]
    assert len(found) == 1 and found[0].difference_pence == difference.pence


@then(parsers.re(r"the decision (?P<reference>.+) reports (?P<count>\d+) discrepanc(?:y|ies)"))
def reports_discrepancies(ledgers: ReadModel, reference: str, count: str) -> None:
    found = [d for d in ledgers.discrepancies().rows if d.decision_reference == reference]
    assert len(found) == int(count), found


@given(step('an approved {body} decision {reference} authorising {first:Money} from "{one}" '
            'and {second:Money} from "{other}" to {recipient}'), target_fixture="decision_id")
def a_decision_of_two_lines(app: Grantledger, body: str, reference: str, first: Money,
                            one: str, second: Money, other: str, recipient: str) -> UUID:
    on = date(2022, 9, 5)
    registered(app, body)
    decision_id = app.handle(DraftDecision(
        on=on, body=body, reference=reference, title=f"Decision {reference}",
        authorisations=[Authorisation(one, first, recipients=[recipient]),
                        Authorisation(other, second, recipients=[recipient])]), "officer")
    sign_off_and_approve(app, decision_id, on)
    return decision_id


@when(step("a grant of {amount:Money} to {recipient}, {first:Money} authorised by {one} and "
           "{second:Money} by {other}, is proposed and approved"), target_fixture="grant_id")
def a_grant_of_two_decisions(app: Grantledger, ledgers: ReadModel, amount: Money,
                             recipient: str, first: Money, one: str, second: Money,
                             other: str) -> UUID:
    own, another = (decision_numbered(app, ledgers, r) for r in (one, other))
    on = own.decided_on or date.min
    grant_id = app.handle(ProposeGrant(
        on=on, decision_id=own.id, title=f"{recipient} {amount}", recipient=recipient,
        amount=amount, period_start=FinancialYear.of(on).start,
        period_end=FinancialYear.of(on).end, profile=[YearAmount(FinancialYear.of(on), amount)],
        authorised_by=[Share(own.id, first), Share(another.id, second)]), "officer")
    app.handle(ApproveGrant(grant_id=grant_id, on=on), "decision maker")
    return grant_id


@then(parsers.re(rf"the decision (?P<reference>\S+) draws (?P<amount>{MONEY}) for "
                 r"(?P<recipient>.+) on (?P<count>\d+) authorisations?$"))
def draws(app: Grantledger, ledgers: ReadModel, reference: str, amount: str, recipient: str,
          count: str) -> None:
    decision = decision_numbered(app, ledgers, reference)
    (grant_id,) = [g for g in decision.drawn if app.grant(g).recipient == recipient]
    assert decision.drawn_for(grant_id) == money(amount)
    assert len(decision.drawn[grant_id]) == int(count)


@then(step('the conflicts list "{fact}" for {reference}, working with "{working}"'))
def conflicts_list(ledgers: ReadModel, fact: str, reference: str, working: str) -> None:
    listed = [(k.fact, k.working) for k in ledgers.conflicts().rows
              if k.decision_reference == reference]
    assert listed == [(fact, working)], listed


@then(step("the conflicts list nothing for {reference}"))
def conflicts_list_nothing(ledgers: ReadModel, reference: str) -> None:
    assert [k for k in ledgers.conflicts().rows if k.decision_reference == reference] == []


@then(step("the grant ledger flags the grant to {recipient} from {body} as resting on a "
           "conflict"))
def grant_flagged(ledgers: ReadModel, recipient: str, body: str) -> None:
    (row,) = [r for r in ledgers.grants().rows if (r.recipient, r.body) == (recipient, body)]
    assert row.conflicted


@then(step("the grant ledger no longer flags the grant to {recipient} from {body}"))
def grant_not_flagged(ledgers: ReadModel, recipient: str, body: str) -> None:
    (row,) = [r for r in ledgers.grants().rows if (r.recipient, r.body) == (recipient, body)]
    assert not row.conflicted


@when(step('the treasurer resolves "{fact}" of {reference} as "{value}" because "{reason}"'))
def treasurer_resolves(app: Grantledger, ledgers: ReadModel, fact: str, reference: str,
                       value: str, reason: str) -> None:
    decision = decision_numbered(app, ledgers, reference)
    app.handle(ResolveConflict(decision_id=decision.id, fact=fact, value=value, reason=reason,
                               on=date(2016, 4, 1)), "treasurer")


@then(step("the decision {reference} records the resolution by the treasurer"))
def resolution_recorded(app: Grantledger, ledgers: ReadModel, reference: str) -> None:
    resolutions = decision_numbered(app, ledgers, reference).resolutions
    assert [r.resolved_by for r in resolutions.values()] == ["treasurer"]
