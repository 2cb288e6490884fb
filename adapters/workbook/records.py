"""The sheets of what to look into, and of who did what: discrepancies, exceptions,
conflicts and the audit trail."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from adapters.workbook.book import Book
from adapters.workbook.pages import every
from adapters.workbook.sheet import Column, Kind, day, moment, money
from readmodel.ledgers import ListQuery
from readmodel.points import Point

Ledger = Callable[[ListQuery, Point], Any]

DISCREPANCIES = (Column("Body"), Column("Decision"), Column("What"), money("Stated"),
                 money("Derived"), money("Difference"))
EXCEPTIONS = (Column("Body"), Column("Record"), Column("What"), Column("Reason"))
CONFLICTS = (Column("Body"), Column("Decision"), Column("Fact"), Column("Stated"),
             Column("Working value"))
AUDIT = (Column("Position", Kind.NUMBER), Column("Recorded at (UTC)", Kind.MOMENT),
         day("Business date"), day("Effective date"), Column("Actor"), Column("Record"),
         Column("Event"), Column("Body"), Column("Decision"), Column("Subject"),
         Column("Summary"), money("Amount"), Column("Financial year"),
         Column("Version", Kind.NUMBER))


def listed(book: Book, name: str, columns: tuple[Column, ...], ledger: Ledger,
           cells: Callable[[Any], list[Any]]) -> int:
    """A sheet of one of the ledgers' lists, a page at a time, at the book's point."""
    sheet = book.sheet(name, columns)
    for row in every(lambda limit, offset: ledger(book.asked.query(limit, offset),
                                                  book.asked.point)):
        sheet.add(cells(row))
    sheet.close()
    return sheet.rows


def discrepancies(book: Book) -> int:
    """Totals the records state that their parts do not give."""
    return listed(book, "Discrepancies", DISCREPANCIES, book.ledgers.discrepancies,
                  lambda row: [row.body, row.decision_reference or "", row.what,
                               row.stated_pence, row.derived_pence, row.difference_pence])


def exceptions(book: Book) -> int:
    return listed(book, "Exceptions", EXCEPTIONS, book.ledgers.exceptions,
                  lambda row: [row.body, row.record, row.what, row.reason])


def conflicts(book: Book) -> int:
    return listed(book, "Conflicts", CONFLICTS, book.ledgers.conflicts,
                  lambda row: [row.body, row.decision_reference or "", row.fact, row.stated,
                               row.working])


def audit(book: Book) -> int:
    """Every event of the body's records in the order recorded, up to the point."""
    sheet = book.sheet("Audit trail", AUDIT)
    for row in every(lambda limit, offset: book.ledgers.audit(book.asked.audit(limit, offset))):
        sheet.add([row.position, moment(row.recorded_at), row.business_date,
                   row.effective_date, row.actor, row.record_type, row.event, row.body,
                   row.decision_reference or "", row.subject, row.summary, row.amount_pence,
                   row.year, row.version])
    sheet.close()
    return sheet.rows
