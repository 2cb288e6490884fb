"""The sheets of money: the budget monitor, the grants and their years, the programmes and
the exposure, each from its ledger."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from adapters.workbook.book import Book
from adapters.workbook.pages import every
from adapters.workbook.sheet import Column, Kind, day, money
from readmodel.ledgers import ListQuery
from readmodel.rows import FundRow, GrantRow, GrantYearRow, ProgrammeRow

BUDGET = (Column("Body"), Column("Fund"), Column("Funder"), Column("Financial year"),
          money("Budget"), money("Committed"), money("Paid"), money("Repaid"),
          money("Headroom"))
GRANTS = (Column("Body"), Column("Decision"), Column("Grant"), Column("Recipient"),
          Column("Programme"), Column("Fund"), Column("Status"), money("Awarded"),
          money("Committed"), money("Paid"), money("Repaid"), money("Outstanding"),
          day("Approved on"), day("Starts on"), day("Ends on"), day("Notice given on"),
          day("Terminated from"), Column("Profile stated"), Column("Conflicted"))
GRANT_YEARS = (Column("Body"), Column("Decision"), Column("Grant"), Column("Financial year"),
               money("Profiled"), money("Committed"), money("Charged to fund"), money("Paid"),
               money("Repaid"), money("Released"))
PROGRAMMES = (Column("Programme"), Column("Funder"), Column("Financial year"),
              money("Pledged in cash"), money("Pledged in kind"), money("Granted in cash"),
              money("Granted in kind"), money("Paid"), money("Repaid"),
              Column("Share of funding", Kind.SHARE))
EXPOSURE = (Column("Body"), Column("Grant"), Column("Recipient"), day("Notice given on"),
            day("Takes effect on"), money("Still payable"), money("Released"))
BODY_EXPOSURE = (Column("Body"), day("Notice given on"), Column("Live grants", Kind.COUNT),
                 money("Still payable"), money("Released"))
SHOWN = "Rows shown by the filter"
YES = "yes"


@dataclass
class Grants:
    """What the grant sheets share: each grant's profile by year, and how it is named."""

    years: list[str] = field(default_factory=list)
    profiles: dict[str, dict[str, int]] = field(default_factory=dict)
    names: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    programmes: set[str] = field(default_factory=set)


def budget(book: Book) -> int:
    """Fund by financial year; each fund's totals, all funds' and the rows the filter shows
    are formulas over the rows."""
    sheet = book.sheet("Budget monitor", BUDGET)
    funds: dict[tuple[str, str], list[int]] = {}
    for row in fund_rows(book):
        figures = [row.budget_pence, row.committed_pence, row.paid_pence, row.repaid_pence,
                   row.headroom_pence]
        sheet.add([row.body, row.fund, row.funder, row.year, *figures])
        sums = funds.setdefault((row.body, row.fund), [0] * len(BUDGET))
        for col, amount in enumerate(figures, start=4):
            sums[col] += amount or 0
    each_fund = (f"=SUMIFS({{range}},{sheet.span(0)},$A{{row}},{sheet.span(1)},$B{{row}})")
    for (body, fund), sums in funds.items():
        sheet.total([body, fund, "", "Total"], each_fund, sums)
    sheet.total(["All funds"], "=SUM({range})")
    sheet.total([SHOWN], "=SUBTOTAL(9,{range})")
    sheet.close()
    return sheet.rows


def fund_rows(book: Book) -> Iterator[FundRow]:
    point = book.asked.point
    return every(lambda limit, offset: book.ledgers.funds(book.asked.query(limit, offset),
                                                          point), book.paged)


def grant_year_rows(book: Book) -> Iterator[GrantYearRow]:
    point = book.asked.point
    return every(lambda limit, offset: book.ledgers.grant_years(
        book.asked.query(limit, offset), point), book.paged)


def grant_rows(book: Book) -> Iterator[GrantRow]:
    point = book.asked.point
    return every(lambda limit, offset: book.ledgers.grants(book.asked.query(limit, offset),
                                                           point))


