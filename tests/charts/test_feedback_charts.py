"""The Feedback page's chart: stacked bands per kind, pickable, in any theme."""

from __future__ import annotations

import subprocess
import sys

from matplotlib.backends.backend_agg import FigureCanvasAgg

from cscoach.charts.feedback_charts import KindBand, KindBars, band_heights, kinds_figure
from cscoach.charts.theme import PAPER, ChartTheme

DATA = KindBars(
    ("2025-12", "2026-01", "2026-02"),
    (
        KindBand("compliment", "Compliments", (3, 0, 1)),
        KindBand("complaint", "Complaints", (1, 4, 0)),
    ),
)


def test_the_bands_hold_the_counts_stacked_month_by_month() -> None:
    fig = kinds_figure(DATA)
    assert band_heights(fig, "compliment") == [3, 0, 1]
    assert band_heights(fig, "complaint") == [1, 4, 0]
    bottoms = [p.get_y() for p in fig.axes[0].patches if p.get_gid() == "complaint"]
    assert bottoms == [3, 0, 1]
    picks = [getattr(p, "cscoach_pick", None) for p in fig.axes[0].patches if p.get_picker()]
    assert ("complaint", "2026-01") in picks and ("compliment", "2026-01") not in picks  # 0
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["Dec\n2025", "Jan\n2026", "Feb"]
    FigureCanvasAgg(fig).draw()


def test_the_chart_is_drawn_in_the_theme_given() -> None:
    dark = ChartTheme(**{**PAPER.__dict__, "background": "#282d32", "on_target": "#7fd08a"})
    fig = kinds_figure(DATA, theme=dark)
    assert fig.get_facecolor()[:3] == (0x28 / 255, 0x2D / 255, 0x32 / 255)
    first = next(p for p in fig.axes[0].patches if p.get_gid() == "compliment")
    assert first.get_facecolor()[:3] == (0x7F / 255, 0xD0 / 255, 0x8A / 255)


def test_nothing_said_says_so() -> None:
    empty = KindBars(("2026-01",), (KindBand("compliment", "Compliments", (0,)),))
    fig = kinds_figure(empty)
    assert "Nothing written down in these months" in [t.get_text() for t in fig.axes[0].texts]


def test_importing_the_module_imports_no_matplotlib() -> None:
    code = "import sys, cscoach.charts.feedback_charts; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
