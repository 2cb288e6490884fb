"""A rebuild in a process of its own, so its peak memory is its own, beside a raw paged SELECT
of the same rows with the same page size. Prints JSON.

Usage: python -m benchmarks.rebuild URL"""

from __future__ import annotations

import json
import resource
import sys
import time

from grantledger.bootstrap import build
from readmodel.rebuild import BATCH


def raw_select(url: str) -> tuple[int, float]:
    system = build(url)
    database = system.database
    column, table = database.position_column, database.events_table
    began, after, rows = time.perf_counter(), 0, 0
    while True:
        with database.transaction(write=False) as cursor:
            cursor.execute(f"SELECT {column}, originator_id, originator_version, topic, state "
                           f"FROM {table} WHERE {column} > ? ORDER BY {column} LIMIT ?",
                           (after, BATCH))
            page = cursor.fetchall()
        if not page:
            break
        rows += len(page)
        after = int(page[-1][0])
    seconds = time.perf_counter() - began
    system.close()
    return rows, seconds


def main() -> None:
    url = sys.argv[1]
    rows, raw_seconds = raw_select(url)
    system = build(url)
    began, cpu = time.perf_counter(), time.process_time()
    system.ledgers.rebuild()
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    system.close()
    # The rebuild and its writer process, at the most each used: an upper bound of both.
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            + resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    print(json.dumps({"events": rows, "seconds": seconds, "cpu_seconds": cpu_seconds,
                      "raw_select_seconds": raw_seconds, "peak_rss_mb": round(peak, 1)}))


if __name__ == "__main__":
    main()
