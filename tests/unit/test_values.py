from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValueError
from domain.financial_year import FinancialYear
from domain.money import Money
from domain.notice import notice_takes_effect


def test_money_is_formatted_in_pounds_and_pence() -> None:
    assert str(Money.of("765000")) == "£765,000.00"
    assert str(Money.of("157423.33")) == "£157,423.33"
    assert str(Money.of("-5000")) == "-£5,000.00"
    assert Money.of("765000").plain() == "765000.00"


def test_money_accepts_text_with_symbol_and_commas() -> None:
    assert Money.of("£1,632,000.00") == Money(163_200_000)


def test_money_refuses_floats_and_fractions_of_a_penny() -> None:
    with pytest.raises(InvalidValueError, match="never a float"):
        Money.of(0.1)  # type: ignore[arg-type]
    with pytest.raises(InvalidValueError, match="fractions of a penny"):
        Money.of("0.001")
    with pytest.raises(InvalidValueError, match="not an amount"):
        Money.of("lots")


@given(st.integers(-(10**12), 10**12), st.integers(-(10**12), 10**12))
def test_money_adds_exactly(a: int, b: int) -> None:
    assert Money(a) + Money(b) - Money(b) == Money(a)
    assert Money.of(Money(a).plain()) == Money(a)
    assert Money(a).pounds == Decimal(a) / 100


@pytest.mark.parametrize("text", ["2016-17", "2016/17", "16/17", "2016-2017", "FY 2016-17"])
def test_financial_year_parses_the_ways_records_write_it(text: str) -> None:
    assert FinancialYear.parse(text) == FinancialYear(2016)


def test_financial_year_1999_to_2000() -> None:
    assert FinancialYear.parse("1999-00") == FinancialYear(1999)
    assert FinancialYear(1999).label == "1999-00"


@pytest.mark.parametrize("text", ["2016-18", "Year 1", "", "2016"])
def test_financial_year_refuses_what_is_not_one_year(text: str) -> None:
    with pytest.raises(InvalidValueError):
        FinancialYear.parse(text)


def test_a_date_belongs_to_the_year_starting_on_the_1_april_on_or_before_it() -> None:
    assert FinancialYear.of(date(2017, 3, 31)).label == "2016-17"
    assert FinancialYear.of(date(2017, 4, 1)).label == "2017-18"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)))
def test_every_date_lies_in_its_financial_year(day: date) -> None:
    year = FinancialYear.of(day)
    assert year.contains(day) and year.start <= day <= year.end
    assert FinancialYear.parse(year.label) == year


@pytest.mark.parametrize(
    ("given_on", "effective"),
    [
        (date(2017, 1, 15), date(2017, 2, 15)),
        (date(2017, 1, 31), date(2017, 2, 28)),
        (date(2016, 1, 31), date(2016, 2, 29)),
        (date(2016, 12, 31), date(2017, 1, 31)),
        (date(2017, 3, 31), date(2017, 4, 30)),
        (date(2017, 8, 31), date(2017, 9, 30)),
    ],
)
def test_one_months_notice_by_the_corresponding_date_rule(given_on: date, effective: date) -> None:
    assert notice_takes_effect(given_on) == effective


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 11, 30)))
def test_notice_takes_effect_between_28_and_31_days_later(given_on: date) -> None:
    effective = notice_takes_effect(given_on)
    assert timedelta(days=28) <= effective - given_on <= timedelta(days=31)
    assert effective.day == given_on.day or effective.month != (effective + timedelta(days=1)).month
