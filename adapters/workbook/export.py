"""The workbook: a cover, then a sheet for each ledger, written a row at a time."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO

from xlsxwriter.exceptions import FileCreateError
from xlsxwriter.workbook import Workbook

from adapters.workbook import figures, records
from adapters.workbook.book import Asked, Book
from adapters.workbook.cover import Cover
from adapters.workbook.sheet import Formats
from readmodel.model import ReadModel

MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Written = Callable[[Book], int]


class WorkbookError(Exception):
    pass


def write(ledgers: ReadModel, asked: Asked, out: str | IO[bytes]) -> dict[str, int]:
    """Write the workbook to a file's path or a binary stream; the rows of each sheet."""
    workbook = Workbook(out, {"constant_memory": True})
    book = Book(workbook, Formats(workbook), ledgers, asked)
    cover = Cover(book)
    cover.write(ledgers.position())
    known = figures.profiles(book)
    sheets: list[tuple[str, str, Written]] = [
        ("Budget monitor", "Each fund by financial year: budget, committed, paid, repaid and "
         "headroom, with each fund's totals and all funds' as formulas", figures.budget),
        ("Grants", "A grant a row: status, awarded, committed, paid, repaid, outstanding, and "
         "its profile by financial year", lambda b: figures.grants(b, known)),
        ("Grant years", "Each grant by financial year: profiled, committed, charged to its "
         "fund, paid, repaid and released", lambda b: figures.grant_years(b, known)),
        ("Programmes", "Each programme's funders by financial year: pledged and granted, cash "
         "and in kind apart, paid and repaid", lambda b: figures.programmes(b, known)),
        ("Exposure", "What each live grant would still cost if notice were given on the day "
         "the cover names, and what would be released", figures.exposure),
        ("Exposure by body", "The same, in all for each body", figures.exposure_by_body),
        ("Discrepancies", "Totals the records state that their parts do not give",
         records.discrepancies),
        ("Exceptions", "What was recorded against the rules or not stated, with the reason",
         records.exceptions),
        ("Conflicts", "Facts a record states two ways, with the value the figures work with, "
         "until a treasurer settles them", records.conflicts),
        ("Audit trail", "Every event in the order recorded: who, when, the business date and "
         "what it changed", records.audit),
    ]
    rows = {name: write_sheet(book) for name, _, write_sheet in sheets}
    cover.contents([(name, holds, rows[name]) for name, holds, _ in sheets])
    try:
        workbook.close()
    except FileCreateError as error:
        raise WorkbookError(f"The workbook could not be written: {error}") from None
    return rows
