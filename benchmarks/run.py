"""The product at scale: a generated history of N events, and each cost that must not grow with
it, measured beside a raw baseline taken in the same run on the same machine.

Usage: python -m benchmarks.run --store sqlite|postgres --events N [--quick] [--json]
                                [--database-url URL] [--seed S]

Prints one JSON object with --json, a table otherwise. It asserts nothing."""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import random
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from http.cookiejar import CookieJar
from importlib import metadata
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
from eventsourcing.persistence import StoredEvent

from adapters import workbook
from adapters.generator import History
from adapters.system import System
from adapters.users import Role
from domain.commands import PayTranche
from domain.identity import normal
from domain.money import Money
from grantledger.bootstrap import build
from publishing import content, files, site
from readmodel.ledgers import ListQuery
from readmodel.points import Point
from readmodel.rows import GrantRow

POSTGRES = os.environ.get("GRANTLEDGER_TEST_POSTGRES_URL",
                          "postgresql://postgres@127.0.0.1:5432/test")
PYTHON = sys.executable
GRANTLEDGER = str(Path(sys.executable).with_name("grantledger"))
Figures = dict[str, Any]


@contextmanager
def store(kind: str, given: str) -> Iterator[str]:
    if given:
        yield given
    elif kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    else:
        schema = f"bench_{uuid.uuid4().hex[:10]}"
        with psycopg.connect(POSTGRES, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA "{schema}"')
        try:
            yield f"{POSTGRES}?schema={schema}"
        finally:
            with psycopg.connect(POSTGRES, autocommit=True) as conn:
                conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@contextmanager
def opened(url: str) -> Iterator[System]:
    system = build(url)
    try:
        yield system
    finally:
        system.close()


def timed(action: Callable[[], Any]) -> tuple[Any, float]:
    began = time.perf_counter()
    result = action()
    return result, time.perf_counter() - began


def events_in(system: System) -> int:
    with system.database.transaction(write=False) as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {system.database.events_table}")
        return int(cursor.fetchone()[0])


def ms(seconds: float) -> float:
    return round(seconds * 1000, 2)


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]


# -- the history ----------------------------------------------------------------------------


def generate(url: str, events: int, seed: int) -> Figures:
    with opened(url) as system:
        already = events_in(system)
        if already >= events:
            return {"events": already, "generated_per_s": None}
        recorded, seconds = timed(lambda: History(seed=seed).record(system.app, events - already))
        return {"events": events_in(system), "generated_per_s": round(recorded / seconds)}


def verify(url: str) -> Figures:
    with opened(url) as system:
        verdict, seconds = timed(system.verify)
        return {"verify_events_per_s": round(verdict.count / seconds),
                "verify_intact": verdict.intact}


def rebuild(url: str) -> Figures:
    done = subprocess.run([PYTHON, "-m", "benchmarks.rebuild", url], check=True,
                          capture_output=True, text=True)
    found = json.loads(done.stdout.strip().splitlines()[-1])
    return {
        "rebuild_events_per_s": round(found["events"] / found["seconds"]),
        "rebuild_cpu_events_per_s": round(found["events"] / found["cpu_seconds"]),
        "raw_select_rows_per_s": round(found["events"] / found["raw_select_seconds"]),
        "rebuild_vs_raw_select": round(found["raw_select_seconds"] / found["seconds"], 3),
        "rebuild_peak_rss_mb": found["peak_rss_mb"],
    }


def busiest_body(system: System) -> str:
    """The body with the most grants: its ledgers are the longest to read."""
    with system.database.transaction(write=False) as cursor:
        cursor.execute("SELECT body FROM grant_ledger GROUP BY body ORDER BY COUNT(*) DESC "
                       "LIMIT 1")
        return str(cursor.fetchone()[0])


def first_answer(url: str, body: str) -> Figures:
    command = [GRANTLEDGER, "--database-url", url, "ledger", "funds", "--body", body,
               "--format", "json"]
    _, seconds = timed(lambda: subprocess.run(command, check=True, capture_output=True))
    return {"first_answer_s": round(seconds, 3)}


# -- points in time -------------------------------------------------------------------------


def span(system: System) -> tuple[date, date, datetime, datetime]:
    with system.database.transaction(write=False) as cursor:
        cursor.execute("SELECT MIN(business_date), MAX(business_date), MIN(known_by), "
                       "MAX(known_by) FROM audit_trail")
        first, last, early, late = cursor.fetchone()
    return (date.fromisoformat(str(first)), date.fromisoformat(str(last)),
            datetime.fromisoformat(early), datetime.fromisoformat(late))


def books_at(system: System, body: str, point: Point) -> None:
    query = ListQuery(tenant=body, limit=50)
    system.ledgers.grants(query, point)
    system.ledgers.funds(ListQuery(tenant=body), point)


