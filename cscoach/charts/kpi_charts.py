"""KPI charts: one KPI over time, and a dashboard of small multiples of every active KPI.

Plain data in (``KpiSeries``: months, values with ``None`` for a month without data, the
target in force each month, the 3-month rolling average, notes), a matplotlib ``Figure``
out, built directly (never pyplot, which keeps every figure alive). The same figure goes on
screen through ``FigureCanvasQTAgg`` and into a PDF through ``figure_png``.

Every artist a test or the page needs has a ``gid``: ``values``, ``target``, ``on_target``
(the shaded side of the target that counts as on target), ``rolling``, ``notes`` and
``latest`` (the label of the latest value). A month without a value is NaN in the value
line: matplotlib leaves a gap there, never a zero.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence

from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from cscoach.model.kpis import (
    ON_TARGET,
    KpiSeries,
    format_number,
    format_value,
    month_label,
)

VALUE_COLOUR = "#2f6f73"
TARGET_COLOUR = "#3a4754"
ON_TARGET_COLOUR = "#2e7d32"
ROLLING_COLOUR = "#c77c1e"
NOTE_COLOUR = "#7a4100"
MUTED = "#616e7c"
GRID = "#e4e8eb"

ON_SYMBOL = "✓"
OFF_SYMBOL = "✗"
ARROWS = {"up": "▲", "down": "▼", "flat": "▶"}


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def status_text(series: KpiSeries, *, short: bool = False) -> str:
    """ "88.0 % · ✓ on target · ▲ better than Sep" for the latest month with a value
    (``short``: without "than Sep")."""
    index = series.latest_index()
    if index is None:
        return "no values yet"
    value = series.values[index]
    parts = [format_value(value, series.unit)]
    status = series.status()
    if status is not None:
        parts.append(
            f"{ON_SYMBOL} on target" if status == ON_TARGET else f"{OFF_SYMBOL} off target"
        )
    change = series.change()
    if change is not None:
        shown = round(value or 0, 1) - round(series.values[index - 1] or 0, 1)
        trend = "flat" if abs(shown) < 1e-9 else ("up" if shown > 0 else "down")
        before = month_label(series.months[index - 1], short=True).split()[0]
        if trend == "flat":
            words = "same" if short else f"same as {before}"
        else:
            better = (trend == "up") == series.higher_is_better
            words = ("better" if better else "worse") + ("" if short else f" than {before}")
        parts.append(f"{ARROWS[trend]} {words}")
    if index != len(series.values) - 1:
        parts.append(month_label(series.months[index], short=True))
    return " · ".join(parts)


def _y_limits(series: KpiSeries) -> tuple[float, float]:
    data = [
        v
        for v in (*series.values, *series.targets, *series.rolling)
        if v is not None and math.isfinite(v)
    ]
    if not data:
        lo = series.min_value if series.min_value is not None else 0.0
        hi = series.max_value if series.max_value is not None else lo + 10
        return lo, hi
    lo, hi = min(data), max(data)
    pad = max((hi - lo) * 0.18, abs(hi) * 0.04, 1.0)
    bottom, top = lo - pad, hi + pad
    if series.min_value is not None and bottom < series.min_value:
        bottom = series.min_value - pad * 0.25
    if series.max_value is not None and top > series.max_value:
        top = series.max_value + pad * 0.25
    return bottom, top


def _month_ticks(ax, months: Sequence[str], compact: bool, limit: int | None = None) -> None:
    count = len(months)
    limit = limit or (8 if compact else 14)
    step = 1
    for candidate in (1, 2, 3, 4, 6, 12, 24):
        step = candidate
        if math.ceil(count / candidate) <= limit:
            break
    positions, labels = [], []
    for index, month in enumerate(months):
        if index % step:
            continue
        name = month_label(month, short=True).split()[0]
        if index == 0 or month.endswith("-01") or (step > 1 and month[5:7] <= f"{step:02d}"):
            name = f"{name}\n{month[:4]}"
        positions.append(index)
        labels.append(name)
    ax.set_xticks(positions)
    ax.set_xticklabels(labels, fontsize=7 if compact else 8.5, color=MUTED)


def draw_kpi(
    ax, series: KpiSeries, *, compact: bool = False, max_ticks: int | None = None
) -> dict[str, object]:
    """Draw one KPI on ``ax``; returns its artists by gid. ``max_ticks``: the most month
    labels under the axis."""
    count = len(series.months)
    x = list(range(count))
    artists: dict[str, object] = {}
    bottom, top = _y_limits(series)
    ax.set_ylim(bottom, top)
    ax.set_xlim(-0.5, max(count - 0.5, 0.5))
    targets = _nan(series.targets)
    if any(not math.isnan(t) for t in targets):
        limit = top if series.higher_is_better else bottom
        artists["on_target"] = ax.fill_between(
            x,
            targets,
            [limit] * count,
            step="mid",
            color=ON_TARGET_COLOUR,
            alpha=0.08,
            linewidth=0,
            gid="on_target",
            label="On-target side",
        )
        (artists["target"],) = ax.plot(
            x,
            targets,
            drawstyle="steps-mid",
            linestyle=(0, (5, 3)),
            linewidth=1.3,
            color=TARGET_COLOUR,
            gid="target",
            label="Target",
        )
    (artists["rolling"],) = ax.plot(
        x,
        _nan(series.rolling),
        linewidth=2.2 if not compact else 1.6,
        color=ROLLING_COLOUR,
        alpha=0.75,
        gid="rolling",
        label="3-month average",
    )
    (artists["values"],) = ax.plot(
        x,
        _nan(series.values),
        marker="o",
        markersize=4 if compact else 5.5,
        linewidth=1.8 if not compact else 1.4,
        color=VALUE_COLOUR,
        gid="values",
        label="Monthly value",
    )
    noted = [
        (i, series.values[i], series.months[i], series.notes[i])
        for i in range(count)
        if series.notes[i] and series.values[i] is not None
    ]
    notes_line = ax.plot(
        [i for i, *_ in noted],
        [v for _, v, *_ in noted],
        linestyle="none",
        marker="o",
        markersize=11 if not compact else 8,
        markerfacecolor="none",
        markeredgecolor=NOTE_COLOUR,
        markeredgewidth=1.6,
        gid="notes",
        label="Has a note",
        picker=True,
        pickradius=8,
    )[0]
    notes_line.cscoach_notes = [(month, note) for _, _, month, note in noted]  # type: ignore[attr-defined]
    artists["notes"] = notes_line
    latest = series.latest_index()
    if latest is not None:
        value = series.values[latest]
        artists["latest"] = ax.annotate(
            format_value(value, series.unit) if not compact else format_number(value),
            (latest, value),
            xytext=(0, 9),
            textcoords="offset points",
            ha="center" if latest < count - 1 else "right",
            fontsize=8 if compact else 9.5,
            fontweight="bold",
            color=VALUE_COLOUR,
            gid="latest",
        )
    else:
        ax.text(
            0.5,
            0.5,
            "No values yet",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=MUTED,
            fontsize=9 if compact else 11,
            bbox={"boxstyle": "round,pad=0.3", "facecolor": "white", "edgecolor": GRID},
            zorder=5,
        )
    _month_ticks(ax, series.months, compact, max_ticks)
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#b7c0c7")
    ax.tick_params(axis="y", labelsize=7 if compact else 8.5, colors=MUTED)
    ax.tick_params(axis="x", length=2)
    if series.unit and not compact:
        ax.set_ylabel(series.unit, color=MUTED, fontsize=9)
    return artists


def kpi_figure(
    series: KpiSeries, *, width: float = 8.0, height: float = 4.2, dpi: float = 100
) -> Figure:
    """One KPI: monthly values, the target as it was each month with its on-target side
    shaded, the 3-month rolling average, months with notes circled, the latest value
    labelled, and a legend."""
    fig = Figure(figsize=(width, height), dpi=dpi)
    fig.patch.set_facecolor("white")
    ax = fig.add_subplot(1, 1, 1)
    draw_kpi(ax, series)
    direction = "higher is better" if series.higher_is_better else "lower is better"
    title = fig.text(0.012, 1, series.name, fontsize=12.5, fontweight="bold", va="top")
    status = fig.text(
        0.012, 1, f"{status_text(series)}   ({direction})", fontsize=9.5, color=MUTED, va="top"
    )
    handles = _legend_handles(ax)
    fig.legend(
        handles=handles,
        loc="upper right",
        bbox_to_anchor=(0.995, 0.995),
        ncols=min(len(handles), 4),
        fontsize=8,
        frameon=False,
    )
    fig.cscoach_layout = {"kind": "kpi", "texts": (title, status)}  # type: ignore[attr-defined]
    relayout(fig)
    return fig


def relayout(fig: Figure) -> None:
    """Fit the margins of a chart made here to the figure's current size (a canvas on
    screen resizes its figure): margins stay the same in inches, the plots take the rest."""
    info = getattr(fig, "cscoach_layout", None)
    if not info:
        return
    width, height = fig.get_size_inches()
    if info["kind"] == "kpi":
        title, status = info["texts"]
        title.set_y(1 - 0.13 / height)
        status.set_y(1 - 0.45 / height)
        fig.subplots_adjust(
            left=min(0.75 / width, 0.2),
            right=1 - 0.2 / width,
            top=1 - 0.95 / height,
            bottom=min(0.62 / height, 0.4),
        )
        return
    rows, columns = info["rows"], info["columns"]
    panel = max(
        (height - LEGEND_SPACE - TITLE_SPACE * 0.85 - BOTTOM_SPACE - (rows - 1) * ROW_GAP) / rows,
        0.3,
    )
    fig.subplots_adjust(
        left=min((0.55 if columns > 1 else 0.7) / width, 0.2),
        right=1 - 0.15 / width,
        top=1 - (LEGEND_SPACE + TITLE_SPACE * 0.85) / height,
        bottom=BOTTOM_SPACE / height,
        hspace=ROW_GAP / panel,
        wspace=0.32 if columns > 2 else 0.22,
    )


def _legend_handles(ax) -> list:
    wanted = ("values", "target", "rolling", "notes")
    found = {a.get_gid(): a for a in ax.get_lines() if a.get_gid() in wanted}
    handles = [found[g] for g in wanted if g in found]
    if "notes" in found and not found["notes"].get_xdata().size:
        handles.remove(found["notes"])
    return handles


def dashboard_layout(count: int) -> tuple[int, int]:
    """(rows, columns) for ``count`` small multiples."""
    columns = 1 if count <= 1 else 2 if count <= 4 else 3 if count <= 9 else 4
    return max(1, math.ceil(count / columns)), columns


LEGEND_SPACE, BOTTOM_SPACE, TITLE_SPACE = 0.42, 0.42, 0.55  # inches
ROW_GAP = TITLE_SPACE + 0.35  # between rows: the month labels, then the next title


def dashboard_figure_height(count: int, panel_height: float) -> float:
    """The height in inches of a dashboard of ``count`` KPIs with panels this tall."""
    rows = dashboard_layout(count)[0]
    return (
        LEGEND_SPACE
        + TITLE_SPACE * 0.85
        + rows * panel_height
        + (rows - 1) * ROW_GAP
        + BOTTOM_SPACE
    )


def dashboard_figure(
    series_list: Sequence[KpiSeries],
    *,
    width: float = 10.0,
    panel_height: float = 2.55,
    dpi: float = 100,
) -> Figure:
    """Small multiples of every KPI given, each titled with its latest status.

    Laid out with explicit margins (no constrained layout: it costs about 160 ms on every
    redraw of a six-panel figure).
    """
    rows, columns = dashboard_layout(len(series_list))
    height = dashboard_figure_height(len(series_list), panel_height)
    fig = Figure(figsize=(width, height), dpi=dpi)
    fig.patch.set_facecolor("white")
    if not series_list:
        fig.text(0.5, 0.5, "No active KPIs to chart.", ha="center", va="center", color=MUTED)
        return fig
    axes = []
    for index, series in enumerate(series_list):
        ax = fig.add_subplot(rows, columns, index + 1)
        draw_kpi(ax, series, compact=True, max_ticks={1: 12, 2: 8, 3: 6}.get(columns, 4))
        status = series.status()
        colour = ON_TARGET_COLOUR if status == ON_TARGET else "#b3261e" if status else MUTED
        ax.set_title(
            _shorten(series.name, {1: 60, 2: 44, 3: 26}.get(columns, 20)),
            loc="left",
            fontsize={1: 9.5, 2: 9.5, 3: 8.5}.get(columns, 8),
            fontweight="bold",
            pad=17,
        )
        ax.text(
            0.0,
            1.03,
            status_text(series, short=columns > 2),
            transform=ax.transAxes,
            fontsize={1: 8, 2: 8, 3: 7.5}.get(columns, 7),
            color=colour,
            va="bottom",
        )
        axes.append(ax)
    handles = _legend_handles(axes[0])
    for ax in axes[1:]:
        for handle in _legend_handles(ax):
            if handle.get_gid() not in {h.get_gid() for h in handles}:
                handles.append(handle)
    order = {"values": 0, "target": 1, "rolling": 2, "notes": 3}
    handles.sort(key=lambda h: order[h.get_gid()])
    fig.legend(
        handles=[_proxy(h) for h in handles],
        loc="upper center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(handles),
        fontsize=8,
        frameon=False,
    )
    fig.cscoach_layout = {"kind": "dashboard", "rows": rows, "columns": columns}  # type: ignore[attr-defined]
    relayout(fig)
    return fig


def _proxy(handle: Line2D) -> Line2D:
    """A legend entry that looks like ``handle`` (so the legend owns no plotted artist)."""
    return Line2D(
        [],
        [],
        color=handle.get_color(),
        linestyle=handle.get_linestyle(),
        linewidth=handle.get_linewidth(),
        marker=handle.get_marker(),
        markersize=handle.get_markersize(),
        markerfacecolor=handle.get_markerfacecolor(),
        markeredgecolor=handle.get_markeredgecolor(),
        alpha=handle.get_alpha(),
        label=handle.get_label(),
    )


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def figure_png(fig: Figure, *, dpi: float = 150) -> bytes:
    """The figure as PNG bytes (for a reportlab ``Image``)."""
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()


def kpi_png(
    series: KpiSeries, *, width: float = 8.0, height: float = 4.2, dpi: float = 150
) -> bytes:
    return figure_png(kpi_figure(series, width=width, height=height), dpi=dpi)


def dashboard_png(
    series_list: Sequence[KpiSeries],
    *,
    width: float = 10.0,
    panel_height: float = 2.55,
    dpi: float = 150,
) -> bytes:
    return figure_png(
        dashboard_figure(series_list, width=width, panel_height=panel_height), dpi=dpi
    )