def profiles(book: Book) -> Grants:
    found = Grants()
    years: set[str] = set()
    for row in grant_year_rows(book):
        if row.profiled_pence:
            found.profiles.setdefault(row.grant_id, {})[row.year] = row.profiled_pence
            years.add(row.year)
    found.years = sorted(years)
    return found


def grants(book: Book, known: Grants) -> int:
    """A grant a row, with its profile a column a financial year."""
    sheet = book.sheet("Grants", [*GRANTS, *(money(f"Profile {y}") for y in known.years)])
    for row in grant_rows(book):
        reference = row.decision_reference or ""
        known.names[row.grant_id] = (row.body, reference, row.title)
        known.programmes.add(row.programme)
        profile = known.profiles.get(row.grant_id, {})
        sheet.add([
            row.body, reference, row.title, row.recipient, row.programme, row.fund,
            row.status, row.awarded_pence, row.committed_pence, row.paid_pence,
            row.repaid_pence, row.outstanding_pence, row.approved_on, row.period_start,
            row.period_end, row.notice_given_on, row.termination_effective_on,
            YES if row.profile_stated else "no", YES if row.conflicted else "",
            *(profile.get(year) for year in known.years)])
    sheet.total([SHOWN], "=SUBTOTAL(9,{range})")
    sheet.close()
    return sheet.rows


def grant_years(book: Book, known: Grants) -> int:
    sheet = book.sheet("Grant years", GRANT_YEARS)
    for row in grant_year_rows(book):
        body, reference, title = known.names.get(row.grant_id, ("", "", row.grant_id))
        sheet.add([body, reference, title, row.year, row.profiled_pence, row.committed_pence,
                   row.charged_pence, row.paid_pence, row.repaid_pence, row.released_pence])
    sheet.total([SHOWN], "=SUBTOTAL(9,{range})")
    sheet.close()
    return sheet.rows


def programmes(book: Book, known: Grants) -> int:
    """Each funder's pledges and grants by year, cash apart from in kind: for one body, the
    programmes its grants are under or it leads, whole (co-funders share a programme's
    ledger)."""
    sheet = book.sheet("Programmes", PROGRAMMES)
    for row in programme_rows(book, known):
        sheet.add([row.programme, row.funder, row.year, row.pledged_cash_pence,
                   row.pledged_in_kind_pence, row.granted_pence, row.granted_in_kind_pence,
                   row.paid_pence, row.repaid_pence, float(Decimal(row.share))])
    sheet.total([SHOWN], "=SUBTOTAL(9,{range})")
    sheet.close()
    return sheet.rows


def programme_rows(book: Book, known: Grants) -> Iterator[ProgrammeRow]:
    ledgers, point = book.ledgers, book.asked.point
    rows = every(lambda limit, offset: ledgers.programmes(book.asked.query(limit, offset),
                                                          point), book.paged)
    if not book.asked.body:
        return rows
    led = set(ledgers.programme_ids(ListQuery(body=book.asked.body)).rows)
    return (row for row in rows if row.programme in known.programmes
            or row.programme_id in led)


def exposure(book: Book) -> int:
    """What each live grant would still cost if notice were given on the day."""
    sheet = book.sheet("Exposure", EXPOSURE)
    asked, point = book.asked, book.asked.exposure_point
    for row in every(lambda limit, offset: book.ledgers.exposure(
            asked.notice_on, asked.query(limit, offset), point), book.paged):
        sheet.add([row.body, row.title, row.recipient, row.notice_on, row.takes_effect_on,
                   row.payable_pence, row.released_pence])
    sheet.total([SHOWN], "=SUBTOTAL(9,{range})")
    sheet.close()
    return sheet.rows


def exposure_by_body(book: Book) -> int:
    sheet = book.sheet("Exposure by body", BODY_EXPOSURE)
    asked = book.asked
    for row in book.ledgers.exposure_by_body(asked.notice_on, asked.query(),
                                             asked.exposure_point):
        sheet.add([row.body, row.notice_on, row.grants, row.payable_pence,
                   row.released_pence])
    sheet.total([SHOWN], "=SUBTOTAL(9,{range})")
    sheet.close()
    return sheet.rows
