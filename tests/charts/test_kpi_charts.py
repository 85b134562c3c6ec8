"""The KPI charts, asserted on the figure's data: values with gaps (never zeros), the
target as it was each month, the rolling average, note markers and the dashboard."""

from __future__ import annotations

import datetime as dt
import math
import subprocess
import sys

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from cscoach.charts import dashboard_geometry
from cscoach.charts import kpi_charts as kc
from cscoach.charts.kpi_status import status_text, status_variants
from cscoach.model import kpi_entries, kpi_series, kpis
from cscoach.model.kpi_series import KpiSeries
from cscoach.model.months import months_between
from cscoach.model.workbook import Workbook

TODAY = dt.date(2026, 11, 22)


def make_series(**changes) -> KpiSeries:
    values = (80.0, None, 90.0, 70.0, None, 85.0)
    data = {
        "kpi_id": 1,
        "name": "Customer satisfaction (CSAT)",
        "unit": "%",
        "higher_is_better": True,
        "months": ("2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"),
        "values": values,
        "targets": (85.0, 85.0, 85.0, 90.0, 90.0, 90.0),
        "rolling": tuple(kpi_series.rolling_average(values)),
        "notes": ("", "", "New menu", "", "", ""),
        "min_value": 0.0,
        "max_value": 100.0,
    }
    data.update(changes)
    return KpiSeries(**data)


def line(fig: Figure, gid: str, axes: int = 0):
    found = [a for a in fig.axes[axes].get_lines() if a.get_gid() == gid]
    assert len(found) == 1, gid
    return found[0]


def same(actual, expected) -> bool:
    return len(actual) == len(expected) and all(
        (math.isnan(a) and e is None) or a == pytest.approx(e)
        for a, e in zip(actual, expected, strict=True)
    )


def test_kpi_figure_data() -> None:
    fig = kc.kpi_figure(make_series())
    assert isinstance(fig, Figure)
    values = line(fig, "values").get_ydata()
    assert same(values, [80, None, 90, 70, None, 85])  # gaps are NaN, never 0
    assert list(line(fig, "values").get_xdata()) == [0, 1, 2, 3, 4, 5]
    target = line(fig, "target")
    assert list(target.get_ydata()) == [85, 85, 85, 90, 90, 90]
    assert target.get_drawstyle() == "steps-mid"  # a step where the target changed
    assert same(line(fig, "rolling").get_ydata(), [80, None, 85, 80, None, 77.5])
    notes = line(fig, "notes")
    assert list(notes.get_xdata()) == [2] and list(notes.get_ydata()) == [90]
    assert notes.cscoach_notes == [("2026-03", "New menu")]
    latest = next(t for t in fig.axes[0].texts if t.get_gid() == "latest")
    assert latest.get_text() == "85.0 %" and latest.xy == (5, 85.0)
    shaded = [c for c in fig.axes[0].collections if c.get_gid() == "on_target"]
    assert len(shaded) == 1
    top = fig.axes[0].get_ylim()[1]
    assert top <= 100 + 5  # clamped near the top of the KPI's range
    texts = " ".join(t.get_text() for t in fig.texts)
    assert "Customer satisfaction (CSAT)" in texts
    assert "✗ off target" in texts and "higher is better" in texts


def test_on_target_side_follows_direction() -> None:
    lower = make_series(name="Average resolution time", unit="hours", higher_is_better=False)
    fig = kc.kpi_figure(lower)
    shaded = next(c for c in fig.axes[0].collections if c.get_gid() == "on_target")
    ys = shaded.get_paths()[0].vertices[:, 1]
    assert min(ys) == pytest.approx(fig.axes[0].get_ylim()[0])  # shaded below the target


def test_status_text() -> None:
    s = make_series(
        values=(80.0, 86.0),
        months=("2026-05", "2026-06"),
        targets=(85.0, 85.0),
        rolling=(80.0, 83.0),
        notes=("", ""),
    )
    assert status_text(s) == "86.0 % · ✓ on target · ▲ better than May"
    hours = make_series(
        name="Average resolution time",
        unit="hours",
        higher_is_better=False,
        values=(20.0, 30.0, None),
        months=("2026-04", "2026-05", "2026-06"),
        targets=(24.0, 24.0, 24.0),
        rolling=(20.0, 25.0, None),
        notes=("", "", ""),
        max_value=None,
    )
    assert status_text(hours) == "30.0 hours · ✗ off target · ▲ worse than Apr · May 2026"
    empty = make_series(values=(None,) * 6, rolling=(None,) * 6, notes=("",) * 6)
    assert status_text(empty) == "no values yet"


def test_empty_series_draws_without_values() -> None:
    empty = make_series(values=(None,) * 6, rolling=(None,) * 6, notes=("",) * 6)
    fig = kc.kpi_figure(empty)
    assert all(math.isnan(v) for v in line(fig, "values").get_ydata())
    assert any(t.get_text() == "No values yet" for t in fig.axes[0].texts)
    assert kc.figure_png(fig, dpi=40).startswith(b"\x89PNG")


