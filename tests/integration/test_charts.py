"""The charts' figures from the ledgers of the five source decisions."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import pytest

from adapters import dossier
from adapters.charts import sources
from adapters.charts.series import Part
from adapters.system import System
from grantledger.bootstrap import build
from readmodel.ledgers import ListQuery
from readmodel.points import Point


@pytest.fixture
def system(sqlite_url: str) -> Iterator[System]:
    built = build(sqlite_url)
    for name, document in dossier.shipped():
        dossier.import_dossier(built.app, document, name, "demo")
    yield built
    built.close()


def test_the_cleveland_programme_shows_its_co_funders_pledges_beside_the_pccs_grants(
    system: System,
) -> None:
    chart = sources.funding(system.ledgers, "programme", "cleveland perpetrator programme")
    pledged, committed = chart.stacks
    assert chart.years == ["2021-22", "2022-23"]
    assert pledged.amounts == {
        Part("Home Office"): {"2021-22": Decimal("200124.66"), "2022-23": Decimal("157423.33")},
        Part("OPCC and four local authorities"): {"2022-23": Decimal("71711.67")}}
    assert committed.amounts == {Part("Cleveland PCC"): {"2022-23": Decimal("229135")}}
    assert pledged.total("2022-23") == committed.total("2022-23")
    assert chart.paid == {}
    assert chart.title.startswith("Cleveland Perpetrator Programme: funding pledged")


def test_drive_shows_every_funder_by_year(system: System) -> None:
    chart = sources.funding(system.ledgers, "programme", "Drive")
    pledged, committed = chart.stacks
    assert committed.amounts[Part("OPCC")]["2016-17"] == Decimal(208_000)
    assert committed.amounts[Part("Partners")]["2016-17"] == Decimal(60_000)
    assert committed.amounts[Part("MOPAC")] == {"2020-21": Decimal(364_000)}
    assert pledged.amounts[Part("Social Finance")]["2016-17"] == Decimal(172_000)
    assert not any(part.in_kind for stack in chart.stacks for part in stack.amounts)
    assert chart.years == ["2016-17", "2017-18", "2018-19", "2019-20", "2020-21"]


def test_the_vawg_fund_shows_its_years_and_what_is_committed(system: System) -> None:
    chart = sources.funding(system.ledgers, "fund", "Mayor's VAWG Fund", tenant="MOPAC")
    (committed,) = chart.stacks
    assert chart.years == ["2019-20", "2020-21", "2021-22"]
    assert committed.amounts == {Part("Mayor's VAWG Fund (Mayor of London)"):
                                 {"2020-21": Decimal(364_000)}}
    assert "total budget £15,000,000.00" in chart.subtitle


def test_a_body_is_its_funds_and_a_past_point_shows_the_books_then(system: System) -> None:
    now = sources.funding(system.ledgers, "body", "essex pcc")
    (committed,) = now.stacks
    assert committed.total("2016-17") == Decimal(208_000)
    before = sources.funding(system.ledgers, "body", "Essex PCC", Point(as_at=date(2015, 1, 1)))
    assert before.years == [] and "As at 2015-01-01" in before.subtitle


def test_another_bodys_fund_or_an_unknown_programme_is_not_charted(system: System) -> None:
    with pytest.raises(sources.NothingToChartError, match="No fund named"):
        sources.funding(system.ledgers, "fund", "Mayor's VAWG Fund", tenant="Essex PCC")
    with pytest.raises(sources.NothingToChartError, match="not a body"):
        sources.funding(system.ledgers, "body", "MOPAC", tenant="Essex PCC")
    with pytest.raises(sources.NothingToChartError, match="No programme named 'Nope'"):
        sources.funding(system.ledgers, "programme", "Nope")


def test_exposure_by_year_adds_up_to_the_exposure_ledger(system: System) -> None:
    notice_on = date(2017, 1, 15)
    chart = sources.exposure(system.ledgers, "Essex PCC", notice_on, notice_on)
    exposed = system.ledgers.exposure(notice_on, ListQuery(body="Essex PCC")).rows
    (payable,) = chart.stacks
    assert sum(payable.total(year) for year in chart.years) == \
        sum(Decimal(row.payable_pence) / 100 for row in exposed) == Decimal(268_000)
