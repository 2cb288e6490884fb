"""The writer of a rebuild, in a process of its own: it reads from its standard input how to
open the database, then batches of writes, and writes each batch in its own transaction, in
the order given, until told to stop (None) or its input ends (the rebuild is gone); then it
says "done" on its standard output, or what went wrong."""

from __future__ import annotations

import pickle
import sys
from typing import Any

from readmodel.store import execute


def main() -> None:
    source: Any = sys.stdin.buffer
    try:
        database = pickle.load(source)()
        with database.bulk():
            while (writes := next_batch(source)) is not None:
                with database.transaction() as cursor:
                    execute(cursor, writes)
        database.close()
        print("done")
    except Exception as error:
        print(f"{type(error).__name__}: {error}")
        sys.exit(1)


def next_batch(source: Any) -> Any:
    try:
        return pickle.load(source)
    except EOFError:
        return None


if __name__ == "__main__":
    main()
