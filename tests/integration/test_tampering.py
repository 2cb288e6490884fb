"""An insider with access to the database, tampering behind the product's back: each change is
caught by `verify`, on both stores."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from adapters import chain, dossier, ledger_check
from adapters.anchors import Anchor
from adapters.system import System
from adapters.users import Role
from domain.commands import DraftDecision
from grantledger.bootstrap import build
from tests.stores import tamper

GRANT_PROPOSED = 11
"""The position of the Essex grant's proposal in the demo's log: the event that states its
£765,000 (76500000 pence), which the tampering rewrites."""
STATE = "CAST(REPLACE(CAST(state AS TEXT), '76500000', '76600000') AS BLOB)"
STATE_PG = "convert_to(replace(convert_from(state, 'UTF8'), '76500000', '76600000'), 'UTF8')"


@pytest.fixture
def system(store_url: str) -> Iterator[System]:
    opened = build(store_url)
    for name, document in dossier.shipped():
        dossier.import_dossier(opened.app, document, name, "demo")
    yield opened
    opened.close()


def rewrite(store_url: str, position: int) -> None:
    """Change what the event at the position says."""
    state = STATE_PG if store_url.startswith("postgres") else STATE
    tamper(store_url, f"UPDATE {{events}} SET state = {state} WHERE {{position}} = {position}")


def relink(system: System) -> None:
    """Recompute every link from the events as they now are, as an insider covering a
    rewrite would."""
    previous, links = chain.GENESIS, []
    for position, originator, version, topic, state, _, _ in chain.stored_rows(system.database):
        assert position is not None
        previous = chain.link(previous, position, originator, version, topic, state)
        links.append((previous, position))
    with system.database.transaction() as cursor:
        cursor.executemany(f"UPDATE {chain.CHAIN_TABLE} SET link = ? WHERE position = ?", links)


def anchored(system: System) -> Anchor:
    head = system.anchors.anchor("month end")
    assert system.verify().intact
    return head


@pytest.mark.parametrize(("statement", "problem"), [
    (None, "does not match its link"),
    ("DELETE FROM {events} WHERE {position} = 11", "missing from the store"),
    ("UPDATE event_chain SET position = -position WHERE position IN (11, 12); "
     "UPDATE event_chain SET position = 23 + position WHERE position IN (-11, -12)",
     "does not match its link"),
], ids=["a flipped byte", "a deleted event", "two links swapped"])
def test_a_changed_deleted_or_swapped_event_breaks_the_chain_where_it_was(
    store_url: str, system: System, statement: str | None, problem: str,
) -> None:
    if statement is None:
        rewrite(store_url, GRANT_PROPOSED)
    else:
        for part in statement.split("; "):
            tamper(store_url, part)
    verdict = system.verify()
    assert verdict.broken_at == GRANT_PROPOSED
    assert problem in str(verdict)


def test_deleting_the_last_events_with_their_links_is_caught_by_an_anchor(
    store_url: str, system: System,
) -> None:
    head = anchored(system)
    tamper(store_url, f"DELETE FROM event_chain WHERE position > {head.position - 3}")
    tamper(store_url, f"DELETE FROM {{events}} WHERE {{position}} > {head.position - 3}")
    verdict = system.verify()
    assert not verdict.intact
    assert f"the log ends at {head.position - 3}, before the link anchored at " \
           f"{head.position}" in str(verdict)


def test_a_rewrite_with_every_later_link_recomputed_is_caught_by_an_anchor(
    store_url: str, system: System,
) -> None:
    head = anchored(system)
    rewrite(store_url, GRANT_PROPOSED)
    relink(system)
    assert chain.verify(chain.stored_rows(system.database)).intact
    verdict = system.verify()
    assert verdict.broken_at == head.position
    assert "not those anchored" in str(verdict)


def test_an_anchor_noted_elsewhere_catches_a_rewrite_even_with_the_anchors_table_emptied(
    store_url: str, system: System,
) -> None:
    head = anchored(system)
    with pytest.raises(Exception, match="anchors are kept as noted"):
        tamper(store_url, "DELETE FROM chain_anchors")
    tamper(store_url, "DROP TABLE chain_anchors")
    tamper(store_url, "CREATE TABLE chain_anchors (position BIGINT NOT NULL, link TEXT NOT "
                      "NULL, anchored_at TEXT NOT NULL, note TEXT NOT NULL)")
    rewrite(store_url, GRANT_PROPOSED)
    relink(system)
    assert system.verify().intact
    verdict = system.verify({head.position: head.link})
    assert verdict.broken_at == head.position


def test_a_head_noted_at_a_past_position_is_checked_where_it_was(system: System) -> None:
    earlier = anchored(system)
    system.app.handle(DraftDecision(on=date(2016, 1, 4), body="MOPAC", reference="PCD 999",
                                    title="A later decision"), "officer")
    verdict = system.verify({earlier.position: earlier.link})
    assert verdict.intact and verdict.anchors == 1
    wrong = system.verify({earlier.position - 1: earlier.link})
    assert wrong.broken_at == earlier.position - 1


def test_the_derived_tables_of_an_untouched_store_are_what_the_log_gives(
    system: System,
) -> None:
    system.users.add("tess", [Role.TREASURER], "Essex PCC", actor="ada")
    system.users.add("greg", [Role.OFFICER], "Essex PCC", actor="ada")
    system.users.change_roles("greg", [Role.OFFICER, Role.AUDITOR], actor="ada")
    system.users.revoke("tess", actor="ada")
    assert ledger_check.differences(system) == []


def test_an_edited_ledger_row_is_named(store_url: str, system: System) -> None:
    tamper(store_url, "UPDATE fund_register SET total_budget_pence = total_budget_pence + 100 "
                      "WHERE total_budget_pence IS NOT NULL")
    found = ledger_check.differences(system)
    assert len(found) == 2
    assert found[0].startswith("fund_register: the row (") and "1500000100" in found[0]
    assert "1500000000" in found[1] and "which is missing" in found[1]


def test_a_role_given_outside_the_product_is_named(store_url: str, system: System) -> None:
    system.users.add("greg", [Role.OFFICER], "Essex PCC", actor="ada")
    tamper(store_url, "UPDATE api_users SET roles = 'admin' WHERE name = 'greg'")
    assert ledger_check.differences(system) == [
        "api_users: greg differs from the events in roles"]
    tamper(store_url, "INSERT INTO api_users (name, roles, body, token_hash, created_at) "
                      "VALUES ('mallory', 'admin', 'Essex PCC', 'x', '2026-01-01')")
    assert "api_users: mallory has no events: added outside the product" in \
        ledger_check.differences(system)
