"""Lists read a page at a time, so that a long one is never held whole."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TypeVar

from readmodel.rows import Listed

T = TypeVar("T")
PAGE = 1000

Ask = Callable[[int | None, int], Listed[T]]
"""A list asked for by limit (None: all of it) and offset."""


def every(ask: Ask[T], paged: bool = True) -> Iterator[T]:
    """Every row of the list; in pages unless told that the list is worked out whole
    whatever is asked (as the ledgers at a past point are), when one asking is cheaper."""
    if not paged:
        yield from ask(None, 0).rows
        return
    offset = 0
    while True:
        listed = ask(PAGE, offset)
        yield from listed.rows
        offset += PAGE
        if not listed.rows or offset >= listed.total:
            return
