"""The statistics' charts (issue #12), drawn with matplotlib on a ``Figure`` (no pyplot, no Qt).

The statistics dialog draws them on a Qt canvas; ``annotator stats --chart`` saves them
headless. matplotlib is imported only by the functions that draw (it is heavy).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.services.statistics import Statistics

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.axis import XAxis, YAxis
    from matplotlib.figure import Figure

#: Chart name -> its title, in the order the dialog offers them.
CHARTS: dict[str, str] = {
    "labels": "Spans per label",
    "actors": "Top actors",
    "stances": "Claims per stance over time",
    "progress": "Annotation progress",
}
CHART_SUFFIXES = (".png", ".svg")
_STANCE_COLORS = {"support": "#2e8b57", "oppose": "#c0392b", "neutral": "#7f8c8d"}
_PROGRESS_COLORS = ("#95a5a6", "#e6a23c", "#2e8b57")


@dataclass(frozen=True, slots=True)
class ChartColors:
    """Text and background, from the window's palette (readable in a dark theme)."""

    text: str = "#000000"
    background: str = "#ffffff"


def draw_chart(figure: Figure, stats: Statistics, name: str, colors: ChartColors) -> None:
    """Clear ``figure`` and draw the chart ``name`` (a key of CHARTS) on it."""
    figure.clear()
    figure.set_facecolor(colors.background)
    axes = figure.add_subplot()
    axes.set_facecolor(colors.background)
    _DRAW[name](axes, stats)
    axes.set_title(CHARTS[name], color=colors.text)
    _colour_text(axes, colors.text)
    figure.tight_layout()


def _colour_text(axes: Axes, text: str) -> None:
    axes.tick_params(colors=text)
    axes.xaxis.label.set_color(text)
    axes.yaxis.label.set_color(text)
    for spine in axes.spines.values():
        spine.set_color(text)
    legend = axes.get_legend()
    if legend is not None:
        legend.get_frame().set_alpha(0.6)
        for item in legend.get_texts():
            item.set_color("#000000")


def _whole_numbers(axis: XAxis | YAxis) -> None:
    """Counts: ticks at whole numbers only (no "2.5 spans")."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _labels(axes: Axes, stats: Statistics) -> None:
    names = [n for n, _ in stats.labels]
    axes.bar(names, [c for _, c in stats.labels], color="#4a90d9")
    axes.set_ylabel("spans")
    _whole_numbers(axes.yaxis)
    axes.tick_params(axis="x", labelrotation=30)


def _actors(axes: Axes, stats: Statistics) -> None:
    rows = list(reversed(stats.actors))  # the most mentioned on top
    axes.barh([n for n, _, _ in rows], [c for _, _, c in rows], color="#b5651d")
    axes.set_xlabel("mentions (linked spans)")
    _whole_numbers(axes.xaxis)


def _stances(axes: Axes, stats: Statistics) -> None:
    timeline = stats.stances
    bottom = [0] * len(timeline.months)
    for stance, counts in timeline.counts.items():
        color = _STANCE_COLORS.get(stance, "#8e44ad" if stance != "unspecified" else "#bdc3c7")
        axes.bar(timeline.months, counts, bottom=bottom, label=stance, color=color)
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    axes.set_ylabel("claims")
    _whole_numbers(axes.yaxis)
    if timeline.counts:
        axes.legend()
    axes.tick_params(axis="x", labelrotation=30)


def _progress(axes: Axes, stats: Statistics) -> None:
    p = stats.progress
    axes.bar(["new", "in progress", "done"], [p.new, p.in_progress, p.done],
             color=_PROGRESS_COLORS)  # fmt: skip
    axes.set_ylabel(f"documents ({p})")
    _whole_numbers(axes.yaxis)


_DRAW: dict[str, Callable[[Axes, Statistics], None]] = {
    "labels": _labels, "actors": _actors, "stances": _stances, "progress": _progress,
}  # fmt: skip


def save_chart(stats: Statistics, name: str, output: Path) -> None:
    """Write the chart ``name`` to ``output``, PNG or SVG by its extension, headless (Agg)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(8, 5), dpi=100)
    FigureCanvasAgg(figure)
    draw_chart(figure, stats, name, ChartColors())
    figure.savefig(output, format=chart_format(output), facecolor=figure.get_facecolor())


def chart_format(output: Path) -> str:
    """ "png" or "svg" from the file name; anything else is a ValueError naming both."""
    suffix = output.suffix.lower()
    if suffix not in CHART_SUFFIXES:
        raise ValueError(f"A chart is saved as .png or .svg, not {suffix or 'no extension'!r}.")
    return suffix[1:]
