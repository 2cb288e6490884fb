"""Values never change once made, so a copy of one is the value itself: copying a record
(as loading one from the cache does) need not copy its money, years and other values."""

from __future__ import annotations

from typing import Any, Self


class Immutable:
    __slots__ = ()

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
        return self
