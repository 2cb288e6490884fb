"""The ledgers: funds, grants, programmes, exposure, exceptions and the register, now and as
at a past date."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from pytest_bdd import parsers, then, when

from domain.application import Grantledger
from domain.commands import PayTranche
from domain.financial_year import FinancialYear
from domain.money import Money
from readmodel.ledgers import ListQuery
from readmodel.model import ReadModel
from readmodel.points import NOW, Point
from readmodel.rows import BodyExposureRow, ExposureRow, GrantRow
from tests.features.steps.books import grants_of
from tests.features.steps.vocabulary import TYPES, step


def pounds(pence: int | None) -> str:
    return "-" if pence is None else str(Money(pence))


def fund_year(ledgers: ReadModel, fund: str, body: str, fy: FinancialYear,
              point: Point = NOW) -> dict[str, str]:
    (row,) = [r for r in ledgers.funds(point=point).rows
              if (r.fund, r.body, r.year) == (fund, body, str(fy))]
    return {
        "budget": "not recorded" if row.budget_pence is None else pounds(row.budget_pence),
        "committed": pounds(row.committed_pence),
        "paid": pounds(row.paid_pence),
        "headroom": pounds(row.headroom_pence),
    }


@then(parsers.parse("the fund ledger of the {fund} of {body} for {fy:Year} shows:",
                    extra_types=TYPES))
def fund_ledger_shows(ledgers: ReadModel, fund: str, body: str, fy: FinancialYear,
                      datatable: list[list[str]]) -> None:
    expected = dict(zip(datatable[0], datatable[1], strict=True))
    assert fund_year(ledgers, fund, body, fy) == expected


@then(parsers.parse("as at {on:Day} the fund ledger of the {fund} of {body} for {fy:Year} "
                    "shows:", extra_types=TYPES))
def fund_ledger_as_at(ledgers: ReadModel, on: date, fund: str, body: str, fy: FinancialYear,
                      datatable: list[list[str]]) -> None:
    expected = dict(zip(datatable[0], datatable[1], strict=True))
    assert fund_year(ledgers, fund, body, fy, Point(as_at=on)) == expected


@then(step("as at {on:Day} the decision register lists {references}"))
def register_as_at(ledgers: ReadModel, on: date, references: str) -> None:
    listed = {r.reference for r in ledgers.decisions(point=Point(as_at=on)).rows}
    assert listed == set(references.replace(" and ", ", ").split(", "))


@when(step("the treasurer of {body} pays {recipient} {amount:Money} on {on:Day}"))
def treasurer_pays(app: Grantledger, ledgers: ReadModel, body: str, recipient: str,
                   amount: Money, on: date) -> None:
    grant = next(g for g in grants_of(app, ledgers) if (g.body, g.recipient) == (body, recipient))
    app.handle(PayTranche(grant_id=grant.id, on=on, amount=amount), "treasurer")


def row_of(ledgers: ReadModel, recipient: str) -> GrantRow:
    (row,) = [r for r in ledgers.grants().rows
              if r.recipient == recipient and r.body == "Essex PCC"]
    return row


@then(step("the grant ledger shows {recipient} with {awarded:Money} awarded, {paid:Money} paid "
           "and {outstanding:Money} outstanding"))
def grant_ledger_shows(ledgers: ReadModel, recipient: str, awarded: Money, paid: Money,
                       outstanding: Money) -> None:
    row = row_of(ledgers, recipient)
    assert (row.awarded_pence, row.paid_pence, row.outstanding_pence) == (
        awarded.pence, paid.pence, outstanding.pence)


@then(step("the grant ledger shows {recipient} with {committed:Money} committed, "
           "{released:Money} released and {outstanding:Money} outstanding"))
def grant_ledger_released(ledgers: ReadModel, recipient: str, committed: Money,
                          released: Money, outstanding: Money) -> None:
    row = row_of(ledgers, recipient)
    assert (row.committed_pence, row.released_pence, row.outstanding_pence) == (
        committed.pence, released.pence, outstanding.pence)


@then(step("the grant ledger shows {recipient} with {awarded:Money} awarded and "
           "{committed:Money} committed"))
def grant_ledger_committed(ledgers: ReadModel, recipient: str, awarded: Money,
                           committed: Money) -> None:
    row = row_of(ledgers, recipient)
    assert (row.awarded_pence, row.committed_pence) == (awarded.pence, committed.pence)


@then(step("the grant ledger has {count:d} grant to {recipient} from {body}"))
def grants_to(ledgers: ReadModel, count: int, recipient: str, body: str) -> None:
    rows = [r for r in ledgers.grants().rows if (r.recipient, r.body) == (recipient, body)]
    assert len(rows) == count


@then(step("the grant ledger shows the grant with {first:Money} committed in {fy1:Year} and "
           "{second:Money} committed in {fy2:Year}"))
def committed_by_year(ledgers: ReadModel, grant_id: UUID, first: Money, fy1: FinancialYear,
                      second: Money, fy2: FinancialYear) -> None:
    rows = ledgers.grant_years(ListQuery()).rows
    years = {r.year: r.committed_pence for r in rows if r.grant_id == str(grant_id)}
    assert years == {str(fy1): first.pence, str(fy2): second.pence}


@then(step("the grant ledger shows the grant with {amount:Money} committed, all in {fy:Year}"))
def committed_in_one_year(ledgers: ReadModel, grant_id: UUID, amount: Money,
                          fy: FinancialYear) -> None:
    rows = ledgers.grant_years(ListQuery()).rows
    years = {r.year: r.committed_pence for r in rows if r.grant_id == str(grant_id)}
    assert years == {str(fy): amount.pence}


@then(step("the grant's exposure for notice on {on:Day} is {payable:Money} payable, notice "
           "taking effect on {effective:Day}"))
def grant_exposure(ledgers: ReadModel, grant_id: UUID, on: date, payable: Money,
                   effective: date) -> None:
    (row,) = [r for r in ledgers.exposure(on).rows if r.grant_id == str(grant_id)]
    assert (row.payable_pence, row.takes_effect_on) == (payable.pence, effective)


@then(step("the exceptions list the {fact} of {record} as not stated"))
def exceptions_list_for_decision(ledgers: ReadModel, fact: str, record: str) -> None:
    found = [e.what for e in ledgers.exceptions().rows
             if e.record == record.replace(" decision ", " ", 1)]
    assert any(fact in what.partition("not stated: ")[2] for what in found), found


@then(step("the exceptions list the grant's {facts} as not stated"))
def exceptions_list(ledgers: ReadModel, facts: str) -> None:
    (row,) = [e for e in ledgers.exceptions().rows if "not stated" in e.what]
    assert row.what.endswith(f"not stated: {facts.replace(' and ', ', ')}")


@then("the grant has no discrepancies")
def no_discrepancies(ledgers: ReadModel) -> None:
    assert ledgers.discrepancies().rows == []


@when(step("the exposure is worked out for notice given on {on:Day}"),
      target_fixture="exposure")
def exposure_for(ledgers: ReadModel, on: date) -> tuple[list[ExposureRow],
                                                        dict[str, BodyExposureRow]]:
    return (ledgers.exposure(on).rows, {r.body: r for r in ledgers.exposure_by_body(on)})


@then(step("the grant to {recipient} from {body} takes effect on {effective:Day} with "
           "{payable:Money} payable and {released:Money} released"))
def exposure_of(exposure: tuple[list[ExposureRow], dict[str, BodyExposureRow]], recipient: str,
                body: str, effective: date, payable: Money, released: Money) -> None:
    (row,) = [r for r in exposure[0] if (r.recipient, r.body) == (recipient, body)]
    assert (row.takes_effect_on, row.payable_pence, row.released_pence) == (
        effective, payable.pence, released.pence)


@then(step("the exposure of {body} totals {amount:Money}"))
def exposure_total(exposure: tuple[list[ExposureRow], dict[str, BodyExposureRow]], body: str,
                   amount: Money) -> None:
    assert exposure[1][body].payable_pence == amount.pence


@then(step('the programme ledger of {programme} shows "{funder}" {how} {amount:Money} in '
           '{fy:Year}'))
def programme_ledger_shows(ledgers: ReadModel, programme: str, funder: str, how: str,
                           amount: Money, fy: FinancialYear) -> None:
    (row,) = [r for r in ledgers.programmes().rows
              if (r.programme, r.funder, r.year) == (programme, funder, str(fy))]
    column = {"pledging": row.pledged_cash_pence, "granting": row.granted_pence}[how]
    assert column == amount.pence


@then(step('the programme ledger of {programme} shows "{funder}" granting {amount:Money} in '
           'kind in {fy:Year}'))
def programme_in_kind(ledgers: ReadModel, programme: str, funder: str, amount: Money,
                      fy: FinancialYear) -> None:
    (row,) = [r for r in ledgers.programmes().rows
              if (r.programme, r.funder, r.year) == (programme, funder, str(fy))]
    assert (row.granted_in_kind_pence, row.granted_pence) == (amount.pence, 0)
