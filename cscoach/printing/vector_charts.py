"""The monthly review's small multiples drawn by reportlab itself, as vector graphics: crisp
at any printer's resolution, their words real text (selectable, searchable, read back),
drawn in a few milliseconds a panel instead of matplotlib's raster picture.

The same geometry as ``cscoach.charts.dashboard_geometry`` (so the review sizes the charts
before drawing them) and the same marks as the screen's charts: the monthly values with
dots, the target as a dashed step line with the on-target side tinted and hatched (the
hatch survives a black-and-white printer), the 3-month average, a ring round a month with a
note, a triangle on the axis and a dotted line up a month in which an action was done, and
the latest value's label right of its point with a halo, off the target line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from cscoach.charts.dashboard_geometry import (
    LEGEND_SPACE,
    STATUS_GAP,
    STATUS_SIZES,
    TITLE_SIZES,
    dashboard_figure_height,
    dashboard_layout,
    dashboard_panel_width,
    left_margin,
    panel_wspace,
    row_gap,
    title_space,
)
from cscoach.charts.kpi_scale import nice_ticks, y_limits
from cscoach.charts.kpi_status import status_variants
from cscoach.charts.theme import PAPER
from cscoach.model.kpi_series import KpiSeries
from cscoach.model.kpis import ON_TARGET
from cscoach.model.months import month_label
from cscoach.model.number_format import format_number
from cscoach.printing.base import FONT, FONT_BOLD, draw_text, shorten, text_width
from cscoach.printing.scripts import shaped

C = {
    name: colors.HexColor(value)
    for name, value in vars(PAPER).items()
    if isinstance(value, str) and value.startswith("#")
}
TICKS = {1: 12, 2: 8, 3: 6}  # the most month labels under a panel, by columns; else 4
LEGEND = ("values", "target", "on_target", "rolling", "actions", "notes")
LABELS = {
    "values": "Monthly value",
    "target": "Target",
    "on_target": "On-target side",
    "rolling": "3-month average",
    "actions": "Action done",
    "notes": "Has a note",
}


def legend_entries(series_list: Sequence[KpiSeries]) -> list[str]:
    """The legend's entries the charts need, in order (as on screen)."""
    found = ["values"]
    if any(t is not None for s in series_list for t in s.targets):
        found += ["target", "on_target"]
    found.append("rolling")
    if any(m.month in s.months for s in series_list for m in s.marks):
        found.append("actions")
    pairs = (zip(s.notes, s.values, strict=True) for s in series_list)
    if any(note and value is not None for pair in pairs for note, value in pair):
        found.append("notes")
    return found


class Dashboard(Flowable):
    """Every KPI's panel under one legend, ``width`` points wide, panels ``panel`` inches
    tall (its height is ``dashboard_figure_height``, as the raster dashboard's was)."""

    def __init__(self, series: Sequence[KpiSeries], width: float, panel: float) -> None:
        super().__init__()
        self.series = list(series)
        self.width = width
        self.panel = panel
        self.height = dashboard_figure_height(len(self.series), panel, years=False) * 72
        self.hAlign = "CENTER"

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        count = len(self.series)
        rows, columns = dashboard_layout(count)
        plot_w = dashboard_panel_width(count, self.width / 72) * 72
        gap_w = plot_w * panel_wspace(columns)
        left = left_margin(columns) * 72
        plot_h = self.panel * 72
        top = self.height - (LEGEND_SPACE + title_space(columns)) * 72
        self._legend(legend_entries(self.series))
        for index, series in enumerate(self.series):
            row, column = divmod(index, columns)
            x = left + column * (plot_w + gap_w)
            y = top - plot_h - row * (plot_h + row_gap(columns, years=False) * 72)
            # the title and status line may run on over the gap, never into the next
            # panel's (the last column's up to the right edge)
            room = plot_w + gap_w - 6 if column < columns - 1 else self.width - x
            _Panel(c, series, x, y, plot_w, plot_h, columns).draw(room)

    def _legend(self, entries: list[str]) -> None:
        c = self.canv
        size, sample, gap = 8, 16, 12
        widths = [sample + 4 + stringWidth(LABELS[e], FONT, size) for e in entries]
        x = (self.width - sum(widths) - gap * (len(entries) - 1)) / 2
        y = self.height - LEGEND_SPACE * 72 / 2 - 3
        for entry, width in zip(entries, widths, strict=True):
            _sample(c, entry, x, y + 3, sample)
            c.setFillColor(C["text"])
            c.setFont(FONT, size)
            c.drawString(x + sample + 4, y, LABELS[entry])
            x += width + gap


