"""Grants in payment: paid, repaid, varied, extended, given notice and ended, by the
decisions that made them or by later ones."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from uuid import UUID

from pytest_bdd import given, parsers, then, when

from domain.application import Grantledger
from domain.commands import (
    ApproveGrant,
    DraftDecision,
    ExtendGrant,
    GiveNotice,
    PayTranche,
    ProposeGrant,
    RecordRepayment,
    RegisterProgramme,
    TerminateGrant,
    VaryGrant,
)
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.values import Authorisation, Contribution, GrantStatus, YearAmount
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from tests.features.steps.books import (
    Attempts,
    decision_numbered,
    draft,
    grants_of,
    load,
    sign_off_and_approve,
)
from tests.features.steps.vocabulary import DAY, MONEY, day, money, step, year
from tests.stores import registered


@given(step("the SafeLives Drive pilot of {amount:Money} over {first:Year} to {last:Year} "
            "approved on {on:Day}"), target_fixture="grant_id")
def drive_pilot(app: Grantledger, ledgers: ReadModel, amount: Money, first: FinancialYear,
                last: FinancialYear, on: date) -> UUID:
    load(app, "1_essex_pcc_0128_15.json")
    (grant,) = grants_of(app, ledgers)
    assert (grant.amount, grant.approved_on) == (amount, on)
    assert grant.period_start and grant.period_end
    assert (FinancialYear.of(grant.period_start), FinancialYear.of(grant.period_end)) == (
        first, last)
    return grant.id


def a_grant(app: Grantledger, amount: Money, start: date | None, end: date | None,
            approved_on: date, *, profile: list[YearAmount] | None = None,
            **terms: Any) -> UUID:
    """A grant to a provider under a decision of its own, approved on the day."""
    reference = f"PCC/{approved_on.isoformat()}/{start or 'not stated'}"
    decision_id = draft(app, "Essex PCC", reference, approved_on, amount, "Provider")
    sign_off_and_approve(app, decision_id, approved_on)
    grant_id = app.handle(ProposeGrant(
        on=approved_on, decision_id=decision_id, title="Services", recipient="Provider",
        amount=amount, period_start=start, period_end=end,
        profile=[YearAmount(FinancialYear.of(start or approved_on), amount)]
        if profile is None else profile,
        **terms), "officer")
    app.handle(ApproveGrant(grant_id=grant_id, on=approved_on), "pcc")
    return grant_id


NOTICE = re.compile(r"(?:(?P<months>\d+) months?)?(?: and )?(?:(?P<days>\d+) days?)?'?")


@given(step("a grant of {amount:Money} over {fy:Year} with {terms} notice, approved on {on:Day}"),
       target_fixture="grant_id")
def a_grant_with_notice(app: Grantledger, amount: Money, fy: FinancialYear, terms: str,
                        on: date) -> UUID:
    found = NOTICE.fullmatch(terms) if terms != "no" else None
    months, days = (int(found["months"] or 0), int(found["days"] or 0)) if found else (0, 0)
    return a_grant(app, amount, fy.start, fy.end, on, notice_months=months, notice_days=days)


@given(step("a grant of {amount:Money} from {start:Day} to {end:Day} with no profile, "
            "approved on {on:Day}"), target_fixture="grant_id")
def a_grant_without_profile(app: Grantledger, amount: Money, start: date, end: date,
                            on: date) -> UUID:
    return a_grant(app, amount, start, end, on, profile=[])


@given(step("a grant of {amount:Money} from {start:Day} with no end stated and no profile, "
            "approved on {on:Day}"), target_fixture="grant_id")
def a_grant_without_end(app: Grantledger, amount: Money, start: date, on: date) -> UUID:
    return a_grant(app, amount, start, None, on, profile=[])


@given(step("a grant of {amount:Money} whose record states neither its start nor its end, "
            "with no profile, approved on {on:Day}"), target_fixture="grant_id")
def a_grant_without_period(app: Grantledger, amount: Money, on: date) -> UUID:
    return a_grant(app, amount, None, None, on, profile=[])


@then(step("the grant's {end} date is recorded as not stated"))
def end_not_stated(ledgers: ReadModel, grant_id: UUID, end: str) -> None:
    (row,) = [r for r in ledgers.grants(ListQuery()).rows if r.grant_id == str(grant_id)]
    assert getattr(row, f"period_{end}") is None


@given(step('a grant of {amount:Money} over {fy:Year} in the {programme} programme with '
            '{cash:Money} cash from "{funder}" and {kind:Money} in kind from "{giver}", '
            'approved on {on:Day}'), target_fixture="grant_id")
def a_grant_with_in_kind(app: Grantledger, amount: Money, fy: FinancialYear, programme: str,
                         cash: Money, funder: str, kind: Money, giver: str, on: date) -> UUID:
    if not app.has_programme(programme):
        app.handle(RegisterProgramme(on=on, name=programme, lead_body="Essex PCC"), "officer")
    return a_grant(app, amount, fy.start, fy.end, on, programme=programme, contributions=[
        Contribution(funder, fy, cash), Contribution(giver, fy, kind, in_kind=True)])


@given(step("the treasurer paid {amount:Money} on {on:Day}"))
@when(step("the treasurer pays {amount:Money} on {on:Day}"))
def pays(app: Grantledger, attempts: Attempts, grant_id: UUID, amount: Money,
         on: date) -> None:
    attempts.run(lambda: app.handle(PayTranche(grant_id=grant_id, on=on, amount=amount),
                                    "treasurer"))


@when(step('{amount:Money} is repaid on {on:Day} because "{reason}"'))
def repaid(app: Grantledger, attempts: Attempts, grant_id: UUID, amount: Money, on: date,
           reason: str) -> None:
    attempts.run(lambda: app.handle(RecordRepayment(
        grant_id=grant_id, on=on, amount=amount, reason=reason), "treasurer"))


@then(step("the grant has {paid:Money} paid and {remaining:Money} remaining"))
def grant_paid_remaining(app: Grantledger, grant_id: UUID, paid: Money,
                         remaining: Money) -> None:
    grant = app.grant(grant_id)
    assert (grant.paid, grant.remaining) == (paid, remaining)


@then(step("the grant has {paid:Money} paid and {repaid:Money} repaid"))
def grant_paid_repaid(app: Grantledger, grant_id: UUID, paid: Money, repaid: Money) -> None:
    grant = app.grant(grant_id)
    assert (grant.paid, grant.repaid) == (paid, repaid)


@then(step("the payments fall in {fy:Year}"))
def payments_fall_in(app: Grantledger, grant_id: UUID, fy: FinancialYear) -> None:
    assert set(app.grant(grant_id).paid_by_year) == {fy}


@given(step("notice was given on {on:Day}"))
@when(step("notice is given on {on:Day}"))
def notice_given(app: Grantledger, attempts: Attempts, grant_id: UUID, on: date) -> None:
    attempts.run(lambda: app.handle(GiveNotice(grant_id=grant_id, on=on), "commissioner"))


@when(step("notice is given on {on:Day} with immediate effect"))
def notice_with_immediate_effect(app: Grantledger, attempts: Attempts, grant_id: UUID,
                                 on: date) -> None:
    attempts.run(lambda: app.handle(GiveNotice(grant_id=grant_id, on=on, notice_months=0,
                                               notice_days=0), "commissioner"))


@then(step("the termination takes effect on {on:Day}"))
def takes_effect(app: Grantledger, grant_id: UUID, on: date) -> None:
    assert app.grant(grant_id).termination_effective_on == on


@when(step("the grant is terminated on {on:Day}"))
def terminated(app: Grantledger, attempts: Attempts, grant_id: UUID, on: date) -> None:
    attempts.run(lambda: app.handle(TerminateGrant(grant_id=grant_id, on=on), "commissioner"))


@when(parsers.re(rf'the grant is terminated with immediate effect on (?P<on>{DAY}) because '
                 rf'"(?P<reason>[^"]+)"(?:, (?P<owed>{MONEY}) still payable)?$'))
def terminated_at_once(app: Grantledger, attempts: Attempts, grant_id: UUID, on: str,
                       reason: str, owed: str | None) -> None:
    attempts.run(lambda: app.handle(TerminateGrant(
        grant_id=grant_id, on=day(on), reason=reason,
        still_payable=money(owed) if owed else None), "commissioner"))


@then("the grant is terminated")
def grant_terminated(app: Grantledger, grant_id: UUID) -> None:
    assert app.grant(grant_id).status is GrantStatus.TERMINATED


@when(parsers.re(rf"the grant is varied on (?P<on>{DAY})(?: under (?P<reference>\S+))? to "
                 rf"(?P<amount>{MONEY}) profiled (?P<profile>.+)$"))
def varied(app: Grantledger, ledgers: ReadModel, attempts: Attempts, grant_id: UUID, on: str,
           reference: str | None, amount: str, profile: str) -> None:
    lines = []
    for item in profile.split(", "):
        fy, value = item.split(" ")
        lines.append(YearAmount(year(fy), money(value)))
    under = decision_numbered(app, ledgers, reference).id if reference else None
    attempts.run(lambda: app.handle(VaryGrant(
        grant_id=grant_id, on=day(on), amount=money(amount), profile=lines,
        reason="Re-profiled", under_decision_id=under), "commissioner"))


@then(step("the grant is {amount:Money} with {fy:Year} profiled at {profiled:Money}"))
def grant_varied(app: Grantledger, grant_id: UUID, amount: Money, fy: FinancialYear,
                 profiled: Money) -> None:
    grant = app.grant(grant_id)
    assert grant.amount == amount and grant.profile[fy] == profiled


@given(step("{body} decision {reference} authorises up to {amount:Money}, approved on {on:Day}"))
def a_later_decision(app: Grantledger, body: str, reference: str, amount: Money,
                     on: date) -> None:
    registered(app, body)
    decision_id = app.handle(DraftDecision(
        on=on, body=body, reference=reference, title=f"Decision {reference}",
        authorisations=[Authorisation("Extension", amount, up_to=True)]), "officer")
    sign_off_and_approve(app, decision_id, on)


def earlier_grant(app: Grantledger, recipient: str, reference: str) -> UUID:
    decision = app.decision_by_reference("Essex PCC", reference)
    (grant_id,) = [g for g in decision.drawn if app.grant(g).recipient == recipient]
    return grant_id


@when(step("decision {reference} extends the {recipient} grant of {earlier} to {end:Day} "
           "adding {amount:Money} in {fy:Year}"), target_fixture="grant_id")
def extends(app: Grantledger, reference: str, recipient: str, earlier: str, end: date,
            amount: Money, fy: FinancialYear) -> UUID:
    grant_id = earlier_grant(app, recipient, earlier)
    later = app.decision_by_reference("Essex PCC", reference)
    app.handle(ExtendGrant(grant_id=grant_id, under_decision_id=later.id, period_end=end,
                           on=later.decided_on, added=[YearAmount(fy, amount)],
                           reason="Extended"), "commissioner")
    return grant_id


DONE = {"Extended": "extended", "Varied": "varied", "NoticeGiven": "gave notice to",
        "Terminated": "terminated"}


@then(parsers.re(r"the grant's history says decision (?P<reference>\S+) (?P<did>.+) it$"))
def history_says(app: Grantledger, grant_id: UUID, reference: str, did: str) -> None:
    events = app.repository.event_store.get(grant_id)
    said = {(getattr(e, "under_decision", ""), DONE.get(type(e).__name__)) for e in events}
    assert (reference, did) in said, said
