"""Funds: established with their budgets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.commands import EstablishFund, Issuer, SetFundBudget
from domain.fund import Fund

if TYPE_CHECKING:
    from domain.application import Grantledger


def establish(books: Grantledger, c: EstablishFund, by: Issuer) -> UUID:
    fund = Fund.establish(
        actor=by.name,
        business_date=by.day(c.on),
        body=books.body_named(c.body).name,
        name=c.name,
        funder=c.funder,
        first_year=c.first_year,
        last_year=c.last_year,
        total_budget=c.total_budget,
        tranches=list(c.tranches),
    )
    books.save_new(fund, f"{c.body} already has a fund named {c.name}")
    return fund.id


def set_budget(books: Grantledger, c: SetFundBudget, by: Issuer) -> UUID:
    fund = books.fund(c.fund_id)
    fund.set_budget(by.name, by.day(c.on), c.year, c.amount)
    return books.saved(fund)


HANDLERS: dict[type[Any], Any] = {EstablishFund: establish, SetFundBudget: set_budget}
