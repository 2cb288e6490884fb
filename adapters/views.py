"""Ledger and audit rows printed as a table, CSV or JSON, with money in pounds."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from domain.money import Money

FORMATS = ["table", "csv", "json"]
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


def show(title: str, rows: Sequence[Any], form: str, console: Console) -> None:
    records = [record(r) for r in rows]
    if form == "json":
        click.echo(json.dumps(records, indent=2, ensure_ascii=False))
    elif form == "csv":
        click.echo(as_csv(records), nl=False)
    else:
        console.print(as_table(title, records))


def as_csv(records: list[dict[str, Any]]) -> str:
    if not records:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]), lineterminator="\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def as_table(title: str, records: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{title} ({len(records)})", title_justify="left")
    columns = [c for c in (records[0] if records else {}) if not c.endswith("_id")]
    for column in columns:
        table.add_column(column.replace("_", " "), overflow="fold")
    for r in records:
        table.add_row(*("" if r[c] is None else str(r[c]) for c in columns))
    return table
