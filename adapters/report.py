"""What a treasurer wants to see first: decisions, grants, funds, discrepancies and exceptions,
now or at a past point."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from functools import partial
from typing import Any

from rich.console import Console

from adapters.tables import Column, fitted
from adapters.views import printed
from domain.money import Money
from readmodel.model import ReadModel
from readmodel.points import Point
from readmodel.rows import ContributionRow, DecisionRow, DiscrepancyRow, GrantRow

firm = partial(Column, firm=True)
amount = partial(Column, firm=True, right=True)

LISTED = "; "


def summary(ledgers: ReadModel, point: Point) -> dict[str, Any]:
    decisions = ledgers.decisions(point=point).rows
    grants = ledgers.grants(point=point).rows
    ids = [g.grant_id for g in grants]
    profiles: dict[str, dict[str, str]] = defaultdict(dict)
    for line in ledgers.grant_years(point=point).rows:
        if line.profiled_pence:
            profiles[line.grant_id][line.year] = Money(line.profiled_pence).plain()
    given = ledgers.contributions(ids)
    funders, in_kind = contributions(given), contributions(given, in_kind=True)
    funds: dict[str, dict[str, Any]] = {}
    for row in ledgers.funds(point=point).rows:
        fund = funds.setdefault(row.fund_id, {
            "body": row.body, "name": row.fund, "total_budget": plain(row.total_budget_pence),
            "years": {}})
        fund["years"][row.year] = {
            "budget": plain(row.budget_pence), "committed": plain(row.committed_pence),
            "paid": plain(row.paid_pence), "headroom": plain(row.headroom_pence)}
    return {
        "books": str(point),
        "decisions": [decision_row(d) for d in decisions],
        "grants": [grant_row(g, profiles[g.grant_id], funders[g.grant_id], in_kind[g.grant_id])
                   for g in grants],
        "funds": list(funds.values()),
        "discrepancies": [discrepancy_row(d) for d in ledgers.discrepancies(point=point).rows],
        "conflicts": [{"record": f"{k.body} {k.decision_reference or 'reference not stated'}",
                       "fact": k.fact, "stated": k.stated, "working": k.working}
                      for k in ledgers.conflicts(point=point).rows],
        "exceptions": [{"record": e.record, "what": e.what, "reason": e.reason}
                       for e in ledgers.exceptions(point=point).rows],
    }


NOT_STATED = "not stated"


def listed(text: str) -> list[str]:
    return text.split(LISTED) if text else []


def decision_row(decision: DecisionRow) -> dict[str, Any]:
    return {
        "reference": decision.reference,
        "body": decision.body,
        "title": decision.title,
        "status": decision.status,
        "decided_on": _iso(decision.decided_on),
        "decision_maker": decision.decision_maker or None,
        "sign_offs": listed(decision.sign_offs),
        "authorises": listed(decision.authorises),
        "published_on": _iso(decision.published_on),
    }


def contributions(rows: list[ContributionRow],
                  in_kind: bool = False) -> dict[str, dict[str, dict[str, str]]]:
    """Funders' contributions to each grant by year: cash, or (asked for apart) in kind."""
    pence: dict[str, dict[str, dict[str, int]]] = defaultdict(lambda: defaultdict(dict))
    for c in rows:
        if c.in_kind != in_kind:
            continue
        years = pence[c.grant_id][c.funder]
        years[c.year] = years.get(c.year, 0) + c.amount_pence
    return defaultdict(dict, {
        grant: {funder: {y: Money(a).plain() for y, a in years.items()}
                for funder, years in by_funder.items()}
        for grant, by_funder in pence.items()})


