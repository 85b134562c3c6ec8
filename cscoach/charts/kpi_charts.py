"""KPI charts: one KPI over time, and a dashboard of small multiples of every active KPI.

Plain data in (``KpiSeries``: months, values with ``None`` for a month without data, the
target in force each month, the 3-month rolling average, notes), a matplotlib ``Figure``
out, built directly (never pyplot, which keeps every figure alive). On screen, one KPI is a
``kpi_figure`` and the dashboard a ``panel_figure`` per KPI under a ``legend_figure`` (so an
edit redraws one panel); given the figure they drew before, they draw on its axes again
(faster than new axes). Print uses ``dashboard_figure`` and ``figure_pixels``.

Every artist a test or the page needs has a ``gid``: ``values``, ``target``, ``on_target``
(the shaded side of the target that counts as on target), ``rolling``, ``notes``,
``latest`` (the label of the latest value), and where an action from the KPI's review was
done, ``actions`` (a triangle on the month's axis, with ``cscoach_actions``: (month,
tooltip text) for each, as ``notes`` has ``cscoach_notes``) and ``action_line`` (a dotted
line up the month). A month without a value is NaN in the value
line: matplotlib leaves a gap there, never a zero.

Layout is never fitted at draw time (no constrained layout, titles and axis labels at fixed
places): margins are fixed in inches by ``relayout``, which a canvas calls after a resize,
and which also fits each panel's title and status to the panel's width (measured, without
a renderer), so they never run into the next panel. The dashboard's geometry (rows, columns,
margins) is ``cscoach.charts.dashboard_geometry``; the status line's words are
``cscoach.charts.kpi_status``.

Every chart is drawn in a ``ChartTheme`` (``cscoach.charts.theme``): the screen passes the
app's light or dark colours; print keeps the default, ``PAPER``. Figures are built with the
object-oriented API only (no pyplot, no rcParams changed), so a print may draw its own
figure in a worker thread while the screen draws others.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator

from cscoach.charts.dashboard_geometry import (
    BOTTOM_SPACE,
    LABEL_GAP,
    LEGEND_SPACE,
    PANEL_TOP,
    RIGHT_MARGIN,
    STATUS_GAP,
    STATUS_SIZES,
    TITLE_SIZES,
    bottom_space,
    dashboard_figure_height,
    dashboard_layout,
    left_margin,
    panel_wspace,
    row_gap,
    title_space,
)
from cscoach.charts.kpi_marks import draw_marks
from cscoach.charts.kpi_scale import y_limits
from cscoach.charts.kpi_status import status_text, status_variants
from cscoach.charts.theme import PAPER, ChartTheme
from cscoach.model.kpi_series import KpiSeries
from cscoach.model.kpis import ON_TARGET
from cscoach.model.months import month_label
from cscoach.model.number_format import format_number, format_value

if TYPE_CHECKING:
    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from PIL import Image


def _nan(values: Sequence[float | None]) -> list[float]:
    return [math.nan if v is None else float(v) for v in values]


def _y_limits(series: KpiSeries) -> tuple[float, float]:
    return y_limits(series)


def _month_ticks(
    ax: Axes,
    months: Sequence[str],
    compact: bool,
    limit: int | None,
    theme: ChartTheme,
    years: bool = True,
) -> None:
    """Month names under the axis, thinned to ``limit``; with ``years``, the year under
    the first month and each January."""
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
        first = index == 0 or month.endswith("-01") or (step > 1 and month[5:7] <= f"{step:02d}")
        if years and first:
            name = f"{name}\n{month[:4]}"
        positions.append(index)
        labels.append(name)
    ax.set_xticks(positions)
    ax.set_xticklabels(labels, fontsize=7 if compact else 8.5, color=theme.muted)


def _styles(compact: bool, theme: ChartTheme) -> dict[str, dict[str, Any]]:
    """How each line looks, shared by the plot and its legend entry."""
    return {
        "values": {
            "color": theme.values,
            "marker": "o",
            "markersize": 4 if compact else 5.5,
            "linewidth": 1.4 if compact else 1.8,
            "label": "Monthly value",
        },
        "target": {
            "color": theme.target,
            "linestyle": (0, (5, 3)),
            "linewidth": 1.3,
            "label": "Target",
        },
        "rolling": {
            "color": theme.rolling,
            "linewidth": 1.6 if compact else 2.2,
            "alpha": 0.75,
            "label": "3-month average",
        },
        "actions": {
            "linestyle": "none",
            "marker": "^",
            "markersize": 6 if compact else 9,
            "color": theme.action,
            "label": "Action done",
        },
        "notes": {
            "linestyle": "none",
            "marker": "o",
            "markersize": 8 if compact else 11,
            "markerfacecolor": "none",
            "markeredgecolor": theme.note,
            "markeredgewidth": 1.6,
            "label": "Has a note",
        },
    }


def draw_kpi(
    ax: Axes,
    series: KpiSeries,
    *,
    compact: bool = False,
    max_ticks: int | None = None,
    theme: ChartTheme = PAPER,
    years: bool = True,
) -> dict[str, object]:
    """Draw one KPI on ``ax`` in ``theme``'s colours; returns its artists by gid.
    ``max_ticks``: the most month labels under the axis; ``years``: whether the years are
    written under them (not when a heading says which months are shown).

    Axis labels are placed once, not fitted to the tick labels at every draw (that fitting
    measured every tick label of every panel again, a third of a dashboard's draw).
    """
    style = _styles(compact, theme)
    count = len(series.months)
    ax.set_facecolor(theme.background)
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
            gid="on_target",
            label="On-target side",
            **_band_style(theme),
        )
        (artists["target"],) = ax.plot(
            x, targets, drawstyle="steps-mid", gid="target", **style["target"]
        )
    (artists["rolling"],) = ax.plot(x, _nan(series.rolling), gid="rolling", **style["rolling"])
    (artists["values"],) = ax.plot(x, _nan(series.values), gid="values", **style["values"])
    noted: list[tuple[int, float, str, str]] = []  # (index, value, month, note)
    for i in range(count):
        shown = series.values[i]
        if series.notes[i] and shown is not None:
            noted.append((i, shown, series.months[i], series.notes[i]))
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
    artists.update(draw_marks(ax, series, style["actions"], theme))
    latest = series.latest_index()
    if latest is not None:
        # clear of the point's marker, or of the circle round it when the month has a note
        mark = style["notes"] if series.notes[latest] else style["values"]
        gap = mark["markersize"] / 2 + mark.get("markeredgewidth", 1.0) + 2
        artists["latest"] = _label_latest(ax, series, latest, (bottom, top), compact, theme, gap)
    else:
        ax.text(
            0.5,
            0.5,
            "No values yet",
            transform=ax.transAxes,
            ha="center",
            va="center",
            color=theme.muted,
            fontsize=9 if compact else 11,
            bbox={
                "boxstyle": "round,pad=0.3",
                "facecolor": theme.background,
                "edgecolor": theme.grid,
            },
            zorder=5,
        )
    _month_ticks(ax, series.months, compact, max_ticks, theme, years)
    # Small panels: as many value labels as their height reads well (``_fit_value_ticks``).
    ax.yaxis.set_major_locator(
        MaxNLocator(nbins=4 if compact else "auto", steps=[1, 2, 2.5, 5, 10], min_n_ticks=3)
    )
    ax.grid(axis="y", color=theme.grid, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(theme.axis)
    ax.tick_params(axis="y", labelsize=7 if compact else 8.5)
    ax.tick_params(axis="both", color=theme.axis, labelcolor=theme.muted)
    ax.tick_params(axis="x", length=2)
    ax.xaxis.set_label_coords(0.5, 0.0)  # there is no x label: skip fitting it
    if compact:
        ax.yaxis.set_label_coords(0.0, 0.5)  # nor a y label on a small panel
    else:
        ax.set_ylabel(series.unit, color=theme.muted, fontsize=9)
    return artists


LABEL_GAP_PT = 5  # the least room in points between the latest value's point and its label


def _label_latest(
    ax: Axes,
    series: KpiSeries,
    latest: int,
    limits: tuple[float, float],
    compact: bool,
    theme: ChartTheme,
    gap: float = LABEL_GAP_PT,
) -> object:
    """The latest value's label, ``gap`` points right of its point (clear of its marker or
    its note's circle; the plot is widened to hold it, so it never sits on an earlier
    month), with a halo of the background round its letters, and moved up or down off the
    target line when that runs through it. The value and 3-month average lines end at the
    latest point, so nothing else passes there."""
    value = series.values[latest]
    assert value is not None
    bottom, top = limits
    label = format_value(value, series.unit) if not compact else format_number(value)
    size = 8 if compact else 9.5
    count = len(series.months)
    inches = ax.get_figure(root=True).get_size_inches()  # type: ignore[union-attr]
    box = ax.get_position()
    width_pt = max(box.width * inches[0] * 72, 40.0)
    height_pt = max(box.height * inches[1] * 72, 30.0)
    gap = max(gap, LABEL_GAP_PT)
    label_pt = _text_width(label, size, True) + gap + 3
    room = count - latest - 0.5  # months between the point and the plot's right edge
    per_month = width_pt / (count + 1)
    extra = max(0.0, label_pt / per_month - room)
    ax.set_xlim(-0.5, max(count - 0.5, 0.5) + extra)
    # Off the target line: its height at the latest month, in points from the value.
    dy = 0.0
    target = series.targets[latest]
    if target is not None and top > bottom:
        apart = (value - target) / (top - bottom) * height_pt
        clear = size * 0.6 + 2  # half the label's height, and a little
        if abs(apart) < clear:
            up = value >= target
            point_pt = (value - bottom) / (top - bottom) * height_pt
            if up and point_pt + (clear - apart) + size * 0.6 > height_pt:
                up = False  # no room above: below the line instead
            elif not up and point_pt - (clear + apart) - size * 0.6 < 0:
                up = True
            dy = (clear - apart) if up else -(clear + apart)
    from matplotlib import patheffects

    return ax.annotate(
        label,
        (latest, value),
        xytext=(gap, dy),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=size,
        fontweight="bold",
        color=theme.values,
        gid="latest",
        annotation_clip=False,
        path_effects=[patheffects.withStroke(linewidth=3, foreground=theme.background)],
        zorder=6,
    )


def _clear_plot(ax: Axes) -> None:
    """Remove what ``draw_kpi`` drew and keep the axes: drawing a KPI again on the same
    axes skips building new ones (their ticks and spines cost about as much as the plot)."""
    for artist in [*ax.lines, *ax.collections, *ax.texts]:
        artist.remove()


def _one_axes(
    figure: Figure | None, width: float, height: float, dpi: float, theme: ChartTheme
) -> tuple[Figure, Axes]:
    """``(figure, axes)``: a new figure with one axes, or ``figure`` made empty again (its
    figure-level texts and legends removed, its axes kept and cleared), in ``theme``."""
    if figure is None:
        figure = Figure(figsize=(width, height), dpi=dpi)
    figure.patch.set_facecolor(theme.background)
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
    theme: ChartTheme = PAPER,
) -> Figure:
    """One KPI: monthly values, the target as it was each month with its on-target side
    shaded, the 3-month rolling average, months with notes circled, the latest value
    labelled, and a legend. ``figure``: one made here before, drawn again (faster)."""
    fig, ax = _one_axes(figure, width, height, dpi, theme)
    draw_kpi(ax, series, theme=theme)
    direction = "higher is better" if series.higher_is_better else "lower is better"
    title = fig.text(
        0.012, 1, series.name, fontsize=12.5, fontweight="bold", va="top", color=theme.text
    )
    status = fig.text(
        0.012,
        1,
        f"{status_text(series)}   ({direction})",
        fontsize=9.5,
        color=theme.muted,
        va="top",
    )
    gids = legend_gids([series])
    legend = fig.figimage(_legend_pixels(gids, fig.dpi, theme), zorder=3)
    fig.cscoach_layout = {  # type: ignore[attr-defined]
        "kind": "kpi",
        "texts": (title, status),
        "legend": (legend, gids, theme),
    }
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
    theme: ChartTheme = PAPER,
) -> Figure:
    """One panel of the dashboard as a figure of its own (titled with its latest status),
    so the screen redraws only the KPI that changed. ``columns``: how many panels share a
    row (longer names fit in wider panels)."""
    fig, ax = _one_axes(figure, width, height, dpi, theme)
    _draw_panel(ax, series, columns, theme)
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
    theme: ChartTheme = PAPER,
) -> Figure:
    """The dashboard's legend on its own (``gids`` from ``legend_gids``)."""
    if figure is None:
        figure = Figure(figsize=(width, height), dpi=dpi)
    figure.patch.set_facecolor(theme.background)
    for legend in [*figure.legends]:
        legend.remove()
    figure.legend(
        handles=_legend_entries(gids, compact=True, theme=theme),
        loc="center",
        ncols=max(len(gids), 1),
        fontsize=8,
        frameon=False,
        labelcolor=theme.text,
    )
    return figure


