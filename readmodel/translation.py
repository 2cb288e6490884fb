"""Each event translated into what the ledgers need of it: postings (money, by measure), the
facts it changes, its line of the audit trail, and any exception or discrepancy it shows.

Translation is a function of the event and of what the journal knew of its records just
before it; it reads and changes those records' state in the `Books` it is given and writes
nothing itself, so commands and rebuilds translate the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import cache
from typing import Any, NamedTuple, Protocol

import orjson

from domain import identity
from domain.financial_year import FinancialYear
from domain.identity import normal
from domain.shares import evenly, in_proportion
from readmodel.postings import Measure, Posting
from readmodel.state import (
    Contribution,
    DecisionState,
    FundState,
    GrantState,
    ProgrammeState,
    State,
)

Fields = Mapping[str, Any]


class Recorded(NamedTuple):
    """An event as the journal sees it: its position in the log, its kind
    ("Grant.TranchePaid"), its fields, the id of its record and, as ISO text in UTC to the
    microsecond, when it was recorded."""

    position: int
    kind: str
    fields: Fields
    record_id: str
    recorded_at: str

    @classmethod
    def of(cls, position: int, event: Any) -> Recorded:
        """A domain event just recorded at a position."""
        return cls(position, type(event).__qualname__, vars(event),
                   str(event.originator_id), recorded_at(event.timestamp))

    @property
    def record_type(self) -> str:
        return self.kind.split(".", 1)[0]

    @property
    def name(self) -> str:
        return self.kind.rsplit(".", 1)[-1]


class Books(Protocol):
    """The state of the records translation reads and changes."""

    def grant(self, grant_id: str) -> GrantState: ...
    def decision(self, decision_id: str) -> DecisionState: ...
    def fund(self, fund_id: str) -> FundState: ...
    def find_fund(self, fund_id: str) -> FundState | None: ...
    def programme(self, programme_id: str) -> ProgrammeState: ...
    def add(self, state: State) -> None: ...
    def touch(self, state: State) -> None: ...


@dataclass
class Entries:
    """Rows for the journal's append-only tables, in the order they were made."""

    postings: list[tuple[Any, ...]] = field(default_factory=list)
    history: list[tuple[Any, ...]] = field(default_factory=list)
    audit: list[tuple[Any, ...]] = field(default_factory=list)
    exceptions: list[tuple[Any, ...]] = field(default_factory=list)
    discrepancies: list[tuple[Any, ...]] = field(default_factory=list)
    rechecked: list[tuple[Any, ...]] = field(default_factory=list)
    conflicts: list[tuple[Any, ...]] = field(default_factory=list)
    resolved: list[tuple[Any, ...]] = field(default_factory=list)
    contributions: list[tuple[Any, ...]] = field(default_factory=list)
    last_position: int = 0
    known_by: str = ""

    def __len__(self) -> int:
        return len(self.audit)


class Step:
    """Translating one event: its record, its date and what it adds to the entries."""

    __slots__ = ("books", "dated", "entries", "event", "fields", "on", "record", "seq")

    def __init__(self, event: Recorded, books: Books, entries: Entries, record: State) -> None:
        self.event = event
        self.fields = event.fields
        self.books = books
        self.entries = entries
        self.record = record
        self.seq = 0
        self.on: date = event.fields["business_date"]
        created = record.created_on
        self.dated = created if created > self.on else self.on

    def post(self, posting: Posting) -> None:
        if not posting.amount:
            return
        self.seq += 1
        self.entries.postings.append((self.event.position, self.seq, self.dated, *posting))

    def facts(self, **changes: Any) -> None:
        self.entries.history.append(
            (self.event.position, self.event.record_id, self.dated, as_json(changes))
        )

    def exception(self, body: str, record: str, what: str, reason: str) -> None:
        self.entries.exceptions.append(
            (self.event.position, self.event.record_id, self.dated, body, record, what, reason)
        )

    def recheck(self, body: str, reference: str | None, checks: Iterable[Discrepancy]) -> None:
        """Replace the record's discrepancies with those found now."""
        self.entries.rechecked.append((self.event.position, self.dated, self.event.record_id))
        self.discrepancies(body, reference, checks)

    def conflict(self, body: str, reference: str | None, conflict: Any) -> None:
        self.entries.conflicts.append((
            self.event.record_id, conflict.fact, self.event.position, self.dated, body,
            reference, conflict.describe, conflict.working))

    def resolve(self, fact: str, value: str) -> None:
        self.entries.resolved.append(
            (self.event.position, self.dated, value, self.event.record_id, fact))

    def discrepancies(self, body: str, reference: str | None,
                      checks: Iterable[Discrepancy]) -> None:
        for check in checks:
            if check.stated != check.derived:
                self.entries.discrepancies.append((
                    self.event.record_id, check.key, self.event.position, self.dated, body,
                    reference, check.what, check.stated, check.derived,
                ))


