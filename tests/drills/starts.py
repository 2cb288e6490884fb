"""Servers started again and again on fresh PostgreSQL schemas, each with four workers: the
store's tables and functions are made once, before the workers, so none fails to start.

    python -m tests.drills.starts [--starts 20]
"""

from __future__ import annotations

import argparse
import json
import sys

from tests.drills.crash import server
from tests.stores import fresh_store


def starts(count: int, workers: int = 4) -> int:
    """How many of the starts failed."""
    failed = 0
    for _ in range(count):
        with fresh_store("postgres") as url:
            try:
                with server(url, workers):
                    pass
            except AssertionError:
                failed += 1
    return failed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=20)
    options = parser.parse_args()
    failed = starts(options.starts)
    print(json.dumps({"starts": options.starts, "failed": failed}))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
