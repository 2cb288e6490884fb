"""The workbook from the command line."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from openpyxl import load_workbook

from adapters.cli import cli
from grantledger.console import wiring

Run = Callable[..., Result]


@pytest.fixture
def run(sqlite_url: str) -> Run:
    def invoke(*args: str) -> Result:
        return CliRunner().invoke(cli, list(args), obj=wiring(),
                                  env={"GRANTLEDGER_DATABASE_URL": sqlite_url})

    assert invoke("demo").exit_code == 0
    return invoke


def cover(path: Path) -> dict[str, object]:
    rows = load_workbook(path, read_only=True)["Cover"].iter_rows(values_only=True)
    return {row[0]: row[1] for row in rows if row and row[0]}


def test_a_bodys_workbook_as_at_a_day_at_an_anchored_head(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "essex.xlsx"
    result = run("export", "workbook", "--out", str(out), "--body", "essex pcc",
                 "--as-at", "2018-03-31", "--notice-on", "2017-06-01")
    assert result.exit_code == 0, result.output
    assert f"Wrote {out}: 1 grants, 3 fund years" in result.output
    head = result.output.split("at the head of the chain ")[1].strip()
    said = cover(out)
    assert (said["Body"], said["Point in time"]) == ("Essex PCC", "as at 2018-03-31")
    assert said["Head of the chain"] == head
    assert said["Which head"] == "anchored for this workbook"
    assert run("verify", "--expect", head).exit_code == 0


def test_every_bodys_workbook_as_known_at_a_moment(run: Run, tmp_path: Path) -> None:
    out = tmp_path / "books.xlsx"
    result = run("export", "workbook", "--out", str(out), "--as-known-at",
                 "2000-01-01T00:00:00")
    assert result.exit_code == 0, result.output
    assert "0 grants" in result.output
    assert cover(out)["Body"] == "Every body"


@pytest.mark.parametrize(("args", "code", "said"), [
    (["--as-at", "2018-02-30"], 2, "Invalid value for '--as-at'"),
    (["--as-known-at", "yesterday"], 2, "Invalid value for '--as-known-at'"),
    (["--notice-on", "2018/01/01"], 2, "Invalid value for '--notice-on'"),
    (["--body", "Nowhere PCC"], 1, "'Nowhere PCC' is not in the register of bodies"),
])
def test_what_cannot_be_asked_is_refused_saying_why(run: Run, tmp_path: Path,
                                                    args: list[str], code: int,
                                                    said: str) -> None:
    out = tmp_path / "books.xlsx"
    result = run("export", "workbook", "--out", str(out), *args)
    assert result.exit_code == code
    assert said in result.output
    assert not out.exists()


def test_only_a_workbook_file_and_one_that_can_be_written(run: Run, tmp_path: Path) -> None:
    wrong = run("export", "workbook", "--out", str(tmp_path / "books.csv"))
    assert wrong.exit_code == 2 and "must end .xlsx" in wrong.output
    nowhere = run("export", "workbook", "--out", str(tmp_path / "missing" / "books.xlsx"))
    assert nowhere.exit_code == 1
    assert "The workbook could not be written" in nowhere.output
    assert "Traceback" not in nowhere.output
    assert run("export", "workbook").exit_code == 2
