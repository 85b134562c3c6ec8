"""The latest value's label on every chart: beside its own point (right of it, never over an
earlier month), clear of every line, of every point and of a note's circle, with a halo;
the on-target side in the legend, tinted and hatched so that a black-and-white printer or a
grey screen keeps it, on paper and in the screen's light and dark colours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from cscoach.charts import kpi_charts as kc
from cscoach.charts.theme import PAPER, ChartTheme
from cscoach.model import demo, kpi_series
from cscoach.model.kpi_series import KpiSeries
from cscoach.model.months import add_months
from cscoach.model.workbook import Workbook
from cscoach.ui import style
from cscoach.ui.pages.kpis.charts_tab import chart_theme

TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def demo_series(tmp_path_factory: pytest.TempPathFactory) -> list[KpiSeries]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.cscoach"
    demo.create_demo(path, today=TODAY)
    with Workbook.open(path, read_only=True) as wb:
        last = "2026-10"
        found = []
        for months_back in range(0, 7):  # the review of several months: labels in many places
            end = add_months(last, -months_back)
            found += kpi_series.dashboard_series(wb, add_months(end, -11), end, today=TODAY)
        return found


def crossings(ax, box: Bbox) -> list[str]:
    """The gids of the lines whose drawn path passes through ``box`` (display pixels)."""
    hit = []
    for line in ax.get_lines():
        if line.get_gid() not in ("values", "rolling", "target"):
            continue
        # as drawn (a step line's corners too), in display pixels; a gap leaves NaN
        points = line._get_transformed_path().get_fully_transformed_path().vertices
        points = points[~np.isnan(points).any(axis=1)]
        for a, b in zip(points[:-1], points[1:], strict=True):
            for t in np.linspace(0, 1, 25):
                x, y = a + (b - a) * t
                if box.x0 < x < box.x1 and box.y0 < y < box.y1:
                    hit.append(str(line.get_gid()))
                    break
            else:
                continue
            break
    return hit


def test_the_latest_label_is_beside_its_point_and_on_no_line(
    demo_series: list[KpiSeries],
) -> None:
    checked = 0
    for start in range(0, len(demo_series), 4):
        fig = kc.dashboard_figure(demo_series[start : start + 4], width=7.2, dpi=100)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        for ax, series in zip(fig.axes, demo_series[start : start + 4], strict=True):
            label = next(t for t in ax.texts if t.get_gid() == "latest")
            latest = series.latest_index()
            assert latest is not None
            box = label.get_window_extent(renderer)
            point = ax.transData.transform((latest, series.values[latest]))
            assert box.x0 > point[0] + 2, series.name  # right of its own point
            assert label.get_path_effects(), "a halo round the letters"
            assert crossings(ax, box.shrunk(0.9, 0.8)) == [], (series.name, series.months[-1])
            checked += 1
    assert checked >= 20


def test_the_on_target_side_is_in_the_legend_and_survives_grey() -> None:
    values = (80.0, 86.0, 88.0)
    series = KpiSeries(
        kpi_id=1,
        name="CSAT",
        unit="%",
        higher_is_better=True,
        months=("2026-04", "2026-05", "2026-06"),
        values=values,
        targets=(85.0, 85.0, 85.0),
        rolling=tuple(kpi_series.rolling_average(values)),
        notes=("", "", ""),
        min_value=0.0,
        max_value=100.0,
    )
    assert "on_target" in kc.legend_gids([series])
    fig = kc.dashboard_figure([series], width=4, dpi=100)
    labels = [t.get_text() for t in fig.legends[0].get_texts()]
    assert "On-target side" in labels
    band = next(c for c in fig.axes[0].collections if c.get_gid() == "on_target")
    assert band.get_hatch()  # lines a grey printer keeps
    # its tint alone is at least as dark as light grey 235 of 255, once printed in grey
    r, g, b = (int(PAPER.on_target[i : i + 2], 16) for i in (1, 3, 5))
    alpha = PAPER.shade_alpha
    grey = sum(
        w * (255 - alpha * (255 - c)) for w, c in zip((0.299, 0.587, 0.114), (r, g, b), strict=True)
    )
    assert grey <= 235


# The screen's colours, as the KPI page builds them from the app's palette (no hatch is
# named there, so the theme's own default is what the screen gets).
LIGHT = chart_theme(style.LIGHT)
DARK = chart_theme(style.DARK)


def grey(colour: tuple[float, ...], under: str) -> float:
    """The grey (0-255) of an RGBA colour laid over the colour ``under``."""
    from matplotlib.colors import to_rgb

    base = to_rgb(under)
    mixed = [colour[3] * c + (1 - colour[3]) * b for c, b in zip(colour[:3], base, strict=False)]
    return 255 * sum(w * c for w, c in zip((0.299, 0.587, 0.114), mixed, strict=True))


@pytest.mark.parametrize("theme", [LIGHT, DARK, PAPER], ids=["light", "dark", "paper"])
def test_the_on_target_side_is_hatched_and_in_the_legend_on_screen(theme: ChartTheme) -> None:
    series = demo_like()
    fig = kc.kpi_figure(series, theme=theme)
    band = next(c for c in fig.axes[0].collections if c.get_gid() == "on_target")
    assert band.get_hatch()
    # the hatch's lines stand out from the background in grey, more than the tint does
    lines = tuple(band.get_edgecolor()[0])  # the hatch's colour (the edge is not drawn)
    tint = tuple(band.get_facecolor()[0])
    background = grey((0, 0, 0, 0), theme.background)
    assert abs(grey(lines, theme.background) - background) >= 25
    assert abs(grey(lines, theme.background) - background) > abs(
        grey(tint, theme.background) - background
    )
    # in the legend: the one chart's (drawn as a picture) and the dashboard's
    gids = kc.legend_gids([series])
    assert "on_target" in gids
    entries = kc._legend_entries(gids, compact=False, theme=theme)
    swatch = next(e for e in entries if e.get_label() == "On-target side")
    assert swatch.get_hatch() == band.get_hatch()
    legend = kc.legend_figure(gids, theme=theme).legends[0]
    texts = [t.get_text() for t in legend.get_texts()]
    handles = dict(zip(texts, legend.legend_handles, strict=True))
    assert handles["On-target side"].get_hatch()


def demo_like(**changes) -> KpiSeries:
    """NPS as the demo has it: the latest month has a note (a circle round its point)."""
    values = (41.7, 35.0, 39.2, 38.8, 41.4, None, 38.4, 47.8, 52.9, 45.3, 47.9)
    data = {
        "kpi_id": 2,
        "name": "Net Promoter Score (NPS)",
        "unit": "score",
        "higher_is_better": True,
        "months": tuple(add_months("2025-12", n) for n in range(len(values))),
        "values": values,
        "targets": (40.0,) * len(values),
        "rolling": tuple(kpi_series.rolling_average(values)),
        "notes": ("",) * 6 + ("Kiosk",) + ("",) * 3 + ("New menu",),
        "min_value": -100.0,
        "max_value": 100.0,
    }
    data.update(changes)
    return KpiSeries(**data)


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize("kind", ["kpi", "panel"])
@pytest.mark.parametrize("noted", [True, False], ids=["noted", "plain"])
def test_on_screen_the_latest_label_sits_at_the_last_point_clear_of_everything(
    theme: ChartTheme, kind: str, noted: bool
) -> None:
    series = demo_like() if noted else demo_like(notes=("",) * 11)
    fig = (
        kc.kpi_figure(series, theme=theme)
        if kind == "kpi"
        else kc.panel_figure(series, 2, theme=theme)
    )
    ax = fig.axes[0]
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    label = next(t for t in ax.texts if t.get_gid() == "latest")
    latest = series.latest_index()
    assert latest == len(series.months) - 1
    assert label.xy == (latest, series.values[latest])  # anchored at the last point
    assert label.get_text().startswith("47.9")
    assert label.get_path_effects()  # the halo
    box = label.get_window_extent(renderer)
    point = ax.transData.transform((latest, series.values[latest]))
    # right of the point's marker, and of the circle round it when the month has a note
    ring = next(line for line in ax.get_lines() if line.get_gid() == "notes")
    radius = (ring.get_markersize() if noted else 0) / 2 + ring.get_markeredgewidth() / 2
    radius_px = max(radius, 3) * fig.dpi / 72
    assert box.x0 > point[0] + radius_px
    assert point[1] > box.y0 and point[1] < box.y1  # level with its point
    assert crossings(ax, box.shrunk(0.9, 0.8)) == []
    # no other point under it
    values = next(line for line in ax.get_lines() if line.get_gid() == "values")
    shown = [(x, y) for x, y in zip(*values.get_data(), strict=True) if not np.isnan(y)]
    for x, y in ax.transData.transform(shown):
        assert not box.contains(x, y)
