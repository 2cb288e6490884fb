"""What a treasurer wants to see first: decisions, grants, discrepancies and exceptions."""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table

from domain import discrepancy, ledgers
from domain.books import Books
from domain.decision import Decision
from domain.fund import Fund
from domain.grant import Grant
from domain.money import Money
from domain.values import Discrepancy


def summary(books: Books, point: str = "now") -> dict[str, Any]:
    decisions, grants, funds = books.decisions, books.grants, books.funds
    return {
        "books": point,
        "decisions": [decision_row(d) for d in decisions],
        "grants": [grant_row(g) for g in grants],
        "funds": [fund_row(f, books.grants_in_fund(f)) for f in funds],
        "discrepancies": [discrepancy_row(d) for d in discrepancy.all_of(decisions, grants)],
        "exceptions": exceptions(decisions, funds),
    }


def decision_row(decision: Decision) -> dict[str, Any]:
    maker = decision.decision_maker
    return {
        "reference": decision.reference,
        "body": decision.body,
        "title": decision.title,
        "status": decision.status.value,
        "decided_on": _iso(decision.decided_on),
        "decision_maker": f"{maker.role} {maker.name}".strip() if maker else None,
        "sign_offs": [s.describe for s in decision.sign_offs],
        "authorises": [a.describe for a in decision.authorisations],
        "published_on": _iso(decision.published_on),
    }


def grant_row(grant: Grant) -> dict[str, Any]:
    funders: dict[str, dict[str, str]] = {}
    for c in grant.contributions:
        years = funders.setdefault(c.funder, {})
        years[str(c.year)] = (Money.of(years.get(str(c.year), "0")) + c.amount).plain()
    return {
        "id": str(grant.id),
        "decision_reference": grant.decision_reference,
        "body": grant.body,
        "title": grant.title,
        "recipient": grant.recipient,
        "partners": grant.partners,
        "programme": grant.programme or None,
        "fund": grant.fund or None,
        "status": grant.status.value,
        "awarded": grant.amount.plain(),
        "up_to": grant.up_to,
        "paid": grant.paid.plain(),
        "repaid": grant.repaid.plain(),
        "profile": {str(line.year): line.amount.plain() for line in grant.profile_lines},
        "funders": funders,
        "termination_effective_on": _iso(grant.termination_effective_on),
    }


def fund_row(fund: Fund, grants: list[Grant]) -> dict[str, Any]:
    return {
        "body": fund.body,
        "name": fund.name,
        "total_budget": fund.total_budget.plain() if fund.total_budget else None,
        "years": {
            row.year: {
                "budget": _plain(row.budget_pence),
                "committed": _plain(row.committed_pence),
                "paid": _plain(row.paid_pence),
                "headroom": _plain(row.headroom_pence),
            }
            for row in ledgers.fund_rows(fund, grants)
        },
    }


def discrepancy_row(discrepancy: Discrepancy) -> dict[str, Any]:
    return {
        "decision_reference": discrepancy.decision_reference,
        "what": discrepancy.what,
        "stated": discrepancy.stated.plain(),
        "derived": discrepancy.derived.plain(),
        "difference": discrepancy.difference.plain(),
    }


def exceptions(decisions: list[Decision], funds: list[Fund]) -> list[dict[str, str]]:
    found = [
        {
            "record": f"{d.body} {d.reference}",
            "what": "approved without the required sign-offs",
            "reason": d.override_reason,
        }
        for d in decisions
        if d.override_reason
    ]
    found += [
        {"record": f"{f.body} {f.name}", "what": "fund over-committed", "reason": reason}
        for f in funds
        for reason in f.overrides
    ]
    return found


def render(report: dict[str, Any], console: Console) -> None:
    console.print(f"[bold]The books {report['books']}[/bold]")
    console.print(
        _table(
            "Decisions",
            ["Body", "Reference", "Title", "Status", "Decided"],
            [
                [d["body"], d["reference"], d["title"], d["status"], d["decided_on"] or ""]
                for d in report["decisions"]
            ],
        )
    )
    console.print(
        _table(
            "Grants",
            ["Decision", "Recipient", "Awarded", "Paid", "Funders", "Profile"],
            [
                [
                    g["decision_reference"],
                    _recipient(g),
                    _pounds(g["awarded"], g["up_to"]),
                    _pounds(g["paid"]),
                    _funders(g),
                    _profile(g["profile"]),
                ]
                for g in report["grants"]
            ],
        )
    )
    console.print(
        _table(
            "Funds",
            ["Body", "Fund", "Year", "Budget", "Committed", "Paid", "Headroom"],
            [
                [
                    f["body"],
                    f["name"],
                    year,
                    _pounds(v["budget"]) if v["budget"] else "not recorded",
                    _pounds(v["committed"]),
                    _pounds(v["paid"]),
                    _pounds(v["headroom"]) if v["headroom"] else "-",
                ]
                for f in report["funds"]
                for year, v in f["years"].items()
            ],
        )
    )
    console.print(
        _table(
            "Discrepancies",
            ["Decision", "What", "Stated", "Derived", "Difference"],
            [
                [
                    d["decision_reference"],
                    d["what"],
                    _pounds(d["stated"]),
                    _pounds(d["derived"]),
                    _pounds(d["difference"]),
                ]
                for d in report["discrepancies"]
            ],
        )
    )
    console.print(
        _table(
            "Exceptions",
            ["Record", "What", "Reason recorded"],
            [[e["record"], e["what"], e["reason"]] for e in report["exceptions"]],
        )
    )


def _table(title: str, columns: list[str], rows: list[list[str]]) -> Table:
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False)
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*row)
    if not rows:
        table.add_row(*(["none"] + [""] * (len(columns) - 1)))
    return table


def _pounds(plain: str | None, up_to: bool = False) -> str:
    return ("up to " if up_to else "") + str(Money.of(plain or "0"))


def _recipient(grant: dict[str, Any]) -> str:
    partners = ", ".join(grant["partners"])
    return f"{grant['recipient']} (with {partners})" if partners else str(grant["recipient"])


def _funders(grant: dict[str, Any]) -> str:
    return (
        "\n".join(
            f"{funder}: " + ", ".join(f"{y} {_pounds(a)}" for y, a in years.items())
            for funder, years in grant["funders"].items()
        )
        or "-"
    )


def _profile(profile: dict[str, str]) -> str:
    return "\n".join(f"{year} {_pounds(amount)}" for year, amount in profile.items()) or "-"


def _plain(pence: int | None) -> str | None:
    return None if pence is None else Money(pence).plain()


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()
