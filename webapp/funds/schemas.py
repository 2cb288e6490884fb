"""What a fund looks like over HTTP: its years, budgets and what grants commit of it."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from domain.commands import EstablishFund, SetFundBudget
from domain.values import FundTranche
from webapp.common import TOTAL, Derived, On, Valued, fin_year, money, short, text


class TrancheSchema(Valued):
    value = FundTranche
    number = fields.Integer(required=True, validate=validate.Range(min=1, max=1000))
    purpose = text(required=True)
    decision_reference = text(max=300, load_default="")


class EstablishmentSchema(On):
    command = EstablishFund
    body = short(metadata={"description": "The body holding the fund; the user's own if not given"})
    name = short(required=True, metadata={"example": "Community Safety Fund"})
    funder = short(required=True)
    first_year = fin_year(required=True)
    last_year = fin_year(required=True)
    total_budget = money(allow_none=True, load_default=None)
    tranches = fields.List(fields.Nested(TrancheSchema), validate=validate.Length(max=100),
                           load_default=list)


class BudgetSchema(On):
    command = SetFundBudget
    year = fin_year(required=True)
    amount = money(required=True)


class BudgetOut(Schema):
    year = fin_year()
    amount = money()


class CommitmentOut(Schema):
    grant_id = fields.UUID()
    year = fin_year()
    amount = money()


class FundSchema(Schema):
    id = fields.UUID()
    version = fields.Integer()
    body = fields.String()
    name = fields.String()
    funder = fields.String()
    first_year = fin_year()
    last_year = fin_year()
    total_budget = money(allow_none=True)
    tranches = fields.List(fields.Nested(TrancheSchema))
    budgets = Derived(lambda fund: [
        {"year": year, "amount": amount} for year, amount in sorted(fund.budgets.items())
    ], BudgetOut)
    commitments = Derived(lambda fund: [
        {"grant_id": grant, "year": line.year, "amount": line.amount}
        for grant, lines in fund.commitments.items() for line in lines
    ], CommitmentOut)
    committed = fields.Method("committed_of", metadata=TOTAL)
    overrides = fields.List(fields.String())

    def committed_of(self, fund: Any) -> str:
        return str(fund.committed_total().plain())


class FundFilters(Schema):
    funder = text(max=300)