def full_replay(system: System, through: datetime) -> int:
    """What a point in time cost before the journal: every event up to it, folded."""
    database, mapper = system.database, system.app.mapper
    records: dict[UUID, Any] = {}
    after, folded = 0, 0
    while True:
        with database.transaction(write=False) as cursor:
            cursor.execute(
                f"SELECT {database.position_column}, originator_id, originator_version, topic, "
                f"state FROM {database.events_table} WHERE {database.position_column} > ? "
                f"ORDER BY {database.position_column} LIMIT 5000", (after,))
            page = cursor.fetchall()
        if not page:
            return folded
        for _, originator, version, topic, state in page:
            event: Any = mapper.to_domain_event(StoredEvent(UUID(str(originator)), version,
                                                            topic, bytes(state)))
            if event.timestamp > through:
                return folded
            records[event.originator_id] = event.mutate(records.get(event.originator_id))
            folded += 1
        after = int(page[-1][0])


def points_in_time(url: str, body: str, samples: int, seed: int) -> Figures:
    chance = random.Random(seed)
    with opened(url) as system:
        first, last, early, late = span(system)
        as_at, known_at = [], []
        for _ in range(samples):
            day = first + timedelta(days=chance.randint(0, (last - first).days))
            moment = early + (late - early) * chance.random()
            as_at.append(timed(lambda: books_at(system, body, Point(as_at=day)))[1])  # noqa: B023
            known_at.append(timed(
                lambda: books_at(system, body, Point(as_known_at=moment)))[1])  # noqa: B023
        _, replay = timed(lambda: full_replay(system, early + (late - early) / 2))
        return {
            "as_at_p99_ms": ms(p99(as_at)), "as_at_median_ms": ms(statistics.median(as_at)),
            "as_known_at_p99_ms": ms(p99(known_at)),
            "full_replay_ms": ms(replay),
            "as_at_vs_full_replay": round(replay / statistics.median(as_at), 1),
        }


# -- commands -------------------------------------------------------------------------------


def live_grants(system: System, body: str = "") -> list[GrantRow]:
    rows = system.ledgers.grants(ListQuery(body=body)).rows
    return [g for g in rows if g.status in ("approved", "agreement signed")
            and g.awarded_pence - g.paid_pence >= 10_000 and g.approved_on is not None]


def pay(system: System, grant: GrantRow) -> None:
    on = max(grant.approved_on or date.min, grant.period_start or date.min)
    system.app.handle(PayTranche(grant_id=UUID(grant.grant_id), on=on, amount=Money(1),
                                 reference="bench"), "bench-treasurer", transcribing=True)


def commands(url: str, count: int) -> Figures:
    with opened(url) as system:
        grants = live_grants(system)
        before = system.app.recorder.max_notification_id() or 0
        began = time.perf_counter()
        for i in range(count):
            pay(system, grants[i % len(grants)])
        seconds = time.perf_counter() - began
        after = system.app.recorder.max_notification_id() or 0
        with system.database.transaction(write=False) as cursor:
            column = system.database.position_column
            cursor.execute(f"SELECT originator_id, originator_version, topic, state FROM "
                           f"{system.database.events_table} WHERE {column} > ? AND "
                           f"{column} <= ? ORDER BY {column}", (before, after))
            rows = [tuple(row) for row in cursor.fetchall()]
        raw = raw_inserts(system, url, rows)
    per_s = count / seconds
    return {"command_per_s": round(per_s), "raw_insert_per_s": round(raw),
            "command_vs_raw_insert": round(per_s / raw, 3)}


def raw_inserts(system: System, url: str, rows: list[tuple[Any, ...]]) -> float:
    """The same event rows inserted into a table of the same shape, one transaction each."""
    create = ("CREATE TABLE bench_raw_events (originator_id TEXT, originator_version INTEGER, "
              "topic TEXT, state {blob}, PRIMARY KEY (originator_id, originator_version))")
    if system.database.dialect == "sqlite":
        connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("DROP TABLE IF EXISTS bench_raw_events")
        connection.execute(create.format(blob="BLOB"))
        began = time.perf_counter()
        for row in rows:
            connection.execute("BEGIN")
            connection.execute("INSERT INTO bench_raw_events VALUES (?, ?, ?, ?)", row)
            connection.execute("COMMIT")
        seconds = time.perf_counter() - began
        connection.execute("DROP TABLE bench_raw_events")
        connection.close()
        return len(rows) / seconds
    schema = url.split("schema=", 1)[1] if "schema=" in url else "public"
    with psycopg.connect(url.split("?", 1)[0]) as postgres:
        postgres.execute(f'SET search_path TO "{schema}"')
        postgres.execute("DROP TABLE IF EXISTS bench_raw_events")
        postgres.execute(create.format(blob="BYTEA"))
        postgres.commit()
        began = time.perf_counter()
        for row in rows:
            postgres.execute("INSERT INTO bench_raw_events VALUES (%s, %s, %s, %s)",
                             (str(row[0]), row[1], row[2], bytes(row[3])))
            postgres.commit()
        seconds = time.perf_counter() - began
        postgres.execute("DROP TABLE bench_raw_events")
        postgres.commit()
    return len(rows) / seconds


