"""The 360Giving export from the command line, on the five source decision records."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import flattentool
import pytest
from click.testing import CliRunner, Result
from jsonschema import Draft202012Validator

from adapters.cli import cli
from adapters.giving360 import standard
from domain.commands import PublishGrant, StateGrantPublicationFacts
from grantledger.console import wiring

DOSSIERS = Path(__file__).resolve().parents[2] / "adapters" / "dossiers"
Run = Callable[..., Result]


@pytest.fixture
def run(store_url: str) -> Run:
    def invoke(*args: str, **env: str) -> Result:
        return CliRunner().invoke(cli, list(args), obj=wiring(),
                                  env={"GRANTLEDGER_DATABASE_URL": store_url, **env})

    return invoke


def imported(run: Run, folder: Path | None = None) -> None:
    files = sorted((folder or DOSSIERS).glob("*.json"))
    assert len(files) == 5
    result = run("import", *map(str, files))
    assert result.exit_code == 0, result.output


def valid_package(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(path.read_text(), parse_float=Decimal)
    validator = Draft202012Validator(standard.package_schema(), registry=standard.registry(),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert list(validator.iter_errors(document)) == []
    return document


def test_every_grant_of_the_five_records_exports_valid_against_the_standard(
        run: Run, tmp_path: Path) -> None:
    imported(run)
    out = tmp_path / "grants.json"
    result = run("export", "360giving", "--all", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Wrote 6 grants" in result.output
    document = valid_package(out)
    assert document["version"] == "1.4" and document["license"].startswith("https://")
    grants = {g["title"]: g for g in document["grants"]}
    assert len(grants) == 6
    safelives = grants["SafeLives Drive pilot"]
    assert safelives["amountAwarded"] == Decimal("765000.00")
    assert '"amountAwarded": 765000.00' in out.read_text()
    assert safelives["recipientOrganization"] == [{"id": "GB-CHC-1106864", "name": "SafeLives"}]
    assert [f["name"] for f in safelives["fundingOrganization"]] == ["Essex PCC", "Partners"]
    assert all(g["id"].startswith("360G-") and "/" not in g["id"] for g in grants.values())


def test_a_body_and_a_period_choose_the_grants(run: Run, tmp_path: Path) -> None:
    imported(run)
    out = tmp_path / "cleveland.json"
    result = run("export", "360giving", "--all", "--body", "Cleveland PCC", "--from",
                 "2022-01-01", "--to", "2022-12-31", "--out", str(out))
    assert result.exit_code == 0, result.output
    document = valid_package(out)
    assert document["publisher"] == {"identifier": "360G-clevelandpcc-cleveland-pcc",
                                     "name": "Cleveland PCC"}
    assert len(document["grants"]) == 3
    assert all(g["id"].startswith("360G-clevelandpcc-") for g in document["grants"])
    none = run("export", "360giving", "--all", "--body", "Cleveland PCC", "--to", "2021-12-31",
               "--out", str(out))
    assert none.exit_code == 1
    assert "No grant awarded by Cleveland PCC to 2021-12-31 can be exported" in none.output


def test_by_default_only_the_grants_on_the_register_go_out(run: Run, store_url: str,
                                                          tmp_path: Path) -> None:
    imported(run)
    out = tmp_path / "register.json"
    published = run("export", "360giving", "--out", str(out))
    assert published.exit_code == 0, published.output
    on_the_register = sorted(g["title"] for g in valid_package(out)["grants"])
    assert on_the_register == ["Drive Central Team (London) 2020-21", "Drive in Croydon 2020-21",
                               "SafeLives Drive pilot"]
    cleveland = run("export", "360giving", "--body", "Cleveland PCC", "--out", str(out))
    assert cleveland.exit_code == 1
    assert "No grant on the register awarded by Cleveland PCC can be exported" in \
        cleveland.output
    system = wiring().build(store_url)
    try:
        harbour = next(g for g in system.ledgers.awarded(published_only=False)
                       if g.recipient == "Harbour Support Services")
        grant_id = UUID(harbour.grant_id)
        system.app.handle(StateGrantPublicationFacts(
            grant_id=grant_id, conditions="Quarterly monitoring returns",
            crime_reduction_reasons="It reduces repeat victimisation",
            on=date(2022, 9, 6)), "officer")
        system.app.handle(PublishGrant(grant_id=grant_id, on=date(2022, 9, 7)), "officer")
    finally:
        system.close()
    result = run("export", "360giving", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(g["title"] for g in valid_package(out)["grants"]) == sorted(
        [*on_the_register, harbour.title])


def test_a_grant_that_cannot_go_out_is_named_with_why_and_the_rest_are_written(
        run: Run, tmp_path: Path) -> None:
    folder = tmp_path / "dossiers"
    folder.mkdir()
    for path in DOSSIERS.glob("*.json"):
        document = json.loads(path.read_text())
        for grant in document.get("grants", []):
            if grant["recipient"] == "Barefoot Social Research":
                grant["purpose"] = "Evaluation: ask <b>jo@barefoot.example</b>"
        (folder / path.name).write_text(json.dumps(document))
    imported(run, folder)
    out = tmp_path / "grants.json"
    result = run("export", "360giving", "--all", "--out", str(out))
    assert result.exit_code == 1
    assert "Wrote 5 grants" in result.stdout
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("Cleveland PCC: grant 'Barefoot Social Research evaluation 2022-23' (")
    assert line.endswith("left out: its description is not plain text: it holds HTML; "
                         "its description holds what looks like an email address")
    assert len(valid_package(out)["grants"]) == 5


@pytest.mark.parametrize("form", ["xlsx", "csv"])
def test_the_spreadsheet_reads_back_as_the_same_grants(run: Run, tmp_path: Path,
                                                       form: str) -> None:
    imported(run)
    assert run("export", "360giving", "--all", "--out", str(tmp_path / "g.json")).exit_code == 0
    out = tmp_path / f"g.{form}"
    assert run("export", "360giving", "--all", "--out", str(out)).exit_code == 0
    source = out
    if form == "csv":
        source = tmp_path / "sheets"
        source.mkdir()
        (source / "grants.csv").write_bytes(out.read_bytes())
    back = tmp_path / "back.json"
    flattentool.unflatten(str(source), input_format=form, output_name=str(back),
                          root_list_path="grants", root_id="", convert_titles=True,
                          schema=str(standard.GRANT_SCHEMA))
    assert numbers(json.loads(back.read_text())["grants"]) == numbers(
        json.loads((tmp_path / "g.json").read_text())["grants"])


def numbers(value: Any) -> Any:
    """Amounts as the values they are, however a spreadsheet wrote them."""
    if isinstance(value, dict):
        return {k: numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [numbers(v) for v in value]
    if isinstance(value, int | float) and not isinstance(value, bool):
        return Decimal(str(value)).normalize()
    return value


def test_a_file_of_another_kind_is_refused(run: Run, tmp_path: Path) -> None:
    result = run("export", "360giving", "--out", str(tmp_path / "grants.txt"))
    assert result.exit_code == 2 and "must end .json, .xlsx or .csv" in result.output
    later = run("export", "360giving", "--from", "2020-01-02", "--to", "2020-01-01", "--out",
                str(tmp_path / "grants.csv"))
    assert later.exit_code == 2 and "--from is after --to" in later.output


def test_a_bad_identifiers_file_is_one_line_naming_it(run: Run, tmp_path: Path) -> None:
    imported(run)
    ids = tmp_path / "ids.json"
    ids.write_text('{"organisations": {"SafeLives": "CHC-1106864"}}')
    result = run("export", "360giving", "--all", "--out", str(tmp_path / "g.json"),
                 GRANTLEDGER_360G_ORGANISATIONS=str(ids))
    assert result.exit_code == 1
    assert result.output.startswith("Error: 'CHC-1106864', given for 'safelives', is neither")