def _sample(c: Any, entry: str, x: float, y: float, width: float) -> None:
    """The legend's little picture of ``entry``."""
    canvas = c
    middle = x + width / 2
    canvas.saveState()
    if entry == "values":
        _line(canvas, [(x, y), (x + width, y)], C["values"], 1.4)
        _dots(canvas, [(middle, y)], 2, C["values"])
    elif entry == "target":
        _line(canvas, [(x, y), (x + width, y)], C["target"], 1.1, dash=(3, 2))
    elif entry == "rolling":
        _line(canvas, [(x, y), (x + width, y)], C["rolling"], 1.6, alpha=0.75)
    elif entry == "on_target":
        _band(canvas, [(x, y - 3.5), (x + width, y - 3.5), (x + width, y + 3.5), (x, y + 3.5)])
    elif entry == "actions":
        _triangle(canvas, middle, y - 2.5, 6, C["action"])
    elif entry == "notes":
        _ring(canvas, middle, y, 3.5, C["note"])
    canvas.restoreState()


class _Panel:
    """One KPI's plot with its title, status line, value grid and month labels."""

    def __init__(
        self, c: Any, series: KpiSeries, x: float, y: float, w: float, h: float, columns: int
    ) -> None:
        self.c, self.s = c, series
        self.x, self.y, self.w, self.h = x, y, w, h
        self.columns = columns
        self.bottom, self.top = y_limits(series)
        count = len(series.months)
        # room right of the last month for the latest value's label
        latest = series.latest_index()
        label_room = 0.0
        if latest is not None:
            label = format_number(series.values[latest])
            label_room = (
                stringWidth(label, FONT_BOLD, 7.5)
                + 8
                - (count - 1 - latest + 0.5) * (w / max(count, 1))
            )
        self.span = count - 0.5 + max(0.0, label_room) / (w / max(count + 1, 1))

    def px(self, index: float) -> float:
        return self.x + (index + 0.5) / (self.span + 0.5) * self.w

    def py(self, value: float) -> float:
        return self.y + (value - self.bottom) / (self.top - self.bottom or 1) * self.h

    def draw(self, title_room: float) -> None:
        c = self.c
        c.saveState()
        self._titles(title_room)
        self._grid()
        self._band_and_target()
        self._actions()
        self._path(self.s.rolling, C["rolling"], 1.5, alpha=0.75)
        self._path(self.s.values, C["values"], 1.3)
        points = [(self.px(i), self.py(v)) for i, v in enumerate(self.s.values) if v is not None]
        _dots(c, points, 1.8, C["values"])
        for i, value in enumerate(self.s.values):
            if value is not None and self.s.notes[i]:
                _ring(c, self.px(i), self.py(value), 3.6, C["note"])
        self._latest()
        self._months()
        c.restoreState()

    def _titles(self, room: float) -> None:
        c = self.c
        title_size = TITLE_SIZES.get(self.columns, 8)
        status_size = STATUS_SIZES.get(self.columns, 7)
        status_y = self.y + self.h + STATUS_GAP + 1
        title_y = status_y + status_size * 1.4 + 2
        name = " ".join(self.s.name.split())
        name = shorten(name, room, lambda v: text_width(shaped(v), FONT_BOLD, title_size))
        c.setFillColor(C["text"])
        draw_text(c, self.x, title_y, name, FONT_BOLD, title_size)
        status = self.s.status()
        colour = C["muted"]
        if status:
            colour = C["on_target"] if status == ON_TARGET else C["off_target"]
        variants = status_variants(self.s)
        fitting = [v for v in variants if stringWidth(v, FONT, status_size) <= room]
        c.setFillColor(colour)
        c.setFont(FONT, status_size)
        c.drawString(self.x, status_y, fitting[0] if fitting else variants[-1])

    def _grid(self) -> None:
        c = self.c
        most = max(3, min(6, round(self.h / 72 * 2.5)))
        c.setFont(FONT, 6.5)
        for value in nice_ticks(self.bottom, self.top, most):
            y = self.py(value)
            _line(c, [(self.x, y), (self.x + self.w, y)], C["grid"], 0.6)
            c.setFillColor(C["muted"])
            c.drawRightString(self.x - 3, y - 2.3, _tick(value))
        _line(c, [(self.x, self.y), (self.x, self.y + self.h)], C["axis"], 0.6)
        _line(c, [(self.x, self.y), (self.x + self.w, self.y)], C["axis"], 0.6)

    def _band_and_target(self) -> None:
        targets = self.s.targets
        limit = self.top if self.s.higher_is_better else self.bottom
        # the target's steps: each month's value from half a month before to half after
        runs: list[list[tuple[float, float]]] = []
        for i, target in enumerate(targets):
            if target is None:
                continue
            y = self.py(min(max(target, self.bottom), self.top))
            left, right = self.px(i - 0.5), self.px(i + 0.5)
            left, right = max(left, self.x), min(right, self.x + self.w)
            if runs and i > 0 and targets[i - 1] is not None:
                runs[-1] += [(left, y), (right, y)]
            else:
                runs.append([(left, y), (right, y)])
        for run in runs:
            edge = self.py(limit)
            _band(self.c, [*run, (run[-1][0], edge), (run[0][0], edge)])
            _line(self.c, run, C["target"], 1.0, dash=(3, 2))

    def _actions(self) -> None:
        where = {month: i for i, month in enumerate(self.s.months)}
        for mark in self.s.marks:
            if mark.month in where:
                x = self.px(where[mark.month])
                _line(self.c, [(x, self.y), (x, self.y + self.h)], C["action"], 0.7, dash=(1, 1.6))
                _triangle(self.c, x, self.y - 2.5, 6, C["action"])

    def _path(
        self, values: Sequence[float | None], colour: Any, width: float, alpha: float = 1
    ) -> None:
        run: list[tuple[float, float]] = []
        for i, value in enumerate([*values, None]):
            if value is None or not math.isfinite(value):
                if len(run) > 1:
                    _line(self.c, run, colour, width, alpha=alpha)
                run = []
            else:
                run.append((self.px(i), self.py(value)))

    def _latest(self) -> None:
        latest = self.s.latest_index()
        if latest is None:
            self.c.setFillColor(C["muted"])
            self.c.setFont(FONT, 8)
            self.c.drawCentredString(self.x + self.w / 2, self.y + self.h / 2, "No values yet")
            return
        value = self.s.values[latest]
        assert value is not None
        size = 7.5
        x, y = self.px(latest) + 5, self.py(value) - size * 0.35
        target = self.s.targets[latest]
        if target is not None:  # off the target line when it runs through the label
            apart = self.py(value) - self.py(target)
            clear = size * 0.6 + 2
            if abs(apart) < clear:
                up = value >= target and self.py(value) + clear + size < self.y + self.h
                y += (clear - apart) if up else -(clear + apart)
        label = format_number(value)
        c = self.c
        text = c.beginText(x, y)
        text.setFont(FONT_BOLD, size)
        text.setTextRenderMode(1)  # the halo: the letters' outline, wide, in the paper's colour
        c.setStrokeColor(C["background"])
        c.setLineWidth(2.2)
        c.setLineJoin(1)
        text.textOut(label)
        text.setTextRenderMode(0)  # filled letters again: the mode outlives the text object
        c.drawText(text)
        c.setFillColor(C["values"])
        c.setFont(FONT_BOLD, size)
        c.drawString(x, y, label)

    def _months(self) -> None:
        months = self.s.months
        count = len(months)
        if not count:
            return
        most = TICKS.get(self.columns, 4)
        step = max(1, math.ceil(count / most))
        c = self.c
        c.setFillColor(C["muted"])
        c.setFont(FONT, 6.5)
        for i in range(count - 1, -1, -step):  # the latest month always labelled
            name = month_label(months[i], short=True).split()[0]
            c.drawCentredString(self.px(i), self.y - 9, name)


