"""Where the parts of a KPI dashboard go, in inches and points: how many rows and columns,
the margins around each panel and the room its title and status line take. Plain arithmetic
(no matplotlib), so print can size a dashboard before it draws one."""

from __future__ import annotations

import math

LEGEND_SPACE = 0.42  # inches above a dashboard: its legend
BOTTOM_SPACE = 0.42  # under a panel: its month labels (two lines: month, then year)
MONTHS_SPACE = 0.34  # the month labels between two rows of a dashboard (tighter)
YEAR_LINE = 0.12  # of these, the line of years
PANEL_TOP = 0.52  # above a panel figure of its own (on screen): its title and status
RIGHT_MARGIN = 0.15

TITLE_SIZES = {1: 9.5, 2: 9.5, 3: 8.5}  # a panel's title in points, by columns; else 8
STATUS_SIZES = {1: 8, 2: 8, 3: 7.5}  # its status line; else 7
STATUS_GAP = 3  # points between a panel's plot and its status line
LABEL_GAP = 0.12  # inches between the title of a panel and that of the panel on its left


def dashboard_layout(count: int) -> tuple[int, int]:
    """(rows, columns) for ``count`` small multiples."""
    columns = 1 if count <= 1 else 2 if count <= 4 else 3 if count <= 9 else 4
    return max(1, math.ceil(count / columns)), columns


def left_margin(columns: int) -> float:
    """Inches left of a panel's plot: its value labels."""
    return 0.55 if columns > 1 else 0.7


def panel_wspace(columns: int) -> float:
    """The gap between two panels of a row, as a fraction of a panel's width (matplotlib's
    ``wspace``)."""
    return 0.32 if columns > 2 else 0.22


def title_space(columns: int) -> float:
    """Inches above a dashboard panel for its status line and its title."""
    status, title = STATUS_SIZES.get(columns, 7), TITLE_SIZES.get(columns, 8)
    return (STATUS_GAP + status * 1.4 + 2 + title * 1.3 + 3) / 72


def row_gap(columns: int, *, years: bool = True) -> float:
    """Inches between two rows of a dashboard: month labels, then the next titles."""
    return MONTHS_SPACE - (0 if years else YEAR_LINE) + title_space(columns)


def bottom_space(years: bool) -> float:
    """Inches under the last row of a dashboard: its month labels (with ``years``, two lines)."""
    return BOTTOM_SPACE - (0 if years else YEAR_LINE)


def dashboard_figure_height(count: int, panel_height: float, *, years: bool = True) -> float:
    """The height in inches of a dashboard of ``count`` KPIs with panels this tall."""
    rows, columns = dashboard_layout(count)
    return (
        LEGEND_SPACE
        + title_space(columns)
        + rows * panel_height
        + (rows - 1) * row_gap(columns, years=years)
        + bottom_space(years)
    )


def dashboard_panel_width(count: int, width: float) -> float:
    """How wide in inches each plot of a dashboard of ``count`` KPIs ``width`` wide is."""
    columns = dashboard_layout(count)[1]
    room = width - left_margin(columns) - RIGHT_MARGIN
    return room / (columns + (columns - 1) * panel_wspace(columns))
