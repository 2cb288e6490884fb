"""The public register, written as a site and served by the app: everything published is on
it, and nothing from Part 2, nothing deferred, withdrawn or unpublished, and nothing of
another body appears in any page or file."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from uuid import UUID
from xml.etree import ElementTree

import pytest
from flask.testing import FlaskClient

from adapters.system import System
from domain.commands import (
    ApproveDecision,
    ApproveGrant,
    DecidePublication,
    DraftDecision,
    ProposeGrant,
    PublishDecision,
    PublishGrant,
    RegisterProgramme,
    StateGrantPublicationFacts,
    WithdrawPublication,
)
from domain.errors import PublicationError
from domain.money import Money
from domain.values import Authorisation
from grantledger.bootstrap import build
from publishing import site
from publishing.content import Register, gather
from publishing.files import open_data
from publishing.pages import Pages
from readmodel.publication import PublishedDecision
from tests.stores import registered
from webapp.app import create_app

NORTH, SOUTH = "Northshire PCC", "Southshire PCC"
TODAY = date(2026, 1, 1)
HIDDEN = ("DEFERRED-REF", "DEFERRED-DECISION", "CONFIDENTIAL-REF", "CONFIDENTIAL-DECISION",
          "NONPUB-REASON", "WITHDRAWN-REF", "WITHDRAWN-DECISION", "WITHDRAWAL-REASON",
          "DRAFT-REF", "DRAFT-DECISION", "UNPUBLISHED-GRANT", "HIDDEN-RECIPIENT")
OTHER_BODY = ("S/001", "OTHER-BODY-DECISION", "OTHER-BODY-GRANT", "Southshire")


@dataclass
class Books:
    system: System
    shown: dict[str, str] = field(default_factory=dict)
    """What must be on Northshire's register: each record's id by its name."""
    hidden: dict[str, str] = field(default_factory=dict)
    """Records that must never be: their ids by name."""


def decision(system: System, body: str, reference: str, title: str) -> UUID:
    app = system.app
    registered(app, body)
    decision_id = app.handle(DraftDecision(
        on=date(2025, 4, 1), body=body, reference=reference, title=title,
        authorisations=[Authorisation(f"Grants under {title}", Money.of("100000"))],
    ), "officer")
    app.handle(ApproveDecision(decision_id=decision_id, on=date(2025, 5, 1), maker_role="PCC",
                               override_reason="Signed off outside the system"), "pcc")
    return decision_id


def published(system: System, body: str, reference: str, title: str, **publication: object
              ) -> UUID:
    decision_id = decision(system, body, reference, title)
    system.app.handle(DecidePublication(decision_id=decision_id, on=date(2025, 5, 1),
                                        for_publication=True, **publication), "officer")  # type: ignore[arg-type]
    system.app.handle(PublishDecision(decision_id=decision_id, on=date(2025, 6, 1)), "officer")
    return decision_id


def grant(system: System, decision_id: UUID, title: str, recipient: str = "Open Charity",
          publish: bool = True) -> UUID:
    app = system.app
    grant_id = app.handle(ProposeGrant(
        on=date(2025, 5, 1), decision_id=decision_id, title=title, recipient=recipient,
        amount=Money.of("10000"), period_start=date(2025, 6, 1), period_end=date(2026, 3, 31),
        purpose=f"Purpose of {title}", programme="Safer Streets"), "officer")
    app.handle(ApproveGrant(grant_id=grant_id, on=date(2025, 5, 2)), "pcc")
    app.handle(StateGrantPublicationFacts(
        grant_id=grant_id, conditions=f"Conditions of {title}",
        crime_reduction_reasons=f"Why {title} reduces crime"), "officer")
    if publish:
        app.handle(PublishGrant(grant_id=grant_id, on=date(2025, 6, 2)), "officer")
    return grant_id


@pytest.fixture
def books(store_url: str) -> Iterator[Books]:
    system = build(store_url, today=lambda: TODAY)
    system.app.handle(RegisterProgramme(name="Safer Streets"), "officer")
    books = Books(system)
    shown, hidden = books.shown, books.hidden
    part1 = published(system, NORTH, "N/001", "Published decision with a Part 2",
                      part2_exists=True, significant_public_interest=True)
    shown["N/001"] = str(part1)
    shown["Published grant"] = str(grant(system, part1, "Published grant"))
    hidden["UNPUBLISHED-GRANT"] = str(grant(system, part1, "UNPUBLISHED-GRANT",
                                            "HIDDEN-RECIPIENT", publish=False))

    deferred = decision(system, NORTH, "DEFERRED-REF", "DEFERRED-DECISION")
    system.app.handle(DecidePublication(decision_id=deferred, for_publication=True,
                                        deferred_until=date(2026, 6, 1)), "officer")
    with pytest.raises(PublicationError, match="deferred"):
        system.app.handle(PublishDecision(decision_id=deferred), "officer")
    hidden["DEFERRED-REF"] = str(deferred)

    confidential = decision(system, NORTH, "CONFIDENTIAL-REF", "CONFIDENTIAL-DECISION")
    system.app.handle(DecidePublication(decision_id=confidential, for_publication=False,
                                        reasons="NONPUB-REASON: exempt under s.31"), "officer")
    hidden["CONFIDENTIAL-REF"] = str(confidential)

    withdrawn = published(system, NORTH, "WITHDRAWN-REF", "WITHDRAWN-DECISION")
    shown["Grant under a withdrawn decision"] = str(
        grant(system, withdrawn, "Grant under a withdrawn decision"))
    system.app.handle(WithdrawPublication(decision_id=withdrawn,
                                          reason="WITHDRAWAL-REASON: published in error"), "o")
    hidden["WITHDRAWN-REF"] = str(withdrawn)

    registered(system.app, NORTH)
    hidden["DRAFT-REF"] = str(system.app.handle(DraftDecision(
        on=date(2025, 4, 1), body=NORTH, reference="DRAFT-REF", title="DRAFT-DECISION"), "o"))

    other = published(system, SOUTH, "S/001", "OTHER-BODY-DECISION")
    hidden["S/001"] = str(other)
    hidden["OTHER-BODY-GRANT"] = str(grant(system, other, "OTHER-BODY-GRANT"))
    yield books
    system.close()


def site_text(books: Books, out: Path, body: str = NORTH) -> str:
    register = gather(books.system.ledgers, body, head=books.system.anchors.anchor("test"))
    site.write(register, books.system.app.decision, out, open_data=open_data(register, TODAY))
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(out.rglob("*"))
                     if path.is_file())


def assert_nothing_hidden(text: str, books: Books, other_body: bool = True) -> None:
    for marker in HIDDEN + (OTHER_BODY if other_body else ()):
        assert marker not in text
    for name, record_id in books.hidden.items():
        if other_body or name not in ("S/001", "OTHER-BODY-GRANT"):
            assert record_id not in text, f"{name} ({record_id}) appears"


def test_the_site_holds_what_is_published_and_nothing_else(books: Books, tmp_path: Path) -> None:
    text = site_text(books, tmp_path / "site")

    assert "Published decision with a Part 2" in text
    assert "A confidential Part 2 report exists" in text
    assert "significant public interest" in text
    assert "Conditions of Published grant" in text
    assert "Why Grant under a withdrawn decision reduces crime" in text
    assert books.system.anchors.latest().link in text  # type: ignore[union-attr]
    assert_nothing_hidden(text, books)


def test_a_decision_page_for_each_published_decision_and_a_grants_page_per_year(
        books: Books, tmp_path: Path) -> None:
    site_text(books, tmp_path / "site")

    pages = sorted(p.name for p in (tmp_path / "site" / "decisions").iterdir())
    assert pages == [f"{books.shown['N/001']}.html"]
    assert sorted(p.name for p in (tmp_path / "site" / "grants").iterdir()) == ["2025-26.html"]


def test_the_data_files_list_the_published_records_only(books: Books, tmp_path: Path) -> None:
    site_text(books, tmp_path / "site")
    out = tmp_path / "site"

    data = json.loads((out / "register.json").read_text())
    assert [d["reference"] for d in data["decisions"]] == ["N/001"]
    assert sorted(g["title"] for g in data["grants"]) == [
        "Grant under a withdrawn decision", "Published grant"]
    assert {g["title"]: g["decision"] for g in data["grants"]}[
        "Grant under a withdrawn decision"] is None
    assert data["chain_head"]["link"] == books.system.anchors.latest().link  # type: ignore[union-attr]
    decisions = list(csv.DictReader(io.StringIO((out / "register.csv").read_text())))
    assert [row["reference"] for row in decisions] == ["N/001"]
    grants = list(csv.DictReader(io.StringIO((out / "grants.csv").read_text())))
    assert sorted((row["title"], row["decision_reference"]) for row in grants) == [
        ("Grant under a withdrawn decision", ""), ("Published grant", "N/001")]
    giving = json.loads((out / "360giving.json").read_text())
    assert sorted(g["title"] for g in giving["grants"]) == [
        "Grant under a withdrawn decision", "Published grant"]
    feed = ElementTree.parse(out / "feed.xml").getroot()
    ids = [e.findtext("{http://www.w3.org/2005/Atom}id") or "" for e in
           feed.iter("{http://www.w3.org/2005/Atom}entry")]
    assert sorted(ids) == sorted(f"urn:uuid:{i}" for i in books.shown.values())


def test_every_bodys_register_shows_each_body_but_nothing_unpublished(
        books: Books, tmp_path: Path) -> None:
    text = site_text(books, tmp_path / "site", body="")

    assert "OTHER-BODY-DECISION" in text and "OTHER-BODY-GRANT" in text
    assert_nothing_hidden(text, books, other_body=False)


def test_writing_again_replaces_the_register_so_a_withdrawn_decision_leaves_it(
        books: Books, tmp_path: Path) -> None:
    out = tmp_path / "site"
    site_text(books, out)
    books.system.app.handle(WithdrawPublication(decision_id=UUID(books.shown["N/001"]),
                                                reason="Published in error"), "officer")

    text = site_text(books, out)

    assert not (out / "decisions" / f"{books.shown['N/001']}.html").exists()
    assert "Published decision with a Part 2" not in text


def test_a_folder_holding_anything_else_is_refused_and_left_alone(
        books: Books, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep me")

    with pytest.raises(site.SiteError, match="something other than a register"):
        site_text(books, tmp_path)

    assert (tmp_path / "notes.txt").read_text() == "keep me"


@pytest.fixture
def client(books: Books, store_url: str) -> FlaskClient:
    books.system.anchors.anchor("served")
    return create_app({"DATABASE_URL": store_url, "TODAY": lambda: TODAY}).test_client()


def served(client: FlaskClient, query: str = "") -> str:
    index = client.get(f"/register/{query}")
    assert index.status_code == 200
    texts = [index.get_data(as_text=True)]
    for path in ("register.json", "register.csv", "grants.csv", "feed.xml", "360giving.json",
                 "grants/2025-26.html"):
        answer = client.get(f"/register/{path}{query}")
        assert answer.status_code == 200, path
        texts.append(answer.get_data(as_text=True))
    return "\n".join(texts)


def test_the_served_pages_need_no_sign_in_and_show_nothing_hidden(
        books: Books, client: FlaskClient) -> None:
    text = served(client, f"?body={NORTH}")
    page = client.get(f"/register/decisions/{books.shown['N/001']}.html")

    assert page.status_code == 200
    assert "Published grant" in text and "Published grant" in page.get_data(as_text=True)
    assert_nothing_hidden(text + page.get_data(as_text=True), books)


def test_no_page_is_served_for_a_decision_that_is_not_published(
        books: Books, client: FlaskClient) -> None:
    for name in ("DEFERRED-REF", "CONFIDENTIAL-REF", "WITHDRAWN-REF", "DRAFT-REF"):
        assert client.get(f"/register/decisions/{books.hidden[name]}.html").status_code == 404


def test_the_served_register_searches_by_reference_title_and_year(
        books: Books, client: FlaskClient) -> None:
    everything = served(client)
    found = client.get("/register/?q=n/001 2025-26").get_data(as_text=True)
    missed = client.get("/register/?q=nothing-like-it").get_data(as_text=True)

    assert "OTHER-BODY-DECISION" in everything
    assert_nothing_hidden(everything, books, other_body=False)
    assert "Published decision with a Part 2" in found and "OTHER-BODY" not in found
    assert "No published decision matches" in missed


def test_the_served_index_shows_a_page_at_a_time_keeping_the_search() -> None:
    listed = tuple(PublishedDecision(
        decision_id=f"d{n}", body=NORTH, reference=f"N/{n:03}", title=f"Decision {n}",
        status="approved", decision_maker="PCC", decided_on=date(2025, 5, 1),
        published_on=date(2025, 6, 1), published_url="", significant=False, part2_exists=False,
    ) for n in range(250))
    register = Register(body=NORTH, made_at=datetime(2026, 1, 1, tzinfo=UTC), head=None,
                        decisions=listed, grants=())

    last = Pages().index(register, words="decision", body=NORTH, page=3)
    whole = Pages().index(register)

    assert "250 of 250 published decisions: page 3 of 3" in last
    assert last.count("<tr data-search") == 50 and "N/249" in last and "N/199" not in last
    assert 'href="index.html?q=decision&amp;body=Northshire+PCC&amp;page=2" rel="prev"' in last
    assert whole.count("<tr data-search") == 250 and 'rel="next"' not in whole