def _adjust(
    fig: Figure, *, left: float, right: float, top: float, bottom: float, **kw: float
) -> None:
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
        legend, gids, theme = info["legend"]  # pixels for this dpi, in the top right corner
        pixels = _legend_pixels(gids, fig.dpi, theme)
        legend.set_data(pixels)
        legend.ox = fig.bbox.width * 0.995 - pixels.shape[1]
        legend.oy = fig.bbox.height * 0.995 - pixels.shape[0]
        _adjust(fig, left=min(0.75, width * 0.2), right=0.2, top=0.95, bottom=0.62)
        return
    if info["kind"] == "panel":
        left = left_margin(info["columns"])
        _adjust(fig, left=left, right=RIGHT_MARGIN, top=PANEL_TOP, bottom=BOTTOM_SPACE)
        _fit_value_ticks(fig)
        _fit_panel_labels(fig)
        return
    rows, columns, years = info["rows"], info["columns"], info["years"]
    top, gap = LEGEND_SPACE + title_space(columns), row_gap(columns, years=years)
    bottom = bottom_space(years)
    panel = max((height - top - bottom - (rows - 1) * gap) / rows, 0.3)
    fig.subplots_adjust(
        left=min(left_margin(columns) / width, 0.2),
        right=1 - RIGHT_MARGIN / width,
        top=1 - top / height,
        bottom=bottom / height,
        hspace=gap / panel,
        wspace=panel_wspace(columns),
    )
    _fit_value_ticks(fig)
    _fit_panel_labels(fig)


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
        gids += ["target", "on_target"]
    gids.append("rolling")
    if any(m.month in s.months for s in series_list for m in s.marks):
        gids.append("actions")
    if any(
        note and value is not None
        for s in series_list
        for note, value in zip(s.notes, s.values, strict=True)
    ):
        gids.append("notes")
    return tuple(gids)


