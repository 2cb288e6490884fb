"""The ledgers as a workbook, built from the five source decision records and read back."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from adapters import dossier, workbook
from adapters.system import System
from adapters.workbook import figures, records
from adapters.workbook.sheet import MONEY_FORMAT
from grantledger import bootstrap
from readmodel.ledgers import ListQuery
from readmodel.points import Point, for_notice

SHEETS = ["Cover", "Budget monitor", "Grants", "Grant years", "Programmes", "Exposure",
          "Exposure by body", "Discrepancies", "Exceptions", "Conflicts", "Audit trail"]
NOTICE_ON = date(2020, 6, 1)


@pytest.fixture
def system(store_url: str) -> Iterator[System]:
    built = bootstrap.build(store_url)
    for name, document in dossier.shipped():
        dossier.import_dossier(built.app, document, name, "test")
    yield built
    built.close()


def asked(system: System, **changes: Any) -> workbook.Asked:
    return replace(workbook.Asked("", Point(), NOTICE_ON, system.today(), datetime.now(UTC),
                                  system.anchors.anchor("test")), **changes)


def made(system: System, path: Path, **changes: Any) -> dict[str, Worksheet]:
    workbook.write(system.ledgers, asked(system, **changes), str(path))
    book = load_workbook(path)
    return {sheet.title: sheet for sheet in book.worksheets}


def table(sheet: Worksheet) -> list[dict[str, Any]]:
    """The rows of figures under the header, as cells by title (the totals left out)."""
    header = [c.value for c in sheet[1]]
    rows = []
    for cells in sheet.iter_rows(min_row=2):
        if cells[0].value is None:
            break
        rows.append(dict(zip(header, cells, strict=True)))
    return rows


def pence(value: Any) -> int:
    return int(Decimal(str(value)) * 100)


def test_every_sheet_with_its_header_frozen_and_filtered(system: System, tmp_path: Path) -> None:
    sheets = made(system, tmp_path / "books.xlsx")
    assert list(sheets) == SHEETS
    headers = {"Budget monitor": figures.BUDGET, "Grant years": figures.GRANT_YEARS,
               "Programmes": figures.PROGRAMMES, "Exposure": figures.EXPOSURE,
               "Exposure by body": figures.BODY_EXPOSURE, "Discrepancies": records.DISCREPANCIES,
               "Exceptions": records.EXCEPTIONS, "Conflicts": records.CONFLICTS,
               "Audit trail": records.AUDIT}
    for name, columns in headers.items():
        assert [c.value for c in sheets[name][1]] == [c.title for c in columns], name
    grant_header = [c.value for c in sheets["Grants"][1]]
    assert grant_header[-5:] == ["Profile 2016-17", "Profile 2017-18", "Profile 2018-19",
                                 "Profile 2020-21", "Profile 2022-23"]
    for name in SHEETS[1:]:
        assert sheets[name].freeze_panes == "A2", name
        assert sheets[name].auto_filter.ref.startswith("A1:"), name


def test_the_grants_as_the_ledger_gives_them(system: System, tmp_path: Path) -> None:
    sheets = made(system, tmp_path / "books.xlsx")
    rows = table(sheets["Grants"])
    ledger = system.ledgers.grants().rows
    assert [r["Grant"].value for r in rows] == [g.title for g in ledger]
    safelives = next(r for r in rows if r["Grant"].value == "SafeLives Drive pilot")
    assert safelives["Awarded"].number_format == MONEY_FORMAT
    assert pence(safelives["Awarded"].value) == 765_000_00
    assert [pence(safelives[f"Profile {y}"].value) for y in ("2016-17", "2017-18", "2018-19")] \
        == [268_000_00, 284_000_00, 213_000_00]
    assert safelives["Approved on"].is_date
    assert safelives["Approved on"].value.date() == date(2015, 11, 23)
    assert safelives["Conflicted"].value == "yes"
    widest = max(len(g.title) for g in ledger)
    assert sheets["Grants"].column_dimensions["C"].width >= widest


def test_the_budget_monitor_totals_are_formulas(system: System, tmp_path: Path) -> None:
    sheet = made(system, tmp_path / "books.xlsx")["Budget monitor"]
    rows = table(sheet)
    assert len(rows) == system.ledgers.funds().total
    assert all(r["Committed"].number_format == MONEY_FORMAT for r in rows)
    below = [[c.value for c in cells] for cells in sheet.iter_rows(min_row=len(rows) + 3)]
    labels = [(row[0], row[1], row[3]) for row in below]
    assert labels == [("Cleveland PCC", "Perpetrator Programme 2022-23", "Total"),
                      ("Essex PCC", "Community Safety Fund", "Total"),
                      ("MOPAC", "Mayor's VAWG Fund", "Total"),
                      ("All funds", None, None), ("Rows shown by the filter", None, None)]
    assert below[0][5].startswith("=SUMIFS(F$2:F$8,A$2:A$8,$A")
    assert below[3][5] == "=SUM(F$2:F$8)"
    assert below[4][5] == "=SUBTOTAL(9,F$2:F$8)"


def test_one_bodys_figures_at_a_past_point(system: System, tmp_path: Path) -> None:
    point = Point(as_at=date(2019, 1, 1))
    sheets = made(system, tmp_path / "essex.xlsx", body="Essex PCC", point=point)
    cover = {row[0]: row[1] for row in sheets["Cover"].iter_rows(values_only=True) if row[0]}
    assert cover["Body"] == "Essex PCC"
    assert cover["Point in time"] == "as at 2019-01-01"
    assert cover["As at (business date)"].date() == date(2019, 1, 1)
    assert cover["Head of the chain"] == str(system.anchors.latest())
    for name in ("Budget monitor", "Grants", "Exposure", "Discrepancies", "Exceptions",
                 "Conflicts", "Audit trail"):
        assert {r["Body"].value for r in table(sheets[name])} <= {"Essex PCC"}, name
    query = ListQuery(tenant="Essex PCC")
    assert len(table(sheets["Grants"])) == system.ledgers.grants(query, point).total == 1
    trail = table(sheets["Audit trail"])
    assert trail and all(r["Business date"].value.date() <= point.as_at for r in trail)
    assert all(r["Recorded at (UTC)"].is_date for r in trail)
    assert {r["Programme"].value for r in table(sheets["Programmes"])} == {"Drive"}


def test_exposure_if_notice_were_given_on_a_day(system: System, tmp_path: Path) -> None:
    sheets = made(system, tmp_path / "books.xlsx")
    point = for_notice(Point(), NOTICE_ON, system.today())
    assert point == Point(as_at=NOTICE_ON)
    ledger = system.ledgers.exposure(NOTICE_ON, point=point).rows
    assert ledger
    rows = table(sheets["Exposure"])
    assert [pence(r["Still payable"].value) for r in rows] == [e.payable_pence for e in ledger]
    assert all(r["Notice given on"].value.date() == NOTICE_ON for r in rows)
    by_body = table(sheets["Exposure by body"])
    assert [(r["Body"].value, pence(r["Still payable"].value)) for r in by_body] == [
        (e.body, e.payable_pence) for e in system.ledgers.exposure_by_body(NOTICE_ON,
                                                                              point=point)]
