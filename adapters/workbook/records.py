"""The sheets of what to look into, and of who did what: discrepancies, exceptions,
conflicts and the audit trail."""

from __future__ import annotations

from collections.abc import Iterator

from adapters.workbook.book import Book
from adapters.workbook.pages import every
from adapters.workbook.sheet import Column, Kind, day, moment, money
from readmodel.rows import AuditRow

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


def discrepancies(book: Book) -> int:
    """Totals the records state that their parts do not give."""
    sheet = book.sheet("Discrepancies", DISCREPANCIES)
    point = book.asked.point
    for row in every(lambda limit, offset: book.ledgers.discrepancies(
            book.asked.query(limit, offset), point)):
        sheet.add([row.body, row.decision_reference or "", row.what, row.stated_pence,
                   row.derived_pence, row.difference_pence])
    sheet.close()
    return sheet.rows


def exceptions(book: Book) -> int:
    sheet = book.sheet("Exceptions", EXCEPTIONS)
    point = book.asked.point
    for row in every(lambda limit, offset: book.ledgers.exceptions(
            book.asked.query(limit, offset), point)):
        sheet.add([row.body, row.record, row.what, row.reason])
    sheet.close()
    return sheet.rows


def conflicts(book: Book) -> int:
    sheet = book.sheet("Conflicts", CONFLICTS)
    point = book.asked.point
    for row in every(lambda limit, offset: book.ledgers.conflicts(
            book.asked.query(limit, offset), point)):
        sheet.add([row.body, row.decision_reference or "", row.fact, row.stated,
                   row.working])
    sheet.close()
    return sheet.rows


def audit(book: Book) -> int:
    """Every event of the body's records in the order recorded, up to the point."""
    sheet = book.sheet("Audit trail", AUDIT)
    for row in audit_rows(book):
        sheet.add([row.position, moment(row.recorded_at), row.business_date,
                   row.effective_date, row.actor, row.record_type, row.event, row.body,
                   row.decision_reference or "", row.subject, row.summary, row.amount_pence,
                   row.year, row.version])
    sheet.close()
    return sheet.rows


def audit_rows(book: Book) -> Iterator[AuditRow]:
    rows = every(lambda limit, offset: book.ledgers.audit(book.asked.audit(limit, offset)))
    known_at = book.asked.point.as_known_at
    if known_at is None:
        return rows
    until = moment(known_at.isoformat())
    return (row for row in rows if moment(row.recorded_at) <= until)
