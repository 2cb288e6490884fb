"""The register as data: register.json, register.csv (decisions), grants.csv and an Atom feed
of what was published, newest first."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid5
from xml.etree import ElementTree

from adapters.giving360 import export
from domain.money import Money
from publishing.content import Register, named, year_of
from readmodel.publication import AwardedGrant, PublishedDecision

ATOM = "http://www.w3.org/2005/Atom"
FEED_ENTRIES = 100


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def decision_page(decision_id: str) -> str:
    return f"decisions/{decision_id}.html"


def decision_record(d: PublishedDecision) -> dict[str, Any]:
    return {
        "id": d.decision_id, "body": d.body, "reference": d.reference, "title": d.title,
        "outcome": d.status, "decision_maker": d.decision_maker, "decided_on": iso(d.decided_on),
        "financial_year": year_of(d.decided_on) or None, "published_on": iso(d.published_on),
        "published_url": d.published_url or None, "page": decision_page(d.decision_id),
        "significant_public_interest": d.significant, "part2_exists": d.part2_exists,
    }


def grant_record(g: AwardedGrant) -> dict[str, Any]:
    return {
        "id": g.grant_id, "body": g.body, "title": g.title, "recipient": g.recipient,
        "amount_awarded": Money(g.awarded_pence).plain(), "up_to": g.up_to,
        "purpose": g.purpose, "conditions": g.conditions,
        "crime_reduction_reasons": g.crime_reduction_reasons, "award_date": iso(g.approved_on),
        "financial_year": year_of(g.approved_on) or None, "period_start": iso(g.period_start),
        "period_end": iso(g.period_end), "programme": g.programme or None,
        "regrants": g.regrants, "published_on": iso(g.published_on),
        "page": f"grants/{year_of(g.approved_on)}.html#grant-{g.grant_id}",
        "decision": {"id": g.decision_id, "reference": g.decision_reference,
                     "page": decision_page(g.decision_id)} if g.decision_published else None,
    }


def as_json(register: Register) -> str:
    head = register.head
    return json.dumps({
        "register": register.title, "body": register.body or None,
        "made_at": register.made_at.isoformat(timespec="seconds"),
        "chain_head": {"position": head.position, "link": head.link,
                       "anchored_at": head.anchored_at} if head else None,
        "decisions": [decision_record(d) for d in register.decisions],
        "grants": [grant_record(g) for g in register.grants],
    }, ensure_ascii=False, indent=1)


def as_csv(records: Iterable[dict[str, Any]], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: "" if v is None else v for k, v in record.items()})
    return out.getvalue()


DECISION_COLUMNS = ["reference", "title", "body", "outcome", "decision_maker", "decided_on",
                    "financial_year", "published_on", "published_url",
                    "significant_public_interest", "part2_exists", "page", "id"]
GRANT_COLUMNS = ["title", "recipient", "body", "amount_awarded", "up_to", "award_date",
                 "financial_year", "period_start", "period_end", "purpose", "conditions",
                 "crime_reduction_reasons", "programme", "regrants", "decision_reference",
                 "published_on", "page", "id"]


def decisions_csv(register: Register) -> str:
    return as_csv((decision_record(d) for d in register.decisions), DECISION_COLUMNS)


def grants_csv(register: Register) -> str:
    return as_csv(({**grant_record(g), "decision_reference": (
        g.decision_reference if g.decision_published else None)} for g in register.grants),
        GRANT_COLUMNS)


def stamp(day: date | None, made_at: datetime) -> str:
    return f"{day.isoformat()}T00:00:00Z" if day else made_at.strftime("%Y-%m-%dT%H:%M:%S%z")


def feed(register: Register, base_url: str = "") -> str:
    """Atom: each decision and grant published, newest first, by the day published (or,
    where that is not stated, decided or awarded)."""
    entries: list[tuple[date, str, str, str, str]] = [
        (d.published_on or d.decided_on or date.min, f"urn:uuid:{d.decision_id}",
         f"{named(d.reference)}: {d.title}", decision_page(d.decision_id),
         f"{d.body}: decision {d.status} on {iso(d.decided_on) or 'a date not stated'}")
        for d in register.decisions]
    entries += [
        (g.published_on or g.approved_on or date.min, f"urn:uuid:{g.grant_id}",
         f"Grant: {g.title} to {g.recipient}",
         f"grants/{year_of(g.approved_on)}.html#grant-{g.grant_id}",
         f"{g.body}: {Money(g.awarded_pence)} awarded on {iso(g.approved_on)} for {g.purpose}")
        for g in register.grants]
    entries.sort(key=lambda e: (e[0], e[1]), reverse=True)
    root = ElementTree.Element("feed", {"xmlns": ATOM})
    if base_url:
        root.set("xml:base", base_url.rstrip("/") + "/")
    text(root, "title", register.title)
    text(root, "id", f"urn:uuid:{uuid5(NAMESPACE_URL, 'grantledger-register:' + register.body)}")
    text(root, "updated", stamp(entries[0][0] if entries else None, register.made_at))
    ElementTree.SubElement(root, "link", {"rel": "self", "href": "feed.xml"})
    ElementTree.SubElement(root, "link", {"rel": "alternate", "href": "index.html"})
    author = ElementTree.SubElement(root, "author")
    text(author, "name", register.body or "Grantledger register")
    for dated, ident, title, page, summary in entries[:FEED_ENTRIES]:
        item = ElementTree.SubElement(root, "entry")
        text(item, "id", ident)
        text(item, "title", title)
        text(item, "updated", stamp(dated if dated != date.min else None, register.made_at))
        ElementTree.SubElement(item, "link", {"rel": "alternate", "href": page})
        text(item, "summary", summary)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ElementTree.tostring(
        root, encoding="unicode")


def text(parent: ElementTree.Element, tag: str, value: str) -> None:
    ElementTree.SubElement(parent, tag).text = value


def open_data(register: Register, issued: date,
              settings: export.Settings | None = None) -> export.Export | None:
    """The grants on the register as 360Giving open data; None where none can go out."""
    try:
        return export.export(list(register.grants), settings or export.settings(), issued,
                             export.Asked(register.body))
    except export.NothingToExportError:
        return None
