"""Charts written by the command line, as PNG and SVG."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from adapters.cli import cli
from grantledger.console import wiring

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def run(sqlite_url: str) -> object:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, list(args), obj=wiring(),
                             env={"GRANTLEDGER_DATABASE_URL": sqlite_url})

    assert invoke("demo").exit_code == 0
    return invoke


def texts(svg: Path) -> set[str]:
    return {"".join(e.itertext()) for e in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")}


def test_a_programme_as_png_and_as_svg(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    png, svg = tmp_path / "drive.png", tmp_path / "drive.svg"
    result = run("chart", "funding", "--programme", "Drive", "--out", str(png))
    assert result.exit_code == 0, result.output
    assert png.read_bytes().startswith(PNG)
    assert run("chart", "funding", "--programme", "Drive", "--out", str(svg)).exit_code == 0
    shown = texts(svg)
    assert {"2016-17", "2017-18", "2018-19", "2019-20", "2020-21"} <= shown
    assert {"Social Finance", "OPCC", "MOPAC", "£400,000"} <= shown


def test_a_fund_and_a_body_at_a_past_point(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fund = tmp_path / "vawg.svg"
    assert run("chart", "funding", "--fund", "Mayor's VAWG Fund", "--out", str(fund)).exit_code == 0
    assert {"2019-20", "2020-21", "2021-22", "Mayor's VAWG Fund (Mayor of London)"} <= texts(fund)
    body = tmp_path / "essex.png"
    result = run("chart", "funding", "--body", "Essex PCC", "--as-at", "2016-03-31",
                 "--out", str(body))
    assert result.exit_code == 0, result.output
    assert body.read_bytes().startswith(PNG)


def test_exposure_by_year(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "exposure.svg"
    result = run("chart", "exposure", "--body", "MOPAC", "--notice-on", "2020-06-01",
                 "--out", str(out))
    assert result.exit_code == 0, result.output
    assert {"2020-21", "Rise Mutual", "SafeLives"} <= texts(out)


def test_what_cannot_be_charted_is_refused_with_why(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = str(tmp_path / "x.png")
    unknown = run("chart", "funding", "--programme", "Nope", "--out", out)
    assert unknown.exit_code == 1 and "No programme named 'Nope'" in unknown.output
    fund = run("chart", "funding", "--fund", "Nope", "--out", out)
    assert fund.exit_code == 1 and "No fund named 'Nope'" in fund.output
    two = run("chart", "funding", "--programme", "Drive", "--body", "MOPAC", "--out", out)
    assert two.exit_code == 2 and "exactly one of" in two.output
    assert run("chart", "funding", "--body", "MOPAC", "--out", "x.pdf").exit_code == 2
    assert not Path(out).exists()
