"""The figures a chart shows: by year and funder, cash apart from in kind, committed against
paid, and a grant's exposure by the years its plan has it in."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from adapters.charts.series import Part, exposure_chart, fund_chart, programme_chart
from readmodel.ledgers import Live, exposure_of, payable_by_year
from readmodel.rows import ExposureYearRow, FundRow, ProgrammeRow


def line(funder: str, year: str, **pence: int) -> ProgrammeRow:
    money = {"pledged_cash_pence": 0, "pledged_in_kind_pence": 0, "granted_pence": 0,
             "granted_in_kind_pence": 0, "paid_pence": 0, "repaid_pence": 0, **pence}
    return ProgrammeRow("p", "Hub", funder, year, share="0", **money)


def test_a_programme_stacks_pledges_beside_grants_with_in_kind_apart() -> None:
    chart = programme_chart("Hub", [
        line("Council", "2020-21", pledged_cash_pence=10_000_00, pledged_in_kind_pence=2_000_00),
        line("PCC", "2020-21", granted_pence=30_000_00, granted_in_kind_pence=500_00,
             paid_pence=12_000_00, repaid_pence=1_000_00),
        line("PCC", "2019-20", granted_pence=5_000_00, paid_pence=5_000_00),
    ], "Now")
    pledged, committed = chart.stacks
    assert (pledged.name, committed.name) == ("Pledged", "Committed")
    assert pledged.amounts == {Part("Council"): {"2020-21": Decimal(10_000)},
                               Part("Council", True): {"2020-21": Decimal(2_000)}}
    assert committed.amounts == {
        Part("PCC"): {"2020-21": Decimal(30_000), "2019-20": Decimal(5_000)},
        Part("PCC", True): {"2020-21": Decimal(500)}}
    assert chart.paid == {"2020-21": Decimal(11_000), "2019-20": Decimal(5_000)}
    assert chart.years == ["2019-20", "2020-21"]
    assert chart.sources == ["Council", "PCC"]
    assert committed.total("2020-21") == Decimal("30500")


def fund_line(year: str, budget: int | None, committed: int, paid: int) -> FundRow:
    return FundRow("f", "Essex PCC", "Community Safety Fund", "OPCC", None, year, budget,
                   committed, paid, 0, None)


def test_a_fund_shows_every_year_of_its_span_with_the_budget_where_stated() -> None:
    chart = fund_chart("CSF", [fund_line("2016-17", 300_000_00, 208_000_00, 100_000_00),
                               fund_line("2017-18", None, 0, 0)], "Now")
    assert chart.years == ["2016-17", "2017-18"]
    assert chart.budget == {"2016-17": Decimal(300_000)}
    assert chart.paid == {"2016-17": Decimal(100_000)}
    (committed,) = chart.stacks
    assert committed.amounts == {Part("Community Safety Fund (OPCC)"):
                                 {"2016-17": Decimal(208_000)}}


def test_exposure_names_the_largest_recipients_and_puts_the_rest_together() -> None:
    rows = [ExposureYearRow(f"g{i}", "B", f"R{i}", "2020-21", (i + 1) * 100) for i in range(10)]
    chart = exposure_chart("B", rows, "2020-06-01", "Now")
    (payable,) = chart.stacks
    assert Part("R9") in payable.amounts and Part("R0") not in payable.amounts
    assert payable.amounts[Part("2 other recipients")] == {"2020-21": Decimal(3)}
    assert payable.total("2020-21") == Decimal(55)
    assert "£55.00 payable across 10 live grants" in chart.subtitle


def live(paid: int, profile: dict[str, int], notice_months: int = 3) -> Live:
    return Live("g", "B", "T", "R", sum(profile.values()), paid, date(2016, 3, 1),
                notice_months, 0, None, date(2016, 4, 1), date(2019, 3, 31), date(2016, 3, 1),
                profile)


def test_a_grants_exposure_by_year_adds_up_to_its_exposure() -> None:
    grant = live(100, {"2016-17": 268, "2017-18": 284, "2018-19": 213})
    by_year = payable_by_year(grant, date(2017, 2, 1))
    assert by_year == {"2016-17": 168, "2017-18": 284}
    assert sum(by_year.values()) == exposure_of(grant, date(2017, 2, 1)).payable_pence


def test_what_is_paid_counts_against_the_earliest_years() -> None:
    grant = live(300, {"2016-17": 268, "2017-18": 284, "2018-19": 213}, notice_months=24)
    assert payable_by_year(grant, date(2017, 2, 1)) == {"2017-18": 252, "2018-19": 213}
