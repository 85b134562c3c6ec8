"""The latest value's label on every chart: beside its own point (right of it, never over an
earlier month), clear of every line, with a halo; the on-target side in the legend, shaded
so that a black-and-white printer keeps it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.transforms import Bbox

from cscoach.charts import kpi_charts as kc
from cscoach.charts.theme import PAPER
from cscoach.model import demo, kpi_series
from cscoach.model.kpi_series import KpiSeries
from cscoach.model.months import add_months
from cscoach.model.workbook import Workbook

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