@dataclass(frozen=True)
class Discrepancy:
    key: str
    what: str
    stated: int
    derived: int


UNPOSTED = frozenset({"StaffMember", "Body"})
"""Records whose events change no ledger: staff and their roles, kept by the users adapter,
and the register of bodies, kept by the register adapter."""
AUDITED = frozenset({"Body"})
"""Of those, the records whose events the audit trail still lists, under the body's name."""


def translate(event: Recorded, books: Books, entries: Entries) -> None:
    kind = KINDS.get(event.kind)
    if kind is None and event.record_type in UNPOSTED:
        entries.last_position = event.position
        entries.known_by = max(entries.known_by, event.recorded_at)
        if event.record_type in AUDITED:
            entries.audit.append((event.position, entries.known_by,
                                  event.fields["business_date"], event.record_id,
                                  normal(event.fields["name"]), ""))
        return
    if kind is None:
        raise UnknownEventError(f"The journal cannot translate {event.kind} events")
    record = kind.create(event, books) if kind.create else kind.find(books, event.record_id)
    step = Step(event, books, entries, record)
    if kind.change is not None:
        kind.change(step, record)
    books.touch(record)
    entries.last_position = event.position
    if event.recorded_at > entries.known_by:
        entries.known_by = event.recorded_at
    tenant, reference = record.trail
    entries.audit.append((event.position, entries.known_by, step.on, event.record_id, tenant,
                          reference))


class UnknownEventError(Exception):
    pass


# -- decisions ------------------------------------------------------------------------------


def decision_drafted(event: Recorded, books: Books) -> DecisionState:
    f = event.fields
    on: date = f["business_date"]
    decision = DecisionState(
        decision_id=event.record_id, body=f["body"], reference=f["reference"],
        title=f["title"], status="draft", created_on=on, created_at=event.position,
        drafted_on=on, area=f.get("area", ""),
        report_date=f["report_date"],
        authorises="; ".join(a.describe for a in f["authorisations"]),
        authorised=sum(a.amount.pence for a in f["authorisations"]), new=True,
    )
    books.add(decision)
    return decision


