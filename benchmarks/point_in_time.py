"""Point-in-time books on a long history: the checkpointed query against a raw full replay.

Usage: python benchmarks/point_in_time.py [--payments N] [--database-url URL]
Prints the seconds each takes and their ratio; it asserts nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from adapters import dossier, replay
from adapters.settings import build_service


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--payments", type=int, default=1000)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    folder = tempfile.mkdtemp()
    url = args.database_url or f"sqlite:///{Path(folder) / 'bench.sqlite'}"
    service = build_service(url)
    service.app.projector = None  # load fast, then project in batches
    for name, document in dossier.shipped():
        dossier.import_dossier(service.app, document, name, "bench")
    grant = next(g for g in service.app.grants() if g.recipient == "SafeLives")
    start = time.perf_counter()
    for n in range(args.payments):
        service.app.pay_tranche(grant.id, "bench", date(2016, 4, 1), "0.01", f"P{n}")
        if n == args.payments // 2:
            middle = datetime.now(UTC)
    recorded = time.perf_counter() - start
    start = time.perf_counter()
    service.project()
    projected = time.perf_counter() - start
    events = service.app.recorder.max_notification_id()

    start = time.perf_counter()
    raw = replay.known_at(service.app, middle)
    raw_seconds = time.perf_counter() - start
    start = time.perf_counter()
    served = service.books(as_known_at=middle)
    served_seconds = time.perf_counter() - start
    assert served.position == raw.position

    start = time.perf_counter()
    replay.as_at(service.app, date(2016, 4, 1))
    raw_dated = time.perf_counter() - start
    service.books(as_at=date(2016, 4, 1))  # the first query leaves checkpoints behind
    start = time.perf_counter()
    service.books(as_at=date(2016, 4, 1))
    served_dated = time.perf_counter() - start

    print(f"events in the log:                 {events}")
    print(f"recording {args.payments} payments:         {recorded:.2f} s")
    print(f"projecting the ledgers:            {projected:.2f} s")
    print(f"as known at, full replay:          {raw_seconds:.3f} s")
    print(f"as known at, from a checkpoint:    {served_seconds:.3f} s "
          f"(ratio {served_seconds / raw_seconds:.3f})")
    print(f"as at, full replay:                {raw_dated:.3f} s")
    print(f"as at, from a checkpoint:          {served_dated:.3f} s "
          f"(ratio {served_dated / raw_dated:.3f})")
    service.close()


if __name__ == "__main__":
    main()
