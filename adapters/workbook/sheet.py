"""One table of the workbook: a header row frozen above rows written in order (the workbook
keeps only the row being written in memory), filters over them, totals below as formulas, and
columns as wide as what they hold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from enum import Enum, auto
from typing import Any

from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

MONEY_FORMAT = "£#,##0.00"
DATE_FORMAT = "d mmm yyyy"
MOMENT_FORMAT = "d mmm yyyy hh:mm:ss"
WIDEST = 60


class Kind(Enum):
    TEXT = auto()
    MONEY = auto()
    DATE = auto()
    MOMENT = auto()
    COUNT = auto()
    NUMBER = auto()
    SHARE = auto()


@dataclass(frozen=True)
class Column:
    title: str
    kind: Kind = Kind.TEXT

    @property
    def summed(self) -> bool:
        return self.kind in (Kind.MONEY, Kind.COUNT)


def money(title: str) -> Column:
    return Column(title, Kind.MONEY)


def day(title: str) -> Column:
    return Column(title, Kind.DATE)


def shown(pence: int) -> str:
    """Pence as the money format shows them, for the column's width."""
    return f"{'-' if pence < 0 else ''}£{Decimal(abs(pence)).scaleb(-2):,.2f}"


class Formats:
    def __init__(self, book: Workbook) -> None:
        self.header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True,
                                       "valign": "top"})
        self.label = book.add_format({"bold": True})
        self.by_kind = {
            Kind.MONEY: book.add_format({"num_format": MONEY_FORMAT}),
            Kind.DATE: book.add_format({"num_format": DATE_FORMAT}),
            Kind.MOMENT: book.add_format({"num_format": MOMENT_FORMAT}),
            Kind.COUNT: book.add_format({"num_format": "#,##0"}),
            Kind.NUMBER: book.add_format({"num_format": "0"}),
            Kind.SHARE: book.add_format({"num_format": "0.00%"}),
        }
        self.total = {
            Kind.MONEY: book.add_format({"num_format": MONEY_FORMAT, "bold": True, "top": 1}),
            Kind.COUNT: book.add_format({"num_format": "#,##0", "bold": True, "top": 1}),
        }


class Sheet:
    def __init__(self, book: Workbook, formats: Formats, name: str,
                 columns: Sequence[Column]) -> None:
        self.sheet: Worksheet = book.add_worksheet(name)
        self.formats = formats
        self.columns = list(columns)
        self.widths = [max(len(word) for word in c.title.split()) for c in self.columns]
        self.sums = [0] * len(self.columns)
        self.rows = 0
        self.row = 1
        self.sheet.write_row(0, 0, [c.title for c in self.columns], formats.header)

    def add(self, values: Sequence[Any]) -> None:
        for col, value in enumerate(values):
            self.put(self.row, col, value, self.columns[col].kind)
            if self.columns[col].summed and value is not None:
                self.sums[col] += value
        self.rows += 1
        self.row += 1

    def put(self, row: int, col: int, value: Any, kind: Kind) -> None:
        if value is None or value == "":
            return
        if kind is Kind.MONEY:
            self.sheet.write_number(row, col, value / 100, self.formats.by_kind[kind])
            self.fit(col, shown(value))
        elif kind in (Kind.DATE, Kind.MOMENT):
            self.sheet.write_datetime(row, col, value, self.formats.by_kind[kind])
            self.fit(col, "30 Sep 2000" + (" 00:00:00" if kind is Kind.MOMENT else ""))
        elif kind in (Kind.COUNT, Kind.NUMBER, Kind.SHARE):
            self.sheet.write_number(row, col, value, self.formats.by_kind[kind])
            self.fit(col, "100.00%" if kind is Kind.SHARE else f"{value:,}")
        else:
            self.sheet.write_string(row, col, str(value))
            self.fit(col, str(value))

    def fit(self, col: int, text: str) -> None:
        self.widths[col] = max(self.widths[col], min(len(text), WIDEST))

    def span(self, col: int) -> str:
        """The column's rows of figures as an absolute range (with none, the row below the
        header, left blank)."""
        letter = xl_col_to_name(col)
        return f"{letter}$2:{letter}${max(self.rows, 1) + 1}"

    def total(self, labels: Sequence[str], formula: str,
              sums: Sequence[int] | None = None) -> None:
        """A row below the figures, after a blank one: the labels from the first column, then
        in each summed column the formula, its `{range}` the column's figures and `{row}`
        this row's number, with the result worked out here (`sums`, or the column's total)
        for readers that do not recalculate."""
        if self.row == self.rows + 1:
            self.row += 1
        for col, label in enumerate(labels):
            if not label:
                continue
            self.sheet.write_string(self.row, col, label, self.formats.label)
            self.fit(col, label)
        for col, column in enumerate(self.columns):
            if not column.summed:
                continue
            result = (sums or self.sums)[col]
            cached = result / 100 if column.kind is Kind.MONEY else result
            text = formula.format(range=self.span(col), row=self.row + 1)
            self.sheet.write_formula(self.row, col, text, self.formats.total[column.kind],
                                     cached)
            self.fit(col, shown(result) if column.kind is Kind.MONEY else f"{result:,}")
        self.row += 1

    def close(self) -> None:
        self.sheet.freeze_panes(1, 0)
        self.sheet.autofilter(0, 0, self.rows, len(self.columns) - 1)
        for col, width in enumerate(self.widths):
            self.sheet.set_column(col, col, width + 2)


def moment(text: str) -> datetime:
    """A recorded time as a spreadsheet holds one: in UTC, with no offset."""
    parsed = datetime.fromisoformat(text)
    return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed
