"""The command line read at 80 columns: no line longer, no word split, money in pounds with
its sign and grouping, the columns left out named, and every column with --wide."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import BytesIO

import openpyxl
import pytest
from click.testing import CliRunner, Result

from adapters.cli import cli
from grantledger.console import wiring

Run = Callable[..., Result]
WORDS = ("Perpetrator", "Worcestershire", "commissioning", "reference", "outstanding")


@pytest.fixture
def run(sqlite_url: str) -> Run:
    runner = CliRunner()

    def invoke(*args: str, columns: int = 80) -> Result:
        return runner.invoke(cli, list(args), obj=wiring(), env={
            "GRANTLEDGER_DATABASE_URL": sqlite_url, "COLUMNS": str(columns)})

    assert invoke("demo").exit_code == 0
    return invoke


def assert_reads_well(output: str) -> None:
    assert max(len(line) for line in output.splitlines()) <= 80
    for word in WORDS:
        for part in (word[:4], word[-4:]):
            split = re.search(rf"\b{part}\s*│\s*$", output, re.MULTILINE)
            assert split is None or word in output
    assert not re.search(r"£[0-9,]+\.[0-9]?\s*│\s*$\n.*│\s*[0-9]", output, re.MULTILINE)


@pytest.mark.parametrize("ledger", ["grants", "grant-years", "funds", "programmes",
                                    "decisions", "exposure", "exposure-by-body"])
def test_every_ledger_reads_well_at_80_columns(run: Run, ledger: str) -> None:
    shown = run("ledger", ledger, "--notice-on", "2020-05-01")
    assert shown.exit_code == 0, shown.output
    assert_reads_well(shown.output)


def test_money_is_shown_in_pounds_with_its_sign_and_grouping(run: Run) -> None:
    shown = run("ledger", "grants").output
    assert "£765,000.00" in shown and "£121,197.00" in shown
    assert "765000.00" not in shown


def test_words_are_wrapped_whole_never_split(run: Run) -> None:
    shown = run("ledger", "decisions").output
    cells = " ".join(" ".join(cell.strip() for cell in line.split("│"))
                     for line in shown.splitlines())
    for word in ("Perpetrator", "commissioning", "Worcestershire)", "Sustaining"):
        assert word in cells


def test_columns_that_do_not_fit_are_named_and_wide_shows_them(run: Run) -> None:
    narrow = run("ledger", "grants").output
    wide = run("ledger", "grants", "--wide").output
    assert "Not shown:" in narrow and "--wide shows them" in narrow
    assert "Not shown:" not in wide
    assert "period start" in wide and "£765,000.00" in wide
    assert max(len(line) for line in wide.splitlines()) > 80


def test_the_report_reads_well_at_80_columns(run: Run) -> None:
    shown = run("report")
    assert shown.exit_code == 0
    assert_reads_well(shown.output)
    assert "Exceptions (13)" in shown.output


def test_the_audit_trail_is_a_list_to_read(run: Run) -> None:
    shown = run("audit", "--decision", "PCD 663").output
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert "┃" not in shown and "│" not in shown
    assert re.search(r"^\s+\d+  2019-12-11  Approved  by ", shown, re.MULTILINE)
    assert "MOPAC · PCD 663 · Mayor's VAWG Fund" in shown


def test_a_table_is_given_as_a_workbook_with_money_and_dates_as_such(run: Run) -> None:
    made = run("ledger", "grants", "--format", "xlsx")
    assert made.exit_code == 0, made.output
    sheet = openpyxl.load_workbook(BytesIO(made.stdout_bytes)).active
    header = [c.value for c in sheet[1]]
    awarded = header.index("awarded") + 1
    approved = header.index("approved on") + 1
    amounts = {sheet.cell(row, awarded).value for row in range(2, sheet.max_row + 1)}
    assert 765000 in amounts
    assert sheet.cell(2, awarded).number_format == "£#,##0.00"
    assert sheet.cell(2, approved).is_date
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_the_report_is_given_as_the_treasurers_workbook(run: Run) -> None:
    made = run("report", "--format", "xlsx")
    assert made.exit_code == 0, made.output
    book = openpyxl.load_workbook(BytesIO(made.stdout_bytes))
    assert {"Cover", "Budget monitor", "Grants", "Audit trail"} <= set(book.sheetnames)
