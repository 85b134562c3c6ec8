"""The marks on a KPI chart where an action from the KPI's review was done (issue 19): a
triangle on the month's axis (gid ``actions``, with ``cscoach_actions``: (month, tooltip
text) for each, so a page can show the text on hover) and a dotted line up the month (gid
``action_line``). ``kpi_charts.draw_kpi`` draws them with the rest of the chart, in its
style ("actions") and theme (``ChartTheme.action``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cscoach.charts.theme import ChartTheme
from cscoach.model.kpi_series import KpiSeries

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def draw_marks(
    ax: Axes, series: KpiSeries, style: dict[str, Any], theme: ChartTheme
) -> dict[str, object]:
    """A triangle on the axis and a dotted line up each month in which an action from this
    KPI's review was done (nothing when there is none: the chart stays as it was); returns
    the triangles' line by its gid, ``actions``."""
    where = {month: index for index, month in enumerate(series.months)}
    marked = [(where[m.month], m) for m in series.marks if m.month in where]
    if not marked:
        return {}
    for index, _ in marked:
        ax.axvline(
            index,
            color=theme.action,
            linewidth=0.9,
            linestyle=(0, (1.5, 2)),
            alpha=0.8,
            zorder=1,
            gid="action_line",
        )
    line = ax.plot(
        [index for index, _ in marked],
        [0.0] * len(marked),
        transform=ax.get_xaxis_transform(),  # x in months, y on the axis
        clip_on=False,
        zorder=4,
        gid="actions",
        picker=True,
        pickradius=8,
        **style,
    )[0]
    line.cscoach_actions = [(m.month, m.tooltip) for _, m in marked]  # type: ignore[attr-defined]
    return {"actions": line}
