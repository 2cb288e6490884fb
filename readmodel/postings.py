"""Postings: the immutable lines of the journal. A balance is the sum of its postings; a
correction is another posting, never an update."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple


class Measure(StrEnum):
    AUTHORISED = "authorised"
    DRAWN = "drawn"
    AWARDED = "awarded"
    PROFILED = "profiled"
    COMMITTED = "committed"
    RELEASED = "released"
    CHARGED = "charged"
    PAID = "paid"
    REPAID = "repaid"
    PLEDGED_CASH = "pledged in cash"
    PLEDGED_IN_KIND = "pledged in kind"
    GRANTED_IN_KIND = "granted in kind"


class Posting(NamedTuple):
    """An amount of one measure, with the records and the year it belongs to. A grant's money
    is posted in each funder's part; the part that falls to a fund names the fund."""

    measure: Measure
    amount: int
    body: str
    year: str | None = None
    grant_id: str | None = None
    decision_id: str | None = None
    fund_id: str | None = None
    programme_id: str | None = None
    funder: str | None = None
