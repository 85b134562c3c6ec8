"""The Feedback page's chart: what customers said per month, one stacked bar a month with a
band per kind (compliments, complaints, suggestions, questions).

Plain data in (``KindBars``: the months and, per kind, its counts), a matplotlib ``Figure``
out, built with the object-oriented API only (never pyplot). Drawn in a ``ChartTheme``:
the screen passes the app's light or dark colours. Each band of each bar is pickable and
carries ``cscoach_pick`` = (kind, month), so a click on it can list the items behind it;
every band of a kind has the kind as its ``gid`` (tests read the heights from them).

Importing this module imports no matplotlib (the page builds ``KindBars`` before the
chart is drawn); drawing does. Margins are kept in inches (``relayout``, called after each
resize), so the title, the legend and the month names keep their room however the canvas
is sized.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cscoach.charts.theme import PAPER, ChartTheme
from cscoach.model.months import month_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

TITLE = "What customers said, per month"
LEFT, RIGHT, TOP, BOTTOM = 0.45, 0.15, 0.62, 0.5  # margins in inches
MONTH_LABELS = 14  # at most this many month names under the bars


@dataclass(frozen=True)
class KindBand:
    """One kind's counts, a count per month (in the order of ``KindBars.months``)."""

    kind: str
    label: str  # "Compliments"
    counts: tuple[int, ...]


@dataclass(frozen=True)
class KindBars:
    months: tuple[str, ...]  # YYYY-MM, oldest first
    bands: tuple[KindBand, ...]  # bottom band first


def band_colours(theme: ChartTheme) -> tuple[str, ...]:
    """The bands' colours in order: praise green, complaints red, then the accent and amber."""
    return (theme.on_target, theme.off_target, theme.values, theme.rolling)


def kinds_figure(
    data: KindBars, *, figure: Figure | None = None, theme: ChartTheme = PAPER
) -> Figure:
    """Draw ``data`` on ``figure`` (cleared first; a new one when None)."""
    from matplotlib.figure import Figure

    fig = figure if figure is not None else Figure(figsize=(7, 3), dpi=100)
    fig.clear()
    fig.patch.set_facecolor(theme.background)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_facecolor(theme.background)
    positions = list(range(len(data.months)))
    bottoms = [0] * len(data.months)
    handles = []
    for band, colour in zip(data.bands, band_colours(theme), strict=False):
        bars = ax.bar(
            positions, band.counts, bottom=bottoms, width=0.7, color=colour, label=band.label
        )
        for rect, month, count in zip(bars.patches, data.months, band.counts, strict=True):
            rect.set_gid(band.kind)
            rect.set_picker(count > 0)
            rect.cscoach_pick = (band.kind, month)  # type: ignore[attr-defined]
        handles.append(bars)
        bottoms = [b + c for b, c in zip(bottoms, band.counts, strict=True)]
    _style_axes(ax, data.months, theme, max(bottoms, default=0))
    fig.text(0.0, 1.0, TITLE, color=theme.text, fontsize=10, fontweight="bold", gid="title")
    legend = fig.legend(
        handles=handles,
        loc="upper right",
        ncols=len(handles),
        frameon=False,
        fontsize=8.5,
        handlelength=1.0,
        columnspacing=1.2,
        labelcolor=theme.text,
    )
    legend.set_gid("legend")
    if not any(bottoms):
        ax.text(
            0.5,
            0.5,
            "Nothing written down in these months",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=theme.muted,
            fontsize=9,
        )
    fig.cscoach_title = fig.texts[-1]  # type: ignore[attr-defined]
    relayout(fig)
    return fig


def _style_axes(ax: Axes, months: Sequence[str], theme: ChartTheme, highest: int) -> None:
    from matplotlib.ticker import MaxNLocator

    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.axis)
    ax.tick_params(colors=theme.muted, labelsize=8)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.set_ylim(0, max(highest, 4) * 1.08)
    ax.grid(axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    ax.set_xlim(-0.6, len(months) - 0.4)
    step = max(1, math.ceil(len(months) / MONTH_LABELS))
    ticks, labels = [], []
    for index, month in enumerate(months):
        if index % step:
            continue
        name = month_label(month, short=True).split()[0]
        if index == 0 or month.endswith("-01"):
            name = f"{name}\n{month[:4]}"
        ticks.append(index)
        labels.append(name)
    ax.set_xticks(ticks)
    ax.set_xticklabels(labels, color=theme.muted, fontsize=8)


def relayout(fig: Figure) -> None:
    """Keep the margins, the title and the legend where they belong at the figure's size."""
    width, height = fig.get_size_inches()
    width, height = max(width, 0.1), max(height, 0.1)
    left = min(LEFT / width, 0.4)
    right = max(1 - RIGHT / width, left + 0.05)
    bottom = min(BOTTOM / height, 0.45)
    top = max(1 - TOP / height, bottom + 0.05)
    fig.subplots_adjust(left=left, right=right, bottom=bottom, top=top)
    title = getattr(fig, "cscoach_title", None)
    if title is not None:
        title.set_position((left, 1 - 0.12 / height))
        title.set_verticalalignment("top")
    for legend in fig.legends:
        legend.set_bbox_to_anchor((right, 1 - 0.34 / height), transform=fig.transFigure)


def band_heights(fig: Figure, kind: str) -> list[float]:
    """The heights of ``kind``'s bands, month by month (for tests)."""
    from matplotlib.patches import Rectangle

    ax = fig.axes[0]
    return [
        float(p.get_height())
        for p in ax.patches
        if isinstance(p, Rectangle) and p.get_gid() == kind
    ]
