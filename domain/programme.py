"""A programme such as Drive: delivery partners, sites, match-funding pledges, targets, outcomes."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from eventsourcing.domain import Aggregate, event

from domain import identity
from domain.errors import ProgrammeError
from domain.events import RecordEvent
from domain.identity import normal
from domain.record import Record
from domain.values import Outcome, Pledge, Target


class Programme(Record):
    class Event(RecordEvent):
        class_version = 1

    class Registered(Event, Aggregate.Created):
        class_version = 2
        name: str
        lead_body: str
        delivery_partners: list[str]
        description: str
        registered_by: str

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["registered_by"] = ""

    class SiteAdded(Event):
        site: str
        host_body: str

        def apply(self, programme: Programme) -> None:
            programme.sites[self.site] = self.host_body

    class PledgeRecorded(Event):
        pledge: Pledge
        decision_reference: str

        def apply(self, programme: Programme) -> None:
            programme.pledges.append(self.pledge)

    class TargetSet(Event):
        target: Target

        def apply(self, programme: Programme) -> None:
            programme.targets.append(self.target)

    class OutcomeReported(Event):
        outcome: Outcome

        def apply(self, programme: Programme) -> None:
            programme.outcomes.append(self.outcome)

    @staticmethod
    def create_id(name: str, **_: Any) -> UUID:
        return identity.programme_id(name)

    @event(Registered)
    def __init__(
        self,
        *,
        actor: str,
        business_date: date,
        name: str,
        lead_body: str,
        delivery_partners: list[str],
        description: str,
        registered_by: str,
    ) -> None:
        self.name = name
        self.registered_by = registered_by
        self.dated_from = business_date
        self.lead_body = lead_body
        self.delivery_partners = list(delivery_partners)
        self.description = description
        self.sites: dict[str, str] = {}
        self.pledges: list[Pledge] = []
        self.targets: list[Target] = []
        self.outcomes: list[Outcome] = []

    @classmethod
    def register(cls, **fields: Any) -> Programme:
        if not str(fields.get("name", "")).strip():
            raise ProgrammeError("A programme needs a name")
        return cls(**fields)

    def add_site(self, actor: str, on: date, site: str, host_body: str) -> None:
        if not site.strip():
            raise ProgrammeError(f"A site of programme {self.name} needs a name")
        if self.has_site(site):
            raise ProgrammeError(f"Programme {self.name} already has the site {site}")
        self.trigger_event(
            self.SiteAdded, actor=actor, business_date=on, site=site, host_body=host_body
        )

    def kept_by(self, body: str) -> bool:
        """Whether staff of the body may change the programme: its lead body, the body that
        registered it, a body hosting one of its sites or a funder pledging to it."""
        keepers = {self.lead_body, self.registered_by, *self.sites.values(),
                   *(pledge.funder for pledge in self.pledges)}
        return normal(body) in {normal(keeper) for keeper in keepers if keeper}

    def has_site(self, site: str) -> bool:
        return normal(site) in {normal(s) for s in self.sites}

    def record_pledge(self, actor: str, on: date, pledge: Pledge, decision_reference: str) -> None:
        if pledge.amount.pence <= 0:
            raise ProgrammeError(f"A pledge to {self.name} must be more than £0.00")
        if pledge.last_year < pledge.first_year:
            raise ProgrammeError(f"A pledge to {self.name} cannot end before it starts")
        self.check_site(pledge.site)
        self.trigger_event(
            self.PledgeRecorded,
            actor=actor,
            business_date=on,
            pledge=pledge,
            decision_reference=decision_reference,
        )

    def set_target(self, actor: str, on: date, target: Target) -> None:
        if target.count <= 0:
            raise ProgrammeError(f"A target of {self.name} must be a positive count")
        self.check_site(target.site)
        self.trigger_event(self.TargetSet, actor=actor, business_date=on, target=target)

    def report_outcome(self, actor: str, on: date, outcome: Outcome) -> None:
        if outcome.count < 0:
            raise ProgrammeError(f"An outcome of {self.name} cannot be a negative count")
        self.check_site(outcome.site)
        self.trigger_event(self.OutcomeReported, actor=actor, business_date=on, outcome=outcome)

    def check_site(self, site: str) -> None:
        if site and not self.has_site(site):
            raise ProgrammeError(f"Programme {self.name} has no site {site}")
