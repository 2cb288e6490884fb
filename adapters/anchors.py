"""Anchors: the head of the chain (position, link, time) noted where an insider with access to
the database cannot silently rewrite it.

A chain can be rewritten consistently (an event changed and every later link recomputed) or cut
short (the last events deleted with their links), and it still checks out on its own. Not
against an anchor: the events up to an anchored position must give the link noted there, and
the log must reach it. Each anchor is kept three ways: in the `chain_anchors` table, which
triggers keep append-only and `verify` checks the chain against; printed as POSITION:LINK for
the operator to note (`verify --expect POSITION:LINK`); and appended to a file the operator
keeps away from the database (`verify --anchors FILE`). The public register prints the head
it was published at, which anyone can later hold the body to."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from adapters import chain
from adapters.database import Database
from readmodel.sql import Cursor

TABLE = "chain_anchors"
NOTED = re.compile(r"\b(\d+):([0-9a-f]{64})\b")


@dataclass(frozen=True)
class Anchor:
    position: int
    link: str
    anchored_at: str = ""
    note: str = ""

    def __str__(self) -> str:
        return f"{self.position}:{self.link}"

    def line(self) -> str:
        return f"{self.anchored_at} {self} {self.note}".rstrip()


class AnchorError(Exception):
    pass


def noted(text: str) -> dict[int, str]:
    """Every POSITION:LINK in the text (an anchors file, or what was given on the command
    line), by position."""
    found: dict[int, str] = {}
    for position, link in NOTED.findall(text):
        if found.setdefault(int(position), link) != link:
            raise AnchorError(f"Two different links are noted for position {position}")
    return found


def expected(given: Iterable[str]) -> dict[int, str]:
    found: dict[int, str] = {}
    for item in given:
        parsed = noted(item)
        if not parsed or NOTED.fullmatch(item.strip()) is None:
            raise AnchorError(f"Expected POSITION:LINK (a 64-digit hex link), not {item!r}")
        found.update(parsed)
    return found


def read(path: Path) -> dict[int, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise AnchorError(f"Cannot read the anchors file {path}: {error.strerror}") from None
    return noted(text)


class Anchors:
    def __init__(self, database: Database) -> None:
        self.database = database

    def create(self, cursor: Cursor) -> None:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {TABLE} (position BIGINT NOT NULL, "
                       "link TEXT NOT NULL, anchored_at TEXT NOT NULL, note TEXT NOT NULL)")
        message = "anchors are kept as noted: never changed or deleted"
        if cursor.dialect == "sqlite":
            for change in ("UPDATE", "DELETE"):
                cursor.execute(
                    f"CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{change.lower()} BEFORE {change} "
                    f"ON {TABLE} BEGIN SELECT RAISE(ABORT, '{message}'); END")
            return
        cursor.execute(f"CREATE OR REPLACE FUNCTION {TABLE}_kept() RETURNS trigger "
                       f"LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '{message}'; END $$")
        cursor.execute(f"CREATE OR REPLACE TRIGGER {TABLE}_kept BEFORE UPDATE OR DELETE OR "
                       f"TRUNCATE ON {TABLE} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_kept()")

    def listed(self) -> list[Anchor]:
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT position, link, anchored_at, note FROM {TABLE} "
                           "ORDER BY position, anchored_at")
            return [Anchor(int(p), link, at, note) for p, link, at, note in cursor.fetchall()]

    def latest(self) -> Anchor | None:
        with self.database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT position, link, anchored_at, note FROM {TABLE} "
                           "ORDER BY position DESC, anchored_at DESC LIMIT 1")
            row = cursor.fetchone()
        return Anchor(int(row[0]), *row[1:]) if row else None

    def anchored(self) -> dict[int, str]:
        found: dict[int, str] = {}
        for anchor in self.listed():
            if found.setdefault(anchor.position, anchor.link) != anchor.link:
                raise AnchorError(f"The anchors table holds two links for {anchor.position}")
        return found

    def anchor(self, note: str = "") -> Anchor:
        """Anchor the head, once the events since the last anchor are found to lead to it."""
        earlier = self.listed()
        last = max(earlier, key=lambda a: a.position) if earlier else Anchor(0, chain.GENESIS)
        verdict = chain.verify(chain.stored_rows(self.database, after=last.position),
                               previous=last.link)
        if not verdict.intact:
            raise AnchorError(f"Nothing anchored: {verdict}")
        head = Anchor(verdict.position or last.position, verdict.head,
                      datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), " ".join(note.split()))
        with self.database.transaction() as cursor:
            cursor.execute(f"INSERT INTO {TABLE} (position, link, anchored_at, note) "
                           "VALUES (?, ?, ?, ?)",
                           (head.position, head.link, head.anchored_at, head.note))
        return head
