"""KPI charts: one KPI over time, and a dashboard of small multiples of every active KPI.

Plain data in (``KpiSeries``: months, values with ``None`` for a month without data, the
target in force each month, the 3-month rolling average, notes), a matplotlib ``Figure``
out, built directly (never pyplot, which keeps every figure alive). On screen, one KPI is a
``kpi_figure`` and the dashboard a ``panel_figure`` per KPI under a ``legend_figure`` (so an
edit redraws one panel); given the figure they drew before, they draw on its axes again
(faster than new axes). Print uses ``dashboard_figure`` and ``figure_pixels``.

Every artist a test or the page needs has a ``gid``: ``values``, ``target``, ``on_target``
(the shaded side of the target that counts as on target), ``rolling``, ``notes`` and
``latest`` (the label of the latest value). A month without a value is NaN in the value
line: matplotlib leaves a gap there, never a zero.

Layout is never fitted at draw time (no constrained layout, titles and axis labels at fixed
places): margins are fixed in inches by ``relayout``, which a canvas calls after a resize.
"""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

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


def _styles(compact: bool) -> dict[str, dict]:
    """How each line looks, shared by the plot and its legend entry."""
    return {
        "values": {
            "color": VALUE_COLOUR,
            "marker": "o",
            "markersize": 4 if compact else 5.5,
            "linewidth": 1.4 if compact else 1.8,
            "label": "Monthly value",
        },
        "target": {
            "color": TARGET_COLOUR,
            "linestyle": (0, (5, 3)),
            "linewidth": 1.3,
            "label": "Target",
        },
        "rolling": {
            "color": ROLLING_COLOUR,
            "linewidth": 1.6 if compact else 2.2,
            "alpha": 0.75,
            "label": "3-month average",
        },
        "notes": {
            "linestyle": "none",
            "marker": "o",
            "markersize": 8 if compact else 11,
            "markerfacecolor": "none",
            "markeredgecolor": NOTE_COLOUR,
            "markeredgewidth": 1.6,
            "label": "Has a note",
        },
    }


