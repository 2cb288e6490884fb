"""Commands and their refusals on the in-memory store."""

from datetime import date
from uuid import UUID

import pytest

from domain.application import Grantledger
from domain.commands import (
    ApproveDecision,
    ApproveGrant,
    DecidePublication,
    DraftDecision,
    PayTranche,
    ProposeGrant,
    RefuseDecision,
    SignOffDecision,
    WithdrawPublication,
)
from domain.errors import (
    AuthorityError,
    ConcurrentChangeError,
    DecisionNotFoundError,
    DuplicateError,
    GrantNotFoundError,
    OverpaymentError,
    SeparationOfDutiesError,
    StaleVersionError,
)
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.snapshot import Snapshot
from domain.values import Authorisation, SignOffRole, YearAmount
from tests.stores import registered

FY16 = FinancialYear(2016)


def approved_decision(
    app: Grantledger, amount: str = "765000", reference: str = "PCC/1/16"
) -> UUID:
    registered(app, "Essex PCC")
    decision_id = app.handle(DraftDecision(
        on=date(2016, 3, 1),
        body="Essex PCC",
        reference=reference,
        title="Drive",
        authorisations=[Authorisation("Drive", Money.of(amount), recipients=["SafeLives"])],
    ), "officer")
    app.handle(SignOffDecision(decision_id=decision_id, role=SignOffRole.CHIEF_FINANCE_OFFICER,
                               name="T", signed_on=date(2016, 3, 1)), "cfo")
    app.handle(SignOffDecision(decision_id=decision_id, role=SignOffRole.MONITORING_OFFICER,
                               name="M", signed_on=date(2016, 3, 1)), "mo")
    app.handle(ApproveDecision(decision_id=decision_id, on=date(2016, 3, 2), maker_role="PCC"),
               "pcc")
    return decision_id


def grant_under(app: Grantledger, decision_id: UUID, amount: str = "765000") -> UUID:
    return app.handle(ProposeGrant(
        on=date(2016, 3, 2),
        decision_id=decision_id,
        title="SafeLives Drive pilot",
        recipient="SafeLives",
        amount=Money.of(amount),
        period_start=date(2016, 4, 1),
        period_end=date(2017, 3, 31),
        profile=[YearAmount(FY16, Money.of(amount))],
    ), "officer")


def approve(app: Grantledger, grant_id: UUID, on: date = date(2016, 3, 2)) -> None:
    app.handle(ApproveGrant(grant_id=grant_id, on=on), "pcc")


def pay(app: Grantledger, grant_id: UUID, amount: str, actor: str = "treasurer") -> None:
    app.handle(PayTranche(grant_id=grant_id, on=date(2016, 4, 1), amount=Money.of(amount)),
               actor)


def events_recorded(app: Grantledger) -> int:
    return app.recorder.max_notification_id() or 0


def test_an_unknown_decision_is_not_found() -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    with pytest.raises(DecisionNotFoundError):
        app.decision(UUID(int=1))
    with pytest.raises(GrantNotFoundError):
        pay(app, UUID(int=1), "1")


def test_a_refused_payment_records_no_event() -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    grant_id = grant_under(app, approved_decision(app))
    approve(app, grant_id)
    before = events_recorded(app)
    with pytest.raises(OverpaymentError):
        pay(app, grant_id, "765000.01")
    assert events_recorded(app) == before


def test_two_grants_cannot_together_exceed_what_the_decision_authorises() -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    decision_id = approved_decision(app, amount="500000")
    first, second = grant_under(app, decision_id, "300000"), grant_under(app, decision_id, "300000")
    approve(app, first)
    with pytest.raises(AuthorityError, match=r"£200,000\.00 of it remains"):
        approve(app, second)


def test_a_body_cannot_use_a_reference_twice_however_it_is_spaced() -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    approved_decision(app, reference="PCD 663")
    with pytest.raises(DuplicateError, match="already exists"):
        approved_decision(app, reference="PCD663")