def test_dashboard_small_multiples(workbook: Workbook) -> None:
    csat = kpis.kpi_by_key(workbook, "csat").id
    for month, value in [("2026-08", 84), ("2026-10", 88)]:
        kpi_entries.set_entry(
            workbook, csat, month, value, "Busy" if value == 88 else "", today=TODAY
        )
    kpis.set_target(workbook, csat, 87, "2026-10", today=TODAY)
    first, last = kpi_series.chart_range(workbook, 12, today=TODAY)
    series = kpi_series.dashboard_series(workbook, first, last, today=TODAY)
    fig = kc.dashboard_figure(series)
    assert len(fig.axes) == 4
    assert fig.get_constrained_layout() is False
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles[0] == "Customer satisfaction (CSAT)" and titles[3] == "Average resolution time"
    values = line(fig, "values", 0).get_ydata()
    assert same(values[-3:], [84, None, 88])
    assert list(line(fig, "target", 0).get_ydata())[-3:] == [85, 85, 87]
    assert same(line(fig, "rolling", 0).get_ydata()[-3:], [84, None, 86])
    status = [t.get_text() for t in fig.axes[0].texts if "target" in t.get_text()]
    assert status == ["88.0 % · ✓ on target"]
    assert [t.get_text() for t in fig.axes[1].texts if t.get_gid() != "latest"] == [
        "No values yet",
        "no values yet",
    ]
    png = kc.dashboard_png(series, dpi=40)
    assert png.startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("count", "shape"), [(0, (1, 1)), (1, (1, 1)), (4, (2, 2)), (7, (3, 3)), (12, (3, 4))]
)
def test_dashboard_layout(count: int, shape: tuple[int, int]) -> None:
    assert dashboard_geometry.dashboard_layout(count) == shape
    fig = kc.dashboard_figure([make_series(kpi_id=n) for n in range(count)])
    assert len(fig.axes) == count


def test_long_ranges_thin_the_month_labels() -> None:
    months = tuple(months_between("2023-01", "2026-12"))
    values = tuple(float(n) for n in range(len(months)))
    s = make_series(
        months=months,
        values=values,
        targets=(20.0,) * len(months),
        rolling=tuple(kpi_series.rolling_average(values)),
        notes=("",) * len(months),
    )
    fig = kc.kpi_figure(s)
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert 4 <= len(labels) <= 14
    assert labels[0] == "Jan\n2023"


def test_charts_package_does_not_import_matplotlib() -> None:
    code = "import sys, cscoach.charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_status_wordings_from_longest_to_shortest() -> None:
    s = make_series(
        values=(80.0, 86.0),
        months=("2026-05", "2026-06"),
        targets=(85.0, 85.0),
        rolling=(80.0, 83.0),
        notes=("", ""),
    )
    assert status_variants(s) == (
        "86.0 % · ✓ on target · ▲ better than May",
        "86.0 % · ✓ on target · ▲ better",
        "86.0 % · ✓ · ▲ better",
        "86.0 % ✓ ▲",
    )


def test_charts_are_drawn_in_the_theme_given_and_in_paper_colours_by_default() -> None:
    from matplotlib.colors import to_hex

    from cscoach.charts.theme import PAPER, ChartTheme

    dark = ChartTheme(
        background="#282d32",
        text="#e6e9ec",
        muted="#a5b0ba",
        grid="#363d43",
        axis="#5b656e",
        values="#6cc0bf",
        target="#c5ced6",
        on_target="#81c995",
        off_target="#f28b82",
        rolling="#e3a75a",
        note="#f6cd8f",
    )
    for theme in (PAPER, dark):
        fig = kc.kpi_figure(make_series(), theme=theme)
        assert to_hex(fig.get_facecolor()) == theme.background
        assert to_hex(fig.axes[0].get_facecolor()) == theme.background
        assert to_hex(fig.texts[0].get_color()) == theme.text  # the title
        assert to_hex(line(fig, "values").get_color()) == theme.values
        assert to_hex(line(fig, "rolling").get_color()) == theme.rolling
        panel = kc.panel_figure(make_series(), 2, theme=theme)
        title, status = panel.axes[0].cscoach_labels["title"][0], panel.axes[0].texts[-1]
        assert to_hex(title.get_color()) == theme.text
        assert to_hex(status.get_color()) == theme.off_target  # 85 against 90: off target
        pixels = kc.figure_pixels(panel, dpi=40)
        assert "#{:02x}{:02x}{:02x}".format(*pixels.getpixel((1, 1))) == theme.background
    paper = kc.dashboard_figure([make_series()])  # print: always the paper colours
    assert to_hex(paper.get_facecolor()) == PAPER.background == "#ffffff"


@pytest.mark.parametrize("count", [4, 9, 20])
def test_panel_titles_and_statuses_stay_inside_their_panel(count: int) -> None:
    """However narrow the panels (four to a row on an A4 page), a title or status never runs
    into the next panel's: it is shortened to fit."""
    names = ["Customer satisfaction (CSAT)", "Email replied within 24 hours", "Loyalty sign-ups"]
    series = [
        make_series(
            kpi_id=n,
            name=names[n % 3],
            unit="people",
            values=(129.0, 134.5, 129.0, 131.0, 127.0, 129.0),
            max_value=None,
        )
        for n in range(count)
    ]
    fig = kc.dashboard_figure(series, width=6.68, panel_height=1.1, years=False)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    rows, columns = dashboard_geometry.dashboard_layout(count)
    for row in range(rows):
        boxes = []
        for ax in fig.axes[row * columns : (row + 1) * columns]:
            labels = ax.cscoach_labels
            texts = [labels["title"][0], labels["status"][0]]
            extents = [t.get_window_extent(renderer) for t in texts]
            boxes.append((min(e.x0 for e in extents), max(e.x1 for e in extents)))
            assert all(t.get_text() for t in texts)
        assert boxes[0][0] >= 0 and boxes[-1][1] <= fig.bbox.width
        for (_, right), (left, _) in zip(boxes, boxes[1:], strict=False):
            assert right < left, "a title or status runs into the next panel"
    if columns == 4:  # shortened there, not in wider panels
        assert fig.axes[0].cscoach_labels["status"][0].get_text() != status_text(series[0])