def draw_kpi(
    ax, series: KpiSeries, *, compact: bool = False, max_ticks: int | None = None
) -> dict[str, object]:
    """Draw one KPI on ``ax``; returns its artists by gid. ``max_ticks``: the most month
    labels under the axis.

    Axis labels are placed once, not fitted to the tick labels at every draw (that fitting
    measured every tick label of every panel again, a third of a dashboard's draw).
    """
    style = _styles(compact)
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
            x, targets, drawstyle="steps-mid", gid="target", **style["target"]
        )
    (artists["rolling"],) = ax.plot(x, _nan(series.rolling), gid="rolling", **style["rolling"])
    (artists["values"],) = ax.plot(x, _nan(series.values), gid="values", **style["values"])
    noted = [
        (i, series.values[i], series.months[i], series.notes[i])
        for i in range(count)
        if series.notes[i] and series.values[i] is not None
    ]
    notes_line = ax.plot(
        [i for i, *_ in noted],
        [v for _, v, *_ in noted],
        gid="notes",
        picker=True,
        pickradius=8,
        **style["notes"],
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
    # Small panels: as many value labels as their height reads well (``_fit_value_ticks``).
    ax.yaxis.set_major_locator(
        MaxNLocator(nbins=4 if compact else "auto", steps=[1, 2, 2.5, 5, 10], min_n_ticks=3)
    )
    ax.grid(axis="y", color=GRID, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color("#b7c0c7")
    ax.tick_params(axis="y", labelsize=7 if compact else 8.5, colors=MUTED)
    ax.tick_params(axis="x", length=2)
    ax.xaxis.set_label_coords(0.5, 0.0)  # there is no x label: skip fitting it
    if compact:
        ax.yaxis.set_label_coords(0.0, 0.5)  # nor a y label on a small panel
    else:
        ax.set_ylabel(series.unit, color=MUTED, fontsize=9)
    return artists


def _clear_plot(ax) -> None:
    """Remove what ``draw_kpi`` drew and keep the axes: drawing a KPI again on the same
    axes skips building new ones (their ticks and spines cost about as much as the plot)."""
    for artist in [*ax.lines, *ax.collections, *ax.texts]:
        artist.remove()


def _one_axes(figure: Figure | None, width: float, height: float, dpi: float):
    """``(figure, axes)``: a new white figure with one axes, or ``figure`` made empty again
    (its figure-level texts and legends removed, its axes kept and cleared)."""
    if figure is None:
        figure = Figure(figsize=(width, height), dpi=dpi)
        figure.patch.set_facecolor("white")
    for artist in [*figure.texts, *figure.legends, *figure.images]:
        artist.remove()
    if not figure.axes:
        return figure, figure.add_subplot(1, 1, 1)
    ax = figure.axes[0]
    _clear_plot(ax)
    return figure, ax


def kpi_figure(
    series: KpiSeries,
    *,
    width: float = 8.0,
    height: float = 4.2,
    dpi: float = 100,
    figure: Figure | None = None,
) -> Figure:
    """One KPI: monthly values, the target as it was each month with its on-target side
    shaded, the 3-month rolling average, months with notes circled, the latest value
    labelled, and a legend. ``figure``: one made here before, drawn again (faster)."""
    fig, ax = _one_axes(figure, width, height, dpi)
    draw_kpi(ax, series)
    direction = "higher is better" if series.higher_is_better else "lower is better"
    title = fig.text(0.012, 1, series.name, fontsize=12.5, fontweight="bold", va="top")
    status = fig.text(
        0.012, 1, f"{status_text(series)}   ({direction})", fontsize=9.5, color=MUTED, va="top"
    )
    gids = legend_gids([series])
    legend = fig.figimage(_legend_pixels(gids, fig.dpi), zorder=3)
    fig.cscoach_layout = {"kind": "kpi", "texts": (title, status), "legend": (legend, gids)}  # type: ignore[attr-defined]
    relayout(fig)
    return fig


def panel_figure(
    series: KpiSeries,
    columns: int,
    *,
    width: float = 3.3,
    height: float = 2.6,
    dpi: float = 100,
    figure: Figure | None = None,
) -> Figure:
    """One panel of the dashboard as a figure of its own (titled with its latest status),
    so the screen redraws only the KPI that changed. ``columns``: how many panels share a
    row (longer names fit in wider panels)."""
    fig, ax = _one_axes(figure, width, height, dpi)
    _draw_panel(ax, series, columns)
    fig.cscoach_layout = {"kind": "panel", "columns": columns}  # type: ignore[attr-defined]
    relayout(fig)
    return fig


def legend_figure(
    gids: Sequence[str],
    *,
    width: float = 8.0,
    height: float = 0.42,
    dpi: float = 100,
    figure: Figure | None = None,
) -> Figure:
    """The dashboard's legend on its own (``gids`` from ``legend_gids``)."""
    if figure is None:
        figure = Figure(figsize=(width, height), dpi=dpi)
        figure.patch.set_facecolor("white")
    for legend in [*figure.legends]:
        legend.remove()
    figure.legend(
        handles=_legend_entries(gids, compact=True),
        loc="center",
        ncols=max(len(gids), 1),
        fontsize=8,
        frameon=False,
    )
    return figure


def _adjust(fig: Figure, *, left: float, right: float, top: float, bottom: float, **kw) -> None:
    """``subplots_adjust`` with margins in inches, kept valid however small the figure."""
    width, height = fig.get_size_inches()
    width, height = max(width, 0.1), max(height, 0.1)
    lo = min(left / width, 0.45)
    hi = max(1 - right / width, lo + 0.05)
    bottom_f = min(bottom / height, 0.45)
    top_f = max(1 - top / height, bottom_f + 0.05)
    fig.subplots_adjust(left=lo, right=min(hi, 1.0), bottom=bottom_f, top=min(top_f, 1.0), **kw)


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
        legend, gids = info["legend"]  # pixels for this dpi, in the top right corner
        pixels = _legend_pixels(gids, fig.dpi)
        legend.set_data(pixels)
        legend.ox = fig.bbox.width * 0.995 - pixels.shape[1]
        legend.oy = fig.bbox.height * 0.995 - pixels.shape[0]
        _adjust(fig, left=min(0.75, width * 0.2), right=0.2, top=0.95, bottom=0.62)
        return
    if info["kind"] == "panel":
        left = 0.55 if info["columns"] > 1 else 0.7
        _adjust(fig, left=left, right=0.15, top=PANEL_TOP, bottom=BOTTOM_SPACE)
        _fit_value_ticks(fig)
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
    _fit_value_ticks(fig)


def _fit_value_ticks(fig: Figure) -> None:
    """About two value labels per inch of a small panel's height (at least three labels):
    readable, and every label costs time at each draw."""
    height = fig.get_figheight()
    for ax in fig.axes:
        locator = ax.yaxis.get_major_locator()
        if isinstance(locator, MaxNLocator):
            plot = ax.get_position().height * height
            locator.set_params(nbins=max(2, min(6, round(plot * 2))))


def legend_gids(series_list: Sequence[KpiSeries]) -> tuple[str, ...]:
    """The legend entries the charts of ``series_list`` need, in order: a target only when
    some KPI has one, "has a note" only when a month shown has a note."""
    gids = ["values"]
    if any(t is not None for s in series_list for t in s.targets):
        gids.append("target")
    gids.append("rolling")
    if any(
        note and value is not None
        for s in series_list
        for note, value in zip(s.notes, s.values, strict=True)
    ):
        gids.append("notes")
    return tuple(gids)


@functools.lru_cache(maxsize=32)
def _legend_pixels(gids: tuple[str, ...], dpi: float) -> np.ndarray:
    """One KPI's legend drawn once as RGBA pixels, cropped to it: pasted into the chart it
    draws in a fraction of the time a legend takes to lay itself out at every redraw."""
    fig = Figure(figsize=(8, 1), dpi=dpi)
    fig.patch.set_facecolor("white")
    legend = fig.legend(
        handles=_legend_entries(gids, compact=False),
        loc="center",
        ncols=min(len(gids), 4),
        fontsize=8,
        frameon=False,
    )
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = legend.get_window_extent(canvas.get_renderer())
    pixels = np.asarray(canvas.buffer_rgba())
    top, bottom = pixels.shape[0] - math.ceil(box.y1), pixels.shape[0] - math.floor(box.y0)
    return pixels[max(top, 0) : bottom, math.floor(box.x0) : math.ceil(box.x1)].copy()


def _legend_entries(gids: Sequence[str], *, compact: bool) -> list[Line2D]:
    """Legend entries that look like the plotted lines (the legend owns no plotted artist)."""
    style = _styles(compact)
    return [Line2D([], [], **style[gid]) for gid in gids]


def dashboard_layout(count: int) -> tuple[int, int]:
    """(rows, columns) for ``count`` small multiples."""
    columns = 1 if count <= 1 else 2 if count <= 4 else 3 if count <= 9 else 4
    return max(1, math.ceil(count / columns)), columns


LEGEND_SPACE, BOTTOM_SPACE, TITLE_SPACE = 0.42, 0.42, 0.55  # inches
ROW_GAP = TITLE_SPACE + 0.35  # between rows: the month labels, then the next title
PANEL_TOP = TITLE_SPACE * 0.85 + 0.05  # above a panel of its own: its title and status


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


def _draw_panel(ax, series: KpiSeries, columns: int) -> None:
    """One small multiple: the KPI, its name (shortened to fit) and its latest status."""
    draw_kpi(ax, series, compact=True, max_ticks={1: 12, 2: 8, 3: 6}.get(columns, 4))
    status = series.status()
    colour = ON_TARGET_COLOUR if status == ON_TARGET else "#b3261e" if status else MUTED
    ax.set_title(
        _shorten(series.name, {1: 60, 2: 44, 3: 26}.get(columns, 20)),
        loc="left",
        fontsize={1: 9.5, 2: 9.5, 3: 8.5}.get(columns, 8),
        fontweight="bold",
        pad=17,
        y=1.0,  # a fixed place: fitting it above the ticks costs a tick layout per draw
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


def dashboard_figure(
    series_list: Sequence[KpiSeries],
    *,
    width: float = 10.0,
    panel_height: float = 2.55,
    dpi: float = 100,
) -> Figure:
    """Small multiples of every KPI given, each titled with its latest status (for print;
    the screen draws each panel as a figure of its own, ``panel_figure``).

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
    for index, series in enumerate(series_list):
        _draw_panel(fig.add_subplot(rows, columns, index + 1), series, columns)
    gids = legend_gids(series_list)
    fig.legend(
        handles=_legend_entries(gids, compact=True),
        loc="upper center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(gids),
        fontsize=8,
        frameon=False,
    )
    fig.cscoach_layout = {"kind": "dashboard", "rows": rows, "columns": columns}  # type: ignore[attr-defined]
    relayout(fig)
    return fig


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def figure_png(fig: Figure, *, dpi: float = 150) -> bytes:
    """The figure as PNG bytes (for a reportlab ``Image``)."""
    fig.set_dpi(dpi)  # a chart made here places its pixel parts (a legend) for this dpi
    relayout(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor="white")
    return out.getvalue()


def figure_pixels(fig: Figure, *, dpi: float = 150):  # noqa: ANN201 - a PIL image
    """The figure drawn at ``dpi`` as an RGB PIL image, for a PDF: reportlab compresses raw
    pixels itself, so a PNG would only be encoded here to be decoded again there."""
    from PIL import Image

    fig.set_dpi(dpi)
    relayout(fig)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return rgba.convert("RGB")  # the figure is white, never transparent


def kpi_png(
    series: KpiSeries, *, width: float = 8.0, height: float = 4.2, dpi: float = 150
) -> bytes:
    return figure_png(kpi_figure(series, width=width, height=height, dpi=dpi), dpi=dpi)


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