@functools.lru_cache(maxsize=32)
def _legend_pixels(gids: tuple[str, ...], dpi: float, theme: ChartTheme) -> np.ndarray:
    """One KPI's legend drawn once as RGBA pixels, cropped to it: pasted into the chart it
    draws in a fraction of the time a legend takes to lay itself out at every redraw."""
    fig = Figure(figsize=(8, 1), dpi=dpi)
    fig.patch.set_facecolor(theme.background)
    legend = fig.legend(
        handles=_legend_entries(gids, compact=False, theme=theme),
        loc="center",
        ncols=min(len(gids), 4),
        fontsize=8,
        frameon=False,
        labelcolor=theme.text,
    )
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    box = legend.get_window_extent(canvas.get_renderer())
    pixels = np.asarray(canvas.buffer_rgba())
    top, bottom = pixels.shape[0] - math.ceil(box.y1), pixels.shape[0] - math.floor(box.y0)
    return pixels[max(top, 0) : bottom, math.floor(box.x0) : math.ceil(box.x1)].copy()


def _legend_entries(gids: Sequence[str], *, compact: bool, theme: ChartTheme) -> list[Artist]:
    """Legend entries that look like the plotted lines (the legend owns no plotted artist)."""
    style = _styles(compact, theme)
    return [
        Patch(**_band_style(theme), label="On-target side")
        if gid == "on_target"
        else Line2D([], [], **style[gid])
        for gid in gids
    ]


def _band_style(theme: ChartTheme) -> dict[str, Any]:
    """The on-target side: a tint, and over it lines (a hatch) drawn more strongly than the
    tint, so that it still shows in grey, where the tint alone is too pale to see."""
    from matplotlib.colors import to_rgba

    style: dict[str, Any] = {"facecolor": to_rgba(theme.on_target, theme.shade_alpha)}
    if theme.shade_hatch:
        # the hatch takes the edge's colour (no edge is drawn: its width is 0)
        style.update(hatch=theme.shade_hatch, edgecolor=to_rgba(theme.on_target, theme.hatch_alpha))
    style.update(linewidth=0)
    return style


def _draw_panel(
    ax: Axes, series: KpiSeries, columns: int, theme: ChartTheme, years: bool = True
) -> None:
    """One small multiple: the KPI, its name and its latest status, both fitted to the
    panel's width by ``relayout`` (``_fit_panel_labels``): shortened, never running into
    the next panel."""
    ticks = {1: 12, 2: 8, 3: 6}.get(columns, 4)
    draw_kpi(ax, series, compact=True, max_ticks=ticks, theme=theme, years=years)
    status = series.status()
    colour = theme.on_target if status == ON_TARGET else theme.off_target if status else theme.muted
    title_size = TITLE_SIZES.get(columns, 8)
    status_size = STATUS_SIZES.get(columns, 7)
    name = " ".join(series.name.split())
    title = ax.set_title(
        name,
        loc="left",
        fontsize=title_size,
        fontweight="bold",
        color=theme.text,
        pad=STATUS_GAP + status_size * 1.4 + 2,
        y=1.0,  # a fixed place: fitting it above the ticks costs a tick layout per draw
    )
    line = ax.text(
        0.0, 1.0, "", transform=ax.transAxes, fontsize=status_size, color=colour, va="bottom"
    )
    ax.cscoach_labels = {  # type: ignore[attr-defined]
        "title": (title, name, title_size),
        "status": (line, status_variants(series), status_size),
    }


