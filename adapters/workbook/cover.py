"""The cover: whose figures, at what point in time, made when, and the head of the chain
they come from; then what each sheet holds."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from xlsxwriter.worksheet import Worksheet

from adapters.workbook.book import Book
from adapters.workbook.sheet import DATE_FORMAT, MOMENT_FORMAT

TITLE = "Grantledger workbook"


class Cover:
    def __init__(self, book: Book) -> None:
        self.book = book
        self.sheet: Worksheet = book.workbook.add_worksheet("Cover")
        self.date = book.workbook.add_format({"num_format": DATE_FORMAT, "align": "left"})
        self.moment = book.workbook.add_format({"num_format": MOMENT_FORMAT, "align": "left"})
        self.row = 0

    def write(self, position: int) -> None:
        asked = self.book.asked
        point = asked.point
        self.sheet.write_string(0, 0, TITLE, self.book.workbook.add_format(
            {"bold": True, "font_size": 14}))
        self.row = 2
        self.line("Body", asked.body or "Every body")
        self.line("Point in time", str(point))
        self.line("As at (business date)", point.as_at)
        self.line("As known at (UTC)", point.as_known_at and utc(point.as_known_at))
        self.line("Exposure if notice were given on", asked.notice_on)
        self.line("Made at (UTC)", utc(asked.made_at))
        self.line("The ledgers hold the log up to position", position)
        for label, value in head_lines(self.book):
            self.line(label, value)
        self.row += 1

    def line(self, label: str, value: Any) -> None:
        if value is None:
            return
        self.sheet.write_string(self.row, 0, label, self.book.formats.label)
        if isinstance(value, datetime):
            self.sheet.write_datetime(self.row, 1, value, self.moment)
        elif isinstance(value, date):
            self.sheet.write_datetime(self.row, 1, value, self.date)
        elif isinstance(value, int):
            self.sheet.write_number(self.row, 1, value)
        else:
            self.sheet.write_string(self.row, 1, value)
        self.row += 1

    def contents(self, sheets: Sequence[tuple[str, str, int]]) -> None:
        """What each sheet holds, and how many rows."""
        header = self.book.formats.header
        self.sheet.write_row(self.row, 0, ["Sheet", "What it holds", "Rows"], header)
        for name, holds, rows in sheets:
            self.row += 1
            self.sheet.write_url(self.row, 0, f"internal:'{name}'!A1", string=name)
            self.sheet.write_string(self.row, 1, holds)
            self.sheet.write_number(self.row, 2, rows)
        self.sheet.set_column(0, 0, 40)
        self.sheet.set_column(1, 1, 90)
        self.sheet.set_column(2, 2, 8)


def head_lines(book: Book) -> list[tuple[str, Any]]:
    head, asked = book.asked.head, book.asked
    if head is None:
        return [("Head of the chain", "not anchored yet: `grantledger anchor` anchors it")]
    said = "anchored for this workbook" if asked.anchored_now else "the latest anchored"
    return [("Head of the chain", str(head)),
            ("Anchored at (UTC)", head.anchored_at),
            ("Which head", said),
            ("Check it with", f"grantledger verify --expect {head}")]


def utc(moment: datetime) -> datetime:
    """A moment as a spreadsheet holds one: in UTC, with no offset."""
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment
