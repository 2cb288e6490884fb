"""Tables that read well at the terminal's width: no word is split, money and dates are never
wrapped, and where the columns cannot all fit, the least needed are left out and named
(`--wide` shows every one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rich.table import Table

EDGE = 1
PER_COLUMN = 3
"""What rich adds around a column's text: padding either side and a rule."""
LONGEST_WORD = 24
"""A word longer than this (an id, an address) may be folded rather than widen its column."""


@dataclass(frozen=True)
class Column:
    header: str
    firm: bool = False
    """Money, dates and counts: never wrapped, set right for money and counts."""
    right: bool = False


def longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)


def least_width(column: Column, cells: Sequence[str]) -> int:
    """The narrowest the column can be without splitting a word (or a firm value)."""
    def measure(text: str) -> int:
        if column.firm:
            return max((len(line) for line in text.splitlines()), default=0)
        return min(longest_word(text), LONGEST_WORD)

    return max([measure(column.header), *(measure(cell) for cell in cells), 1])


def natural_width(column: Column, cells: Sequence[str]) -> int:
    return max(len(line) for text in (column.header, *cells) for line in text.splitlines() or [""])


def widths(columns: Sequence[Column], rows: Sequence[Sequence[str]], shown: Sequence[int],
           width: int) -> dict[int, int]:
    """Each shown column's width: at least its least, the room left shared by what each
    would take to show its cells unwrapped."""
    least = {i: least_width(columns[i], [row[i] for row in rows]) for i in shown}
    wanted = {i: natural_width(columns[i], [row[i] for row in rows]) - least[i] for i in shown}
    spare = width - EDGE - sum(least[i] + PER_COLUMN for i in shown)
    asked = sum(wanted.values())
    if spare <= 0 or asked == 0:
        return least
    return {i: least[i] + min(wanted[i], spare * wanted[i] // asked) for i in shown}


def chosen(columns: Sequence[Column], rows: Sequence[Sequence[str]], width: int | None,
           priority: Sequence[int]) -> list[int]:
    """The columns to show, in their own order: by priority while they fit the width."""
    if width is None:
        return list(range(len(columns)))
    used, shown = EDGE, list[int]()
    for index in priority:
        need = least_width(columns[index], [row[index] for row in rows]) + PER_COLUMN
        if used + need <= width or not shown:
            used += need
            shown.append(index)
    return sorted(shown)


def fitted(title: str, columns: Sequence[Column], rows: Sequence[Sequence[str]],
           width: int | None, priority: Sequence[int] | None = None) -> Table:
    """A table of the rows for a console `width` wide (None: as wide as it takes)."""
    order = list(priority) if priority is not None else list(range(len(columns)))
    order += [i for i in range(len(columns)) if i not in order]
    shown = chosen(columns, rows, width, order)
    left_out = [columns[i].header for i in range(len(columns)) if i not in shown]
    table = Table(title=f"{title} ({len(rows)})", title_justify="left", expand=False,
                  caption=f"Not shown: {', '.join(left_out)} (--wide shows them)"
                  if left_out else None, caption_justify="left")
    sized = widths(columns, rows, shown, width) if width is not None else {}
    for i in shown:
        column = columns[i]
        table.add_column(column.header, no_wrap=column.firm, overflow="fold",
                         justify="right" if column.right else "left", width=sized.get(i))
    for row in rows:
        table.add_row(*(row[i] for i in shown))
    if not rows:
        table.add_row(*(["none"] + [""] * (len(shown) - 1)))
    return table
