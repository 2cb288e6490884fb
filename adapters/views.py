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
from datetime import date, datetime, time
from functools import cache
from typing import Any, BinaryIO

import click
import xlsxwriter
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from adapters import tables
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


def shown(value: Any) -> str:
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
    return tables.fitted(title, columns, [[shown(r[n]) for n in names] for r in records],
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
    out.write(workbook(title, [with_money(r) for r in rows]))
    out.flush()


def workbook(title: str, records: list[dict[str, Any]]) -> bytes:
    """One sheet: money as numbers in pounds, dates as dates, the header frozen, filters on."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    formats = {"money": book.add_format({"num_format": "£#,##0.00"}),
               "day": book.add_format({"num_format": "d mmm yyyy"})}
    page = book.add_worksheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31])
    names = list(records[0]) if records else []
    page.write_row(0, 0, [n.replace("_", " ") for n in names], book.add_format({"bold": True}))
    for row, values in enumerate(records, start=1):
        for col, name in enumerate(names):
            cell(page, row, col, values[name], formats)
    if records:
        page.freeze_panes(1, 0)
        page.autofilter(0, 0, len(records), len(names) - 1)
    for col, name in enumerate(names):
        longest = max((len(shown(r[name])) for r in records[:500]), default=0)
        page.set_column(col, col, min(max(len(name), longest, 6) + 2, 60))
    book.close()
    return buffer.getvalue()


def cell(page: Any, row: int, col: int, value: Any, formats: dict[str, Any]) -> None:
    """Each value as what it is; text is always text, never read as a formula."""
    if value is None:
        page.write_blank(row, col, None)
    elif isinstance(value, Money):
        page.write_number(row, col, value.pounds, formats["money"])
    elif isinstance(value, date):
        page.write_datetime(row, col, datetime.combine(value, time()), formats["day"])
    elif isinstance(value, bool):
        page.write_boolean(row, col, value)
    elif isinstance(value, int):
        page.write_number(row, col, value)
    else:
        page.write_string(row, col, str(value))
