"""The package as publishers' spreadsheets give it: one row a grant, each column headed by the
standard's own titles ("Recipient Org:Identifier"); a list that may hold several, each item by
its place ("Funding Org:0:Identifier"), as 360Giving's tools read them back."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from adapters.giving360.standard import grant_schema

SEVERAL = frozenset({"fundingOrganization"})
"""The lists given by place; any other holds one item, unless a grant has more."""
SHEET = "grants"
Path = tuple[str, int | None, str | None]


def resolved(node: dict[str, Any]) -> dict[str, Any]:
    """The part of the grant schema a local `$ref` points at, or the part itself."""
    reference = node.get("$ref", "")
    if reference.startswith("#/$defs/"):
        found: dict[str, Any] = grant_schema()["$defs"][reference.removeprefix("#/$defs/")]
        return found
    return node


def item_properties(name: str) -> dict[str, Any]:
    items = resolved(grant_schema()["properties"][name].get("items", {}))
    return dict(items.get("properties", {}))


def cells(grant: dict[str, Any]) -> dict[Path, Any]:
    flat: dict[Path, Any] = {}
    for name, value in grant.items():
        if not isinstance(value, list):
            flat[(name, None, None)] = value
            continue
        placed = name in SEVERAL or len(value) > 1
        for index, item in enumerate(value):
            for sub, each in item.items():
                flat[(name, index if placed else None, sub)] = each
    return flat


def title(path: Path) -> str:
    name, index, sub = path
    titles = [resolved(grant_schema()["properties"][name])["title"]]
    if index is not None:
        titles.append(str(index))
    if sub is not None:
        titles.append(item_properties(name)[sub]["title"])
    return ":".join(titles)


def order(path: Path) -> tuple[int, int, int]:
    name, index, sub = path
    names = list(grant_schema()["properties"])
    subs = list(item_properties(name)) if sub is not None else []
    return names.index(name), index or 0, subs.index(sub) if sub is not None else 0


def table(package: dict[str, Any]) -> tuple[list[str], list[list[Any]]]:
    """The headings, and a row for each grant."""
    rows = [cells(grant) for grant in package["grants"]]
    paths = sorted({path for row in rows for path in row}, key=order)
    return [title(path) for path in paths], [[row.get(path) for path in paths] for row in rows]


def xlsx(package: dict[str, Any]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = SHEET
    headings, rows = table(package)
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            if isinstance(cell.value, Decimal):
                cell.number_format = "0.00"
            elif cell.data_type == "f":
                cell.data_type = "s"  # text that starts with "=" is data, never a formula
    kept = io.BytesIO()
    workbook.save(kept)
    return kept.getvalue()


def csv_text(package: dict[str, Any]) -> str:
    headings, rows = table(package)
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(headings)
    writer.writerows([["" if value is None else value for value in row] for row in rows])
    return text.getvalue()