def _tick(value: float) -> str:
    if float(value).is_integer():
        return str(int(value)).replace("-", "−")
    return f"{value:g}".replace("-", "−")


def _line(
    c: Any,
    points: Sequence[tuple[float, float]],
    colour: Any,
    width: float,
    *,
    dash: tuple[float, float] | None = None,
    alpha: float = 1,
) -> None:
    canvas = c
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setStrokeAlpha(alpha)
    canvas.setLineWidth(width)
    canvas.setLineJoin(1)
    canvas.setLineCap(1)
    if dash:
        canvas.setDash(*dash)
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _band(c: Any, points: Sequence[tuple[float, float]]) -> None:
    """The on-target side: a light tint and, clipped to it, a fine diagonal hatch."""
    canvas = c
    canvas.saveState()
    path = canvas.beginPath()
    path.moveTo(*points[0])
    for point in points[1:]:
        path.lineTo(*point)
    path.close()
    canvas.setFillColor(C["on_target"])
    canvas.setFillAlpha(PAPER.shade_alpha)
    canvas.clipPath(path, stroke=0, fill=1)
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    canvas.setStrokeColor(C["on_target"])
    canvas.setStrokeAlpha(0.45)
    canvas.setLineWidth(0.35)
    low, high, height = min(xs), max(xs), max(ys) - min(ys)
    x = low - height
    while x < high:
        canvas.line(x, min(ys), x + height, max(ys))
        x += 4
    canvas.restoreState()


def _dots(c: Any, points: Sequence[tuple[float, float]], r: float, colour: Any) -> None:
    """A round dot ``r`` points in radius at each point, all in one path: each a line of no
    length with round ends, which PDF paints as a filled circle (a circle of Bézier curves
    writes six times the numbers, and a year of 20 KPIs has 240 dots)."""
    if not points:
        return
    canvas = c
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setLineWidth(2 * r)
    canvas.setLineCap(1)
    path = canvas.beginPath()
    for x, y in points:
        path.moveTo(x, y)
        path.lineTo(x, y)
    canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()


def _ring(c: Any, x: float, y: float, r: float, colour: Any) -> None:
    c.saveState()
    c.setStrokeColor(colour)
    c.setLineWidth(1.1)
    c.circle(x, y, r, stroke=1, fill=0)
    c.restoreState()


def _triangle(c: Any, x: float, y: float, size: float, colour: Any) -> None:
    canvas = c
    path = canvas.beginPath()
    path.moveTo(x - size / 2, y)
    path.lineTo(x + size / 2, y)
    path.lineTo(x, y + size * 0.85)
    path.close()
    canvas.setFillColor(colour)
    canvas.drawPath(path, stroke=0, fill=1)