@functools.lru_cache(maxsize=4096)
def _text_width(value: str, size: float, bold: bool) -> float:
    """How wide ``value`` is in points in the charts' font (no renderer needed)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import text_to_path

    prop = FontProperties(size=size, weight="bold" if bold else "normal")
    return text_to_path.get_text_width_height_descent(value, prop, ismath=False)[0]


def _fitted(value: str, room: float, size: float, bold: bool) -> str:
    """``value``, or its longest start that fits ``room`` points with "…" after it."""
    if _text_width(value, size, bold) <= room:
        return value
    low, high = 0, len(value)
    while low < high - 1:
        mid = (low + high) // 2
        if _text_width(value[:mid].rstrip() + "…", size, bold) <= room:
            low = mid
        else:
            high = mid
    return value[:low].rstrip() + "…"


def _fitted_name(name: str, room: float, size: float) -> str:
    """A KPI's name as a panel's title in ``room`` points: whole, else without its
    parenthesis ("Net Promoter Score (NPS)" without "(NPS)"), else cut short with "…"."""
    if _text_width(name, size, True) <= room:
        return name
    plain = re.sub(r"\s*\([^()]*\)\s*$", "", name)
    if plain and _text_width(plain, size, True) <= room:
        return plain
    return _fitted(plain or name, room, size, True)


def _fit_panel_labels(fig: Figure) -> None:
    """Place each panel's title and status at the panel's left edge (over its value labels)
    and fit them to the panel's width: the longest status wording that fits, the name
    shortened with "…" only when it must be."""
    width_in, height_in = fig.get_size_inches()
    boxes = [ax.get_position() for ax in fig.axes]
    for ax, box in zip(fig.axes, boxes, strict=True):
        labels = getattr(ax, "cscoach_labels", None)
        if labels is None:
            continue
        axes_w = max(box.width * width_in, 0.1)
        axes_h = max(box.height * height_in, 0.1)
        to_left = [box.x0 - b.x1 for b in boxes if b.x1 <= box.x0 + 1e-9 and b is not box]
        room_left = min(to_left) if to_left else box.x0  # to the panel before, or the edge
        indent = max(min(room_left * width_in - LABEL_GAP, 0.5), 0.0)
        room = (indent + axes_w) * 72
        title, name, title_size = labels["title"]
        title.set_text(_fitted_name(name, room, title_size))
        title.set_x(-indent / axes_w)
        line, variants, status_size = labels["status"]
        fits = [v for v in variants if _text_width(v, status_size, False) <= room]
        line.set_text(fits[0] if fits else _fitted(variants[-1], room, status_size, False))
        line.set_position((-indent / axes_w, 1 + STATUS_GAP / 72 / axes_h))


def dashboard_figure(
    series_list: Sequence[KpiSeries],
    *,
    width: float = 10.0,
    panel_height: float = 2.55,
    dpi: float = 100,
    theme: ChartTheme = PAPER,
    years: bool = True,
) -> Figure:
    """Small multiples of every KPI given, each titled with its latest status (for print;
    the screen draws each panel as a figure of its own, ``panel_figure``). ``years``:
    whether the years are written under the months (not when a heading says them).

    Laid out with explicit margins (no constrained layout: it costs about 160 ms on every
    redraw of a six-panel figure).
    """
    rows, columns = dashboard_layout(len(series_list))
    height = dashboard_figure_height(len(series_list), panel_height, years=years)
    fig = Figure(figsize=(width, height), dpi=dpi)
    fig.patch.set_facecolor(theme.background)
    if not series_list:
        fig.text(0.5, 0.5, "No active KPIs to chart.", ha="center", va="center", color=theme.muted)
        return fig
    for index, series in enumerate(series_list):
        ax = fig.add_subplot(rows, columns, index + 1)
        _draw_panel(ax, series, columns, theme, years)
    gids = legend_gids(series_list)
    fig.legend(
        handles=_legend_entries(gids, compact=True, theme=theme),
        loc="upper center",
        bbox_to_anchor=(0.5, 1.0),
        ncols=len(gids),
        fontsize=8,
        frameon=False,
        labelcolor=theme.text,
        columnspacing=1.4,
        handlelength=1.8,
        handletextpad=0.5,
    )
    fig.cscoach_layout = {  # type: ignore[attr-defined]
        "kind": "dashboard",
        "rows": rows,
        "columns": columns,
        "years": years,
    }
    relayout(fig)
    return fig


def figure_png(fig: Figure, *, dpi: float = 150) -> bytes:
    """The figure as PNG bytes (for a reportlab ``Image``)."""
    fig.set_dpi(dpi)  # a chart made here places its pixel parts (a legend) for this dpi
    relayout(fig)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=dpi, facecolor=fig.get_facecolor())
    return out.getvalue()


def figure_pixels(fig: Figure, *, dpi: float = 150) -> Image.Image:
    """The figure drawn at ``dpi`` as an RGB PIL image, for a PDF: reportlab compresses raw
    pixels itself, so a PNG would only be encoded here to be decoded again there."""
    from PIL import Image

    fig.set_dpi(dpi)
    relayout(fig)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width, height = canvas.get_width_height(physical=True)
    rgba = Image.frombuffer("RGBA", (width, height), canvas.buffer_rgba(), "raw", "RGBA", 0, 1)
    return rgba.convert("RGB")  # the figure has a background, never transparent


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
