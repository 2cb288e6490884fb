"""What the public register holds: the published decisions (Part 1 only) and the grants
published under SI 2011/3050 para 3(f), of one body or of all, with the head of the chain
they were published at. Nothing else is ever read into it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from adapters.anchors import Anchor
from domain.decision import Decision
from domain.financial_year import FinancialYear
from domain.identity import normal
from readmodel.model import ReadModel
from readmodel.publication import AwardedGrant, PublishedDecision


@dataclass(frozen=True)
class Line:
    label: str
    text: str


@dataclass(frozen=True)
class Entry:
    """A published decision as the register shows it: Part 1, and that a Part 2 exists."""

    decision_id: str
    body: str
    reference: str | None
    title: str
    area: str
    summary: str
    recommendations: tuple[str, ...]
    authorisations: tuple[Line, ...]
    implications: tuple[Line, ...]
    sign_offs: tuple[Line, ...]
    outcome: str
    decision_maker: str
    decided_on: date | None
    published_on: date | None
    """None where its record does not state when it was published."""
    published_url: str
    significant: bool
    part2_exists: bool
    grants: tuple[AwardedGrant, ...] = ()



def year_of(day: date | None) -> str:
    return str(FinancialYear.of(day)) if day else ""


def named(reference: str | None) -> str:
    return reference or "reference not stated"


def matches(decision: PublishedDecision, words: str) -> bool:
    """Whether every word is in its reference, title, financial year or body."""
    text = normal(f"{decision.reference or ''} {decision.title} {year_of(decision.decided_on)} "
                  f"{decision.body}")
    return all(word in text for word in normal(words).split())


@dataclass(frozen=True)
class Register:
    body: str
    """The body it is the register of; empty for every body's."""
    made_at: datetime
    head: Anchor | None
    decisions: tuple[PublishedDecision, ...]
    grants: tuple[AwardedGrant, ...]
    """The grants on the register, or those a page shows."""
    years: tuple[str, ...] = ()
    """The financial years grants on the register were awarded in, newest first."""

    @property
    def title(self) -> str:
        return f"Register of decisions and grants: {self.body}" if self.body else \
            "Register of decisions and grants"

    @property
    def bodies(self) -> list[str]:
        return sorted({d.body for d in self.decisions} | {g.body for g in self.grants})

    def grant_years(self) -> list[tuple[str, list[AwardedGrant]]]:
        """The grants published, by the financial year they were awarded in, newest first."""
        years: dict[str, list[AwardedGrant]] = {}
        for grant in self.grants:
            years.setdefault(year_of(grant.approved_on), []).append(grant)
        return sorted(years.items(), reverse=True)

    def found(self, words: str) -> tuple[PublishedDecision, ...]:
        if not words.strip():
            return self.decisions
        return tuple(d for d in self.decisions if matches(d, words))


def part1(decision: Decision, grants: Iterable[AwardedGrant]) -> Entry:
    """A published decision's Part 1, with the grants under it that are on the register."""
    maker = decision.decision_maker
    return Entry(
        decision_id=str(decision.id), body=decision.body, reference=decision.reference,
        title=decision.title, area=decision.area, summary=decision.summary,
        recommendations=tuple(decision.recommendations),
        authorisations=tuple(Line(a.describe, a.description) for a in decision.authorisations),
        implications=tuple(
            Line(area.value, ("Considered" if i.considered else "Not considered")
                 + (f": {i.details}" if i.details else ""))
            for area, i in decision.implications.items()),
        sign_offs=tuple(Line(s.title or s.role.value,
                             f"{s.name or 'name not recorded'}, {s.signed_on.isoformat()}")
                        for s in decision.sign_offs),
        outcome=decision.status.value,
        decision_maker=" ".join(filter(None, (maker.role, maker.name and f"({maker.name})")))
        if maker else "",
        decided_on=decision.decided_on, published_on=decision.published_on,
        published_url=decision.published_url,
        significant=bool(decision.publication
                         and decision.publication.significant_public_interest),
        part2_exists=bool(decision.publication and decision.publication.part2_exists),
        grants=tuple(g for g in grants if g.decision_id == str(decision.id)),
    )


def gather(ledgers: ReadModel, body: str = "", head: Anchor | None = None,
           now: datetime | None = None) -> Register:
    """The register whole as it stands: the decisions and the grants published."""
    grants = tuple(ledgers.awarded(body=body))
    return Register(body=body, made_at=now or datetime.now().astimezone(), head=head,
                    decisions=tuple(ledgers.published_decisions(body)), grants=grants,
                    years=tuple(sorted({year_of(g.approved_on) for g in grants},
                                       reverse=True)))


def outline(ledgers: ReadModel, body: str = "", head: Anchor | None = None,
            decisions: bool = True, year: FinancialYear | None = None) -> Register:
    """What one page shows: the decisions (or none), the grants of one year (or none), and
    the years that have grants, so that a page costs what it shows."""
    grants = ledgers.awarded(body=body, first=year.start, last=year.end) if year else []
    return Register(body=body, made_at=datetime.now().astimezone(), head=head,
                    decisions=tuple(ledgers.published_decisions(body)) if decisions else (),
                    grants=tuple(grants), years=tuple(ledgers.published_years(body)))


def published_part1(ledgers: ReadModel, load: Callable[[UUID], Decision],
                    decision_id: UUID) -> Entry | None:
    """A decision's Part 1 if it is on the register, read whole from its own record."""
    decision = load(decision_id)
    if not decision.published:
        return None
    return part1(decision, ledgers.awarded(body=decision.body, decision_id=str(decision.id)))
