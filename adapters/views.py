"""Ledger and audit rows printed as a table that fits the terminal, CSV, JSON or a workbook,
with money in pounds."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, BinaryIO

import click
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from xlsxwriter.workbook import Workbook

from adapters import tables
from adapters.workbook.sheet import Column, Formats, Kind, Sheet
from domain.money import Money
from readmodel.rows import AuditRow

FORMATS = ["table", "csv", "json", "xlsx"]
LEDGERS = {
    "grants": "Grant ledger",
    "grant-years": "Grant ledger by financial year",
    "funds": "Fund ledger",
    "programmes": "Programme ledger",
    "decisions": "Decision register",
    "exposure": "Exposure if notice were given",
    "exposure-by-body": "Exposure by body if notice were given",
}
AUDIT = "Audit trail"


def with_money(row: Any) -> dict[str, Any]:
    """A row's fields, with each `…_pence` field as Money under its name without the suffix."""
    result: dict[str, Any] = {}
    for name, shown, money in naming(row.__class__):
        value = getattr(row, name)
        result[shown] = Money(value) if money and value is not None else value
    return result


@cache
def naming(row_type: type) -> tuple[tuple[str, str, bool], ...]:
    """Each field of a row type: its name, the name it is shown by, whether it is money."""
    return tuple((f.name, f.name.removesuffix("_pence"), f.name.endswith("_pence"))
                 for f in dataclasses.fields(row_type))


def record(row: Any) -> dict[str, Any]:
    """A row with money as pounds ('765000.00'), dates as ISO text and nothing else changed."""
    return {name: plain(value) for name, value in with_money(row).items()}


def plain(value: Any) -> Any:
    if isinstance(value, Money):
        return value.plain()
    if isinstance(value, date):
        return value.isoformat()
    return value


def show(title: str, rows: Sequence[Any], form: str, console: Console,
         wide: bool = False) -> None:
    if form == "xlsx":
        sheet(title, rows)
    elif form == "json":
        click.echo(json.dumps([record(r) for r in rows], indent=2, ensure_ascii=False))
    elif form == "csv":
        click.echo(as_csv([record(r) for r in rows]), nl=False)
    elif not rows:
        console.print(f"{title} (0): none")
    else:
        printed(console, as_table(title, rows, None if wide else console.width), wide)


def printed(console: Console, table: Table, wide: bool) -> None:
    """A table as wide as the terminal, or with --wide as wide as its cells."""
    if wide:
        unbounded = console.options.update_width(100_000)
        width = console.measure(table, options=unbounded).maximum
        Console(width=width, file=console.file, force_terminal=console.is_terminal,
                no_color=console.no_color).print(table)
    else:
        console.print(table)


def show_trail(rows: Sequence[AuditRow], form: str, console: Console) -> None:
    """The audit trail as a list to read: each event, when, by whom, on what, and what it
    said, wrapped to the terminal at whole words."""
    if form != "table":
        show(AUDIT, rows, form, console)
        return
    console.print(Text(f"{AUDIT} ({len(rows)})", style="italic"))
    for row in rows:
        dated = row.business_date.isoformat() if row.business_date else "undated"
        recorded = row.recorded_at[:16].replace("T", " ")
        console.print(Text.assemble((f"{row.position:>7}  ", "dim"), (dated, "bold"), "  ",
                                    (row.event, "bold"), f"  by {row.actor}",
                                    (f"  recorded {recorded}", "dim")))
        about = " · ".join(filter(None, (row.body, row.decision_reference, row.subject)))
        for line in filter(None, (about, row.summary)):
            console.print(Padding(Text(line), (0, 0, 0, 9)))


def as_csv(records: list[dict[str, Any]]) -> str:
    if not records:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def shown_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def firm(value: Any) -> bool:
    return isinstance(value, Money | date | int | float) and not isinstance(value, bool)


def as_table(title: str, rows: Sequence[Any], width: int | None) -> Table:
    """Money as £765,000.00, ids left to the csv and json forms, the most needed columns
    first where the width cannot hold them all."""
    records = [with_money(r) for r in rows]
    kind: type = type(rows[0]) if rows else object
    names = [n for _, n, _ in naming(kind)] if rows else []
    names = [n for n in names if not n.endswith("_id") and n not in ("position",)]
    columns = [tables.Column(n.replace("_", " "), firm=any(firm(r[n]) for r in records),
                             right=any(isinstance(r[n], Money | int) and not
                                       isinstance(r[n], bool) for r in records))
               for n in names]
    wanted = PRIORITY.get(type(rows[0]).__name__, ()) if rows else ()
    priority = [names.index(n) for n in wanted if n in names]
    return tables.fitted(title, columns, [[shown_value(r[n]) for n in names] for r in records],
                         width, priority)


PRIORITY = {
    "GrantRow": ("decision_reference", "title", "recipient", "awarded", "paid", "outstanding",
                 "status", "committed", "body", "period_start", "period_end"),
    "GrantYearRow": ("year", "committed", "paid", "profiled", "charged", "repaid",
                     "released"),
    "FundRow": ("fund", "year", "budget", "committed", "paid", "headroom", "body", "funder"),
    "ProgrammeRow": ("programme", "funder", "year", "granted", "paid", "granted_in_kind",
                     "pledged_cash", "pledged_in_kind", "share"),
    "DecisionRow": ("reference", "title", "status", "decided_on", "authorised", "drawn",
                    "body"),
    "ExposureRow": ("title", "recipient", "payable", "takes_effect_on", "released", "body"),
    "BodyExposureRow": ("body", "grants", "payable", "released", "notice_on"),
    "DueRow": ("title", "recipient", "awarded", "lacking", "decision_reference",
               "approved_on", "body"),
}
"""Which columns a narrow terminal shows first, by the kind of row."""


def sheet(title: str, rows: Sequence[Any]) -> None:
    """The rows as a one-sheet workbook on standard output, which must not be a terminal."""
    out: BinaryIO = sys.stdout.buffer
    if out.isatty():
        raise click.UsageError("--format xlsx writes a workbook: send it to a file "
                               "(> FILE.xlsx)")
    out.write(workbook(title, rows))
    out.flush()


def workbook(title: str, rows: Sequence[Any]) -> bytes:
    """One sheet of the workbook's kind: money in pounds, dates as dates, the header frozen,
    filters on, columns as wide as what they hold."""
    buffer = io.BytesIO()
    book = Workbook(buffer, {"in_memory": True})
    kind_of_row: type = type(rows[0]) if rows else object
    fields = naming(kind_of_row) if rows else ()
    kinds = [kind_of([getattr(r, name) for r in rows], money) for name, _, money in fields]
    page = Sheet(book, Formats(book), re.sub(r"[\[\]:*?/\\]", " ", title)[:31],
                 [Column(shown.replace("_", " "), kind)
                  for (_, shown, _), kind in zip(fields, kinds, strict=True)])
    for row in rows:
        page.add([cell(getattr(row, name), kind)
                  for (name, _, _), kind in zip(fields, kinds, strict=True)])
    page.close()
    book.close()
    return buffer.getvalue()


def kind_of(values: Sequence[Any], money: bool) -> Kind:
    if money:
        return Kind.MONEY
    if any(isinstance(v, date) for v in values):
        return Kind.DATE
    if any(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return Kind.COUNT
    return Kind.TEXT


def cell(value: Any, kind: Kind) -> Any:
    return shown_value(value) if kind is Kind.TEXT else value