def grant_row(grant: GrantRow, profile: dict[str, str], funders: dict[str, dict[str, str]],
              in_kind: dict[str, dict[str, str]]) -> dict[str, Any]:
    return {
        "id": grant.grant_id,
        "decision_reference": grant.decision_reference,
        "body": grant.body,
        "title": grant.title,
        "recipient": grant.recipient,
        "partners": listed(grant.partners),
        "programme": grant.programme or None,
        "fund": grant.fund or None,
        "status": grant.status,
        "awarded": Money(grant.awarded_pence).plain(),
        "up_to": grant.up_to,
        "paid": Money(grant.paid_pence).plain(),
        "repaid": Money(grant.repaid_pence).plain(),
        "profile": dict(sorted(profile.items())),
        "funders": funders,
        "in_kind": in_kind,
        "termination_effective_on": _iso(grant.termination_effective_on),
    }


def discrepancy_row(d: DiscrepancyRow) -> dict[str, Any]:
    return {
        "decision_reference": d.decision_reference,
        "what": d.what,
        "stated": Money(d.stated_pence).plain(),
        "derived": Money(d.derived_pence).plain(),
        "difference": Money(d.difference_pence).plain(),
    }


def render(report: dict[str, Any], console: Console, wide: bool = False) -> None:
    width = None if wide else console.width
    console.print(f"[bold]The books {report['books']}[/bold]")
    tables = [
        ("Decisions", [Column("Body"), Column("Reference"), Column("Title"), Column("Status"),
                       firm("Decided")],
         [[d["body"], d["reference"] or NOT_STATED, d["title"], d["status"],
           d["decided_on"] or ""] for d in report["decisions"]], [1, 2, 4, 3, 0]),
        ("Grants", [Column("Decision"), Column("Recipient"), amount("Awarded"), amount("Paid"),
                    Column("Funders"), Column("Profile")],
         [[g["decision_reference"] or NOT_STATED, _recipient(g),
           _pounds(g["awarded"], g["up_to"]), _pounds(g["paid"]), _funders(g),
           _profile(g["profile"])] for g in report["grants"]], [0, 1, 2, 3, 5, 4]),
        ("Funds", [Column("Body"), Column("Fund"), firm("Year"), amount("Budget"),
                   amount("Committed"), amount("Paid"), amount("Headroom")],
         [[f["body"], f["name"], year,
           _pounds(v["budget"]) if v["budget"] else "not recorded", _pounds(v["committed"]),
           _pounds(v["paid"]), _pounds(v["headroom"]) if v["headroom"] else "-"]
          for f in report["funds"] for year, v in f["years"].items()], [1, 2, 3, 4, 5, 6, 0]),
        ("Discrepancies", [Column("Decision"), Column("What"), amount("Stated"), amount("Derived"),
                           amount("Difference")],
         [[d["decision_reference"] or NOT_STATED, d["what"], _pounds(d["stated"]),
           _pounds(d["derived"]), _pounds(d["difference"])] for d in report["discrepancies"]],
         None),
        ("Conflicts to resolve", [Column("Record"), Column("Fact"), Column("As stated"),
                                  Column("Working value")],
         [[k["record"], k["fact"], k["stated"], k["working"]] for k in report["conflicts"]],
         None),
        ("Exceptions", [Column("Record"), Column("What"), Column("Reason recorded")],
         [[e["record"], e["what"], e["reason"]] for e in report["exceptions"]], None),
    ]
    for title, columns, rows, priority in tables:
        if rows:
            printed(console, fitted(title, columns, rows, width, priority), wide)
        else:
            console.print(f"{title} (0): none")


def _pounds(plain: str | None, up_to: bool = False) -> str:
    return ("up to " if up_to else "") + str(Money.of(plain or "0"))


def _recipient(grant: dict[str, Any]) -> str:
    partners = ", ".join(grant["partners"])
    return f"{grant['recipient']} (with {partners})" if partners else str(grant["recipient"])


def _funders(grant: dict[str, Any]) -> str:
    return "\n".join(
        f"{funder}: " + ", ".join(f"{y} {_pounds(a)}" for y, a in years.items())
        for funder, years in grant["funders"].items()
    ) or "-"


def _profile(profile: dict[str, str]) -> str:
    return "\n".join(f"{year} {_pounds(amount)}" for year, amount in profile.items()) or "-"


def plain(pence: int | None) -> str | None:
    return None if pence is None else Money(pence).plain()


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