def decision_created(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    step.facts(**unposted(d.columns()))
    for a in step.fields["authorisations"]:
        step.post(Posting(Measure.AUTHORISED, a.amount.pence, d.body, decision_id=d.decision_id))
    step.discrepancies(d.body, d.reference, stated_totals(step, step.fields["stated_totals"]))
    for conflict in step.fields["conflicts"]:
        step.conflict(d.body, d.reference, conflict)
    unstated = [("reference", "it is known by its title and the day it was drafted")] \
        if d.reference is None else []
    unstated += [(f"recipients of '{a.description}'",
                  f"an allocation of {a.describe}: the grants drawing on it name their recipients")
                 for a in step.fields["authorisations"] if not a.recipients]
    if unstated:
        step.exception(d.body, f"{d.body} {d.named}",
                       f"Decision: not stated: {', '.join(fact for fact, _ in unstated)}",
                       "; ".join(consequence for _, consequence in unstated))


def conflict_noted(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    step.conflict(d.body, d.reference, step.fields["conflict"])


def conflict_resolved(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    step.resolve(step.fields["fact"], step.fields["value"])
    step.facts(**{"+resolved": f"{step.fields['fact']}: {step.fields['value']} "
                                f"({step.fields['reason']})"})


def stated_totals(step: Step, totals: Iterable[Any]) -> list[Discrepancy]:
    return [
        Discrepancy(f"total:{step.event.position}:{i}", total.what, total.stated.pence,
                    total.derived.pence)
        for i, total in enumerate(totals)
    ]


def stated_total_noted(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    step.discrepancies(d.body, d.reference, stated_totals(step, [step.fields["stated_total"]]))


def signed_off(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    described = step.fields["sign_off"].describe
    d.sign_offs = f"{d.sign_offs}; {described}" if d.sign_offs else described
    step.facts(**{"+sign_offs": described})


def decided(status: str) -> Callable[[Step, State], None]:
    def change(step: Step, d: State) -> None:
        assert isinstance(d, DecisionState)
        maker = step.fields["decision_maker"]
        d.status, d.decided_on = status, step.fields["business_date"]
        d.decision_maker = f"{maker.role} {maker.name}".strip()
        d.exception = step.fields.get("override_reason", "")
        step.facts(status=d.status, decided_on=d.decided_on, decision_maker=d.decision_maker,
                   exception=d.exception)
        if d.exception:
            step.exception(d.body, f"{d.body} {d.named}",
                           "approved without the required sign-offs", d.exception)
    return change


def decision_withdrawn(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    d.status = "withdrawn"
    step.facts(status=d.status)


def publication_decided(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    p = step.fields["publication"]
    if not p.for_publication:
        d.publication = f"not for publication: {p.reasons}".rstrip(": ")
    elif p.deferred_until is not None:
        d.publication = f"deferred until {p.deferred_until.isoformat()}"
    else:
        d.publication = "for publication"
    d.significant, d.part2_exists = p.significant_public_interest, p.part2_exists
    step.facts(publication=d.publication, significant=d.significant,
               part2_exists=d.part2_exists)


def published(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    stated = step.fields.get("date_stated", True)
    d.published, d.published_on = True, step.fields["business_date"] if stated else None
    d.published_url = step.fields.get("url", "")
    d.publication = (f"published on {d.published_on.isoformat()}" if d.published_on
                     else "published, date not stated")
    step.facts(published=True, published_on=d.published_on, publication=d.publication,
               published_url=d.published_url)
    if not stated:
        step.exception(d.body, f"{d.body} {d.named}", "Decision: not stated: publication date",
                       publication_unstated(step))


def publication_unstated(step: Step) -> str:
    return (f"its record shows it published; it was recorded as published on "
            f"{step.fields['business_date'].isoformat()}")


def publication_withdrawn(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    d.published, d.published_on = False, None
    d.publication = f"publication withdrawn on {step.fields['business_date'].isoformat()}"
    d.published_url = ""
    step.facts(published=False, published_on=None, publication=d.publication,
               published_url="")


def authority_drawn(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    grant_id = str(step.fields["grant_id"])
    draw(step, d, grant_id, {step.fields["authorisation"]: step.fields["amount"].pence})


def authority_lines_drawn(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    lines = {line.authorisation: line.amount.pence for line in step.fields["lines"]}
    draw(step, d, str(step.fields["grant_id"]), lines)


def authority_released(step: Step, d: State) -> None:
    assert isinstance(d, DecisionState)
    draw(step, d, str(step.fields["grant_id"]), {})


def draw(step: Step, d: DecisionState, grant_id: str, lines: dict[int, int]) -> None:
    """What the decision provides the grant, by authorisation, replaced by the lines given."""
    before = sum(d.drawn.get(grant_id, {}).values())
    step.post(Posting(Measure.DRAWN, sum(lines.values()) - before, d.body,
                      decision_id=d.decision_id, grant_id=grant_id))
    if lines:
        d.drawn[grant_id] = dict(lines)
    else:
        d.drawn.pop(grant_id, None)
    d.changed_grants.add(grant_id)


# -- grants ---------------------------------------------------------------------------------


def grant_proposed(event: Recorded, books: Books) -> GrantState:
    f = event.fields
    body, fund, programme = f["body"], f["fund"], f["programme"]
    fund_id = str(identity.fund_id(body, fund)) if fund else None
    found = books.find_fund(fund_id) if fund_id else None
    grant = GrantState(
        grant_id=event.record_id, decision_id=str(f["decision_id"]),
        decision_reference=f["decision_reference"], body=body, title=f["title"],
        recipient=f["recipient"], partners="; ".join(f["partners"]), programme=programme,
        programme_id=str(identity.programme_id(programme)) if programme else None,
        fund=fund, fund_id=fund_id, fund_funder=found.funder if found else "",
        status="proposed", up_to=f["up_to"], created_on=f["business_date"],
        created_at=event.position,
        period_start=f["period_start"], period_end=f["period_end"],
        notice_months=f["notice_months"], notice_days=f["notice_days"],
        profile_stated=bool(f["profile"]), regrants=f["regrants"], purpose=f["purpose"],
        contributions=[Contribution(c.funder, str(c.year), c.amount.pence, c.in_kind)
                       for c in f["contributions"]],
        new=True,
    )
    books.add(grant)
    return grant


def grant_created(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    step.entries.contributions += [
        (g.grant_id, i, c.funder, c.year, c.amount, c.in_kind)
        for i, c in enumerate(g.contributions)
    ]
    step.facts(**unposted(g.columns()))
    g.awarded = step.fields["amount"].pence
    step.post(Posting(Measure.AWARDED, g.awarded, g.body, grant_id=g.grant_id))
    reprofile(step, g, {str(line.year): line.amount.pence for line in step.fields["profile"]})
    step.recheck(g.body, g.decision_reference, grant_checks(g))
    unstated = [(fact, consequence) for fact, consequence, stated in (
        ("profile", "its award is committed over the years of its period, by their days",
         g.profile_stated),
        ("start date", "without a profile, its award is committed from the day it was proposed",
         g.period_start is not None),
        ("end date", "without a profile, its award is committed in the year it starts; notice "
         "and exposure run as if it had no end", g.period_end is not None)) if not stated]
    if unstated:
        step.exception(g.body, f"{g.body} {g.decision_reference or 'reference not stated'}",
                       f"Grant '{g.title}': not stated: {', '.join(f for f, _ in unstated)}",
                       "; ".join(c for _, c in unstated))

def unposted(columns: dict[str, Any]) -> dict[str, Any]:
    """The facts of a register row, without the balances its postings keep."""
    return {k: v for k, v in columns.items() if not k.endswith("_pence")}


def reprofile(step: Step, g: GrantState, profile: dict[str, int]) -> None:
    g.profile_stated = bool(profile)
    for label in sorted({*g.years, *profile, *g.spread()}):
        year = g.year(label)
        change = profile.get(label, 0) - year.profiled
        step.post(Posting(Measure.PROFILED, change, g.body, label, g.grant_id))
        year.profiled += change


def grant_checks(g: GrantState) -> list[Discrepancy]:
    profile = {label: y.profiled for label, y in g.years.items() if y.profiled}
    checks = []
    if profile and not g.up_to:
        checks.append(Discrepancy(
            "profile", f"Grant '{g.title}': amount awarded against its profile by year",
            g.awarded, sum(profile.values())))
    contributed: dict[str, int] = {}
    for c in g.contributions:
        if not c.in_kind:
            contributed[c.year] = contributed.get(c.year, 0) + c.amount
    for label, amount in sorted(contributed.items()):
        if label in profile:
            checks.append(Discrepancy(
                f"contributions:{label}",
                f"Grant '{g.title}': {label} profile against funders' cash contributions",
                profile[label], amount))
    return checks


def grant_becomes(status: str, since: str, recommits: bool = False) -> Change:
    """A grant's status changes, on the event's date; what it commits may change with it."""
    def change(step: Step, g: State) -> None:
        assert isinstance(g, GrantState)
        g.status = status
        setattr(g, since, step.on)
        step.facts(**{"status": status, since: step.on})
        if recommits:
            recommit(step, g)
    return change


def tranche_paid(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    amount = step.fields["amount"].pence
    pay(step, g, Measure.PAID, str(step.fields["year"]), amount)
    if g.status == "terminated":
        g.still_payable -= amount
        recommit(step, g)


def repayment_recorded(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    pay(step, g, Measure.REPAID, str(step.fields["year"]), step.fields["amount"].pence)
    if g.status == "terminated":
        recommit(step, g)


def grant_terminated(step: Step, g: State) -> None:
    """On notice that has run, or with immediate effect: from then the grant commits what
    was paid and not repaid, and what its terms still owe for the time before."""
    assert isinstance(g, GrantState)
    g.status, g.terminated_on = "terminated", step.on
    effective = step.fields.get("effective_on")
    if effective is not None:
        g.termination_effective_on = effective
    g.still_payable = step.fields["still_payable"].pence
    step.facts(status=g.status, terminated_on=g.terminated_on,
               termination_effective_on=g.termination_effective_on,
               still_payable_pence=g.still_payable)
    recommit(step, g)


def publication_facts_stated(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    g.purpose, g.conditions = step.fields["purpose"], step.fields["conditions"]
    g.crime_reduction_reasons = step.fields["crime_reduction_reasons"]
    step.facts(purpose=g.purpose, conditions=g.conditions,
               crime_reduction_reasons=g.crime_reduction_reasons)


def grant_published(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    g.published = True
    g.published_on = step.on if step.fields["date_stated"] else None
    g.published_url = step.fields["url"]
    step.facts(published=True, published_on=g.published_on, published_url=g.published_url)
    if g.published_on is None:
        step.exception(g.body, f"{g.body} {g.decision_reference or 'reference not stated'}",
                       f"Grant '{g.title}': not stated: publication date",
                       publication_unstated(step))


def pay(step: Step, g: GrantState, measure: Measure, label: str, amount: int) -> None:
    attribute = measure.value
    year = g.year(label)
    setattr(year, attribute, getattr(year, attribute) + amount)
    for funder, part in in_proportion(amount, g.shares(label)):
        funder_year = g.funder_year(label, funder)
        setattr(funder_year, attribute, getattr(funder_year, attribute) + part)
        step.post(Posting(measure, part, g.body, label, g.grant_id,
                          fund_id=g.fund_of(label, funder), programme_id=g.programme_id,
                          funder=funder))


def grant_varied(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    amount = step.fields["amount"].pence
    step.post(Posting(Measure.AWARDED, amount - g.awarded, g.body, grant_id=g.grant_id))
    g.awarded = amount
    reprofile(step, g, {str(line.year): line.amount.pence for line in step.fields["profile"]})
    recommit(step, g)
    step.recheck(g.body, g.decision_reference, grant_checks(g))


def grant_extended(step: Step, g: State) -> None:
    """The same grant runs to a later end: its award and profile grow, never a second grant."""
    assert isinstance(g, GrantState)
    g.period_end = step.fields["period_end"]
    step.facts(period_end=g.period_end, extended_under=step.fields["under_decision"])
    grant_varied(step, g)


def notice_given(step: Step, g: State) -> None:
    assert isinstance(g, GrantState)
    g.status = "notice given"
    g.notice_given_on = step.fields["business_date"]
    g.termination_effective_on = step.fields["effective_on"]
    step.facts(status=g.status, notice_given_on=g.notice_given_on,
               termination_effective_on=g.termination_effective_on)
    recommit(step, g)


def recommit(step: Step, g: GrantState) -> None:
    """Bring what the grant commits, year by year and funder by funder, to what its state
    says: its plan while it commits (less the years released by notice), what was paid and
    not repaid once it is closed or terminated (with what its terms still owe), nothing before
    approval. A reduction by notice, termination or closure is posted as released too."""
    releasing = g.status in ("notice given", "terminated", "closed")
    if g.status == "terminated" and g.still_payable and (last := final_year(g)):
        g.year(last)
    for label in sorted(g.years):
        year = g.year(label)
        for funder, target in committed_parts(g, label).items():
            part = g.funder_year(label, funder)
            change = target - part.committed
            step.post(Posting(Measure.COMMITTED, change, g.body, label, g.grant_id,
                              programme_id=g.programme_id, funder=funder))
            part.committed = target
        give_in_kind(step, g, label)
        committed = sum(p.committed for (y, _), p in g.funders.items() if y == label)
        if releasing and committed < year.committed:
            released = year.committed - committed
            step.post(Posting(Measure.RELEASED, released, g.body, label, g.grant_id))
            year.released += released
        year.committed = committed


def give_in_kind(step: Step, g: GrantState, label: str) -> None:
    """What funders give the grant in kind, kept apart from cash: counted while the grant
    commits (or once closed, as given), but for the years released by notice."""
    counts = (g.committing or g.status == "closed") and not released(g, label)
    targets: dict[str, int] = {}
    for c in g.contributions:
        if c.in_kind and c.year == label and counts:
            targets[c.funder] = targets.get(c.funder, 0) + c.amount
    current = {f for (y, f), p in g.funders.items() if y == label and p.in_kind}
    for funder in sorted({*targets, *current}):
        part = g.funder_year(label, funder)
        change = targets.get(funder, 0) - part.in_kind
        step.post(Posting(Measure.GRANTED_IN_KIND, change, g.body, label, g.grant_id,
                          programme_id=g.programme_id, funder=funder))
        part.in_kind += change


def committed_parts(g: GrantState, label: str) -> dict[str, int]:
    current = {f: p.committed for (y, f), p in g.funders.items() if y == label}
    targets: dict[str, int]
    if g.status in ("closed", "terminated"):
        year = g.years[label]
        net = year.paid - year.repaid
        targets = {f: p.paid - p.repaid for (y, f), p in g.funders.items()
                   if y == label} if net > 0 else {}
        if g.status == "terminated" and label == final_year(g):
            for funder, part in in_proportion(g.still_payable, g.shares(label)):
                targets[funder] = targets.get(funder, 0) + part
    elif g.committing and not released(g, label):
        targets = dict(in_proportion(g.planned(label), g.shares(label)))
    else:
        targets = {}
    return {funder: targets.get(funder, 0) for funder in sorted({*current, *targets})}


def final_year(g: GrantState) -> str | None:
    ends = g.ends_on
    return str(FinancialYear.of(ends)) if ends else None


def released(g: GrantState, label: str) -> bool:
    effective = g.termination_effective_on
    return effective is not None and FinancialYear.parse(label).start >= effective


# -- funds ----------------------------------------------------------------------------------


def fund_established(event: Recorded, books: Books) -> FundState:
    f = event.fields
    total = f["total_budget"]
    fund = FundState(
        fund_id=event.record_id, body=f["body"], name=f["name"], funder=f["funder"],
        first_year=str(f["first_year"]), last_year=str(f["last_year"]),
        total_budget=total.pence if total is not None else None,
        created_on=f["business_date"], new=True,
    )
    fund.budgets = {str(y): None for y in f["first_year"].through(f["last_year"])}
    fund.changed_budgets = set(fund.budgets)
    books.add(fund)
    return fund


def fund_created(step: Step, fund: State) -> None:
    assert isinstance(fund, FundState)
    step.facts(**fund.columns())


def budget_set(step: Step, fund: State) -> None:
    assert isinstance(fund, FundState)
    label, amount = str(step.fields["year"]), step.fields["amount"].pence
    fund.budgets[label] = amount
    fund.changed_budgets.add(label)
    step.facts(**{"*budgets": {label: amount}})


def fund_committed(step: Step, fund: State) -> None:
    assert isinstance(fund, FundState)
    lines: dict[str, int] = {}
    for line in step.fields["lines"]:
        lines[str(line.year)] = lines.get(str(line.year), 0) + line.amount.pence
    charge(step, fund, str(step.fields["grant_id"]), lines)
    reason = step.fields["override_reason"]
    if reason:
        step.exception(fund.body, f"{fund.body} {fund.name}", "fund over-committed", reason)


def fund_released(step: Step, fund: State) -> None:
    assert isinstance(fund, FundState)
    charge(step, fund, str(step.fields["grant_id"]), {})


def charge(step: Step, fund: FundState, grant_id: str, lines: dict[str, int]) -> None:
    grant = step.books.grant(grant_id)
    for label in sorted({*grant.years, *lines}):
        year = grant.year(label)
        change = lines.get(label, 0) - year.charged
        step.post(Posting(Measure.CHARGED, change, fund.body, label, grant_id,
                          fund_id=fund.fund_id))
        year.charged += change
    step.books.touch(grant)


# -- programmes -----------------------------------------------------------------------------


def programme_registered(event: Recorded, books: Books) -> ProgrammeState:
    f = event.fields
    programme = ProgrammeState(event.record_id, f["name"], f["lead_body"],
                               f["business_date"], new=True)
    books.add(programme)
    return programme


def programme_created(step: Step, p: State) -> None:
    assert isinstance(p, ProgrammeState)
    step.facts(**p.columns())


def pledge_recorded(step: Step, p: State) -> None:
    assert isinstance(p, ProgrammeState)
    pledge = step.fields["pledge"]
    measure = Measure.PLEDGED_IN_KIND if pledge.in_kind else Measure.PLEDGED_CASH
    years = [str(y) for y in pledge.years]
    for label, amount in evenly(pledge.amount.pence, years):
        step.post(Posting(measure, amount, p.lead_body, label, programme_id=p.programme_id,
                          funder=pledge.funder))


# -- the audit trail ------------------------------------------------------------------------


def recorded_at(timestamp: datetime) -> str:
    return timestamp.astimezone(UTC).isoformat(timespec="microseconds")


@cache
def humane(name: str) -> str:
    words = [name[0]]
    for char in name[1:]:
        words.append(f" {char.lower()}" if char.isupper() else char)
    return "".join(words)


def as_json(changes: Mapping[str, Any]) -> str:
    return orjson.dumps(changes).decode()


# -- the kinds of event ---------------------------------------------------------------------

Create = Callable[[Recorded, Books], State]
Change = Callable[[Step, State], None]
Find = Callable[[Books, str], State]


@dataclass(frozen=True)
class Kind:
    find: Find
    create: Create | None = None
    change: Change | None = None


def of_decision(change: Change | None = None) -> Kind:
    return Kind(lambda books, i: books.decision(i), change=change)


def of_grant(change: Change | None = None) -> Kind:
    return Kind(lambda books, i: books.grant(i), change=change)


def of_fund(change: Change | None = None) -> Kind:
    return Kind(lambda books, i: books.fund(i), change=change)


def of_programme(change: Change | None = None) -> Kind:
    return Kind(lambda books, i: books.programme(i), change=change)


KINDS: dict[str, Kind] = {
    "Decision.Drafted": Kind(lambda b, i: b.decision(i), decision_drafted, decision_created),
    "Decision.ImplicationConsidered": of_decision(),
    "Decision.SignedOff": of_decision(signed_off),
    "Decision.StatedTotalNoted": of_decision(stated_total_noted),
    "Decision.Approved": of_decision(decided("approved")),
    "Decision.Refused": of_decision(decided("refused")),
    "Decision.Withdrawn": of_decision(decision_withdrawn),
    "Decision.PublicationDecided": of_decision(publication_decided),
    "Decision.RedactionCarriedOut": of_decision(),
    "Decision.RedactionSignedOff": of_decision(),
    "Decision.Published": of_decision(published),
    "Decision.PublicationWithdrawn": of_decision(publication_withdrawn),
    "Decision.Transcribed": of_decision(),
    "Decision.ConflictNoted": of_decision(conflict_noted),
    "Decision.ConflictResolved": of_decision(conflict_resolved),
    "Decision.AuthorityDrawn": of_decision(authority_drawn),
    "Decision.AuthorityLinesDrawn": of_decision(authority_lines_drawn),
    "Decision.AuthorityReleased": of_decision(authority_released),
    "Grant.Proposed": Kind(lambda b, i: b.grant(i), grant_proposed, grant_created),
    "Grant.Approved": of_grant(grant_becomes("approved", "approved_on", recommits=True)),
    "Grant.AgreementSigned": of_grant(grant_becomes("agreement signed",
                                                    "agreement_signed_on")),
    "Grant.TranchePaid": of_grant(tranche_paid),
    "Grant.Varied": of_grant(grant_varied),
    "Grant.Extended": of_grant(grant_extended),
    "Grant.NoticeGiven": of_grant(notice_given),
    "Grant.Terminated": of_grant(grant_terminated),
    "Grant.RepaymentRecorded": of_grant(repayment_recorded),
    "Grant.PublicationFactsStated": of_grant(publication_facts_stated),
    "Grant.Published": of_grant(grant_published),
    "Grant.Closed": of_grant(grant_becomes("closed", "closed_on", recommits=True)),
    "Fund.Established": Kind(lambda b, i: b.fund(i), fund_established, fund_created),
    "Fund.BudgetSet": of_fund(budget_set),
    "Fund.Committed": of_fund(fund_committed),
    "Fund.Released": of_fund(fund_released),
    "Programme.Registered": Kind(lambda b, i: b.programme(i), programme_registered,
                                 programme_created),
    "Programme.SiteAdded": of_programme(),
    "Programme.PledgeRecorded": of_programme(pledge_recorded),
    "Programme.TargetSet": of_programme(),
    "Programme.OutcomeReported": of_programme(),
}
