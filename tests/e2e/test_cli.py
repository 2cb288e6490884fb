"""The command line as a treasurer uses it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.cli import cli
from grantledger.console import wiring

DOSSIERS = Path(__file__).resolve().parents[2] / "adapters" / "dossiers"


@pytest.fixture
def run(sqlite_url: str) -> object:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), obj=wiring(),
                             env={"GRANTLEDGER_DATABASE_URL": sqlite_url})

    return invoke


def test_demo_then_report_as_json(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").exit_code == 0
    result = run("report", "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {(d["reference"], d["body"], d["status"]) for d in report["decisions"]} == {
        ("PCC/0128/15", "Essex PCC", "approved"),
        ("PCC/D/2018/25", "West Mercia PCC", "approved"),
        ("2022-0007", "Cleveland PCC", "approved"),
        ("PCD 663", "MOPAC", "approved"),
        ("PCC036/18", "Essex PFCC", "approved"),
    }
    safelives = next(g for g in report["grants"] if g["decision_reference"] == "PCC/0128/15")
    assert safelives["recipient"] == "SafeLives"
    assert (safelives["awarded"], safelives["paid"]) == ("765000.00", "0.00")
    assert safelives["profile"] == {
        "2016-17": "268000.00",
        "2017-18": "284000.00",
        "2018-19": "213000.00",
    }
    west_mercia = next(
        d for d in report["discrepancies"] if d["decision_reference"] == "PCC/D/2018/25"
    )
    assert (west_mercia["stated"], west_mercia["derived"], west_mercia["difference"]) == (
        "575290.00",
        "575291.00",
        "-1.00",
    )


def test_demo_twice_loads_nothing_twice(run) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    again = run("demo")
    assert again.exit_code == 0 and again.output.count("already loaded") == 5
    assert len(json.loads(run("report", "--json").output)["grants"]) == 6


def test_report_prints_the_tables(run) -> None:  # type: ignore[no-untyped-def]
    run("demo")
    output = run("report").output
    for heading in ("Decisions (5)", "Grants (6)", "Discrepancies (3)", "Exceptions (13)"):
        assert heading in output
    assert "£765,000.00" in output


def test_import_of_a_dossier_file(run) -> None:  # type: ignore[no-untyped-def]
    result = run("import", str(DOSSIERS / "3_cleveland_pcc_2022_0007.json"))
    assert result.exit_code == 0 and "Cleveland PCC 2022-0007 imported" in result.output


def test_a_bad_dossier_names_the_file_the_field_and_the_problem(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    document = json.loads((DOSSIERS / "1_essex_pcc_0128_15.json").read_text())
    document["grants"][0]["amount"] = 765000.5
    document["decision"]["outcome"]["on"] = "23/11/2015"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = run("import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: grants[0].amount: Give money as a string" in result.output
    assert f"{bad}: decision.outcome.on: Give a date as YYYY-MM-DD" in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("report", "--json").output)["decisions"] == []


def test_a_file_that_is_not_json_is_refused_cleanly(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    bad = tmp_path / "notes.json"
    bad.write_text("{ not json")
    result = run("import", str(bad), str(tmp_path / "missing.json"))
    assert result.exit_code == 1
    assert f"{bad}: file: not valid JSON" in result.output
    assert "missing.json: file: No such file or directory" in result.output


def test_a_bad_database_url_gets_one_line_naming_the_setting() -> None:
    result = CliRunner().invoke(cli, ["report"], obj=wiring(),
                                env={"GRANTLEDGER_DATABASE_URL": "mysql://x/y"})
    assert result.exit_code == 1
    assert result.output.strip().startswith("Error: GRANTLEDGER_DATABASE_URL must be")
    assert len(result.output.strip().splitlines()) == 1


def test_the_ledgers_audit_and_verify_from_the_command_line(run, sqlite_url: str) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").exit_code == 0

    funds = json.loads(run("ledger", "funds", "--format", "json").output)
    essex = next(
        f for f in funds if f["fund"] == "Community Safety Fund" and f["year"] == "2016-17"
    )
    assert (essex["committed"], essex["paid"], essex["budget"]) == ("208000.00", "0.00", None)

    exposure = run("ledger", "exposure", "--notice-on", "2017-01-15", "--format", "csv").output
    assert "SafeLives Drive pilot,SafeLives,2017-01-15,2017-02-15,268000.00,497000.00" in exposure

    trail = run("audit", "--decision", "PCC/0128/15", "--format", "json")
    assert trail.exit_code == 0
    assert {row["decision_reference"] for row in json.loads(trail.output)} == {"PCC/0128/15"}

    verified = run("verify")
    assert verified.exit_code == 0 and "Chain intact: 103 events" in verified.output

    import sqlite3

    with sqlite3.connect(sqlite_url.removeprefix("sqlite:///")) as conn:
        conn.execute("UPDATE stored_events SET topic = topic || ' ' WHERE rowid = 3")
    broken = run("verify")
    assert broken.exit_code == 1
    assert "Chain broken at position 3" in broken.output


def test_report_as_at_and_as_known_at(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").exit_code == 0
    as_at = json.loads(run("report", "--json", "--as-at", "2019-03-31").output)
    assert as_at["books"] == "as at 2019-03-31"
    assert {d["reference"] for d in as_at["decisions"]} == {
        "PCC/0128/15",
        "PCC036/18",
        "PCC/D/2018/25",
    }
    before = json.loads(run("report", "--json", "--as-known-at", "2020-01-01T00:00:00Z").output)
    assert before["decisions"] == [] and before["grants"] == []
    assert run("report", "--as-at", "31/03/2019").exit_code == 2


def test_a_rebuild_ends_with_the_same_ledgers(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").exit_code == 0
    before = run("ledger", "grants", "--format", "csv").output
    rebuilt = run("rebuild")
    assert rebuilt.exit_code == 0
    assert "Rebuilt the ledgers from the log: 103 events" in rebuilt.output
    assert run("ledger", "grants", "--format", "csv").output == before


@pytest.mark.parametrize(("field", "value", "said"), [
    ("amount", "1e20", "not an amount such as"),
    ("amount", "99999999999999999999.99", "more than 13 digits of pounds"),
    ("title", "Drive\u0000", "NUL character"),
    ("title", "Drive \ud800", "unpaired surrogate"),
    ("period_end", "2200-03-31", "outside the dates recorded here"),
])
def test_a_dossier_file_with_what_cannot_be_held_is_refused_cleanly(  # type: ignore[no-untyped-def]
    run, tmp_path: Path, field: str, value: str, said: str
) -> None:
    document = json.loads((DOSSIERS / "1_essex_pcc_0128_15.json").read_text())
    document["grants"][0][field] = value
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    result = run("import", str(bad))
    assert result.exit_code == 1
    assert f"{bad}: grants[0].{field}: " in result.output and said in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("report", "--json").output)["grants"] == []
    assert run("demo").exit_code == 0


def test_rebuild_if_needed_does_nothing_when_the_ledgers_are_current(run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").exit_code == 0
    result = run("rebuild", "--if-needed")
    assert result.exit_code == 0 and "nothing to rebuild" in result.output


def test_a_user_of_a_body_the_store_does_not_know_is_refused_naming_those_it_does(  # type: ignore[no-untyped-def]
    run,
) -> None:
    assert run("demo").exit_code == 0
    typo = run("users", "add", "greg", "--role", "officer", "--body", "Essex")
    assert typo.exit_code == 1
    assert "There is no body 'Essex'" in typo.output
    assert "Essex PCC" in typo.output and "--new-body" in typo.output
    added = run("users", "add", "greg", "--role", "officer", "--body", "essex pcc")
    assert added.exit_code == 0 and "of Essex PCC" in added.output
    new = run("users", "add", "nia", "--role", "officer", "--body", "Gwent PCC", "--new-body")
    assert new.exit_code == 0
    assert "Gwent PCC" in run("users", "list").output


def test_the_monthly_check_lists_grants_awarded_and_not_published(  # type: ignore[no-untyped-def]
        run) -> None:
    run("demo")
    due = run("publish", "check", "--month", "2022-09", "--format", "json")
    assert due.exit_code == 1, due.output
    assert sorted((row["recipient"], row["lacking"]) for row in json.loads(due.output)) == [
        (recipient, "conditions, crime reduction reasons") for recipient in (
            "Barefoot Social Research", "Harbour Support Services", "My Sister's Place")]
    published = run("publish", "check", "--month", "2015-11")
    assert published.exit_code == 0
    assert "All 1 grants awarded in November 2015 are published" in published.output
    none_awarded = run("publish", "check", "--month", "2001-01")
    assert none_awarded.exit_code == 0
    assert "All 0 grants awarded in January 2001 are published" in none_awarded.output
    assert run("publish", "check", "--month", "2015-13").exit_code == 2


def test_the_register_is_written_as_a_site_at_an_anchored_head(  # type: ignore[no-untyped-def]
        run, tmp_path: Path) -> None:
    run("demo")
    written = run("publish", "register", "--out", str(tmp_path / "site"))
    assert written.exit_code == 0, written.output
    assert "5 decisions and 3 grants published" in written.output
    head = written.output.split("verify --expect ")[1].split("`")[0]
    assert head in (tmp_path / "site" / "index.html").read_text()
    assert run("verify", "--expect", head).exit_code == 0
    mopac = run("publish", "register", "--out", str(tmp_path / "mopac"), "--body", "mopac")
    assert "1 decision and 2 grants published" in mopac.output
    unknown = run("publish", "register", "--out", str(tmp_path / "x"), "--body", "Gwent PCC")
    assert unknown.exit_code == 1
    assert "'Gwent PCC' is not in the register of bodies" in unknown.output
    assert not (tmp_path / "x").exists()