def payment_growth(url: str, samples: int) -> Figures:
    """A payment on a grant with 10 payments before it, and with 3,000."""
    with opened(url) as system:
        grant = max(live_grants(system), key=lambda g: g.awarded_pence - g.paid_pence)
        for _ in range(10):
            pay(system, grant)
        early = [timed(lambda: pay(system, grant))[1] for _ in range(samples)]
        for _ in range(3000 - 10 - samples):
            pay(system, grant)
        late = [timed(lambda: pay(system, grant))[1] for _ in range(samples)]
    return {"payment_ms_at_10": ms(statistics.median(early)),
            "payment_ms_at_3000": ms(statistics.median(late)),
            "payment_ms_at_3000_vs_at_10": round(statistics.median(late)
                                                 / statistics.median(early), 2)}


# -- HTTP -----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(command: list[str], probe: str, environment: dict[str, str]) -> Iterator[None]:
    process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(probe, timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


def load(base: str, seconds: float, plan: list[Any]) -> Figures:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(plan, file)
    done = subprocess.run([PYTHON, "-m", "benchmarks.load", base, str(seconds), "8", file.name],
                          check=True, capture_output=True, text=True)
    os.unlink(file.name)
    found: Figures = json.loads(done.stdout)
    return found


def signed_in(base: str, token: str) -> dict[str, str]:
    """The dashboard's session cookie, signed in as a browser does: the form, then the token."""
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/sign-in").read().decode()
    csrf = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    data = urllib.parse.urlencode({"token": token, "csrf": csrf, "next": "/"}).encode()
    opener.open(f"{base}/sign-in", data=data)
    return {"Cookie": "; ".join(f"{c.name}={c.value}" for c in jar)}


def workbook_export(url: str, body: str) -> Figures:
    """The body's workbook written whole, beside reading its grants and events raw."""
    with opened(url) as system:
        def raw() -> int:
            with system.database.transaction(write=False) as cursor:
                cursor.execute("SELECT * FROM grant_ledger WHERE tenant = ?", [normal(body)])
                rows = len(cursor.fetchall())
                cursor.execute("SELECT * FROM audit_trail WHERE tenant = ?", [normal(body)])
                return rows + len(cursor.fetchall())

        _, raw_seconds = timed(raw)
        today = system.today()
        asked = workbook.Asked(body, Point(), today, today, datetime.now(UTC), None)
        rows, seconds = timed(lambda: workbook.write(system.ledgers, asked, io.BytesIO()))
    return {"workbook_s": round(seconds, 3), "workbook_raw_select_s": round(raw_seconds, 4),
            "workbook_grants": rows["Grants"], "workbook_events": rows["Audit trail"]}


def http(url: str, body: str, seconds: float) -> Figures:
    with opened(url) as system:
        reader = system.users.add(f"bench-reader-{uuid.uuid4().hex[:6]}", [Role.AUDITOR], body)
        read = {"Authorization": f"Bearer {reader}"}
        shown = system.ledgers.grants(ListQuery(body=body, limit=8)).rows
        published = system.ledgers.published_decisions(body)
        grants = live_grants(system)[:64]
        payers = {g.body: system.users.add(f"bench-payer-{uuid.uuid4().hex[:6]}",
                                           [Role.TREASURER], g.body) for g in grants}
    reads = [
        ["GET", "/api/ledgers/funds?page_size=10", read, None],
        ["GET", "/api/grants?page_size=10", read, None],
        *(["GET", f"/api/grants/{g.grant_id}", read, None] for g in shown),
        ["GET", "/api/ledgers/grants?page_size=10", read, None],
        ["GET", "/api/exposure?page_size=10", read, None],
    ]
    writes = [["POST", f"/api/grants/{g.grant_id}/payments",
               {"Authorization": f"Bearer {payers[g.body]}"},
               {"amount": "0.01", "on": max(g.approved_on or date.min,
                                            g.period_start or date.min).isoformat()}]
              for g in grants]
    address = f"127.0.0.1:{free_port()}"
    environment = {**os.environ, "GRANTLEDGER_DATABASE_URL": url}
    served = [GRANTLEDGER, "serve", "--bind", address, "--workers", "2"]
    pages: list[Any] = [["GET", f"/register/?body={urllib.parse.quote(body)}", {}, None],
             *(["GET", f"/register/decisions/{d.decision_id}.html", {}, None]
               for d in published[:8])]
    with serving(served, f"http://{address}/api/public/decisions", environment):
        read_load = load(f"http://{address}", seconds, reads)
        write_load = load(f"http://{address}", seconds, writes)
        register_load = load(f"http://{address}", seconds, pages)
        cookie = signed_in(f"http://{address}", reader)
        screens = [["GET", path, cookie, None] for path in (
            "/", "/grants", "/audit", "/to-resolve",
            *(f"/grants/{g.grant_id}" for g in shown))]
        dashboard_load = load(f"http://{address}", seconds, screens)
    hello_address = f"127.0.0.1:{free_port()}"
    with serving([PYTHON, "-m", "benchmarks.hello", hello_address, "2"],
                 f"http://{hello_address}/hello", dict(os.environ)):
        hello_load = load(f"http://{hello_address}", seconds,
                          [["GET", "/hello", {}, None]])
    return {
        "http_read_per_s": read_load["per_s"], "http_read_p99_ms": read_load["p99_ms"],
        "http_read_statuses": read_load["statuses"],
        "http_write_per_s": write_load["per_s"], "http_write_p99_ms": write_load["p99_ms"],
        "http_write_statuses": write_load["statuses"],
        "register_page_per_s": register_load["per_s"],
        "register_page_p99_ms": register_load["p99_ms"],
        "register_page_statuses": register_load["statuses"],
        "dashboard_page_per_s": dashboard_load["per_s"],
        "dashboard_page_p99_ms": dashboard_load["p99_ms"],
        "dashboard_page_statuses": dashboard_load["statuses"],
        "hello_per_s": hello_load["per_s"], "hello_p99_ms": hello_load["p99_ms"],
        "http_read_vs_hello": round(read_load["per_s"] / hello_load["per_s"], 3),
        "register_page_vs_hello": round(register_load["per_s"] / hello_load["per_s"], 3),
        "dashboard_page_vs_hello": round(dashboard_load["per_s"] / hello_load["per_s"], 3),
    }


# -- the public register ---------------------------------------------------------------------


def raw_published(system: System, body: str) -> int:
    """The baseline: the register's rows read as they are stored, nothing made of them."""
    with system.database.transaction(write=False) as cursor:
        rows = 0
        for table in ("decision_register", "grant_ledger"):
            cursor.execute(f"SELECT * FROM {table} WHERE published AND tenant = ?",
                           [normal(body)])
            rows += len(cursor.fetchall())
        return rows


def register(url: str, body: str) -> Figures:
    """The body's register written whole, beside reading its rows raw."""
    with opened(url) as system:
        _, raw_seconds = timed(lambda: raw_published(system, body))
        made, gather_seconds = timed(lambda: content.gather(system.ledgers, body))
        with tempfile.TemporaryDirectory() as folder:
            written, write_seconds = timed(lambda: site.write(
                made, system.app.decision, Path(folder) / "site",
                open_data=files.open_data(made, system.today())))
    return {
        "register_decisions": len(made.decisions), "register_grants": len(made.grants),
        "register_files": written, "register_site_s": round(gather_seconds + write_seconds, 3),
        "register_raw_select_s": round(raw_seconds, 4),
        "register_site_per_file_ms": round(ms(gather_seconds + write_seconds) / written, 2),
    }


# -- the run --------------------------------------------------------------------------------


def machine(kind: str, url: str) -> Figures:
    found: Figures = {
        "date": datetime.now(UTC).date().isoformat(), "cores": os.cpu_count(),
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
        "eventsourcing": metadata.version("eventsourcing"), "store": kind,
    }
    if kind == "postgres":
        with psycopg.connect(url.split("?", 1)[0]) as connection:
            found["postgres"] = connection.info.server_version
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="Few samples, short loads.")
    parser.add_argument("--json", action="store_true", help="Print one JSON object.")
    parser.add_argument("--database-url", default="",
                        help="Use this store, generating only what it lacks of --events.")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    samples, commands_run, seconds = (5, 100, 2.0) if args.quick else (60, 2000, 15.0)
    with store(args.store, args.database_url) as url:
        figures = {**machine(args.store, url), **generate(url, args.events, args.seed)}
        figures |= verify(url)
        figures |= rebuild(url)
        with opened(url) as system:
            body = busiest_body(system)
        figures |= first_answer(url, body)
        figures |= points_in_time(url, body, samples, args.seed)
        figures |= commands(url, commands_run)
        figures |= payment_growth(url, max(samples, 10))
        figures |= register(url, body)
        figures |= workbook_export(url, body)
        figures |= http(url, body, seconds)
    if args.json:
        print(json.dumps(figures))
    else:
        for key, value in figures.items():
            print(f"{key:32} {value}")


if __name__ == "__main__":
    main()
