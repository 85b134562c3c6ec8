"""The colours a chart is drawn in, as plain data: the screen passes the app's light or dark
colours (``cscoach.ui.pages.kpis.charts_tab.chart_theme``), paper always uses ``PAPER``.

Kept apart from ``kpi_charts`` so that choosing colours imports no matplotlib, and the
charts package never has to know about Qt or the app's palettes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChartTheme:
    """Colours as matplotlib understands them ("#rrggbb"). Hashable: a canvas keys what it
    shows on its data and its theme, so a new theme draws it again."""

    background: str  # the figure and the plots
    text: str  # titles and legend labels
    muted: str  # month and value labels, "no values yet"
    grid: str  # the value grid lines
    axis: str  # the left and bottom axis lines
    values: str  # the monthly values and the latest value's label
    target: str  # the target line
    on_target: str  # the shaded on-target side and an on-target status
    off_target: str  # an off-target status
    rolling: str  # the 3-month average
    note: str  # the circle round a month with a note
    shade_alpha: float = 0.08  # how strongly the on-target side is tinted
    # Lines over the tint, in the on-target colour: the side still shows where there is no
    # colour to see (a grey printer or screen, a reader who cannot tell the greens apart)
    shade_hatch: str = "//"
    hatch_alpha: float = 0.3  # how strongly the lines are drawn
    action: str = "#7b5fb8"  # the mark on a month an action on the KPI was done


PAPER = ChartTheme(
    background="#ffffff",
    text="#1f2933",
    muted="#616e7c",
    grid="#e4e8eb",
    axis="#b7c0c7",
    values="#2f6f73",
    target="#3a4754",
    on_target="#2e7d32",
    off_target="#b3261e",
    rolling="#c77c1e",
    note="#7a4100",
    shade_alpha=0.14,
    shade_hatch="////",
)