def test_a_stale_copy_cannot_overwrite_a_newer_change() -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    grant_id = grant_under(app, approved_decision(app))
    approve(app, grant_id)
    first, second = app.grant(grant_id), app.grant(grant_id)
    first.pay_tranche("treasurer", date(2016, 4, 1), Money.of("700000"))
    second.pay_tranche("treasurer", date(2016, 4, 1), Money.of("700000"))
    app.save_changes(first)
    with pytest.raises(ConcurrentChangeError):
        app.save_changes(second)
    assert app.grant(grant_id).paid == Money.of("700000")


def test_every_event_names_its_actor_and_business_date() -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    grant_id = grant_under(app, approved_decision(app))
    approve(app, grant_id)
    pay(app, grant_id, "1000")
    events = list(app.repository.event_store.get(grant_id))
    assert [(e.actor, e.business_date) for e in events][-1] == ("treasurer", date(2016, 4, 1))
    assert [(type(e).__name__, e.class_version) for e in events] == [
        ("Proposed", 2), ("Approved", 1), ("TranchePaid", 1)]


def test_whoever_drafted_a_decision_cannot_approve_or_refuse_it() -> None:
    app = Grantledger()
    registered(app, "Essex PCC")
    decision_id = app.handle(DraftDecision(
        on=date(2016, 3, 1), body="Essex PCC", reference="PCC/2/16", title="Drive",
        no_direct_financial_implications=True,
    ), "officer")
    approval = ApproveDecision(decision_id=decision_id, on=date(2016, 3, 2), maker_role="PCC",
                               override_reason="x")
    refusal = RefuseDecision(decision_id=decision_id, on=date(2016, 3, 2), maker_role="PCC",
                             reasons="No")
    with pytest.raises(SeparationOfDutiesError):
        app.handle(approval, "Officer ")
    with pytest.raises(SeparationOfDutiesError):
        app.handle(refusal, "officer")
    app.handle(refusal, "pcc")


def test_whoever_approved_a_grant_cannot_pay_it() -> None:
    app = Grantledger()
    grant_id = grant_under(app, approved_decision(app))
    approve(app, grant_id, date(2016, 3, 3))
    with pytest.raises(SeparationOfDutiesError):
        pay(app, grant_id, "1000", actor="pcc")
    pay(app, grant_id, "1000")


def test_a_command_expecting_an_older_version_is_refused_and_records_nothing() -> None:
    app = Grantledger()
    decision_id = approved_decision(app)
    version = app.decision(decision_id).version
    with pytest.raises(StaleVersionError) as refused, app.expecting(decision_id, version - 1):
        app.handle(WithdrawPublication(decision_id=decision_id, on=date(2016, 3, 3), reason="x"),
                   "officer")
    assert (refused.value.expected, refused.value.current) == (version - 1, version)
    with app.expecting(decision_id, version):
        app.handle(DecidePublication(decision_id=decision_id, on=date(2016, 3, 3),
                                     for_publication=True), "officer")
    assert app.decision(decision_id).version == version + 1


@pytest.mark.parametrize("record", ["grant", "decision"])
def test_a_snapshot_taken_before_records_kept_more_restores_with_the_defaults(
        record: str) -> None:
    app = Grantledger(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    decision_id = approved_decision(app)
    grant_id = grant_under(app, decision_id)
    approve(app, grant_id)
    current = app.grant(grant_id) if record == "grant" else app.decision(decision_id)
    taken = Snapshot.take(current)
    older = {k: v for k, v in taken.state.items() if k not in (
        "class_version", "notice_days", "regrants", "authorities", "extensions",
        "still_payable", "settled", "dossier", "conflicts", "resolutions")}
    if record == "decision":
        older["drawn"] = {"__pairs__": [[grant_id, {"__tuple__": [0, Money.of("765000")]}]]}
    restored = Snapshot(originator_id=taken.originator_id,
                        originator_version=taken.originator_version,
                        timestamp=taken.timestamp, topic=taken.topic, state=older).mutate(None)
    assert vars(restored) == vars(current)
