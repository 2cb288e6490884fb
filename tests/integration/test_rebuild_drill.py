"""A drill: `grantledger rebuild` killed with SIGKILL part way, on each store, then run again,
ends with the same tables as the journal kept command by command."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

from adapters.database import Database
from adapters.generator import History
from adapters.settings import database_of, store_env
from grantledger.bootstrap import build
from tests.stores import tables

GRANTLEDGER = Path(sys.executable).with_name("grantledger")


def rebuilt_to(database: Database) -> int | None:
    with database.transaction(write=False) as cursor:
        cursor.execute("SELECT rebuilt_to FROM journal_head WHERE name = 'journal'")
        found = cursor.fetchone()[0]
    return None if found is None else int(found)


def kill_part_way(url: str) -> bool:
    """Start a rebuild and kill it once it has written a batch; False if it finished first."""
    database = database_of(store_env(url))
    assert database is not None
    process = subprocess.Popen([str(GRANTLEDGER), "--database-url", url, "rebuild"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while process.poll() is None:
            if rebuilt_to(database):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return True
            time.sleep(0.005)
        return False
    finally:
        if process.poll() is None:
            process.kill()
        database.close()


def test_a_rebuild_killed_part_way_resumes_to_the_same_tables(store_url: str) -> None:
    system = build(store_url)
    History(seed=3, bodies=6).record(system.app, 30_000)
    expected = tables(system)
    system.close()

    assert kill_part_way(store_url), "the rebuild finished before it could be killed"
    time.sleep(2)  # the killed rebuild's writer finds itself orphaned and stops
    resumed = build(store_url)
    assert resumed.ledgers.needs_rebuild()
    resumed.ledgers.rebuild()
    assert not resumed.ledgers.needs_rebuild()
    assert tables(resumed) == expected
    resumed.close()
