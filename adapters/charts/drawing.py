"""A chart drawn with matplotlib's object API on the Agg canvas (no pyplot, whose global
figures are not safe across a web server's threads), as PNG or SVG bytes."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from adapters.charts.series import Chart, Part, Stack

FORMS = {"png": "image/png", "svg": "image/svg+xml"}
GROUP = 0.8
PALETTE = "tab10"


def rendered(chart: Chart, form: str) -> bytes:
    return image(figure(chart), form)


def image(drawn: Figure, form: str) -> bytes:
    if form not in FORMS:
        raise ValueError(f"charts are drawn as {' or '.join(FORMS)}, not {form}")
    if form == "svg":
        # Text as text, so the labels can be read, searched and checked; set for the process
        # rather than in rc_context, whose restoring races between threads.
        matplotlib.rcParams["svg.fonttype"] = "none"
    FigureCanvasAgg(drawn)
    out = io.BytesIO()
    drawn.savefig(out, format=form, dpi=100)
    return out.getvalue()


def figure(chart: Chart) -> Figure:
    drawn = Figure(figsize=(10, 6), layout="constrained")
    axes = drawn.add_subplot()
    drawn.suptitle(chart.title, fontsize=13, fontweight="bold")
    axes.set_title(chart.subtitle, fontsize=9, wrap=True)
    years = chart.years
    if not years:
        axes.text(0.5, 0.5, "Nothing to chart", ha="center", va="center",
                  transform=axes.transAxes)
        axes.set_axis_off()
        return drawn
    colours = colours_of(chart.sources)
    width = GROUP / len(chart.stacks)
    for i, stack in enumerate(chart.stacks):
        offsets = [x - GROUP / 2 + width * (i + 0.5) for x in range(len(years))]
        draw_stack(axes, stack, years, offsets, width, colours)
    if chart.budget:
        draw_budget(axes, chart.budget, years)
    if chart.paid:
        last = len(chart.stacks) - 1
        draw_paid(axes, chart.paid, years, width, last)
    axes.set_xticks(range(len(years)), years)
    axes.set_xlabel("Financial year")
    axes.set_ylabel("£")
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: f"£{value:,.0f}"))
    axes.set_ylim(bottom=0)
    axes.grid(axis="y", alpha=0.3)
    axes.set_axisbelow(True)
    axes.legend(handles=legend(chart, colours), fontsize=8, loc="upper left",
                bbox_to_anchor=(1.01, 1), borderaxespad=0)
    return drawn


def colours_of(sources: list[str]) -> dict[str, tuple[float, float, float, float]]:
    palette = matplotlib.colormaps[PALETTE]
    return {source: palette(i % palette.N) for i, source in enumerate(sources)}


def draw_stack(axes: Axes, stack: Stack, years: list[str], offsets: list[float],
               width: float, colours: dict[str, tuple[float, float, float, float]]) -> None:
    base = [0.0] * len(years)
    for part in sorted(stack.amounts):
        heights = [plotted(stack.amounts[part].get(year)) for year in years]
        axes.bar(offsets, heights, width, bottom=base, **look(part, colours))
        base = [b + h for b, h in zip(base, heights, strict=True)]


def look(part: Part, colours: dict[str, tuple[float, float, float, float]]) -> dict[str, Any]:
    colour = colours[part.source]
    if part.in_kind:
        return {"color": to_rgba(colour, 0.45), "hatch": "//", "edgecolor": colour}
    return {"color": colour, "edgecolor": "white", "linewidth": 0.5}


def draw_budget(axes: Axes, budget: dict[str, Decimal], years: list[str]) -> None:
    heights = [plotted(budget.get(year)) for year in years]
    axes.bar(range(len(years)), heights, GROUP + 0.1, fill=False, edgecolor="dimgray",
             linestyle="--", linewidth=1.2)


def draw_paid(axes: Axes, paid: dict[str, Decimal], years: list[str], width: float,
              stack: int) -> None:
    for x, year in enumerate(years):
        if year in paid:
            centre = x - GROUP / 2 + width * (stack + 0.5)
            axes.hlines(plotted(paid[year]), centre - width / 2, centre + width / 2,
                        colors="black", linewidth=2.5)


def legend(chart: Chart, colours: dict[str, tuple[float, float, float, float]]) -> list[Patch]:
    handles = [Patch(color=colours[source], label=source) for source in chart.sources]
    if any(part.in_kind for stack in chart.stacks for part in stack.amounts):
        handles.append(Patch(facecolor="white", edgecolor="gray", hatch="//",
                             label="In kind (hatched)"))
    if chart.budget:
        handles.append(Patch(fill=False, edgecolor="dimgray", linestyle="--", label="Budget"))
    if chart.paid:
        handles.append(Patch(color="black", label="Paid, net of repayments"))
    return handles


def plotted(amount: Decimal | None) -> float:
    return float(amount or 0)
